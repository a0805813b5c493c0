"""Figures of notebook 02 "Network design": network views, resilience curves, structure
comparisons and partner rankings."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from collabkit.core.colours import LINK
from collabkit.core.words import plural
from collabkit.figures.layout import HIDDEN_AXIS, Positions, link_segments
from collabkit.figures.style import LEGEND_BELOW, PALETTE, TraceUpdates, figure

ROLE_COLOURS = {
    "hub": PALETTE["vermillion"],
    "broker": PALETTE["blue"],
    "member": PALETTE["sky"],
    "peripheral": PALETTE["grey"],
}
STRATEGY_COLOURS = {"random exit": PALETTE["green"], "targeted exit": PALETTE["vermillion"]}
#: Networks up to this size show firm names beside the nodes.
LABEL_LIMIT = 20
#: At most this many links are drawn (every k-th link of denser networks); the metrics
#: always use all links.
MAX_DRAWN_LINKS = 1_500


def colour_groups(graph: nx.Graph, colour_by: str) -> dict[str, str]:
    """Colour of each group: the roles' fixed colours, or the Okabe–Ito palette in order
    for the values of a node attribute such as ``"sector"``."""
    if colour_by == "role":
        return ROLE_COLOURS
    values = sorted({str(v) for v in nx.get_node_attributes(graph, colour_by).values()})
    palette = [c for name, c in PALETTE.items() if name not in ("yellow", "grey")]
    return {value: palette[i % len(palette)] for i, value in enumerate(values)}


def network_traces(
    graph: nx.Graph,
    metrics: pd.DataFrame,
    positions: Positions,
    size_by: str = "betweenness",
    colour_by: str = "role",
) -> TraceUpdates:
    """Edges, then one marker trace per colour group: the roles (hub, broker, member,
    peripheral) or the values of a node attribute such as ``"sector"``.

    Node size grows with ``size_by`` (a column of ``metrics``); hover shows the firm's
    name and metrics. Networks with more than :data:`MAX_DRAWN_LINKS` links show an even
    sample of them (a complete network of 200 firms has 19,900 links: drawing them all
    hides everything and slows the browser).
    """
    edges = list(graph.edges)
    stride = max(1, -(-len(edges) // MAX_DRAWN_LINKS))  # every k-th link of a dense network
    values = metrics[size_by].fillna(0).to_numpy(dtype=float)
    top = values.max() if values.size and values.max() > 0 else 1.0
    sizes = pd.Series(9 + 21 * np.sqrt(values / top), index=metrics.index)
    names = nx.get_node_attributes(graph, "name")
    labelled = len(metrics) <= LABEL_LIMIT
    groups = colour_groups(graph, colour_by)
    if colour_by == "role":
        group_of = metrics["role"]
    else:
        group_of = pd.Series(nx.get_node_attributes(graph, colour_by)).astype(str)
    updates: TraceUpdates = [link_segments(edges[::stride], positions)]
    for group, colour in groups.items():
        part = metrics[group_of.reindex(metrics.index) == group]
        updates.append(
            {
                "x": [positions[v][0] for v in part.index],
                "y": [positions[v][1] for v in part.index],
                "marker": {"size": sizes[part.index].tolist(), "color": colour},
                "customdata": [_hover(v, names.get(v, v), row) for v, row in part.iterrows()],
                "text": [str(names.get(v, v)) for v in part.index] if labelled else None,
                "mode": "markers+text" if labelled else "markers",
            }
        )
    return updates


def _hover(node: Any, name: str, row: pd.Series) -> str:
    constraint = "–" if pd.isna(row["constraint"]) else f"{row['constraint']:.2f}"
    label = f"<b>{name}</b>" + (f" ({node})" if name != node else "")
    return (
        f"{label}<br>{row['role']}, {plural(int(row['links']), 'link')}<br>"
        f"betweenness {row['betweenness']:.3f}<br>closeness {row['closeness']:.2f}<br>"
        f"effective size {row['effective_size']:.2f}, constraint {constraint}"
    )


def _network_trace_objects(groups: dict[str, str] = ROLE_COLOURS) -> list[go.Scatter]:
    edges = go.Scatter(
        name="partnership", mode="lines", hoverinfo="skip", showlegend=False,
        line={"color": LINK, "width": 1},
    )  # fmt: skip
    nodes = [
        go.Scatter(
            name=group,
            mode="markers",
            hovertemplate="%{customdata}<extra></extra>",
            marker={"line": {"color": "white", "width": 1}, "opacity": 0.95},
            textposition="top center",
            textfont={"size": 11},
        )  # fmt: skip
        for group in groups
    ]
    return [edges, *nodes]


def network_figure(
    graph: nx.Graph,
    metrics: pd.DataFrame,
    positions: Positions,
    *,
    title: str,
    size_by: str = "betweenness",
    colour_by: str = "role",
) -> go.Figure:
    """A network of firms: colour by role (or a node attribute such as ``"sector"``), size
    by ``size_by``, metrics on hover."""
    fig = figure(
        _network_trace_objects(colour_groups(graph, colour_by)),
        network_traces(graph, metrics, positions, size_by, colour_by),
        title=title,
        x_title="",
        y_title="",
        hovermode="closest",
        height=480,
    )
    fig.update_xaxes(**HIDDEN_AXIS)
    fig.update_yaxes(**HIDDEN_AXIS, scaleanchor="x", scaleratio=1)
    fig.add_annotation(
        text=f"node size: {size_by.replace('_', ' ')}; colour: {colour_by}",
        xref="paper", yref="paper", x=0, y=-0.04, showarrow=False, font={"size": 11},
    )  # fmt: skip
    return fig


#: How many nodes the ranked view names as the leading group besides the first.
RANKED_TOP = 5
#: How the ranked view names the first node by a measure (``"highest"`` for the others).
SUPERLATIVES = {"links": "most", "effective_size": "largest", "constraint": "lowest"}
#: Colours of the ranked view's groups: the first node, the rest of the top, the others.
RANK_COLOURS = (PALETTE["vermillion"], PALETTE["blue"], PALETTE["grey"])


def ranked_groups(metrics: pd.DataFrame, column: str, label: str) -> list[tuple[str, list]]:
    """The nodes in three groups by ``column`` (lowest first for ``"constraint"``, where
    a low value marks a broker): the first, the next :data:`RANKED_TOP` − 1, the rest;
    each with its legend name (``"highest betweenness"``, ``"2nd–5th"``, ``"the rest"``)."""
    lowest = column == "constraint"
    order = metrics[column].sort_values(ascending=lowest, kind="stable").index
    return [
        (f"{SUPERLATIVES.get(column, 'highest')} {label}", list(order[:1])),
        (f"2nd–{_ordinal_digits(RANKED_TOP)} by {label}", list(order[1:RANKED_TOP])),
        ("the rest", list(order[RANKED_TOP:])),
    ]


def _ordinal_digits(number: int) -> str:
    """``5th``, ``21st``, ``2nd``."""
    suffix = (
        "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def ranked_network_traces(
    graph: nx.Graph, metrics: pd.DataFrame, positions: Positions, column: str, label: str
) -> TraceUpdates:
    """Edges, then the nodes in the three groups of :func:`ranked_groups`, coloured and
    named by the measure ``column`` (called ``label``) and sized by it (by 1 − constraint
    for ``"constraint"``, so a broker is large whatever the measure)."""
    values = metrics[column].fillna(metrics[column].max() if column == "constraint" else 0)
    values = (1 - values if column == "constraint" else values).to_numpy(dtype=float)
    top = values.max() if values.size and values.max() > 0 else 1.0
    sizes = pd.Series(9 + 21 * np.sqrt(np.clip(values, 0, None) / top), index=metrics.index)
    names = nx.get_node_attributes(graph, "name")
    updates: TraceUpdates = [link_segments(list(graph.edges), positions)]
    for name, nodes in ranked_groups(metrics, column, label):
        updates.append(
            {
                "name": name,
                "x": [positions[v][0] for v in nodes],
                "y": [positions[v][1] for v in nodes],
                "marker": {"size": sizes[nodes].tolist()},
                "customdata": [_ranked_hover(names.get(v, v), metrics.loc[v], name) for v in nodes],
                "text": [str(names.get(v, v)) for v in nodes],
            }
        )
    return updates


def _ranked_hover(name: Any, row: pd.Series, group: str) -> str:
    constraint = "–" if pd.isna(row["constraint"]) else f"{row['constraint']:.2f}"
    return (
        f"<b>{name}</b> ({group})<br>{plural(int(row['links']), 'link')}<br>"
        f"betweenness {row['betweenness']:.3f}<br>closeness {row['closeness']:.2f}<br>"
        f"effective size {row['effective_size']:.2f}, constraint {constraint}"
    )


def ranked_caption(label: str, column: str) -> str:
    """The caption of the ranked view: what size and colour show."""
    size = "1 − constraint" if column == "constraint" else label
    return f"node size: {size}; colour: rank by {label}"


def ranked_network_figure(
    graph: nx.Graph,
    metrics: pd.DataFrame,
    positions: Positions,
    column: str,
    label: str,
    *,
    title: str,
) -> go.Figure:
    """A network whose nodes are coloured, named and sized by one measure (for a section
    that teaches that measure), metrics on hover, and a caption naming the measure."""
    traces = [
        _network_trace_objects({"first": RANK_COLOURS[0]})[0],
        *(
            go.Scatter(
                name=group,
                mode="markers+text",
                hovertemplate="%{customdata}<extra></extra>",
                marker={"color": colour, "line": {"color": "white", "width": 1}, "opacity": 0.95},
                textposition="top center",
                textfont={"size": 11},
            )  # fmt: skip
            for group, colour in zip(("first", "top", "rest"), RANK_COLOURS, strict=True)
        ),
    ]
    fig = figure(
        traces,
        ranked_network_traces(graph, metrics, positions, column, label),
        title=title,
        x_title="",
        y_title="",
        hovermode="closest",
        height=480,
    )
    fig.update_xaxes(**HIDDEN_AXIS)
    fig.update_yaxes(**HIDDEN_AXIS, scaleanchor="x", scaleratio=1)
    fig.add_annotation(
        text=ranked_caption(label, column),
        xref="paper", yref="paper", x=0, y=-0.04, showarrow=False, font={"size": 11},
    )  # fmt: skip
    return fig


def resilience_traces(curve: pd.DataFrame) -> TraceUpdates:
    """One line per exit strategy: share in the largest group against share removed."""
    updates = []
    for strategy in STRATEGY_COLOURS:
        part = curve[curve["strategy"] == strategy]
        updates.append({"x": part["removed_share"] * 100, "y": part["largest_group_share"] * 100})
    return updates


def _resilience_trace_objects() -> list[go.Scatter]:
    return [
        go.Scatter(
            name=strategy,
            mode="lines+markers",
            line={"color": colour, "width": 3},
            hovertemplate="%{x:.0f}% gone: %{y:.0f}% still connected<extra>"
            + strategy
            + "</extra>",
        )  # fmt: skip
        for strategy, colour in STRATEGY_COLOURS.items()
    ]


RESILIENCE_X = "Firms that have left (% of all firms)"
RESILIENCE_Y = "Firms in the largest connected group (% of all firms)"


def resilience_figure(curve: pd.DataFrame) -> go.Figure:
    """Resilience curves: random exit versus losing the most connected firms first."""
    return figure(
        _resilience_trace_objects(),
        resilience_traces(curve),
        title="When firms leave: random exit versus losing the best-connected first",
        x_title=RESILIENCE_X,
        y_title=RESILIENCE_Y,
        yaxis_range=[0, 102],
        hovermode="closest",
    )


def structure_traces(
    graph: nx.Graph, metrics: pd.DataFrame, positions: Positions, curve: pd.DataFrame
) -> TraceUpdates:
    """Traces of :func:`structure_figure`: the network's, then the resilience curves'."""
    return network_traces(graph, metrics, positions) + resilience_traces(curve)


def structure_figure(
    graph: nx.Graph, metrics: pd.DataFrame, positions: Positions, curve: pd.DataFrame
) -> go.Figure:
    """The network (left) beside its resilience curves (right), in one figure."""
    fig = make_subplots(
        rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.1,
        subplot_titles=("The network (size: betweenness; colour: role)", "Resilience"),
    )  # fmt: skip
    for trace in _network_trace_objects():
        fig.add_trace(trace, row=1, col=1)
    for trace in _resilience_trace_objects():
        fig.add_trace(trace, row=1, col=2)
    for trace, data in zip(
        fig.data, structure_traces(graph, metrics, positions, curve), strict=True
    ):
        trace.update(data)
    fig.update_layout(
        title={"text": "A network of firms and what happens when firms leave", "x": 0.01},
        template="plotly_white", height=500, hovermode="closest",
        margin={"l": 20, "r": 20, "t": 70, "b": 95}, legend=LEGEND_BELOW,
    )  # fmt: skip
    fig.update_xaxes(HIDDEN_AXIS, row=1, col=1)
    fig.update_yaxes(HIDDEN_AXIS, row=1, col=1)
    fig.update_xaxes(title_text=RESILIENCE_X, range=[-2, 102], row=1, col=2)
    fig.update_yaxes(title_text=RESILIENCE_Y, range=[0, 102], row=1, col=2)
    return fig


COMPARISON_MEASURES = {
    "coordination_cost": ("Coordination cost (share of the costliest)", PALETTE["orange"]),
    "reach": ("Reach within 2 links (share of pairs)", PALETTE["blue"]),
    "resilience": ("Resilience to losing key firms (0–1)", PALETTE["green"]),
    "centralization": ("Power concentration (centralisation, 0–1)", PALETTE["vermillion"]),
}


def comparison_traces(table: pd.DataFrame) -> TraceUpdates:
    """One bar trace per measure across the structures (``compare_structures`` output)."""
    return [
        {
            "x": table.index.tolist(),
            "y": table[f"{measure}_scaled" if measure == "coordination_cost" else measure],
            "customdata": table[measure],
        }
        for measure in COMPARISON_MEASURES
    ]


def comparison_figure(table: pd.DataFrame) -> go.Figure:
    """Grouped bars: each structure's cost, reach, resilience and power concentration."""
    return figure(
        [
            go.Bar(
                name=label,
                marker_color=colour,
                hovertemplate="%{x}: %{y:.2f}<extra>" + label + "</extra>",
            )
            for label, colour in COMPARISON_MEASURES.values()
        ],  # fmt: skip
        comparison_traces(table),
        title="Trade-offs between structures (same number of firms)",
        x_title="Structure",
        y_title="Level (0 = none, 1 = highest)",
        barmode="group",
        yaxis_range=[0, 1.05],
        hovermode="closest",
    )


