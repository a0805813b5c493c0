"""Whose a submitted notebook is: where it was collected, checked against a roster.

The student id inside the answer records is typed by the student, so a file can claim to
be anyone's. The *provenance* of a file cannot be typed: the hub home folder it was
copied from, or the Canvas user id in the name of a bulk-downloaded file. A *layout*
(:data:`LAYOUTS`) says how to read the provenance from a file's path:

* ``records`` (the default): no provenance; the id the records carry is the student;
* ``hub``: ``SUBMISSIONS/<user>/…/*.ipynb``, the first folder below the collection folder
  is the hub user the file belongs to;
* ``canvas``: Canvas bulk-download names ``<name>[_late]_<canvas id>_<submission id>_<file>``;
  the Canvas user id is looked up in the roster's ``canvas_id`` column.

With provenance, records naming someone else are ignored and reported (they never reach
another student's row), and records without an id (``anonymous``) count for the file's
owner. Ids always compare case-insensitively. A roster (:func:`read_roster`) lists who
may be graded; a file whose owner is not on it is reported and graded into no row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

#: Collection layouts (``collabkit grade --layout``), each with how it names the student.
LAYOUTS = {
    "records": "the student id the answer records carry, unchecked",
    "hub": "SUBMISSIONS/<hub user>/...: the home folder names the student",
    "canvas": "Canvas bulk-download file names: the Canvas user id names the student",
}
#: Columns every roster has.
ROSTER_COLUMNS = ("student_id", "name", "section")
#: Optional roster columns: the student's ids in the LMS.
LMS_COLUMNS = ("canvas_id", "sis_login_id", "moodle_username")
#: The id a student's kernel records when none was set (see ``collabkit.start``).
ANONYMOUS = "anonymous"
#: ``smithjane_12345_6789_01_fundamentals.ipynb`` or ``smithjane_late_12345_6789_….ipynb``.
CANVAS_NAME = re.compile(r"^[^_]*?(?:_late)?_(?P<user>\d+)_\d+_.+$", re.IGNORECASE)


class RosterError(ValueError):
    """A roster that cannot be used; the message names the file, row and problem."""


@dataclass(frozen=True)
class Student:
    """One roster row."""

    student_id: str
    name: str
    section: str
    canvas_id: str = ""
    sis_login_id: str = ""
    moodle_username: str = ""

    @property
    def aliases(self) -> frozenset[str]:
        """Every id this student may appear under (case-folded): the roster id, the SIS
        login and the Moodle user name."""
        ids = (self.student_id, self.sis_login_id, self.moodle_username)
        return frozenset(i.casefold() for i in ids if i)


@dataclass(frozen=True)
class Roster:
    """The students of a course (from :func:`read_roster`)."""

    students: tuple[Student, ...]
    #: The optional LMS columns the roster file has.
    columns: frozenset[str] = frozenset()

    @cached_property
    def _by_alias(self) -> dict[str, Student]:
        return {alias: s for s in self.students for alias in s.aliases}

    @cached_property
    def _by_canvas_id(self) -> dict[str, Student]:
        return {s.canvas_id: s for s in self.students if s.canvas_id}

    def find(self, student_id: str) -> Student | None:
        """The student one of whose ids is ``student_id`` (case-insensitively)."""
        return self._by_alias.get(student_id.strip().casefold())

    def by_canvas_id(self, canvas_id: str) -> Student | None:
        """The student with this Canvas user id."""
        return self._by_canvas_id.get(canvas_id)


def read_roster(path: Path) -> Roster:
    """Read a roster CSV: columns ``student_id``, ``name``, ``section`` and optionally
    ``canvas_id``, ``sis_login_id``, ``moodle_username``.

    Raises
    ------
    RosterError
        The file is unreadable, lacks a column, has a row without a student id, or two
        rows share an id (case-insensitively, across the id columns) or a Canvas id.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RosterError(f"cannot read roster {path}: {err}") from err
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing:
        raise RosterError(
            f"roster {path} lacks the column(s) {', '.join(missing)} (it needs "
            f"{', '.join(ROSTER_COLUMNS)}; optional: {', '.join(LMS_COLUMNS)}); found: "
            f"{', '.join(header) or 'no header'}"
        )
    present = frozenset(c for c in LMS_COLUMNS if c in header)
    students = []
    for line, row in enumerate(reader, start=2):
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not cells["student_id"]:
            raise RosterError(f"roster {path}, line {line}: no student_id")
        if "moodle_username" in present and not cells["moodle_username"]:
            raise RosterError(
                f"roster {path}, line {line}: no moodle_username (fill it for every student "
                "or drop the column)"
            )
        students.append(Student(**{c: cells.get(c, "") for c in ROSTER_COLUMNS + LMS_COLUMNS}))
    if not students:
        raise RosterError(f"roster {path} lists no students")
    _check_unique(path, students)
    return Roster(tuple(students), present)


