"""Import overhead of ``import collabkit`` over importing its own dependencies.

Each fresh interpreter imports the dependencies, then collabkit, timing both steps in the
same process; the overhead is collabkit's own import time as a share of the
dependencies'. (Comparing two separately timed interpreters would mostly measure noise.)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

DEPENDENCIES = "numpy, pandas, networkx, plotly.graph_objects, ipywidgets, scipy.sparse"
REPEATS = 9

_TIMER = f"""
import json, time
t0 = time.perf_counter()
import {DEPENDENCIES}
t1 = time.perf_counter()
import collabkit
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1]))
"""

_ALONE = """
import json, time
t0 = time.perf_counter()
import collabkit
print(json.dumps(time.perf_counter() - t0))
"""


def _run(code: str) -> object:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run() -> list[tuple[str, str, str]]:
    pairs = [_run(_TIMER) for _ in range(REPEATS)]
    deps = statistics.median(p[0] for p in pairs)
    after = statistics.median(p[1] for p in pairs)
    alone = statistics.median(_run(_ALONE) for _ in range(REPEATS))
    return [
        ("import of dependencies (s)", f"{deps:.3f}", ""),
        ("import collabkit alone, cold (s)", f"{alone:.4f}", ""),
        ("import collabkit after its dependencies (s)", f"{after:.4f}", ""),
        ("import collabkit overhead", f"{after / deps:+.1%}", "<= 10%"),
    ]
