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
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from collabkit.analysis.network import adjacency
from collabkit.core.validation import check_number

STRATEGIES = ("random exit", "targeted exit")


def largest_group_shares(
    edges: np.ndarray, n: int, orders: np.ndarray, removed: np.ndarray
) -> np.ndarray:
    """Share of the ``n`` original firms in the largest connected group, for every exit
    order (rows of ``orders``) after each count of exits in ``removed``.

    All (order, count) cases are solved at once: each becomes a separate block of one
    large graph holding the firms still present and the links between them, and a single
    connected-components pass labels every block.

    Parameters
    ----------
    edges
        Links as an array of shape (m, 2) of firm indices.
    n
        Number of firms.
    orders
        Exit orders, shape (orders, n), each a permutation of ``range(n)``.
    removed
        Numbers of firms gone, shape (points,).

    Returns
    -------
    ndarray
        Shape (orders, points).
    """
    n_orders, n_points = len(orders), len(removed)
    rank = np.empty_like(orders)
    rank[np.arange(n_orders)[:, None], orders] = np.arange(n)
    present = rank[:, None, :] >= removed[None, :, None]  # (orders, points, n)
    blocks = np.arange(n_orders * n_points).reshape(n_orders, n_points, 1) * n
    u, v = edges[:, 0], edges[:, 1]
    kept = present[:, :, u] & present[:, :, v]
    rows = (blocks + u)[kept]
    cols = (blocks + v)[kept]
    size = n_orders * n_points * n
    graph = csr_array((np.ones(rows.size, dtype=np.int8), (rows, cols)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    alive = present.reshape(-1)
    block_of = np.repeat(np.arange(n_orders * n_points), n)[alive]
    groups, counts = np.unique(block_of * size + labels[alive], return_counts=True)
    largest = np.zeros(n_orders * n_points)
    np.maximum.at(largest, groups // size, counts)
    return largest.reshape(n_orders, n_points) / n


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
    matrix = adjacency(graph) > 0
    n = len(matrix)
    removed = np.unique(np.round(np.linspace(0, n, points)).astype(int))
    rng = np.random.default_rng(seed)
    orders = {
        "random exit": np.array([rng.permutation(n) for _ in range(trials)]).reshape(trials, n),
        "targeted exit": targeted_order(matrix)[None, :],
    }
    edges = np.argwhere(np.triu(matrix, 1))
    rows = []
    for strategy in STRATEGIES:
        shares = largest_group_shares(edges, n, orders[strategy], removed).mean(axis=0)
        for k, share in zip(removed, shares, strict=True):
            rows.append(
                {
                    "strategy": strategy,
                    "removed_share": k / n if n else 0.0,
                    "removed": int(k),
                    "largest_group_share": float(share),
                }
            )
    return pd.DataFrame(rows)


def robustness(curve: pd.DataFrame) -> pd.Series:
    """Area under each strategy's curve (0 to 0.5 for a network that falls apart at once
    … 0.5 for one that loses only the firms that leave), per strategy (Schneider et al.
    2011, *PNAS* 108, robustness measure R)."""
    return curve.groupby("strategy").apply(
        lambda part: float(np.trapezoid(part["largest_group_share"], part["removed_share"])),
        include_groups=False,
    )
