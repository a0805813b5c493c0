"""Import overhead of ``import collabkit``, and the cost of a notebook's first question.

Each fresh interpreter imports the dependencies, then collabkit, timing both steps in the
same process; the overhead is collabkit's own import time as a share of the
dependencies'. (Comparing two separately timed interpreters would mostly measure noise.)

The first question of notebook 00 is what a student waits for on their first
``collabkit.ask``: a fresh interpreter imports collabkit and shows the question. It is
compared with a fresh interpreter that only imports numpy and pandas, the two run in turn.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

DEPENDENCIES = "numpy, pandas, networkx, plotly.graph_objects, ipywidgets, scipy.sparse"
REPEATS = 9
#: The first question notebook 00 asks.
FIRST_QUESTION = "00.basics.run"

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

_NUMPY_PANDAS = """
import json, time
t0 = time.perf_counter()
import numpy, pandas
print(json.dumps(time.perf_counter() - t0))
"""

_FIRST = f"""
import json, time
t0 = time.perf_counter()
import collabkit
collabkit.ask({FIRST_QUESTION!r})
print(json.dumps(time.perf_counter() - t0))
"""


def _run(code: str, env: dict[str, str] | None = None) -> object:
    """The JSON value a fresh interpreter running ``code`` prints on its last line."""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.splitlines()[-1])


def run() -> list[tuple[str, str, str]]:
    pairs = [_run(_TIMER) for _ in range(REPEATS)]
    deps = statistics.median(p[0] for p in pairs)
    after = statistics.median(p[1] for p in pairs)
    alone = statistics.median(_run(_ALONE) for _ in range(REPEATS))
    with tempfile.TemporaryDirectory() as answers:  # a new student: no saved answers
        env = {**os.environ, "COLLABKIT_ANSWERS_DIR": answers}
        # alternated, so that both see the same load on a busy machine
        runs = [(_run(_NUMPY_PANDAS), _run(_FIRST, env)) for _ in range(REPEATS)]
    numpy_pandas = statistics.median(r[0] for r in runs)
    first = statistics.median(r[1] for r in runs)
    return [
        ("import of dependencies (s)", f"{deps:.3f}", ""),
        ("import collabkit alone, cold (s)", f"{alone:.4f}", ""),
        ("import collabkit after its dependencies (s)", f"{after:.4f}", ""),
        ("import collabkit overhead", f"{after / deps:+.1%}", "<= 10%"),
        ("import numpy + pandas, fresh process (s)", f"{numpy_pandas:.3f}", ""),
        ("first question of 00 (ask in a fresh process) (s)", f"{first:.3f}", ""),
        ("first question of 00 / import numpy + pandas", f"{first / numpy_pandas:.2f}×", "<= 2×"),
    ]
