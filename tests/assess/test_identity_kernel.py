"""Who answers, as the student's kernel sees it: the id given once applies to the questions
already on screen and to the other notebooks of the folder; Binder's random user names are
not taken as ids."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import collabkit
from collabkit.assess import session as session_module
from collabkit.widgets.questions import question_widget

VARIANT_QUESTION = "01.pooling.yours"  # numbers of its own for every student


@pytest.fixture(autouse=True)
def fresh_kernel(monkeypatch):
    monkeypatch.setattr(session_module, "_current", None)
    monkeypatch.setattr(session_module, "_release", None)
    for name in ("JUPYTERHUB_USER", *session_module.BINDER_VARIABLES):
        monkeypatch.delenv(name, raising=False)


def test_a_widget_on_screen_answers_as_the_id_given_after_it(tmp_path):
    collabkit.start(answers_dir=tmp_path)
    widget = question_widget(collabkit.get_question(VARIANT_QUESTION))
    before = widget.header.value
    session = collabkit.start(student_id="jdoe42", answers_dir=tmp_path)
    source = collabkit.get_question(VARIANT_QUESTION)
    own = source.for_variant(source.variant_of("jdoe42"))
    widget.fill(own.key)
    assert widget.submit().correct  # checked against jdoe42's own numbers
    (record,) = session.records_for(VARIANT_QUESTION)
    assert record.student_id == "jdoe42" and record.variant == source.variant_of("jdoe42")
    assert widget.header.value != before and "{" not in widget.header.value


def test_the_prompt_on_screen_is_the_students_own_variant(tmp_path):
    collabkit.start(student_id="s1", answers_dir=tmp_path)
    widget = question_widget(collabkit.get_question(VARIANT_QUESTION))
    assert html.escape(widget.question.prompt.splitlines()[0]) in widget.header.value
    assert "{" not in widget.header.value


def test_the_id_is_remembered_by_the_other_notebooks_of_the_folder(tmp_path, monkeypatch):
    collabkit.start(student_id=" jdoe42 ", answers_dir=tmp_path)
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-name")
    assert collabkit.start(answers_dir=tmp_path).student_id == "jdoe42"
    other = tmp_path / "elsewhere"
    assert collabkit.start(answers_dir=other).student_id == "hub-name"


def test_binder_user_names_are_not_ids(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "org-repo-x1y2z3w4")
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    session = collabkit.start(answers_dir=tmp_path)
    assert session.student_id == "anonymous"
    assert 'collabkit.start(student_id="your id")' in session._repr_html_()


def test_under_voila_each_visitor_keeps_answers_apart(tmp_path, monkeypatch):
    """Voila gives every visitor of a page a kernel of their own in the notebook's folder;
    one visitor's answers are not restored for the next."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    monkeypatch.delenv("COLLABKIT_ANSWERS_DIR", raising=False)
    first = collabkit.start()
    collabkit.answer("00.basics.run", "b")
    monkeypatch.setattr(session_module, "_KERNEL_SESSION", "another-visitor")
    second = collabkit.start()
    assert first.answers_dir != second.answers_dir
    assert first.answers_dir.parent == second.answers_dir.parent == Path(".collabkit/voila")
    assert second.records == []
