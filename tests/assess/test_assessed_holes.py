"""Red-team reproductions of holes found in assessed mode, kept as regression tests.

A red-team review attacked assessed mode as a student who wants the grade without the
work, a student who wants to hurt a classmate, and an instructor making honest mistakes.
Each test states the behaviour the package must have. A hole that is still open is marked
``xfail(strict=True)`` with the issue that will close it: when it is fixed the test passes
unexpectedly, strict mode fails it, and the mark must go.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collabkit.assess import session as session_module
from collabkit.assess.assessed import Release, SealedQuestion, release_id
from collabkit.assess.grading import grade
from collabkit.assess.records import MIME_TYPE, AnswerRecord
from collabkit.course import graded_task
from tests.conftest import NOTEBOOKS, run_python

SECRET = bytes.fromhex("5eed" * 16)
RID = release_id(SECRET)


def hole(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"RED-TEAM HOLE: {reason}")


def _token(notebook: str, attempts: int, secret: bytes = SECRET) -> str:
    task = graded_task(notebook)
    return Release(notebook, release_id(secret), attempts, task.course_parameters(secret)).token(
        secret
    )


def _record(qid, answer, n, student="alice", release=RID, **extra) -> dict:
    return AnswerRecord(
        question_id=qid,
        answer=answer,
        attempt=n,
        time=f"2026-12-03T06:{n:02d}:00.000+00:00",
        student_id=student,
        release=release,
        **extra,
    ).to_dict()


def _notebook(path: Path, records: list[dict], token: str | None) -> Path:
    metadata = {"collabkit": {"assignment": path.name[:2]}}
    if token is not None:
        metadata["collabkit"]["release"] = token
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": metadata,
        "cells": [
            {
                "cell_type": "code",
                "source": "",
                "metadata": {},
                "execution_count": 1,
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {MIME_TYPE: {"schema": 1, "question_id": "x", "records": records}},
                    }
                ],
            }
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb))
    return path


def _course_key(qid: str) -> object:
    task = graded_task(qid[:2])
    return task.question(task.course_parameters(SECRET), qid).key


def _size_records(student="alice"):
    """Five attempts at 01.task.size: three wrong, then the course key twice."""
    key = _course_key("01.task.size")
    answers = [1, 2, 3, key, key]
    return [_record("01.task.size", str(a), n, student) for n, a in enumerate(answers, 1)]


def _score(run, student, qid):
    (graded,) = [g for g in run.graded if g.student_id == student]
    return next(r.score for rows in graded.results.values() for r in rows if r.question_id == qid)


# -- grading: attempt limit ---------------------------------------------------------------


def test_a_token_of_another_notebook_does_not_raise_the_attempt_limit(tmp_path):
    # The instructor released 01 with 3 attempts and 02 with 10 (same secret). Alice pastes
    # 02's token into her 01 notebook's metadata: attempts 4 and 5 count, nothing is listed.
    path = _notebook(tmp_path / "01_alice.ipynb", _size_records(), _token("02", 10))
    run = grade([path], notebooks=["01"], secret=SECRET)
    assert _score(run, "alice", "01.task.size") == 0.0  # the first 3 attempts were wrong


def test_removing_the_token_does_not_give_more_attempts_than_the_release(tmp_path):
    one = _notebook(tmp_path / "a" / "01_bob.ipynb", [_record("01.task.size", "1", 1, "bob")],
                    _token("01", 1))  # fmt: skip
    key = _course_key("01.task.size")
    stripped = _notebook(
        tmp_path / "a" / "01_alice.ipynb",
        [_record("01.task.size", "1", 1), _record("01.task.size", str(key), 2)],
        token=None,  # alice deleted metadata.collabkit.release
    )
    run = grade([one, stripped], notebooks=["01"], secret=SECRET)
    assert _score(run, "alice", "01.task.size") == 0.0


# -- grading: one student stops or skews everybody's grading ---------------------------------


def test_one_forged_release_field_does_not_stop_a_practice_batch(tmp_path):
    honest = [
        _notebook(tmp_path / f"01_{name}.ipynb",
                  [_record("01.pooling.cost", "10200", 1, name, None)], None)
        for name in ("bob", "dan")
    ]  # fmt: skip
    claim = _record("01.pooling.cost", "10200", 1, "eve", "deadbeef0000")
    forged = _notebook(tmp_path / "01_eve.ipynb", [claim], None)
    run = grade([*honest, forged], notebooks=["01"], secret=None)
    assert {g.student_id for g in run.graded} == {"bob", "dan", "eve"}
    eve = [p for _, s, p in run.problems if s == "eve"]
    assert any("names an assessed release (deadbeef0000)" in p for p in eve)


def test_a_batch_from_another_secret_is_named_as_such(tmp_path):
    other = bytes(range(32))
    task = graded_task("01")
    key_b = task.question(task.course_parameters(other), "01.task.size").key
    a = _notebook(tmp_path / "01_alice.ipynb", _size_records()[:1], _token("01", 3))
    c = _notebook(tmp_path / "01_carol.ipynb",
                  [_record("01.task.size", str(key_b), 1, "carol", release_id(other))],
                  _token("01", 3, other))  # fmt: skip
    run = grade([a, c], notebooks=["01"], secret=SECRET)
    carol = " ".join(p for _, s, p in run.problems if s == "carol")
    assert release_id(other) in carol  # today: "stamp ... missing or was altered" + zeros


# -- grading: instructor collects several notebooks in one folder ---------------------------


def test_several_notebooks_of_one_student_keep_every_grade(tmp_path):
    key = _course_key("01.task.size")
    n1 = _notebook(tmp_path / "01_alice.ipynb", [_record("01.task.size", str(key), 1)],
                   _token("01", 3))  # fmt: skip
    later = AnswerRecord("02.challenge.governance", {}, 1, "2026-12-04T06:00:00.000+00:00",
                         "alice", release=RID).to_dict()  # fmt: skip
    n2 = _notebook(tmp_path / "02_alice.ipynb", [later], _token("02", 3))
    run = grade([n1, n2], secret=SECRET)  # the gradebook has "one column per notebook"
    assert set(run.notebooks) == {"01", "02"}
    assert _score(run, "alice", "01.task.size") == 2.0


# -- the student's kernel ---------------------------------------------------------------------


@pytest.fixture
def fresh_kernel(monkeypatch, tmp_path):
    """No session or release yet, answers kept in ``tmp_path``."""
    monkeypatch.setattr(session_module, "_release", None)
    monkeypatch.setattr(session_module, "_current", None)
    monkeypatch.setenv("COLLABKIT_ANSWERS_DIR", str(tmp_path))


def test_a_second_release_token_does_not_unseal_this_notebooks_graded_items(fresh_kernel):
    import collabkit

    collabkit.start("alice", release=_token("01", 3))
    with pytest.raises(ValueError, match="already runs the assessed release of notebook 01"):
        collabkit.start("alice", release=_token("02", 3))
    assert isinstance(collabkit.get_question("01.task.size"), SealedQuestion)


def test_another_notebooks_token_closes_this_notebooks_graded_items(fresh_kernel, capsys):
    """A fresh kernel started with notebook 02's token (pasted into notebook 01) shows none
    of 01's graded items: no practice key, no feedback, nothing recorded."""
    import collabkit
    from collabkit.assess.assessed import ClosedQuestion

    session = collabkit.start("alice", release=_token("02", 3))
    with pytest.raises(ClosedQuestion):
        collabkit.get_question("01.task.size")
    assert collabkit.answer("01.task.size", "6") is None
    assert session.records == []
    assert "01.task.size" not in {q.id for q in collabkit.all_questions()}
    practice = collabkit.answer("01.pooling.cost", "1")  # a practice item: no release stamp
    assert practice is not None and session.records[-1].release is None


