"""The explorers' sliders and the audit's settings: a number typed into the box beside a
slider is read in Python by the kit's number reader, as a learner types it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing

import pytest

import collabkit.widgets
from collabkit.course.over_collaboration_audit import AUDIT_COLUMNS, example_audit
from collabkit.models.pooling import CostPooling
from collabkit.widgets import fundamentals
from collabkit.widgets.explorer import Explorer, slider
from collabkit.widgets.number_box import TRACK_MIN_WIDTH, NumberBox, NumberSlider
from collabkit.widgets.over_collaboration_audit import AuditWidget


def type_into(control: NumberSlider | NumberBox, text: str) -> None:
    """What the browser sends when a learner types ``text`` and presses Enter."""
    control.text.value = text


@pytest.mark.parametrize("typed", ["3,000", "3.000", "3000", "3 000 €", "3\u202f000", "€3,000"])
def test_a_money_slider_reads_thousands_however_typed(typed):
    explorer = fundamentals.cost_pooling()
    control = explorer.controls["coordination_cost"]
    type_into(control, typed)
    assert control.value == 3_000
    assert control.slider.value == 3_000
    assert control.text.value == "3,000"  # shown as the box shows numbers
    assert control.note.value == ""
    n = explorer.controls["n_firms"].value
    cost = CostPooling(coordination_cost=3_000).cost_per_firm(n)
    assert f"each pays <b>{cost:,.0f} €</b>" in explorer.message.value  # the model reran


@pytest.mark.parametrize("typed", ["60 %", "60%", "60", "60,0 %"])
def test_a_percent_slider_reads_60_as_60_percent(typed):
    control = fundamentals.market_reach().controls["cafe"]
    type_into(control, typed)
    assert control.value == pytest.approx(0.6)
    assert control.text.value == "60 %"


def test_a_share_slider_reads_a_percentage_as_a_share():
    control = slider("Overlap with earlier partners (share)", 0.1, 0, 0.5, 0.01)
    assert control.text.value == "0.10"
    type_into(control, "25 %")
    assert control.value == pytest.approx(0.25)
    type_into(control, "0,3")
    assert control.value == pytest.approx(0.3)


def test_moving_the_slider_shows_its_value_in_the_box():
    explorer = fundamentals.cost_pooling()
    control = explorer.controls["asset_cost"]
    control.slider.value = 48_000  # the browser moved the handle
    assert control.value == 48_000 and control.text.value == "48,000"
    explorer.set(asset_cost=52_000)  # as tests and notebooks set it
    assert control.slider.value == 52_000 and control.text.value == "52,000"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("lots", "“lots” is not a number"),
        ("12 %", "This slider is in € per year; you typed a percentage."),
        ("400 €/month", "you typed an amount per month. Convert it to per year"),
        ("20000", "“20000” is above 10,000, the most this slider takes."),
        ("200,000", "“200,000” could mean 200000 or 200."),  # only 200 € is on the slider
        ("-5", "“-5” is below 0, the least this slider takes."),
        ("", "No answer yet"),
    ],
)
def test_text_the_kit_cannot_use_keeps_the_slider_and_says_why(typed, says):
    explorer = fundamentals.cost_pooling()
    control = explorer.controls["coordination_cost"]
    before, summary = control.value, explorer.message.value
    type_into(control, typed)
    assert control.value == before and explorer.message.value == summary
    assert says in control.note.value
    assert "The slider stays at 1,500." in control.note.value
    assert control.note.layout.display == ""  # shown
    assert control.text.value == "1,500"  # the box shows the slider's value again
    type_into(control, "2000")
    assert control.value == 2_000 and control.note.value == ""
    assert control.note.layout.display == "none"


def test_a_whole_number_slider_refuses_a_fraction():
    control = fundamentals.cost_pooling().controls["n_firms"]
    type_into(control, "3.5")
    assert control.value == 3 and "not a whole number" in control.note.value
    type_into(control, "5 firms")
    assert control.value == 5 and isinstance(control.value, int)


def test_the_label_sits_above_a_track_that_keeps_a_readable_width():
    control = slider("A long label that once squeezed the track to a few pixels (€)", 1, 0, 2, 1)
    label, row, note = control.children
    assert label is control.label and control.slider in row.children
    assert control.slider.description == ""  # the label no longer shares the track's line
    assert control.slider.readout is False  # ipywidgets' browser-parsed readout is gone
    assert control.slider.layout.min_width == TRACK_MIN_WIDTH
    assert int(TRACK_MIN_WIDTH.removesuffix("px")) >= 200
    assert control.slider.layout.flex.startswith("1 1")  # it takes the rest of the row
    assert control.description.startswith("A long label")


def test_the_control_keeps_the_slider_api_explorers_use():
    control = slider("Number of firms", 20, 6, 100, 2, integer=True)
    assert (control.min, control.max, control.step) == (6, 100, 2)
    control.continuous_update = False
    assert control.slider.continuous_update is False
    control.max = 50
    control.value = 80  # kept in range, as an ipywidgets slider does
    assert control.value == 50 and control.text.value == "50"
    seen = []
    control.observe(lambda change: seen.append(change["new"]), names="value")
    type_into(control, "30")
    assert seen == [30]


def explorer_factories() -> dict[str, typing.Callable[[], Explorer]]:
    """Every explorer a notebook can show without arguments, by module and name."""
    found = {}
    for info in pkgutil.iter_modules(collabkit.widgets.__path__):
        module = importlib.import_module(f"collabkit.widgets.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__:
                continue
            shows = typing.get_type_hints(function).get("return")
            takes = inspect.signature(function).parameters.values()
            if shows is Explorer and all(p.default is not p.empty for p in takes):
                found[f"{info.name}.{name}"] = function
    return found


FACTORIES = explorer_factories()


def test_the_explorers_are_found():
    assert {"fundamentals.cost_pooling", "over_collaboration.net_benefit"} <= set(FACTORIES)
    assert len(FACTORIES) >= 10


@pytest.mark.parametrize("name", FACTORIES)
def test_every_box_reads_back_what_it_shows(name):
    """Every slider of every explorer is the kit's, and its box reads its own text back to
    the value (to the precision it shows), at both ends, at the start and between."""
    controls = FACTORIES[name]().controls.values()
    assert not any(type(c).__name__ in ("IntSlider", "FloatSlider") for c in controls)
    for control in [c for c in controls if isinstance(c, NumberSlider)]:
        low, high, step = control.min, control.max, control.step
        for value in (low, high, control.value, low + step, low + 7 * step, (low + high) / 2):
            control.value = min(value, high)
            text = control.text.value
            number = control.format.read(text, low, high, step)
            assert not isinstance(number, str), (control.description, text, number)
            shown = text.removesuffix(" %").partition(".")[2]  # the decimals the box shows
            half = 0.5 * 10.0 ** -len(shown) + 1e-9
            assert abs(number - control.value) * control.format.factor <= half, (
                control.description,
                text,
            )


# --- the audit ---------------------------------------------------------------------------


def test_the_audit_reads_a_thousand_euros_written_with_a_point():
    widget = AuditWidget(example_audit())
    value = list(AUDIT_COLUMNS).index("value")
    widget.rows[0][value].value = "1.000 €"
    widget.rows[1][value].value = "11.250"
    report = widget.run()
    assert report is not None
    assert report.partners["value"].iloc[:2].tolist() == [1_000, 11_250]


def test_the_audit_settings_are_read_by_the_kit():
    widget = AuditWidget(example_audit())
    type_into(widget.hour_value, "75,5 €")
    assert widget.hour_value.value == 75.5
    type_into(widget.time_budget, "12 %")
    assert widget.time_budget.value == 60 and "you typed a percentage" in (
        widget.time_budget.note.value
    )
    type_into(widget.time_budget, "500")
    assert widget.time_budget.value == 60 and "above 400" in widget.time_budget.note.value
    report = widget.run()
    assert report is not None
    hours = report.partners["hours_per_month"]
    assert report.partners["time_cost"].tolist() == pytest.approx((hours * 12 * 75.5).tolist())
