"""An assessed release of notebook 01 in JupyterLab, as a student sees it.

The instructor makes a course secret and releases notebook 01 with ``--assessed
--attempts 2``. After Run All, a graded item (01.task.size) shows no worked-solution
button, only records a checked answer ("Recorded.", "Attempt 1 of 2"), does not count a
blank check as an attempt, and refuses a third attempt; a practice question of the same
notebook (01.pooling.cost) still marks answers and offers its worked solution.

Set ``COLLABKIT_SCREENSHOTS`` to a folder to keep screenshots of the graded question.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

import collabkit
from collabkit.assess.assessed import read_secret, release_id
from collabkit.cli import main
from collabkit.course import graded_task
from tests.browser.lab import (
    FEEDBACK,
    NOTEBOOKS,
    LabServer,
    open_notebook,
    run_all_cells,
    tracebacks,
)
from tests.browser.lab import check_typed as check
from tests.browser.lab import question_widget as question

SOURCE = NOTEBOOKS / "01_fundamentals.ipynb"
GRADED = "01.task.size"
PRACTICE = "01.pooling.cost"
ATTEMPTS = 2
SOLUTION = "Show worked solution"
NOT_AN_ATTEMPT = re.compile("not recorded, so it does not count as an attempt", re.IGNORECASE)


@pytest.fixture
def assessed_01(lab_server: LabServer, tmp_path: Path, capsys) -> tuple[str, str]:
    """Notebook 01 released assessed (2 attempts) into a folder of the lab's root.

    Returns its path under the root and the release id. Requested before ``page``, so the
    folder is removed only after the page (and its autosave) is closed.
    """
    if not SOURCE.is_file():
        pytest.skip("notebooks/01_fundamentals.ipynb is not written yet")
    if graded_task("01") is None:
        pytest.skip("notebook 01 has no GRADED_TASK yet: its assessed release has no token")
    secret = tmp_path / "course.secret"  # the instructor's, never in the served folder
    out = tmp_path / "release"
    assert main(["secret", str(secret)]) == 0
    command = ["release", str(SOURCE), str(out), "--assessed", "--secret-file", str(secret)]
    assert main([*command, "--attempts", str(ATTEMPTS)]) == 0, capsys.readouterr().out
    released = out / SOURCE.name
    first_code = next(
        "".join(cell["source"])
        for cell in json.loads(released.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
    )
    assert 'collabkit.start(release="ck1.' in first_code
    folder = lab_server.root / f"assessed-{secrets.token_hex(4)}"
    folder.mkdir()
    shutil.copy(released, folder / SOURCE.name)
    try:
        yield f"{folder.name}/{SOURCE.name}", release_id(read_secret(secret))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def screenshot(widget: Locator, name: str) -> None:
    folder = os.environ.get("COLLABKIT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_assessed_release_records_graded_answers_and_marks_practice(
    assessed_01, page, lab_server, kernel_errors
):
    name, release = assessed_01
    open_notebook(page, lab_server, name)
    run_all_cells(page)
    shown = tracebacks(page)
    assert not shown, "an output shows a traceback:\n" + "\n\n".join(shown)
    notice = page.locator(".jp-OutputArea-output", has_text="This is an assessed release")
    expect(notice.first).to_contain_text(f"you have {ATTEMPTS} attempts per graded question")

    # (a) A graded item: no worked solution to ask for.
    graded = question(page, GRADED)
    expect(graded).to_contain_text(f"graded: {ATTEMPTS} attempts, the last counts")
    expect(graded.get_by_role("button", name="Check answer")).to_be_visible()
    expect(graded.get_by_role("button", name=SOLUTION)).to_be_hidden()
    feedback = graded.locator(FEEDBACK)
    assert feedback.inner_text().strip() == ""

    # (b) A number is recorded, not marked.
    feedback = check(graded, "6")
    expect(feedback).to_contain_text("Recorded.")
    expect(feedback).to_contain_text("Your answer: 6 firms.")
    expect(feedback).to_contain_text(f"Attempt 1 of {ATTEMPTS}; your answer is saved.")
    for verdict in ("Correct", "Not yet", "Partly right", "point"):
        expect(feedback).not_to_contain_text(verdict)
    screenshot(graded, "graded-attempt-1")

    # (c) A blank check is not an attempt: the counter stays at 1.
    feedback = check(graded, "")
    expect(feedback).to_contain_text("No answer yet")
    expect(feedback).to_contain_text(NOT_AN_ATTEMPT)
    expect(feedback).to_contain_text(f"attempt 1 of {ATTEMPTS} is your last recorded answer")
    expect(feedback).not_to_contain_text("Recorded.")
    for verdict in ("Not yet", "point"):  # a graded item shows no mark, even for a blank
        expect(feedback).not_to_contain_text(verdict)
    screenshot(graded, "graded-blank")

    # (d) The second attempt is the last: a third is refused, and the second counts.
    feedback = check(graded, "7")
    expect(feedback).to_contain_text(f"Attempt 2 of {ATTEMPTS}; your answer is saved.")
    feedback = check(graded, "5")
    expect(feedback).to_contain_text(f"Not recorded. You have used all {ATTEMPTS} attempts")
    expect(feedback).not_to_contain_text("Recorded.")  # the heading says what happened
    expect(feedback).to_contain_text("Your last recorded answer, “7” (attempt 2), is the one")
    expect(feedback).to_contain_text(f"attempt 2 of {ATTEMPTS} is your last recorded answer")
    expect(graded.get_by_role("button", name=SOLUTION)).to_be_hidden()
    screenshot(graded, "graded-refused")

    # What the kernel kept: the two attempts, stamped with the release.
    saved = json.loads((lab_server.answers / "anonymous-01.json").read_text(encoding="utf-8"))
    records = [r for r in saved["records"] if r["question_id"] == GRADED]
    assert [(r["answer"], r["attempt"], r["release"]) for r in records] == [
        ("6", 1, release),
        ("7", 2, release),
    ]

    # A practice question of the same notebook: marked at once, solution on offer.
    practice = question(page, PRACTICE)
    expect(practice.get_by_role("button", name=SOLUTION)).to_be_visible()
    feedback = check(practice, "1")
    expect(feedback).to_contain_text("Not yet")
    expect(feedback).to_contain_text("Attempt 1; your answer is saved.")
    key = collabkit.get_question(PRACTICE).key
    feedback = check(practice, f"{key:g}")
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text("Attempt 2; your answer is saved.")
    expect(feedback).not_to_contain_text("Recorded.")
    practice.get_by_role("button", name=SOLUTION).click()
    expect(practice).to_contain_text("Worked solution.")
    screenshot(practice, "practice")
    assert kernel_errors.messages == [], "the kernel reported errors"
