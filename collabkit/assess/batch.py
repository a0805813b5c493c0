"""One grade per student and notebook out of a batch of scored files.

A batch may hold several notebooks of one student (hub home folders hold 01 and 04):
each counts. Two files of the same student and notebook are a true duplicate: the one
collected later (newer file modification time; then the newer answers) is kept and the
other is listed. Student ids compare case-insensitively: with a roster every id becomes
the roster's, without one the spelling most files use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from collabkit.assess.identity import Roster

if TYPE_CHECKING:  # grading imports this module
    from collabkit.assess.grading import GradedSubmission

Problem = tuple[str, str, str]  # (file, student, problem)


def keep_per_notebook(
    results: Sequence[GradedSubmission], roster: Roster | None = None
) -> tuple[list[GradedSubmission], list[Problem]]:
    """Merge ``results`` into one submission per student holding each notebook's newest
    file, sorted by student id; every file's problems, the duplicates and (with
    ``roster``) the ids not on it are listed."""
    problems: list[Problem] = []
    for graded in results:
        problems += [(str(graded.path), graded.student_id or "", p) for p in graded.problems]
    named = _canonical_ids(
        [g for g in results if g.student_id is not None and g.results], roster, problems
    )
    kept: dict[tuple[str, str], GradedSubmission] = {}
    for graded in named:
        assert graded.student_id is not None  # _canonical_ids keeps named files only
        for notebook in graded.results:
            key = (graded.student_id, notebook)
            other = kept.setdefault(key, graded)
            if other is graded:
                continue
            newer, older = sorted((graded, other), key=_collection_order, reverse=True)
            kept[key] = newer
            problems.append((
                str(older.path), older.student_id or "",
                f"second submission of {older.student_id} for notebook {notebook}; graded the "
                f"one collected later, {newer.path}",
            ))  # fmt: skip
    merged: dict[str, GradedSubmission] = {}
    for (student, notebook), graded in sorted(kept.items()):
        first = merged.setdefault(student, replace(graded, problems=[], results={}))
        first.results[notebook] = graded.results[notebook]
        first.newest = max(first.newest, graded.newest)
    return list(merged.values()), problems


def _collection_order(graded: GradedSubmission) -> tuple[float, str, str]:
    return graded.collected, graded.newest, str(graded.path)


def _canonical_ids(
    named: list[GradedSubmission], roster: Roster | None, problems: list[Problem]
) -> list[GradedSubmission]:
    """``named`` with each id replaced by its one spelling (the roster's, or else the one
    most files use); files of students not on ``roster`` are reported and left out."""
    spellings = Counter(g.student_id for g in named if g.student_id is not None)
    usual: dict[str, str] = {}
    for spelling, _ in sorted(spellings.items(), key=lambda item: (-item[1], item[0])):
        usual.setdefault(spelling.casefold(), spelling)
    out = []
    for graded in named:
        assert graded.student_id is not None
        own = graded.student_id
        if roster is not None:
            student = roster.find(own)
            if student is None:
                problems.append((str(graded.path), own, f"{own} is not in the roster: not graded"))
                continue
            canonical = student.student_id
        else:
            canonical = usual[own.casefold()]
        if canonical != own:
            problems.append((
                str(graded.path), own,
                f"graded as {canonical}: ids compare case-insensitively and across the "
                "roster's id columns",
            ))  # fmt: skip
        out.append(replace(graded, student_id=canonical))
    return out
