"""Copy the course notebooks for a JupyterLite site, each with a first cell that installs
collabkit in the browser (``%pip install`` in JupyterLite's Pyodide kernel takes the wheel
the site ships). Used by ``make lite``.

Usage: ``python scripts/lite_contents.py SOURCE_DIR OUT_DIR``
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

INSTALL = (
    "# In the browser (JupyterLite), the course's package is installed first.\n"
    "%pip install -q collabkit"
)


def main(source: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        print(f"lite_contents: no notebooks in {source}", file=sys.stderr)
        return 1
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        cell = nbformat.v4.new_code_cell(INSTALL)
        cell.metadata["tags"] = ["jupyterlite-install"]
        notebook.cells.insert(0, cell)
        nbformat.write(notebook, out / path.name)
        print(f"{out / path.name}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
