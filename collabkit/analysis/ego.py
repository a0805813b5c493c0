"""Redundancy in a firm's own network (its ego network): who adds something new.

For a firm (the ego) with ``n`` partners, of whom partner ``j`` has ``t_j`` ties to the
firm's other partners, Burt (1992) counts partner ``j`` as worth :math:`1 - t_j / n`
non-redundant contacts: a partner who already works with the firm's other partners brings
much of what the firm gets anyway. Summed over partners this is Burt's effective size
(unweighted form, Borgatti 1997),

.. math:: E = \\sum_j (1 - t_j / n) = n - 2 t / n,

where ``t`` is the number of ties among the partners; efficiency is :math:`E / n`.

Sources: R. S. Burt, *Structural Holes* (1992); S. P. Borgatti, "Structural holes:
unpacking Burt's redundancy measures", *Connections* 20 (1997).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

#: Name of the hypothetical partner :func:`with_new_partner` adds.
NEW_PARTNER = "new partner"


@dataclass(frozen=True)
class EgoRedundancy:
    """A firm's partners and how much each adds.

    Attributes
    ----------
    ego
        The firm.
    partners
        One row per partner (index ``partner``): ``name``, ``ties_to_partners`` (t_j) and
        ``non_redundant`` (1 − t_j / n), sorted from most to least redundant.
    ties_among_partners
        t, the number of ties among the partners.
    effective_size, efficiency
        Burt's effective size E and E / n (NaN for a firm without partners).
    """

    ego: object
    partners: pd.DataFrame
    ties_among_partners: int
    effective_size: float
    efficiency: float

    @property
    def redundant_share(self) -> float:
        """1 − efficiency: the share of the partners' contacts the firm already had."""
        return 1 - self.efficiency


def ego_redundancy(graph: nx.Graph, ego: object) -> EgoRedundancy:
    """Burt's redundancy of ``ego``'s partners in ``graph``.

    Raises
    ------
    ValueError
        If ``ego`` is not a node of ``graph``.
    """
    if ego not in graph:
        raise ValueError(f"ego must be a firm in the network; {ego!r} is not")
    partners = [v for v in graph[ego] if v != ego]
    n = len(partners)
    among = set(partners)
    ties = {v: sum(1 for w in graph[v] if w in among and w != v) for v in partners}
    names = nx.get_node_attributes(graph, "name")
    table = pd.DataFrame(
        {
            "partner": partners,
            "name": [names.get(v, str(v)) for v in partners],
            "ties_to_partners": [ties[v] for v in partners],
        }
    )
    table["non_redundant"] = 1 - table["ties_to_partners"] / n if n else []
    table = table.sort_values(["non_redundant", "partner"], key=_sortable).set_index("partner")
    t = sum(ties.values()) // 2
    effective = n - 2 * t / n if n else float("nan")
    return EgoRedundancy(ego, table, t, effective, effective / n if n else float("nan"))


def with_new_partner(graph: nx.Graph, ego: object, knows: int) -> nx.Graph:
    """A copy of ``ego``'s ego network plus a new partner who already works with ``knows``
    of the firm's partners (the best-connected ones first).

    Raises
    ------
    ValueError
        If ``knows`` is not a whole number between 0 and the firm's number of partners.
    """
    ego_net = nx.ego_graph(graph, ego)
    partners = sorted(graph[ego], key=lambda v: (-ego_net.degree(v), str(v)))
    if isinstance(knows, bool) or not isinstance(knows, int) or not 0 <= knows <= len(partners):
        raise ValueError(
            f"knows must be a whole number from 0 to {len(partners)} (the firm's partners); "
            f"got {knows!r}"
        )
    ego_net = ego_net.copy()
    ego_net.add_node(NEW_PARTNER, name=NEW_PARTNER)
    ego_net.add_edges_from((NEW_PARTNER, v) for v in [ego, *partners[:knows]])
    return ego_net


def _sortable(column: pd.Series) -> pd.Series:
    return column.astype(str) if column.name == "partner" else column
