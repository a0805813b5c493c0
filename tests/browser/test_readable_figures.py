"""What a student sees at a small laptop's width (1024 px, file browser open): the partner
audit's header sits over its cells, plots take the width of their cell, and no modebar
offers to upload a chart to Plotly's cloud."""

from __future__ import annotations

from tests.browser.lab import PLOT
from tests.browser.test_notebooks import assert_no_errors, needs_notebook, run_notebook

# Left edge and width of each header label and of each cell of the audit's first row.
AUDIT_COLUMNS = """(audit) => {
    const grid = audit.querySelector('.widget-gridbox');
    const boxes = [...grid.children].map(c => c.getBoundingClientRect());
    const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').length;
    return {columns, header: boxes.slice(0, columns).map(b => [b.left, b.width]),
            cells: boxes.slice(columns, 2 * columns).map(b => [b.left, b.width]),
            overflow: grid.scrollWidth - grid.clientWidth};
}"""

PLOT_WIDTHS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
    const out = el.closest('.jp-OutputArea-output');
    return [el._fullLayout ? el._fullLayout.width : 0, out.getBoundingClientRect().width];
})"""

MODEBAR = """() => [...document.querySelectorAll('.js-plotly-plot .modebar-btn')]
    .map(b => b.getAttribute('data-title'))"""


@needs_notebook("04_over_collaboration.ipynb")
def test_audit_columns_line_up_plots_fill_their_cells_and_nothing_uploads(
    page, lab_server, kernel_errors
):
    page.set_viewport_size({"width": 1024, "height": 800})
    run_notebook(page, lab_server, "04_over_collaboration.ipynb")
    audit = page.locator(".collabkit-audit").first
    audit.scroll_into_view_if_needed()
    layout = audit.evaluate(AUDIT_COLUMNS)
    assert layout["columns"] == 6
    for (head_left, head_width), (cell_left, cell_width) in zip(
        layout["header"], layout["cells"], strict=True
    ):
        assert abs(head_left - cell_left) < 1 and abs(head_width - cell_width) < 1
    assert layout["overflow"] <= 0  # the table fits: no column hides behind a scroll bar
    for plot in page.locator(PLOT).all():  # scrolled into view, each plot sizes itself
        plot.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    for plot_width, cell_width in page.evaluate(PLOT_WIDTHS):
        assert plot_width >= cell_width - 2, (plot_width, cell_width)
    titles = page.evaluate(MODEBAR)
    assert titles and "Share chart..." not in titles
    assert not any("Chart Studio" in t or "cloud" in t.lower() for t in titles)
    assert_no_errors(page, kernel_errors)
