"""The course's look in figures: the colour-blind-safe palette (defined with every other colour
in :mod:`collabkit.core.colours`), the second cues that tell series apart without colour
(marker symbols, dashes, bar patterns), a common layout, and how trace data are passed on.

Every figure of the course is checked by ``tests/figures/test_colour_vision.py``: its lines,
markers and bars have a contrast of at least 3:1 against the plot background (WCAG 2.1,
success criterion 1.4.11), and any two of its series differ either in colour, by at least
:data:`~collabkit.core.colour_vision.DISTINCT_DELTA_E` (CIEDE2000) in normal vision and under
simulated protanopia and deuteranopia (Machado, Oliveira & Fernandes 2009), or in dash,
marker symbol or bar pattern.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go

from collabkit.core.colours import OUTLINE as OUTLINE  # re-exported with the palette
from collabkit.core.colours import PALETTE as PALETTE  # the figures' palette, re-exported

#: Data for each trace of a figure, in trace order (``x``, ``y``, ``text``, ...): what every
#: ``*_traces`` function returns and what an explorer copies into its figure.
TraceUpdates = list[dict[str, Any]]

#: Legends sit under the x-axis title, so they never cover the figure's title.
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "xanchor": "left"}

#: Marker symbols for groups of one figure (roles, sectors), in order: a second cue beside
#: colour, for readers who cannot tell the colours apart.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "hexagon")
#: Bar patterns (``marker.pattern.shape``) for bar series that need a second cue.
PATTERNS = ("/", "\\", "x", ".", "+", "-", "|")
#: The outline of a mark filled with a light colour (the yellow "best" stars): dark and
#: wide enough to give the mark its 3:1 contrast by itself.
OUTLINED = {"color": OUTLINE, "width": 2}

#: plotly's display options for every figure the kit draws (the plot widget, the report
#: page): no plotly logo, and nothing that sends the chart to Plotly's cloud (plotly.js 4
#: shows a "Share chart..." button, which uploads the figure, unless ``showSendToCloud`` is
#: off); the figure resizes with the window.
PLOT_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud"],
    "responsive": True,
}

#: Layout every figure of the course starts from. The width is left to the page (autosize:
#: the plot takes the width of its cell); plotly.js 3+ offers a "Share chart..." button
#: that uploads the figure to Plotly's cloud, which the modebar never shows here.
COURSE_LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "autosize": True,
    "modebar": {"remove": ["sendChartToCloud", "sendDataToCloud"]},
}


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
        **COURSE_LAYOUT,
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "xaxis_title": x_title,
        "yaxis_title": y_title,
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
