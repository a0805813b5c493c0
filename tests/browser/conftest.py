"""Browser-test fixtures: one JupyterLab server and one Chromium per test session, a fresh
browser context (and no leftover kernels or answers) per test."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.lab import (
    ARTIFACTS,
    CHROMIUM_FLAGS,
    NOTEBOOKS,
    VIEWPORT,
    KernelErrors,
    LabServer,
    LabStartError,
    find_chromium,
    start_lab,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test in tests/browser is a ``browser`` test (``-m "not browser"`` skips them)."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium not found: CI must install Debian's chromium package")
        pytest.skip("Chromium not found: install Debian's 'chromium' package to run browser tests")
    return path


@pytest.fixture(scope="session")
def lab_server(chromium_path, tmp_path_factory) -> LabServer:
    """JupyterLab serving a copy of notebooks/ (``root``), with all state in a temp dir."""
    try:
        server = start_lab(NOTEBOOKS, tmp_path_factory.mktemp("lab"))
    except LabStartError as err:
        pytest.fail(str(err), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    # Chromium keeps crash reports and a dconf cache under XDG folders: not in our home.
    home = tmp_path_factory.mktemp("chromium")
    env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS, env=env
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, lab_server, request):
    """A page in its own browser context (1280x1000).

    Afterwards: on failure a screenshot goes to test-artifacts/<test name>.png; then the
    context closes and the server is reset (kernel sessions deleted, saved answers and
    notebook copies restored), so tests do not depend on each other's order.
    """
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as err:  # a crashed page must not hide the real failure
                print(f"no screenshot for {name}: {err}")
        context.close()
        lab_server.reset()


@pytest.fixture
def kernel_errors(page) -> KernelErrors:
    """Errors the kernel sends to ``page`` (also those of widget callbacks, which no cell
    shows). Request it before opening a notebook."""
    return KernelErrors(page)
