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
    "mutual_support": ("common_shock", 0.9),
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


def test_one_firm_is_a_firm_not_firms():
    """When sharing costs more than it saves, the cheapest size is one firm, alone."""
    explorer = fundamentals.cost_pooling()
    explorer.set(asset_cost=5_000, coordination_cost=10_000)
    text = explorer.message.value
    assert "Cheapest size: <b>1 firm</b> at 5,000 € alone" in text
    assert "1 firms" not in text
    explorer.set(n_firms=1)
    assert "With <b>1</b> firm, it pays" in explorer.message.value


def test_free_riding_summary_follows_the_return_and_the_size():
    """The return and the size of the network change the result, as the text says: a
    higher return or a smaller network keeps more in the fund."""
    explorer = fundamentals.free_riding()
    explorer.set(monitoring=0.0)

    def last_share() -> float:
        return explorer.figure.data[0].y[-1]

    low = last_share()
    explorer.set(multiplier=3.0)
    assert last_share() > low
    assert "0.15 €</b> to that firm" in explorer.message.value
    explorer.set(multiplier=1.6, n_firms=100)
    large = last_share()
    explorer.set(n_firms=5)
    assert last_share() > large
    assert "more than the average they saw" in explorer.message.value


def test_an_explorer_goes_back_to_its_starting_settings():
    """Questions refer to an explorer's starting settings; one button brings them back."""
    explorer = fundamentals.cost_pooling()
    start, figure = explorer.values, [tuple(t.y) for t in explorer.figure.data]
    explorer.set(**{name: control.max for name, control in explorer.controls.items()})
    assert explorer.values != start
    explorer.reset_button.click()
    assert explorer.values == start
    assert [tuple(t.y) for t in explorer.figure.data] == figure
