"""Answers survive a kernel restart, and the notebook output carries the answer records.

Each ``run_cells`` call executes an in-memory notebook in a new kernel process (what a
restart leaves behind: an empty memory, the same files on disk), with the notebook's
folder set to a temporary directory.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

import collabkit
from collabkit.assess.records import MIME_TYPE

pytestmark = pytest.mark.slow  # each test starts two Jupyter kernels (about 5 s)


def run_cells(sources: list[str], workdir) -> nbformat.NotebookNode:
    """Execute cells in a fresh kernel; a cell that raises fails the test."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    ).execute()
    return nb


def stream(nb: nbformat.NotebookNode, index: int) -> str:
    return "".join(o.get("text", "") for o in nb.cells[index].outputs if o.output_type == "stream")


def saved_records(nb: nbformat.NotebookNode, index: int) -> list[dict]:
    (output,) = [o for o in nb.cells[index].outputs if MIME_TYPE in o.get("data", {})]
    data = output["data"][MIME_TYPE]
    assert isinstance(data, dict), "the records must be saved as JSON, not as text"
    return data["records"]


def test_answers_survive_a_kernel_restart(tmp_path, monkeypatch):
    answers = tmp_path / "answers"
    monkeypatch.setenv("COLLABKIT_ANSWERS_DIR", str(answers))  # the kernels inherit it
    first = run_cells(
        [
            "import collabkit\ncollabkit.start(student_id='s1')",
            "collabkit.answer('01.pooling.cost', 7200)\ncollabkit.answer('01.pooling.cost', 10200)",
            "from collabkit.widgets.questions import question_widget\n"
            "w = question_widget(collabkit.get_question('01.what.definition'))\n"
            "w.fill(w.question.key)\nprint(w.submit().correct)",
        ],
        tmp_path,
    )
    # answer() puts the records into the cell's output, so they travel with the .ipynb
    outputs = [o for o in first.cells[1].outputs if MIME_TYPE in o.get("data", {})]
    assert [
        [(r["answer"], r["attempt"]) for r in o["data"][MIME_TYPE]["records"]] for o in outputs
    ] == [[(7200, 1)], [(7200, 1), (10200, 2)]]
    assert stream(first, 2).strip() == "True"
    assert (answers / "s1-01.json").is_file()
    assert not (tmp_path / ".collabkit").exists()  # nothing written beside the notebook

    second = run_cells(
        [
            "import collabkit, json\ncollabkit.start(student_id='s1')",
            "collabkit.ask('01.what.definition')",
            "from collabkit.widgets.questions import live_question_widgets\n"
            "print(json.dumps([w.value for w in live_question_widgets()]))",
            "r = collabkit.progress('01')\n"
            "print(json.dumps({'answered': int(r.table.answered.sum()),\n"
            "                  'correct': int(r.table.correct.sum()), 'score': r.score}))",
        ],
        tmp_path,
    )
    expected_score = sum(
        collabkit.get_question(q).points for q in ("01.pooling.cost", "01.what.definition")
    )
    summary = json.loads(stream(second, 3))
    assert summary == {"answered": 2, "correct": 2, "score": expected_score}

    # the restored widget shows the answer given before the restart
    assert json.loads(stream(second, 2)) == ["b"]

    # ask() saves the question's records in the notebook's output
    records = saved_records(second, 1)
    assert [(r["question_id"], r["answer"], r["attempt"], r["student_id"]) for r in records] == [
        ("01.what.definition", "b", 1, "s1")
    ]
    assert all("score" not in r for r in records)
    (saved,) = [o for o in second.cells[1].outputs if MIME_TYPE in o.get("data", {})]
    assert saved["data"]["text/plain"].startswith("Answer saved: 01.what.definition, attempt 1")


def test_without_a_configured_folder_answers_go_beside_the_notebook(tmp_path, monkeypatch):
    """On a hub the kernel starts in the notebook's folder: answers go to .collabkit there."""
    monkeypatch.delenv("COLLABKIT_ANSWERS_DIR")
    monkeypatch.setenv("JUPYTERHUB_USER", "hubstudent")
    run_cells(["import collabkit\ncollabkit.answer('00.basics.run', 'b')"], tmp_path)
    after_restart = run_cells(["import collabkit\nprint(collabkit.progress('00').score)"], tmp_path)
    saved = sorted(p.name for p in (tmp_path / ".collabkit").glob("*-00.json"))
    assert saved == ["hubstudent-00.json"]
    assert float(stream(after_restart, 0)) == collabkit.get_question("00.basics.run").points
