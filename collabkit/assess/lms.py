"""How a graded student and notebook appear in an LMS gradebook import.

Canvas matches a row by its ``ID`` (Canvas user id), ``SIS User ID`` or ``SIS Login ID``
and a column by its title: ``Title (id)`` names an existing assignment, any other title
creates a new one. Moodle matches a row by the column mapped to a user field (here
``username``). With a roster, the rows carry the roster's name, section and LMS ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from collabkit.assess.identity import Roster

if TYPE_CHECKING:  # grading imports the gradebook, which imports this module
    from collabkit.assess.grading import GradedSubmission

#: The first columns of a Canvas gradebook import.
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
#: An existing Canvas assignment's column title: ``Title (id)``.
CANVAS_ASSIGNMENT = re.compile(r"^\S.* \((?P<id>\d+)\)$")


def check_canvas_assignment(title: str) -> str:
    """Why ``title`` cannot name an existing Canvas assignment column ("" if it can)."""
    if CANVAS_ASSIGNMENT.match(title):
        return ""
    return (
        f"--canvas-assignment {title!r} is not an existing Canvas assignment column: copy its "
        "title from a Canvas gradebook export, as 'Title (id)', e.g. 'Notebook 01 (12345)'"
    )


def canvas_columns(titles: Sequence[str], assignment: str | None) -> list[str]:
    """The notebook column titles, or ``assignment`` as the one column it replaces."""
    if assignment is None:
        return list(titles)
    problem = check_canvas_assignment(assignment)
    if problem:
        raise ValueError(problem)
    if len(titles) != 1:
        raise ValueError(
            f"--canvas-assignment writes one notebook's grades, but this batch has "
            f"{len(titles)} notebooks; grade one with --notebook NN"
        )
    return [assignment]


def canvas_student(graded: GradedSubmission, roster: Roster | None) -> list[str]:
    """The identifying cells of a Canvas row (see :data:`CANVAS_HEADER`)."""
    sid = graded.student_id or ""
    student = roster.find(sid) if roster else None
    if student is None:
        return [sid, "", "", sid, ""]
    login = student.sis_login_id or student.student_id
    return [student.name or sid, student.canvas_id, "", login, student.section]


def moodle_username(graded: GradedSubmission, roster: Roster | None) -> str:
    """The ``username`` cell of a Moodle row: the roster's Moodle user name if it has
    that column, else the student id."""
    sid = graded.student_id or ""
    student = roster.find(sid) if roster else None
    return student.moodle_username if student and student.moodle_username else sid
