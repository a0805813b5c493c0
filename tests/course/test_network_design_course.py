"""Notebook 02's partner ranking, design rubric and explorers."""

from __future__ import annotations

import networkx as nx
import pytest

from collabkit.analysis.partners import complementarity
from collabkit.analysis.structures import compare_structures
from collabkit.course.examples import DESIGN_BRIEF
from collabkit.course.network_design_challenge import (
    DesignBrief,
    evaluate_design,
    model_design,
    read_links,
)
from collabkit.data import cluster
from collabkit.widgets import network_design as explore


# --- partner selection ------------------------------------------------------------------
def test_complementarity_known_value_and_order():
    ranking = complementarity(cluster.load_cluster(), "F01")
    assert ranking.loc["F02", "complementarity"] == pytest.approx(0.5)  # {coffee, events}
    assert ranking.loc["F02", "brings"] == "coffee, events"
    assert ranking["complementarity"].is_monotonic_decreasing
    assert "F01" not in ranking.index
    with pytest.raises(ValueError, match="focal must be a firm"):
        complementarity(cluster.load_cluster(), "F99")


# --- design rubric ----------------------------------------------------------------------
MODEL_DESIGN = model_design(DESIGN_BRIEF)


def fractions(answer) -> list[float]:
    return [s.fraction for s in evaluate_design(DESIGN_BRIEF, answer)]


def test_the_model_design_meets_every_goal():
    assert fractions(MODEL_DESIGN) == [1, 1, 1, 1]


def test_an_opened_ring_names_cut_off_firms_and_single_points_of_failure():
    chain = MODEL_DESIGN[:-1]  # open the ring: Alder Dairy–QuickHop is missing
    reach, robust, budget, load = evaluate_design(DESIGN_BRIEF, chain)
    assert robust.fraction == 0 and "single points of failure" in robust.message
    assert "(or 4 more)" in robust.message  # 8 inner firms of a 10-firm chain are critical
    assert reach.fraction == 0  # the ring's far end lost QuickHop
    assert reach.message.endswith("Rowan Brewery, Alder Dairy.")
    assert budget.fraction == load.fraction == 1


def test_a_hub_design_overloads_the_hub_and_has_a_single_point_of_failure():
    hub = [("QuickHop Delivery", firm) for firm in DESIGN_BRIEF.firms[1:]]
    reach, robust, budget, load = evaluate_design(DESIGN_BRIEF, hub)
    assert reach.fraction == 1
    assert robust.fraction == 0 and "QuickHop Delivery" in robust.message
    assert load.fraction == 0 and "QuickHop Delivery (9 links)" in load.message


# --- calibration: worked examples of weak, middling and strong designs --------------------
def _score(design) -> float:
    """Points of the practice design question (out of 6) for ``design``."""
    from collabkit.course import get_question

    return get_question("02.challenge.design").check(design).score


def test_weak_a_plain_hub_and_spoke_design_earns_half_the_points_at_most():
    """The fragile star notebook 02 warns against: it meets reach and budget, fails the
    single point of failure and the load limit: two of four goals, 3 of 6 points (it
    earned 5.1 when goals gave partial credit)."""
    firms = DESIGN_BRIEF.firms
    provider = sorted(DESIGN_BRIEF.logistics)[0]
    star = [(provider, firm) for firm in firms if firm != provider]
    met = sum(c.fraction >= 1 for c in evaluate_design(DESIGN_BRIEF, star))
    assert met == 2
    assert _score(star) == pytest.approx(3.0)


def test_weak_a_full_mesh_fails_budget_and_load_and_earns_half():
    mesh = list(nx.complete_graph(DESIGN_BRIEF.firms).edges)
    assert _score(mesh) == pytest.approx(3.0)


def test_middling_a_plain_ring_meets_three_goals_and_earns_three_quarters():
    """A ring with the two logistics providers side by side: robust, cheap, light, but
    the firms on the far side sit more than two links from a logistics provider."""
    providers = sorted(DESIGN_BRIEF.logistics)
    firms = providers + [f for f in DESIGN_BRIEF.firms if f not in DESIGN_BRIEF.logistics]
    ring = [(firms[i], firms[(i + 1) % len(firms)]) for i in range(len(firms))]
    scores = evaluate_design(DESIGN_BRIEF, ring)
    assert [c.fraction for c in scores] == [0, 1, 1, 1]
    assert _score(ring) == pytest.approx(4.5)


def test_strong_the_model_design_meets_every_goal_and_earns_full_marks():
    assert _score(list(MODEL_DESIGN)) == pytest.approx(6.0)


def test_a_design_scores_in_proportion_to_the_goals_it_meets():
    """No design earns more than its share of goals met, whatever it comes close to."""
    firms = DESIGN_BRIEF.firms
    designs = [
        list(MODEL_DESIGN),
        list(MODEL_DESIGN)[:-1],
        [(firms[0], firm) for firm in firms[1:]],
        [(firms[i], firms[i + 1]) for i in range(len(firms) - 1)],
        list(nx.complete_graph(firms).edges),
    ]
    for design in designs:
        met = sum(c.fraction >= 1 for c in evaluate_design(DESIGN_BRIEF, design))
        assert _score(design) == pytest.approx(6 * met / 4), design


