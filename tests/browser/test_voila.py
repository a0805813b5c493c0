"""The course as web pages: each notebook served by Voila, loaded ten times in Chromium,
and every explorer's plot redraws when its slider moves, on every load.

Plots used to stop responding on some Voila page loads (plotly's FigureWidget failed to
initialise now and then); the kit's own plot widget must work on every load.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.lab import (
    NOTEBOOKS,
    PLOT,
    SLIDER_HANDLE,
    VIEWPORT,
    free_port,
    jupyter_environment,
    press_and_watch_plot,
)

LOADS = 10
COURSE = sorted(p.name for p in NOTEBOOKS.glob("0[1-4]_*.ipynb"))


@pytest.fixture(scope="module")
def voila(chromium_path, tmp_path_factory) -> Iterator[str]:
    """Voila serving a copy of notebooks/ on 127.0.0.1, all Jupyter state in a temp dir;
    yields its base URL."""
    work = tmp_path_factory.mktemp("voila")
    root = work / "notebooks"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".*"))
    env = jupyter_environment(work / "jupyter", work / "answers")
    port = free_port()
    log = (work / "voila.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", str(root)],
        env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"Voila did not start: {Path(log.name).read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.mark.parametrize("notebook", COURSE)
def test_every_explorer_redraws_on_every_load(browser, voila, notebook):
    redrawn = []
    for _ in range(LOADS):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        try:
            page.goto(f"{voila}/voila/render/{notebook}", timeout=120_000)
            page.wait_for_selector(".collabkit-explorer", timeout=120_000)
            explorers = page.locator(".collabkit-explorer").filter(has=page.locator(SLIDER_HANDLE))
            assert explorers.count() > 0
            moved = 0
            for explorer in explorers.all():
                explorer.scroll_into_view_if_needed()
                explorer.locator(f"{PLOT} .main-svg").first.wait_for(timeout=60_000)
                redraw = press_and_watch_plot(
                    page, explorer.locator(PLOT).first, explorer.locator(SLIDER_HANDLE).first
                )
                moved += redraw.after != redraw.before
            redrawn.append((moved, explorers.count()))
        finally:
            context.close()
    assert all(moved == total for moved, total in redrawn), redrawn
