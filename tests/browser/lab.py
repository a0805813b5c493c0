"""Drive JupyterLab in headless Chromium: start a server, open and run notebooks.

Chromium's launch flags and JupyterLab's selectors are kept here, next to the code that
uses them. Everything here works on a *copy* of the notebooks with every Jupyter folder
redirected to a temporary directory, so a test never writes into the repository or the
user's home.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from playwright.sync_api import TimeoutError as PlaywrightTimeout

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 1000}

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"  # screenshots of failed tests (git-ignored)

# Selectors of the JupyterLab page elements the browser tests read or click.
CELL = ".jp-Notebook .jp-Cell"
PLOT = ".js-plotly-plot"
LINE = ".js-plotly-plot .scatterlayer path.js-line"
SLIDER_HANDLE = ".widget-slider .noUi-handle"
RADIO = ".widget-radio-box input[type=radio]"
QUESTION = ".collabkit-question"
FEEDBACK = ".collabkit-feedback"
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
TOAST_NO = '.jp-toast-button:has-text("No")'


def find_chromium() -> str | None:
    """Debian's chromium (Playwright cannot download its own browser here)."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the server ---------------------------------------------------------------------------


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 serving a copy of the notebooks in ``root``."""

    root: Path
    source: Path
    answers: Path
    port: int
    token: str
    process: subprocess.Popen
    log: Path
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str) -> str:
        """``name`` opened in a fresh workspace.

        ``/lab/tree/NAME`` would reuse the saved default workspace and so reopen (and start
        kernels for) every notebook an earlier test left open.
        """
        workspace = f"test-{secrets.token_hex(4)}"
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{name}?token={self.token}"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        """Shut down every kernel session (kernels outlive the page that started them)."""
        for session in self.api("sessions"):
            try:
                self.api(f"sessions/{session['id']}", method="DELETE")
            except urllib.error.HTTPError as err:
                if err.code != 404:  # already gone
                    raise

    def reset(self) -> None:
        """Back to a fresh state between tests: no kernels, no saved answers, and the
        notebooks as in the repository (a test may have saved its copy)."""
        self.delete_sessions()
        shutil.rmtree(self.answers, ignore_errors=True)
        self.answers.mkdir(parents=True)
        if self.source.is_dir():
            shutil.copytree(self.source, self.root, dirs_exist_ok=True, ignore=_IGNORE)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self._log_file is not None:
            self._log_file.close()


_IGNORE = shutil.ignore_patterns(".collabkit", ".ipynb_checkpoints", "__pycache__")


class LabStartError(RuntimeError):
    pass


def jupyter_environment(state: Path, answers: Path) -> dict[str, str]:
    """This process's environment with every Jupyter folder a server writes moved below
    ``state`` and the kit's answers into ``answers`` (recorded as "anonymous")."""
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(state / "config"),
        # Only the *user* data folder moves: kernelspecs and lab extensions are found in
        # sys.prefix/share/jupyter, which stays on the path (checked by the harness test).
        JUPYTER_DATA_DIR=str(state / "data"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        IPYTHONDIR=str(state / "ipython"),
        COLLABKIT_ANSWERS_DIR=str(answers),
    )
    env.pop("JUPYTERHUB_USER", None)
    return env


def start_lab(notebooks: Path, workdir: Path, timeout: float = 60) -> LabServer:
    """Copy ``notebooks`` to ``workdir`` and serve the copy; wait until ``/api`` answers."""
    root = workdir / "notebooks"
    if notebooks.is_dir():
        shutil.copytree(notebooks, root, ignore=_IGNORE)
    else:
        root.mkdir(parents=True)
    state, answers = workdir / "jupyter", workdir / "answers"
    answers.mkdir()
    env = jupyter_environment(state, answers)
    _write_lab_settings(state / "settings")
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
        f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = workdir / "jupyterlab.log"
    log_file = log.open("wb")
    process = subprocess.Popen(
        command, env=env, cwd=root, stdout=log_file, stderr=subprocess.STDOUT
    )
    server = LabServer(root, notebooks, answers, port, token, process, log, log_file)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{server.base_url}/api", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.25)
    code = process.poll()
    server.stop()
    why = f"exited with code {code}" if code is not None else f"did not answer in {timeout:g} s"
    raise LabStartError(f"JupyterLab {why}. Log tail:\n{server.log_tail()}")


