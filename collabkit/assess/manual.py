"""The instructor's part of grading: scores of instructor-graded items, and overrides.

``collabkit grade`` never scores an instructor-graded item (a
:class:`~collabkit.assess.questions.FreeText` with ``instructor_graded``) automatically:
it counts 0 and is "awaiting instructor" until the instructor's score is merged. The round
trip:

1. ``collabkit grade`` writes ``manual.csv`` (:data:`MANUAL_COLUMNS`): one row per
   student and instructor-graded item, with the answer in full, the rubric ideas the
   keyword self-check found (a guide), the points possible, and empty ``score`` and
   ``comment`` columns;
2. the instructor fills in ``score`` (a number from 0 to ``points_possible``; left empty,
   the item stays awaiting) and, if they like, ``comment`` (shown on the feedback page);
3. ``collabkit grade … --manual manual.csv`` merges them (:func:`read_manual`).

``--overrides`` (:data:`OVERRIDE_COLUMNS`) sets the score of any item, e.g. after a
regrade request; the reason is shown on the student's feedback page and every override is
listed in ``problems.csv``. Both files are checked in full before anything is merged; every
problem is reported at once (:class:`ManualError`).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from collabkit.assess.grading import GradedSubmission, GradeRun, QuestionResult
from collabkit.assess.spreadsheet import restore

MANUAL_COLUMNS = [
    "student_id", "notebook", "question_id", "answer", "self_check", "points_possible",
    "score", "comment",
]  # fmt: skip
OVERRIDE_COLUMNS = ["student_id", "question_id", "score", "reason"]
#: Problems listed in one error before "and N more".
_SHOWN = 20


class ManualError(ValueError):
    """A manual-scores or overrides file that cannot be merged (every problem listed)."""


@dataclass(frozen=True)
class Mark:
    """What the instructor entered for one item: a score (None: not graded yet) and a
    comment or, for an override, the reason."""

    score: float | None
    note: str


#: (student id as graded, question id) → the instructor's mark.
Marks = dict[tuple[str, str], Mark]
#: Records one problem of the file being read.
Complain = Callable[[str], None]


def manual_rows(run: GradeRun) -> list[list[object]]:
    """The rows of ``manual.csv``: every instructor-graded item of every student, with
    the instructor's score and comment when already merged."""
    rows: list[list[object]] = [list(MANUAL_COLUMNS)]
    for graded in run.graded:
        for notebook, results in sorted(graded.results.items()):
            for r in results:
                if not r.instructor_graded:
                    continue
                score = "" if r.awaiting else f"{r.score:g}"
                answer = "" if r.answer is None else str(r.answer)
                rows.append([graded.student_id, notebook, r.question_id, answer, r.self_check,
                             f"{r.max_score:g}", score, r.comment])  # fmt: skip
    return rows


def awaiting_count(run: GradeRun) -> int:
    """How many instructor-graded items still await the instructor's score."""
    return sum(r.awaiting for g in run.graded for rs in g.results.values() for r in rs)


def read_manual(path: Path, run: GradeRun) -> Marks:
    """The instructor's scores and comments in ``path`` (a filled-in ``manual.csv``).

    Raises
    ------
    ManualError
        Listing every problem: a missing column, an unknown student or question, a
        question that is not instructor-graded (use ``--overrides``), a notebook that is not
        the question's, a score that is not a number from 0 to the points possible, or a
        second row for the same student and question.
    """

    def check(result: QuestionResult, row: Mapping[str, str], complain: Complain) -> Mark | None:
        if not result.instructor_graded:
            complain(f"{result.question_id} is scored automatically, not by the instructor "
                     "(change its score with --overrides)")  # fmt: skip
            return None
        notebook = (row.get("notebook") or "").strip()
        if notebook and notebook != result.question_id.split(".", 1)[0]:
            complain(f"notebook {notebook!r} is not the notebook of {result.question_id}")
            return None
        text = (row.get("score") or "").strip()
        score = _score(text, result, complain) if text else None
        if text and score is None:
            return None
        return Mark(score, (row.get("comment") or "").strip())

    return _read(path, run, ["student_id", "question_id", "score"], check)


def read_overrides(path: Path, run: GradeRun) -> Marks:
    """The score overrides in ``path`` (columns :data:`OVERRIDE_COLUMNS`).

    Raises
    ------
    ManualError
        Listing every problem: a missing column, an unknown student or question, a missing
        reason, a score that is not a number from 0 to the points possible, or a second row
        for the same student and question.
    """

    def check(result: QuestionResult, row: Mapping[str, str], complain: Complain) -> Mark | None:
        reason = (row.get("reason") or "").strip()
        if not reason:
            complain("the reason is empty (it is shown to the student)")
        score = _score((row.get("score") or "").strip(), result, complain)
        return Mark(score, reason) if score is not None and reason else None

    return _read(path, run, OVERRIDE_COLUMNS, check)


