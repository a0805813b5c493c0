"""Assessed mode's parts: the course secret, the signed release token, sealed graded items,
the session's attempt policy and grading with the secret (on a one-question toy course,
``tests/assess/toy_course.py``; the real course is attacked in ``test_student_attacker``)."""

from __future__ import annotations

import dataclasses
import json
import stat

import nbformat
import pytest

from collabkit.assess import session as session_module
from collabkit.assess.assessed import (
    Release,
    SecretError,
    new_secret,
    read_secret,
    release_id,
    seal,
)
from collabkit.assess.grading import grade
from collabkit.assess.records import AnswerRecord, bundle
from tests.assess import toy_course

SECRET = bytes(range(32))
OTHER = bytes(range(1, 33))
BANK = "tests.assess.toy_course"
QID = "01.task.share"


def course_key(secret: bytes) -> float:
    """The key, computed here from the drawn numbers, not by the question builder."""
    parameters = toy_course.GRADED_TASK.course_parameters(secret)
    return parameters["cost"] / parameters["firms"]


def test_a_new_secret_is_private_random_and_never_overwritten(tmp_path):
    path = new_secret(tmp_path / "course.key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(read_secret(path)) == 32
    assert read_secret(new_secret(tmp_path / "other.key")) != read_secret(path)
    before = path.read_text()
    with pytest.raises(SecretError, match="already exists"):
        new_secret(path)
    assert path.read_text() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "collabkit secret"), ("not hex", "not a collabkit course secret"), ("ab" * 8, "64")],
)
def test_an_unusable_secret_file_gets_a_clear_error(tmp_path, content, message):
    path = tmp_path / "course.key"
    if content is not None:
        path.write_text(content)
    with pytest.raises(SecretError, match=message):
        read_secret(path)


def test_course_parameters_depend_on_the_secret_and_nothing_else():
    task = toy_course.GRADED_TASK
    assert task.course_parameters(SECRET) == task.course_parameters(SECRET)
    drawn = {json.dumps(task.course_parameters(bytes([i]) * 32)) for i in range(20)}
    assert len(drawn) > 10


def test_a_release_token_round_trips_and_only_its_secret_verifies_it():
    release = Release("01", release_id(SECRET), 3, {"cost": 30_000, "firms": 4})
    token = release.token(SECRET)
    assert Release.read(token) == release
    assert Release.verify(token, SECRET) == release
    assert Release.verify(token, OTHER) is None
    prefix, payload, signature = token.split(".")
    raised = dataclasses.replace(release, attempts=20).token(OTHER).split(".")[1]
    assert Release.verify(f"{prefix}.{raised}.{signature}", SECRET) is None
    for garbage in ("", "ck1.x.y", "ck1..", None, 42, token.replace("ck1", "ck2")):
        with pytest.raises(ValueError, match="not a collabkit release token"):
            Release.read(garbage)


def test_the_release_id_is_a_fingerprint_not_the_secret():
    assert release_id(SECRET) != release_id(OTHER)
    assert release_id(SECRET) not in SECRET.hex()


def test_a_sealed_item_has_the_prompt_and_form_but_no_key():
    keyed = toy_course.GRADED_TASK.question({"cost": 42_000, "firms": 8}, QID)
    sealed = seal(keyed)
    assert sealed.prompt == keyed.prompt and sealed.points == 2 and sealed.unit == "€ per year"
    with pytest.raises(AttributeError):
        sealed.key  # noqa: B018
    everything = repr(dataclasses.asdict(sealed))
    assert "5250" not in everything.replace(",", "") and "5,250" not in everything
    assert sealed.hint == "" and sealed.explanation == ""
    feedback = sealed.check("5,250")
    assert feedback.recorded and feedback.readable and not feedback.correct
    assert "Recorded." in feedback.to_html() and "5,250 € per year" in feedback.message
    assert "point" not in feedback.to_html()  # no score is shown
    for unread in ("  ", "abc", None):
        refused = sealed.check(unread)
        assert not refused.readable and refused.recorded  # not an attempt, and no score shown
        assert "Not recorded." in refused.to_html() and "point" not in refused.to_html()


@pytest.fixture
def assessed_session(tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "_release", None)
    monkeypatch.setattr(session_module, "_current", None)
    release = Release("01", release_id(SECRET), 2, {"cost": 42_000, "firms": 8})
    session = session_module.start("s1", answers_dir=tmp_path, release=release.token(SECRET))
    return session, seal(toy_course.GRADED_TASK.question(release.parameters, QID))


def test_blank_answers_are_not_attempts_and_the_limit_holds(assessed_session):
    session, sealed = assessed_session
    feedback, record = session.submit(sealed, "")
    assert record is None and not feedback.readable and session.attempts(QID) == 0
    assert session.submit(sealed, "5000")[1].attempt == 1
    assert session.submit(sealed, "5250")[1].attempt == 2
    refused, record = session.submit(sealed, "5250")
    assert record is None and "used all 2 attempts" in refused.message
    assert [r.answer for r in session.records_for(QID)] == ["5000", "5250"]
    assert {r.release for r in session.records_for(QID)} == {release_id(SECRET)}


def test_assessed_mode_survives_a_new_start_and_self_study_opens_no_graded_solution(
    assessed_session, tmp_path
):
    _, sealed = assessed_session
    again = session_module.start("s1", self_study=True, answers_dir=tmp_path)
    assert again.release is not None and again.self_study
    assert not again.may_reveal(sealed)
    assert again.may_reveal(toy_course.PRACTICE)  # practice items still open in self-study
    assert "solutions are closed for graded tasks" in again._repr_html_()


