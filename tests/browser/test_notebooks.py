"""A student's view of the course notebooks in JupyterLab: after Run All there is no
traceback, plots respond to sliders, and questions give feedback when checked."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from collabkit.assess.records import MIME_TYPE
from collabkit.course import get_question
from collabkit.models.net_benefit import NetBenefit
from tests.browser.lab import (
    NOTEBOOKS,
    PLOT,
    RADIO,
    SLIDER_HANDLE,
    KernelErrors,
    LabServer,
    open_notebook,
    plot_shapes,
    press_and_watch_plot,
    run_all_cells,
    tracebacks,
)

# An explorer: one widget output holding both a slider and a plotly plot.
EXPLORER = f".jp-OutputArea-output:has(.widget-slider):has({PLOT})"
QUESTION = ".collabkit-question"
FEEDBACK = ".collabkit-feedback"


def needs_notebook(name: str) -> pytest.MarkDecorator:
    """Skip (without starting a server) while notebooks/``name`` is not written yet."""
    missing = not (NOTEBOOKS / name).is_file()
    return pytest.mark.skipif(missing, reason=f"notebooks/{name} is not written yet")


def run_notebook(page: Page, server: LabServer, name: str) -> None:
    """Open ``name``, run all cells, wait until done, and fail on any traceback."""
    if not (NOTEBOOKS / name).is_file():
        pytest.skip(f"notebooks/{name} is not written yet")
    open_notebook(page, server, name)
    run_all_cells(page)
    assert_no_errors(page)


def first_explorer(page: Page):
    """The notebook's first collabkit explorer and its plot, scrolled into view and drawn."""
    explorer = page.locator(".collabkit-explorer").first
    explorer.scroll_into_view_if_needed()
    plot = explorer.locator(PLOT).first
    plot.locator(".trace").first.wait_for(timeout=60_000)
    return explorer, plot


def assert_no_errors(page: Page, kernel_errors: KernelErrors | None = None) -> None:
    """No output shows a traceback, and no widget callback raised (those show in no cell)."""
    shown = tracebacks(page)
    assert not shown, "an output shows a traceback:\n" + "\n\n".join(shown)
    if kernel_errors is not None:
        assert kernel_errors.messages == [], "the kernel reported errors"


@needs_notebook("00_start_here.ipynb")
def test_start_here_runs_and_shows_a_question(page, lab_server, kernel_errors):
    run_notebook(page, lab_server, "00_start_here.ipynb")
    expect(page.locator(QUESTION).first).to_be_visible()
    check = page.locator(f"{QUESTION} button.widget-button", has_text="Check answer")
    expect(check.first).to_be_visible()
    assert_no_errors(page, kernel_errors)


@needs_notebook("01_fundamentals.ipynb")
def test_fundamentals_slider_redraws_and_question_gives_feedback(page, lab_server, kernel_errors):
    run_notebook(page, lab_server, "01_fundamentals.ipynb")
    assert page.locator(PLOT).count() >= 1
    assert page.locator(".widget-slider").count() >= 1

    # The first explorer: one step of its first slider redraws its plot.
    explorer = page.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    plot = explorer.locator(PLOT).first
    plot.locator(".trace").first.wait_for(timeout=60_000)
    redraw = press_and_watch_plot(page, plot, explorer.locator(SLIDER_HANDLE).first)
    assert redraw.after != redraw.before
    print(f"\n01 first explorer: slider keydown -> redrawn plot {redraw.latency_ms:.0f} ms")

    # The first question: feedback is empty until the student checks an answer.
    question = page.locator(QUESTION).first
    question.scroll_into_view_if_needed()
    feedback = question.locator(FEEDBACK)
    assert feedback.inner_text().strip() == ""
    radios = question.locator(RADIO)
    if radios.count():
        radios.first.check()
    question.locator("button.widget-button", has_text="Check answer").click()
    expect(feedback).to_have_text(re.compile(r"\S"))
    assert_no_errors(page, kernel_errors)


