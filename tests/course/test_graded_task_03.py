"""The graded task of notebook 03 (escape the platform trap) as a GradedTask: practice keeps
today's task, a course secret draws a fair scenario of its own, and the notebook prints no
plan that earns full marks."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import asdict, fields

import nbformat
import pytest

import collabkit
from collabkit.assess import session
from collabkit.assess.assessed import Release, seal
from collabkit.course import graded_task, task_parameters
from collabkit.course.platform_economy_escape import (
    PRACTICE,
    EscapeScenario,
    evaluate_plan,
    plan_fraction,
)
from collabkit.models.platform import (
    HYBRID,
    LEVERS,
    PLATFORM_PRESETS,
    TRAP,
    PlatformMarket,
    PlatformStrategy,
)
from tests.conftest import NOTEBOOKS

QID = "03.escape.plan"
TASK = graded_task("03")
SECRETS = [bytes([i]) * 32 for i in range(20)]
NOTEBOOK = NOTEBOOKS / "03_platform_economy.ipynb"
#: Today's worked explanation of the practice task, word for word.
TODAYS_EXPLANATION = (
    "Cut the platform share to about 25 %, use two platforms, share less data (20 %), and "
    "split the 10 % budget between your own channel (5 %), data skills (2 %) and partners "
    "(3 %): the SMB escapes to Hybrid Collaboration, keeps its revenue and earns more than "
    "staying trapped."
)
#: Today's practice key: the Hybrid preset's platform levers with the budget split 5/2/3.
TODAYS_KEY = {
    "platform_share": 0.25, "n_platforms": 2, "data_sharing": 0.2, "coop_share": 0.0,
    "invest_direct": 0.05, "invest_data": 0.02, "invest_partners": 0.03,
}  # fmt: skip


@pytest.fixture(scope="module")
def drawn() -> list[dict]:
    return [TASK.course_parameters(secret) for secret in SECRETS]


@pytest.fixture(scope="module")
def built(drawn) -> list:
    return [TASK.question(parameters, QID) for parameters in drawn]


def fraction(question, answer) -> float:
    feedback = question.check(answer)
    return feedback.score / feedback.max_score


# -- practice: today's task ----------------------------------------------------------------


def test_practice_is_todays_scenario():
    market = PlatformMarket()
    assert TASK.practice["start"] == asdict(PLATFORM_PRESETS[TRAP])
    assert TASK.practice["budget"] == 0.10
    assert TASK.practice["market"] == {
        "take_rate": market.take_rate,
        "take_rate_max": market.take_rate_max,
        "association_cap": market.association_cap,
        "extraction": market.extraction,
    }
    assert TASK.practice["collective"] == {"association": 0.0, "cooperative": 0.3}
    assert task_parameters("03") == TASK.practice


def test_practice_question_is_todays():
    question = collabkit.get_question(QID)
    assert question.key == TODAYS_KEY != asdict(PLATFORM_PRESETS[HYBRID])
    assert question.points == 6
    assert "investing at most 10 % of sales in total" in question.prompt
    assert "keep at least 90 % of your revenue" in question.prompt
    assert question.explanation == TODAYS_EXPLANATION
    assert question.check(question.key).correct


def test_practice_feedback_is_the_practice_scenarios():
    question = collabkit.get_question(QID)
    plan = {"platform_share": 0.3, "invest_direct": 0.1, "invest_partners": 0.05}
    expected = evaluate_plan(plan, PRACTICE)
    message = question.check(plan).message
    assert all(score.message in message for score in expected)
    assert "you invest 15% of sales, 5% over the 10% budget" in message


# -- drawn scenarios -----------------------------------------------------------------------


def test_drawn_parameters_are_json_and_deterministic(drawn):
    for secret, parameters in zip(SECRETS, drawn, strict=True):
        assert json.loads(json.dumps(parameters)) == parameters
        assert TASK.course_parameters(secret) == parameters
        EscapeScenario.from_parameters(parameters)  # a valid start and market


def test_drawn_scenarios_differ_from_practice_and_from_each_other(drawn):
    assert all(parameters != TASK.practice for parameters in drawn)
    assert all(parameters["start"] != TASK.practice["start"] for parameters in drawn)
    assert len({json.dumps(p, sort_keys=True) for p in drawn}) == len(drawn)
    assert len({p["budget"] for p in drawn}) >= 3


def test_drawn_starts_are_trap_strategies_near_the_preset(drawn):
    for parameters in drawn:
        start = PlatformStrategy(**parameters["start"])
        assert start.platform_share >= 0.85 and start.n_platforms == 1
        assert start.coop_share == 0 and start.data_sharing >= 0.7


def test_each_drawn_key_earns_full_marks_and_doing_nothing_does_not(drawn, built):
    for parameters, question in zip(drawn, built, strict=True):
        assert question.check(question.key).correct
        scenario = EscapeScenario.from_parameters(parameters)
        assert plan_fraction(scenario.start, scenario) <= 0.5
        stay = question.check(parameters["start"])
        assert "✗ escape into Hybrid Collaboration or Synergistic Growth" in stay.message
        quit_ = question.check({**parameters["start"], "platform_share": 0.0})
        assert quit_.score / quit_.max_score <= 2 / 3


def test_the_practice_plan_does_not_earn_full_marks_in_a_drawn_scenario(built):
    assert all(fraction(question, TODAYS_KEY) < 1 for question in built)


def test_drawn_keys_differ_from_practice_and_across_secrets(built):
    keys = [json.dumps(question.key, sort_keys=True) for question in built]
    practice = json.dumps(TODAYS_KEY, sort_keys=True)
    assert practice not in keys
    assert len(set(keys)) >= 3


def test_drawn_texts_name_the_drawn_start_and_budget(drawn, built):
    for parameters, question in zip(drawn, built, strict=True):
        budget = parameters["budget"]
        assert f"investing at most {budget * 100:g} % of sales" in question.prompt
        share, data = parameters["start"]["platform_share"], parameters["start"]["data_sharing"]
        assert f"({share * 100:g} % of its offer on one platform" in question.prompt
        assert f"{data * 100:g} % of its data shared)" in question.prompt
        assert f"split the {budget * 100:g} % budget" in question.explanation
        for lever in ("invest_direct", "invest_data", "invest_partners"):
            assert f"({question.key[lever] * 100:g} %)" in question.explanation
        spend = budget + 0.05
        plan = {**question.key, "invest_partners": question.key["invest_partners"] + 0.05}
        message = question.check(plan).message
        assert f"you invest {spend:.0%} of sales, 5% over the {budget:.0%} budget" in message
        assert "✓" not in message  # every goal loses credit


def test_sealed_questions_carry_no_key(built):
    for question in [collabkit.get_question(QID), *built]:
        sealed = seal(question)
        text = json.dumps({f.name: getattr(sealed, f.name) for f in fields(sealed)}, default=str)
        assert json.dumps(question.key) not in text
        assert question.explanation not in text
        assert sealed.prompt == question.prompt and sealed.answer_format == "levers"
        with pytest.raises(AttributeError):
            sealed.key  # noqa: B018


# -- what the notebook shows ---------------------------------------------------------------

_LEVER_ROWS = {
    "share of offer on platforms": ("platform_share",),
    "number of platforms": ("n_platforms",),
    "data shared": ("data_sharing",),
    "share of offer on the co-op": ("coop_share",),
    "invest in own channel / data / partners": ("invest_direct", "invest_data", "invest_partners"),
}
#: The row of what the sellers do together (a share of sellers, not a lever of the plan).
_COLLECTIVE_ROW = "sellers in the association (all sellers together)"
_UNITS = {lever.name: lever.unit for lever in LEVERS}


def _read(unit: str, text: str) -> bool | int | float:
    if unit == "yes/no":
        return text == "yes"
    return int(text) if unit == "count" else float(text) / 100


def _read_cell(names: tuple[str, ...], cell: str) -> dict:
    """``"60 %"``, ``"3"``, ``"yes"`` or ``"5 / 5 / 3 %"`` as the levers ``names``."""
    parts = [part.strip() for part in cell.strip().removesuffix("%").split("/")]
    return {name: _read(_UNITS[name], part) for name, part in zip(names, parts, strict=True)}


def _table_plans(markdown: str) -> dict[str, dict]:
    """Column title → plan, for each column of the lever tables in ``markdown``."""
    rows = [
        [part.strip() for part in line.strip("|").split("|")]
        for line in markdown.splitlines()
        if line.startswith("|")
    ]
    titles = next((row[1:] for row in rows if row[0] == "Lever"), [])
    plans: dict[str, dict] = {title: {} for title in titles}
    for label, *cells in (row for row in rows if row[0] in _LEVER_ROWS):
        for title, cell in zip(titles, cells, strict=True):
            plans[title].update(_read_cell(_LEVER_ROWS[label], cell))
    return plans


def table_plans() -> dict[str, dict]:
    """Column title → plan, for every lever table of the notebook."""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    markdown = "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    return _table_plans(markdown)


def table_collectives() -> dict[str, dict]:
    """Column title → the collective action the lever table's columns assume."""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    markdown = "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    rows = [
        [part.strip() for part in line.strip("|").split("|")]
        for line in markdown.splitlines()
        if line.startswith("|")
    ]
    titles = next(row[1:] for row in rows if row[0] == "Lever")
    cells_ = next(row[1:] for row in rows if row[0] == _COLLECTIVE_ROW)
    return {
        title: {"association": float(cell.removesuffix("%").strip()) / 100}
        for title, cell in zip(titles, cells_, strict=True)
    }


