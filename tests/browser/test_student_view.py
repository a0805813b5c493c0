"""The student-view gate: every notebook as a student meets it in JupyterLab, light and
dark.

For each notebook, after Run All (and one answer checked and one worked solution shown,
so that feedback and solution boxes are on screen too):

* no question shows an unfilled template field (``{van:,}``);
* axe-core finds no critical or serious accessibility violation inside the kit's outputs,
  in the light theme and in the dark theme (which also checks text contrast);
* neither the browser console nor the kernel reports an error;
* every explorer control, moved to both ends of its range, changes its plot or summary,
  and every slider's number box, given back the text it showed, puts the slider back;
* screenshots at 1024 and 1440 px wide, light and dark, go to
  test-artifacts/student-view/ for a person to look at.

And in each kind of kit widget, JupyterLab's notebook shortcuts stay out: ``m``, ``r``,
``a``, ``b`` and arrow keys pressed inside leave the notebook's cells as they were, and the
arrows move the widget.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.browser.lab import (
    ARTIFACTS,
    NOTEBOOKS,
    PLOT,
    SLIDER_HANDLE,
    KernelErrors,
    open_notebook,
    plot_shapes,
    run_all_cells,
    tracebacks,
    wait_until_idle,
)

COURSE = sorted(p.name for p in NOTEBOOKS.glob("0[0-4]_*.ipynb"))
SHOTS = ARTIFACTS / "student-view"
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
#: From a slider's handle, the number box beside it (the kit's NumberSlider).
SLIDER_BOX = "xpath=ancestor::*[contains(@class, 'collabkit-slider')][1]//input"
TEMPLATE_FIELD = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")
#: The notebook's cells: their number and types, from JupyterLab's own model.
CELL_TYPES = """() => {
    const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
    return Array.from({length: cells.length}, (_, i) => cells.get(i).type);
}"""


@pytest.fixture(scope="session")
def axe_source(request) -> str:
    """axe-core's script (npm package ``axe-core``), installed once into pytest's cache."""
    folder = request.config.cache.mkdir("axe-core")
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail("npm not found: CI needs Node.js to install axe-core")
            pytest.skip("npm not found: install Node.js to run the accessibility checks")
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(folder),
             "axe-core@4"],
            check=True, timeout=300,
        )  # fmt: skip
    return script.read_text(encoding="utf-8")


def set_theme(page, theme: str) -> None:
    page.evaluate(
        "(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})",
        THEMES[theme],
    )
    page.wait_for_function(
        "(light) => document.body.dataset.jpThemeLight === String(light)", arg=theme == "light"
    )
    page.wait_for_timeout(500)  # the theme's stylesheet is applied


def serious_violations(page, axe_source: str) -> list[str]:
    """axe-core's critical and serious violations inside the kit's outputs."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    found = page.evaluate(
        """async () => {
            const result = await axe.run({include: [['.collabkit-guarded']]},
                                         {resultTypes: ['violations']});
            return result.violations
                .filter(v => v.impact === 'critical' || v.impact === 'serious')
                .map(v => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}; e.g. `
                     + v.nodes[0].target.join(' ') + ' :: '
                     + (v.nodes[0].failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300));
        }"""
    )
    return list(found)


def show_feedback_and_a_solution(page) -> None:
    """Check a (wrong) answer to the first typed question and open a worked solution."""
    typed = page.locator(".collabkit-question").filter(has=page.locator("input[type=text]"))
    if typed.count():
        question = typed.first
        question.scroll_into_view_if_needed()
        question.locator("input[type=text]").first.fill("1")
        question.locator("button", has_text="Check answer").click()
        question.locator(".collabkit-feedback .collabkit-feedback-box").wait_for(timeout=30_000)
        solution = question.locator("button", has_text="Show worked solution")
        if solution.is_visible():
            solution.click()
            wait_until_idle(page)


def explorer_state(explorer) -> str:
    summary = explorer.locator(".collabkit-explorer-summary")
    text = summary.first.inner_text() if summary.count() else ""
    return plot_shapes(explorer.locator(PLOT).first) + "||" + text


def settle(page) -> None:
    wait_until_idle(page)
    page.wait_for_timeout(150)  # the plot redraws after the kernel's reply


def controls_that_change_nothing(page) -> list[str]:
    """Each explorer control moved to both ends (and back), from the explorer's starting
    settings; those after which plot and summary were the same (named by explorer and
    control)."""
    inert = []
    for e, explorer in enumerate(page.locator(".collabkit-explorer").all()):
        explorer.scroll_into_view_if_needed()
        explorer.locator(f"{PLOT} .main-svg").first.wait_for(timeout=60_000)
        for s, handle in enumerate(explorer.locator(SLIDER_HANDLE).all()):
            box = handle.locator(SLIDER_BOX)
            start = box.first.input_value() if box.count() else None
            position = handle.get_attribute("aria-valuenow")
            ends = []
            for key in ("Home", "End"):
                handle.focus()
                page.keyboard.press(key)
                settle(page)
                ends.append(explorer_state(explorer))
            if ends[0] == ends[1]:
                name = handle.get_attribute("aria-label")
                inert.append(f"explorer {e + 1}, slider {s + 1} ({name})")
            if start is not None:  # back where it was, typed as the box showed it
                box.first.fill(start)
                box.first.press("Enter")
                settle(page)
                back = (box.first.input_value(), handle.get_attribute("aria-valuenow"))
                if back != (start, position):
                    inert.append(f"explorer {e + 1}, slider {s + 1}: typing {start!r} gave {back}")
        for s, select in enumerate(explorer.locator("select").all()):
            options = select.locator("option").all_inner_texts()
            if len(options) < 2:
                continue
            start = select.evaluate("(e) => e.options[e.selectedIndex].label")
            ends = []
            for option in (options[0], options[-1]):
                select.select_option(label=option)
                settle(page)
                ends.append(explorer_state(explorer))
            if ends[0] == ends[1]:
                inert.append(f"explorer {e + 1}, menu {s + 1} ({options[0]} / {options[-1]})")
            select.select_option(label=start)
            settle(page)
    return inert


