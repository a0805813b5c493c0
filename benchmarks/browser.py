"""What a student's browser meets: every notebook run in JupyterLab in headless Chromium.

``make bench-browser`` (``python -m benchmarks.browser``). For each notebook, and for a
baseline notebook with the same imports and one static ``go.Figure`` (run in the same
session, so the ratios hold on a busy machine too):

* the bytes the browser receives over the kernel's websocket while the notebook opens and
  runs (plotly's FigureWidget sent ~5 MB of plotly.js per figure);
* seconds from Run All to the first drawn plot, and to an idle kernel, and the first
  plot's time as a ratio to the baseline's;
* the median time from a key press on an explorer's slider to its redrawn plot;
* the kernel's peak memory (VmHWM) after Run All.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import print_table
from tests.browser.lab import (
    CHROMIUM_FLAGS,
    NOTEBOOKS,
    PLOT,
    SLIDER_HANDLE,
    VIEWPORT,
    find_chromium,
    open_notebook,
    press_and_watch_plot,
    run_all_cells,
    start_lab,
    wait_until_idle,
)

BASELINE = "baseline.ipynb"
#: Key presses per slider measurement.
PRESSES = 10
#: A drawn plot (plotly has made its SVG), as opposed to an empty widget.
DRAWN = f"{PLOT} .main-svg"


#: Note when Run All is clicked and when the first plot is drawn (performance.now(), ms).
WATCH_FIRST_PLOT = """() => {
    window.__ckFirstPlot = null;
    const observer = new MutationObserver(() => {
        if (document.querySelector('__DRAWN__')) {
            window.__ckFirstPlot = performance.now();
            observer.disconnect();
        }
    });
    observer.observe(document.body, {subtree: true, childList: true});
    window.__ckRunClick = performance.now();
}""".replace("__DRAWN__", DRAWN)


def baseline_notebook() -> dict:
    """The course's first cell, then one static plotly figure."""
    first = json.loads((NOTEBOOKS / "01_fundamentals.ipynb").read_text(encoding="utf-8"))
    imports = next(c for c in first["cells"] if c["cell_type"] == "code")
    figure = {
        "cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
        "source": "import plotly.graph_objects as go\n\ngo.Figure(go.Scatter(x=[1, 2, 3], "
        "y=[2, 1, 3]), layout_title_text='Baseline')",
    }  # fmt: skip
    return {**first, "cells": [{**imports, "outputs": [], "execution_count": None}, figure]}


def kernel_peak_mb(server) -> float | None:
    """Peak resident memory of the notebook's kernel (the newest kernel), in MB."""
    kernels = server.api("kernels")
    if not kernels:
        return None
    newest = max(kernels, key=lambda k: k["last_activity"])["id"]
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            command = (status.parent / "cmdline").read_bytes()
            if f"kernel-{newest}".encode() in command:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return None


def measure(page, server, name: str) -> dict[str, float | None]:
    received = [0]

    def count(socket):
        if "/api/kernels/" in socket.url:
            socket.on("framereceived", lambda payload: received.__setitem__(
                0, received[0] + len(payload)))  # fmt: skip

    page.on("websocket", count)
    open_notebook(page, server, name)
    started = time.monotonic()
    page.evaluate(WATCH_FIRST_PLOT)
    run_all_cells(page)
    idle = time.monotonic() - started
    page.wait_for_function("() => window.__ckFirstPlot !== null", timeout=60_000)
    first = page.evaluate("() => (window.__ckFirstPlot - window.__ckRunClick) / 1000")
    latencies = []
    explorer = page.locator(".collabkit-explorer").filter(has=page.locator(SLIDER_HANDLE)).first
    if explorer.count():
        explorer.scroll_into_view_if_needed()
        plot = explorer.locator(PLOT).first
        handle = explorer.locator(SLIDER_HANDLE).first
        for _ in range(PRESSES):
            latencies.append(press_and_watch_plot(page, plot, handle).latency_ms)
            wait_until_idle(page)
    page.remove_listener("websocket", count)
    return {
        "megabytes": received[0] / 1e6,
        "first_plot": first,
        "idle": idle,
        "slider_ms": statistics.median(x for x in latencies if x is not None)
        if latencies
        else None,
        "kernel_mb": kernel_peak_mb(server),
    }


def run() -> list[tuple[str, str, str]]:
    chromium = find_chromium()
    if chromium is None:
        return [("browser benchmark", "skipped", "needs Debian's chromium")]
    from playwright.sync_api import sync_playwright

    names = [BASELINE, *sorted(p.name for p in NOTEBOOKS.glob("0[1-4]_*.ipynb"))]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        server = start_lab(NOTEBOOKS, Path(tmp))
        (server.root / BASELINE).write_text(json.dumps(baseline_notebook()), encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
                )
                for name in names:
                    print(f"  {name} …", file=sys.stderr, flush=True)
                    context = browser.new_context(viewport=VIEWPORT)
                    results[name] = measure(context.new_page(), server, name)
                    context.close()
                    server.delete_sessions()
                browser.close()
        finally:
            server.stop()
    base = results[BASELINE]["first_plot"] or float("nan")
    rows = []
    for name, r in results.items():
        label = "baseline (imports + one go.Figure)" if name == BASELINE else name[:-6]
        slider = "" if r["slider_ms"] is None else f", slider→plot {r['slider_ms']:.0f} ms"
        memory = "" if r["kernel_mb"] is None else f", kernel peak {r['kernel_mb']:.0f} MB"
        rows.append((
            f"{label}: websocket", f"{r['megabytes']:.2f} MB", "≤ 6 MB (goal ≤ 1 MB)"))  # fmt: skip
        rows.append((
            f"{label}: first plot after Run All",
            f"{r['first_plot']:.1f} s ({r['first_plot'] / base:.2f}× baseline)",
            "≤ 1.5× baseline"))  # fmt: skip
        rows.append((f"{label}: idle after Run All", f"{r['idle']:.1f} s{slider}{memory}",
                     "slider ≤ 150 ms"))  # fmt: skip
    return rows


def main() -> int:
    print_table(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
