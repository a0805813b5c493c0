"""Resilience of a network when firms leave: random exits versus losing the most central.

As firms leave, the network keeps the share ``S`` of its original firms that are still in
the largest connected group. Random exit (a firm closes for its own reasons) is averaged
over seeded trials; targeted exit removes the firm with the most links first, recounting
links after each exit (the attack of Albert, Jeong & Barabási 2000, "Error and attack
tolerance of complex networks", *Nature* 406). Hub-and-spoke networks survive random exits
well but fall apart when the hub leaves; meshes degrade gracefully under both.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components

from collabkit.models.validation import check_number

STRATEGIES = ("random exit", "targeted exit")


def largest_group_share(adjacency: np.ndarray, remaining: np.ndarray, n_original: int) -> float:
    """Share of the original firms in the largest connected group of ``remaining`` firms."""
    if remaining.size == 0:
        return 0.0
    sub = adjacency[np.ix_(remaining, remaining)]
    _, labels = connected_components(sub, directed=False)
    return float(np.bincount(labels).max() / n_original)


def targeted_order(adjacency: np.ndarray) -> np.ndarray:
    """Exit order that always removes the remaining firm with the most remaining links
    (ties: the earlier firm)."""
    degrees = adjacency.sum(axis=1).astype(float)
    order = np.empty(len(adjacency), dtype=int)
    for step in range(len(adjacency)):
        firm = int(np.argmax(degrees))
        order[step] = firm
        degrees -= adjacency[firm]
        degrees[firm] = -np.inf
    return order


def resilience_curve(
    graph: nx.Graph, *, trials: int = 20, points: int = 21, seed: int = 0
) -> pd.DataFrame:
    """Largest connected group as a growing share of firms leaves.

    Parameters
    ----------
    graph
        The network.
    trials
        Random exit orders averaged, a whole number in [1, 1,000].
    points
        Evenly spaced exit shares from 0 to 1 at which the network is measured, a whole
        number in [2, 1,001].
    seed
        Seed of the random exit orders.

    Returns
    -------
    DataFrame
        Tidy rows with ``strategy`` ("random exit" or "targeted exit"),
        ``removed_share`` (share of firms gone), ``removed`` (firms gone) and
        ``largest_group_share`` (share of the original firms still in the largest
        connected group; the random strategy's mean over trials).
    """
    check_number("trials", trials, 1, 1_000, integer=True)
    check_number("points", points, 2, 1_001, integer=True)
    adjacency = nx.to_numpy_array(graph, weight=None) > 0
    n = len(adjacency)
    removed = np.unique(np.round(np.linspace(0, n, points)).astype(int))
    rng = np.random.default_rng(seed)
    orders = {"targeted exit": [targeted_order(adjacency)]}
    orders["random exit"] = [rng.permutation(n) for _ in range(trials)]
    rows = []
    for strategy in STRATEGIES:
        for k in removed:
            shares = [largest_group_share(adjacency, order[k:], n) for order in orders[strategy]]
            rows.append((strategy, k / n if n else 0.0, int(k), float(np.mean(shares))))
    return pd.DataFrame(
        rows, columns=["strategy", "removed_share", "removed", "largest_group_share"]
    )


def robustness(curve: pd.DataFrame) -> pd.Series:
    """Area under each strategy's curve (0 to 0.5 for a network that falls apart at once
    … 0.5 for one that loses only the firms that leave), per strategy (Schneider et al.
    2011, *PNAS* 108, robustness measure R)."""
    return curve.groupby("strategy").apply(
        lambda part: float(np.trapezoid(part["largest_group_share"], part["removed_share"])),
        include_groups=False,
    )
