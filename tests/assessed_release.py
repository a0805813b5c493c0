"""An assessed release of the course, made as an instructor makes it, for the tests of
assessed mode: a fixed course secret, ``collabkit release --assessed``, and the keys of that
release computed on the instructor's side (with the secret)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from collabkit.assess.assessed import read_secret
from collabkit.assess.questions import Question
from collabkit.cli import main
from collabkit.course import assessed_questions, graded_question_ids
from tests.conftest import NOTEBOOKS

#: A fixed secret: the release, its numbers and its keys are the same on every run.
SECRET_HEX = "5eed" * 16
ATTEMPTS = 3


@dataclass(frozen=True)
class AssessedRelease:
    """The released notebooks and what only the instructor knows about them."""

    folder: Path
    secret_file: Path
    keyed: dict[str, Question]  # graded question id → keyed question of this release

    def notebook(self, number: str) -> Path:
        (path,) = self.folder.glob(f"{number}_*.ipynb")
        return path

    def keys(self, number: str) -> dict[str, object]:
        return {qid: q.key for qid, q in self.keyed.items() if q.notebook == number}


def make_release(folder: Path) -> AssessedRelease:
    """Release every notebook of the course into ``folder/release`` for assessment."""
    secret_file = folder / "course.key"
    secret_file.write_text(SECRET_HEX + "\n")
    out = folder / "release"
    code = main(["release", str(NOTEBOOKS), str(out), "--assessed", "--secret-file",
                 str(secret_file), "--attempts", str(ATTEMPTS)])  # fmt: skip
    assert code == 0, "the assessed release reported a leak"
    graded = graded_question_ids()
    keyed = {q.id: q for q in assessed_questions(read_secret(secret_file)) if q.id in graded}
    return AssessedRelease(out, secret_file, keyed)


def execute(path: Path, extra_cells: list[str], answers_dir: Path) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` with ``extra_cells`` appended, in its own folder."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.extend(nbformat.v4.new_code_cell(code) for code in extra_cells)
    client = NotebookClient(
        nb, timeout=180, resources={"metadata": {"path": str(path.parent)}},
        kernel_name="python3",
    )  # fmt: skip
    client.execute(env={**os.environ, "COLLABKIT_ANSWERS_DIR": str(answers_dir)})
    return nb


def printed(nb: nbformat.NotebookNode, marker: str) -> object:
    """The JSON a cell printed after ``marker``."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if marker in text:
                return json.loads(text.split(marker, 1)[1])
    raise AssertionError(f"no cell printed {marker}")
