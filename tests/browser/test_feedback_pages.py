"""Instructors open the feedback pages written by `collabkit grade` in a browser."""

from __future__ import annotations

import nbformat
from playwright.sync_api import expect

import collabkit
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.cli import main


def test_a_feedback_page_opens_offline_in_chromium(browser, tmp_path):
    question = collabkit.get_question("01.pooling.cost")
    record = AnswerRecord(question.id, 7_200, 1, "2026-01-01T10:00:00.000+00:00", "alice")
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("collabkit.ask('01.pooling.cost')")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(question.id, [record]))]
    nb.cells.append(cell)
    (tmp_path / "in").mkdir()
    nbformat.write(nb, tmp_path / "in" / "alice.ipynb")
    assert main(["grade", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto((tmp_path / "out" / "feedback" / "alice.html").as_uri())
    expect(page.locator("h1")).to_have_text("Feedback for alice")
    row = page.locator("tr", has_text="01.pooling.cost")
    expect(row).to_contain_text("0 / 1")
    expect(row).to_contain_text("only the van's share")  # the misconception is named
    expect(row).to_contain_text("Why collaborate: sharing costs")  # where to look again
    context.close()
