"""Network drawings and the partner ranking say what the notebook says they show.

Checked against the data set's CSV files read here with pandas, not through the kit's
loaders: the valley cluster's hover names each firm's partners and the towns are drawn
apart; the partner ranking's bars differ where the scores differ; labels point away from
the drawing.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from collabkit.figures import layout
from collabkit.figures import network_design as netfig
from tests.conftest import REPO, run_python

FIRMS = pd.read_csv(REPO / "datasets" / "cluster_firms.csv").set_index("firm_id")
LINKS = pd.read_csv(REPO / "datasets" / "cluster_partnerships.csv")


def partners_of(firm: str) -> set[str]:
    other = pd.concat(
        [LINKS.loc[LINKS["source"] == firm, "target"], LINKS.loc[LINKS["target"] == firm, "source"]]
    )
    return set(FIRMS.loc[other, "name"])


@pytest.fixture(scope="module")
def valley():
    from collabkit.widgets.network_design import valley_cluster

    return valley_cluster()


def _firms_in(fig) -> list[tuple[str, float, float, str]]:
    """(firm id, x, y, hover) of every firm drawn."""
    rows = []
    for trace in fig.data[1:]:
        for x, y, hover in zip(trace.x, trace.y, trace.customdata, strict=True):
            firm = hover.split("(")[1].split(")")[0]
            rows.append((firm, x, y, hover))
    return rows


def test_valley_hover_lists_every_partner_of_every_firm(valley):
    firms = _firms_in(valley)
    assert sorted(f for f, *_ in firms) == sorted(FIRMS.index)
    for firm, _, _, hover in firms:
        listed = hover.split("partners: ")[1].split("<br>betweenness")[0]
        names = {n.strip() for n in listed.replace("<br>", " ").split(",") if n.strip()}
        expected = partners_of(firm)
        if len(expected) <= netfig.HOVER_PARTNERS:
            assert names == (expected or {"none"}), firm
        else:
            assert f"and {len(expected) - netfig.HOVER_PARTNERS} more" in hover
        assert FIRMS.loc[firm, "town"] in hover and FIRMS.loc[firm, "sector"] in hover


def test_valley_draws_each_town_in_its_own_area_with_room_between_firms(valley):
    firms = _firms_in(valley)
    boxes = {}
    for firm, x, y, _ in firms:
        town = FIRMS.loc[firm, "town"]
        left, right, low, high = boxes.get(town, (x, x, y, y))
        boxes[town] = (min(left, x), max(right, x), min(low, y), max(high, y))
    for (a, box_a), (b, box_b) in [
        (p, q) for i, p in enumerate(boxes.items()) for q in list(boxes.items())[i + 1 :]
    ]:
        apart = (
            box_a[1] < box_b[0] or box_b[1] < box_a[0] or box_a[3] < box_b[2] or box_b[3] < box_a[2]
        )
        assert apart, (a, b)
    # the drawing spans about 19 x 8 units across roughly 800 x 400 pixels; the largest
    # marker is 30 px: firms at least 0.75 units (about 32 px) apart do not hide each other
    points = [(x, y) for _, x, y, _ in firms]
    closest = min(
        math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1 :]
    )  # fmt: skip
    assert closest >= 0.75
    town_labels = {a.text for a in valley.layout.annotations}
    for town, count in FIRMS["town"].value_counts().items():
        assert f"<b>{town}, {count} firms</b>" in town_labels


def test_valley_layout_is_the_same_every_time():
    from collabkit.data.cluster import load_cluster

    graph = load_cluster()
    assert layout.grouped_positions(graph, "town") == layout.grouped_positions(graph, "town")


@pytest.mark.slow
def test_valley_layout_is_the_same_in_every_kernel(monkeypatch):
    """Python's hash seed differs between processes; the picture must not."""
    code = (
        "from collabkit.data.cluster import load_cluster\n"
        "from collabkit.figures.layout import grouped_positions\n"
        "print(sorted(grouped_positions(load_cluster(), 'town').items()))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        outputs.add(run_python(code).stdout)
    assert len(outputs) == 1


def test_valley_sectors_differ_in_colour_and_in_marker_symbol(valley):
    groups = valley.data[1:]
    assert len({t.marker.symbol for t in groups}) == len(groups) == FIRMS["sector"].nunique()
    assert len({t.marker.color for t in groups}) == len(groups)


def _complementarity(focal: str, candidate: str) -> float:
    own = set(FIRMS.loc[focal, "capabilities"].split(";"))
    theirs = set(FIRMS.loc[candidate, "capabilities"].split(";"))
    return len(theirs - own) / len(own | theirs)


def test_why_the_bars_were_all_the_same_length():
    """The eight best candidates of almost every firm tie: complementarity takes few values
    (every firm has one to three capabilities)."""
    from collabkit.analysis.partners import complementarity
    from collabkit.data.cluster import load_cluster

    graph = load_cluster()
    tied = sum(complementarity(graph, f).head(8)["complementarity"].nunique() == 1 for f in graph)
    assert tied >= 55


@pytest.mark.parametrize("focal", ["F01", "F02", "F10", "F30", "F47"])
def test_partner_bars_show_where_scores_differ_in_ranking_order(focal):
    from collabkit.widgets.network_design import partner_selection

    explorer = partner_selection()
    explorer.set(firm=FIRMS.loc[focal, "name"])
    new, existing = explorer.figure.data
    labels = list(new.y)
    assert labels == list(existing.y)  # both traces list every row: one order
    lengths = [a if a is not None else b for a, b in zip(new.x, existing.x, strict=True)]
    assert all(v is not None for v in lengths)
    assert len(set(lengths)) >= 2  # the bars differ
    assert lengths == sorted(lengths)  # bottom to top: the best score at the top
    others = [f for f in FIRMS.index if f != focal]
    scores = {f: _complementarity(focal, f) for f in others}
    by_label = {f"{FIRMS.loc[f, 'name']} ({FIRMS.loc[f, 'sector']})": f for f in others}
    for label, length, tied in zip(labels, lengths, new.customdata, strict=True):
        firm = by_label[label]
        assert length == pytest.approx(scores[firm])
        assert tied == sum(math.isclose(s, scores[firm]) for s in scores.values())
    # the first PER_SCORE candidates of each score, the best scores first
    shown = sorted({round(v, 9) for v in lengths}, reverse=True)
    levels = sorted({round(v, 9) for v in scores.values()}, reverse=True)
    assert shown == levels[: len(shown)]
    for level in shown:
        count = sum(math.isclose(v, level) for v in lengths)
        available = sum(math.isclose(v, level) for v in scores.values())
        assert count == min(netfig.PER_SCORE, available) or level == shown[-1]
    partners = partners_of(focal)
    for label, a, b in zip(labels, new.x, existing.x, strict=True):
        is_partner = FIRMS.loc[by_label[label], "name"] in partners
        assert (b is not None) == is_partner and (a is not None) == (not is_partner)


def test_labels_point_away_from_the_drawing():
    positions = layout.circle_positions(list(range(8)), 1.0, start=0.0)  # clockwise from east
    assert layout.text_positions(positions) == [
        "middle right", "bottom right", "bottom center", "bottom left",
        "middle left", "top left", "top center", "top right",
    ]  # fmt: skip
    hub = {"hub": (0.0, 0.0), "a": (0.0, 1.0), "b": (0.3, -1.0), "c": (-0.3, -1.0)}
    assert layout.text_positions(hub) == ["top center", "top center", "bottom right", "bottom left"]


def test_small_networks_name_firms_on_the_outside():
    from collabkit.analysis.network import node_metrics
    from collabkit.course import examples

    graph = examples.mill_street()
    positions = layout.layout_positions(graph)
    fig = netfig.network_figure(graph, node_metrics(graph), positions, title="t")
    cx = sum(x for x, _ in positions.values()) / len(positions)
    for trace in fig.data[1:]:
        for x, place in zip(trace.x, trace.textposition or [], strict=True):
            if x > cx + 0.2:
                assert place.endswith("right")
            elif x < cx - 0.2:
                assert place.endswith("left")
