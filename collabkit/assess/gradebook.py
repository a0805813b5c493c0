"""Writing a grading run: LMS gradebooks, per-question scores, problems and feedback pages.

Formats (``--format``):

* ``canvas``: header ``Student,ID,SIS User ID,SIS Login ID,Section`` then one column per
  notebook, a ``Points Possible`` row, and one row per student with the student id in
  ``SIS Login ID`` (Canvas matches students by that when the Canvas ID is empty);
* ``moodle``: ``username`` then one column per notebook (map ``username`` to the user
  field during Moodle's CSV import);
* ``long``: one row per student and question (also always written as
  ``scores_long.csv``).

Every file is written atomically; running the same grading twice gives the same files.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from collabkit.core.atomic import write_text_atomic
from collabkit.core.colours import BORDER, CORRECT, WRONG

if TYPE_CHECKING:  # the command line reads FORMATS without loading the grading machinery
    from collabkit.assess.grading import GradeRun

#: Layouts of ``gradebook.csv`` (``collabkit grade --format``), each with what it is for.
FORMATS = {
    "canvas": "Canvas gradebook import; student id as SIS Login ID",
    "moodle": "username + one column per notebook",
    "long": "one row per question",
}
LONG_COLUMNS = [
    "student_id", "notebook", "question_id", "score", "max_score", "correct", "attempts",
    "first_correct_attempt", "answer", "feedback", "after_solution", "status",
]  # fmt: skip
#: ``status`` of an instructor-graded item not scored yet (it counts 0 until then).
AWAITING = "awaiting instructor"


def _csv(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _title(notebook: str, titles: dict[str, str]) -> str:
    return f"collabkit {notebook} {titles.get(notebook, '')}".strip()


def gradebook_rows(run: GradeRun, fmt: str, titles: dict[str, str], maxima: dict) -> list:
    """The rows of ``gradebook.csv`` in the chosen format."""
    notebooks = run.notebooks
    columns = [_title(n, titles) for n in notebooks]

    def totals(graded) -> list[str]:
        return [f"{graded.total(n):g}" if n in graded.results else "" for n in notebooks]

    if fmt == "canvas":
        rows: list[list[object]] = [
            ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *columns],
            ["Points Possible", "", "", "", "", *(f"{maxima[n]:g}" for n in notebooks)],
        ]
        rows += [[g.student_id, "", "", g.student_id, "", *totals(g)] for g in run.graded]
        return rows
    if fmt == "moodle":
        return [["username", *columns], *([g.student_id, *totals(g)] for g in run.graded)]
    if fmt == "long":
        return long_rows(run)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")


def long_rows(run: GradeRun) -> list[list[object]]:
    rows: list[list[object]] = [list(LONG_COLUMNS)]
    for g in run.graded:
        for notebook, results in sorted(g.results.items()):
            for r in results:
                rows.append([
                    g.student_id, notebook, r.question_id, f"{r.score:g}", f"{r.max_score:g}",
                    r.correct, r.attempts, r.first_correct_attempt or "",
                    "" if r.answer is None else str(r.answer)[:500], r.message[:500],
                    r.after_solution, status(r),
                ])  # fmt: skip
    return rows


def status(result) -> str:
    """Who set the score of ``result``: "" (automatic), :data:`AWAITING`, "graded by
    instructor" or "overridden: <reason>"."""
    if result.override:
        return f"overridden: {result.override}"
    if result.awaiting:
        return AWAITING
    return "graded by instructor" if result.instructor_graded else ""


def feedback_page(graded, titles: dict[str, str], sections: dict[str, str] | None = None) -> str:
    """A self-contained HTML page of one student's results (with each question's section,
    so students know where to look again)."""
    sections = sections or {}
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Feedback for {html.escape(graded.student_id)}</title>",
        "<style>body{font-family:sans-serif;max-width:56em;margin:2em auto}"
        f"td,th{{border-bottom:1px solid {BORDER};padding:4px 8px;vertical-align:top}}"
        f".ok{{color:{CORRECT}}}.no{{color:{WRONG}}}</style></head><body>",
        f"<h1>Feedback for {html.escape(graded.student_id)}</h1>",
    ]
    for notebook, results in sorted(graded.results.items()):
        total = sum(r.score for r in results)
        maximum = sum(r.max_score for r in results)
        parts.append(f"<h2>{html.escape(_title(notebook, titles))}: {total:g} of {maximum:g}</h2>")
        parts.append("<table><tr><th>Question</th><th>Your answer</th><th>Points</th>"
                     "<th>Feedback</th></tr>")  # fmt: skip
        for r in results:
            css = "ok" if r.correct else "no"
            answer = "—" if r.answer is None else html.escape(str(r.answer)[:300])
            hint = f"<br><i>Hint:</i> {html.escape(r.hint)}" if r.hint and not r.correct else ""
            section = sections.get(r.question_id.rsplit(".", 1)[0], "")
            where = f"<br><small>{html.escape(section)}</small>" if section else ""
            points = f"{r.score:g} / {r.max_score:g}"
            if r.awaiting:
                css, points = "", f"Awaiting instructor ({r.max_score:g} points)"
            parts.append(
                f"<tr><td>{html.escape(r.question_id)}{where}</td><td>{answer}</td>"
                f"<td class='{css}'>{points}</td>"
                f"<td>{html.escape(r.message).replace(chr(10), '<br>')}{hint}"
                f"{_instructor_notes(r)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _instructor_notes(result) -> str:
    """The self-check guide, the instructor's comment and an override's reason, as HTML."""
    notes = [
        ("Self-check (a guide, not your grade)", result.self_check if result.awaiting else ""),
        ("Your instructor", result.comment),
        ("Score changed by your instructor", result.override),
    ]
    return "".join(
        f"<br><i>{label}:</i> {html.escape(text).replace(chr(10), '<br>')}"
        for label, text in notes
        if text
    )


def write_outputs(
    run: GradeRun,
    out: Path,
    fmt: str,
    titles: dict[str, str],
    maxima: dict[str, float],
    sections: dict[str, str] | None = None,
) -> list[Path]:
    """Write gradebook.csv, scores_long.csv, problems.csv, manual.csv (the instructor-graded
    items, see :mod:`collabkit.assess.manual`) and feedback/<student>.html."""
    from collabkit.assess.manual import manual_rows
    from collabkit.assess.records import safe_name

    written = []
    files = {
        "gradebook.csv": _csv(gradebook_rows(run, fmt, titles, maxima)),
        "scores_long.csv": _csv(long_rows(run)),
        "problems.csv": _csv([["file", "student_id", "problem"], *sorted(run.problems)]),
        "manual.csv": _csv(manual_rows(run)),
    }
    for graded in run.graded:
        page = feedback_page(graded, titles, sections)
        # a graded run holds only submissions with a student id
        files[f"feedback/{safe_name(graded.student_id or '')}.html"] = page
    for name, text in files.items():
        write_text_atomic(out / name, text)
        written.append(out / name)
    return written
