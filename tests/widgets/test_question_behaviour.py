"""How a question widget behaves as a student uses it: feedback that stops describing an
answer once the answer is edited, a note while code is being checked, and a session line
that counts answered questions, not attempts."""

from __future__ import annotations

import collabkit
from collabkit.assess.session import start
from collabkit.widgets.questions import STALE, question_widget


def test_editing_an_answer_after_its_feedback_withdraws_the_feedback():
    widget = question_widget(collabkit.get_question("01.pooling.cost"))
    widget.fill("12")
    widget.submit()
    assert "Not yet" in widget.feedback.value
    widget.fill("9,600")
    assert STALE in widget.feedback.value and "Not yet" not in widget.feedback.value
    widget.submit()
    assert STALE not in widget.feedback.value


def test_editing_before_any_check_shows_nothing():
    widget = question_widget(collabkit.get_question("01.what.definition"))
    widget.fill("b")
    assert widget.feedback.value == ""


def test_checking_code_says_so_while_it_runs():
    widget = question_widget(collabkit.get_question("04.costs.code"))
    shown = []
    widget.feedback.observe(lambda change: shown.append(change["new"]), names="value")
    widget.fill("def channels(n):\n    return n * (n - 1) // 2")
    widget.submit()
    assert any("Checking your code" in value for value in shown[:-1])
    assert "Correct" in widget.feedback.value


def test_the_session_counts_answered_questions_not_attempts(tmp_path):
    session = start(student_id="s1", answers_dir=tmp_path)
    question = collabkit.get_question("01.pooling.cost")
    for answer in ("1", "2", "3"):
        session.submit(question, answer)
    again = start(student_id="s1", answers_dir=tmp_path)
    assert "your answers to 1 question were restored" in again._repr_html_()