@needs_notebook("01_fundamentals.ipynb")
def test_checked_answers_are_saved_in_the_notebook_file(page, lab_server, kernel_errors):
    """A wrong then a right answer: the feedback says why, and after saving, the .ipynb on
    disk holds both attempts as answer records (what the instructor will grade)."""
    run_notebook(page, lab_server, "01_fundamentals.ipynb")
    question = page.locator(f"{QUESTION}:has(.widget-radio-box)").first
    question.scroll_into_view_if_needed()
    feedback = question.locator(FEEDBACK)
    check = question.locator("button.widget-button", has_text="Check answer")
    # options are shown in a per-student order: pick them by their text
    shown = get_question(question.locator("b").first.inner_text().strip())
    wrong = next(text for key, text in shown.options.items() if key != shown.key)
    question.get_by_label(wrong, exact=True).check()
    check.click()
    expect(feedback).to_contain_text("Not yet")
    expect(feedback).to_contain_text("Hint")
    question.get_by_label(shown.options[shown.key], exact=True).check()
    check.click()
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text("Attempt 2")

    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=10_000)
    saved = json.loads((lab_server.root / "01_fundamentals.ipynb").read_text(encoding="utf-8"))
    bundles = [
        output["data"][MIME_TYPE]
        for cell in saved["cells"]
        for output in cell.get("outputs", [])
        if MIME_TYPE in output.get("data", {})
    ]
    (answered,) = [bundle for bundle in bundles if bundle["records"]]
    assert answered["question_id"] == "01.what.definition"
    assert [r["answer"] for r in answered["records"]] == ["a", "b"]
    assert [r["attempt"] for r in answered["records"]] == [1, 2]
    assert_no_errors(page, kernel_errors)


@needs_notebook("02_network_design.ipynb")
def test_network_design_structure_change_redraws_the_network(page, lab_server, kernel_errors):
    run_notebook(page, lab_server, "02_network_design.ipynb")
    explorer, plot = first_explorer(page)
    before = plot_shapes(plot)
    summary = explorer.locator(".collabkit-explorer-summary")
    expect(summary).to_contain_text("centralisation 1.00")  # hub-and-spoke to start with
    explorer.locator("select").first.select_option("mesh")
    expect(summary).to_contain_text("centralisation 0.00")
    for _ in range(100):  # the new network is drawn within a few hundred ms
        if plot_shapes(plot) != before:
            break
        page.wait_for_timeout(100)
    assert plot_shapes(plot) != before
    assert_no_errors(page, kernel_errors)


@needs_notebook("03_platform_economy.ipynb")
def test_platform_lever_moves_the_trajectory_plot_and_label(page, lab_server, kernel_errors):
    run_notebook(page, lab_server, "03_platform_economy.ipynb")
    explorer, plot = first_explorer(page)
    summary = explorer.locator(".collabkit-explorer-summary")
    expect(summary).to_contain_text("Drifting")  # the balanced start: no partners
    redraw = press_and_watch_plot(page, plot, explorer.locator(SLIDER_HANDLE).first, key="End")
    assert redraw.after != redraw.before
    expect(summary).to_contain_text("Platform Trap")  # everything on platforms
    assert_no_errors(page, kernel_errors)


@needs_notebook("04_over_collaboration.ipynb")
def test_over_collaboration_slider_moves_the_decomposition_and_audit_reports(
    page, lab_server, kernel_errors
):
    run_notebook(page, lab_server, "04_over_collaboration.ipynb")
    explorer, plot = first_explorer(page)
    summary = explorer.locator(".collabkit-explorer-summary")
    expect(summary).to_contain_text(f"Best: {NetBenefit().optimum()} partners")
    coordination = explorer.locator(SLIDER_HANDLE).nth(2)  # cost of one line of coordination
    redraw = press_and_watch_plot(page, plot, coordination, key="End")
    assert redraw.after != redraw.before
    dearest = NetBenefit(coordination_cost=5_000).optimum()  # the slider's maximum
    expect(summary).to_contain_text(f"Best: {dearest} partners")

    audit = page.locator(".collabkit-audit").first
    audit.scroll_into_view_if_needed()
    cells = audit.locator(".widget-text input")
    columns = 6
    for index in range(cells.count()):
        cells.nth(index).fill("")
    small_table = [
        ("Mill", "3", "20000", "5", "20", "6"),
        ("Printer", "6", "1500", "1", "0", ""),
    ]
    for row, values in enumerate(small_table):
        for column, value in enumerate(values):
            cells.nth(row * columns + column).fill(value)
    audit.get_by_role("button", name="Run the audit").click()
    report = audit.locator(".collabkit-audit-report")
    expect(report).to_contain_text("Your 2 partnerships")
    expect(report).to_contain_text("Printer (fit 1)")
    cells.nth(1).fill("lots")
    audit.get_by_role("button", name="Run the audit").click()
    expect(report).to_contain_text('Row 1 (Mill), column "Hours per month (h)"')
    assert_no_errors(page, kernel_errors)
