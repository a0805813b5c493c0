"""Network metrics, structures and resilience, checked against networkx and known values."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.analysis.network import (
    CoordinationCost,
    degree_centralization,
    information_reach,
    network_metrics,
    node_metrics,
)
from collabkit.analysis.resilience import largest_group_shares, resilience_curve, robustness
from collabkit.analysis.structures import compare_structures
from collabkit.models.structures import STRUCTURES, NetworkStructure

NX_COLUMNS = {
    "degree": nx.degree_centrality,
    "betweenness": nx.betweenness_centrality,
    "closeness": nx.closeness_centrality,
    "clustering": nx.clustering,
    "effective_size": nx.effective_size,
    "constraint": nx.constraint,
}


def disconnected_example() -> nx.Graph:
    graph = nx.disjoint_union(nx.path_graph(5), nx.star_graph(4))
    graph.add_node("loner")
    return graph


GRAPHS = {
    "florentine": nx.florentine_families_graph(),
    "karate": nx.karate_club_graph(),
    "disconnected": disconnected_example(),
    "davis": nx.Graph(nx.davis_southern_women_graph()),
    **{kind: NetworkStructure(kind, 30).build() for kind in STRUCTURES},
}


@pytest.mark.parametrize("name", GRAPHS)
def test_node_metrics_agree_with_networkx(name):
    graph = GRAPHS[name]
    metrics = node_metrics(graph)
    assert list(metrics.index) == list(graph.nodes)
    for column, function in NX_COLUMNS.items():
        expected = pd.Series(function(graph), dtype=float).reindex(metrics.index)
        np.testing.assert_allclose(metrics[column], expected, rtol=1e-9, atol=1e-12, err_msg=column)
    assert (metrics["links"] == pd.Series(dict(graph.degree))).all()


def test_eigenvector_matches_networkx_on_a_connected_network():
    graph = nx.karate_club_graph()
    expected = pd.Series(nx.eigenvector_centrality_numpy(graph))
    np.testing.assert_allclose(node_metrics(graph)["eigenvector"], expected, rtol=1e-6)


def test_medici_have_the_highest_betweenness_and_lowest_constraint():
    metrics = node_metrics(nx.florentine_families_graph())
    assert metrics["betweenness"].idxmax() == "Medici"
    assert metrics.loc["Medici", "betweenness"] == pytest.approx(0.522, abs=0.001)
    assert metrics["constraint"].idxmin() == "Medici"
    assert metrics.loc["Medici", "role"] == "hub"


def test_burt_measures_on_small_worked_examples():
    # A star: the centre's 3 partners are unconnected, each getting 1/3 of its relations:
    # constraint = 3 × (1/3)² = 1/3, effective size = 3; a leaf depends on one partner.
    star = node_metrics(nx.star_graph(3))
    assert star.loc[0, "constraint"] == pytest.approx(1 / 3)
    assert star.loc[0, "effective_size"] == pytest.approx(3)
    assert star.loc[1, "constraint"] == pytest.approx(1)
    # A triangle: p = 1/2 to each partner, indirect 1/2 × 1/2: (1/2 + 1/4)² × 2 = 1.125;
    # effective size 2 − 2·1/2 = 1 (the two partners know each other).
    triangle = node_metrics(nx.complete_graph(3))
    assert triangle.loc[0, "constraint"] == pytest.approx(1.125)
    assert triangle.loc[0, "effective_size"] == pytest.approx(1)
    assert np.isnan(node_metrics(disconnected_example()).loc["loner", "constraint"])


def test_roles_in_a_star_and_a_bridge():
    star = node_metrics(nx.star_graph(6))
    assert star.loc[0, "role"] == "hub"
    assert (star["role"].iloc[1:] == "peripheral").all()
    barbell = node_metrics(nx.barbell_graph(5, 1))  # two cliques joined through node 5
    assert set(barbell.index[barbell["role"] == "broker"]) == {4, 5, 6}


def test_network_metrics_known_values():
    star = network_metrics(nx.star_graph(9))
    assert star["centralization"] == pytest.approx(1)
    assert star["density"] == pytest.approx(9 / 45)
    assert star["node_connectivity"] == 1
    assert star["single_points_of_failure"] == 1
    complete = network_metrics(nx.complete_graph(8))
    assert complete["centralization"] == 0 and complete["avg_path_length"] == 1
    assert complete["node_connectivity"] == 7 and complete["reach"] == 1
    florentine = network_metrics(nx.florentine_families_graph())
    graph = nx.florentine_families_graph()
    assert florentine["avg_path_length"] == pytest.approx(nx.average_shortest_path_length(graph))
    assert florentine["diameter"] == nx.diameter(graph)
    assert florentine["node_connectivity"] == nx.node_connectivity(graph)


def test_path_length_is_measured_within_the_largest_group():
    graph = disconnected_example()
    metrics = network_metrics(graph)
    largest = graph.subgraph(max(nx.connected_components(graph), key=len))
    assert metrics["components"] == 3
    assert metrics["avg_path_length"] == pytest.approx(nx.average_shortest_path_length(largest))
    assert metrics["largest_component_share"] == pytest.approx(5 / 11)
    assert metrics["node_connectivity"] == 0


@given(st.integers(3, 25), st.floats(0.05, 0.9), st.integers(0, 10_000))
@settings(max_examples=40, deadline=None)
def test_metrics_agree_with_networkx_on_random_networks(n, p, seed):
    graph = nx.gnp_random_graph(n, p, seed=seed)
    metrics = node_metrics(graph)
    expected = pd.Series(nx.betweenness_centrality(graph))
    np.testing.assert_allclose(metrics["betweenness"], expected, atol=1e-12)
    pairs = sum(
        1
        for a, b in itertools.permutations(graph.nodes, 2)
        if nx.has_path(graph, a, b) and nx.shortest_path_length(graph, a, b) <= 2
    )
    assert information_reach(graph) == pytest.approx(pairs / (n * (n - 1)))


def test_centralization_is_freeman_degree_centralization():
    assert degree_centralization(nx.cycle_graph(7)) == 0
    assert degree_centralization(nx.star_graph(5)) == 1
    path = nx.path_graph(4)  # degrees 1,2,2,1: Σ(2 − k) = 2 over (3 × 2)
    assert degree_centralization(path) == pytest.approx(2 / 6)


def test_coordination_cost_counts_links_and_overload():
    cost = CoordinationCost(per_link=1_000, capacity=3, overload=500)
    star = nx.star_graph(6)  # 6 links, the hub has 3 links over capacity
    assert cost.of(star) == 6 * 1_000 + 3 * 500
    with pytest.raises(ValueError, match="capacity must be a whole number"):
        CoordinationCost(capacity=0)


# --- structures -----------------------------------------------------------------------
@pytest.mark.parametrize("kind", STRUCTURES)
@pytest.mark.parametrize("n", [4, 7, 30, 200])
def test_every_structure_is_connected_with_the_right_firms(kind, n):
    graph = NetworkStructure(kind, n, clusters=2).build()
    assert graph.number_of_nodes() == n and nx.is_connected(graph)
    assert graph.graph["structure"] == kind


def test_structures_have_their_defining_shape():
    star = NetworkStructure("hub-and-spoke", 10).build()
    assert sorted(d for _, d in star.degree) == [1] * 9 + [9]
    assert NetworkStructure("mesh", 10).build().number_of_edges() == 45
    chain = NetworkStructure("value chain", 20, tiers=4).build()
    tiers = nx.get_node_attributes(chain, "tier")
    assert all(abs(tiers[a] - tiers[b]) == 1 for a, b in chain.edges)  # stage to stage
    hybrid = NetworkStructure("hybrid", 12, clusters=3).build()
    clusters = nx.get_node_attributes(hybrid, "cluster")
    bridges = [(a, b) for a, b in hybrid.edges if clusters[a] != clusters[b]]
    assert len(bridges) == 3  # the three hubs linked to each other


def test_structure_names_and_seed():
    names = [f"Shop {c}" for c in "ABCDEF"]
    assert sorted(NetworkStructure("mesh", 6).build(names).nodes) == names
    a = NetworkStructure("sparse mesh", 40, seed=1).build()
    b = NetworkStructure("sparse mesh", 40, seed=1).build()
    assert nx.utils.graphs_equal(a, b)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "ring"}, "kind must be one of"),
        ({"n_firms": 2}, "n_firms must be a whole number in"),
        ({"neighbours": 3}, "neighbours must be even"),
        ({"kind": "value chain", "n_firms": 4, "tiers": 5}, "tiers must be at most n_firms"),
        ({"kind": "hybrid", "n_firms": 5, "clusters": 3}, "clusters must be at most"),
    ],
)
def test_structure_parameters_are_validated(kwargs, message):
    with pytest.raises(ValueError, match=message):
        NetworkStructure(**kwargs)


# --- resilience -----------------------------------------------------------------------
def test_hub_and_spoke_falls_apart_when_the_hub_leaves():
    curve = resilience_curve(NetworkStructure("hub-and-spoke", 10).build(), points=11)
    targeted = curve[curve["strategy"] == "targeted exit"].set_index("removed")
    assert targeted.loc[1, "largest_group_share"] == pytest.approx(0.1)
    random = curve[curve["strategy"] == "random exit"].set_index("removed")
    assert random.loc[1, "largest_group_share"] > 0.8  # usually a spoke leaves


def test_mesh_degrades_gracefully():
    curve = resilience_curve(NetworkStructure("mesh", 20).build(), points=21)
    # Whoever leaves, everyone remaining stays connected: S = 1 − share removed.
    np.testing.assert_allclose(curve["largest_group_share"], 1 - curve["removed_share"])
    area = robustness(curve)
    assert area["targeted exit"] == pytest.approx(0.5)


def test_targeted_exit_hurts_a_star_more_than_random_exit():
    area = robustness(resilience_curve(NetworkStructure("hub-and-spoke", 30).build()))
    assert area["targeted exit"] < 0.25 < area["random exit"]


@given(st.integers(2, 30), st.floats(0.05, 0.5), st.integers(0, 1000))
@settings(max_examples=30, deadline=None)
def test_largest_group_shares_match_a_direct_count(n, p, seed):
    graph = nx.gnp_random_graph(n, p, seed=seed)
    rng = np.random.default_rng(seed)
    orders = np.array([rng.permutation(n) for _ in range(3)])
    removed = np.array([0, n // 3, n // 2, n])
    edges = np.array(list(graph.edges), dtype=int).reshape(-1, 2)
    shares = largest_group_shares(edges, n, orders, removed)
    for o, order in enumerate(orders):
        for r, k in enumerate(removed):
            left = graph.subgraph(order[k:].tolist())
            largest = max((len(c) for c in nx.connected_components(left)), default=0)
            assert shares[o, r] == pytest.approx(largest / n)


def test_compare_structures_orders_the_trade_offs():
    table = compare_structures(20)
    assert table.loc["mesh", "coordination_cost_scaled"] == 1
    assert table["coordination_cost"].idxmax() == "mesh"
    assert table["centralization"].idxmax() == "hub-and-spoke"
    assert table.loc["mesh", "resilience"] == pytest.approx(1)
    assert table["resilience"].idxmin() == "hub-and-spoke"


def test_public_contract_of_the_package():
    import collabkit

    graph = nx.florentine_families_graph()
    metrics = collabkit.node_metrics(graph)
    for column in ("degree", "betweenness", "closeness", "effective_size", "constraint"):
        assert column in metrics.columns
    summary = collabkit.network_metrics(graph)
    for key in ("density", "avg_path_length", "node_connectivity", "centralization"):
        assert key in summary