def _code_plans(source: str) -> list[dict]:
    """Every dict literal in ``source`` that sets a lever."""
    names = {lever.name for lever in LEVERS}
    return [
        ast.literal_eval(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Dict)
        and any(isinstance(k, ast.Constant) and k.value in names for k in node.keys)
    ]


def printed_plans() -> list[dict]:
    """Every lever setting in the notebook's source: table columns and dicts in code."""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    code = [plan for c in cells if c.cell_type == "code" for plan in _code_plans(c.source)]
    return [*table_plans().values(), *code]


def test_the_lever_table_is_read():
    assert table_plans()[TRAP] == asdict(PLATFORM_PRESETS[TRAP])


def test_each_column_of_the_lever_table_gives_its_trajectory_in_the_explorer():
    from collabkit.analysis.trajectory import classify_trajectory
    from collabkit.models.platform import simulate_platform

    plans, collectives = table_plans(), table_collectives()
    assert set(plans) == set(PLATFORM_PRESETS) == set(collectives)
    for trajectory, plan in plans.items():
        run = simulate_platform(plan, collective=collectives[trajectory])
        assert classify_trajectory(run) == trajectory


def test_no_plan_printed_in_the_notebook_earns_full_marks_in_practice():
    question = collabkit.get_question(QID)
    for plan in printed_plans():
        assert fraction(question, plan) < 1, plan
    assert fraction(question, asdict(PlatformStrategy())) < 1  # where the explorer starts


