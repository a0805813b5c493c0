"""The vectorised partnering model against a straightforward Mesa twin of the same rules.

Speed: the median wall time of :meth:`PartneringModel.run` and of
:func:`benchmarks.mesa_partnering.run_mesa` at 1,000 firms and 200 periods (other
parameters at their defaults), and the speed-up.

Outcomes: the two implementations draw different random pairings, so they can agree only in
distribution. For each cost spillover, :data:`SEEDS` runs of each at the same size give the
final mean partners and the final welfare per firm; Welch's t-test (unequal variances)
compares the two samples. The Mesa runs use other seeds than the numpy runs, so the samples
are independent (with equal seeds both would draw the same firm values).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from scipy import stats

from collabkit.models.partnering import PartneringModel

N_FIRMS = 1_000
PERIODS = 200
NUMPY_REPEATS = 7
MESA_REPEATS = 3
SEEDS = 10
#: Added to the numpy runs' seeds for the Mesa runs, so the two samples are independent.
MESA_SEED_OFFSET = 1_000
SPILLOVERS = (0.5, 1.0)
SPEEDUP_TARGET = 20
NUMPY_TARGET_S = 1.0


def _median_time(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _welch(a: list[float], b: list[float]) -> float:
    """Welch's two-sided p-value; 1 when both samples are constant and equal."""
    p = stats.ttest_ind(a, b, equal_var=False).pvalue
    if math.isnan(p):
        return 1.0 if statistics.fmean(a) == statistics.fmean(b) else 0.0
    return float(p)


def run() -> list[tuple[str, str, str]]:
    from benchmarks.mesa_partnering import run_mesa

    model = PartneringModel(n_firms=N_FIRMS, periods=PERIODS)
    size = f"{N_FIRMS:,} firms x {PERIODS} periods"
    model.run(progress=False)  # warm up (imports, first allocations)
    fast = _median_time(lambda: model.run(progress=False), NUMPY_REPEATS)
    slow = _median_time(lambda: run_mesa(model), MESA_REPEATS)
    rows = [
        (f"abm numpy model, {size}: median of {NUMPY_REPEATS} (s)", f"{fast:.3f}",
         f"<= {NUMPY_TARGET_S:g}"),
        (f"abm Mesa twin, {size}: median of {MESA_REPEATS} (s)", f"{slow:.2f}", ""),
        ("abm speed-up, numpy over Mesa", f"{slow / fast:.0f}x", f">= {SPEEDUP_TARGET}x"),
    ]  # fmt: skip
    for spillover in SPILLOVERS:
        finals: dict[str, dict[str, list[float]]] = {"numpy": {}, "mesa": {}}
        for seed in range(SEEDS):
            params = PartneringModel(
                n_firms=N_FIRMS, periods=PERIODS, cost_spillover=spillover, seed=seed
            )
            for name, table in (
                ("numpy", params.run(progress=False)),
                ("mesa", run_mesa(replace(params, seed=seed + MESA_SEED_OFFSET))),
            ):
                last = table.iloc[-1]
                for column in ("mean_partners", "welfare_per_firm"):
                    finals[name].setdefault(column, []).append(float(last[column]))
        for column, label, fmt in (
            ("mean_partners", "final mean partners", ".3f"),
            ("welfare_per_firm", "final welfare per firm (EUR)", ",.0f"),
        ):
            a, b = finals["numpy"][column], finals["mesa"][column]
            p = _welch(a, b)
            rows.append(
                (
                    f"abm s={spillover:g}, {SEEDS} seeds each: {label}, numpy / Mesa",
                    f"{statistics.fmean(a):{fmt}} / {statistics.fmean(b):{fmt}} (p={p:.2f})",
                    "p > 0.05 (same outcomes)",
                )
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
