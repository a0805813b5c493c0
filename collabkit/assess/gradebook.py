"""Writing a grading run: LMS gradebooks, per-question scores, problems and feedback pages.

Formats (``--format``):

* ``canvas``: header ``Student,ID,SIS User ID,SIS Login ID,Section`` then one column per
  notebook, a ``Points Possible`` row, and one row per student with the student id in
  ``SIS Login ID`` (Canvas matches students by that when the Canvas ID is empty);
* ``moodle``: ``username`` then one column per notebook (map ``username`` to the user
  field during Moodle's CSV import);
* ``long``: one row per student and question (also always written as
  ``scores_long.csv``).

Every CSV cell that a spreadsheet would read as a formula is neutralised
(:mod:`collabkit.assess.spreadsheet`). Every file is written atomically; running the same
grading twice gives the same files.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from collabkit.assess.lms import CANVAS_HEADER, canvas_columns, canvas_student, moodle_username
from collabkit.assess.records import safe_name
from collabkit.assess.spreadsheet import csv_text
from collabkit.core.atomic import write_text_atomic
from collabkit.core.colours import BORDER, CORRECT, MUTED, WRONG

if TYPE_CHECKING:  # the command line reads FORMATS without loading the grading machinery
    from collabkit.assess.grading import GradeRun
    from collabkit.assess.identity import Roster
    from collabkit.assess.questions import Question

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


def _title(notebook: str, titles: dict[str, str]) -> str:
    return f"collabkit {notebook} {titles.get(notebook, '')}".strip()


def gradebook_rows(
    run: GradeRun,
    fmt: str,
    titles: dict[str, str],
    maxima: dict,
    roster: Roster | None = None,
    canvas_assignment: str | None = None,
) -> list:
    """The rows of ``gradebook.csv`` in the chosen format (rows named from ``roster``;
    Canvas grades written into the existing assignment column ``canvas_assignment``)."""
    notebooks = run.notebooks
    columns = [_title(n, titles) for n in notebooks]

    def totals(graded) -> list[str]:
        return [f"{graded.total(n):g}" if n in graded.results else "" for n in notebooks]

    if fmt == "canvas":
        rows: list[list[object]] = [
            [*CANVAS_HEADER, *canvas_columns(columns, canvas_assignment)],
            ["Points Possible", "", "", "", "", *(f"{maxima[n]:g}" for n in notebooks)],
        ]
        rows += [[*canvas_student(g, roster), *totals(g)] for g in run.graded]
        return rows
    if fmt == "moodle":
        return [
            ["username", *columns],
            *([moodle_username(g, roster), *totals(g)] for g in run.graded),
        ]
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
                    _answer_cell(r.answer), r.message[:500],
                    r.after_solution, status(r),
                ])  # fmt: skip
    return rows


def _answer_cell(answer: object) -> str:
    """An answer on one line of ``scores_long.csv``: text as given, a classification as
    "item → category; …", a design's links as "A – B; …", ticked options as "a, c"."""
    from collabkit.assess.answer_text import answer_text

    if answer is None:
        return ""
    text = answer if isinstance(answer, str) else answer_text(None, answer).replace("\n", "; ")
    return text[:500]


def status(result) -> str:
    """Who set the score of ``result``: "" (automatic), :data:`AWAITING`, "graded by
    instructor" or "overridden: <reason>"."""
    if result.override:
        return f"overridden: {result.override}"
    if result.awaiting:
        return AWAITING
    return "graded by instructor" if result.instructor_graded else ""


