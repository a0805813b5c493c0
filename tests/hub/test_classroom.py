"""A whole class on a real JupyterHub: the term from release to gradebook."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hub.classroom import run_term

pytestmark = [pytest.mark.slow, pytest.mark.hub]
STUDENTS = [f"student{n:02d}" for n in range(1, 5)]
BROWSER_STUDENT = "student05"


def test_a_term_on_the_hub_grades_exactly_what_each_student_answered(hub, tmp_path):
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this thread for the whole session, and asyncio.run refuses to start inside it.
    with ThreadPoolExecutor(1) as thread:
        term = thread.submit(
            asyncio.run, run_term(hub, STUDENTS, tmp_path, browser_user=BROWSER_STUDENT)
        ).result()
    differ = {
        (u, q): (s, term.plan.expected[u].get(q))
        for u, row in term.scores.items()
        for q, s in row.items()
        if term.plan.expected[u].get(q) != s
    }
    assert not differ, (differ, term.problems)
    assert term.scores == term.plan.expected, term.problems
    # Every student answered something right and something wrong or blank.
    assert "Recorded." in term.notes[0], term.notes
    for user in STUDENTS:
        assert 0 < sum(term.scores[user].values()) < len(term.plan.expected[user])
    assert term.repull_has_fix, "the instructor's fix did not reach the student"
    assert term.repull_kept_answers, "following the link again lost the student's answers"
