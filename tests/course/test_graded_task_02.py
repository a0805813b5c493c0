"""Notebook 02's graded task: governance forms and the Millbrook delivery network, built from
parameters. Practice mode keeps today's questions; a course secret draws a course's own
situations, firms and limits, for which a design meeting every goal exists."""

from __future__ import annotations

import dataclasses
import json
import time

import networkx as nx
import pandas as pd
import pytest

from collabkit.assess import session
from collabkit.assess.assessed import Release, seal
from collabkit.assess.questions import Classification, Rubric
from collabkit.course import examples, get_question
from collabkit.course import network_design as bank
from collabkit.course.network_design_challenge import evaluate_design
from collabkit.widgets.network_design_challenge import design_brief
from tests.conftest import NOTEBOOKS, REPO

TASK = bank.GRADED_TASK
SECRETS = [bytes([i]) * 32 for i in range(20)]
COURSES = [TASK.course_parameters(secret) for secret in SECRETS]
FORMS = ("shared governance", "lead organisation", "network administrative organisation")


def governance(parameters) -> Classification:
    return TASK.question(parameters, "02.challenge.governance")


def design(parameters) -> Rubric:
    return TASK.question(parameters, "02.challenge.design")


def ring(firms) -> list[list[str]]:
    return [[firms[i], firms[(i + 1) % len(firms)]] for i in range(len(firms))]


# --- practice mode: today's questions ---------------------------------------------------
def test_practice_governance_is_four_situations_one_form_used_twice():
    """Like a course's draw: one situation of each form and one more, so the matching is no
    bijection that could be solved by elimination."""
    question = governance(TASK.practice)
    assert question.key == {
        "Five neighbouring shops of similar size who trust each other share a van": FORMS[0],
        "A large retailer coordinates its 40 small suppliers": FORMS[1],
        "80 tourism firms of a region fund an office with a manager for joint marketing": FORMS[2],
        bank.FARM_CO_OP: FORMS[0],
    }
    assert list(question.categories) == list(FORMS)
    wrong = {situation: FORMS[0] for situation in question.items}
    feedback = question.check(wrong)
    assert feedback.score == pytest.approx(2 * 2 / 4)
    assert bank.GOVERNANCE_REASONS[FORMS[1]] in feedback.message and "goals" in feedback.message


def test_practice_design_is_todays_brief_and_ring():
    question = design(TASK.practice)
    firms = examples.DESIGN_BRIEF.firms
    assert question.prompt == (
        "Design the delivery network of ten Millbrook firms. QuickHop Delivery and Willow "
        "Couriers provide logistics. Goals: every firm within 2 links of a logistics "
        "provider; the network stays connected whichever single firm leaves; at most 13 "
        "links; no firm with more than 4 links. Add links with the two menus, then check."
    )
    assert tuple(question.choices) == firms
    assert question.key == ring(firms)  # QuickHop and Willow Couriers five steps apart
    for answer in (question.key, question.key[:-1], [[firms[0], f] for f in firms[1:]]):
        assert question.check(answer).message == get_question(question.id).check(answer).message
        assert question.evaluate(answer) == evaluate_design(examples.DESIGN_BRIEF, answer)
    assert "opposite each other (five steps apart)" in question.explanation


def test_the_design_hint_does_not_give_the_design_away():
    for parameters in (TASK.practice, *COURSES):
        hint = design(parameters).hint.casefold()
        assert "ring" not in hint and "circle" not in hint and "opposite" not in hint


# --- course parameters ------------------------------------------------------------------
def test_course_parameters_are_json_and_deterministic():
    for secret, parameters in zip(SECRETS, COURSES, strict=True):
        assert json.loads(json.dumps(parameters)) == parameters
        assert TASK.course_parameters(secret) == parameters
    started = time.perf_counter()
    TASK.course_parameters(b"\xff" * 32)
    assert time.perf_counter() - started < 0.5


def test_keys_differ_across_courses_and_from_practice():
    for build in (governance, design):
        keys = [json.dumps(build(parameters).key, sort_keys=True) for parameters in COURSES]
        practice = json.dumps(build(TASK.practice).key, sort_keys=True)
        assert len(set(keys)) >= 18
        assert sum(key != practice for key in keys) >= 18


