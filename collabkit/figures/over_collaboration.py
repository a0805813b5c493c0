"""Figures of notebook 04 "Over-collaboration" (one ``*_traces``/``*_figure`` pair each)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from collabkit.analysis.ego import EgoRedundancy
from collabkit.analysis.inverted_u import TurningPoint
from collabkit.core.colours import LINK, translucent
from collabkit.figures.layout import HIDDEN_AXIS, circle_positions, link_segments, text_positions
from collabkit.figures.style import (
    COURSE_LAYOUT,
    LEGEND_BELOW,
    OUTLINED,
    PALETTE,
    PATTERNS,
    TraceUpdates,
    figure,
)
from collabkit.models.net_benefit import COST_LABELS, COST_SOURCES

_COST_COLOURS = {
    "redundancy": PALETTE["sky"],
    "coordination": PALETTE["vermillion"],
    "dilution": PALETTE["purple"],
    "depletion": PALETTE["orange"],
    "dependence": PALETTE["grey"],
}
#: Every cost bar is hatched, each with its own pattern: a second cue beside colour (in a
#: deuteranopia simulation of the first palette, three of these bars read as one grey),
#: and hatched bars below zero read as costs against the plain bar of value above it.
_COST_PATTERNS = {
    "redundancy": PATTERNS[0],
    "coordination": PATTERNS[1],
    "dilution": PATTERNS[2],
    "depletion": PATTERNS[3],
    "dependence": PATTERNS[4],
}
#: Cost source → (legend label, colour), stacked below zero in the model's order. The bars
#: below zero are all costs, so the legend drops the word: "coordination", not
#: "coordination costs".
COST_STYLE = {
    source: (COST_LABELS[source].removesuffix(" costs"), _COST_COLOURS[source])
    for source in COST_SOURCES
}


def net_benefit_traces(frame: pd.DataFrame) -> TraceUpdates:
    """Gross value above zero, the five costs below it, the net benefit and the best number
    of partners within the time budget (``over_budget`` rows are not possible)."""
    n = frame["partners"]
    possible = frame[~frame["over_budget"]] if "over_budget" in frame else frame
    best = possible.loc[possible["net_benefit"].idxmax()]
    thousand = 1_000
    return [
        {"x": n, "y": frame["gross_value"] / thousand},
        *({"x": n, "y": -frame[source] / thousand} for source in COST_STYLE),
        {"x": n, "y": frame["net_benefit"] / thousand},
        {"x": [best["partners"]], "y": [best["net_benefit"] / thousand]},
    ]


def net_benefit_figure(frame: pd.DataFrame) -> go.Figure:
    """Stacked decomposition of the net benefit by number of partners, optimum marked."""
    money = "%{y:,.1f} k€"
    costs = [
        go.Bar(name=label, hovertemplate=money,
               marker={"color": colour, "pattern": {"shape": _COST_PATTERNS[source]}})
        for source, (label, colour) in COST_STYLE.items()
    ]  # fmt: skip
    return figure(
        [
            go.Bar(name="gross value of partners", marker_color=PALETTE["green"],
                   hovertemplate=money),
            *costs,
            go.Scatter(name="net benefit", mode="lines+markers", hovertemplate=money,
                       line={"color": PALETTE["black"], "width": 3}),
            go.Scatter(name="best number of partners", mode="markers",
                       hovertemplate=money,
                       marker={"color": PALETTE["yellow"], "size": 20, "symbol": "star",
                               "line": OUTLINED}),
        ],
        net_benefit_traces(frame),
        title="What each number of partners brings and costs",
        x_title="Number of partners",
        y_title="Thousand € per year",
        barmode="relative",
        bargap=0.15,
        height=460,
    )  # fmt: skip


def partnering_traces(run: pd.DataFrame) -> TraceUpdates:
    """Mean partners over time against the welfare optimum and the predicted stopping point;
    net benefit per firm against its value at the optimum. Besides the columns of
    :meth:`~collabkit.models.partnering.PartneringModel.run`, ``run`` carries the constant
    columns ``welfare_optimum``, ``predicted_stop`` and ``welfare_at_optimum``."""
    periods = run["period"]
    ends = [periods.iloc[0], periods.iloc[-1]]

    def level(column: str, scale: float = 1) -> dict[str, Any]:
        return {"x": ends, "y": [run[column].iloc[0] / scale] * 2}

    return [
        {"x": periods, "y": run["mean_partners"]},
        level("welfare_optimum"),
        level("predicted_stop"),
        {"x": periods, "y": run["welfare_per_firm"] / 1_000},
        level("welfare_at_optimum", 1_000),
    ]


def partnering_figure(run: pd.DataFrame) -> go.Figure:
    """Two panels over the periods: how many partners firms keep, and what they earn."""
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=0.12,
        subplot_titles=("Partners per firm", "Net benefit per firm, all costs counted"),
    )  # fmt: skip
    lines = [
        ("firms in the simulation (mean)", PALETTE["blue"], "solid", 1, True),
        ("best for all firms (welfare optimum)", PALETTE["green"], "dash", 1, True),
        ("where identical firms stop (prediction)", PALETTE["vermillion"], "dot", 1, True),
        ("firms in the simulation (mean)", PALETTE["blue"], "solid", 2, False),
        ("best for all firms (welfare optimum)", PALETTE["green"], "dash", 2, False),
    ]
    for name, colour, dash, col, legend in lines:
        fig.add_trace(
            go.Scatter(name=name, mode="lines", line={"color": colour, "dash": dash, "width": 3},
                       showlegend=legend, legendgroup=name),
            row=1, col=col,
        )  # fmt: skip
    for trace, data in zip(fig.data, partnering_traces(run), strict=True):
        trace.update(data)
    fig.update_layout(
        **COURSE_LAYOUT,
        title={"text": "Firms choosing partners for themselves", "x": 0.01},
        height=420, hovermode="x unified", legend=LEGEND_BELOW,
        margin={"l": 60, "r": 20, "t": 80, "b": 100},
    )  # fmt: skip
    for col in (1, 2):
        fig.update_xaxes(title_text="Period (rounds of meetings)", row=1, col=col)
    fig.update_yaxes(title_text="Mean number of partners", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Thousand € per year", row=1, col=2)
    return fig


def ego_traces(graph: nx.Graph, ego: object, redundancy: EgoRedundancy) -> TraceUpdates:
    """Links to the partners, ties among partners, the firm, and its partners coloured by
    how much of each is non-redundant (partners on a circle, most redundant first)."""
    partners = list(redundancy.partners.index)
    positions = {ego: (0.0, 0.0), **circle_positions(partners, 1.0)}

    among = [(a, b) for a, b in graph.subgraph(partners).edges if a != b]
    table = redundancy.partners
    return [
        link_segments([(ego, v) for v in partners], positions),
        link_segments(among, positions),
        {"x": [0.0], "y": [0.0], "text": [graph.nodes[ego].get("name", str(ego))]},
        {
            "x": [positions[v][0] for v in partners],
            "y": [positions[v][1] for v in partners],
            "text": table["name"].tolist(),
            "textposition": text_positions(positions, partners),
            "marker": {"color": table["non_redundant"].tolist()},
            "customdata": table[["ties_to_partners", "non_redundant"]].to_numpy(),
        },
    ]


def ego_figure(graph: nx.Graph, ego: object, redundancy: EgoRedundancy) -> go.Figure:
    """A firm's own network: partners who work with each other are partly redundant.

    The firm's name shows on hover (written in the middle, it ran into the links); each
    partner's name sits on the side away from the firm. Partners are coloured on a
    colour scale whose light end is too pale for a white background, so each has a dark
    outline (WCAG 2.1, 1.4.11)."""
    fig = figure(
        [
            go.Scatter(name="partnership of the firm", mode="lines", hoverinfo="skip",
                       line={"color": LINK, "width": 1.5}),
            go.Scatter(name="partners who work together (redundant tie)", mode="lines",
                       hoverinfo="skip",
                       line={"color": PALETTE["vermillion"], "width": 2, "dash": "dash"}),
            go.Scatter(name="the firm", mode="markers",
                       hovertemplate="<b>%{text}</b>, the firm<extra></extra>",
                       marker={"size": 26, "color": PALETTE["blue"], "symbol": "star"}),
            go.Scatter(name="partner", mode="markers+text", textposition="top center",
                       textfont={"size": 11}, cliponaxis=False,
                       hovertemplate="<b>%{text}</b><br>works with %{customdata[0]} of the "
                       "firm's partners<br>non-redundant: %{customdata[1]:.0%}<extra></extra>",
                       marker={"size": 18, "cmin": 0, "cmax": 1, "colorscale": "Viridis",
                               "line": OUTLINED,
                               "colorbar": {"title": {"text": "non-redundant<br>share"},
                                            "tickformat": ".0%", "len": 0.7}}),
        ],
        ego_traces(graph, ego, redundancy),
        title="A firm's own network: what each partner adds",
        x_title="",
        y_title="",
        hovermode="closest",
        height=500,
    )  # fmt: skip
    fig.update_xaxes(**HIDDEN_AXIS, range=[-1.7, 1.7])  # wider than high: the width there is
    fig.update_yaxes(**HIDDEN_AXIS, range=[-1.3, 1.35])
    return fig


def inverted_u_figure(
    data: pd.DataFrame, curve: pd.DataFrame, turn: TurningPoint, *, title: str
) -> go.Figure:
    """Firm-years (open circles, partners jittered sideways so equal counts do not hide each
    other), the fitted quadratic with its 95 % band (dotted edges), and the turning point
    with its interval.

    ``data`` has ``partners`` and ``revenue_growth``; ``curve`` is
    :func:`collabkit.analysis.inverted_u.quadratic_curve`'s table.
    """
    jitter = np.random.default_rng(0).uniform(-0.25, 0.25, len(data))
    fig = figure(
        [
            go.Scatter(name="firm-years", mode="markers", hoverinfo="skip",
                       marker={"size": 6, "color": PALETTE["grey"], "symbol": "circle-open",
                               "line": {"width": 1}}),
            go.Scatter(name="95 % band of the fit", mode="lines", hoverinfo="skip",
                       line={"width": 1, "color": PALETTE["blue"], "dash": "dot"},
                       showlegend=False),
            go.Scatter(name="95 % band of the fit", mode="lines", fill="tonexty",
                       hoverinfo="skip",
                       line={"width": 1, "color": PALETTE["blue"], "dash": "dot"},
                       fillcolor=translucent(PALETTE["blue"], 0.15)),
            go.Scatter(name="fitted quadratic", mode="lines",
                       hovertemplate="%{x:.1f} partners: %{y:.2f} %<extra></extra>",
                       line={"color": PALETTE["blue"], "width": 3}),
            go.Scatter(name="turning point with its 95 % interval", mode="markers",
                       hovertemplate="turning point %{x:.2f} partners<extra></extra>",
                       marker={"color": PALETTE["vermillion"], "size": 14, "symbol": "diamond"},
                       error_x={"type": "data", "symmetric": False, "thickness": 3,
                                "color": PALETTE["vermillion"]}),
        ],
        [
            {"x": data["partners"] + jitter, "y": data["revenue_growth"]},
            {"x": curve["x"], "y": curve["ci_high"]},
            {"x": curve["x"], "y": curve["ci_low"]},
            {"x": curve["x"], "y": curve["fitted"]},
            {"x": [turn.estimate], "y": [np.interp(turn.estimate, curve["x"], curve["fitted"])],
             "error_x": {"array": [turn.ci_high - turn.estimate],
                         "arrayminus": [turn.estimate - turn.ci_low]}},
        ],
        title=title,
        x_title="Number of partners",
        y_title="Revenue growth (% per year)",
        hovermode="closest",
        height=440,
    )  # fmt: skip
    return fig


def audit_traces(curve: pd.DataFrame, current: int, optimum: int) -> TraceUpdates:
    """The firm's net-benefit curve, where the firm is, and where the curve peaks."""
    net = curve.set_index("partners")["net_benefit"] / 1_000
    return [
        {"x": net.index, "y": net.to_numpy()},
        {"x": [current], "y": [net.get(current, np.nan)]},
        {"x": [optimum], "y": [net[optimum]]},
    ]


def audit_figure(curve: pd.DataFrame, current: int, optimum: int) -> go.Figure:
    """Where the audited firm sits on the net-benefit curve of partners like its own."""
    money = "%{x} partners: %{y:,.1f} k€<extra></extra>"
    return figure(
        [
            go.Scatter(name="net benefit with partners like yours", mode="lines+markers",
                       hovertemplate=money, line={"color": PALETTE["black"], "width": 3}),
            go.Scatter(name="you are here", mode="markers", hovertemplate="you: " + money,
                       marker={"color": PALETTE["vermillion"], "size": 16,
                               "line": {"color": "white", "width": 2}}),
            go.Scatter(name="best number of partners", mode="markers",
                       hovertemplate=money,
                       marker={"color": PALETTE["yellow"], "size": 20, "symbol": "star",
                               "line": OUTLINED}),
        ],
        audit_traces(curve, current, optimum),
        title="Where your firm sits on the curve",
        x_title="Number of partners",
        y_title="Net benefit (thousand € per year)",
        hovermode="closest",
        height=400,
    )  # fmt: skip