def partner_traces(ranking: pd.DataFrame, top: int = 8) -> TraceUpdates:
    """Best candidates' complementarity, split into new contacts and existing partners."""
    best = ranking.head(top).iloc[::-1]
    updates = []
    for existing in (False, True):
        part = best[best["already_partner"] == existing]
        updates.append(
            {
                "x": part["complementarity"],
                "y": part["name"] + " (" + part["sector"] + ")",
                "text": "brings: " + part["brings"].where(part["brings"] != "", "nothing new"),
            }
        )
    return updates


def partner_figure(ranking: pd.DataFrame, top: int = 8) -> go.Figure:
    """Horizontal bars of the best-complementing candidate partners."""
    return figure(
        [
            go.Bar(
                name="not yet a partner",
                orientation="h",
                marker_color=PALETTE["blue"],
                hovertemplate="%{y}<br>%{text}<br>complementarity %{x:.2f}<extra></extra>",
            ),
            go.Bar(
                name="already a partner",
                orientation="h",
                marker_color=PALETTE["grey"],
                hovertemplate="%{y}<br>%{text}<br>complementarity %{x:.2f}<extra></extra>",
            ),
        ],  # fmt: skip
        partner_traces(ranking, top),
        title="Who complements this firm best?",
        x_title="Complementarity (share of joint capabilities only the partner has, 0–1)",
        y_title="Candidate partner (sector)",
        xaxis_range=[0, 1],
        barmode="overlay",
        hovermode="closest",
        margin={"l": 220, "r": 20, "t": 60, "b": 55},
    )