def test_a_new_start_does_not_forget_a_revealed_solution(fresh_kernel):
    import collabkit
    from collabkit.assess.session import current_session
    from collabkit.widgets.questions import solution_html

    collabkit.start("erin", self_study=True)
    solution_html(collabkit.get_question("01.task.size"), current_session())
    collabkit.start("erin")
    _, record = current_session().submit(collabkit.get_question("01.task.size"), "6")
    assert record is not None and record.revealed_solution


@pytest.mark.slow
def test_the_assessed_kernel_keeps_no_course_key_in_memory(tmp_path):
    turning = _course_key("04.task.turning")
    code = f"""
import gc, collabkit
collabkit.start("alice", release={_token("04", 3)!r})
for qid in ("04.task.turning", "04.task.upper", "04.task.end"):
    collabkit.get_question(qid)
from collabkit.analysis.inverted_u import TurningPoint
print(sorted(round(o.estimate, 2) for o in gc.get_objects() if isinstance(o, TurningPoint)))
"""
    found = run_python(code, cwd=tmp_path).stdout
    assert str(turning) not in found, found


# -- the instructor's command line -------------------------------------------------------------


def test_a_secret_file_without_assessed_is_not_a_silent_practice_release(tmp_path, capsys):
    from collabkit.cli import main

    key = tmp_path / "course.key"
    key.write_text(SECRET.hex() + "\n")
    source = next(NOTEBOOKS.glob("01_*.ipynb"))
    code = main(["release", str(source), str(tmp_path / "out"), "--secret-file", str(key)])
    assert code == 2 and not (tmp_path / "out").exists()
    assert "add --assessed" in capsys.readouterr().err
