"""Number boxes the kit reads: the explorers' sliders and the audit's settings.

ipywidgets parses a slider's readout, and a ``FloatText``, in the browser: typing
``"3,000"`` (the format the readout shows) set a slider to 0, and ``"60"`` on a percent
slider set it to 100 %. Here the number is typed into a plain ``Text`` box that Python reads
with the kit's one number reader (:func:`collabkit.core.number_reader.read_amount`,
docs/numbers.md), kept in sync both ways with ipywidgets' ``observe``:

* :class:`NumberSlider` is a slider (its own readout hidden) with a box beside it, under its
  label, so a long label can no longer squeeze the track to a few pixels;
* :class:`NumberBox` is a labelled box alone.

Both have the ``value`` trait (``observe(..., names="value")`` works as on an ipywidgets
slider). Text the kit cannot use (not a number, a unit that does not fit, outside the range,
not whole where whole numbers are wanted) leaves the value as it was and shows a short
message under the box. A percent box shows ``"60 %"`` and reads ``"60 %"`` or ``"60"`` as
60 % (value 0.6).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import traitlets

from collabkit.core.coerce import Unreadable, describe
from collabkit.core.colours import WARNING
from collabkit.core.number_reader import Expect, read_amount

#: The narrowest a slider's track may get (the issue: tracks of 6–18 px under long labels).
TRACK_MIN_WIDTH = "220px"

#: How wide the whole control is (label above, track and box below).
CONTROL_WIDTH = "440px"

_BOX = widgets.Layout(width="112px", flex="0 0 auto")


def decimals_of(step: float) -> int:
    """The decimals a step has: 1000 → 0, 0.05 → 2, 0.25 → 2."""
    for places in range(7):
        if math.isclose(round(step, places), step, rel_tol=1e-9, abs_tol=1e-12):
            return places
    return 7


@dataclass(frozen=True)
class BoxFormat:
    """How a number box shows its value and reads what is typed.

    Parameters
    ----------
    unit
        The unit of the value (``"€ per year"``), checked against units typed with it.
    scale
        ``"share"`` when the value is a share (then ``"25 %"`` reads 0.25), else ``""``.
    percent
        The box shows and reads per cent while the value is a share: ``"60 %"`` and
        ``"60"`` are 0.6.
    integer
        The value is a whole number.
    fmt
        A Python format spec for the shown number (``",.0f"``, ``".2f"``, ``".0%"``).
    noun
        What the box is, for messages (``"slider"``, ``"box"``).
    """

    unit: str = ""
    scale: str = ""
    percent: bool = False
    integer: bool = False
    fmt: str | None = None
    noun: str = "slider"

    @property
    def factor(self) -> float:
        """Shown number = value × factor (100 in a percent box)."""
        return 100.0 if self.percent else 1.0

    def expect(self, low: float, high: float, step: float | None) -> Expect:
        """What the number reader expects of text typed into this box."""
        places = None if step is None else decimals_of(step * self.factor)
        return Expect(
            unit="%" if self.percent else self.unit,
            scale="percent" if self.percent else self.scale,
            low=low * self.factor, high=high * self.factor,
            decimals=0 if self.integer else places, noun=self.noun,
        )  # fmt: skip

    def show(self, value: float, low: float, high: float, step: float | None) -> str:
        """The value as the box shows it; a text that reads back to it (within the shown
        precision), else the plain number."""
        if self.percent:
            spec = (self.fmt or ".0%")[:-1] + "f" if (self.fmt or "").endswith("%") else ".0f"
            text = f"{value * 100:{spec}} %"
        elif self.integer:
            text = f"{int(value):,d}"
        else:
            text = f"{value:{self.fmt or '.2f'}}"
        reading = read_amount(text, self.expect(low, high, step))
        shown_step = 10.0 ** -_spec_decimals(text)
        if isinstance(reading, Unreadable) or abs(reading.value - value * self.factor) > (
            shown_step / 2 + 1e-9 * max(1.0, abs(value * self.factor))
        ):
            text = f"{value * self.factor:.6g}" + (" %" if self.percent else "")
        return text

    def read(self, text: str, low: float, high: float, step: float | None) -> float | str:
        """The value ``text`` stands for, or a short sentence on why it is not used."""
        reading = read_amount(text, self.expect(low, high, step))
        if isinstance(reading, Unreadable):
            return reading.message
        number = reading.value / self.factor
        if self.integer and not number.is_integer():
            return f"{describe(text)} is not a whole number."
        if number < low - 1e-12:
            least = self.show(low, low, high, step)
            return f"{describe(text)} is below {least}, the least this {self.noun} takes."
        if number > high + 1e-12:
            most = self.show(high, low, high, step)
            return f"{describe(text)} is above {most}, the most this {self.noun} takes."
        return float(int(number)) if self.integer else number


def _spec_decimals(text: str) -> int:
    match = re.search(r"[.](\d+)\D*$", text)
    return len(match.group(1)) if match else 0


class _NumberInput(widgets.VBox, widgets.ValueWidget):
    """A text box the kit reads into ``value``, and a note for text it cannot use."""

    format: BoxFormat
    text: widgets.Text
    note: widgets.HTML

    def _start(self, value: float) -> None:
        """Show ``value`` and start reading the box (call at the end of ``__init__``)."""
        self._quiet = False
        self.value = value
        self._show(self.value)
        self.text.observe(self._on_text, names="value")

    # the range and step the value keeps to
    @property
    def _limits(self) -> tuple[float, float, float | None]:
        raise NotImplementedError

    def _fit(self, number: Any) -> Any:
        """``number`` as the value may hold it (kept in range, whole where whole)."""
        raise NotImplementedError

    @traitlets.validate("value")
    def _valid_value(self, proposal: Mapping[str, Any]) -> Any:
        return self._fit(proposal["value"])

    @traitlets.observe("value")
    def _value_changed(self, change: Mapping[str, Any]) -> None:
        self._show(change["new"])

    def _show(self, value: float) -> None:
        self._quiet = True
        try:
            self.text.value = self.format.show(value, *self._limits)
        finally:
            self._quiet = False

    def _on_text(self, change: Mapping[str, Any]) -> None:
        if self._quiet:
            return
        number = self.format.read(str(change["new"]), *self._limits)
        if isinstance(number, str):
            shown = self.format.show(self.value, *self._limits)
            self._say(f"{number} The {self.format.noun} stays at {shown}.")
        else:
            self._say("")
            self.value = int(number) if self.format.integer else number
        self._show(self.value)  # "3000" is shown as "3,000", refused text as the value

    def _say(self, message: str) -> None:
        self.note.value = (
            f'<span style="color:{WARNING}">{html.escape(message)}</span>' if message else ""
        )
        self.note.layout.display = "" if message else "none"


class NumberSlider(_NumberInput):
    """A labelled slider with a number box beside it that the kit reads.

    Parameters
    ----------
    description
        The label, shown above the track (so it never narrows the track).
    value, low, high, step
        Start, range and step of the slider.
    integer
        Whole numbers (an ``IntSlider``) instead of floats.
    fmt
        How the box shows the value (a Python format spec: ``",.0f"``, ``".2f"``); one that
        ends in ``%`` makes a percent box (``"60 %"``; typing ``"60"`` means 60 %).
    unit
        The unit of the value; by default the text in brackets at the end of the label
        (``"Van cost (€ per year)"``), if it has no digits.
    scale
        ``"share"`` lets a share slider read ``"25 %"`` as 0.25; by default a slider from 0
        to at most 1 whose label says "share" is one.

    Attributes
    ----------
    slider
        The ipywidgets slider (readout hidden): ``min``, ``max``, ``step``,
        ``continuous_update`` are its own, also reachable on this widget.
    text, note
        The number box and the message under it.
    """

    def __init__(
        self, description: str, value: float, low: float, high: float, step: float, *,
        integer: bool = False, fmt: str | None = None, unit: str | None = None,
        scale: str | None = None,
    ) -> None:  # fmt: skip
        percent = bool(fmt) and str(fmt).endswith("%")
        if scale is None:
            scale = "share" if "share" in description.casefold() and 0 <= low < high <= 1 else ""
        self.format = BoxFormat(
            unit=_unit_of(description) if unit is None else unit, scale="" if percent else scale,
            percent=percent, integer=integer, fmt=fmt, noun="slider",
        )  # fmt: skip
        track = widgets.Layout(flex="1 1 auto", width="auto", min_width=TRACK_MIN_WIDTH)
        common = {"min": low, "max": high, "step": step, "readout": False, "layout": track}
        self.slider: widgets.IntSlider | widgets.FloatSlider = (
            widgets.IntSlider(value=int(value), **common, tooltip=description)
            if integer
            else widgets.FloatSlider(value=value, **common, tooltip=description)
        )
        self.text = widgets.Text(continuous_update=False, layout=_BOX, tooltip=description)
        self.label = widgets.HTML(html.escape(description))
        self.label.add_class("collabkit-slider-label")
        self.note = widgets.HTML(layout=widgets.Layout(display="none"))
        row = widgets.HBox(
            [self.slider, self.text], layout=widgets.Layout(width="100%", align_items="center")
        )
        super().__init__(
            [self.label, row, self.note],
            layout=widgets.Layout(width=CONTROL_WIDTH, margin="2px 24px 6px 0"),
        )
        self.add_class("collabkit-slider")
        self.slider.observe(self._from_slider, names="value")
        self._start(self.slider.value)

    @property
    def description(self) -> str:
        """The slider's label."""
        return str(self.slider.tooltip)

    @property
    def min(self) -> float:
        """The slider's least value."""
        return self.slider.min

    @min.setter
    def min(self, low: float) -> None:
        self.slider.min = low

    @property
    def max(self) -> float:
        """The slider's greatest value."""
        return self.slider.max

    @max.setter
    def max(self, high: float) -> None:
        self.slider.max = high

    @property
    def step(self) -> float:
        """The slider's step."""
        return self.slider.step

    @step.setter
    def step(self, step: float) -> None:
        self.slider.step = step

    @property
    def continuous_update(self) -> bool:
        """Whether dragging updates the value continuously (else on release)."""
        return bool(self.slider.continuous_update)

    @continuous_update.setter
    def continuous_update(self, on: bool) -> None:
        self.slider.continuous_update = on

    @property
    def _limits(self) -> tuple[float, float, float | None]:
        return self.slider.min, self.slider.max, self.slider.step

    def _fit(self, number: Any) -> Any:
        self._quiet_slider = True
        try:
            self.slider.value = number  # the slider keeps it in range (and whole)
        finally:
            self._quiet_slider = False
        return self.slider.value

    def _from_slider(self, change: Mapping[str, Any]) -> None:
        if getattr(self, "_quiet_slider", False):
            return
        self._say("")
        self.value = change["new"]
        self._show(self.value)  # also when min or max moved the value back to where it was