def _write_lab_settings(settings: Path) -> None:
    """Attach every cell to the DOM (no windowing) and never fetch news or updates."""
    files = {
        "notebook-extension/tracker": {"windowingMode": "none"},
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    for name, values in files.items():
        path = settings / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


# -- the page -----------------------------------------------------------------------------

# True once the open notebook's kernel is connected and idle, and no cell is queued or
# running. The DOM indicator alone is not enough: it also reads "idle" while a notebook
# without a kernel shows the "Select Kernel" dialog.
IDLE = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    if (!panel) return false;
    const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
    if (indicator && indicator.getAttribute('data-status') !== 'idle') return false;
    const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    if (prompts.some(p => p.textContent.includes('[*]'))) return false;
    const app = window.jupyterapp;
    if (!app) return !!indicator;
    const widget = app.shell.currentWidget;
    const kernel = widget && widget.sessionContext && widget.sessionContext.session
        && widget.sessionContext.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

# Set window.__ckRunStarted once any code cell of the open notebook shows "[*]".
WATCH_RUN_START = """() => {
    window.__ckRunStarted = false;
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const running = () => [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .some(p => p.textContent.includes('[*]'));
    const observer = new MutationObserver(() => {
        if (running()) { window.__ckRunStarted = true; observer.disconnect(); }
    });
    observer.observe(panel, {subtree: true, childList: true, characterData: true});
}"""


def open_notebook(page: Page, server: LabServer, name: str, timeout_ms: int = 60_000) -> None:
    """Open ``name`` (a path under the server root) and wait until its kernel is idle."""
    page.goto(server.notebook_url(name))
    page.wait_for_selector(CELL, timeout=timeout_ms)
    try:
        page.wait_for_function(IDLE, timeout=timeout_ms)
    except Exception:
        dialog = page.locator(".jp-Dialog")
        if dialog.count():  # e.g. "Select Kernel" for a notebook without kernelspec
            raise AssertionError(
                f"JupyterLab shows a dialog: {dialog.first.inner_text()}"
            ) from None
        raise
    dismiss_news(page)
    render_all_cells(page)


def dismiss_news(page: Page) -> None:
    """Answer "No" to the "fetch news?" toast if it shows (the settings should prevent it)."""
    button = page.locator(TOAST_NO)
    if button.count():
        button.first.click()


CELL_COUNTS = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const app = window.jupyterapp;
    const widget = app && app.shell.currentWidget;
    const model = widget && widget.content && widget.content.model;
    return {dom: panel ? panel.querySelectorAll('.jp-Cell').length : 0,
            model: model ? model.cells.length : null};
}"""

SCROLL_DOWN = """() => {
    const outer = document.querySelector(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
    if (!outer) return true;
    outer.scrollTop += outer.clientHeight * 0.8;
    return outer.scrollTop + outer.clientHeight >= outer.scrollHeight - 2;
}"""


def cell_counts(page: Page) -> dict[str, int | None]:
    """Cells attached to the DOM, and cells in the notebook model."""
    return page.evaluate(CELL_COUNTS)


def render_all_cells(page: Page) -> None:
    """Make sure every cell is attached to the DOM.

    The server's settings turn windowing off (``windowingMode: none``), so this normally
    only checks; if cells are virtualised anyway, it scrolls through the notebook once so
    JupyterLab attaches them, then back to the top.
    """
    counts = cell_counts(page)
    if counts["model"] is None or counts["dom"] >= counts["model"]:
        return
    for _ in range(500):
        if page.evaluate(SCROLL_DOWN):
            break
        page.wait_for_timeout(50)
    page.locator(CELL).first.scroll_into_view_if_needed()


def run_all_cells(page: Page, timeout_ms: int = 90_000) -> None:
    """Run → Run All Cells, then wait until every code cell has finished."""
    page.evaluate(WATCH_RUN_START)
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
    # Wait for the run to start first, or the old prompts of a saved notebook would
    # already look finished.
    page.wait_for_function("() => window.__ckRunStarted", timeout=timeout_ms)
    wait_until_idle(page, timeout_ms)


def wait_until_idle(page: Page, timeout_ms: int = 90_000) -> None:
    """Wait until no cell is queued or running and the kernel is idle."""
    page.wait_for_function(IDLE, timeout=timeout_ms)


class KernelErrors:
    """Errors the kernel reports to the page, read from the kernel websocket.

    An exception raised in a widget callback (a slider's ``observe``, a button's
    ``on_click``) shows in no cell: JupyterLab only lights up its log console. Create this
    before opening the notebook; ``messages`` lists ``"ename: evalue (in reply to ...)"``.
    """

    _IS_ERROR = re.compile(r'"msg_type":\s*"error"')
    _FIELDS = {key: re.compile(rf'"{key}":\s*"((?:[^"\\]|\\.)*)"') for key in ("ename", "evalue")}
    _MSG_TYPE = re.compile(r'"msg_type":\s*"(\w+)"')

    def __init__(self, page: Page) -> None:
        self.messages: list[str] = []
        page.on("websocket", lambda socket: socket.on("framereceived", self._on_frame))

    def _on_frame(self, payload: str | bytes) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if not self._IS_ERROR.search(text):
            return
        # The message's own header comes first, then its parent's.
        kinds = self._MSG_TYPE.findall(text, 0, 4096)
        if not kinds or kinds[0] != "error":
            return
        found = {key: pattern.search(text) for key, pattern in self._FIELDS.items()}
        ename, evalue = (m.group(1) if m else "?" for m in found.values())
        parent = kinds[1] if len(kinds) > 1 else "?"
        self.messages.append(f"{ename}: {evalue} (in reply to {parent})")


def tracebacks(page: Page) -> list[str]:
    """Text of every output (stderr, error, or inside a widget) that shows a traceback."""
    texts = page.locator(".jp-OutputArea-output").all_inner_texts()
    return [text for text in texts if "Traceback" in text]


# -- plots --------------------------------------------------------------------------------

# The shapes of a plot's traces: the ``d`` of its lines, markers and bars.
SHAPES = """(plot) => [...plot.querySelectorAll(
    '.scatterlayer path.js-line, .scatterlayer path.point, .barlayer path')]
    .map(p => p.getAttribute('d')).join('|')"""

# Watch one plot: record the time of the next keydown (capture phase) and the first time
# its trace shapes differ from now.
WATCH_PLOT = """(plot) => {
    const shapes = __SHAPES__;
    const before = shapes(plot);
    const watch = {before, keydown: null, redraw: null};
    window.__ckWatch = watch;
    document.addEventListener('keydown', () => { watch.keydown = performance.now(); },
                              {capture: true, once: true});
    const observer = new MutationObserver(() => {
        if (shapes(plot) !== before) {
            watch.redraw = performance.now();
            observer.disconnect();
        }
    });
    observer.observe(plot, {subtree: true, childList: true, attributes: true,
                            attributeFilter: ['d']});
    return before;
}""".replace("__SHAPES__", SHAPES)


@dataclass
class Redraw:
    """A plot before and after a key press, and the time from keydown to the redraw."""

    before: str
    after: str
    latency_ms: float | None


def plot_shapes(plot: Locator) -> str:
    return plot.evaluate(SHAPES)


def press_and_watch_plot(
    page: Page, plot: Locator, handle: Locator, key: str | None = None, timeout_ms: int = 10_000
) -> Redraw:
    """Focus a slider ``handle``, press ``key`` (default: one step towards the free side)
    and wait until ``plot``'s traces change."""
    key = key or step_key(handle)
    before = plot.evaluate(WATCH_PLOT)
    handle.focus()
    page.keyboard.press(key)
    try:
        page.wait_for_function("() => window.__ckWatch.redraw !== null", timeout=timeout_ms)
    except PlaywrightTimeout:
        raise AssertionError(
            f"the plot did not change within {timeout_ms} ms of pressing {key} on the slider"
        ) from None
    watch = page.evaluate("() => window.__ckWatch")
    latency = None if watch["keydown"] is None else watch["redraw"] - watch["keydown"]
    return Redraw(before, plot_shapes(plot), latency)


def step_key(handle: Locator) -> str:
    """ArrowRight, or ArrowLeft when the slider already sits at its maximum."""
    now, high = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    try:
        at_max = now is not None and high is not None and float(now) >= float(high)
    except ValueError:
        at_max = False
    return "ArrowLeft" if at_max else "ArrowRight"


def question_widget(page: Page, question_id: str) -> Locator:
    """The question widget of ``question_id``, scrolled into view."""
    from playwright.sync_api import expect

    widget = page.locator(QUESTION).filter(
        has=page.locator("b", has_text=re.compile(rf"^{re.escape(question_id)}$"))
    )
    expect(widget).to_have_count(1)
    widget.scroll_into_view_if_needed()
    return widget


def check_typed(widget: Locator, answer: str) -> Locator:
    """Type ``answer`` into a question's text box, click "Check answer"; its feedback area."""
    feedback = widget.locator(FEEDBACK)
    before = feedback.inner_html()
    widget.locator(".widget-text input").fill(answer)
    widget.get_by_role("button", name="Check answer").click()
    widget.page.wait_for_function(
        "([node, before]) => node.innerHTML !== before",
        arg=[feedback.element_handle(), before],
    )
    return feedback
