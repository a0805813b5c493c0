"""The item-analysis report of a graded class: a chart of difficulty and discrimination per
question, and a self-contained HTML page with the chart and the table
(``collabkit report``; the numbers come from :func:`collabkit.assess.report.item_analysis`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from collabkit.figures.style import PALETTE, PLOT_CONFIG, figure


def report_figure(items: pd.DataFrame) -> go.Figure:
    """Difficulty and discrimination of every item."""
    ids = items["question_id"].tolist()
    return figure(
        [go.Bar(name="difficulty (share of points earned)", marker_color=PALETTE["blue"]),
         go.Bar(name="discrimination (item–rest correlation)", marker_color=PALETTE["orange"])],
        [{"x": ids, "y": items["difficulty"]}, {"x": ids, "y": items["discrimination"]}],
        title="Item analysis: how hard each question was and how well it separated students",
        x_title="Question",
        y_title="Value (share, or correlation −1 to 1)",
        barmode="group",
        height=460,
    )  # fmt: skip


def report_html(items: pd.DataFrame) -> str:
    """A self-contained page (plotly.js inlined so it opens offline)."""
    table = items.to_html(index=False, float_format=lambda v: f"{v:.2f}", na_rep="–",
                          escape=True)  # fmt: skip
    chart = report_figure(items).to_html(full_html=False, include_plotlyjs=True, config=PLOT_CONFIG)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>collabkit item analysis</title></head><body style='font-family:sans-serif'>"
        f"<h1>Item analysis</h1>{chart}<h2>All items</h2>{table}"
        "<p>Difficulty: mean share of points earned. Discrimination: item–rest correlation."
        "</p>"
        "</body></html>"
    )
