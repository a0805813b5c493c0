"""Notebook 04's explorers and audit widget, driven as a learner would drive them."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from collabkit.analysis.ego import NEW_PARTNER, ego_redundancy, with_new_partner
from collabkit.course.over_collaboration_audit import example_audit
from collabkit.data.cluster import load_cluster
from collabkit.figures.over_collaboration import COST_STYLE
from collabkit.models.net_benefit import COST_SOURCES, NetBenefit
from collabkit.widgets import over_collaboration as explore
from collabkit.widgets.over_collaboration_audit import AuditWidget

# --- net benefit explorer ----------------------------------------------------------------


def test_decomposition_plot_shows_every_cost_source_and_moves_its_star():
    assert set(COST_STYLE) == set(COST_SOURCES)
    explorer = explore.net_benefit()
    figure = explorer.figure
    star = figure.data[-1]
    assert list(star.x) == [NetBenefit().optimum()]
    explorer.set(coordination_cost=3_000)
    assert explorer.figure is figure
    assert list(star.x) == [NetBenefit(coordination_cost=3_000).optimum()]
    costs = np.array([trace.y for trace in figure.data[1:6]])
    net = np.array(figure.data[6].y)
    assert (costs <= 1e-12).all()  # costs are stacked below zero
    assert np.allclose(np.array(figure.data[0].y) + costs.sum(axis=0), net)
    assert f"<b>{NetBenefit(coordination_cost=3_000).optimum()} partners</b>" in (
        explorer.message.value
    )


def test_with_free_coordination_the_best_number_fits_in_the_managers_hours():
    """With coordination cost 0 the curve keeps rising, but partners beyond the time budget
    have no hours: the best number is the most that fit, and the text says the hours set
    the limit (it used to say "takes 76 of the 60 hours")."""
    explorer = explore.net_benefit()
    explorer.set(coordination_cost=0)
    model = NetBenefit(coordination_cost=0)
    limit = model.budget_limit
    assert limit is not None and model.optimum() == limit < model.unconstrained_optimum()
    text = explorer.message.value
    assert f"<b>{limit} partners</b>" in text
    assert (
        f"It takes {limit * model.hours_per_partner:.0f} of the {model.time_budget:.0f} hours"
        in text
    )
    assert "the manager's time, not the costs, sets the limit" in text
    assert list(explorer.figure.data[-1].x) == [limit]
    for hours in (1, 4, 7.5, 15):
        explorer.set(hours_per_partner=hours)
        best = explorer.figure.data[-1].x[0]
        assert best * hours <= model.time_budget


def test_the_coordination_structure_slider_moves_the_star():
    explorer = explore.net_benefit()
    explorer.set(joint_share=0.5)
    assert list(explorer.figure.data[-1].x) == [NetBenefit(joint_share=0.5).optimum()]
    assert NetBenefit(joint_share=0.5).optimum() > NetBenefit().optimum()
    assert "50% of the work is joint projects" in explorer.message.value
    explorer.set(joint_share=0)
    assert "bilateral partnerships" in explorer.message.value
    assert "the manager's time, not the costs, sets the limit" in explorer.message.value


def test_a_best_of_one_partner_is_singular():
    explorer = explore.net_benefit()
    explorer.set(value_per_partner=3_000)
    if NetBenefit(value_per_partner=3_000).optimum() == 1:
        assert "<b>1 partner</b>" in explorer.message.value
    assert "1 partners" not in explorer.message.value


# --- partnering explorer -----------------------------------------------------------------


@pytest.mark.parametrize(("spillover", "cost", "says"), [
    (0.0, 1_000, "Each firm pays all the coordination it causes"),
    (0.5, 0, "Coordination costs nothing here"),
    (0.5, 1_000, "Partners pay 50% of the coordination a firm causes, so a firm does not"),
    (0.5, 2_000, "Partners pay 50% of the coordination a firm causes, but at these settings"),
])  # fmt: skip
def test_the_partnering_text_matches_who_pays_for_coordination(spillover, cost, says):
    """With half the coordination paid by partners the text never says that firms bear
    (almost) all their costs; it says why they stop where they do."""
    explorer = explore.partnering_simulation()
    explorer.set(cost_spillover=spillover, coordination_cost=cost)
    text = explorer.message.value
    assert says in text
    if spillover > 0:
        assert "bears (almost) all" not in text and "Each firm pays all" not in text


def test_spillover_slider_turns_a_stop_at_the_optimum_into_an_overshoot():
    explorer = explore.partnering_simulation()
    explorer.set(cost_spillover=0.0)
    assert "end close to it" in explorer.message.value
    line = explorer.figure.data[0]
    calm = line.y[-1]
    explorer.set(cost_spillover=1.0)
    assert "over-collaborate" in explorer.message.value
    assert line.y[-1] > calm + 1
    optimum, stop = explorer.figure.data[1].y[0], explorer.figure.data[2].y[0]
    assert stop > optimum == NetBenefit().optimum()


# --- ego network -------------------------------------------------------------------------


def test_effective_size_matches_networkx_for_every_cluster_firm():
    cluster = load_cluster()
    expected = nx.effective_size(cluster)
    for firm in cluster:
        measured = ego_redundancy(cluster, firm)
        if cluster.degree(firm) == 0:
            assert np.isnan(measured.effective_size)
            continue
        assert measured.effective_size == pytest.approx(expected[firm])
        assert measured.partners["non_redundant"].sum() == pytest.approx(expected[firm])
        assert measured.efficiency == pytest.approx(expected[firm] / cluster.degree(firm))


def test_a_newcomer_who_knows_more_partners_adds_less():
    cluster = load_cluster()
    firm = "F01"
    added = [
        ego_redundancy(with_new_partner(cluster, firm, k), firm).effective_size
        for k in range(cluster.degree(firm) + 1)
    ]
    assert added == sorted(added, reverse=True)
    assert added[0] > ego_redundancy(cluster, firm).effective_size > added[-1]
    graph = with_new_partner(cluster, firm, 3)
    assert graph.degree(NEW_PARTNER) == 4  # the firm and three of its partners
    with pytest.raises(ValueError, match="knows"):
        with_new_partner(cluster, firm, cluster.degree(firm) + 1)
    with pytest.raises(ValueError, match="ego"):
        ego_redundancy(cluster, "nobody")


def test_the_ego_slider_reaches_only_as_far_as_the_chosen_firms_partners():
    """Choosing a firm with fewer partners lowers the slider with the text: it never
    reads 15 while the text says "12 of them"."""
    cluster = load_cluster()
    explorer = explore.ego_network()
    knows = explorer.controls["knows"]
    assert knows.max == cluster.degree(explorer.controls["firm"].value)
    knows.value = knows.max
    for firm in explorer.controls["firm"].options:
        firm_id = firm[1]
        explorer.set(firm=firm_id)
        assert knows.max == cluster.degree(firm_id)
        assert knows.value <= knows.max
        assert f"already works with {knows.value} of them" in explorer.message.value
    knows.value = knows.max
    assert f"already works with {knows.max} of them" in explorer.message.value


def test_ego_explorer_redraws_the_chosen_firm():
    explorer = explore.ego_network()
    partners = explorer.figure.data[3]
    n_before = len(partners.x)
    explorer.set(knows=4)
    assert "already works with 4 of them" in explorer.message.value
    explorer.set(firm="F21")
    assert len(partners.x) == load_cluster().degree("F21") + 1 != n_before


# --- audit widget ------------------------------------------------------------------------


def test_audit_widget_reports_on_the_example_and_marks_the_firm_on_the_curve():
    widget = AuditWidget(example_audit())
    report = widget.run()
    assert report is not None and report.current == len(example_audit())
    assert "Your collaboration audit" in widget.report.value
    assert widget.report.value.count("<li>") == 5
    you = widget.figure.data[1]
    assert list(you.x) == [report.current]


def test_audit_widget_names_bad_cells_and_keeps_the_last_plot():
    widget = AuditWidget(example_audit())
    widget.run()
    before = list(widget.figure.data[0].y)
    widget.rows[1][1].value = "lots"
    assert widget.run() is None
    assert "Row 2 (Café Central), column &quot;Hours per month (h)&quot;" in widget.report.value
    assert list(widget.figure.data[0].y) == before


def test_audit_widget_escapes_what_the_learner_typed():
    widget = AuditWidget(example_audit())
    widget.rows[0][0].value = "<script>alert(1)</script>"
    widget.run()
    assert "<script>" not in widget.report.value
    assert "&lt;script&gt;" in widget.report.value


def test_audit_widget_loads_a_csv_and_rejects_a_binary_file():
    widget = AuditWidget(example_audit())
    csv = b"partner,hours_per_month,value,strategic_fit,dependence\nA,2,5000,4,10\nB,1,3000,5,5\n"
    widget._on_upload({"new": ({"name": "firm.csv", "content": memoryview(csv)},)})
    assert [row[0].value for row in widget.rows[:2]] == ["A", "B"]
    assert "Your 2 partnerships" in widget.report.value
    widget._on_upload({"new": ({"name": "photo.csv", "content": memoryview(b"\xff\xfe\x00")},)})
    assert "not a text CSV" in widget.report.value or "could not run" in widget.report.value


def test_an_uploaded_file_naming_another_file_is_read_as_its_own_text(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("partner,hours_per_month,value,strategic_fit,dependence\nA,2,5000,4,10\n")
    widget = AuditWidget(example_audit())
    content = memoryview(str(other).encode())
    widget._on_upload({"new": ({"name": "firm.csv", "content": content},)})
    assert "could not run" in widget.report.value
    assert "looks like the name of a file" in widget.report.value
    assert widget.rows[0][0].value == example_audit()["partner"][0]  # the table is kept


def test_add_row_gives_an_empty_row_that_the_audit_ignores():
    widget = AuditWidget(example_audit())
    rows = len(widget.rows)
    widget.add_button.click()
    assert len(widget.rows) == rows + 1
    assert widget.run().current == len(example_audit())


# --- audit table layout and loading a file -----------------------------------------------

CSV = b"partner,hours_per_month,value,strategic_fit,dependence\nA,2,5000,4,10\nB,1,3000,5,5\n"


def _upload(widget: AuditWidget, content: bytes = CSV, name: str = "firm.csv") -> None:
    widget._on_upload({"new": ({"name": name, "content": memoryview(content)},)})


def _filled(widget: AuditWidget) -> list[dict[str, str]]:
    return [row for row in widget.records() if any(row.values())]


def test_audit_header_and_cells_share_one_grid_so_columns_line_up():
    from collabkit.course.over_collaboration_audit import AUDIT_COLUMNS

    widget = AuditWidget(example_audit())
    columns = len(AUDIT_COLUMNS)
    grid = widget.grid
    assert len(grid.layout.grid_template_columns.split(" minmax")) == columns
    assert list(grid.children[:columns]) == widget.header
    assert [c.value for c in grid.children[columns:]] == [
        cell.value for row in widget.rows for cell in row
    ]
    for label, header in zip(AUDIT_COLUMNS.values(), widget.header, strict=True):
        assert label[0] in header.value
    # every cell takes its column's width (no fixed pixel widths that overflow at 1024 px)
    assert {cell.layout.width for row in widget.rows for cell in row} == {"auto"}
    widget.add_button.click()
    assert len(grid.children) == columns * (1 + len(widget.rows))


def test_the_audit_says_that_a_file_replaces_the_rows_and_can_be_undone():
    widget = AuditWidget(example_audit())
    assert "replaces the rows above" in widget.load_note.value
    assert widget.undo_button.layout.display == "none"


def test_loading_a_csv_over_typed_rows_says_what_it_replaced_and_undo_brings_them_back():
    widget = AuditWidget(example_audit())
    widget.rows[1][1].value = "7"  # the learner changes a row of the example
    widget.rows[6][0].value = "My printer"  # and types a new partner into a spare row
    widget.rows[6][1].value = "1"
    widget.rows[6][2].value = "900"
    widget.rows[6][3].value = "3"
    widget.rows[6][4].value = "5"
    before = widget.records()
    _upload(widget)
    assert [row["partner"] for row in _filled(widget)] == ["A", "B"]
    assert "Your 2 partnerships" in widget.report.value
    note = widget.load_note.value
    assert "Loaded 2 partners from firm.csv" in note
    assert "This replaced 7 rows that were in the table, 2 of them typed or changed by you" in note
    assert widget.undo_button.layout.display is None  # shown
    widget.undo_button.click()
    assert widget.records() == before  # exactly as typed, spare rows included
    assert "Your 7 partnerships" in widget.report.value
    assert widget.undo_button.layout.display == "none"
    assert "Your rows are back" in widget.load_note.value


def test_loading_into_an_empty_table_replaces_nothing_and_offers_no_undo():
    widget = AuditWidget()
    _upload(widget)
    assert [row["partner"] for row in _filled(widget)] == ["A", "B"]
    assert widget.load_note.value == "<small>Loaded 2 partners from firm.csv.</small>"
    assert widget.undo_button.layout.display == "none"


def test_loading_over_the_untouched_example_counts_no_typed_rows():
    widget = AuditWidget(example_audit())
    _upload(widget)
    note = widget.load_note.value
    assert f"This replaced {len(example_audit())} rows that were in the table." in note
    assert "typed" not in note


def test_a_file_that_cannot_be_read_keeps_the_table_and_the_same_file_loads_again():
    widget = AuditWidget(example_audit())
    before = widget.records()
    _upload(widget, b"\xff\xfe\x00", "photo.csv")
    assert widget.records() == before
    assert widget.undo_button.layout.display == "none"
    assert widget.upload.value == ()  # cleared: choosing the same file again loads it
    _upload(widget)
    _upload(widget)  # a second load replaces the first load's rows
    assert [row["partner"] for row in _filled(widget)] == ["A", "B"]
    assert "This replaced 2 rows that were in the table, 2 of them typed" in widget.load_note.value
    widget.undo_load()
    assert [row["partner"] for row in _filled(widget)] == ["A", "B"]
