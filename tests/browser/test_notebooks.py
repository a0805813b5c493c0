"""A student's view of the notebooks in JupyterLab: plots render and respond, questions
give feedback, and saved notebooks carry the answer records."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from collabkit.assess.records import MIME_TYPE
from tests.browser.lab import open_notebook, run_all_cells, tracebacks

LINE_PATH = ".js-plotly-plot .scatterlayer path.js-line"

WATCH_LINES = """
(root) => {
    const lines = () => [...root.querySelectorAll('.scatterlayer path.js-line')]
        .map(p => p.getAttribute('d')).join('|');
    window.__redraw = null;
    window.__before = lines();
    new MutationObserver(() => {
        if (window.__redraw === null && lines() !== window.__before) {
            window.__redraw = performance.now();
        }
    }).observe(root, {subtree: true, attributes: true, childList: true});
    document.addEventListener('keydown', () => { window.__keydown = performance.now(); },
                              {capture: true, once: true});
}
"""


def run_notebook(page: Page, server, name: str) -> None:
    open_notebook(page, server, name)
    run_all_cells(page, name)
    assert tracebacks(page) == []


def test_start_here_runs_and_shows_questions_and_a_plot(page, lab_server):
    run_notebook(page, lab_server, "00_start_here.ipynb")
    assert page.locator(".collabkit-question").count() == 3
    page.locator(LINE_PATH).first.wait_for(timeout=60_000)
    expect(page.locator(".collabkit-explorer-summary").first).to_contain_text("each pays")


def test_fundamentals_slider_redraws_the_plot(page, lab_server):
    run_notebook(page, lab_server, "01_fundamentals.ipynb")
    explorer = page.locator(".collabkit-explorer").first
    explorer.scroll_into_view_if_needed()
    explorer.locator(LINE_PATH).first.wait_for(timeout=60_000)
    summary = explorer.locator(".collabkit-explorer-summary")
    before = summary.inner_text()
    explorer.evaluate(WATCH_LINES)
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.__redraw !== null", timeout=10_000)
    latency = page.evaluate("() => window.__redraw - window.__keydown")
    print(f"\nslider to redraw: {latency:.0f} ms")
    expect(summary).not_to_have_text(before)


def test_fundamentals_question_gives_feedback_and_is_saved(page, lab_server):
    run_notebook(page, lab_server, "01_fundamentals.ipynb")
    question = page.locator(".collabkit-question:has(.widget-radio-box)").first
    question.scroll_into_view_if_needed()
    feedback = question.locator(".collabkit-feedback")
    assert feedback.inner_text().strip() == ""
    radios = question.locator(".widget-radio-box input[type=radio]")

    radios.nth(0).check()
    question.locator("button.widget-button", has_text="Check answer").click()
    expect(feedback).to_contain_text("Not yet")
    expect(feedback).to_contain_text("Hint")

    radios.nth(1).check()
    question.locator("button.widget-button", has_text="Check answer").click()
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text("Attempt 2")

    page.keyboard.press("Control+s")
    saved = lab_server.root / "01_fundamentals.ipynb"
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=10_000)
    notebook = json.loads(saved.read_text(encoding="utf-8"))
    bundles = [
        o["data"][MIME_TYPE]
        for cell in notebook["cells"]
        for o in cell.get("outputs", [])
        if MIME_TYPE in o.get("data", {})
    ]
    (answered,) = [b for b in bundles if b["records"]]
    assert answered["question_id"] == "01.what.definition"
    assert [r["answer"] for r in answered["records"]] == ["a", "b"]
