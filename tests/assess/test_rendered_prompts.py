"""What a student reads is filled in: no question of any bank, in practice or in an
assessed release, for any student, shows an unfilled ``{field}`` of its template (as
``01.pooling.yours`` once showed "a shared asset costs {van:,} € a year")."""

from __future__ import annotations

import html
import re

import pytest

import collabkit
from collabkit.assess import session as session_module
from collabkit.assess.assessed import Release, release_id
from collabkit.course import NOTEBOOKS, all_questions, graded_task
from collabkit.widgets.questions import question_widget, solution_html

#: A template field left unfilled: ``{van:,}``, ``{pair}``, ``{best}``.
FIELD = re.compile(r"\{[^{}\s]*\}")
STUDENTS = ("anonymous", "s1", "jdoe42", "Zoë Müller", "x" * 40)
SECRET = bytes(range(32))


@pytest.fixture(autouse=True)
def fresh_kernel(monkeypatch, tmp_path):
    monkeypatch.setattr(session_module, "_current", None)
    monkeypatch.setattr(session_module, "_release", None)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.chdir(tmp_path)


def _shown(question_id: str, student: str, answers_dir) -> str:
    """Everything the question's widget shows the student before answering, plus its
    worked solution as the student would open it (self-study)."""
    session = collabkit.start(student_id=student, answers_dir=answers_dir, self_study=True)
    widget = question_widget(collabkit.get_question(question_id), session)
    own = widget.question
    return html.unescape("\n".join([widget.header.value, own.hint, solution_html(own, session)]))


@pytest.mark.parametrize("student", STUDENTS)
def test_no_practice_prompt_shows_a_template_field(student, tmp_path):
    for question in all_questions():
        shown = _shown(question.id, student, tmp_path)
        assert not FIELD.search(shown), (question.id, student, FIELD.findall(shown))


def test_a_per_student_question_shows_each_students_own_numbers(tmp_path):
    prompts = {_shown("01.pooling.yours", student, tmp_path) for student in STUDENTS}
    assert len(prompts) > 1
    assert all("€ a year" in prompt and "{" not in prompt for prompt in prompts)


@pytest.mark.parametrize("notebook", [n.number for n in NOTEBOOKS if graded_task(n.number)])
def test_no_sealed_prompt_of_an_assessed_release_shows_a_template_field(
    notebook, tmp_path, monkeypatch
):
    task = graded_task(notebook)
    assert task is not None
    release = Release(notebook, release_id(SECRET), 3, task.course_parameters(SECRET))
    collabkit.start(answers_dir=tmp_path, release=release.token(SECRET))
    for student in STUDENTS[:2]:
        for question_id in task.question_ids:
            shown = _shown(question_id, student, tmp_path)
            assert "graded question of an assessed assignment" in shown  # sealed
            assert not FIELD.search(shown), (question_id, student, FIELD.findall(shown))
