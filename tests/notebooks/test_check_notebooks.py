"""``scripts/check_notebooks.py`` (the pre-commit hook) passes the course notebooks, names
the file and cell of every problem in a dirty notebook, and ``--fix`` repairs it while
keeping every good cell id."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import NOTEBOOKS, REPO

SCRIPT = REPO / "scripts" / "check_notebooks.py"
IDS = ["5f0c2a9b", "7d3e4b5a", "9a8b7c6d"]


def run_script(*args: object) -> subprocess.CompletedProcess:
    """The script as the pre-commit hook runs it (a fresh interpreter: about 4 s here,
    most of it jsonschema's import)."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_notebooks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT_MODULE = _load_script()


def check(*args: object) -> subprocess.CompletedProcess:
    """The script's ``main`` run in this process (same result, no interpreter start-up)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = SCRIPT_MODULE.main([str(arg) for arg in args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def clean_notebook() -> dict:
    """A small clean notebook: a heading and two code cells (plain JSON, written as is)."""
    code = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
    return {
        "cells": [
            {"cell_type": "markdown", "id": IDS[0], "metadata": {}, "source": "# Title"},
            {**code, "id": IDS[1], "source": "import collabkit"},
            {**code, "id": IDS[2], "source": 'collabkit.ask("00.basics.run")'},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write(tmp_path: Path, notebook: dict) -> Path:
    # json, not nbformat: nbformat.write would quietly repair duplicate ids
    path = tmp_path / "lesson.ipynb"
    path.write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    return path


def _with_output(nb: dict) -> None:
    nb["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}]


def _with_count(nb: dict) -> None:
    nb["cells"][2]["execution_count"] = 3


def _with_duplicate_id(nb: dict) -> None:
    nb["cells"][2]["id"] = IDS[1]


def _with_widget_state(nb: dict) -> None:
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}


def test_the_course_notebooks_pass():
    result = run_script(*sorted(NOTEBOOKS.glob("*.ipynb")))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_script_exits_1_naming_the_file_and_cell(tmp_path):
    nb = clean_notebook()
    _with_output(nb)
    path = write(tmp_path, nb)
    result = run_script(path)
    assert result.returncode == 1
    assert result.stderr == f"{path}: cell 2 (id '{IDS[2]}') has outputs\n"


def test_a_clean_notebook_passes(tmp_path):
    assert check(write(tmp_path, clean_notebook())).returncode == 0


@pytest.mark.parametrize(
    ("make_dirty", "message"),
    [
        (_with_output, f"cell 2 (id '{IDS[2]}') has outputs"),
        (_with_count, f"cell 2 (id '{IDS[2]}') has an execution count"),
        (_with_duplicate_id, f"cell 2 (id '{IDS[1]}') has the same id as cell 1"),
        (_with_widget_state, "has saved widget state"),
    ],
    ids=["output", "execution count", "duplicate id", "widget state"],
)
def test_a_dirty_notebook_fails_naming_file_and_cell(tmp_path, make_dirty, message):
    nb = clean_notebook()
    make_dirty(nb)
    path = write(tmp_path, nb)
    result = check(path)
    assert result.returncode == 1
    assert f"{path}: {message}" in result.stderr


@pytest.mark.parametrize("cell_id", ["cell-07", "c04-07", "7", "intro_3"])
def test_an_id_numbered_by_position_fails(tmp_path, cell_id):
    nb = clean_notebook()
    nb["cells"][1]["id"] = cell_id
    result = check(write(tmp_path, nb))
    assert result.returncode == 1
    assert f"cell 1 (id '{cell_id}') has a positional id" in result.stderr


@pytest.mark.parametrize("cell_id", ["a1b2c3d4", "12345678", str(uuid.uuid4()), "takeaways"])
def test_a_random_or_named_id_passes(tmp_path, cell_id):
    nb = clean_notebook()
    nb["cells"][1]["id"] = cell_id
    assert check(write(tmp_path, nb)).returncode == 0


def test_an_old_or_invalid_notebook_fails(tmp_path):
    old = clean_notebook()
    old["nbformat_minor"] = 4
    for cell in old["cells"]:
        del cell["id"]
    result = check(write(tmp_path, old))
    assert result.returncode == 1
    assert "is nbformat 4.4; 4.5 or a later 4.x is needed" in result.stderr

    invalid = clean_notebook()
    invalid["cells"][1]["source"] = 5
    result = check(write(tmp_path, invalid))
    assert result.returncode == 1
    assert "is not valid nbformat 4.5: cells/1/source" in result.stderr

    (tmp_path / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    result = check(tmp_path / "broken.ipynb")
    assert result.returncode == 1
    assert "broken.ipynb: is not JSON" in result.stderr


def test_fix_strips_outputs_and_renews_only_the_bad_ids(tmp_path):
    nb = clean_notebook()
    _with_output(nb)
    _with_count(nb)
    _with_duplicate_id(nb)
    _with_widget_state(nb)
    nb["cells"][0]["id"] = "cell-00"
    path = write(tmp_path, nb)
    result = check("--fix", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{path}: fixed\n"
    assert check(path).returncode == 0

    fixed = json.loads(path.read_text(encoding="utf-8"))
    ids = [cell["id"] for cell in fixed["cells"]]
    assert ids[1] == IDS[1]  # a good id is kept
    assert all(re.fullmatch(r"[0-9a-f]{8}", i) for i in (ids[0], ids[2]))
    assert len(set(ids)) == 3
    assert ["".join(c["source"]) for c in fixed["cells"]] == [
        "".join(c["source"]) for c in clean_notebook()["cells"]
    ]
    assert fixed["cells"][2]["outputs"] == [] and fixed["cells"][2]["execution_count"] is None
    assert "widgets" not in fixed["metadata"]


def test_fix_raises_an_old_notebook_to_4_5_and_leaves_a_clean_one_alone(tmp_path):
    nb = clean_notebook()
    nb["nbformat_minor"] = 4
    for cell in nb["cells"]:
        del cell["id"]
    path = write(tmp_path, nb)
    assert check("--fix", path).returncode == 0
    assert check(path).returncode == 0
    assert json.loads(path.read_text(encoding="utf-8"))["nbformat_minor"] == 5

    before = path.read_bytes()
    result = check("--fix", path)
    assert result.returncode == 0 and result.stdout == ""
    assert path.read_bytes() == before


def test_the_course_text_never_asks_a_web_page_reader_only_to_press_keys():
    """Where a notebook says to run cells with Shift + Enter, it also says what a reader
    of the Voila web page (where cells have already run) should do."""
    for path in NOTEBOOKS.glob("0[0-4]_*.ipynb"):
        text = path.read_text(encoding="utf-8")
        if "Shift + Enter" in text:
            assert "Voila" in text, path.name
