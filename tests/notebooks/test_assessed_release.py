"""The solved run of every notebook in an assessed release: the student's kernel gives no
right/wrong on graded items, so full marks are checked through the grader with the course
secret; and nothing the executed notebook shows gives a graded key away."""

from __future__ import annotations

import json

import nbformat
import pytest

from collabkit.assess.assessed import read_secret
from collabkit.assess.grading import grade
from collabkit.assess.questions import instructor_graded
from collabkit.assess.records import MIME_TYPE
from collabkit.assess.release import leaks
from collabkit.course import NOTEBOOKS as COURSE
from collabkit.course import all_questions, graded_task
from tests.assessed_release import AssessedRelease, execute, make_release, printed

pytestmark = pytest.mark.slow  # executes every released notebook in a kernel

GRADED_NOTEBOOKS = [n.number for n in COURSE if graded_task(n.number) is not None]

#: Answers every question shown: practice items with their open key, graded items with the
#: key of this release (computed by the instructor's side and passed in as KEYS).
SOLVE = """
import json
from collabkit.widgets.questions import live_question_widgets
keys = json.loads(KEYS)
seen = {}
for w in live_question_widgets():
    graded = w.question.id in keys
    w.fill(keys[w.question.id] if graded else w.question.key)
    feedback = w.submit()
    seen[w.question.id] = {"recorded": feedback.recorded, "correct": feedback.correct,
                           "solution_button": w.solution_button.layout.display != "none",
                           "html": w.feedback.value}
print("SOLVED" + json.dumps(seen))
"""


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> AssessedRelease:
    return make_release(tmp_path_factory.mktemp("assessed"))


@pytest.fixture(scope="module", params=GRADED_NOTEBOOKS)
def solved(request, release, tmp_path_factory):
    number = request.param
    keys = json.dumps(json.dumps(release.keys(number), default=list))
    nb = execute(
        release.notebook(number),
        [SOLVE.replace("KEYS", keys)],
        tmp_path_factory.mktemp(f"answers{number}"),
    )
    return number, nb, printed(nb, "SOLVED")


def test_graded_items_are_recorded_without_a_verdict_or_a_solution(solved, release):
    number, _, seen = solved
    graded = release.keys(number)
    assert graded and set(graded) <= set(seen)
    for qid, shown in seen.items():
        if qid in graded:
            assert shown["recorded"] and not shown["correct"], qid
            assert not shown["solution_button"], qid
            assert "Attempt 1 of 3" in shown["html"], qid
        else:  # practice items keep their instant feedback
            assert shown["correct"] and not shown["recorded"], qid


def test_the_grader_with_the_secret_gives_full_marks(solved, release, tmp_path, sandbox):
    number, nb, _ = solved
    path = tmp_path / "submission.ipynb"
    nbformat.write(nb, path)
    run = grade([path], notebooks=[number], execute=True,
                secret=read_secret(release.secret_file))  # fmt: skip
    (graded,) = run.graded
    scored = [q for q in all_questions() if q.notebook == number and not instructor_graded(q)]
    assert graded.total(number) == sum(q.points for q in scored)  # memos await the instructor
    assert run.problems == []


def test_no_cell_of_the_executed_release_shows_a_graded_key(solved, release):
    """What the notebook shows before the student answers: every cell's source and output,
    without the test's own answering cell and the answer records it filled."""
    number, nb, _ = solved
    cells = []
    for cell in nb.cells[:-1]:
        outputs = [o for o in cell.get("outputs", []) if MIME_TYPE not in o.get("data", {})]
        cells.append({**cell, "outputs": outputs})
    keyed = [q for q in release.keyed.values() if q.notebook == number]
    assert leaks({"cells": cells}, [], keyed) == []