def feedback_page(
    graded,
    titles: dict[str, str],
    sections: dict[str, str] | None = None,
    questions: Mapping[str, Question] | None = None,
) -> str:
    """A self-contained HTML page of one student's results: per question its section (so
    students know where to look again) and, given ``questions``, its text and the answer
    with its options' text; points to two decimals."""
    from collabkit.assess.answer_text import answer_text

    sections, questions = sections or {}, questions or {}
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Feedback for {html.escape(graded.student_id)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        f"td,th{{border-bottom:1px solid {BORDER};padding:4px 8px;vertical-align:top}}"
        f".ok{{color:{CORRECT}}}.no{{color:{WRONG}}}.q{{color:{MUTED};font-size:90%}}"
        "</style></head><body>",
        f"<h1>Feedback for {html.escape(graded.student_id)}</h1>",
    ]
    for notebook, results in sorted(graded.results.items()):
        total = sum(r.score for r in results)
        maximum = sum(r.max_score for r in results)
        parts.append(
            f"<h2>{html.escape(_title(notebook, titles))}: {_points(total)} of "
            f"{_points(maximum)}</h2>"
        )
        parts.append("<table><tr><th>Question</th><th>Your answer</th><th>Points</th>"
                     "<th>Feedback</th></tr>")  # fmt: skip
        for r in results:
            question = _own(questions.get(r.question_id), graded.student_id or "")
            css = "ok" if r.correct else "no"
            shown = answer_text(question, r.answer)
            code = getattr(question, "executes", False) and shown != "—"
            answer = f"<pre>{html.escape(shown)}</pre>" if code else _lines(shown)
            hint = f"<br><i>Hint:</i> {html.escape(r.hint)}" if r.hint and not r.correct else ""
            section = sections.get(r.question_id.rsplit(".", 1)[0], "")
            where = f"<br><small>{html.escape(section)}</small>" if section else ""
            prompt = f"<div class='q'>{_lines(question.prompt)}</div>" if question else ""
            points = f"{_points(r.score)} / {_points(r.max_score)}"
            if r.awaiting:
                css, points = "", f"Awaiting instructor ({_points(r.max_score)} points)"
            parts.append(
                f"<tr><td><b>{html.escape(r.question_id)}</b>{where}{prompt}</td>"
                f"<td>{answer}</td><td class='{css}'>{points}</td>"
                f"<td>{_lines(r.message)}{hint}{_instructor_notes(r)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _own(question: Question | None, student_id: str) -> Question | None:
    """The student's own variant of ``question`` (its numbers in the prompt)."""
    try:
        return question.for_variant(question.variant_of(student_id)) if question else None
    except Exception:
        return question


def _points(value: float) -> str:
    """Points as people write them: at most two decimals (``3.33``, ``4``)."""
    return f"{round(value, 2):g}"


def _lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def page_names(student_ids: Iterable[str]) -> dict[str, str]:
    """A distinct, file-name-safe name for each student id: the id itself where it is safe
    (``s1001``), else its safe form plus a short digest of the id (``carol._`` and
    ``carol`` never share a page; nor do ``""``, ``..`` and ``anonymous``)."""
    names = {}
    for sid in student_ids:
        safe = safe_name(sid)
        if safe != sid:
            safe = f"{safe}-{hashlib.sha256(sid.encode('utf-8')).hexdigest()[:8]}"
        names[sid] = safe
    return names


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
    roster: Roster | None = None,
    canvas_assignment: str | None = None,
    questions: Mapping[str, Question] | None = None,
) -> list[Path]:
    """Write gradebook.csv, scores_long.csv, problems.csv, manual.csv (the instructor-graded
    items, see :mod:`collabkit.assess.manual`) and feedback/<student>.html (``roster`` and
    ``canvas_assignment`` as in :func:`gradebook_rows`; ``questions`` by id, to show their
    text on the feedback pages)."""
    from collabkit.assess.manual import manual_rows

    written = []
    files = {
        "gradebook.csv": csv_text(
            gradebook_rows(run, fmt, titles, maxima, roster, canvas_assignment)
        ),
        "scores_long.csv": csv_text(long_rows(run)),
        "problems.csv": csv_text([["file", "student_id", "problem"], *sorted(run.problems)]),
        "manual.csv": csv_text(manual_rows(run)),
    }
    names = page_names([graded.student_id or "" for graded in run.graded])
    for graded in run.graded:
        page = feedback_page(graded, titles, sections, questions)
        files[f"feedback/{names[graded.student_id or '']}.html"] = page
    for name, text in files.items():
        write_text_atomic(out / name, text)
        written.append(out / name)
    return written