def test_the_firms_come_from_millbrook_in_the_valley_cluster():
    firms = pd.read_csv(REPO / "datasets" / "cluster_firms.csv")
    millbrook = firms[firms["town"] == "Millbrook"]
    logistics = millbrook["sector"] == "logistics"
    assert examples.MILLBROOK_LOGISTICS == tuple(millbrook.loc[logistics, "name"])
    assert examples.MILLBROOK_FIRMS == tuple(millbrook.loc[~logistics, "name"])
    for parameters in COURSES:
        assert 9 <= len(parameters["firms"]) == len(set(parameters["firms"])) <= 11
        assert len(parameters["logistics"]) == 2
        assert set(parameters["logistics"]) <= set(examples.MILLBROOK_LOGISTICS)
        others = set(parameters["firms"]) - set(parameters["logistics"])
        assert others <= set(examples.MILLBROOK_FIRMS)


def test_every_course_brief_can_be_met_in_full():
    for parameters in COURSES:
        question = design(parameters)
        feedback = question.check(question.key)
        assert feedback.score == question.points, feedback.message
        assert feedback.message.startswith("4 of 4 goals met.")


def test_no_course_brief_is_met_by_an_obvious_design():
    """A star overloads its hub and fails with it, a full mesh breaks the budget, and the
    budget leaves little room beyond the fewest links the goals need."""
    for parameters in COURSES:
        question = design(parameters)
        firms, hub = parameters["firms"], parameters["logistics"][0]
        size = len(firms)
        star = [[hub, firm] for firm in firms if firm != hub]
        assert question.check(star).score < question.points
        assert question.check(list(nx.complete_graph(firms).edges)).score < question.points
        # every firm needs two links to survive any exit: at least as many links as firms
        assert size <= parameters["max_links"] <= len(question.key) + 3
        assert 3 <= parameters["max_links_per_firm"] <= 4


def test_eleven_firms_need_more_than_a_ring():
    """Each logistics firm of a ring reaches five firms within 2 links: ten, not eleven."""
    eleven = [p for p in COURSES if len(p["firms"]) == 11]
    assert eleven, "no course of the sample has eleven firms"
    for parameters in eleven:
        question = design(parameters)
        providers = parameters["logistics"]
        others = [f for f in parameters["firms"] if f not in providers]
        spread = [providers[0], *others[:4], providers[1], *others[4:]]
        assert question.evaluate(ring(spread))[0].fraction < 1
        assert len(question.key) == 12
        extra = question.key[-1]
        assert f"Add a link {extra[0]}–{extra[1]}" in question.explanation


def test_course_governance_shows_each_form_and_one_more():
    for parameters in COURSES:
        question = governance(parameters)
        assert len(question.items) == 4
        assert set(question.items.values()) == set(FORMS)
        for situation, form in question.items.items():
            assert bank.GOVERNANCE_SITUATIONS[situation] == form
            assert form in question.misconceptions[situation]
    orders = {tuple(governance(parameters).items) for parameters in COURSES}
    assert len(orders) >= 18


# --- assessed mode ----------------------------------------------------------------------
def test_sealed_questions_carry_no_key_and_no_explanation():
    for parameters in (TASK.practice, *COURSES[:5]):
        for build in (governance, design):
            question = build(parameters)
            sealed = seal(question)
            fields = repr(dataclasses.asdict(sealed))
            assert json.dumps(question.key) not in fields
            assert repr(question.key) not in fields
            assert question.explanation not in fields
            assert sealed.hint == ""
            assert sealed.prompt == question.prompt


def test_design_brief_shows_the_course_brief(monkeypatch):
    assert "**QuickHop Delivery** and **Willow Couriers**" in design_brief().data
    parameters = COURSES[0]
    release = Release("02", "abc", 3, parameters)
    monkeypatch.setattr(session, "_release", release)
    text = design_brief().data
    assert f"at most **{parameters['max_links']} links**" in text
    assert all(firm in text for firm in parameters["firms"])
    assert get_question("02.challenge.design").prompt == design(parameters).prompt


def test_the_notebook_states_no_practice_brief_as_fact():
    notebook = json.loads((NOTEBOOKS / "02_network_design.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(cell["source"]) for cell in notebook["cells"])
    assert "chapter.design_brief()" in text
    assert "Willow Couriers" not in text and "13 links" not in text
