"""A "solved run" of every notebook: execute it, answer every question it shows through the
question widgets with the key, and check full marks, saved answer records and no errors."""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

import collabkit
from collabkit.assess.records import MIME_TYPE
from tests.conftest import NOTEBOOKS

pytestmark = pytest.mark.slow  # executes every notebook in a kernel (about 7 s each)

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))

SOLVE = """
import json
from collabkit.widgets.questions import live_question_widgets
shown = sorted({w.question.id for w in live_question_widgets()})
for w in live_question_widgets():
    w.fill(w.question.key)
    w.submit()
report = collabkit.progress(NOTEBOOK)
print("SOLVED" + json.dumps({"shown": shown, "score": report.score,
      "max": report.max_score, "complete": report.complete}))
"""


@pytest.fixture(scope="module", params=NOTEBOOK_FILES, ids=lambda p: p.stem)
def solved(request, tmp_path_factory):
    """The notebook executed with a final cell that answers every question with its key."""
    path = request.param
    workdir = tmp_path_factory.mktemp(path.stem)
    shutil.copy(path, workdir / path.name)
    nb = nbformat.read(workdir / path.name, as_version=4)
    notebook = path.name[:2]
    nb.cells.append(nbformat.v4.new_code_cell(SOLVE.replace("NOTEBOOK", repr(notebook))))
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(workdir)}}).execute()
    last = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    summary = json.loads(last.split("SOLVED", 1)[1])
    return notebook, nb, summary


def test_every_question_of_the_notebook_is_shown(solved):
    notebook, _, summary = solved
    expected = sorted(q.id for q in collabkit.all_questions() if q.notebook == notebook)
    assert expected, f"notebook {notebook} has no questions in the course banks"
    assert summary["shown"] == expected


def test_answering_every_question_with_the_key_gives_full_marks(solved):
    _, _, summary = solved
    assert summary["complete"]
    assert summary["score"] == summary["max"] > 0


def test_answer_records_are_saved_in_the_notebook(solved):
    """Each question's cell output holds its record bundle, updated by the widget."""
    _, nb, summary = solved
    bundles: dict[str, list] = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if MIME_TYPE in o.get("data", {}):
                found = o["data"][MIME_TYPE]
                # a result task's code cell left unanswered (``collabkit.answer(id, None)``)
                # shows an empty bundle; the question's widget above holds the record
                if found["records"] or found["question_id"] not in bundles:
                    bundles[found["question_id"]] = found["records"]
    assert sorted(bundles) == summary["shown"]
    for question_id, records in bundles.items():
        assert len(records) == 1, question_id
        assert records[0]["question_id"] == question_id
        assert "score" not in records[0]


def test_no_cell_shows_an_error(solved):
    _, nb, _ = solved
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", output
            assert "Traceback" not in output.get("text", "")


def test_grading_the_solved_notebook_gives_full_marks(solved, tmp_path, sandbox):
    """The instructor's path: the saved notebook alone, graded from its records."""
    from collabkit.assess.grading import grade

    notebook, nb, summary = solved
    path = tmp_path / "submission.ipynb"
    nbformat.write(nb, path)
    run = grade([path], notebooks=[notebook], execute=True)  # code answers run, sandboxed
    (graded,) = run.graded
    assert graded.student_id == "anonymous"
    assert graded.total(notebook) == summary["max"]
    assert run.problems == []


#: A Python repr of a result object: ``UTest(statistic=…``, ``TurningPoint(estimate=…``.
PYTHON_REPR = re.compile(r"\b[A-Z][A-Za-z]+\([a-z_]+=")


def test_results_read_as_sentences_not_python_reprs(solved):
    """A business student reads statistics as sentences with the full table behind a toggle;
    no output is only a dataclass repr."""
    _, nb, _ = solved
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                continue  # a widget: the front end draws it (text/plain is a fallback)
            if "text/html" in data:
                assert not PYTHON_REPR.search(data["text/html"]), cell.source
                continue
            text = output.get("text", "") + data.get("text/plain", "")
            assert not PYTHON_REPR.search(text), (cell.source, text[:200])
