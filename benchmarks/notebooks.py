"""Notebook execution time and the widget payload each notebook sends to the browser."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _execute(path: Path, workdir: Path) -> tuple[float, nbformat.NotebookNode]:
    nb = nbformat.read(path, as_version=4)
    return execute(nb, workdir), nb


def execute(nb: nbformat.NotebookNode, workdir: Path) -> float:
    """Execute ``nb`` in place in a fresh kernel started in ``workdir``; seconds taken."""
    client = NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(workdir)}})
    t0 = time.perf_counter()
    client.execute()
    return time.perf_counter() - t0


def _widget_payload(nb: nbformat.NotebookNode) -> tuple[int, int]:
    """Bytes of widget state nbclient captured (what the browser is sent) and the number
    of plotly FigureWidgets among the widgets."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {})
    figures = sum("_widget_data" in m.get("state", {}) for m in models.values())
    return len(json.dumps(state)), figures


def run() -> list[tuple[str, str, str]]:
    rows = []
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
            shutil.copy(path, tmp)
            seconds, nb = _execute(Path(tmp) / path.name, Path(tmp))
            total += seconds
            payload, figures = _widget_payload(nb)
            rows.append((f"{path.stem}: execution (s)", f"{seconds:.1f}", "<= 15"))
            rows.append(
                (
                    f"{path.stem}: widget payload (MB, {figures} FigureWidgets)",
                    f"{payload / 1e6:.1f}",
                    "report",
                )
            )
    rows.append(("all notebooks: execution (s)", f"{total:.1f}", "<= 90"))
    return rows
