"""Notebook 04's graded task: its keys come from the task's parameters (a firm panel's
settings and Kestrel Print's table), practice keeps today's keys, and each course secret
draws a well-posed task of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from collabkit.analysis.inverted_u import turning_point
from collabkit.assess import session
from collabkit.assess.assessed import Release, seal
from collabkit.chapters import over_collaboration as chapter
from collabkit.core.words import NUMBER_WORDS
from collabkit.course import get_question, task_parameters
from collabkit.course.over_collaboration import GRADED_TASK
from collabkit.course.over_collaboration_audit import LOW_FIT, PARTNER_DEPENDENCE, audit
from collabkit.course.over_collaboration_audit_examples import KESTREL_PRINT
from collabkit.course.over_collaboration_task import PRACTICE, kestrel_table
from collabkit.data import firm_panel
from tests.conftest import REPO

SECRETS = [bytes([i]) * 32 for i in range(20)]
NOTEBOOK = REPO / "notebooks" / "04_over_collaboration.ipynb"


def _clustered(panel: pd.DataFrame):
    """What the task asks for: controls, clustered by firm, Fieller interval."""
    return turning_point(
        panel["partners"],
        panel["revenue_growth"],
        groups=panel["firm_id"],
        controls=panel[["sector", "governance", "complementarity"]],
        method="fieller",
    )


def _ending(table: pd.DataFrame) -> list[str]:
    """The partners to end, by the audit's rules: fit of LOW_FIT or less, or more time
    cost (hours × 12 × 60 €) than value."""
    net = table["value"] - table["hours_per_month"] * 12 * 60
    return list(table["partner"][(table["strategic_fit"] <= LOW_FIT) | (net < 0)])


def _keys(parameters) -> dict[str, object]:
    return {qid: GRADED_TASK.question(parameters, qid).key for qid in GRADED_TASK.question_ids}


@pytest.fixture(scope="module")
def drawn() -> list[dict]:
    return [GRADED_TASK.course_parameters(secret) for secret in SECRETS]


@pytest.fixture(scope="module")
def practice_turn():
    return _clustered(firm_panel.load_firm_panel())


# -- practice: today's panel, today's table, today's keys --------------------------------


def test_practice_panel_is_the_shipped_one():
    assert PRACTICE["panel"] == {
        "seed": firm_panel.SEED,
        "turning_point": firm_panel.TRUE_TURNING_POINT,
        "n_firms": firm_panel.N_FIRMS,
        "years": len(firm_panel.YEARS),
    }
    pd.testing.assert_frame_equal(kestrel_table(PRACTICE), KESTREL_PRINT)


def test_practice_keys_are_todays(practice_turn):
    assert get_question("04.task.turning").key == round(practice_turn.estimate, 2)
    assert get_question("04.task.upper").key == round(practice_turn.ci_high, 2)
    end = get_question("04.task.end")
    assert list(end.options.values()) == list(KESTREL_PRINT["partner"])
    assert {end.options[letter] for letter in end.key} == set(_ending(KESTREL_PRINT))
    keep = round(practice_turn.estimate)
    advice = get_question("04.task.advice")
    assert set(advice.rubric[0].keywords) == {str(n) for n in (keep - 1, keep, keep + 1)} | {
        NUMBER_WORDS[n] for n in (keep - 1, keep, keep + 1)
    }
    assert f"about {NUMBER_WORDS[keep]} partnerships" in advice.model_answer


def test_practice_questions_are_the_tasks_with_practice_parameters():
    for qid in GRADED_TASK.question_ids:
        assert get_question(qid) == GRADED_TASK.question(PRACTICE, qid)


# -- drawn courses -------------------------------------------------------------------------


def test_drawn_parameters_round_trip_through_json_and_repeat(drawn):
    for secret, parameters in zip(SECRETS, drawn, strict=True):
        assert json.loads(json.dumps(parameters)) == parameters
        assert GRADED_TASK.course_parameters(secret) == parameters


def test_drawn_panels_peak_inside_the_data_with_a_finite_interval(drawn):
    for parameters in drawn:
        panel = firm_panel.generate(**parameters["panel"])
        assert panel["firm_id"].nunique() == parameters["panel"]["n_firms"]
        turn = _clustered(panel)
        assert turn.within_data
        assert turn.ci_low < turn.estimate < turn.ci_high < 12
        assert GRADED_TASK.question(parameters, "04.task.turning").key == round(turn.estimate, 2)
        assert GRADED_TASK.question(parameters, "04.task.upper").key == round(turn.ci_high, 2)


def test_drawn_tables_have_a_clear_set_to_end(drawn):
    for parameters in drawn:
        table = kestrel_table(parameters)
        assert sorted(table["partner"]) == sorted(KESTREL_PRINT["partner"])
        ending = _ending(table)
        assert 0 < len(ending) < len(table)
        end = GRADED_TASK.question(parameters, "04.task.end")
        assert list(end.options.values()) == list(table["partner"])
        assert [end.options[letter] for letter in end.key] == ending
        heavy = table["partner"][table["dependence"] >= PARTNER_DEPENDENCE]
        assert list(heavy) == ["Harbour Distribution"]


def test_feedback_names_the_partner_it_is_about(drawn):
    for parameters in drawn[:5]:
        end = GRADED_TASK.question(parameters, "04.task.end")
        notes = {**end.misconceptions, **end.missed}
        assert set(notes) == set(end.options)
        for letter, note in notes.items():
            assert note.startswith(end.options[letter])
        report = audit(kestrel_table(parameters)).partners
        assert len(report) == len(end.options)


def test_built_questions_accept_their_own_key(drawn):
    for parameters in [PRACTICE, *drawn]:
        for qid in GRADED_TASK.question_ids:
            question = GRADED_TASK.question(parameters, qid)
            feedback = question.check(question.key)
            assert feedback.score == feedback.max_score, (qid, feedback.message)


def test_keys_differ_across_courses_and_from_practice(drawn):
    practice = _keys(PRACTICE)
    keys = [_keys(parameters) for parameters in drawn]
    for qid in GRADED_TASK.question_ids:
        values = [json.dumps(k[qid]) for k in keys]
        assert len(set(values)) >= len(SECRETS) * 3 // 4, qid
        assert sum(v != json.dumps(practice[qid]) for v in values) >= len(SECRETS) * 3 // 4, qid


def test_the_advice_follows_the_drawn_estimate(drawn):
    for parameters in drawn:
        turn = _clustered(firm_panel.generate(**parameters["panel"]))
        keep = round(turn.estimate)
        advice = GRADED_TASK.question(parameters, "04.task.advice")
        assert advice.rubric[0].keywords[:2] == (str(keep), NUMBER_WORDS[keep])
        assert f"about {NUMBER_WORDS[keep]} partnerships" in advice.model_answer
        assert f"{turn.ci_high:.1f}" in advice.model_answer


def test_sealed_questions_carry_no_key(drawn):
    for parameters in [PRACTICE, *drawn[:5]]:
        for qid in GRADED_TASK.question_ids:
            question = GRADED_TASK.question(parameters, qid)
            sealed = seal(question)
            shown = json.dumps(
                [sealed.prompt, sealed.options, sealed.items, sealed.categories, sealed.choices],
                ensure_ascii=False,
            )
            assert question.explanation not in shown
            key = question.key
            if isinstance(key, float):
                assert f"{key:.2f}" not in shown and f"{key:g}" not in shown
            elif isinstance(key, str):
                assert key not in shown
            with pytest.raises(AttributeError):
                sealed.key  # noqa: B018


# -- the notebook shows the kernel's task, and no graded key -----------------------------


def test_the_chapter_shows_the_releases_task(drawn, monkeypatch):
    parameters = drawn[0]
    release = Release(notebook="04", release_id="test", attempts=3, parameters=parameters)
    monkeypatch.setattr(session, "_release", release)
    assert task_parameters("04") == parameters
    pd.testing.assert_frame_equal(chapter.kestrel_print(), kestrel_table(parameters))
    pd.testing.assert_frame_equal(chapter.task_panel(), firm_panel.generate(**parameters["panel"]))


def test_the_chapter_shows_todays_task_in_practice():
    pd.testing.assert_frame_equal(chapter.kestrel_print(), KESTREL_PRINT)
    pd.testing.assert_frame_equal(chapter.task_panel(), firm_panel.load_firm_panel())


def _notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells)


def test_no_notebook_source_shows_a_practice_key():
    text = _notebook_text(NOTEBOOK)
    for qid in ("04.task.turning", "04.task.upper"):
        key = get_question(qid).key
        for shown in (f"{key:,.6g} partners", f"{key:.2f}", f"{key:g}"):
            assert shown not in text, (qid, shown)
    end = get_question("04.task.end")
    names = [end.options[letter] for letter in end.key]
    assert ", ".join(names) not in text
    assert ", ".join(f"({letter})" for letter in end.key) not in text
    assert repr(end.key) not in text


def test_the_graded_section_uses_the_task_parameters():
    text = _notebook_text(NOTEBOOK)
    graded = text[text.index("## 11. Graded task") :]
    assert "chapter.task_panel()" in graded
    assert "chapter.kestrel_print()" in graded
    assert "KESTREL_PRINT" not in text


# -- what the task's widgets say agrees with what the task asks ----------------------------


def test_the_kestrel_audit_agrees_with_the_turning_point_the_task_asks_for(practice_turn):
    """The audit's curve is calibrated to the partners worth keeping: its peak lies within
    the audit's own tolerance of the panel's turning point, and Kestrel Print with the
    flagged partnerships ended is a balanced engagement (the advice the task rewards)."""
    from collabkit.course.over_collaboration_audit import ENGAGEMENT_TOLERANCE

    report = audit(KESTREL_PRINT)
    assert abs(report.optimum - round(practice_turn.estimate)) <= ENGAGEMENT_TOLERANCE
    assert f"peaks at {report.optimum} partners" in report.findings[1].message
    kept = KESTREL_PRINT[~KESTREL_PRINT["partner"].isin(_ending(KESTREL_PRINT))]
    assert abs(len(kept) - practice_turn.estimate) < 1
    assert audit(kept).findings[1].ok


@pytest.mark.parametrize(("question_id", "attribute"), [("04.task.turning", "estimate"),
                                                        ("04.task.upper", "ci_high")])  # fmt: skip
def test_a_close_but_rounded_answer_is_told_to_be_precise(practice_turn, question_id, attribute):
    """The plot says "about seven": 7 is close, not "too high"; the feedback asks for the
    two decimals the question wants."""
    key = getattr(practice_turn, attribute)
    question = get_question(question_id)
    for answer in (round(key), round(key * 2) / 2, round(key, 1) + 0.3):
        if abs(answer - key) <= question.abs_tol:
            continue
        feedback = question.check(answer)
        assert not feedback.correct
        assert "close" in feedback.message and "two decimals" in feedback.message
        assert f"give its {attribute}" in feedback.message
        assert "too high" not in feedback.message and "too low" not in feedback.message
    assert "too high" in question.check(key + 1).message


def test_common_slips_in_the_graded_fit_are_named(practice_turn):
    """The fit without controls, the delta method and the unclustered interval each get
    their own feedback, computed from the same panel."""
    panel = firm_panel.load_firm_panel()
    x, y, firms = panel["partners"], panel["revenue_growth"], panel["firm_id"]
    controls = panel[["sector", "governance", "complementarity"]]
    naive = turning_point(x, y, groups=firms, method="fieller")
    delta = turning_point(x, y, groups=firms, controls=controls, method="delta")
    unclustered = turning_point(x, y, controls=controls, method="fieller")
    turning, upper = get_question("04.task.turning"), get_question("04.task.upper")
    assert "add the controls" in turning.check(round(naive.estimate, 2)).message
    assert "delta-method" in upper.check(round(delta.ci_high, 2)).message
    assert "groups=panel.firm_id" in upper.check(round(unclustered.ci_high, 2)).message
    assert "without controls" in upper.check(round(naive.ci_high, 2)).message


def test_the_advice_self_check_is_proportional_to_what_it_covers():
    """Worked examples: a weak answer (a number to copy) earns little, a middling one
    (evidence without its limits, one audit reason) about half, a strong one (evidence,
    its limits, judgement from the audit, autonomy, review) full marks."""
    advice = get_question("04.task.advice")
    keep = NUMBER_WORDS[round(get_question("04.task.turning").key)]
    weak = f"Keep {keep} partners because the regression says so. " * 3
    middling = (
        f"The panel's turning point says firms like Kestrel Print do best with about {keep} "
        "partners, with a 95 % confidence interval around it, so twelve is too many. Kestrel "
        "should end the partnerships whose hours cost more than they bring in, because that "
        "time could go into printing jobs for its own customers instead. Then the owner will "
        "be less busy and the firm should earn more from the partners it keeps working with "
        "over the coming months and years."
    )
    strong = advice.model_answer
    scores = [advice.check(text).score / advice.points for text in (weak, middling, strong)]
    assert scores[0] <= 0.25
    assert 0.35 <= scores[1] <= 0.65
    assert scores[2] == 1
    assert scores[0] < scores[1] < scores[2]
