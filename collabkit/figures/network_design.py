"""Figures of notebook 02 "Network design": network views, resilience curves, structure
comparisons and partner rankings."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from collabkit.core.colours import FILL_ONLY, LINK
from collabkit.core.words import plural
from collabkit.figures.layout import HIDDEN_AXIS, Positions, link_segments, text_positions
from collabkit.figures.style import (
    COURSE_LAYOUT,
    LEGEND_BELOW,
    PALETTE,
    PATTERNS,
    SYMBOLS,
    TraceUpdates,
    figure,
)

ROLE_COLOURS = {
    "hub": PALETTE["vermillion"],
    "broker": PALETTE["blue"],
    "member": PALETTE["sky"],
    "peripheral": PALETTE["grey"],
}
#: Each role's marker symbol: the second cue beside colour (broker blue and member sky are
#: close for readers with a red-green colour-vision deficiency).
ROLE_SYMBOLS = {
    "hub": "diamond",
    "broker": "square",
    "member": "circle",
    "peripheral": "triangle-up",
}
STRATEGY_COLOURS = {"random exit": PALETTE["green"], "targeted exit": PALETTE["vermillion"]}
#: Each exit strategy's dash and marker symbol (a second cue beside colour).
STRATEGY_MARKS = {"random exit": ("solid", "circle"), "targeted exit": ("dash", "diamond")}
#: Networks up to this size show firm names beside the nodes (larger ones on hover only).
LABEL_LIMIT = 20
#: Hover lists at most this many of a firm's partners (then "and N more").
HOVER_PARTNERS = 12
#: At most this many links are drawn (every k-th link of denser networks); the metrics
#: always use all links.
MAX_DRAWN_LINKS = 1_500


def colour_groups(graph: nx.Graph, colour_by: str) -> dict[str, str]:
    """Colour of each group: the roles' fixed colours, or the course palette in order
    for the values of a node attribute such as ``"sector"``."""
    if colour_by == "role":
        return ROLE_COLOURS
    values = sorted({str(v) for v in nx.get_node_attributes(graph, colour_by).values()})
    palette = [c for name, c in PALETTE.items() if name not in FILL_ONLY | {"grey"}]
    return {value: palette[i % len(palette)] for i, value in enumerate(values)}


def symbol_groups(groups: dict[str, str]) -> dict[str, str]:
    """Marker symbol of each group of :func:`colour_groups`: the roles' fixed symbols, or
    the course's symbols in order (a second cue beside colour)."""
    if groups is ROLE_COLOURS:
        return ROLE_SYMBOLS
    return {group: SYMBOLS[i % len(SYMBOLS)] for i, group in enumerate(groups)}


