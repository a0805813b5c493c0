"""Per-student variants: neighbours get different numbers, and grading recomputes each
student's key from their own id."""

from __future__ import annotations

import nbformat
import pytest

import collabkit
from collabkit.assess.grading import grade
from collabkit.assess.questions import VariantNumeric, variant_seed
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.widgets.questions import question_widget

QUESTION = collabkit.get_question("01.pooling.yours")


def test_the_course_has_a_variant_question():
    assert isinstance(QUESTION, VariantNumeric)


def test_neighbours_get_different_numbers_and_each_keeps_theirs():
    prompts = {QUESTION.for_variant(QUESTION.variant_of(f"student{i}")).prompt for i in range(40)}
    assert len(prompts) >= 15  # 7 × 7 cost pairs (minus ties) spread over 40 students
    assert QUESTION.variant_of("alice") == QUESTION.variant_of("alice")
    assert variant_seed("alice", "01.a.b") != variant_seed("alice", "01.a.c")


@pytest.mark.parametrize("student", ["alice", "bob", "carol", "dave", "erin"])
def test_each_variant_key_is_the_model_optimum(student):
    from collabkit.models.pooling import CostPooling

    own = QUESTION.for_variant(QUESTION.variant_of(student))
    numbers = [int(t.replace(",", "")) for t in own.prompt.split() if t.replace(",", "").isdigit()]
    van, pair = numbers[:2]
    model = CostPooling(van, pair, max_firms=30)
    assert own.answer == pytest.approx(model.cost_per_firm(model.optimal_size()), abs=0.01)
    assert own.check(own.answer).correct
    assert f"{model.optimal_size()} firms is cheapest" in own.explanation


def test_the_widget_shows_the_students_own_numbers(tmp_path):
    session = collabkit.start(student_id="carol", answers_dir=tmp_path)
    widget = question_widget(QUESTION, session)
    own = QUESTION.for_variant(QUESTION.variant_of("carol"))
    assert widget.question.prompt == own.prompt
    widget.fill(own.answer)
    assert widget.submit().correct
    (record,) = session.records_for(QUESTION.id)
    assert record.variant == QUESTION.variant_of("carol")


def test_grading_uses_the_students_own_variant_not_the_recorded_one(tmp_path):
    """Bob copies Alice's answer and her recorded variant: graded against his own case."""
    alice = QUESTION.for_variant(QUESTION.variant_of("alice"))
    bob = QUESTION.for_variant(QUESTION.variant_of("bob"))
    assert not bob.check(alice.answer).correct  # their cases differ
    for student, variant in (("alice", QUESTION.variant_of("alice")),
                             ("bob", QUESTION.variant_of("alice"))):  # fmt: skip
        record = AnswerRecord(QUESTION.id, alice.answer, 1, "2026-01-01T10:00:00.000+00:00",
                              student, variant=variant)  # fmt: skip
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(QUESTION.id, [record]))]
        nb.cells.append(cell)
        nbformat.write(nb, tmp_path / f"{student}.ipynb")
    run = grade(sorted(tmp_path.glob("*.ipynb")), notebooks=["01"])
    scores = {g.student_id: g.total("01") for g in run.graded}
    assert scores == {"alice": 1.0, "bob": 0.0}
    assert any("recorded variant differs" in p for _, s, p in run.problems if s == "bob")
