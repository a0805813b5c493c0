"""Explorer callback latency in a real kernel: model run + in-place figure update.

The measurement runs inside an IPython kernel, where every widget has a live comm, so the
time includes serialising and sending the figure update.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from collabkit.widgets import fundamentals
from collabkit.widgets.explorer import Explorer

REPEATS = 60

#: Each explorer with the control the benchmark moves back and forth.
EXPLORERS: dict[str, tuple[Callable[[], Explorer], str]] = {
    "01 cost_pooling": (fundamentals.cost_pooling, "n_firms"),
    "01 market_reach": (fundamentals.market_reach, "similarity"),
    "01 group_purchasing": (fundamentals.group_purchasing, "bakery"),
    "01 free_riding": (fundamentals.free_riding, "fine"),
}


def _latencies(explorer: Explorer, control: str) -> list[float]:
    """Time each slider step (the callback runs inside the value assignment)."""
    widget = explorer.controls[control]
    low, high, step = widget.min, widget.max, widget.step
    start = widget.value
    other = start + step if start + step <= high else start - step
    times = []
    for i in range(REPEATS):
        t0 = time.perf_counter()
        widget.value = other if i % 2 == 0 else start
        times.append(time.perf_counter() - t0)
    assert low <= other <= high
    return times


def _largest(explorer: Explorer) -> None:
    """Push every control to its largest value (the heaviest setting a student can pick)."""
    for name, widget in explorer.controls.items():
        explorer.set(**{name: widget.max})
    for name, widget in explorer.controls.items():  # keep the last step movable
        explorer.set(**{name: widget.max - widget.step})


def run() -> list[tuple[str, str, str]]:
    """Measure in a fresh kernel started at the repository root."""
    from benchmarks.notebooks import execute

    cell = "import json, benchmarks.callbacks as c; print(json.dumps(c.measure()))"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    execute(nb, Path(__file__).resolve().parents[1])
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")
    return [tuple(row) for row in json.loads(text)]


def measure() -> list[tuple[str, str, str]]:
    """Latency of every explorer at default and at largest settings (run in a kernel)."""
    rows = []
    for name, (factory, control) in EXPLORERS.items():
        explorer = factory()
        default = _latencies(explorer, control)
        _largest(explorer)
        largest = _latencies(explorer, control)
        rows.append(
            (
                f"{name}: callback median / max, default (ms)",
                f"{statistics.median(default) * 1e3:.1f} / {max(default) * 1e3:.1f}",
                "median <= 30",
            )
        )
        rows.append(
            (
                f"{name}: callback median / max, largest (ms)",
                f"{statistics.median(largest) * 1e3:.1f} / {max(largest) * 1e3:.1f}",
                "median <= 100",
            )
        )
    return rows
