"""Code answers in the sandbox: the cost of one run, and a class of code answers graded."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from collabkit.assess.grading import grade
from collabkit.assess.isolation import find_isolation
from collabkit.assess.sandbox import run_code
from collabkit.course import all_questions
from tests.assess.test_grading import submission

QUESTION = "04.costs.code"
#: Code answers in the graded class, and single runs timed for the start-up cost.
ANSWERS = 200
RUNS = 30
RIGHT = "def channels(n):\n    return n * (n - 1) // 2"


def run() -> list[tuple[str, str, str]]:
    isolation = find_isolation()
    if not isolation.available:
        return [("sandbox", "not available", isolation.description)]
    question = next(q for q in all_questions() if q.id == QUESTION)
    tests = [t.expression for t in question.tests]
    empty, full = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        run_code("pass", [], question.limits)
        empty.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        run_code(RIGHT, tests, question.limits)
        full.append(time.perf_counter() - t0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(ANSWERS):
            code = RIGHT if i % 2 else "def channels(n):\n    return n * n"
            nbformat.write(submission(f"s{i:03d}", {QUESTION: [code]}), folder / f"s{i:03d}.ipynb")
        t0 = time.perf_counter()
        result = grade(sorted(folder.glob("*.ipynb")), notebooks=["04"], execute=True, workers=2)
        batch = time.perf_counter() - t0
    assert len(result.graded) == ANSWERS
    per_answer = batch / ANSWERS
    return [
        ("sandbox start-up (empty answer, median)", f"{statistics.median(empty) * 1e3:.0f} ms",
         "report"),
        ("channels answer with its 7 checks (median)", f"{statistics.median(full) * 1e3:.0f} ms",
         "report; CPU limit 5 s"),
        (f"grade {ANSWERS} code answers, --workers 2", f"{batch:.1f} s", "report"),
        ("  per answer", f"{per_answer:.3f} s", "< 0.2 s"),
    ]  # fmt: skip
