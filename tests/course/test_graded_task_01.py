"""Notebook 01's graded task, the van shared on Mill Street, built from its parameters."""

from __future__ import annotations

import dataclasses
import json

import pytest

import collabkit.course as course
from collabkit.assess.assessed import Release, seal
from collabkit.assess.questions import FreeText, MultipleChoice
from collabkit.course.fundamentals import GRADED_TASK, MILL_STREET_SHOPS

SECRETS = [bytes([i]) * 32 for i in range(20)]
PRACTICE = GRADED_TASK.practice
COURSES = [GRADED_TASK.course_parameters(secret) for secret in SECRETS]
#: The right option's text in today's (practice) order.
RIGHT_OPTION = {
    "01.task.type": "A functional network: peers sharing one business task, delivery",
    "01.task.governance": "Split the cost by recorded use, kept in a booking log all can see",
}


def cost_per_firm(van: float, pair: float, n: int) -> float:
    return van / n + pair * (n - 1) / 2


def cheapest(parameters) -> tuple[int, float]:
    """The cheapest whole size and its cost per firm, by trying every size on the street."""
    van, pair = parameters["asset_cost"], parameters["coordination_cost"]
    costs = {n: cost_per_firm(van, pair, n) for n in range(1, MILL_STREET_SHOPS + 1)}
    best = min(costs, key=costs.get)
    return best, costs[best]


def built(parameters, qid: str):
    return GRADED_TASK.question(parameters, qid)


def test_practice_gives_todays_keys():
    assert (PRACTICE["asset_cost"], PRACTICE["coordination_cost"]) == (40_000, 2_500)
    assert built(PRACTICE, "01.task.size").key == cheapest(PRACTICE)[0] == 6
    assert built(PRACTICE, "01.task.cost").key == pytest.approx(40_000 / 6 + 2_500 * 5 / 2)
    assert built(PRACTICE, "01.task.type").key == "a"
    assert built(PRACTICE, "01.task.governance").key == "a"
    memo = built(PRACTICE, "01.task.memo")
    assert memo.model_answer.startswith("Six shops should share the van: each then pays about "
                                        "12,917 € a year instead of 40,000 € alone. Adding a "
                                        "seventh shop")  # fmt: skip
    assert memo.rubric[0].keywords == ("six", "6 firms", "6 shops", "six firms")
    assert memo.rubric[1].keywords == ("12,9", "12 9", "12917", "12,917", "12.9")


def test_the_bank_lists_the_practice_questions_in_the_tasks_order():
    ids = [q.id for q in course.all_questions() if q.id.startswith("01.task")]
    assert ids == list(GRADED_TASK.question_ids)
    assert course.get_question("01.task.size") == built(PRACTICE, "01.task.size")


@pytest.mark.parametrize("secret", SECRETS[:3])
def test_draw_is_deterministic_and_json(secret):
    parameters = GRADED_TASK.course_parameters(secret)
    assert parameters == GRADED_TASK.course_parameters(secret)
    assert json.loads(json.dumps(parameters)) == parameters


@pytest.mark.parametrize(
    "parameters", COURSES, ids=lambda p: f"{p['asset_cost']}/{p['coordination_cost']}"
)
def test_a_course_has_one_clearly_cheapest_size_in_range(parameters):
    assert 24_000 <= parameters["asset_cost"] <= 60_000 and parameters["asset_cost"] % 1_000 == 0
    assert 1_000 <= parameters["coordination_cost"] <= 4_000
    assert parameters["coordination_cost"] % 100 == 0  # the explorer's slider step
    best, cost = cheapest(parameters)
    assert 3 <= best <= 10 < MILL_STREET_SHOPS
    van, pair = parameters["asset_cost"], parameters["coordination_cost"]
    for neighbour in (best - 1, best + 1):
        assert cost_per_firm(van, pair, neighbour) > cost * 1.005
    assert built(parameters, "01.task.size").key == best
    assert built(parameters, "01.task.cost").key == pytest.approx(cost)
    for qid in ("01.task.type", "01.task.governance"):
        question = built(parameters, qid)
        assert question.options[question.key] == RIGHT_OPTION[qid]
        shown = parameters[qid.split(".")[-1] + "_options"]
        assert shown == list(question.options.values())  # the order the student sees
        assert sorted(shown) == sorted(course.get_question(qid).options.values())


@pytest.mark.parametrize("parameters", COURSES[:5], ids=str)
@pytest.mark.parametrize("qid", GRADED_TASK.question_ids)
def test_each_question_gives_its_own_key_full_marks_and_seals_without_it(parameters, qid):
    question = built(parameters, qid)
    feedback = question.check(question.key)
    if isinstance(question, FreeText):
        assert feedback.score == question.points  # the model answer meets its own rubric
    else:
        assert feedback.correct and feedback.score == question.points
    sealed = seal(question)
    shown = json.dumps([str(getattr(sealed, f.name)) for f in dataclasses.fields(sealed)])
    assert question.explanation not in shown and sealed.hint == ""
    assert not hasattr(sealed, "answer") and not hasattr(sealed, "rubric")
    if question.id == "01.task.cost":
        assert f"{question.key:,.0f}" not in shown
    elif isinstance(question, FreeText):
        assert question.model_answer not in shown
    elif isinstance(question, MultipleChoice):
        assert sealed.options == question.options


def test_keys_differ_across_courses_and_from_practice():
    for qid in GRADED_TASK.question_ids:
        keys = [json.dumps(built(p, qid).key) for p in COURSES]
        practice = json.dumps(built(PRACTICE, qid).key)
        assert len(set(keys)) >= 3, qid
        assert sum(key != practice for key in keys) >= len(keys) / 2, qid


def test_feedback_names_the_mistake_with_the_courses_numbers():
    parameters = COURSES[0]
    van, pair = parameters["asset_cost"], parameters["coordination_cost"]
    best, _ = cheapest(parameters)
    size = built(parameters, "01.task.size")
    assert "continuous optimum" in size.check((2 * van / pair) ** 0.5).message
    assert "smaller" in size.check(MILL_STREET_SHOPS).message
    assert f"{van:,}" in size.prompt and f"{pair:,}" in size.prompt
    cost = built(parameters, "01.task.cost")
    assert "only the van's share" in cost.check(van / best).message
    assert f"{van:,} / n + {pair:,}" in cost.hint
    memo = built(parameters, "01.task.memo")
    assert f"size ({best})" in memo.explanation
    for qid in ("01.task.type", "01.task.governance"):
        question = built(parameters, qid)
        assert isinstance(question, MultipleChoice)
        today = built(PRACTICE, qid)
        for letter, text in question.options.items():
            if letter != question.key:
                old = next(k for k, v in today.options.items() if v == text)
                assert question.check(letter).message.endswith(today.misconceptions[old])


def test_an_assessed_kernel_works_with_the_courses_numbers(monkeypatch):
    parameters = COURSES[1]
    release = Release(notebook="01", release_id="test", attempts=3, parameters=parameters)
    monkeypatch.setattr(course, "active_release", lambda: release)
    assert course.task_parameters("01") == parameters
    question = course.get_question("01.task.size")
    assert question.kind == "sealed"
    assert f"{parameters['asset_cost']:,} €" in question.prompt
