"""Where to draw a network's firms and links: stable positions that show a structure (a
hub in the middle, a mesh on a circle, tiers of a value chain, groups of a hybrid), circles,
link segments, and the hidden axes of a network plot. Used by every chapter that draws a
network."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

HIDDEN_AXIS = {"showgrid": False, "zeroline": False, "showticklabels": False, "title": None}

Positions = dict[Any, tuple[float, float]]


def layout_positions(graph: nx.Graph) -> Positions:
    """Stable positions that show the structure: the hub in the middle of a star, a
    circle for meshes, tiers left to right for a value chain, groups around a circle for a
    hybrid, and a seeded spring layout otherwise."""
    structure = graph.graph.get("structure")
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    if structure == "hub-and-spoke":
        hub = max(nodes, key=graph.degree)
        rest = [v for v in nodes if v != hub]
        return {hub: (0.0, 0.0), **circle_positions(rest, 1.0)}
    if structure in ("mesh", "sparse mesh"):
        return circle_positions(nodes, 1.0)
    if structure == "value chain":
        positions = {}
        tiers = nx.get_node_attributes(graph, "tier")
        for tier in sorted(set(tiers.values())):
            members = [v for v in nodes if tiers[v] == tier]
            for i, v in enumerate(members):
                positions[v] = (float(tier), 1 - 2 * (i + 0.5) / len(members))
        return positions
    if structure == "hybrid":
        clusters = nx.get_node_attributes(graph, "cluster")
        groups = sorted(set(clusters.values()))
        positions = {}
        for c in groups:
            angle = 2 * math.pi * c / len(groups)
            centre = (math.cos(angle), math.sin(angle))
            members = [v for v in nodes if clusters[v] == c]
            radius = 0.25 + 0.02 * len(members) ** 0.5
            ring = circle_positions(members, radius, start=angle + math.pi)
            positions.update({v: (centre[0] + x, centre[1] + y) for v, (x, y) in ring.items()})
        return positions
    layout = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(len(nodes)))
    return {v: (float(x), float(y)) for v, (x, y) in layout.items()}


def circle_positions(nodes: list, radius: float, start: float = math.pi / 2) -> Positions:
    """``nodes`` evenly spaced on a circle, clockwise from angle ``start``."""
    count = max(len(nodes), 1)
    return {
        v: (radius * math.cos(start - 2 * math.pi * i / count),
            radius * math.sin(start - 2 * math.pi * i / count))
        for i, v in enumerate(nodes)
    }  # fmt: skip


def link_segments(pairs: Iterable[tuple[Any, Any]], positions: Positions) -> dict[str, list]:
    """One line trace's ``x``/``y`` for many links: each link's two ends, then a gap."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for a, b in pairs:
        xs += [positions[a][0], positions[b][0], None]
        ys += [positions[a][1], positions[b][1], None]
    return {"x": xs, "y": ys}
