"""Answers survive a kernel restart, and the notebook output carries the answer records."""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

from collabkit.assess.records import MIME_TYPE


def run_cells(sources: list[str], workdir, monkeypatch, answers) -> nbformat.NotebookNode:
    """Execute cells in a fresh kernel (a new process: a restart loses all memory)."""
    monkeypatch.setenv("COLLABKIT_ANSWERS_DIR", str(answers))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


def stream(nb: nbformat.NotebookNode, index: int) -> str:
    return "".join(o.get("text", "") for o in nb.cells[index].outputs if o.output_type == "stream")


def test_answers_survive_a_kernel_restart(tmp_path, monkeypatch):
    answers = tmp_path / "answers"
    first = run_cells(
        [
            "import collabkit\ncollabkit.start(student_id='s1')",
            "collabkit.answer('01.pooling.cost', 10200)",
            "from collabkit.widgets.questions import question_widget\n"
            "w = question_widget(collabkit.get_question('01.what.definition'))\n"
            "w.fill('b')\nprint(w.submit().correct)",
        ],
        tmp_path,
        monkeypatch,
        answers,
    )
    assert stream(first, 2).strip() == "True"

    second = run_cells(
        [
            "import collabkit, json\ncollabkit.start(student_id='s1')",
            "collabkit.ask('01.what.definition')",
            "r = collabkit.progress('01')\n"
            "print(json.dumps({'answered': int(r.table.answered.sum()), 'score': r.score}))",
        ],
        tmp_path,
        monkeypatch,
        answers,
    )
    summary = json.loads(stream(second, 2))
    assert summary == {"answered": 2, "score": 2.0}
    (saved,) = [o for o in second.cells[1].outputs if MIME_TYPE in o.get("data", {})]
    records = saved["data"][MIME_TYPE]["records"]
    assert [(r["question_id"], r["answer"], r["attempt"]) for r in records] == [
        ("01.what.definition", "b", 1)
    ]
    assert "attempt 1" in saved["data"]["text/plain"]
