"""Figures of notebook 03 "Platform economy": one SMB's run of the platform model over time,
with the market around it (buyers and other sellers on the platform)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from collabkit.figures.style import COURSE_LAYOUT, LEGEND_BELOW, PALETTE, TraceUpdates, fill_traces

CHANNELS = {
    "revenue_direct": ("own direct channel", PALETTE["blue"]),
    "revenue_partners": ("partner network", PALETTE["green"]),
    "revenue_platform": ("platforms", PALETTE["orange"]),
    "revenue_coop": ("co-op platform", PALETTE["black"]),
}
SHARES = {
    "platform_share": ("your platform share of sales", PALETTE["orange"], "solid"),
    "autonomy": ("your autonomy index", PALETTE["blue"], "dash"),
    "platform_reach": ("buyers on the platform", PALETTE["sky"], "dot"),
    "market_listing": ("other sellers' offer listed", PALETTE["black"], "dashdot"),
}
MARGINS = {
    "margin": ("margin on all sales", PALETTE["green"], "solid"),
    "take_rate": ("platform commission", PALETTE["vermillion"], "dash"),
}


def platform_traces(run: pd.DataFrame) -> TraceUpdates:
    """Revenue by channel (stacked), then shares, then margin and commission."""
    months = run["period"]
    updates: TraceUpdates = [{"x": months, "y": run[column]} for column in CHANNELS]
    updates += [{"x": months, "y": run[column] * 100} for column in SHARES]
    updates += [{"x": months, "y": run[column] * 100} for column in MARGINS]
    return updates


def platform_figure(run: pd.DataFrame) -> go.Figure:
    """Three panels over the months of a run: revenue by channel, dependency, margins."""
    fig = make_subplots(
        rows=1, cols=3, horizontal_spacing=0.08,
        subplot_titles=("Your revenue by channel", "Your dependency; the market",
                        "Margin and commission"),
    )  # fmt: skip
    for name, colour in CHANNELS.values():
        fig.add_trace(
            go.Scatter(name=name, mode="lines", stackgroup="revenue", line={"color": colour},
                       hovertemplate="month %{x}: %{y:,.1f} k€<extra>" + name + "</extra>"),
            row=1, col=1,
        )  # fmt: skip
    for col, series in ((2, SHARES), (3, MARGINS)):
        for name, colour, dash in series.values():
            line = {"color": colour, "dash": dash, "width": 3}
            fig.add_trace(
                go.Scatter(name=name, mode="lines", line=line,
                           hovertemplate="month %{x}: %{y:.0f}%<extra>" + name + "</extra>"),
                row=1, col=col,
            )  # fmt: skip
    fill_traces(fig, platform_traces(run))
    fig.update_layout(
        title={"text": "Your SMB month by month: where sales come from and what they leave",
               "x": 0.01},
        **COURSE_LAYOUT, height=430, hovermode="x unified", legend=LEGEND_BELOW,
        margin={"l": 60, "r": 20, "t": 80, "b": 100},
    )  # fmt: skip
    for col in (1, 2, 3):
        fig.update_xaxes(title_text="Month", row=1, col=col)
    fig.update_yaxes(title_text="Revenue (thousand € per month)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Share (%)", range=[0, 100], row=1, col=2)
    fig.update_yaxes(title_text="Rate (% of sales)", rangemode="tozero", row=1, col=3)
    return fig