def merge(run: GradeRun, manual: Marks, overrides: Marks) -> GradeRun:
    """``run`` with the instructor's scores and comments and the overrides applied (an
    override wins over a manual score); every override is listed as a problem."""
    problems = list(run.problems)
    graded = []
    for submission in run.graded:
        results = {}
        for notebook, rows in submission.results.items():
            merged = []
            for r in rows:
                key = (submission.student_id or "", r.question_id)
                if key in manual:
                    r = _with_manual(r, manual[key])
                if key in overrides:
                    mark = overrides[key]
                    assert mark.score is not None  # read_overrides requires one
                    problems.append((str(submission.path), key[0],
                                     f"{r.question_id}: score overridden to {mark.score:g} (was "
                                     f"{r.score:g}): {mark.note}"))  # fmt: skip
                    r = replace(r, score=mark.score, correct=mark.score >= r.max_score,
                                awaiting=False, override=mark.note)  # fmt: skip
                merged.append(r)
            results[notebook] = merged
        graded.append(replace(submission, results=results))
    return GradeRun(graded, problems)


def _with_manual(result: QuestionResult, mark: Mark) -> QuestionResult:
    if mark.score is None:
        return replace(result, comment=mark.note)
    return replace(
        result,
        score=mark.score,
        correct=mark.score >= result.max_score,
        awaiting=False,
        comment=mark.note,
        message="Graded by your instructor.",
    )


def _score(text: str, result: QuestionResult, complain: Complain) -> float | None:
    """``text`` as a score of ``result`` (None, with a complaint, if it is not one)."""
    try:
        score = float(text)
    except ValueError:
        complain(f"score {text!r} of {result.question_id} is not a number")
        return None
    if not (math.isfinite(score) and 0 <= score <= result.max_score):
        complain(f"score {text} of {result.question_id} is not between 0 and its "
                 f"{result.max_score:g} points")  # fmt: skip
        return None
    return score


def _read(
    path: Path,
    run: GradeRun,
    required: list[str],
    check: Callable[[QuestionResult, Mapping[str, str], Complain], Mark | None],
) -> Marks:
    """Read ``path`` row by row: find each row's student and question in ``run``, let
    ``check`` turn the row into a mark, and raise :class:`ManualError` with every problem."""
    errors: list[str] = []
    marks: Marks = {}
    seen: dict[tuple[str, str], int] = {}
    students = _students(run)
    for line, row in _rows(path, required):

        def complain(problem: str, line: int = line) -> None:
            errors.append(f"{path.name} row {line}: {problem}")

        student_id = (row.get("student_id") or "").strip()
        question_id = (row.get("question_id") or "").strip()
        graded = students(student_id)
        if graded is None:
            complain(f"unknown student {student_id!r} (not in this grading run)")
            continue
        result = _result(graded, question_id)
        if result is None:
            complain(f"unknown question {question_id!r} for student {graded.student_id}")
            continue
        key = (graded.student_id or "", question_id)
        if key in seen:
            complain(f"a second row for {key[0]} and {question_id} (first on row {seen[key]})")
            continue
        seen[key] = line
        mark = check(result, row, complain)
        if mark is not None:
            marks[key] = mark
    if errors:
        more = f"\n… and {len(errors) - _SHOWN} more" if len(errors) > _SHOWN else ""
        raise ManualError(
            f"{path} cannot be merged; nothing was written:\n" + "\n".join(errors[:_SHOWN]) + more
        )
    return marks


def _rows(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The non-empty rows of CSV file ``path`` with their row numbers as a spreadsheet
    shows them (the header is row 1)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ManualError(f"cannot read {path}: {err}") from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ManualError(
            f"{path} lacks the column(s) {', '.join(missing)}; it needs {', '.join(required)}"
        )
    for number, row in enumerate(reader, start=2):
        if any((value or "").strip() for value in row.values() if isinstance(value, str)):
            yield number, {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}


def _students(run: GradeRun) -> Callable[[str], GradedSubmission | None]:
    """Find a graded student by id: exactly, else ignoring letter case if that is unique."""
    exact = {g.student_id: g for g in run.graded}
    folded: dict[str, list[GradedSubmission]] = {}
    for g in run.graded:
        folded.setdefault((g.student_id or "").casefold(), []).append(g)

    def find(student_id: str) -> GradedSubmission | None:
        if student_id in exact:
            return exact[student_id]
        matches = folded.get(student_id.casefold(), [])
        return matches[0] if len(matches) == 1 else None

    return find


def _result(graded: GradedSubmission, question_id: str) -> QuestionResult | None:
    notebook = question_id.split(".", 1)[0]
    return next((r for r in graded.results.get(notebook, []) if r.question_id == question_id),
                None)  # fmt: skip
