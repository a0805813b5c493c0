"""One student on the hub in Chromium: log in, follow the link, Run All, answer, save.

This is the whole path a student takes, with nothing done for them: the hub's login form,
the nbgitpuller link (which starts their server and clones the course), JupyterLab's Run
All, a question widget's text box and "Check answer" button, and Ctrl+S.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.lab import (
    CHROMIUM_FLAGS,
    VIEWPORT,
    check_typed,
    dismiss_news,
    find_chromium,
    question_widget,
    render_all_cells,
    run_all_cells,
    wait_until_idle,
)
from tests.hub.hub import PASSWORD

SAVED = ".jp-mod-dirty"


def browser_student(
    hub_url: str, user: str, link: str, answers: dict[str, str], screenshot: Path | None = None
) -> str:
    """Do the term as ``user`` in headless Chromium; returns the feedback text of the last
    question answered.

    Parameters
    ----------
    hub_url
        The hub's public address.
    user
        The name to log in with (the dummy authenticator accepts any, with the password).
    link
        The nbgitpuller link, relative to ``hub_url``.
    answers
        Question id → the text to type into its widget.
    screenshot
        Where to save a screenshot of the notebook after answering (optional).
    """
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium is not installed (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{hub_url}/hub/login")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", PASSWORD)
            page.click("input[type=submit], button[type=submit]")
            page.wait_for_url("**/user/**", timeout=120_000)
            page.goto(f"{hub_url}{link}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=180_000)
            wait_until_idle(page, 120_000)
            dismiss_news(page)
            render_all_cells(page)
            run_all_cells(page, 180_000)
            feedback = ""
            for question_id, text in answers.items():
                feedback = check_typed(question_widget(page, question_id), text).inner_text()
            page.keyboard.press("Control+s")
            page.wait_for_function(f"() => !document.querySelector('{SAVED}')", timeout=30_000)
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=False)
            return feedback
        finally:
            browser.close()