def test_over_budget_says_by_how_much():
    complete = list(nx.complete_graph(DESIGN_BRIEF.firms).edges)
    budget = evaluate_design(DESIGN_BRIEF, complete)[2]
    assert "45 links is 32 over the budget of 13" in budget.message
    assert budget.fraction == 0


def test_firms_far_from_logistics_are_named():
    far = [
        ("QuickHop Delivery", "Willow Couriers"),
        ("Willow Couriers", "Oak Agency"),
        ("Oak Agency", "Elm Store"),
        ("Elm Store", "Rowan Brewery"),
    ]
    reach = evaluate_design(DESIGN_BRIEF, far)[0]
    assert "Rowan Brewery" in reach.message and "Elm Store" not in reach.message.split(":")[1]


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (42, "is neither"),
        ({"a": 1}, "is neither"),
        ([("Nowhere Inc", "Elm Store")], "unknown firms: Nowhere Inc"),
        ([("Elm Store", "Elm Store")], "to itself"),
        ([(1, 2, 3)], "not a pair of firms"),
        ("x" * 30_000, "too long"),
    ],
)
def test_bad_designs_get_clear_messages(answer, phrase):
    result = evaluate_design(DESIGN_BRIEF, answer)
    text = result if isinstance(result, str) else " ".join(s.message for s in result)
    assert phrase in text


def test_repeated_links_count_once_and_text_answers_are_read():
    text = "QuickHop Delivery - Sweet Crumb Bakery\nsweet crumb bakery – corner coffee\n"
    graph, notes = read_links(text + text, DESIGN_BRIEF)
    assert graph.number_of_edges() == 2
    assert "repeated" in " ".join(notes)


def test_a_brief_must_be_satisfiable():
    with pytest.raises(ValueError, match="logistics must be"):
        DesignBrief(("A", "B", "C"), frozenset({"Z"}), 3, 2)
    with pytest.raises(ValueError, match="max_links must allow"):
        DesignBrief(("A", "B", "C", "D"), frozenset({"A"}), 2, 2)


# --- explorers --------------------------------------------------------------------------
def test_network_structure_updates_in_place_and_lets_the_hub_leave():
    explorer = explore.network_structure()
    figure = explorer.figure
    before = [tuple(t.x) if t.x is not None else () for t in figure.data]
    explorer.set(remove=explore.BEST_CONNECTED)
    assert explorer.figure is figure
    assert "holds <b>1 of 11</b>" in explorer.message.value
    explorer.set(structure="mesh")
    assert explorer.controls["remove"].value == explore.BEST_CONNECTED
    assert "holds <b>11 of 11</b>" in explorer.message.value
    assert [tuple(t.x) if t.x is not None else () for t in figure.data] != before


def test_network_structure_firm_list_follows_the_size():
    explorer = explore.network_structure()
    explorer.set(remove="Firm 12")
    explorer.set(n_firms=8)
    assert explorer.controls["remove"].value == explore.NOBODY
    assert explorer.controls["remove"].options[-1] == "Firm 8"
    assert "Firm 12" not in explorer.controls["remove"].options


def test_comparison_and_partner_explorers_respond():
    comparison = explore.structure_comparison()
    costs = comparison.figure.data[0].customdata
    comparison.set(per_link=2_000)  # from 1,000: each structure pays 1,000 € more per link
    links = compare_structures(20)["links"].to_numpy()
    assert list(comparison.figure.data[0].customdata - costs) == list(1_000.0 * links)
    partners = explore.partner_selection()
    text = partners.message.value
    partners.set(firm="Corner Coffee")
    assert partners.message.value != text and "Corner Coffee" in partners.message.value


def test_a_huge_full_mesh_is_explained_not_drawn():
    explorer = explore.network_structure()
    explorer.set(structure="mesh", n_firms=explore.MESH_LIMIT + 1)
    assert "needs 1,830 partnerships" in explorer.message.value
    assert "sparse mesh" in explorer.message.value
    explorer.set(structure="sparse mesh")
    assert "partnerships, far more" not in explorer.message.value


def test_the_valley_cluster_is_labelled_generated_where_the_learner_meets_it():
    """The cell that introduces the cluster says it is generated, by what and what it cannot
    show; the figure's title says so too; the real data's section names its source."""
    import nbformat

    from collabkit.chapters import network_design
    from tests.conftest import NOTEBOOKS

    cells = nbformat.read(NOTEBOOKS / "02_network_design.ipynb", as_version=4).cells
    shown = next(i for i, c in enumerate(cells) if c.source == "chapter.valley_cluster()")
    intro = cells[shown - 1].source
    assert "generated data" in intro and "collabkit.data.cluster" in intro
    assert "**cannot**" in intro
    assert "generated" in network_design.valley_cluster().layout.title.text
    real = next(c.source for c in cells if c.source.startswith("## 5. Real data"))
    assert "Padgett" in real and "Breiger and Pattison 1986" in real
