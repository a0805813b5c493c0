"""The widget of an instructor-graded answer: submitted for the instructor, no verdict, no
points; the keyword self-check is shown only as a guide."""

from __future__ import annotations

import re

import pytest

import collabkit
from collabkit.assess.questions import FreeText, RubricPoint, instructor_graded
from collabkit.widgets.questions import question_widget

INSTRUCTOR_GRADED = [q for q in collabkit.all_questions() if instructor_graded(q)]
#: The same kind of question, self-checked (the course has none; its own notebook "99").
SELF_CHECKED = FreeText(
    id="99.test.selfcheck",
    prompt="Explain.",
    rubric=(RubricPoint("trust", ("trust",)), RubricPoint("cost", ("cost", "price"))),
    model_answer="Partners need trust, and the cost must be shared fairly among all members "
    "so that nobody feels exploited and everybody keeps contributing over time.",
)


def test_the_course_has_the_instructor_graded_memos():
    assert {"01.task.memo", "04.task.advice"} <= {q.id for q in INSTRUCTOR_GRADED}


@pytest.mark.parametrize("question", INSTRUCTOR_GRADED, ids=lambda q: q.id)
def test_a_model_answer_is_submitted_for_the_instructor_without_a_verdict(question, tmp_path):
    session = collabkit.start(student_id="s1", answers_dir=tmp_path)
    widget = question_widget(question, session)
    widget.fill(question.model_answer)
    widget.submit()
    shown = widget.feedback.value
    assert "Submitted for your instructor." in shown
    ideas = len(question.rubric)
    found = sum(point.found_in(question.model_answer) for point in question.rubric)
    assert f"Self-check (a guide, not your grade): your answer touches {found} of {ideas}" in shown
    for verdict in ("Correct", "Partly right", "Not yet"):
        assert verdict not in shown
    assert not re.search(r"of [\d.]+ points?\)", shown)  # no points either
    assert "Attempt 1; your answer is saved." in shown
    assert len(session.records_for(question.id)) == 1  # recorded like any answer


def test_a_restored_answer_shows_the_same_neutral_box(tmp_path):
    question = INSTRUCTOR_GRADED[0]
    collabkit.start(student_id="s2", answers_dir=tmp_path)
    collabkit.answer(question.id, "trust " * 3)
    restored = question_widget(question)  # a new widget after a kernel restart
    assert "Submitted for your instructor." in restored.feedback.value
    assert "Not yet" not in restored.feedback.value


def test_a_self_checked_free_text_still_gets_a_verdict(tmp_path):
    session = collabkit.start(student_id="s3", answers_dir=tmp_path)
    widget = question_widget(SELF_CHECKED, session)
    widget.fill(SELF_CHECKED.model_answer)
    widget.submit()
    assert "Correct" in widget.feedback.value
    assert "Submitted for your instructor" not in widget.feedback.value


def test_a_blank_instructor_graded_answer_is_not_recorded(tmp_path):
    session = collabkit.start(student_id="s4", answers_dir=tmp_path)
    widget = question_widget(INSTRUCTOR_GRADED[0], session)
    widget.fill("   ")
    widget.submit()
    assert "Not recorded." in widget.feedback.value
    assert session.records_for(INSTRUCTOR_GRADED[0].id) == []
