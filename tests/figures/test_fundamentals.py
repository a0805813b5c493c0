"""Figures of notebook 01: titled, labelled with units, and updatable in place."""

from __future__ import annotations

import pandas as pd
import pytest

from collabkit.figures import fundamentals as fig
from collabkit.figures.style import PALETTE
from collabkit.models.pooling import CostPooling
from collabkit.models.public_goods import PublicGoodsGame
from collabkit.models.purchasing import GroupPurchasing
from collabkit.models.reach import MarketReach

UNITS = ("€", "%", "households", "number", "firms", "period", "firm")

CASES = {
    "pooling": (
        lambda **kw: CostPooling(**kw).run(),
        [{}, {"asset_cost": 5_000, "coordination_cost": 9_000, "max_firms": 3}],
    ),
    "reach": (
        lambda **kw: MarketReach(**kw).run(),
        [{}, {"reach": (0.9, 0.1, 0.0), "similarity": 1.0}],
    ),
    "purchasing": (
        lambda **kw: GroupPurchasing(**kw).run(),
        [{}, {"demand": (12_000, 0, 9_000)}],
    ),
    "free_riding": (
        lambda **kw: PublicGoodsGame(**kw).compare(),
        [{}, {"n_firms": 100, "monitoring": 1.0, "fine": 5.0}],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_figure_has_title_and_axis_titles_with_units(name):
    compute, settings = CASES[name]
    figure = getattr(fig, f"{name}_figure")(compute(**settings[0]))
    layout = figure.layout
    assert layout.title.text
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.title.text
    assert any(unit in layout.yaxis.title.text.lower() for unit in UNITS)
    assert "(" in layout.yaxis.title.text  # the unit is stated in brackets


@pytest.mark.parametrize("name", CASES)
def test_traces_keep_their_number_and_order_across_settings(name):
    compute, settings = CASES[name]
    traces = getattr(fig, f"{name}_traces")
    figure = getattr(fig, f"{name}_figure")(compute(**settings[0]))
    for kwargs in settings:
        updates = traces(compute(**kwargs))
        assert len(updates) == len(figure.data)
        for trace, data in zip(figure.data, updates, strict=True):
            trace.update(data)  # must be valid for the trace's type
    assert all(trace.name for trace in figure.data)


def test_pooling_figure_marks_the_cheapest_and_the_chosen_size():
    frame = CostPooling().run()
    frame = frame.assign(selected=frame["n_firms"] == 3)
    asset, coordination, total, best, chosen = fig.pooling_traces(frame)
    assert list(best["x"]) == [CostPooling().optimal_size()]
    assert list(chosen["x"]) == [3]
    assert list(total["y"]) == frame["cost_per_firm"].tolist()


def test_free_riding_traces_plot_percent_of_budget_per_setting():
    frame = PublicGoodsGame(monitoring=0.5, fine=2.0).compare()
    none, governed = fig.free_riding_traces(frame)
    expected = frame[frame["governance"] == "no governance"]["share_of_endowment"] * 100
    assert list(none["y"]) == expected.tolist()
    assert min(governed["y"]) > max(none["y"][-3:])


def test_reach_traces_follow_the_model():
    frame = MarketReach().run()
    summed, reached, new = fig.reach_traces(frame)
    assert list(reached["y"]) == frame["combined_reach"].tolist()
    assert isinstance(summed["x"], list) and summed["x"][0] == "1 firm"
    assert pd.Series(new["y"]).iloc[0] == 0


def test_purchasing_traces_follow_the_model():
    frame = GroupPurchasing(demand=(12_000, 0, 9_000)).run()
    alone, group = fig.purchasing_traces(frame)
    assert list(alone["x"]) == list(group["x"]) == list(GroupPurchasing().names)
    assert list(alone["y"]) == pytest.approx([21_600, 0, 17_100])
    assert list(group["y"]) == pytest.approx([20_400, 0, 15_300])
    assert list(group["text"]) == ["15% discount"] * 3


def test_pooling_optimum_marker_moves_with_the_parameters():
    for k in (500, 1_500, 9_000):
        model = CostPooling(36_000, k, 20)
        best = fig.pooling_traces(model.run())[3]
        assert list(best["x"]) == [model.optimal_size()]
        assert list(best["y"]) == [pytest.approx(model.cost_per_firm(model.optimal_size()))]


@pytest.mark.parametrize("name", CASES)
def test_figures_share_the_course_style(name):
    compute, settings = CASES[name]
    figure = getattr(fig, f"{name}_figure")(compute(**settings[0]))
    assert figure.layout.height <= 420
    assert figure.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    assert all(trace.hovertemplate for trace in figure.data)
    for trace in figure.data:  # a line's colour, else the marker's (bars, markers)
        line = getattr(trace, "line", None)
        colour = line.color if line is not None and line.color else trace.marker.color
        assert colour in PALETTE.values(), trace.name


def test_network_figure_colours_by_role_or_by_sector():
    from collabkit.analysis.network import node_metrics
    from collabkit.data.cluster import SECTORS, load_cluster
    from collabkit.figures import network_design as netfig
    from collabkit.figures.layout import layout_positions

    graph = load_cluster()
    metrics = node_metrics(graph)
    positions = layout_positions(graph)
    by_sector = netfig.network_figure(graph, metrics, positions, title="t", colour_by="sector")
    assert [t.name for t in by_sector.data[1:]] == sorted(SECTORS)
    assert sum(len(t.x) for t in by_sector.data[1:]) == graph.number_of_nodes()
    colours = {t.marker.color for t in by_sector.data[1:]}
    assert len(colours) == len(SECTORS)  # one distinct colour per sector
    by_role = netfig.network_figure(graph, metrics, positions, title="t")
    assert [t.name for t in by_role.data[1:]] == ["hub", "broker", "member", "peripheral"]
    assert all(t.hovertemplate.startswith("%{customdata}") for t in by_role.data[1:])