@pytest.mark.parametrize("notebook", COURSE)
def test_the_student_view_gate(page, lab_server, axe_source, notebook):
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    kernel = KernelErrors(page)
    open_notebook(page, lab_server, notebook)
    run_all_cells(page)
    show_feedback_and_a_solution(page)
    problems = []
    for header in page.locator(".collabkit-question").all_inner_texts():
        if TEMPLATE_FIELD.search(header):
            problems.append(f"unfilled template field: {header[:200]}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for theme in THEMES:
        set_theme(page, theme)
        problems += [f"{theme}: {v}" for v in serious_violations(page, axe_source)]
        for width in (1024, 1440):
            page.set_viewport_size({"width": width, "height": 1000})
            page.locator(".collabkit-guarded").first.scroll_into_view_if_needed()
            page.screenshot(path=SHOTS / f"{notebook[:2]}-{theme}-{width}.png")
    set_theme(page, "light")
    page.set_viewport_size({"width": 1280, "height": 1000})
    problems += [f"does nothing at either end: {c}" for c in controls_that_change_nothing(page)]
    problems += [f"traceback: {t[:300]}" for t in tracebacks(page)]
    problems += [f"kernel error: {m}" for m in kernel.messages]
    problems += [f"browser console: {m[:300]}" for m in console]
    assert problems == [], "\n".join(problems)


#: One kit widget of each kind, the notebook it is in, and an arrow key that moves it.
WIDGETS = {
    "slider": ("01_fundamentals.ipynb", f".collabkit-explorer {SLIDER_HANDLE}", "ArrowRight"),
    "radio": ("01_fundamentals.ipynb", ".collabkit-question input[type=radio]", "ArrowDown"),
    "menu": ("02_network_design.ipynb", ".collabkit-explorer select", "ArrowDown"),
    "checkbox": ("01_fundamentals.ipynb", ".collabkit-guarded input[type=checkbox]", None),
    "text": ("01_fundamentals.ipynb", ".collabkit-question input[type=text]", None),
}


def widget_state(control) -> str:
    return control.evaluate(
        "(e) => e.getAttribute('aria-valuenow') ?? (e.type === 'radio' || e.type === 'checkbox'"
        " ? String([...e.closest('.widget-box, .widget-radio-box, .jupyter-widgets')"
        ".querySelectorAll('input')].map(i => i.checked)) : e.value)"
    )


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_notebook_shortcuts_stay_out_of_kit_widgets(page, lab_server, kind):
    notebook, selector, arrow = WIDGETS[kind]
    open_notebook(page, lab_server, notebook)
    run_all_cells(page)
    cells = page.evaluate(CELL_TYPES)
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    before = widget_state(control)
    for key in ("m", "r", "a", "b", "y", *([arrow] if arrow else [])):
        control.focus()
        page.keyboard.press(key)
        page.wait_for_timeout(100)
    settle(page)
    assert page.evaluate(CELL_TYPES) == cells, f"a key pressed on a {kind} changed the notebook"
    if arrow:
        assert widget_state(control) != before, f"{arrow} did not move the {kind}"
    if kind == "checkbox":
        control.focus()
        page.keyboard.press("Space")
        settle(page)
        assert widget_state(control) != before, "space did not tick the checkbox"


def test_enter_in_an_answer_box_checks_the_answer(page, lab_server):
    open_notebook(page, lab_server, "01_fundamentals.ipynb")
    run_all_cells(page)
    cells = page.evaluate(CELL_TYPES)
    question = page.locator(".collabkit-question").filter(has=page.locator("input[type=text]"))
    box = question.first.locator("input[type=text]").first
    box.scroll_into_view_if_needed()
    box.fill("12")
    box.press("Enter")
    question.first.locator(".collabkit-feedback .collabkit-feedback-box").wait_for(timeout=30_000)
    assert "12" in question.first.locator(".collabkit-feedback").inner_text()
    assert page.evaluate(CELL_TYPES) == cells  # Enter ran no cell and added none


def test_ctrl_s_still_saves_from_inside_a_kit_widget(page, lab_server):
    """Single keys stay out of the widgets; Ctrl/Cmd shortcuts (save) still work."""
    open_notebook(page, lab_server, "01_fundamentals.ipynb")
    run_all_cells(page)
    handle = page.locator(f".collabkit-explorer {SLIDER_HANDLE}").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=10_000)
