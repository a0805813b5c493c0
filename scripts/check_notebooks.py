"""Check that notebooks are committed clean and diff-friendly (run as a pre-commit hook).

A notebook passes when

* it is valid nbformat 4.5 or later (the first version with cell ids);
* no code cell has outputs or an execution count, and no widget state is saved in the
  notebook's metadata;
* every cell has an id of its own: unique in the notebook and not numbered by position
  (``cell-07``, ``c04-07``, ``7``), since inserting a cell would renumber every cell after it
  and turn a one-cell change into a diff of the whole notebook.

Usage::

    python scripts/check_notebooks.py notebooks/*.ipynb        # exit 1, naming each problem
    python scripts/check_notebooks.py --fix notebooks/*.ipynb  # strip outputs and counts,
                                                               # renew bad ids, keep good ones

``--fix`` also raises a 4.0–4.4 notebook to 4.5. What it cannot repair (a file that is not
JSON, a schema error) is reported and exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbformat.validator import iter_validate

#: Lowest nbformat version (major, minor) accepted: 4.5 gives every cell an id.
MIN_VERSION = (4, 5)
#: A valid cell id (nbformat 4.5 schema).
VALID_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
#: An id numbered by position: word parts with separators, then a short number.
POSITIONAL_ID = re.compile(r"^(?:[A-Za-z]*\d*[-_])*\d{1,4}$")


def _label(index: int, cell: dict) -> str:
    cell_id = cell.get("id")
    return f"cell {index}" + (f" (id {cell_id!r})" if isinstance(cell_id, str) else "")


def _id_problem(cell_id: object, first_index: dict[str, int]) -> str | None:
    """Why ``cell_id`` is not a good id (``None`` if it is); ``first_index`` maps each id
    seen so far to the cell that has it first."""
    if cell_id is None:
        return "has no id"
    if not isinstance(cell_id, str) or not VALID_ID.match(cell_id):
        return "has an invalid id (letters, digits, - and _ only, at most 64)"
    if POSITIONAL_ID.match(cell_id):
        return "has a positional id: inserting a cell would renumber it"
    if cell_id in first_index:
        return f"has the same id as cell {first_index[cell_id]}"
    return None


def _cells(notebook: dict) -> list[dict]:
    cells = notebook.get("cells")
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def problems(notebook: dict) -> list[str]:
    """Every problem of ``notebook`` (a parsed .ipynb), one message each; empty if clean."""
    major, minor = notebook.get("nbformat"), notebook.get("nbformat_minor")
    if major != MIN_VERSION[0] or not isinstance(minor, int) or minor < MIN_VERSION[1]:
        return [f"is nbformat {major}.{minor}; 4.5 or a later 4.x is needed (cell ids)"]
    found = [
        f"is not valid nbformat {major}.{minor}: "
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in iter_validate(nbformat.from_dict(notebook))
    ]
    if "widgets" in notebook.get("metadata", {}):
        found.append("has saved widget state (metadata.widgets)")
    first_index: dict[str, int] = {}
    for index, cell in enumerate(_cells(notebook)):
        if cell.get("outputs"):
            found.append(f"{_label(index, cell)} has outputs")
        if cell.get("execution_count") is not None:
            found.append(f"{_label(index, cell)} has an execution count")
        why = _id_problem(cell.get("id"), first_index)
        if why:
            found.append(f"{_label(index, cell)} {why}")
        else:
            first_index[cell["id"]] = index
    return found


def fresh_id(taken: set[str]) -> str:
    """A random id of 8 hex digits, not in ``taken`` (and added to it)."""
    while (cell_id := secrets.token_hex(4)) in taken:
        pass
    taken.add(cell_id)
    return cell_id


def fix(notebook: dict) -> None:
    """Strip outputs, execution counts and widget state, raise 4.x to 4.5, and give every
    bad id a fresh random one; good ids stay as they are."""
    if notebook.get("nbformat") == 4 and notebook.get("nbformat_minor", 0) < MIN_VERSION[1]:
        notebook["nbformat_minor"] = MIN_VERSION[1]
    notebook.get("metadata", {}).pop("widgets", None)
    cells = _cells(notebook)
    for cell in cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    taken = {c["id"] for c in cells if isinstance(c.get("id"), str)}
    first_index: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if _id_problem(cell.get("id"), first_index):
            cell["id"] = fresh_id(taken)
        first_index[cell["id"]] = index


def check_file(path: Path, repair: bool) -> list[str]:
    """The problems of the notebook at ``path`` (after repairing it, if ``repair``)."""
    text = path.read_text(encoding="utf-8")
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as err:
        return [f"is not JSON: {err}"]
    if not isinstance(notebook, dict):
        return ["is not a notebook (no JSON object)"]
    if repair:
        before = json.dumps(notebook, sort_keys=True)
        fix(notebook)
        if json.dumps(notebook, sort_keys=True) != before:
            nbformat.write(nbformat.from_dict(notebook), path)
            print(f"{path}: fixed")
    return problems(notebook)


def main(argv: Sequence[str] | None = None) -> int:
    """Check (or ``--fix``) the notebooks named on the command line; 1 if any problem is left."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help=".ipynb files")
    parser.add_argument(
        "--fix", action="store_true", help="strip outputs and counts, renew bad cell ids"
    )
    args = parser.parse_args(argv)
    failed = False
    for path in args.notebooks:
        for problem in check_file(path, args.fix):
            print(f"{path}: {problem}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
