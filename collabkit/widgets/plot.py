"""A plotly figure on screen that is redrawn in place and ships no plotly.js.

plotly's ``FigureWidget`` carries its own 5 MB copy of plotly.js through the kernel's
websocket for every figure, 4 to 5 times per notebook. :class:`Plot` is a small
anywidget (``plot.js``) that draws with the plotly.js JupyterLab and Voila already serve
(from the ``jupyterlab-plotly`` extension that comes with the plotly package, cached by the
browser), so a figure costs only its own JSON. The Python side keeps the figure as a
plain ``go.Figure`` (:attr:`Plot.figure`); each update copies new trace data into it and
sends the traces, and the browser redraws them with ``Plotly.react``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anywidget
import plotly.graph_objects as go
import traitlets
from plotly.io.json import to_json_plotly

from collabkit.figures.style import PLOT_CONFIG, TraceUpdates, fill_traces

#: plotly's display options (:data:`collabkit.figures.style.PLOT_CONFIG`): no plotly logo,
#: nothing that uploads the chart to Plotly's cloud, resizing with the window.
CONFIG: dict[str, Any] = dict(PLOT_CONFIG)


class Plot(anywidget.AnyWidget):
    """One figure on screen.

    Parameters
    ----------
    figure
        The figure to show; kept (not copied) as :attr:`figure`, the figure's state.
    """

    _esm = Path(__file__).with_name("plot.js")
    data: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    layout = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict(CONFIG).tag(sync=True)

    def __init__(self, figure: go.Figure, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.figure = figure
        self.show()

    def show(self) -> None:
        """Send the whole figure (traces and layout) to the browser."""
        self.layout = _plain(self.figure.layout.to_plotly_json())
        self.data = _traces(self.figure)

    def update(self, updates: TraceUpdates) -> None:
        """Copy ``updates`` into the figure's traces (one per trace, in order) and redraw
        them, as one message to the browser."""
        fill_traces(self.figure, updates)
        self.data = _traces(self.figure)


def _traces(figure: go.Figure) -> list[dict[str, Any]]:
    return _plain([trace.to_plotly_json() for trace in figure.data])


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready dicts and lists (numpy arrays and dates converted)."""
    return json.loads(to_json_plotly(value))
