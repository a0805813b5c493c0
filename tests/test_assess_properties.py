"""Every question of the course scores any answer without raising (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collabkit
from collabkit.assess.feedback import Feedback

QUESTIONS = collabkit.all_questions()
IDS = [q.id for q in QUESTIONS]


class BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr is broken")

    def __str__(self) -> str:
        raise RuntimeError("str is broken")


NASTY = [
    None,
    "",
    "   ",
    float("nan"),
    float("inf"),
    -float("inf"),
    10**100,
    10**400,
    -(10**400),
    "abc",
    [],
    {},
    (),
    set(),
    True,
    b"bytes",
    {"a": {"b": {"c": [1, 2, {"d": None}]}}},
    [[[[[]]]]],
    "x" * 1_000_000,
    "<script>alert(1)</script>",
    np.float64("nan"),
    np.int64(7),
    np.array([1.0, 2.0]),
    BrokenRepr(),
    object(),
    Feedback,
]

json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=200)
    | st.binary(max_size=20),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=20), children, max_size=5)
        | st.frozensets(st.text(max_size=5), max_size=4)
    ),
    max_leaves=20,
)


def assert_well_formed(question, feedback):
    assert isinstance(feedback, Feedback)
    assert feedback.max_score == question.points
    assert 0 <= feedback.score <= feedback.max_score
    assert not math.isnan(feedback.score)
    assert feedback.message.strip()
    assert "internal error" not in feedback.message
    assert "Traceback" not in feedback.message
    assert len(feedback.message) < 3_000
    if feedback.correct:
        assert feedback.score == feedback.max_score


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_key_scores_full_marks(question):
    feedback = question.check(question.key)
    assert feedback.correct, feedback.message
    assert feedback.score == question.points


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
@pytest.mark.parametrize("answer", NASTY, ids=lambda a: type(a).__name__)
def test_malformed_answers_get_a_clear_message(question, answer):
    feedback = question.check(answer)
    assert_well_formed(question, feedback)
    assert not feedback.correct


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=json_like)
def test_arbitrary_answers_never_raise(question, answer):
    assert_well_formed(question, question.check(answer))


def test_a_blank_answer_says_that_nothing_was_answered():
    for question in QUESTIONS:
        assert "No answer yet" in question.check(None).message
        assert "No answer yet" in question.check("").message


def test_feedback_html_escapes_the_students_text():
    question = collabkit.get_question("01.what.definition")
    html = question.check("<script>alert(1)</script>").to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