def test_the_explorer_does_not_start_at_the_practice_answer():
    from collabkit.chapters import platform_economy as chapter

    explorer = chapter.platform_trajectory()
    start = {name: control.value for name, control in explorer.controls.items()}
    assert start != collabkit.get_question(QID).key


def test_the_graded_task_prose_states_no_practice_numbers():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith("## 7. Graded task"))
    section = "\n".join(c.source for c in cells[start:] if c.cell_type == "markdown")
    section = section.split("## Takeaways")[0]
    assert not re.search(r"\d+ ?%", section)
    assert any(c.source == "chapter.escape_brief()" for c in cells[start:])


@pytest.fixture
def assessed(monkeypatch, drawn):
    """An assessed kernel whose release carries the first secret's parameters."""
    release = Release(notebook="03", release_id="test", attempts=3, parameters=drawn[0])
    monkeypatch.setattr(session, "_release", release)
    return drawn[0]


def test_the_brief_and_the_plan_widget_follow_the_release(assessed):
    from collabkit.widgets.platform_economy import PlanWidget, escape_brief

    html = escape_brief().data
    assert f"Invest at most <b>{assessed['budget'] * 100:g} % of sales</b>" in html
    assert f"can rise to {assessed['market']['take_rate_max'] * 100:g} %" in html
    question = collabkit.get_question(QID)
    widget = PlanWidget(question, session.current_session())
    assert widget.value == assessed["start"]


def test_the_practice_brief_states_todays_numbers():
    from collabkit.widgets.platform_economy import escape_brief

    html = escape_brief().data
    assert "Invest at most <b>10 % of sales</b>" in html
    assert "<td>Share of offer on the platform</td><td>100 %</td>" in html
    assert "30 % of the sellers run a cooperative platform" in html
    assert "None of the other sellers bargain together in an SMB association" in html
