"""Explorers update their figure in place and explain impossible settings."""

from __future__ import annotations

import pytest

from collabkit.widgets import fundamentals
from collabkit.widgets.explorer import Explorer

FACTORIES = {
    "cost_pooling": ("coordination_cost", 3_000),
    "market_reach": ("similarity", 1.0),
    "group_purchasing": ("bakery", 12_000),
    "free_riding": ("monitoring", 0.0),
}


@pytest.mark.parametrize("name", FACTORIES)
def test_moving_a_control_updates_the_same_figure(name):
    explorer: Explorer = getattr(fundamentals, name)()
    figure = explorer.figure
    before = [tuple(trace.y) for trace in figure.data]
    summary = explorer.message.value
    control, value = FACTORIES[name]
    explorer.set(**{control: value})
    assert explorer.figure is figure  # updated in place, never rebuilt
    assert [tuple(trace.y) for trace in figure.data] != before
    assert explorer.message.value != summary


def test_pooling_summary_reads_the_chosen_size():
    explorer = fundamentals.cost_pooling()
    explorer.set(n_firms=5)
    assert "With <b>5</b> firms, each pays <b>10,200 €</b>" in explorer.message.value
    assert list(explorer.figure.data[4].x) == [5]  # "your choice" marker


def test_an_impossible_setting_explains_itself_and_keeps_the_last_plot():
    explorer = fundamentals.free_riding()
    explorer.set(multiplier=3.0)
    before = [tuple(trace.y) for trace in explorer.figure.data]
    explorer.set(n_firms=3)  # a return of 3x with 3 firms: giving pays, no dilemma
    assert "no dilemma" in explorer.message.value
    assert [tuple(trace.y) for trace in explorer.figure.data] == before
    explorer.set(n_firms=20)
    assert "no dilemma" not in explorer.message.value
