"""The course's look in figures: the colour-blind-safe palette (defined with every other colour
in :mod:`collabkit.core.colours`), a common layout, and how trace data are passed on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go

from collabkit.core.colours import PALETTE as PALETTE  # the figures' palette, re-exported

#: Data for each trace of a figure, in trace order (``x``, ``y``, ``text``, ...): what every
#: ``*_traces`` function returns and what an explorer copies into its figure.
TraceUpdates = list[dict[str, Any]]

#: Legends sit under the x-axis title, so they never cover the figure's title.
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "xanchor": "left"}


def figure(
    traces: Iterable[go.BaseTraceType],
    updates: TraceUpdates,
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
    fill_traces(fig, updates)
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


def fill_traces(fig: go.Figure, updates: TraceUpdates) -> None:
    """Copy each update into the figure's trace at the same position.

    Parameters
    ----------
    fig
        A figure (or ``FigureWidget``) with exactly one trace per update.
    updates
        Data for each trace, in trace order, as returned by a ``*_traces`` function.
    """
    for trace, data in zip(fig.data, updates, strict=True):
        trace.update(data)
