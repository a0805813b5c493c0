"""A fixed class of submissions, graded in every format, must give byte-identical files.

The batch covers every question of every notebook: each student answers each question with
one of a seeded mix of the own-variant key, a wrong value, a blank, a value of the wrong
type, a wrong-then-right pair of attempts and no answer at all; one file is corrupt. Each
notebook's folder is graded on its own. ``tests/assess/golden/grading.sha256`` holds the digest of
every file written; it was made by the kit before a refactoring and pins what instructors
receive: totals, per-question scores, feedback messages and pages, problems, the item
analysis. A deliberate change of grading behaviour rewrites them with
``COLLABKIT_WRITE_GOLDEN=1 pytest tests/assess/test_golden_grading.py`` and says so in the
CHANGELOG; a refactoring never does.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
from pathlib import Path

import nbformat

import collabkit
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.cli import main

GOLDEN = Path(__file__).parent / "golden"
STUDENTS = [f"g{i:02d}" for i in range(12)]
FORMATS = ("canvas", "moodle", "long")
OUTCOMES = ("key", "wrong", "blank", "odd_type", "second_try", "skip")


def _answers(question, student: str, outcome: str) -> list:
    key = question.for_variant(question.variant_of(student)).key
    return {
        "key": [key],
        "wrong": ["zzz"],
        "blank": [""],
        "odd_type": [[1, 2, {"a": None}]],
        "second_try": ["zzz", key],
        "skip": [],
    }[outcome]


def _submission(student: str, notebook: str, rng: random.Random) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    questions = [q for q in collabkit.all_questions() if q.notebook == notebook]
    for i, question in enumerate(questions):
        values = _answers(question, student, rng.choice(OUTCOMES))
        if not values:
            continue
        variant = question.variant_of(student)
        records = [
            AnswerRecord(
                question.id, value, attempt, f"2026-03-01T09:{i:02d}:{attempt:02d}.000+00:00",
                student, variant=variant,
            )
            for attempt, value in enumerate(values, start=1)
        ]  # fmt: skip
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({question.id!r})")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(question.id, records))]
        nb.cells.append(cell)
    return nb


NOTEBOOKS = ("00", "01", "02", "03", "04")


def _write_batch(folder: Path) -> None:
    """``folder/NN/<student>.ipynb`` for every notebook, plus one corrupt file in 01."""
    rng = random.Random(20261202)
    for notebook in NOTEBOOKS:
        (folder / notebook).mkdir(parents=True)
        for student in STUDENTS:
            nb = _submission(student, notebook, rng)
            nbformat.write(nb, folder / notebook / f"{student}.ipynb")
    (folder / "01" / "g99.ipynb").write_text('{"cells": [', encoding="utf-8")


#: plotly names each figure's <div> with a fresh random UUID; nothing else may vary.
_RANDOM_DIV_ID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(
            _RANDOM_DIV_ID.sub(b"<uuid>", p.read_bytes())
        ).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_grading_a_fixed_class_gives_the_golden_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths, as an instructor types them
    _write_batch(Path("submissions"))
    for notebook in NOTEBOOKS:
        for fmt in FORMATS:
            out = f"out/{notebook}/{fmt}"
            assert main(["grade", f"submissions/{notebook}", "--out", out, "--format", fmt]) == 0
            assert main(["report", out]) == 0
    produced = _digests(Path("out"))
    manifest = GOLDEN / "grading.sha256"
    if os.environ.get("COLLABKIT_WRITE_GOLDEN") == "1":
        manifest.parent.mkdir(exist_ok=True)
        manifest.write_text("".join(f"{d}  {n}\n" for n, d in produced.items()))
    expected = dict(reversed(line.split("  ", 1)) for line in manifest.read_text().splitlines())
    assert sorted(produced) == sorted(expected)
    changed = [name for name in expected if produced[name] != expected[name]]
    assert not changed, f"files that differ from {manifest.name}: {changed}"