class NumberBox(_NumberInput):
    """A labelled number box the kit reads, for a setting without a slider.

    Parameters
    ----------
    description
        The label, left of the box.
    value, low, high
        The start and the range the value keeps to.
    unit, integer, fmt
        As for :class:`NumberSlider`.
    width
        The width of label and box together.
    """

    def __init__(
        self, description: str, value: float, low: float, high: float, *,
        unit: str = "", integer: bool = False, fmt: str | None = None,
        width: str = "330px",
    ) -> None:  # fmt: skip
        self.low, self.high = low, high
        self.format = BoxFormat(unit=unit, integer=integer, fmt=fmt or ",.6g", noun="box")
        self.text = widgets.Text(continuous_update=False, layout=_BOX, tooltip=description)
        self.label = widgets.HTML(
            html.escape(description), layout=widgets.Layout(flex="1 1 auto", width="auto")
        )
        self.note = widgets.HTML(layout=widgets.Layout(display="none"))
        row = widgets.HBox(
            [self.label, self.text], layout=widgets.Layout(width="100%", align_items="center")
        )
        super().__init__([row, self.note], layout=widgets.Layout(width=width))
        self.add_class("collabkit-number-box")
        self._start(value)

    @property
    def description(self) -> str:
        """The box's label."""
        return str(self.text.tooltip)

    @property
    def _limits(self) -> tuple[float, float, float | None]:
        return self.low, self.high, None

    def _fit(self, number: Any) -> Any:
        number = float(number)
        if math.isnan(number):
            raise traitlets.TraitError(f"{self.description}: the value must be a number")
        number = min(max(number, self.low), self.high)
        return int(number) if self.format.integer else number


def _unit_of(description: str) -> str:
    """The unit in brackets at the end of a label: "Van cost (€ per year)" → "€ per year"."""
    match = re.search(r"\(([^()\d]*)\)\s*$", description)
    return match.group(1).strip() if match else ""
