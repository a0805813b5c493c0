"""Figures of notebook 01 "Fundamentals" (one ``*_traces``/``*_figure`` pair per model)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from collabkit.figures.style import PALETTE, PATTERNS, TraceUpdates, figure


def pooling_traces(frame: pd.DataFrame) -> TraceUpdates:
    """Asset share, coordination share and total cost per firm; the cheapest size; and, if
    the frame has a boolean ``selected`` column, the selected size."""
    best = frame.loc[frame["cost_per_firm"].idxmin()]
    chosen = frame[frame["selected"]] if "selected" in frame else frame.iloc[0:0]
    n = frame["n_firms"]
    return [
        {"x": n, "y": frame["asset_share"]},
        {"x": n, "y": frame["coordination_share"]},
        {"x": n, "y": frame["cost_per_firm"]},
        {"x": [best["n_firms"]], "y": [best["cost_per_firm"]]},
        {"x": chosen["n_firms"], "y": chosen["cost_per_firm"]},
    ]


def pooling_figure(frame: pd.DataFrame) -> go.Figure:
    """Cost per firm against network size, with the cheapest size marked."""
    euro = "%{y:,.0f} €"
    return figure(
        [
            go.Scatter(name="Share of the asset", mode="lines", hovertemplate=euro,
                       line={"color": PALETTE["sky"], "dash": "dot"}),
            go.Scatter(name="Share of coordination", mode="lines", hovertemplate=euro,
                       line={"color": PALETTE["orange"], "dash": "dash"}),
            go.Scatter(name="Cost per firm", mode="lines+markers", hovertemplate=euro,
                       line={"color": PALETTE["blue"], "width": 3}),
            go.Scatter(name="Cheapest size", mode="markers", hovertemplate=euro,
                       marker={"color": PALETTE["green"], "size": 14, "symbol": "star"}),
            go.Scatter(name="Your choice", mode="markers", hovertemplate=euro,
                       marker={"color": PALETTE["vermillion"], "size": 12,
                               "line": {"color": "white", "width": 2}}),
        ],
        pooling_traces(frame),
        title="Sharing a van: what each firm pays",
        x_title="Number of firms in the network",
        y_title="Cost per firm (€ per year)",
        yaxis_rangemode="tozero",
    )  # fmt: skip


def reach_traces(frame: pd.DataFrame) -> TraceUpdates:
    """Audiences added up, households actually reached, and what is new for the first firm."""
    labels = [f"{n} firm{'s' if n > 1 else ''}" for n in frame["n_members"]]
    members = frame["members"]
    return [
        {"x": labels, "y": frame["sum_of_reach"], "customdata": members},
        {"x": labels, "y": frame["combined_reach"], "customdata": members},
        {"x": labels, "y": frame["new_for_first"], "customdata": members},
    ]


def reach_figure(frame: pd.DataFrame) -> go.Figure:
    """Grouped bars of reach as partners join."""
    hover = "%{customdata}<br>%{y:,.0f} households"
    return figure(
        [
            go.Bar(name="Audiences added up", hovertemplate=hover,
                   marker_color=PALETTE["grey"]),
            go.Bar(name="Households reached", hovertemplate=hover,
                   marker_color=PALETTE["blue"]),
            go.Bar(name="New for the first firm", hovertemplate=hover,
                   marker_color=PALETTE["orange"]),
        ],
        reach_traces(frame),
        title="Reach as partners join: overlaps are counted once",
        x_title="Network (firms join in order)",
        y_title="Households (number)",
        barmode="group",
    )  # fmt: skip


def purchasing_traces(frame: pd.DataFrame) -> TraceUpdates:
    """Each firm's monthly cost buying alone and buying with the group."""
    discounts_alone = [f"{d:.0%} discount" for d in frame["discount_alone"]]
    discounts_group = [f"{d:.0%} discount" for d in frame["discount_group"]]
    return [
        {"x": frame["member"], "y": frame["cost_alone"], "text": discounts_alone},
        {"x": frame["member"], "y": frame["cost_group"], "text": discounts_group},
    ]


def purchasing_figure(frame: pd.DataFrame) -> go.Figure:
    """Grouped bars of monthly cost alone versus in the buying group."""
    hover = "%{y:,.0f} € (%{text})"
    return figure(
        [
            go.Bar(name="Buying alone", hovertemplate=hover, textposition="none",
                   marker={"color": PALETTE["grey"], "pattern": {"shape": PATTERNS[0]}}),
            go.Bar(name="Buying as a group", hovertemplate=hover,
                   marker_color=PALETTE["green"], textposition="none"),
        ],
        purchasing_traces(frame),
        title="Buying packaging together: monthly cost per firm",
        x_title="Firm",
        y_title="Cost of packaging (€ per month)",
        barmode="group",
    )  # fmt: skip


def free_riding_traces(frame: pd.DataFrame) -> TraceUpdates:
    """Average contribution per period without and with governance (``compare()`` output)."""
    updates = []
    for setting in ("no governance", "monitoring and sanctions"):
        part = frame[frame["governance"] == setting]
        updates.append(
            {
                "x": part["period"],
                "y": part["share_of_endowment"] * 100,
                "customdata": part[["mean_payoff", "total_fines"]].to_numpy(),
            }
        )
    return updates


def free_riding_figure(frame: pd.DataFrame) -> go.Figure:
    """Contributions to the shared fund over time, without and with governance."""
    hover = (
        "%{y:.0f}% of budget<br>average payoff %{customdata[0]:,.0f} €"
        "<br>fines paid %{customdata[1]:,.0f} €"
    )
    return figure(
        [
            go.Scatter(name="No governance", mode="lines+markers", hovertemplate=hover,
                       line={"color": PALETTE["vermillion"], "width": 3}),
            go.Scatter(name="Monitoring and sanctions", mode="lines+markers",
                       hovertemplate=hover, line={"color": PALETTE["blue"], "width": 3}),
        ],
        free_riding_traces(frame),
        title="A shared marketing fund: do firms keep paying in?",
        x_title="Period (season)",
        y_title="Mean contribution (% of budget)",
        yaxis_range=[0, 100],
    )  # fmt: skip


def support_traces(frame: pd.DataFrame) -> TraceUpdates:
    """Share of a stricken firm's orders its partners take on, against the pact's size:
    partners exposed to the same shock, and partners never hit by it."""
    n = frame["n_partners"]
    return [
        {"x": n, "y": frame["share_kept"] * 100, "customdata": frame["chance_covered"] * 100},
        {"x": n, "y": frame["share_kept_apart"] * 100},
    ]


def support_figure(frame: pd.DataFrame) -> go.Figure:
    """Firm-level resilience: orders kept in a shock as partners join a support pact."""
    return figure(
        [
            go.Scatter(name="Partners exposed to the same shock", mode="lines+markers",
                       hovertemplate="%{y:.0f}% of orders kept<br>"
                       "%{customdata:.0f}% chance all are covered",
                       line={"color": PALETTE["vermillion"], "width": 3}),
            go.Scatter(name="Partners never hit by it", mode="lines+markers",
                       hovertemplate="%{y:.0f}% of orders kept",
                       line={"color": PALETTE["blue"], "dash": "dash"},
                       marker={"symbol": "square"}),
        ],
        support_traces(frame),
        title="A shock stops the bakery: how much of its work can partners take on?",
        x_title="Partners in the support pact",
        y_title="Orders kept (% of normal)",
        yaxis_range=[0, 105],
    )  # fmt: skip
