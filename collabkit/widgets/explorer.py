"""The pattern every explorer follows: controls → model → figure updated in place.

An :class:`Explorer` builds one figure when it is created and shows it in a
:class:`~collabkit.widgets.plot.Plot`. When a control changes (ipywidgets' ``observe``),
it reruns the model and copies the new trace data into the existing traces, so the
browser receives the new traces only, never a new figure or plotly.js. Invalid
combinations of settings show the model's ``ValueError`` message instead of a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from collabkit.core.blas import one_blas_thread
from collabkit.core.colours import WARNING
from collabkit.figures.style import TraceUpdates
from collabkit.widgets.guard import keyboard_safe
from collabkit.widgets.number_box import NumberSlider
from collabkit.widgets.plot import Plot

#: A model result: usually a tidy DataFrame, or any object the explorer's figure reads.
Result = Any
Compute = Callable[..., Result]
Traces = Callable[[Result], TraceUpdates]
Summary = Callable[[Result, Mapping[str, Any]], str]
#: Layout settings that follow the result (``{"annotations[0].text": ...}``).
Layout = Callable[[Result], Mapping[str, Any]]


class Explorer(widgets.VBox):
    """Interactive view of one model.

    Parameters
    ----------
    controls
        Widgets by the keyword they feed into ``compute``.
    compute
        Runs the model: ``compute(**values)``, usually a tidy DataFrame.
    traces
        Per-trace updates for the figure from the model's result, in trace order.
    figure
        Builds the full figure from a result (called once).
    summary
        Optional one-line HTML reading of the result under the plot.
    layout
        Optional layout settings that follow the result, such as a caption naming what
        the plot shows (plotly's ``update_layout`` paths). When given, each update sends
        the layout with the traces.
    """

    def __init__(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        compute: Compute,
        traces: Traces,
        figure: Callable[[Result], go.Figure],
        summary: Summary | None = None,
        layout: Layout | None = None,
    ) -> None:
        self.controls = dict(controls)
        self._compute = compute
        self._traces = traces
        self._summary = summary
        self._layout = layout
        self.message = widgets.HTML()
        self.message.add_class("collabkit-explorer-summary")
        self.plot = Plot(figure(compute(**self.values)))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.starting_values = self.values
        self.reset_button = widgets.Button(
            description="Back to the start", icon="undo", tooltip="Back to the starting settings"
        )
        self.reset_button.on_click(lambda _: self.reset())
        control_box = widgets.Box(
            [*self.controls.values(), self.reset_button],
            layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="flex-end"),
        )
        super().__init__([control_box, self.plot, self.message])
        self.add_class("collabkit-explorer")
        keyboard_safe(self)
        self.update()

    @property
    def figure(self) -> go.Figure:
        """The figure on screen, as it stands (updated in place, never rebuilt)."""
        return self.plot.figure

    @property
    def values(self) -> dict[str, Any]:
        """The controls' current values."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set controls as a student would (each change triggers an update)."""
        for name, value in values.items():
            self.controls[name].value = value

    def reset(self) -> None:
        """Put every control back to its starting setting (questions refer to them)."""
        self.set(**self.starting_values)

    def _on_change(self, _change: Mapping[str, Any]) -> None:
        self.update()

    def update(self) -> None:
        """Rerun the model with the current settings and update the figure in place."""
        values = self.values
        try:
            with one_blas_thread():
                frame = self._compute(**values)
        except ValueError as err:
            self.message.value = f'<span style="color:{WARNING}">{html.escape(str(err))}</span>'
            return
        self.plot.update(self._traces(frame))
        if self._layout is not None:
            self.figure.update_layout(dict(self._layout(frame)))
            self.plot.show()  # the layout changed too: send the whole figure
        self.message.value = self._summary(frame, values) if self._summary else ""


def slider(
    description: str,
    value: float,
    low: float,
    high: float,
    step: float,
    *,
    integer: bool = False,
    fmt: str | None = None,
    unit: str | None = None,
    scale: str | None = None,
) -> NumberSlider:
    """A labelled slider with a number box the kit reads (integer or float).

    The label sits above the track, which keeps a readable width; the box beside it shows
    the value (``fmt``, e.g. ``",.0f"``; a format ending in ``%`` shows ``"60 %"``) and
    reads what is typed with the kit's number reader: ``"3,000"``, ``"3.000"`` and
    ``"3000"`` are 3000 on a € slider, ``"60"`` and ``"60 %"`` are 60 % on a percent slider
    (see :class:`~collabkit.widgets.number_box.NumberSlider` for ``unit`` and ``scale``).
    """
    return NumberSlider(
        description, value, low, high, step, integer=integer, fmt=fmt, unit=unit, scale=scale
    )
