"""Bounded work per file: only the counted (latest) attempt is scored, earlier code answers
are never run, and at most MAX_ATTEMPTS_READ attempts per question are read (reported)."""

from __future__ import annotations

import time

import pytest

import collabkit
from collabkit.assess import sandbox
from collabkit.assess.assessed import Release, release_id
from collabkit.assess.grading import MAX_ATTEMPTS_READ, grade
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.course import assessed_questions, graded_task
from tests.conftest import readable_wrong

NUMERIC = collabkit.get_question("01.pooling.cost")
CODE = collabkit.get_question("04.costs.code")
STUDENT = "s0001"


def _file(tmp_path, question, answers: list):
    """A submission whose one question was answered ``answers`` in turn."""
    import nbformat

    records = [
        AnswerRecord(question.id, answer, n, f"2026-01-01T10:00:00.{n:06d}+00:00", STUDENT,
                     variant=question.variant_of(STUDENT))
        for n, answer in enumerate(answers, 1)
    ]  # fmt: skip
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(f"collabkit.ask({question.id!r})")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(question.id, records))]
    nb.cells.append(cell)
    path = tmp_path / f"{STUDENT}.ipynb"
    nbformat.write(nb, path)
    return path


def _result(run, question):
    (graded,) = run.graded
    return next(r for r in graded.results[question.notebook] if r.question_id == question.id)


def test_a_5000_attempt_file_is_graded_quickly_and_correctly(tmp_path):
    wrong = readable_wrong(NUMERIC)
    path = _file(tmp_path, NUMERIC, [wrong] * 4_999 + [NUMERIC.key])
    started = time.perf_counter()
    run = grade([path], notebooks=[NUMERIC.notebook])
    assert time.perf_counter() - started < 10  # generous: about 0.2 s on a laptop
    result = _result(run, NUMERIC)
    assert (result.score, result.correct) == (NUMERIC.points, True)
    assert result.attempts == 5_000  # every attempt is counted
    assert result.first_correct_attempt == 5_000
    assert [p for _, _, p in run.problems] == [
        f"{NUMERIC.id}: 5000 attempts; only the latest {MAX_ATTEMPTS_READ} were read (the "
        "earlier ones are counted as attempts, not checked)"
    ]


def test_first_correct_attempt_is_counted_from_the_first_attempt_inside_the_window(tmp_path):
    wrong = readable_wrong(NUMERIC)
    answers = [wrong] * 1_000
    answers[950] = NUMERIC.key  # attempt 951, inside the latest 200
    answers[-1] = NUMERIC.key
    result = _result(grade([_file(tmp_path, NUMERIC, answers)]), NUMERIC)
    assert (result.attempts, result.first_correct_attempt) == (1_000, 951)


def test_the_latest_attempt_counts_even_when_an_early_one_was_right(tmp_path):
    answers = [NUMERIC.key] + [readable_wrong(NUMERIC)] * 299
    result = _result(grade([_file(tmp_path, NUMERIC, answers)]), NUMERIC)
    assert (result.score, result.attempts) == (0.0, 300)
    assert result.first_correct_attempt is None  # attempt 1 lies before the cap: not read


@pytest.mark.usefixtures("sandbox")
def test_only_the_counted_code_answer_is_run(tmp_path, monkeypatch):
    runs = []
    real = sandbox.run_code

    def counting(code, tests, *limits, **how):
        runs.append(code)
        return real(code, tests, *limits, **how)

    monkeypatch.setattr(sandbox, "run_code", counting)
    broken = "def channels(n):\n    return n"
    path = _file(tmp_path, CODE, [broken] * 299 + ["", CODE.model_answer])
    run = grade([path], notebooks=[CODE.notebook], execute=True)
    result = _result(run, CODE)
    assert runs == [CODE.model_answer]  # 300 earlier attempts, none of them run
    assert (result.score, result.correct, result.attempts) == (CODE.points, True, 300)
    assert result.first_correct_attempt is None  # unknown without running earlier code


@pytest.mark.parametrize("blank_last", [True, False])
def test_a_blank_latest_answer_leaves_the_last_readable_one_counted(tmp_path, blank_last):
    answers = [readable_wrong(NUMERIC), NUMERIC.key] + ([""] if blank_last else [])
    result = _result(grade([_file(tmp_path, NUMERIC, answers)]), NUMERIC)
    assert (result.score, result.attempts, result.first_correct_attempt) == (1.0, 2, 2)


def test_an_assessed_item_reads_only_its_first_attempts(tmp_path):
    """In an assessed release the first attempts count, so the first 200 are read."""
    import nbformat

    secret = bytes(range(32))
    task = graded_task("01")
    keyed = next(q for q in assessed_questions(secret) if q.id == "01.task.cost")
    own = keyed.for_variant(keyed.variant_of(STUDENT))
    rid = release_id(secret)
    answers = [readable_wrong(own), own.key] + [readable_wrong(own)] * 248
    records = [
        AnswerRecord(keyed.id, answer, n, f"2026-01-01T10:00:00.{n:06d}+00:00", STUDENT,
                     variant=keyed.variant_of(STUDENT), release=rid)
        for n, answer in enumerate(answers, 1)
    ]  # fmt: skip
    nb = nbformat.v4.new_notebook()
    token = Release("01", rid, 2, task.course_parameters(secret)).token(secret)
    nb.metadata["collabkit"] = {"assignment": "01", "release": token}
    cell = nbformat.v4.new_code_cell(f"collabkit.ask({keyed.id!r})")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(keyed.id, records))]
    nb.cells.append(cell)
    nbformat.write(nb, tmp_path / "a.ipynb")
    run = grade([tmp_path / "a.ipynb"], notebooks=["01"], secret=secret)
    result = _result(run, keyed)
    assert (result.score, result.attempts, result.first_correct_attempt) == (own.points, 2, 2)
    problems = [p for _, _, p in run.problems]
    assert (
        f"{keyed.id}: 250 attempts; only the first {MAX_ATTEMPTS_READ} were read (the "
        "limit is 2), the rest were ignored" in problems
    )
    assert (
        f"{keyed.id}: {MAX_ATTEMPTS_READ - 2} attempt(s) beyond the limit of 2 were "
        "ignored" in problems
    )
