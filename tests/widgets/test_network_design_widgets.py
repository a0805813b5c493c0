"""Notebook 02's explorers say what they show: the Florentine families are coloured, named
and captioned by the measure the brokerage section teaches."""

from __future__ import annotations

import networkx as nx

from collabkit.widgets import network_design as explore


def test_the_florentine_caption_legend_and_colours_follow_the_measure():
    explorer = explore.florentine_families()
    figure = explorer.figure
    for label in explore.FLORENTINE_MEASURES:
        explorer.set(measure=label)
        caption = figure.layout.annotations[0].text
        assert f"colour: rank by {label}" in caption
        assert explorer.plot.layout["annotations"][0]["text"] == caption  # sent to the browser
        names = [trace.name for trace in figure.data[1:]]
        assert label in names[0] and label in names[1] and names[2] == "the rest"
        assert all("hub" not in name for name in names)
        first = figure.data[1].text
        graph = nx.florentine_families_graph()
        assert len(first) == 1 and first[0] == "Medici"  # first by every measure
        assert "(hub" not in figure.data[1].customdata[0]
        assert sum(len(trace.x) for trace in figure.data[1:]) == graph.number_of_nodes()
    explorer.set(measure="constraint")
    assert figure.data[1].name == "lowest constraint"


def test_a_firm_with_one_link_has_one_link_in_its_hover():
    explorer = explore.network_structure(structure="hub-and-spoke", n_firms=6)
    hovers = [text for trace in explorer.figure.data[1:] for text in trace.customdata or ()]
    assert any("1 link<br>" in text for text in hovers)
    assert not any("1 links" in text for text in hovers)
