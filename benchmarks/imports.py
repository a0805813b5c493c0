"""Import overhead of ``import collabkit`` over importing its own dependencies."""

from __future__ import annotations

import statistics
import subprocess
import sys

DEPENDENCIES = "import numpy, pandas, networkx, plotly.graph_objects, ipywidgets"
REPEATS = 7

_TIMER = """
import time
t0 = time.perf_counter()
{code}
print(time.perf_counter() - t0)
"""


def _seconds(code: str) -> float:
    """Median in-process time of ``code`` in fresh interpreters (start-up excluded)."""
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", _TIMER.format(code=code)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(REPEATS)
    ]
    return statistics.median(times)


def run() -> list[tuple[str, str, str]]:
    deps = _seconds(DEPENDENCIES)
    both = _seconds(DEPENDENCIES + "; import collabkit")
    alone = _seconds("import collabkit")
    overhead = (both - deps) / deps
    return [
        ("import of dependencies (s)", f"{deps:.3f}", ""),
        ("import collabkit alone (s)", f"{alone:.4f}", ""),
        ("import collabkit overhead", f"{overhead:+.1%}", "<= 10%"),
    ]
