"""Social network analysis of a network of firms: who holds power, where it breaks, and
what it costs to run.

Node metrics follow networkx's conventions (normalised degree, betweenness and closeness
centrality; Burt's effective size and constraint). Network-level measures add Freeman's
degree centralisation (Freeman 1979), a coordination cost and information reach.

Sources: L. C. Freeman, "Centrality in social networks: conceptual clarification",
*Social Networks* 1 (1979); R. S. Burt, *Structural Holes* (1992); S. Wasserman and
K. Faust, *Social Network Analysis* (1994).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csr_array
from scipy.sparse.csgraph import shortest_path

from collabkit.core.blas import one_blas_thread
from collabkit.core.validation import check_number

ROLES = ("hub", "broker", "member", "peripheral")


def adjacency(graph: nx.Graph) -> np.ndarray:
    """Dense 0/1 adjacency matrix in ``graph.nodes`` order (self-loops dropped).

    Built from the edge list with numpy, which is several times faster than
    ``nx.to_numpy_array`` on networks with thousands of links.
    """
    index = {node: i for i, node in enumerate(graph.nodes)}
    n = len(index)
    pairs = np.fromiter(
        (i for u, v in graph.edges for i in (index[u], index[v])), dtype=np.intp,
        count=2 * graph.number_of_edges(),
    ).reshape(-1, 2)  # fmt: skip
    matrix = np.zeros((n, n))
    matrix[pairs[:, 0], pairs[:, 1]] = 1
    matrix[pairs[:, 1], pairs[:, 0]] = 1
    np.fill_diagonal(matrix, 0)
    return matrix


def node_metrics(graph: nx.Graph) -> pd.DataFrame:
    """Centrality and brokerage of every firm.

    Parameters
    ----------
    graph
        An undirected network of firms.

    Returns
    -------
    DataFrame
        Indexed by node (named ``firm``), with columns

        ``links``
            number of partners;
        ``degree``
            degree centrality, links / (n − 1), as ``nx.degree_centrality``;
        ``betweenness``
            share of shortest paths between other firms that pass through the firm,
            normalised as ``nx.betweenness_centrality``;
        ``closeness``
            inverse mean distance to the firms it can reach, scaled by the share it can
            reach, as ``nx.closeness_centrality``;
        ``eigenvector``
            centrality from being linked to central firms, computed per connected group
            and scaled by the group's share of firms;
        ``clustering``
            share of the firm's partner pairs that are partners themselves;
        ``effective_size``
            Burt's effective size, links − 2 × (links among partners) / links;
        ``efficiency``
            effective size / links;
        ``constraint``
            Burt's constraint, Σ_j (p_ij + Σ_q p_iq p_qj)², high when partners are tied to
            each other (no brokerage opportunity); NaN for a firm with no partners;
        ``role``
            ``"hub"``, ``"broker"``, ``"member"`` or ``"peripheral"`` (see
            :func:`role_labels`).

    Notes
    -----
    Computed with dense matrices (numpy, scipy) on one BLAS thread (see
    :mod:`collabkit.core.blas`) so that a network of 200 firms takes milliseconds; the tests
    check every column against networkx.

    Examples
    --------
    In the marriage network of Florence's leading families in the 1430s (Padgett and
    Ansell 1993), the Medici lie on about half of the shortest paths between the others:

    >>> import networkx as nx
    >>> metrics = node_metrics(nx.florentine_families_graph())
    >>> metrics["betweenness"].idxmax()
    'Medici'
    >>> round(float(metrics.loc["Medici", "betweenness"]), 3)
    0.522
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    a = adjacency(graph)
    links = a.sum(axis=1)
    d = _distances(a)
    with np.errstate(divide="ignore", invalid="ignore"), one_blas_thread():
        p = np.where(links[:, None] > 0, a / links[:, None], 0.0)
        triangles = ((a @ a) * a).sum(axis=1) / 2
        pairs = links * (links - 1) / 2
        constraint = (a * (p + p @ p) ** 2).sum(axis=1)
        effective = links - 2 * triangles / links
        frame = pd.DataFrame(
            {
                "links": links.astype(int),
                "degree": links / (n - 1) if n > 1 else np.zeros(n),
                "betweenness": _betweenness(a, d),
                "closeness": _closeness(d),
                "eigenvector": _eigenvector(a, d),
                "clustering": np.where(pairs > 0, triangles / np.where(pairs > 0, pairs, 1), 0),
                "effective_size": np.where(links > 0, effective, np.nan),
                "efficiency": np.where(links > 0, effective / links, np.nan),
                "constraint": np.where(links > 0, constraint, np.nan),
            },
            index=pd.Index(nodes, name="firm"),
        )
    frame["role"] = role_labels(frame)
    return frame