def test_a_changed_release_line_stops_with_a_message_for_the_student(tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "_release", None)
    monkeypatch.setattr(session_module, "_current", None)
    with pytest.raises(ValueError, match="Ask your instructor for a fresh copy"):
        session_module.start("s1", answers_dir=tmp_path, release="ck1.garbage.x")


# -- grading an assessed batch -----------------------------------------------------------


def _notebook(path, records, token=""):
    nb = nbformat.v4.new_notebook()
    nb.metadata["collabkit"] = {"release": token} if token else {}
    for qid in sorted({r.question_id for r in records}):
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({qid!r})")
        mine = [r for r in records if r.question_id == qid]
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(qid, mine))]
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


def _records(student, answers, release, start=0):
    return [
        AnswerRecord(QID, answer, n, f"2026-12-01T10:00:{start + n:02d}.000+00:00", student,
                     release=release)
        for n, answer in enumerate(answers, 1)
    ]  # fmt: skip


def _task_result(graded):
    return next(r for r in graded.results["01"] if r.question_id == QID)


def _batch(tmp_path, secret=SECRET, attempts=2):
    token = Release("01", release_id(secret), attempts, {}).token(secret)
    key, rid = course_key(secret), release_id(secret)
    plans = {
        "right": [str(key)],
        "wrong_then_right": ["1", f"{key:,.2f} €"],
        "right_too_late": ["1", "2", str(key)],  # the third attempt is past the limit of 2
        "blank_last": [str(key), ""],  # a blank is not an attempt: the right answer counts
    }
    files = [
        _notebook(tmp_path / f"{student}.ipynb", _records(student, answers, rid), token)
        for student, answers in plans.items()
    ]
    practice = _records("practised", [str(key)], None)  # answered outside the release
    files.append(_notebook(tmp_path / "practised.ipynb", practice, token))
    return files


def test_an_assessed_batch_is_graded_with_the_secrets_keys_and_policy(tmp_path):
    run = grade(_batch(tmp_path), bank=BANK, notebooks=["01"], secret=SECRET)
    scores = {g.student_id: _task_result(g).score for g in run.graded}
    assert scores == {
        "right": 2.0,
        "wrong_then_right": 2.0,
        "right_too_late": 0.0,
        "blank_last": 2.0,
        "practised": 0.0,
    }
    problems = [p for _, _, p in run.problems]
    assert any("1 attempt(s) beyond the limit of 2 were ignored" in p for p in problems)
    assert any("given outside the assessed release were ignored" in p for p in problems)


def test_a_wrong_or_missing_secret_refuses_to_grade(tmp_path):
    files = _batch(tmp_path)
    with pytest.raises(SecretError, match="not the one these notebooks were released with"):
        grade(files, bank=BANK, notebooks=["01"], secret=OTHER)
    with pytest.raises(SecretError, match="grade them with --secret-file"):
        grade(files, bank=BANK, notebooks=["01"])


def test_a_raised_attempt_limit_in_the_notebook_is_not_believed(tmp_path):
    rid = release_id(SECRET)
    forged = Release("01", rid, 20, {}).token(OTHER)  # signed with the wrong secret
    key = course_key(SECRET)
    path = _notebook(tmp_path / "s.ipynb", _records("s", ["1", "2", "3", str(key)], rid), forged)
    run = grade([path], bank=BANK, notebooks=["01"], secret=SECRET)
    assert _task_result(run.graded[0]).score == 0.0
    assert any("missing or was altered" in p for _, _, p in run.problems)


def test_practice_grading_scores_a_graded_answer_after_the_solution_zero(tmp_path):
    key = 40_000 / 5
    honest = _records("honest", ["1", str(key)], None)
    peeked = [dataclasses.replace(r, revealed_solution=r.attempt == 2)
              for r in _records("peeked", ["1", str(key)], None)]  # fmt: skip
    files = [_notebook(tmp_path / "honest.ipynb", honest),
             _notebook(tmp_path / "peeked.ipynb", peeked)]  # fmt: skip
    run = grade(files, bank=BANK, notebooks=["01"])
    results = {g.student_id: _task_result(g) for g in run.graded}
    assert results["honest"].score == 2.0 and not results["honest"].after_solution
    assert results["peeked"].score == 0.0 and results["peeked"].after_solution
    assert "after the worked solution" in results["peeked"].message
    assert any("answered after its worked solution" in p for _, _, p in run.problems)


def test_the_default_attempt_limit_is_three():
    from collabkit.assess.attempts import DEFAULT_ATTEMPTS
    from collabkit.cli import build_parser

    assert DEFAULT_ATTEMPTS == 3
    assert build_parser().parse_args(["release", "a", "b"]).attempts == 3


def test_the_command_line_starts_without_the_question_machinery():
    from tests.conftest import run_python

    loaded = run_python("import sys, collabkit.cli; print('numpy' in sys.modules)").stdout
    assert loaded.strip() == "False"


def test_a_sealed_memo_is_submitted_for_the_instructor():
    from collabkit.assess.questions import FreeText, RubricPoint

    memo = FreeText(id="01.task.note", prompt="Advise the owners.", points=4,
                    rubric=(RubricPoint("size", ("six",)),), model_answer="Six shops.",
                    instructor_graded=True)  # fmt: skip
    shown = seal(memo).check("Six shops should share the van and keep a shared log.")
    assert shown.submitted and shown.recorded and not shown.correct
    assert "Submitted for your instructor." in shown.to_html()
    assert "Six shops." not in repr(dataclasses.asdict(seal(memo)))
