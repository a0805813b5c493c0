"""Network structures of collaborating firms: hub-and-spoke, mesh, value chain, hybrid.

Each structure is a seeded generator of an undirected :class:`networkx.Graph` whose nodes
are firm names and whose edges are partnerships.

* **hub-and-spoke**: one hub firm linked to every other firm (a star).
* **mesh**: every firm linked to every other (a complete graph).
* **sparse mesh**: a decentralised small world: a ring in which each firm links to its
  ``neighbours`` nearest firms, each link rewired at random with probability
  ``rewiring`` (Watts & Strogatz 1998, connected variant).
* **value chain**: firms in ``tiers`` stages (suppliers → producers → distributors →
  retailers); firm ``i`` of a tier of ``a`` firms supplies firms ``⌊i b / a⌋`` and
  ``⌊i b / a⌋ + 1`` of the next tier of ``b`` firms (which keeps the chain connected) and
  one more firm of that tier drawn at random (seeded; alternative suppliers keep paths
  short), and every firm of the next tier has a supplier.
* **hybrid**: ``clusters`` dense groups (each a mesh); the first firm of each group is its
  hub, and the hubs are linked to each other (a clustered network joined by hubs).

Node attributes ``tier`` (value chain) and ``cluster`` (hybrid) help the figures lay the
network out; ``graph.graph["structure"]`` names the structure.

Sources: the structures the course compares (hub-and-spoke, mesh, value chain, hybrid)
follow the network-organisation literature (e.g. Provan, Fish & Sydow 2007, "Interorganizational
networks at the network level", *Journal of Management* 33(3)); the sparse mesh is the
small-world model of D. J. Watts and S. H. Strogatz (*Nature* 393, 1998).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from collabkit.core.validation import check_number

STRUCTURES = ("hub-and-spoke", "mesh", "sparse mesh", "value chain", "hybrid")
MAX_FIRMS = 300


def firm_names(n: int) -> list[str]:
    """Default firm names: ``"Firm 01"`` … (zero-padded so they sort in order)."""
    width = len(str(n))
    return [f"Firm {i:0{width}d}" for i in range(1, n + 1)]


@dataclass(frozen=True)
class NetworkStructure:
    """Parameters of a network structure.

    Parameters
    ----------
    kind
        One of :data:`STRUCTURES`.
    n_firms
        Number of firms, a whole number in [3, 300].
    neighbours
        Sparse mesh: links of each firm in the starting ring, an even number in [2, 10].
    rewiring
        Sparse mesh: probability that a link is rewired, in [0, 1].
    tiers
        Value chain: number of stages, a whole number in [2, 6], at most ``n_firms``.
    clusters
        Hybrid: number of groups, a whole number in [2, 150], at most ``n_firms // 2``.
    seed
        Seed of the random generator (sparse mesh), a whole number ≥ 0.
    """

    kind: str = "hub-and-spoke"
    n_firms: int = 12
    neighbours: int = 4
    rewiring: float = 0.2
    tiers: int = 4
    clusters: int = 3
    seed: int = 0

    def __post_init__(self) -> None:
        if self.kind not in STRUCTURES:
            raise ValueError(f"kind must be one of {', '.join(STRUCTURES)}; got {self.kind!r}")
        check_number("n_firms", self.n_firms, 3, MAX_FIRMS, integer=True)
        check_number("neighbours", self.neighbours, 2, 10, integer=True)
        if self.neighbours % 2:
            raise ValueError(f"neighbours must be even; got {self.neighbours}")
        check_number("rewiring", self.rewiring, 0, 1)
        check_number("tiers", self.tiers, 2, 6, integer=True)
        check_number("clusters", self.clusters, 2, MAX_FIRMS // 2, integer=True)
        if self.kind == "value chain" and self.tiers > self.n_firms:
            raise ValueError(f"tiers must be at most n_firms ({self.n_firms}); got {self.tiers}")
        if self.kind == "hybrid" and self.clusters > self.n_firms // 2:
            raise ValueError(
                f"clusters must be at most n_firms // 2 ({self.n_firms // 2}) so each group "
                f"has two firms; got {self.clusters}"
            )
        check_number("seed", self.seed, 0, 2**32 - 1, integer=True)

    @classmethod
    def sized(cls, kind: str, n_firms: int, seed: int = 0) -> NetworkStructure:
        """``kind`` at ``n_firms`` with the course's default of three groups for a hybrid
        (fewer when the network is too small for three groups of two)."""
        return cls(kind, n_firms, clusters=max(2, min(3, n_firms // 2)), seed=seed)

    def build(self, names: Sequence[str] | None = None) -> nx.Graph:
        """The network, with firms named by ``names`` (default ``Firm 01`` …)."""
        labels = list(names) if names is not None else firm_names(self.n_firms)
        if len(labels) != self.n_firms or len(set(labels)) != self.n_firms:
            raise ValueError(f"names must be {self.n_firms} distinct names; got {len(labels)}")
        graph = _BUILDERS[self.kind](self)
        graph = nx.relabel_nodes(graph, dict(enumerate(labels)))
        graph.graph["structure"] = self.kind
        return graph


def _hub_and_spoke(spec: NetworkStructure) -> nx.Graph:
    return nx.star_graph(spec.n_firms - 1)


def _mesh(spec: NetworkStructure) -> nx.Graph:
    return nx.complete_graph(spec.n_firms)


def _sparse_mesh(spec: NetworkStructure) -> nx.Graph:
    k = min(spec.neighbours, spec.n_firms - 1 - (spec.n_firms - 1) % 2)
    return nx.connected_watts_strogatz_graph(
        spec.n_firms, max(k, 2), spec.rewiring, tries=100, seed=spec.seed
    )


def _value_chain(spec: NetworkStructure) -> nx.Graph:
    rng = np.random.default_rng(spec.seed)
    tiers = np.array_split(np.arange(spec.n_firms), spec.tiers)
    graph = nx.Graph()
    for t, members in enumerate(tiers):
        graph.add_nodes_from(members.tolist(), tier=t)
    for upstream, downstream in zip(tiers, tiers[1:], strict=False):
        a, b = len(upstream), len(downstream)
        extra = rng.integers(0, b, size=a)
        for i in range(a):
            for j in (i * b // a, min(i * b // a + 1, b - 1), extra[i]):
                graph.add_edge(int(upstream[i]), int(downstream[j]))
        graph.add_edges_from((int(upstream[j * a // b]), int(downstream[j])) for j in range(b))
    return graph


def _hybrid(spec: NetworkStructure) -> nx.Graph:
    groups = np.array_split(np.arange(spec.n_firms), spec.clusters)
    graph = nx.Graph()
    for c, members in enumerate(groups):
        nodes = members.tolist()
        graph.add_nodes_from(nodes, cluster=c)
        graph.add_edges_from(nx.complete_graph(nodes).edges)
    hubs = [int(members[0]) for members in groups]
    graph.add_edges_from(nx.complete_graph(hubs).edges)
    return graph


_BUILDERS = {
    "hub-and-spoke": _hub_and_spoke,
    "mesh": _mesh,
    "sparse mesh": _sparse_mesh,
    "value chain": _value_chain,
    "hybrid": _hybrid,
}
