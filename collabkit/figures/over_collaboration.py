"""Figures of notebook 04 "Over-collaboration" (one ``*_traces``/``*_figure`` pair each)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from collabkit.figures.style import LEGEND_BELOW, PALETTE, figure

Updates = list[dict[str, Any]]

#: Cost source → (legend label, colour), stacked below zero in this order.
COST_STYLE = {
    "redundancy": ("knowledge redundancy", PALETTE["sky"]),
    "coordination": ("coordination", PALETTE["vermillion"]),
    "dilution": ("competitive dilution", PALETTE["purple"]),
    "depletion": ("resource depletion", PALETTE["orange"]),
    "dependence": ("dependence", PALETTE["grey"]),
}


def net_benefit_traces(frame: pd.DataFrame) -> Updates:
    """Gross value above zero, the five costs below it, the net benefit and its peak."""
    n = frame["partners"]
    best = frame.loc[frame["net_benefit"].idxmax()]
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
        go.Bar(name=label, marker_color=colour, hovertemplate=money)
        for label, colour in COST_STYLE.values()
    ]
    return figure(
        [
            go.Bar(name="gross value of partners", marker_color=PALETTE["green"],
                   opacity=0.55, hovertemplate=money),
            *costs,
            go.Scatter(name="net benefit", mode="lines+markers", hovertemplate=money,
                       line={"color": PALETTE["black"], "width": 3}),
            go.Scatter(name="best number of partners", mode="markers",
                       hovertemplate="best: " + money,
                       marker={"color": PALETTE["yellow"], "size": 18, "symbol": "star",
                               "line": {"color": PALETTE["black"], "width": 1}}),
        ],
        net_benefit_traces(frame),
        title="What each number of partners brings and costs",
        x_title="Number of partners",
        y_title="Thousand € per year",
        barmode="relative",
        bargap=0.15,
        height=460,
    )  # fmt: skip


def partnering_traces(run: pd.DataFrame) -> Updates:
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
        title={"text": "Firms choosing partners for themselves", "x": 0.01},
        template="plotly_white", height=420, hovermode="x unified", legend=LEGEND_BELOW,
        margin={"l": 60, "r": 20, "t": 80, "b": 100},
    )  # fmt: skip
    for col in (1, 2):
        fig.update_xaxes(title_text="Period (rounds of meetings)", row=1, col=col)
    fig.update_yaxes(title_text="Mean number of partners", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Thousand € per year", row=1, col=2)
    return fig
