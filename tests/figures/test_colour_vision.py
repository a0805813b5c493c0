"""Every figure the course shows can be read by every student.

* **Contrast** (WCAG 2.1, success criterion 1.4.11 "Non-text Contrast", level AA): every
  line, marker, bar and error bar has a contrast of at least 3:1 against the plot's
  background, after its opacity; a mark whose fill is lighter (the yellow "best" stars, the
  colour-scale markers of the ego network) needs an outline that has it.
* **Colour vision**: any two series of one figure are told apart without relying on hue
  alone: either their colours differ by at least
  :data:`~collabkit.core.colour_vision.DISTINCT_DELTA_E` (CIEDE2000) in normal vision and
  under protanopia and deuteranopia as simulated by Machado, Oliveira & Fernandes (2009)
  (severity 1.0, in linear RGB), or they differ in kind of mark, dash, marker symbol, bar
  pattern or fill.
* **Readable**: y-axis titles fit beside their plot (a longer one runs into the figure's
  title), the figure takes the width of its cell, and the modebar offers no upload to
  Plotly's cloud.

The figures come from :mod:`tests.figures.course_figures`, built as the notebooks build them.
"""

from __future__ import annotations

import inspect
import itertools
from dataclasses import dataclass
from functools import cache
from typing import Any

import plotly.graph_objects as go
import pytest

from collabkit.core import colour_vision as cv
from tests.figures.course_figures import BUILDERS, FIGURE_BUILDERS

#: Pixels per character of a y-axis title in plotly's 14 px axis-title font: measured in
#: Chromium on the course's titles, 6.0 to 7.1 (wide glyphs such as "€", "%" and capitals
#: raise it); the largest is used.
TITLE_PX_PER_CHAR = 7.1


@cache
def built(name: str) -> go.Figure:
    return BUILDERS[name]()


def background(fig: go.Figure) -> str:
    return fig.layout.plot_bgcolor or fig.layout.template.layout.plot_bgcolor or "white"


@dataclass(frozen=True)
class Mark:
    """One kind of mark a trace draws: its colours (None: from a colour scale), opacity
    and outline."""

    what: str
    colours: tuple[str, ...] | None
    opacity: float
    outline: tuple[str, float] | None


def _colours(value: Any, fallback: str | None) -> tuple[str, ...] | None:
    if value is None:
        value = fallback
    if isinstance(value, str):
        return (value,)
    if value is None:
        return ()
    values = list(value)
    if values and all(isinstance(v, str) for v in values):
        return tuple(dict.fromkeys(values))
    return None  # numbers: a colour scale


def marks(trace: Any) -> list[Mark]:
    """The marks a trace draws, with the colours plotly will paint them in."""
    found = []
    opacity = 1.0 if trace.opacity is None else trace.opacity
    if trace.type == "bar":
        line = trace.marker.line
        outline = (line.color, line.width or 0) if line.color else None
        marker_opacity = 1.0 if trace.marker.opacity is None else trace.marker.opacity
        found.append(Mark("bar", _colours(trace.marker.color, None), opacity * marker_opacity,
                          outline))  # fmt: skip
    elif trace.type == "scatter":
        mode = trace.mode or ""
        line_colour = trace.line.color
        if "lines" in mode and trace.line.width != 0:
            found.append(Mark("line", _colours(line_colour, None), opacity, None))
        if "markers" in mode:
            marker = trace.marker
            marker_opacity = 1.0 if marker.opacity is None else marker.opacity
            symbol = str(marker.symbol or "circle")
            line = marker.line
            outline = (
                (line.color, 1.0 if line.width is None else line.width) if line.color else None
            )
            colours = _colours(marker.color, line_colour)
            if symbol.endswith("-open"):  # drawn as an outline in the marker's colour
                outline = None
            found.append(Mark("marker", colours, opacity * marker_opacity, outline))
    for bar in ("error_x", "error_y"):
        error = getattr(trace, bar, None)
        if error is not None and error.visible is not False and error.type is not None:
            found.append(Mark(bar, _colours(error.color, None), opacity, None))
    return found


@pytest.mark.parametrize("name", BUILDERS)
def test_every_line_marker_and_bar_has_3_to_1_contrast_on_the_plot_background(name):
    """WCAG 2.1, 1.4.11: 3:1 against the background, after opacity, or a dark outline."""
    fig = built(name)
    back = background(fig)
    problems = []
    for trace in fig.data:
        for mark in marks(trace):
            label = f"{trace.name!r} ({mark.what})"
            if mark.colours == ():
                problems.append(f"{label}: no colour set (plotly would pick one)")
                continue
            seen = (
                []
                if mark.colours is None
                else [cv.over(c, back, mark.opacity) for c in mark.colours]
            )
            if seen and all(cv.contrast_ratio(c, back) >= cv.NON_TEXT_CONTRAST for c in seen):
                continue
            outline = mark.outline
            if (
                outline is not None
                and outline[1] >= 1
                and cv.contrast_ratio(cv.over(outline[0], back, mark.opacity), back)
                >= cv.NON_TEXT_CONTRAST
            ):
                continue
            worst = min((cv.contrast_ratio(c, back) for c in seen), default=0.0)
            problems.append(f"{label}: {worst:.2f}:1 and no dark outline")
    assert not problems, problems


