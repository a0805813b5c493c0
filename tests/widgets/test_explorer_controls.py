"""Every explorer of every chapter, driven through the whole range of each control as a
student would drive it: no move raises (in JupyterLab an exception in a slider's callback
only reaches the Log Console, so the student sees a plot that silently stops), and each
control changes the figure or the summary."""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Iterator

import ipywidgets as widgets
import numpy as np
import pytest

from collabkit.chapters import __doc__ as _chapters_doc  # noqa: F401  (the facades' package)
from collabkit.widgets.explorer import Explorer
from collabkit.widgets.number_box import NumberSlider

CHAPTERS = ("start_here", "fundamentals", "network_design", "platform_economy",
            "over_collaboration")  # fmt: skip
#: Values tried per slider: both ends and points in between.
STEPS = 4


def explorer_factories() -> Iterator[tuple[str, object]]:
    """Every name of a chapter facade that makes an explorer without arguments."""
    seen = set()
    for chapter in CHAPTERS:
        module = importlib.import_module(f"collabkit.chapters.{chapter}")
        for name in module.__all__:
            factory = getattr(module, name)
            if not callable(factory) or name in seen:
                continue
            signature = inspect.signature(factory)
            required = [p for p in signature.parameters.values() if p.default is p.empty]
            if signature.return_annotation in (Explorer, "Explorer") and not required:
                seen.add(name)
                yield f"{chapter}.{name}", factory


FACTORIES = dict(explorer_factories())


def test_every_explorer_of_the_course_is_driven():
    assert {"fundamentals.free_riding", "over_collaboration.net_benefit",
            "over_collaboration.ego_network", "network_design.florentine_families",
            "platform_economy.platform_trajectory"} <= set(FACTORIES)  # fmt: skip
    assert len(FACTORIES) >= 12


def values_over_range(control: widgets.ValueWidget) -> list[object]:
    if isinstance(control, NumberSlider):  # the kit's slider with its number box
        return values_over_range(control.slider)
    if isinstance(control, widgets.IntSlider):
        return sorted({int(v) for v in np.linspace(control.min, control.max, STEPS).round()})
    if isinstance(control, widgets.FloatSlider):
        return [float(v) for v in np.linspace(control.min, control.max, STEPS)]
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value]
    if hasattr(control, "options"):
        return [option[1] if isinstance(option, tuple) else option for option in control.options]
    raise AssertionError(f"a control the test does not know: {type(control).__name__}")


def shown(explorer: Explorer) -> tuple[str, str]:
    """What the student sees: the figure sent to the browser, and the summary."""
    return json.dumps(explorer.plot.data, sort_keys=True), explorer.message.value


@pytest.mark.slow
@pytest.mark.parametrize("name", FACTORIES)
def test_every_control_moves_through_its_range_without_error_and_changes_what_is_shown(name):
    explorer = FACTORIES[name]()
    for control_name, control in explorer.controls.items():
        start = control.value
        seen = {shown(explorer)}
        for value in values_over_range(control):
            control.value = value  # an exception in the explorer's update fails here
            assert explorer.figure is explorer.plot.figure
            seen.add(shown(explorer))
        control.value = start
        assert len(seen) > 1, f"{name}: moving {control_name} changes nothing on screen"


@pytest.mark.parametrize("name", FACTORIES)
def test_hover_labels_do_not_repeat_the_trace_name(name):
    """plotly shows a trace's name beside its hover text unless the template ends in
    ``<extra></extra>``: a template that starts with the name reads "Your choice : your
    choice: 10,200 €"."""
    figure = FACTORIES[name]().figure
    for trace in figure.data:
        template = (getattr(trace, "hovertemplate", None) or "").casefold()
        first = (trace.name or "").casefold().split(" ")[0]
        if template and first and "<extra></extra>" not in template:
            assert not template.startswith(first), (name, trace.name, trace.hovertemplate)