def _check_unique(path: Path, students: Iterable[Student]) -> None:
    """Refuse two students sharing an id (any id column, case-insensitively) or a Canvas id."""
    owner: dict[str, str] = {}
    canvas: dict[str, str] = {}
    for student in students:
        for alias in student.aliases:
            if owner.setdefault(alias, student.student_id) != student.student_id:
                raise RosterError(
                    f"roster {path}: the id {alias!r} belongs to both {owner[alias]} and "
                    f"{student.student_id} (ids compare case-insensitively)"
                )
        if student.canvas_id:
            if canvas.setdefault(student.canvas_id, student.student_id) != student.student_id:
                raise RosterError(
                    f"roster {path}: canvas_id {student.canvas_id} belongs to both "
                    f"{canvas[student.canvas_id]} and {student.student_id}"
                )


@dataclass(frozen=True)
class Identity:
    """Whose a file is by its provenance.

    ``student_id`` is None when the provenance names nobody gradable; ``problem`` then
    says why, and the file is not graded.
    """

    student_id: str | None
    #: Case-folded ids the file's records may carry to count as this student's answers.
    accepts: frozenset[str]
    #: Where the file was collected, for messages ("hub folder bob").
    source: str
    problem: str = ""


def identify(path: Path, root: Path, layout: str, roster: Roster | None) -> Identity | None:
    """The owner of ``path`` (collected under ``root``) by ``layout``; None for the
    ``records`` layout, where the records name the student."""
    if layout == "records":
        return None
    if layout == "hub":
        parts = path.relative_to(root).parts if path.is_relative_to(root) else ()
        if len(parts) < 2:
            return _nobody(f"not inside a home folder of {root} (--layout hub)")
        user = parts[0]
        source = f"hub folder {user}"
        student = roster.find(user) if roster else None
        if roster and student is None:
            return _nobody(f"{source} is not in the roster: not graded")
        own = student.student_id if student else user
        return _owned(own, source, {user} | (student.aliases if student else set()))
    if layout == "canvas" and roster is not None:
        match = CANVAS_NAME.match(path.name)
        if match is None:
            return _nobody("name is not a Canvas bulk-download name (<name>_<user id>_<id>_…)")
        student = roster.by_canvas_id(match["user"])
        if student is None:
            return _nobody(f"Canvas user {match['user']} is not in the roster: not graded")
        return _owned(student.student_id, f"Canvas user {match['user']}", student.aliases)
    raise ValueError(check_layout(layout, roster) or f"layout {layout!r} is not usable")


def check_layout(layout: str, roster: Roster | None) -> str:
    """Why ``layout`` cannot be used with ``roster`` ("" if it can)."""
    if layout not in LAYOUTS:
        return f"layout must be one of {', '.join(LAYOUTS)}; got {layout!r}"
    if layout == "canvas" and (roster is None or "canvas_id" not in roster.columns):
        return "--layout canvas needs --roster with a canvas_id column (the Canvas user ids)"
    return ""


def _owned(student_id: str, source: str, ids: Iterable[str]) -> Identity:
    accepts = frozenset(i.casefold() for i in ids) | {student_id.casefold(), ANONYMOUS}
    return Identity(student_id, accepts, source)


def _nobody(problem: str) -> Identity:
    return Identity(None, frozenset(), "", problem)
