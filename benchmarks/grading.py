"""Grading throughput: re-scoring answer records versus executing the same notebooks."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from collabkit.assess.assessed import Release, release_id
from collabkit.assess.grading import grade
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.course import all_questions, assessed_questions, graded_task
from tests.conftest import readable_wrong

SUBMISSIONS = 1_000
NOTEBOOK = "01"
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


#: The course secret of the assessed batch.
SECRET = bytes(range(32))


def _submission(
    student: str, questions, right: int, release: str | None = None
) -> nbformat.NotebookNode:
    """Notebook 01 as a student saves it: the course cells plus one record bundle per
    question (the first ``right`` answered with the key, the rest wrongly), given in the
    assessed ``release`` if one is named."""
    nb = nbformat.read(NOTEBOOKS / "01_fundamentals.ipynb", as_version=4)
    for i, q in enumerate(questions):
        answer = q.key if i < right else "zzz"
        record = AnswerRecord(
            q.id, answer, 1, f"2026-01-01T10:{i:02d}:00.000+00:00", student, release=release
        )
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({q.id!r})")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(q.id, [record]))]
        nb.cells.append(cell)
    return nb


def _assessed_batch(folder: Path) -> list[Path]:
    """The same class in an assessed release: graded items answered with its keys."""
    task = graded_task(NOTEBOOK)
    assert task is not None
    keyed = {q.id: q for q in assessed_questions(SECRET)}
    questions = [keyed.get(q.id, q) for q in all_questions() if q.notebook == NOTEBOOK]
    release = Release(NOTEBOOK, release_id(SECRET), 3, task.course_parameters(SECRET))
    folder.mkdir()
    for i in range(SUBMISSIONS):
        nb = _submission(f"a{i:04d}", questions, i % (len(questions) + 1), release_id(SECRET))
        nb.metadata["collabkit"] = {"release": release.token(SECRET)}
        nbformat.write(nb, folder / f"a{i:04d}.ipynb")
    return sorted(folder.glob("*.ipynb"))


#: Attempts in the one heavily answered file (every question of notebook 04 in turn).
ATTEMPTS = 5_000


def _many_attempts(folder: Path) -> Path:
    """One submission of notebook 04 with :data:`ATTEMPTS` attempts spread over its
    questions, each answered wrongly (a readable answer, so an attempt) until its last
    attempt gives the key; its code answer runs when graded."""
    questions = [q for q in all_questions() if q.notebook == "04"]
    nb = nbformat.v4.new_notebook()
    per_question = ATTEMPTS // len(questions)
    for q in questions:
        own = q.for_variant(q.variant_of("heavy"))
        key, wrong = own.key, readable_wrong(own)
        records = [
            AnswerRecord(q.id, key if n == per_question else wrong, n,
                         f"2026-01-01T10:00:00.{n:06d}+00:00", "heavy",
                         variant=q.variant_of("heavy"))
            for n in range(1, per_question + 1)
        ]  # fmt: skip
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({q.id!r})")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(q.id, records))]
        nb.cells.append(cell)
    path = folder / "heavy.ipynb"
    nbformat.write(nb, path)
    return path


def run() -> list[tuple[str, str, str]]:
    from benchmarks.notebooks import execute

    questions = [q for q in all_questions() if q.notebook == NOTEBOOK]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        for i in range(SUBMISSIONS):
            nbformat.write(
                _submission(f"s{i:04d}", questions, i % (len(questions) + 1)),
                folder / f"s{i:04d}.ipynb",
            )
        files = sorted(folder.glob("*.ipynb"))
        t0 = time.perf_counter()
        result = grade(files, notebooks=[NOTEBOOK], workers=2)
        records_seconds = time.perf_counter() - t0
        assert len(result.graded) == SUBMISSIONS
        assessed = _assessed_batch(Path(tmp) / "assessed")
        t0 = time.perf_counter()
        result = grade(assessed, notebooks=[NOTEBOOK], workers=2, secret=SECRET)
        assessed_seconds = time.perf_counter() - t0
        assert len(result.graded) == SUBMISSIONS
        heavy = _many_attempts(Path(tmp))
        t0 = time.perf_counter()
        result = grade([heavy], notebooks=["04"], execute=True)
        heavy_seconds = time.perf_counter() - t0
        assert all(r.correct for r in result.graded[0].results["04"] if not r.instructor_graded)
        shutil.copy(NOTEBOOKS / "01_fundamentals.ipynb", tmp)
        execute_seconds = min(
            execute(nbformat.read(Path(tmp) / "01_fundamentals.ipynb", as_version=4), Path(tmp))
            for _ in range(2)
        )
    per_record = records_seconds / SUBMISSIONS
    return [
        (f"grade {SUBMISSIONS} submissions from records, 2 workers (s)", f"{records_seconds:.1f}",
         "< 60"),
        ("grading from records, per submission (ms)", f"{per_record * 1e3:.1f}", ""),
        (f"grade {SUBMISSIONS} assessed submissions with the course secret (s)",
         f"{assessed_seconds:.1f}", "< 60"),
        (f"grade one file with {ATTEMPTS:,} attempts, code answers run (s)",
         f"{heavy_seconds:.1f}", "< 5"),
        ("executing one submission of 01 with nbclient (s)", f"{execute_seconds:.1f}", ""),
        ("speed-up of grading from records over executing", f"{execute_seconds / per_record:,.0f}x",
         ">= 50x"),
    ]  # fmt: skip
