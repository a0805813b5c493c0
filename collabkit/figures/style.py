"""The course's look: a colour-blind-safe palette and a common layout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
    "black": "#000000",
}


#: Legends sit under the x-axis title, so they never cover the figure's title.
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "xanchor": "left"}


def figure(
    traces: Iterable[go.BaseTraceType],
    updates: list[dict[str, Any]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    **layout: Any,
) -> go.Figure:
    """A figure with the course layout whose traces start from ``updates``.

    Parameters
    ----------
    traces
        Empty trace objects fixing each trace's type, name and style.
    updates
        Data for each trace (same order), as returned by a ``*_traces`` function.
    title, x_title, y_title
        Figure title and axis titles (axis titles state their units).
    layout
        Layout settings that add to or override the course defaults.
    """
    fig = go.Figure(list(traces))
    for trace, data in zip(fig.data, updates, strict=True):
        trace.update(data)
    settings = {
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "xaxis_title": x_title,
        "yaxis_title": y_title,
        "template": "plotly_white",
        "height": 380,
        "margin": {"l": 70, "r": 20, "t": 50, "b": 95},
        "legend": LEGEND_BELOW,
        "hovermode": "x unified",
    }
    fig.update_layout(**{**settings, **layout})
    return fig
