"""Scoring rules of each question type, on small questions built for the test."""

from __future__ import annotations

import numpy as np
import pytest

from collabkit.assess.questions import (
    Classification,
    FreeText,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    RubricPoint,
)

CHOICE = MultipleChoice(
    id="99.test.choice",
    prompt="Pick one.",
    options={"a": "Apples", "b": "Bananas", "c": "Cherries"},
    correct="b",
    misconceptions={"a": "Apples are red herrings."},
    hint="Yellow.",
)
MULTI = MultiSelect(
    id="99.test.multi",
    prompt="Tick all.",
    points=3,
    options={"a": "A", "b": "B", "c": "C", "d": "D"},
    correct=frozenset({"a", "b", "c"}),
    misconceptions={"d": "D is a decoy."},
    missed={"c": "C matters too."},
)
NUMBER = Numeric(
    id="99.test.number",
    prompt="How much, in €?",
    answer=1_200.0,
    unit="€",
    rel_tol=0.01,
    misconceptions=(NumericMisconception(12_000, "you multiplied by ten."),),
)
SORT = Classification(
    id="99.test.sort",
    prompt="Sort.",
    points=4,
    items={"Van": "pooling", "Discount": "bargaining", "Shop window": "reach", "Lab": "innovation"},
    categories=["pooling", "bargaining", "reach", "innovation"],
    misconceptions={"Lab": "A lab brings know-how."},
)
TEXT = FreeText(
    id="99.test.text",
    prompt="Explain.",
    rubric=(RubricPoint("trust", ("trust",)), RubricPoint("cost", ("cost", "price"))),
    model_answer="Partners need trust, and the cost must be shared fairly among all members "
    "so that nobody feels exploited and everybody keeps contributing over time.",
    instructor_graded=True,
)


def test_choice_accepts_key_or_option_text_in_any_case():
    assert CHOICE.check("b").correct
    assert CHOICE.check(" B ").correct
    assert CHOICE.check("bananas").correct
    assert CHOICE.check(["b"]).correct


def test_choice_names_the_misconception_and_offers_the_hint():
    feedback = CHOICE.check("a")
    assert feedback.score == 0
    assert "red herrings" in feedback.message
    assert feedback.hint == "Yellow."
    assert CHOICE.check("b").hint == ""  # no hint once right


def test_multiselect_partial_credit_is_right_minus_wrong_over_right():
    assert MULTI.check(["a", "b", "c"]).score == 3
    assert MULTI.check(["a", "b"]).score == pytest.approx(2)
    assert MULTI.check(["a", "b", "d"]).score == pytest.approx(1)
    assert MULTI.check(["a", "d"]).score == 0
    assert MULTI.check(["d"]).score == 0  # floored at zero


def test_multiselect_explains_wrong_and_missing_options():
    message = MULTI.check("a, d").message
    assert "D is a decoy" in message
    assert "C matters too" in message


def test_numeric_tolerance_and_parsing():
    for answer in (1_200, 1_205.0, "1,200", "1200 €", " 1200 ", "1.2e3", np.float64(1_200)):
        assert NUMBER.check(answer).correct, answer
    assert not NUMBER.check(1_250).correct
    assert Numeric(id="99.t.abs", prompt="n?", answer=6, abs_tol=0.5, rel_tol=0).check(6.4).correct
    assert Numeric(id="99.t.dec", prompt="n?", answer=12.5).check("12,5").correct


def test_numeric_feedback_says_which_way_and_names_misconceptions():
    assert "too high" in NUMBER.check(1_500).message
    assert "too low" in NUMBER.check(900).message
    assert "factor of ten" in NUMBER.check(100).message
    assert "multiplied by ten" in NUMBER.check(12_000).message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (True, "True/False"),
        (float("nan"), "NaN"),
        (float("inf"), "Infinity"),
        (10**400, "too large"),
        ("twelve", "not a number"),
        ([1, 2], "single number"),
        (None, "No answer yet"),
    ],
)
def test_numeric_unreadable_answers_are_explained(answer, phrase):
    feedback = NUMBER.check(answer)
    assert phrase in feedback.message
    assert feedback.score == 0


def test_classification_partial_credit_and_case_insensitivity():
    full = {"van": "Pooling", "DISCOUNT": "bargaining", "Shop window": "reach", "Lab": "innovation"}
    assert SORT.check(full).score == 4
    half = {"Van": "pooling", "Discount": "bargaining", "Lab": "reach"}
    feedback = SORT.check(half)
    assert feedback.score == pytest.approx(2)
    assert "Shop window" in feedback.message  # not placed yet
    assert "A lab brings know-how" in feedback.message


def test_classification_ignores_unknown_items_and_says_so():
    feedback = SORT.check({"Van": "pooling", "Spaceship": "reach"})
    assert feedback.score == pytest.approx(1)
    assert "matched no item" in feedback.message


def test_free_text_self_check_counts_rubric_ideas():
    assert TEXT.check(TEXT.model_answer).correct
    partial = TEXT.check(
        "Trust is what matters most, built over many months of working side by side "
        "with partners who keep their promises."
    )
    assert partial.score == pytest.approx(0.5)
    assert "cost" in partial.message  # the missing idea is named
    assert "instructor" in partial.message


def test_short_free_text_is_capped_at_half():
    feedback = TEXT.check("trust and cost")
    assert feedback.score == pytest.approx(0.5)
    assert "at least 15 words" in feedback.message


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: MultipleChoice(id="bad id", prompt="p", options={"a": "A"}, correct="a"), "id"),
        (
            lambda: MultipleChoice(id="99.a.b", prompt="p", options={"a": "A"}, correct="z"),
            "not an option",
        ),
        (
            lambda: MultipleChoice(
                id="99.a.b", prompt="p", points=0, options={"a": "A"}, correct="a"
            ),
            "points",
        ),
        (lambda: Numeric(id="99.a.b", prompt="p", answer=float("inf")), "finite"),
        (
            lambda: Classification(id="99.a.b", prompt="p", items={"x": "y"}, categories=["z"]),
            "categories",
        ),
        (lambda: FreeText(id="99.a.b", prompt="p", rubric=(), model_answer="m"), "rubric"),
    ],
)
def test_badly_written_questions_are_rejected(build, message):
    with pytest.raises(ValueError, match=message):
        build()