def _betweenness(a: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Normalised betweenness by Brandes' dependency accumulation, for all sources at once.

    Path counts σ_sv are built level by level (walks of length D_sv between s and v are
    exactly the shortest paths); dependencies flow back from the farthest level:
    δ_sv = Σ_{w: D_sw = D_sv + 1, a_vw = 1} σ_sv / σ_sw (1 + δ_sw). Betweenness is
    Σ_s δ_sv / ((n − 1)(n − 2)) (U. Brandes, *J. Math. Sociology* 25, 2001).
    """
    n = len(a)
    if n < 3:
        return np.zeros(n)
    finite = np.isfinite(d)
    depth = int(d[finite].max())
    sigma = np.eye(n)
    level = np.eye(n)
    for k in range(1, depth + 1):
        level = (level @ a) * (d == k)
        sigma += level
    safe = np.where(sigma > 0, sigma, 1.0)
    delta = np.zeros((n, n))
    for k in range(depth, 1, -1):
        flow = np.where(d == k, (1 + delta) / safe, 0.0)
        delta += (flow @ a) * sigma * (d == k - 1)
    return delta.sum(axis=0) / ((n - 1) * (n - 2))


def _closeness(d: np.ndarray) -> np.ndarray:
    """Wasserman–Faust closeness: ((r − 1) / Σ d) · ((r − 1) / (n − 1)), r = reachable."""
    n = len(d)
    finite = np.isfinite(d)
    reach = finite.sum(axis=1) - 1
    total = np.where(finite, d, 0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(total > 0, reach / total * reach / max(n - 1, 1), 0.0)
    return score


def _eigenvector(a: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Leading eigenvector of each connected group's adjacency (unit length, positive),
    scaled by the square root of the group's share of firms."""
    n = len(a)
    scores = np.zeros(n)
    unassigned = np.ones(n, dtype=bool)
    for i in range(n):
        if not unassigned[i]:
            continue
        group = np.isfinite(d[i])
        unassigned &= ~group
        sub = a[np.ix_(group, group)]
        if sub.sum() == 0:
            continue
        values, vectors = np.linalg.eigh(sub)
        leading = np.abs(vectors[:, np.argmax(values)])
        scores[group] = leading * np.sqrt(group.sum() / n)
    return scores


def role_labels(metrics: pd.DataFrame) -> pd.Series:
    """A role for each firm from its metrics.

    * ``hub``: at least 3 partners and at least twice the median number of partners;
    * ``broker``: not a hub, betweenness ≥ 0.1 and constraint ≤ 0.6 (it bridges groups);
    * ``peripheral``: at most one partner;
    * ``member``: everyone else.
    """
    links = metrics["links"]
    hub = (links >= 3) & (links >= 2 * links.median())
    broker = ~hub & (metrics["betweenness"] >= 0.1) & (metrics["constraint"] <= 0.6)
    peripheral = ~hub & ~broker & (links <= 1)
    role = np.select([hub, broker, peripheral], ["hub", "broker", "peripheral"], "member")
    return pd.Series(role, index=metrics.index, name="role")


@dataclass(frozen=True)
class CoordinationCost:
    """Yearly cost of running a network's partnerships.

    Each link costs ``per_link``; a firm with more than ``capacity`` links is overloaded
    and each extra link costs it ``overload`` more (attention is limited).

    .. math:: C = per\\_link \\cdot m + overload \\cdot \\sum_i \\max(0, k_i - capacity)

    Parameters
    ----------
    per_link
        € per link per year, in [0, 1,000,000].
    capacity
        Links a firm manages without overload, a whole number in [1, 1,000].
    overload
        Extra € per year for each link beyond capacity, in [0, 1,000,000].
    """

    per_link: float = 1_000.0
    capacity: int = 6
    overload: float = 2_000.0

    def __post_init__(self) -> None:
        check_number("per_link", self.per_link, 0, 1e6)
        check_number("capacity", self.capacity, 1, 1_000, integer=True)
        check_number("overload", self.overload, 0, 1e6)

    def of(self, graph: nx.Graph) -> float:
        """The network's coordination cost, € per year."""
        degrees = np.fromiter((d for _, d in graph.degree), dtype=float)
        extra = np.clip(degrees - self.capacity, 0, None).sum()
        return self.per_link * graph.number_of_edges() + self.overload * extra


def distances(graph: nx.Graph) -> np.ndarray:
    """Matrix of shortest-path lengths in links (inf where no path), in node order."""
    return _distances(adjacency(graph))


def _distances(a: np.ndarray) -> np.ndarray:
    if len(a) == 0:
        return np.zeros((0, 0))
    return shortest_path(csr_array(a), method="D", unweighted=True)


def information_reach(graph: nx.Graph, steps: int = 2) -> float:
    """Share of ordered pairs of firms within ``steps`` links of each other."""
    return _reach(distances(graph), steps)


def _reach(d: np.ndarray, steps: int) -> float:
    check_number("steps", steps, 1, 1_000, integer=True)
    n = len(d)
    if n < 2:
        return 0.0
    within = (d <= steps).sum() - n  # minus each firm's distance to itself
    return float(within / (n * (n - 1)))


def degree_centralization(graph: nx.Graph) -> float:
    """Freeman's degree centralisation: 1 for a star, 0 when all firms have equal links.

    .. math:: C = \\sum_i (k_{max} - k_i) / ((n - 1)(n - 2))
    """
    n = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = np.fromiter((d for _, d in graph.degree), dtype=float)
    return float((degrees.max() - degrees).sum() / ((n - 1) * (n - 2)))


def network_metrics(
    graph: nx.Graph,
    cost: CoordinationCost | None = None,
    steps: int = 2,
    *,
    connectivity: bool = True,
) -> dict[str, float]:
    """Whole-network measures.

    Parameters
    ----------
    graph
        An undirected network of firms.
    cost
        How coordination is costed (default :class:`CoordinationCost`).
    steps
        Radius of ``reach``.
    connectivity
        Compute ``node_connectivity`` (exact but slow on large dense networks; explorers
        skip it and show ``single_points_of_failure`` instead).

    Returns
    -------
    dict
        ``firms``, ``links``, ``density``, ``centralization`` (Freeman degree),
        ``components``, ``largest_component_share``, ``avg_path_length`` and ``diameter``
        (within the largest connected group, in links), ``node_connectivity`` (firms that
        must leave to split the network; 0 if already split), ``single_points_of_failure``
        (firms whose exit splits their group), ``coordination_cost`` (€ per year) and
        ``reach`` (share of firm pairs within ``steps`` links).

    Examples
    --------
    >>> import networkx as nx
    >>> summary = network_metrics(nx.florentine_families_graph())
    >>> summary["firms"], summary["links"], round(summary["density"], 2)
    (15, 20, 0.19)
    >>> summary["single_points_of_failure"]  # families whose exit splits the network
    4
    """
    cost = cost or CoordinationCost()
    n = graph.number_of_nodes()
    d = distances(graph)
    components = list(nx.connected_components(graph)) if n else []
    largest = max(components, key=len) if components else set()
    index = {node: i for i, node in enumerate(graph.nodes)}
    core = [index[node] for node in largest]
    inner = d[np.ix_(core, core)]
    k = len(core)
    metrics = {
        "firms": n,
        "links": graph.number_of_edges(),
        "density": nx.density(graph) if n > 1 else 0.0,
        "centralization": degree_centralization(graph),
        "components": len(components),
        "largest_component_share": k / n if n else 0.0,
        "avg_path_length": float(inner.sum() / (k * (k - 1))) if k > 1 else 0.0,
        "diameter": int(inner.max()) if k > 1 else 0,
        "single_points_of_failure": len(list(nx.articulation_points(graph))),
        "coordination_cost": cost.of(graph),
        "reach": _reach(d, steps),
    }
    if connectivity:
        metrics["node_connectivity"] = nx.node_connectivity(graph) if n > 1 else 0
    return metrics
