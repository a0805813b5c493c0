"""Comparing network structures of the same size on cost, reach, resilience and power."""

from __future__ import annotations

import pandas as pd

from collabkit.analysis.network import CoordinationCost, network_metrics
from collabkit.analysis.resilience import resilience_curve, robustness
from collabkit.models.structures import STRUCTURES, NetworkStructure


def compare_structures(
    n_firms: int = 20, cost: CoordinationCost | None = None, seed: int = 0
) -> pd.DataFrame:
    """The trade-offs of every structure at one size.

    Returns
    -------
    DataFrame
        Indexed by ``structure``, with ``links``, ``density``, ``avg_path_length``
        (links), ``coordination_cost`` (€ per year), ``coordination_cost_scaled`` (share of
        the costliest structure's), ``reach`` (share of firm pairs within 2 links),
        ``resilience`` (area under the targeted-exit curve, scaled to 0–1; see
        :func:`collabkit.analysis.resilience.robustness`), ``random_resilience`` (the same
        for random exits) and ``centralization`` (Freeman degree centralisation, 0–1).
    """
    rows = {}
    for kind in STRUCTURES:
        graph = NetworkStructure.sized(kind, n_firms, seed).build()
        metrics = network_metrics(graph, cost, connectivity=False)
        area = robustness(resilience_curve(graph, trials=10, points=11, seed=seed))
        rows[kind] = {
            "links": metrics["links"],
            "density": metrics["density"],
            "avg_path_length": metrics["avg_path_length"],
            "coordination_cost": metrics["coordination_cost"],
            "reach": metrics["reach"],
            "resilience": 2 * area["targeted exit"],
            "random_resilience": 2 * area["random exit"],
            "centralization": metrics["centralization"],
        }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("structure")
    costliest = table["coordination_cost"].max()
    table.insert(
        4, "coordination_cost_scaled", table["coordination_cost"] / costliest if costliest else 0.0
    )
    return table