def network_traces(
    graph: nx.Graph,
    metrics: pd.DataFrame,
    positions: Positions,
    size_by: str = "betweenness",
    colour_by: str = "role",
) -> TraceUpdates:
    """Edges, then one marker trace per colour group: the roles (hub, broker, member,
    peripheral) or the values of a node attribute such as ``"sector"``, each with its own
    marker symbol.

    Node size grows with ``size_by`` (a column of ``metrics``); hover shows the firm's
    name, sector and town (when the graph has them), its partners and its metrics. Networks
    of up to :data:`LABEL_LIMIT` firms name each firm beside it, on the side away from the
    drawing's centre. Networks with more than :data:`MAX_DRAWN_LINKS` links show an even
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
    symbols = symbol_groups(groups)
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
                "marker": {
                    "size": sizes[part.index].tolist(),
                    "color": colour,
                    "symbol": symbols[group],
                },
                "customdata": [_hover(graph, v, names, row) for v, row in part.iterrows()],
                "text": [str(names.get(v, v)) for v in part.index] if labelled else None,
                "textposition": text_positions(positions, part.index) if labelled else None,
                "mode": "markers+text" if labelled else "markers",
            }
        )
    return updates


def partner_list(graph: nx.Graph, node: Any, names: dict[Any, str], limit: int) -> str:
    """A firm's partners by name, alphabetical, three to a line, at most ``limit`` of them
    (then "and N more"); "none" for a firm without partners."""
    partners = sorted(str(names.get(v, v)) for v in graph.neighbors(node)) if node in graph else []
    if not partners:
        return "none"
    shown = partners[:limit]
    lines = [", ".join(shown[i : i + 3]) for i in range(0, len(shown), 3)]
    more = f"<br>and {len(partners) - limit} more" if len(partners) > limit else ""
    return ",<br>".join(lines) + more


def _hover(graph: nx.Graph, node: Any, names: dict[Any, str], row: pd.Series) -> str:
    name = str(names.get(node, node))
    constraint = "–" if pd.isna(row["constraint"]) else f"{row['constraint']:.2f}"
    label = f"<b>{name}</b>" + (f" ({node})" if name != str(node) else "")
    data = graph.nodes[node] if node in graph else {}
    where = ", ".join(str(data[key]) for key in ("sector", "town") if data.get(key))
    return (
        f"{label}<br>" + (f"{where}<br>" if where else "") + f"{row['role']}, "
        f"{plural(int(row['links']), 'link')}<br>"
        f"partners: {partner_list(graph, node, names, HOVER_PARTNERS)}<br>"
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
            marker={"line": {"color": "white", "width": 1}},
            textposition="top center",
            textfont={"size": 11},
            cliponaxis=False,
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
    equal_aspect: bool = False,
) -> go.Figure:
    """A network of firms: colour and marker symbol by role (or a node attribute such as
    ``"sector"``), size by ``size_by``, partners and metrics on hover.

    The drawing takes the figure's whole width, with room at the sides and top for the
    firms' names (the axes' ranges are set from ``positions``, which an explorer keeps
    for all its settings). ``equal_aspect`` keeps a unit on the x-axis as long as one on the
    y-axis instead (circles stay circles, but a wide figure is then mostly empty)."""
    fig = figure(
        _network_trace_objects(colour_groups(graph, colour_by)),
        network_traces(graph, metrics, positions, size_by, colour_by),
        title=title,
        x_title="",
        y_title="",
        hovermode="closest",
        height=480,
    )
    labelled = len(metrics) <= LABEL_LIMIT
    if equal_aspect:
        fig.update_xaxes(**HIDDEN_AXIS)
        fig.update_yaxes(**HIDDEN_AXIS, scaleanchor="x", scaleratio=1)
    else:  # names stick out by up to about 120 px of some 800 (sides) and 20 of 330 (top)
        x_range, y_range = _padded(positions, (0.2, 0.12) if labelled else (0.04, 0.06))
        fig.update_xaxes(**HIDDEN_AXIS, range=x_range)
        fig.update_yaxes(**HIDDEN_AXIS, range=y_range)
    fig.add_annotation(
        text=f"node size: {size_by.replace('_', ' ')}; colour and shape: {colour_by}",
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


def _padded(positions: Positions, pad: tuple[float, float]) -> tuple[list[float], list[float]]:
    """x and y ranges around ``positions``, widened by ``pad`` (shares of each span) on
    each side."""
    if not positions:
        return [-1.0, 1.0], [-1.0, 1.0]
    ranges = []
    for axis, share in enumerate(pad):
        values = [p[axis] for p in positions.values()]
        low, high = min(values), max(values)
        margin = share * (high - low) if high > low else 1.0
        ranges.append([low - margin, high + margin])
    return ranges[0], ranges[1]


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
            line={"color": colour, "width": 3, "dash": STRATEGY_MARKS[strategy][0]},
            marker={"symbol": STRATEGY_MARKS[strategy][1], "size": 8},
            hovertemplate="%{x:.0f}% gone: %{y:.0f}% still connected<extra>"
            + strategy
            + "</extra>",
        )  # fmt: skip
        for strategy, colour in STRATEGY_COLOURS.items()
    ]


RESILIENCE_X = "Firms that have left (% of all firms)"
#: Short enough to fit beside the plot (a longer one runs into the figure's title).
RESILIENCE_Y = "Largest connected group (% of firms)"


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
        height=420,
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
        subplot_titles=("The network (size: betweenness; colour and shape: role)", "Resilience"),
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
        **COURSE_LAYOUT,
        title={"text": "A network of firms and what happens when firms leave", "x": 0.01},
        height=500, hovermode="closest",
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
#: Each measure's bar pattern: cost and power concentration (orange, vermillion) are close
#: for readers with a red-green colour-vision deficiency.
COMPARISON_PATTERNS = {
    "coordination_cost": PATTERNS[0],
    "reach": "",
    "resilience": PATTERNS[3],
    "centralization": PATTERNS[2],
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
                marker={"color": colour, "pattern": {"shape": COMPARISON_PATTERNS[measure]}},
                hovertemplate="%{x}: %{y:.2f}<extra>" + label + "</extra>",
            )
            for measure, (label, colour) in COMPARISON_MEASURES.items()
        ],  # fmt: skip
        comparison_traces(table),
        title="Trade-offs between structures (same number of firms)",
        x_title="Structure",
        y_title="Level (0 = none, 1 = highest)",
        barmode="group",
        yaxis_range=[0, 1.05],
        hovermode="closest",
    )


#: The partner ranking shows the first few candidates of each complementarity score. The
#: score takes only a handful of values (a candidate with three capabilities, none of them
#: the firm's, scores 3/5 against any two-capability firm), so in the valley cluster the
#: ten to fifteen best candidates of every firm are tied: eight bars from the top of the
#: ranking were all the same length, and only the tie-breaks (same town, then name) ordered
#: them.
PER_SCORE = 3


def partner_rows(ranking: pd.DataFrame, top: int = 9, per_score: int = PER_SCORE) -> pd.DataFrame:
    """The candidates the partner figure shows: the first ``per_score`` of each
    complementarity score (in the ranking's order: same town first, then by name), best
    score first, at most ``top`` rows; ``tied`` counts the candidates with the same score.

    Parameters
    ----------
    ranking
        :func:`collabkit.analysis.partners.complementarity` output, best first.
    top, per_score
        Rows in all, and rows per score.
    """
    score = ranking["complementarity"].round(9)
    tied = score.map(score.value_counts())
    first = score.groupby(score, sort=False).cumcount() < per_score
    return ranking.assign(tied=tied)[first].head(top)


def partner_traces(ranking: pd.DataFrame, top: int = 9) -> TraceUpdates:
    """Complementarity of the candidates of :func:`partner_rows`, split into new contacts
    and existing partners. Both traces list every row (a bar of the other kind is a gap),
    so the rows keep the ranking's order, best at the top."""
    rows = partner_rows(ranking, top).iloc[::-1]
    labels = rows["name"] + " (" + rows["sector"] + ")"
    if labels.duplicated().any():
        labels = labels + " " + rows.index.astype(str)
    brings = rows["brings"].where(rows["brings"] != "", "nothing new")
    updates = []
    for existing in (False, True):
        mine = rows["already_partner"] == existing
        updates.append(
            {
                "x": [
                    float(v) if m else None
                    for v, m in zip(rows["complementarity"], mine, strict=True)
                ],
                "y": labels.tolist(),
                "text": ["brings: " + b if m else "" for b, m in zip(brings, mine, strict=True)],
                "customdata": rows["tied"].tolist(),
            }
        )
    return updates


def partner_figure(ranking: pd.DataFrame, top: int = 9) -> go.Figure:
    """Horizontal bars of the best-complementing candidate partners: the first few of each
    score (:func:`partner_rows`), so that bar lengths show where the scores differ; what
    each candidate brings is written beside its bar."""
    hover = (
        "%{y}<br>%{text}<br>complementarity %{x:.2f}, shared by %{customdata} candidates"
        "<extra></extra>"
    )
    fig = figure(
        [
            go.Bar(name="not yet a partner", orientation="h", hovertemplate=hover,
                   marker={"color": PALETTE["blue"]}, textposition="outside",
                   textfont={"size": 11}, cliponaxis=False),
            go.Bar(name="already a partner", orientation="h", hovertemplate=hover,
                   marker={"color": PALETTE["grey"], "pattern": {"shape": PATTERNS[0]}},
                   textposition="outside", textfont={"size": 11}, cliponaxis=False),
        ],
        partner_traces(ranking, top),
        title="Who complements this firm best?",
        x_title="Complementarity (share of joint capabilities only the partner has, 0–1)",
        y_title="Candidate partner (sector)",
        xaxis_range=[0, 1],
        barmode="overlay",
        hovermode="closest",
        height=420,
        margin={"l": 220, "r": 20, "t": 60, "b": 95},
    )  # fmt: skip
    fig.add_annotation(
        text=f"Equal bars are tied scores: the first {PER_SCORE} candidates of each score are "
        "shown, same town first.",
        xref="paper", yref="paper", x=0, y=1.0, yanchor="bottom", showarrow=False,
        font={"size": 11},
    )  # fmt: skip
    return fig


def label_groups(fig: go.Figure, labels: dict[str, tuple[float, float]]) -> None:
    """Write each label (for example "Millbrook, 24 firms") just above its point, the
    top-left corner of a group of a grouped network drawing
    (:func:`~collabkit.figures.layout.group_boxes`)."""
    for text, (x, y) in labels.items():
        fig.add_annotation(
            text=f"<b>{text}</b>", x=x, y=y, xanchor="left", yanchor="bottom", yshift=12,
            showarrow=False, font={"size": 12},
        )  # fmt: skip
