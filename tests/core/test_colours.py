"""The course's colours come from one module, so a status looks the same everywhere."""

from __future__ import annotations

import re

import pytest

from collabkit.assess.feedback import Feedback
from collabkit.core.colours import PALETTE, STATUS_COLOURS, translucent
from tests.conftest import REPO

COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|rgba?\(")


def test_no_colour_is_written_outside_the_colours_module():
    package = REPO / "collabkit"
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if path != package / "core" / "colours.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if COLOUR.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("feedback", "status"),
    [
        (Feedback(1, 1, True, "Well done."), "correct"),
        (Feedback(0.5, 1, False, "Half of it."), "partial"),
        (Feedback(0, 1, False, "Not this."), "incorrect"),
    ],
)
def test_each_answer_status_is_shown_in_its_colour(feedback, status):
    assert feedback.status == status
    assert f"color:{STATUS_COLOURS[status]}" in feedback.to_html()


def test_a_translucent_colour_keeps_its_hue():
    assert translucent(PALETTE["blue"], 0.2) == "rgba(0, 114, 178, 0.2)"
    assert translucent(PALETTE["black"], 1) == "rgba(0, 0, 0, 1)"
