"""Explorer callback latency in a real kernel: model run + in-place figure update.

The measurement runs inside an IPython kernel, where every widget has a live comm, so the
time includes serialising and sending the figure update. Each case sets up an explorer,
then moves one control back and forth between two values; each move runs the callback.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

REPEATS = 40


@dataclass
class Case:
    """One benchmark: an explorer, its settings, and the control that moves."""

    name: str
    factory: Callable[[], Any]
    control: str
    values: tuple[Any, Any]
    setup: dict[str, Any] = field(default_factory=dict)
    target_ms: int = 30
    before_each: Callable[[], None] | None = None


def _clear_structure_caches() -> None:
    """Forget every memoised structure, so a size change is measured from scratch."""
    from collabkit.widgets import network_design as f02

    f02._comparison.cache_clear()
    f02._full_network.cache_clear()


def cases() -> list[Case]:
    from collabkit.models.structures import STRUCTURES
    from collabkit.widgets import fundamentals as f01
    from collabkit.widgets import network_design as f02
    from collabkit.widgets import over_collaboration as f04
    from collabkit.widgets import platform_economy as f03

    largest_pooling = {"asset_cost": 100_000, "coordination_cost": 10_000}
    found = [
        Case("01 cost_pooling, default", f01.cost_pooling, "n_firms", (3, 4)),
        Case("01 cost_pooling, largest", f01.cost_pooling, "n_firms", (19, 20),
             largest_pooling, 100),
        Case("01 market_reach, default", f01.market_reach, "similarity", (0.0, 0.1)),
        Case("01 market_reach, largest", f01.market_reach, "similarity", (0.9, 1.0),
             {"bakery": 1.0, "cafe": 1.0, "courier": 1.0}, 100),
        Case("01 group_purchasing, default", f01.group_purchasing, "bakery", (4_000, 4_250)),
        Case("01 group_purchasing, largest", f01.group_purchasing, "bakery", (11_750, 12_000),
             {"cafe": 12_000, "courier": 12_000}, 100),
        Case("01 free_riding, default", f01.free_riding, "fine", (2.0, 2.25)),
        Case("01 free_riding, largest", f01.free_riding, "fine", (4.75, 5.0),
             {"n_firms": 100, "multiplier": 3.0, "monitoring": 1.0}, 100),
    ]  # fmt: skip
    for n_firms, target in ((50, 30), (200, 100)):
        for structure in STRUCTURES:
            # a full mesh is drawn up to MESH_LIMIT firms; beyond, the explorer explains why
            size = min(n_firms, f02.MESH_LIMIT) if structure == "mesh" else n_firms
            found.append(
                Case(
                    f"02 network_structure, {structure}, {size} firms",
                    f02.network_structure,
                    "remove",
                    (f02.NOBODY, f02.BEST_CONNECTED),
                    {"structure": structure, "n_firms": size},
                    target,
                )
            )
    found += [
        Case("02 structure_comparison, cost slider, 20 firms", f02.structure_comparison,
             "per_link", (1_000, 1_100)),
        Case("02 structure_comparison, cost slider, 100 firms", f02.structure_comparison,
             "per_link", (1_000, 1_100), {"n_firms": 100}, 100),
        Case("02 structure_comparison, size slider (uncached), 20 firms",
             f02.structure_comparison, "n_firms", (20, 22), {}, 30,
             _clear_structure_caches),
        Case("02 structure_comparison, size slider (uncached), 100 firms",
             f02.structure_comparison, "n_firms", (98, 100), {"n_firms": 98}, 100,
             _clear_structure_caches),
        Case("02 partner_selection", f02.partner_selection, "firm",
             ("Sweet Crumb Bakery", "Corner Coffee")),
        Case("02 florentine_families", f02.florentine_families, "measure",
             ("betweenness", "constraint")),
        Case("03 platform_trajectory, 60 months, 200 sellers", f03.platform_trajectory,
             "platform_share", (0.3, 0.35)),
        Case("03 platform_trajectory, 120 months, 500 sellers",
             lambda: f03.platform_trajectory(n_sellers=500, periods=120), "platform_share",
             (0.95, 1.0), {}, 30),
        Case("04 net_benefit, default", f04.net_benefit, "coordination_cost",
             (1_000, 1_100)),
        Case("04 net_benefit, largest", f04.net_benefit, "coordination_cost",
             (4_900, 5_000), {"hours_per_partner": 15}, 100),
        Case("04 partnering_simulation, 300 firms x 100 periods", f04.partnering_simulation,
             "cost_spillover", (0.5, 0.55)),
        Case("04 partnering_simulation, 1,000 firms x 200 periods", f04.partnering_simulation,
             "cost_spillover", (0.95, 1.0), {"n_firms": 1_000, "periods": 200}, 100),
        Case("04 ego_network", f04.ego_network, "knows", (2, 3)),
        Case("04 ego_network, largest firm", f04.ego_network, "knows",
             (14, 15), {"firm": "F24"}),
    ]  # fmt: skip
    return found


def _latencies(case: Case) -> list[float]:
    explorer = case.factory()
    explorer.set(**case.setup)
    widget = explorer.controls[case.control]
    widget.value = case.values[0]
    times = []
    for i in range(REPEATS):
        if case.before_each:
            case.before_each()
        t0 = time.perf_counter()
        widget.value = case.values[(i + 1) % 2]
        times.append(time.perf_counter() - t0)
    return times


def measure() -> list[tuple[str, str, str]]:
    """Median and max latency of every case (run inside a kernel)."""
    rows = []
    for case in cases():
        times = _latencies(case)
        rows.append(
            (
                f"{case.name}: callback median / max (ms)",
                f"{statistics.median(times) * 1e3:.1f} / {max(times) * 1e3:.1f}",
                f"median <= {case.target_ms}",
            )
        )
    return rows


def run() -> list[tuple[str, str, str]]:
    """Measure in a fresh kernel started at the repository root."""
    from benchmarks.notebooks import execute

    cell = "import json, benchmarks.callbacks as c; print(json.dumps(c.measure()))"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    execute(nb, Path(__file__).resolve().parents[1])
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")
    return [tuple(row) for row in json.loads(text)]
