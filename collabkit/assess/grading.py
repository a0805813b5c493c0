"""Grading submitted notebooks from their answer records.

Each record's answer is re-scored with the question's ``check`` (the one scoring path);
the latest attempt of each question counts, as in the student's own progress table.
Scores written in a file are never read. No student code runs, except for code answers
when ``execute`` is set: each is run in a separate, limited process
(:mod:`collabkit.assess.sandbox`); without ``execute`` they score 0 and are reported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from collabkit.assess.feedback import Feedback
from collabkit.assess.questions import CodeAnswer, Question
from collabkit.assess.records import AnswerRecord
from collabkit.assess.submissions import MAX_BYTES, Submission, read_submission

NOT_EXECUTED = "Code answer not run: the instructor grades code answers with --execute."


@dataclass(frozen=True, kw_only=True)
class QuestionResult:
    """One question of one student, re-scored (built with keywords only, so no two of its
    numbers can be swapped)."""

    question_id: str
    score: float
    max_score: float
    correct: bool
    attempts: int
    first_correct_attempt: int | None
    answer: object
    message: str
    hint: str


@dataclass
class GradedSubmission:
    """A submission with its scores per notebook."""

    path: Path
    student_id: str | None
    problems: list[str]
    newest: str = ""
    results: dict[str, list[QuestionResult]] = field(default_factory=dict)

    def total(self, notebook: str) -> float:
        return sum(r.score for r in self.results.get(notebook, []))


def score_submission(
    submission: Submission,
    questions: Mapping[str, Question],
    notebooks: Iterable[str] | None,
    execute: bool = False,
) -> GradedSubmission:
    """Re-score a submission's records for every question of the notebooks it answered
    (or of ``notebooks``); unanswered questions score 0, and so do code answers unless
    ``execute`` is set."""
    graded = GradedSubmission(
        submission.path, submission.student_id, list(submission.problems), submission.newest
    )
    by_question: dict[str, list] = {}
    unknown = set()
    for record in submission.records:
        if record.question_id in questions:
            by_question.setdefault(record.question_id, []).append(record)
        else:
            unknown.add(record.question_id)
    if unknown:
        listed = ", ".join(sorted(unknown)[:5])
        graded.problems.append(f"answers to unknown questions ignored: {listed}")
    answered = {questions[q].notebook for q in by_question}
    wanted = set(notebooks) if notebooks is not None else answered
    if submission.records and notebooks is not None and not answered & wanted:
        graded.problems.append(
            f"from another assignment: answers notebook {', '.join(sorted(answered)) or '?'}, "
            f"not {', '.join(sorted(wanted))}"
        )
        return graded
    for notebook in sorted(wanted):
        rows = []
        for question in (q for q in questions.values() if q.notebook == notebook):
            records = by_question.get(question.id, [])
            if not records:
                rows.append(_zero(question, records, "Not answered."))
                continue
            if question.executes and not execute:
                graded.problems.append(f"{question.id}: code answer not run (grade with --execute)")
                rows.append(_zero(question, records, NOT_EXECUTED))
                continue
            variant = question.variant_of(submission.student_id or "")
            if any(r.variant != variant for r in records):
                graded.problems.append(
                    f"{question.id}: recorded variant differs from the student's own; "
                    "graded with the student's own variant"
                )
            own = question.for_variant(variant)
            feedbacks = [own.check(r.answer) for r in records[:-1]]
            feedbacks.append(_check_latest(own, records[-1].answer, graded.problems))
            first = next((r.attempt for r, f in zip(records, feedbacks, strict=True)
                          if f.correct), None)  # fmt: skip
            last = feedbacks[-1]
            rows.append(
                QuestionResult(
                    question_id=question.id,
                    score=last.score,
                    max_score=last.max_score,
                    correct=last.correct,
                    attempts=len(records),
                    first_correct_attempt=first,
                    answer=records[-1].answer,
                    message=last.message,
                    hint=last.hint,
                )
            )
        graded.results[notebook] = rows
    return graded


def _zero(question: Question, records: Sequence[AnswerRecord], message: str) -> QuestionResult:
    """No points for ``question``: unanswered (no ``records``) or a code answer not run."""
    return QuestionResult(
        question_id=question.id,
        score=0.0,
        max_score=float(question.points),
        correct=False,
        attempts=len(records),
        first_correct_attempt=None,
        answer=records[-1].answer if records else None,
        message=message,
        hint=question.hint,
    )


#: How a code run may end that an instructor should hear about (see sandbox.RunResult).
_STOPPED_RUNS = ("timeout", "memory", "crashed")


def _check_latest(question: Question, answer: object, problems: list[str]) -> Feedback:
    """Score the answer that counts; a code answer stopped by its limits is also reported."""
    if not isinstance(question, CodeAnswer):
        return question.check(answer)
    feedback, status = question.check_and_run(answer)
    if status in _STOPPED_RUNS:
        problems.append(f"{question.id}: code answer stopped ({status}): {feedback.message}")
    return feedback


def _grade_one(
    path: str, bank: str, notebooks: Sequence[str] | None, max_bytes: int, execute: bool
):
    """Worker: read and score one file (module-level so process pools can pickle it)."""
    questions = {q.id: q for q in importlib.import_module(bank).all_questions()}
    submission = read_submission(Path(path), max_bytes)
    return score_submission(submission, questions, notebooks, execute)


@dataclass
class GradeRun:
    """Everything one grading run produced."""

    graded: list[GradedSubmission]
    problems: list[tuple[str, str, str]]  # (file, student, problem)

    @property
    def notebooks(self) -> list[str]:
        return sorted({n for g in self.graded for n in g.results})


def grade(
    paths: Sequence[Path],
    *,
    bank: str = "collabkit.course",
    notebooks: Sequence[str] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    max_bytes: int = MAX_BYTES,
    execute: bool = False,
    progress: Callable[[Iterable], Iterable] = iter,
) -> GradeRun:
    """Grade every file; one submission per student is kept (the newest answers).

    Parameters
    ----------
    paths
        Submitted notebooks.
    bank
        Module whose ``all_questions()`` holds the answer key.
    notebooks
        Only these notebooks ("01", ...); a file answering none of them is reported as
        from another assignment. Default: the notebooks each file answers.
    workers
        Local processes (1 grades in this process).
    scheduler
        Address of a Dask distributed scheduler to grade on instead.
    execute
        Run code answers, each in a separate process with its question's time and memory
        limits and no network (see :mod:`collabkit.assess.sandbox`).
    progress
        Wraps the stream of results (e.g. a tqdm progress bar).
    """
    wanted = list(notebooks) if notebooks else None
    args = [(str(p), bank, wanted, max_bytes, execute) for p in paths]
    if scheduler:
        results = _on_dask(scheduler, args)
    elif workers > 1 and len(args) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(progress(pool.map(_grade_one, *zip(*args, strict=True), chunksize=8)))
    else:
        results = list(progress(_grade_one(*a) for a in args))
    return _one_per_student(results)


def _on_dask(scheduler: str, args: list[tuple]) -> list[GradedSubmission]:
    try:
        from dask.distributed import Client
    except ImportError as err:
        raise RuntimeError(
            "--scheduler needs Dask: pip install 'dask[distributed]' on this machine and "
            "on the cluster"
        ) from err
    with Client(scheduler) as client:
        futures = client.map(_grade_one, *zip(*args, strict=True))
        return client.gather(futures)


def _one_per_student(results: list[GradedSubmission]) -> GradeRun:
    problems: list[tuple[str, str, str]] = []
    kept: dict[str, GradedSubmission] = {}
    for graded in results:
        for problem in graded.problems:
            problems.append((str(graded.path), graded.student_id or "", problem))
        if graded.student_id is None or not graded.results:
            continue  # nothing gradable: its problems say why
        other = kept.get(graded.student_id)
        if other is None:
            kept[graded.student_id] = graded
            continue
        newer, older = (graded, other) if graded.newest >= other.newest else (other, graded)
        kept[graded.student_id] = newer
        problems.append(
            (str(older.path), older.student_id or "",
             f"second submission of {older.student_id}; graded the newer one, {newer.path.name}")
        )  # fmt: skip
    return GradeRun(sorted(kept.values(), key=lambda g: g.student_id or ""), problems)