@dataclass(frozen=True)
class Series:
    name: str
    cue: tuple  # everything but colour that tells series apart
    colours: tuple[str, ...] | None


def series(fig: go.Figure) -> list[Series]:
    found = []
    for trace in fig.data:
        if trace.type == "bar":
            pattern = trace.marker.pattern.shape or ""
            cue: tuple = ("bar", pattern)
            colours = _colours(trace.marker.color, None)
        else:
            mode = trace.mode or ""
            lines = "lines" in mode and trace.line.width != 0
            markers = "markers" in mode
            cue = (
                "scatter",
                (trace.line.dash or "solid") if lines else None,
                str(trace.marker.symbol or "circle") if markers else None,
                trace.fill not in (None, "none") or bool(trace.stackgroup),  # a filled area
            )
            colours = _colours(trace.line.color if lines else trace.marker.color, trace.line.color)
        found.append(Series(str(trace.name), cue, colours))
    return found


@pytest.mark.parametrize("name", BUILDERS)
def test_any_two_series_differ_in_colour_for_dichromats_or_in_a_second_cue(name):
    """Machado et al. (2009), severity 1.0, in linear RGB; CIEDE2000 of at least
    DISTINCT_DELTA_E in normal vision, protanopia and deuteranopia; else dash, marker symbol,
    bar pattern, fill or kind of mark must differ. A series drawn in two panels (the same
    name) is one series."""
    problems = []
    for a, b in itertools.combinations(series(built(name)), 2):
        if a.name == b.name or a.cue != b.cue:
            continue
        if a.colours is None or b.colours is None:
            problems.append(f"{a.name!r} / {b.name!r}: a colour scale and nothing else differs")
            continue
        for first, second in itertools.product(a.colours, b.colours):
            difference = cv.least_difference(first, second)
            if difference < cv.DISTINCT_DELTA_E:
                problems.append(f"{a.name!r} / {b.name!r}: ΔE00 {difference:.1f}")
    assert not problems, problems


def test_the_check_catches_two_close_colours_with_the_same_mark():
    fig = go.Figure(
        [go.Bar(name="a", marker_color="#CC79A7"), go.Bar(name="b", marker_color="#999999")]
    )
    (a, b) = series(fig)
    assert a.cue == b.cue
    assert cv.least_difference(a.colours[0], b.colours[0]) < cv.DISTINCT_DELTA_E


def _axes(fig: go.Figure) -> list[tuple[str, Any]]:
    layout = fig.layout.to_plotly_json()
    return [(key, fig.layout[key]) for key in layout if key.startswith("yaxis")]


@pytest.mark.parametrize("name", BUILDERS)
def test_y_axis_titles_fit_beside_the_plot(name):
    """A rotated title longer than its axis runs past the plot into the figure's title."""
    fig = built(name)
    height = fig.layout.height
    margin = fig.layout.margin
    plot = height - (100 if margin.t is None else margin.t) - (80 if margin.b is None else margin.b)
    for key, axis in _axes(fig):
        text = axis.title.text
        if not text:
            continue
        low, high = axis.domain or (0, 1)
        room = plot * (high - low)
        assert len(text) * TITLE_PX_PER_CHAR <= room, (key, text, room)


@pytest.mark.parametrize("name", BUILDERS)
def test_figures_take_their_cells_width_and_offer_no_cloud_upload(name):
    fig = built(name)
    assert fig.layout.width is None and fig.layout.autosize is True
    assert "sendChartToCloud" in fig.layout.modebar.remove
    assert fig.layout.title.text  # every figure says what it shows


def test_the_plot_widget_config_turns_the_cloud_off():
    from collabkit.widgets.plot import CONFIG

    assert CONFIG["showSendToCloud"] is False
    assert not CONFIG["plotlyServerURL"]
    assert "sendChartToCloud" in CONFIG["modeBarButtonsToRemove"]
    assert CONFIG["displaylogo"] is False


def test_the_report_page_offers_no_cloud_upload():
    import pandas as pd

    from collabkit.figures.report import report_html

    items = pd.DataFrame({"question_id": ["q"], "difficulty": [0.5], "discrimination": [0.2]})
    page = report_html(items)
    assert '"showSendToCloud": false' in page
    assert "sendChartToCloud" in page


def test_every_figure_builder_of_the_course_is_checked():
    import collabkit.figures as figures_package

    found = set()
    for module_name in ("fundamentals", "network_design", "platform_economy",
                        "over_collaboration", "report"):  # fmt: skip
        module = __import__(f"{figures_package.__name__}.{module_name}", fromlist=["_"])
        for attr, value in vars(module).items():
            if attr.endswith("_figure") and inspect.isfunction(value):
                if value.__module__ == module.__name__:
                    found.add(f"{module_name}.{attr}")
    assert found == set(FIGURE_BUILDERS)
    assert set(FIGURE_BUILDERS.values()) <= set(BUILDERS)
