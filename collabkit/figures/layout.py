"""Where to draw a network's firms and links: stable positions that show a structure (a
hub in the middle, a mesh on a circle, tiers of a value chain, groups of a hybrid), groups
side by side (the valley cluster's towns), circles, link segments, where each firm's label
goes so that labels point away from the drawing, and the hidden axes of a network plot.
Used by every chapter that draws a network."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np

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


#: The part of a 10 x 5 cell of :func:`grouped_positions` that a group's firms fill.
_WIDTH, _HEIGHT = 8.5, 3.2


def grouped_positions(
    graph: nx.Graph, attribute: str, *, columns: int = 2, seed: int = 7, spacing: float = 0.9
) -> Positions:
    """Firms in groups side by side: one cell of a grid per value of ``attribute`` (a town,
    say), largest group first, and within each cell a seeded spring layout of the group's
    own links. The layout's distances from its centre are evened out (each firm keeps its
    direction; the k-th closest of n goes to radius sqrt((k + 0.5) / n) of an ellipse that
    fills the cell), so a firm without partners in its group cannot squeeze the others
    together, and firms are then pushed apart until no two are closer than ``spacing``
    (in units where a cell is 10 wide and 5 high; a marker of the course's network
    figures is at most about 0.7).

    Parameters
    ----------
    graph
        Nodes carrying ``attribute``.
    attribute
        The node attribute that names each node's group.
    columns
        Cells per row of the grid.
    seed
        Seed of the spring layouts (the same seed, the same picture).
    spacing
        Smallest distance between two firms of a group.

    Returns
    -------
    dict
        Node → (x, y); the firms of cell ``i`` lie in x from 10 c to 10 c + 8.5 and y from
        -5 r - 3.2 to -5 r, for column ``c = i % columns`` and row ``r = i // columns`` (the
        gaps leave room for the links between groups and a label above each group).
    """
    values = nx.get_node_attributes(graph, attribute)
    members: dict[Any, list] = {}
    for node in graph.nodes:
        members.setdefault(values.get(node), []).append(node)
    order = sorted(members, key=lambda g: (-len(members[g]), str(g)))
    positions: Positions = {}
    for i, group in enumerate(order):
        nodes = members[group]
        col, row = i % columns, i // columns
        left, top = 10.0 * col, -5.0 * row
        if len(nodes) == 1:
            positions[nodes[0]] = (left + _WIDTH / 2, top - _HEIGHT / 2)
            continue
        # a new graph in the graph's own node order: a subgraph view iterates a set, whose
        # order (and so the layout) would change with Python's hash seed
        members_of = set(nodes)
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from((a, b) for a, b in graph.edges(nodes) if b in members_of)
        raw = nx.spring_layout(sub, seed=seed, k=2.0 / math.sqrt(len(nodes)), iterations=200)
        half = np.array([_WIDTH / 2, _HEIGHT / 2])
        xy = _even_disc(np.array([raw[v] for v in nodes], dtype=float)) * half + half
        xy = _fit(_spread(xy, spacing), _WIDTH, _HEIGHT)
        for v, (x, y) in zip(nodes, xy, strict=True):
            positions[v] = (left + float(x), top - _HEIGHT + float(y))
    return positions


def group_boxes(positions: Positions, groups: dict[Any, Any]) -> dict[Any, tuple[float, float]]:
    """The top-left corner of each group's firms (where a label naming the group goes)."""
    corners: dict[Any, tuple[float, float]] = {}
    for node, (x, y) in positions.items():
        group = groups.get(node)
        left, top = corners.get(group, (x, y))
        corners[group] = (min(left, x), max(top, y))
    return corners


def _even_disc(xy: np.ndarray) -> np.ndarray:
    """Points around their centre, each in its own direction, at radii evened out over the
    unit disc (the k-th closest of n at sqrt((k + 0.5) / n))."""
    offset = xy - xy.mean(axis=0)
    angle = np.arctan2(offset[:, 1], offset[:, 0])
    rank = np.argsort(np.argsort(np.hypot(offset[:, 0], offset[:, 1]), kind="stable"))
    radius = np.sqrt((rank + 0.5) / len(xy))
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _fit(xy: np.ndarray, width: float, height: float) -> np.ndarray:
    """Scale and shift points to fill [0, width] x [0, height]."""
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    return (xy - low) / span * np.array([width, height])


def _spread(xy: np.ndarray, spacing: float, rounds: int = 200) -> np.ndarray:
    """Push points apart until no two are closer than ``spacing`` (deterministic)."""
    xy = xy.copy()
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < spacing
        if not close.any():
            break
        gap = np.where(close, np.maximum(dist, 1e-9), spacing)
        push = (spacing - gap) / 2 / gap
        xy += (delta * push[..., None]).sum(axis=1)
    return xy


#: Where a label goes for each eighth of the circle around the drawing's centre, counter-
#: clockwise from the right.
_COMPASS = (
    "middle right", "top right", "top center", "top left",
    "middle left", "bottom left", "bottom center", "bottom right",
)  # fmt: skip


def text_positions(positions: Positions, nodes: Iterable[Any] | None = None) -> list[str]:
    """Plotly ``textposition`` of each node's label: away from the drawing's centre (a firm
    on the right gets its label on the right, one at the top above it, leaning left or
    right with the firm), so labels of neighbouring firms on a circle or around a hub do
    not run into each other or into the links. A node at the centre gets its label above.

    Parameters
    ----------
    positions
        Every node's position (the centre is their mean).
    nodes
        The nodes to place labels for, in trace order (default: all, in ``positions``' order).
    """
    if not positions:
        return []
    cx = sum(x for x, _ in positions.values()) / len(positions)
    cy = sum(y for _, y in positions.values()) / len(positions)
    span = max(max(abs(x - cx), abs(y - cy)) for x, y in positions.values()) or 1.0
    placed = []
    for node in positions if nodes is None else nodes:
        x, y = positions[node]
        if math.hypot(x - cx, y - cy) < 0.05 * span:
            placed.append("top center")
            continue
        position = _COMPASS[round(math.atan2(y - cy, x - cx) / (math.pi / 4)) % 8]
        if position.endswith("center") and abs(x - cx) > 0.1 * span:  # off the vertical:
            position = position.replace("center", "right" if x > cx else "left")  # lean out
        placed.append(position)
    return placed
