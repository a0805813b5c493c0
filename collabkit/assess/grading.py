"""Grading submitted notebooks from their answer records.

Each question's counted answer is re-scored with the question's ``check`` (the one scoring
path); the latest attempt of each question counts, as in the student's own progress table.
Earlier attempts are counted, not scored again: only cheaply checked types are checked to
find the first correct attempt (a code answer's earlier attempts are never run), and at
most :data:`MAX_ATTEMPTS_READ` attempts per question are read (reported). Instructor-graded
items are never scored automatically: they are "awaiting instructor" (0 points) until the
instructor's score is merged (:mod:`collabkit.assess.manual`). Scores written in a file are
never read. No student code runs, except for code answers
when ``execute`` is set: each is run in a separate, limited process
(:mod:`collabkit.assess.sandbox`); without ``execute`` they score 0 and are reported.

The graded-item policy (:class:`Policy`):

* everywhere, a blank or unreadable answer is not an attempt: it neither counts nor
  replaces an earlier answer;
* practice: a graded item whose counted answer was given after its worked solution was
  revealed scores 0 and is reported;
* assessed (graded with the course secret): the graded items' keys come from the secret;
  only answers given in the release count, and only the first ``attempts`` of them (the
  limit signed into the release); the rest are reported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from collabkit.assess.assessed import Release, SecretError, release_id
from collabkit.assess.attempts import DEFAULT_ATTEMPTS
from collabkit.assess.batch import keep_per_notebook
from collabkit.assess.feedback import Feedback
from collabkit.assess.identity import ANONYMOUS, Identity, Roster, check_layout, identify
from collabkit.assess.isolation import require_isolation
from collabkit.assess.questions import CodeAnswer, FreeText, Question, instructor_graded
from collabkit.assess.records import AnswerRecord
from collabkit.assess.submissions import MAX_BYTES, Submission, read_submission

NOT_EXECUTED = "Code answer not run: the instructor grades code answers with --execute."
AWAITING_MESSAGE = "Awaiting instructor: your instructor reads and grades this answer."
#: Attempts read per question and file: the latest ones in practice (the latest counts),
#: the first ones in an assessed release (the first ``attempts`` count).
MAX_ATTEMPTS_READ = 200


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
    after_solution: bool = False
    #: An instructor-graded item: its score is the instructor's, never the self-check's.
    instructor_graded: bool = False
    #: Instructor-graded and not scored yet (counts 0 until the instructor's score is merged).
    awaiting: bool = False
    #: The rubric ideas the keyword self-check found in an instructor-graded answer.
    self_check: str = ""
    #: The instructor's comment (``--manual``).
    comment: str = ""
    #: Why the score was overridden (``--overrides``); empty when it was not.
    override: str = ""


@dataclass(frozen=True)
class Policy:
    """How graded items are graded.

    Parameters
    ----------
    graded
        Ids of the questions of graded tasks.
    secret
        The course secret of an assessed release (None: practice).
    """

    graded: frozenset[str] = frozenset()
    secret: bytes | None = None
    #: Notebook → the attempt limit its release signed (from the batch's own stamps).
    attempts: Mapping[str, int] = field(default_factory=dict)

    @property
    def release_id(self) -> str | None:
        return release_id(self.secret) if self.secret else None

    def attempt_limit(self, notebook: str) -> int:
        """The attempts a graded item of ``notebook`` allows in this release."""
        return self.attempts.get(notebook, DEFAULT_ATTEMPTS)


@dataclass
class GradedSubmission:
    """A submission with its scores per notebook."""

    path: Path
    student_id: str | None
    problems: list[str]
    newest: str = ""
    results: dict[str, list[QuestionResult]] = field(default_factory=dict)
    #: Release ids the file's answers or token name (to tell a wrong secret).
    release_ids: frozenset[str] = frozenset()
    #: When the file was collected (its modification time), to keep the later duplicate.
    collected: float = 0.0

    def total(self, notebook: str) -> float:
        return sum(r.score for r in self.results.get(notebook, []))


def score_submission(
    submission: Submission,
    questions: Mapping[str, Question],
    notebooks: Iterable[str] | None,
    execute: bool = False,
    policy: Policy = Policy(),
) -> GradedSubmission:
    """Re-score a submission's records for every question of the notebooks it answered
    (or of ``notebooks``); unanswered questions score 0, and so do code answers unless
    ``execute`` is set. Graded items follow ``policy``."""
    graded = GradedSubmission(
        submission.path, submission.student_id, list(submission.problems), submission.newest,
        collected=submission.collected,
    )  # fmt: skip
    token = _release_in(submission)
    named = {r.release for r in submission.records if r.release}
    graded.release_ids = frozenset(named | ({token.release_id} if token else set()))
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
    wanted = answered & set(notebooks) if notebooks is not None else answered
    if submission.records and notebooks is not None and not wanted:
        graded.problems.append(
            f"from another assignment: answers notebook {', '.join(sorted(answered)) or '?'}, "
            f"not {', '.join(sorted(notebooks))}"
        )
        return graded
    for notebook in sorted(wanted):
        rows = []
        if policy.secret is not None and any(q in policy.graded for q in by_question):
            _check_stamp(submission, notebook, policy, graded.problems)
        for question in (q for q in questions.values() if q.notebook == notebook):
            records = by_question.get(question.id, [])
            skipped = 0
            if question.id in policy.graded and policy.secret is not None:
                limit = policy.attempt_limit(notebook)
                records = _assessed_records(question, records, policy, limit, graded.problems)
            elif len(records) > MAX_ATTEMPTS_READ:
                skipped = len(records) - MAX_ATTEMPTS_READ
                records = records[-MAX_ATTEMPTS_READ:]
                graded.problems.append(
                    f"{question.id}: {skipped + MAX_ATTEMPTS_READ} attempts; only the latest "
                    f"{MAX_ATTEMPTS_READ} were read (the earlier ones are counted as attempts, "
                    "not checked)"
                )
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
            readable = [r for r in records if own.reads(r.answer)]
            if not readable:  # only blank or unreadable answers: none was an attempt
                message = f"Not an attempt: {own.check(records[-1].answer).message}"
                rows.append(replace(_zero(question, records, message), attempts=skipped))
                continue
            counted = readable[-1]
            after_solution = question.id in policy.graded and counted.revealed_solution
            if after_solution:
                graded.problems.append(
                    f"{question.id}: answered after its worked solution was revealed; scored 0"
                )
            if instructor_graded(own):
                rows.append(_awaiting(own, counted, skipped + len(readable), after_solution))
                continue
            last = _check_latest(own, counted.answer, graded.problems)
            first = _first_correct(own, readable, last)
            rows.append(
                QuestionResult(
                    question_id=question.id,
                    score=0.0 if after_solution else last.score,
                    max_score=last.max_score,
                    correct=last.correct and not after_solution,
                    attempts=skipped + len(readable),
                    first_correct_attempt=None if first is None else skipped + first,
                    answer=counted.answer,
                    message=(
                        "Answered after the worked solution was shown, so it earns no points. "
                        if after_solution
                        else ""
                    )
                    + last.message,
                    hint=last.hint,
                    after_solution=after_solution,
                )
            )
        graded.results[notebook] = rows
    return graded


def _first_correct(
    question: Question, readable: Sequence[AnswerRecord], last: Feedback
) -> int | None:
    """The first correct one of the ``readable`` attempts (1-based), with ``last`` the
    latest one's feedback. Earlier attempts are checked again only for question types that
    check cheaply; for code answers, which would each be run, it is None (not known)."""
    if question.executes:
        return None
    earlier = (n for n, r in enumerate(readable[:-1], 1) if question.check(r.answer).correct)
    return next(earlier, len(readable) if last.correct else None)


def _awaiting(
    question: FreeText, counted: AnswerRecord, attempts: int, after_solution: bool
) -> QuestionResult:
    """An instructor-graded item before the instructor's score: 0 points, awaiting."""
    found = question.ideas_found(counted.answer)
    return QuestionResult(
        question_id=question.id,
        score=0.0,
        max_score=float(question.points),
        correct=False,
        attempts=attempts,
        first_correct_attempt=None,
        answer=counted.answer,
        message=AWAITING_MESSAGE,
        hint="",
        after_solution=after_solution,
        instructor_graded=True,
        awaiting=True,
        self_check=f"{len(found)} of {len(question.rubric)} key ideas"
        + (f": {'; '.join(found)}" if found else ""),
    )


def _release_in(submission: Submission) -> Release | None:
    """The release stamp of ``submission`` as written (not verified), if it has one."""
    try:
        return Release.read(submission.release_token)
    except ValueError:
        return None


def _check_stamp(submission: Submission, notebook: str, policy: Policy, problems: list[str]):
    """Report a file whose release stamp is not its notebook's, signed by the secret (the
    attempt limit comes from the batch's genuine stamps either way)."""
    assert policy.secret is not None
    release = Release.verify(submission.release_token, policy.secret)
    limit = policy.attempt_limit(notebook)
    if release is None:
        problems.append(
            "the assessed-release stamp of this notebook is missing or was altered; graded "
            f"with the release's limit of {limit} attempts"
        )
    elif release.notebook != notebook:
        problems.append(
            f"this notebook {notebook} file carries the release stamp of notebook "
            f"{release.notebook}; graded with notebook {notebook}'s limit of {limit} attempts"
        )


def release_limits(
    paths: Sequence[Path], secret: bytes, max_bytes: int = MAX_BYTES
) -> dict[str, int]:
    """Notebook → the attempt limit signed into the batch's genuine release stamps (the
    smallest, if a notebook was released twice)."""
    limits: dict[str, int] = {}
    for path in paths:
        token = read_submission(path, max_bytes).release_token
        release = Release.verify(token, secret) if token else None
        if release is not None:
            limits[release.notebook] = min(limits.get(release.notebook, release.attempts),
                                           release.attempts)  # fmt: skip
    return limits


def _assessed_records(
    question: Question,
    records: list[AnswerRecord],
    policy: Policy,
    attempts: int,
    problems: list[str],
) -> list[AnswerRecord]:
    """The records of a graded item that count in an assessed release: given in the
    release, and the first ``attempts`` readable ones."""
    inside = [r for r in records if r.release == policy.release_id]
    if len(inside) < len(records):
        problems.append(
            f"{question.id}: {len(records) - len(inside)} answer(s) given outside the assessed "
            "release were ignored"
        )
    if len(inside) > MAX_ATTEMPTS_READ:
        problems.append(
            f"{question.id}: {len(inside)} attempts; only the first {MAX_ATTEMPTS_READ} were "
            f"read (the limit is {attempts}), the rest were ignored"
        )
        inside = inside[:MAX_ATTEMPTS_READ]
    readable = [r for r in inside if question.reads(r.answer)]
    if len(readable) > attempts:
        problems.append(
            f"{question.id}: {len(readable) - attempts} attempt(s) beyond the limit of "
            f"{attempts} were ignored"
        )
    return readable[:attempts]


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
_STOPPED_RUNS = ("timeout", "memory", "refused", "crashed")


def _check_latest(question: Question, answer: object, problems: list[str]) -> Feedback:
    """Score the answer that counts; a code answer stopped by its limits is also reported."""
    if not isinstance(question, CodeAnswer):
        return question.check(answer)
    feedback, status = question.check_and_run(answer, for_grading=True)
    if status in _STOPPED_RUNS:
        problems.append(f"{question.id}: code answer stopped ({status}): {feedback.message}")
    return feedback


def _grade_one(
    path: str,
    bank: str,
    notebooks: Sequence[str] | None,
    max_bytes: int,
    execute: bool,
    secret: bytes | None = None,
    limits: tuple[tuple[str, int], ...] = (),
    identity: Identity | None = None,
):
    """Worker: read and score one file (module-level so process pools can pickle it); a
    file of known ``identity`` is graded as its owner.

    Raises ``RuntimeError`` naming ``path`` if grading it fails unexpectedly (so a failure
    on a remote worker still says which submission caused it)."""
    if identity is not None and identity.student_id is None:
        return GradedSubmission(Path(path), None, [identity.problem])
    try:
        questions, policy = _key(bank, secret)
        submission = read_submission(Path(path), max_bytes, identity)
        policy = replace(policy, attempts=dict(limits))
        graded = score_submission(submission, questions, notebooks, execute, policy)
    except Exception as err:
        raise RuntimeError(
            f"grading {path} failed on its worker: {type(err).__name__}: {err}"
        ) from err
    if identity is not None and graded.student_id is not None:
        _report_typed_id(graded, identity)
        graded.student_id = identity.student_id
    return graded


def _report_typed_id(graded: GradedSubmission, identity: Identity) -> None:
    """Report a file whose records spell its owner's id otherwise than the provenance does
    (``S1002`` for roster id ``s1002``, or an alias): its variants were drawn from that
    spelling, and it is graded as the owner (records without an id are reported already)."""
    typed = graded.student_id or ""
    if typed.casefold() != ANONYMOUS and typed != identity.student_id:
        graded.problems.append(
            f"records name {typed}; graded as {identity.student_id} ({identity.source}): ids "
            "compare case-insensitively and across the roster's id columns"
        )


@cache
def _key(bank: str, secret: bytes | None) -> tuple[dict[str, Question], Policy]:
    """The questions of ``bank`` (graded ones keyed with ``secret``) and the grading policy."""
    module = importlib.import_module(bank)
    questions = {q.id: q for q in module.all_questions()}
    if secret is not None:
        questions.update({q.id: q for q in module.assessed_questions(secret)})
    return questions, Policy(graded=module.graded_question_ids(), secret=secret)


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
    secret: bytes | None = None,
    progress: Callable[[Iterable], Iterable] = iter,
    layout: str = "records",
    roster: Roster | None = None,
    root: Path | None = None,
) -> GradeRun:
    """Grade every file; each student's every notebook counts, and of two files of the
    same student and notebook the one collected later (see :mod:`collabkit.assess.batch`).

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
        Run code answers, each in a new sandbox with its question's time and memory
        limits (see :mod:`collabkit.assess.sandbox`). Raises
        :class:`~collabkit.assess.isolation.SandboxUnavailable`, before grading anything,
        where the sandbox does not work.
    secret
        The course secret of an assessed release: graded items are keyed with it.
        Raises :class:`~collabkit.assess.assessed.SecretError` when the files were
        released with another secret, or are assessed and no secret is given.
    progress
        Wraps the stream of results (e.g. a tqdm progress bar).
    layout
        How a file's path names its student (:data:`~collabkit.assess.identity.LAYOUTS`):
        ``records`` trusts the records' id; ``hub`` and ``canvas`` take the student from
        where the file was collected (below ``root``) and ignore records naming others.
    roster
        The course's students: anyone else's files are reported, not graded.
    root
        The collection folder the paths of ``hub`` and ``canvas`` layouts are read below.
    """
    unusable = check_layout(layout, roster) or (
        f"layout {layout} needs the collection folder (root)"
        if layout != "records" and root is None
        else ""
    )
    if unusable:
        raise ValueError(unusable)
    if execute:
        require_isolation()
    wanted = list(notebooks) if notebooks else None
    limits = tuple(sorted(release_limits(paths, secret, max_bytes).items())) if secret else ()
    top = root or Path()
    # workers (on Dask, in another folder or machine) get absolute paths; reports keep the
    # paths as given
    args = [
        (str(Path(p).absolute()), bank, wanted, max_bytes, execute, secret, limits,
         identify(p, top, layout, roster))
        for p in paths
    ]  # fmt: skip
    if scheduler:
        results = _on_dask(scheduler, args)
    elif workers > 1 and len(args) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(progress(pool.map(_grade_one, *zip(*args, strict=True), chunksize=8)))
    else:
        results = list(progress(_grade_one(*a) for a in args))
    for graded, path in zip(results, paths, strict=True):
        graded.path = Path(path)
    _check_secret(results, secret)
    return GradeRun(*keep_per_notebook(results, roster))


def _check_secret(results: list[GradedSubmission], secret: bytes | None) -> None:
    """Refuse to grade an assessed batch with no secret, or the wrong one, rather than give
    silent zeros; a few files naming another release are reported, not fatal."""
    naming = [g for g in results if g.release_ids]
    if not naming:
        return
    found = sorted({rid for graded in naming for rid in graded.release_ids})
    examples = ", ".join(g.path.name for g in naming[:3]) + (", …" if len(naming) > 3 else "")
    if secret is None:
        answered = [g for g in results if g.results]
        if 2 * len(naming) > len(answered):
            raise SecretError(
                f"these notebooks are an assessed release (release {', '.join(found)}, in "
                f"{len(naming)} file(s): {examples}): grade them with --secret-file and the "
                "course secret they were released with"
            )
        for graded in naming:
            graded.problems.append(
                f"names an assessed release ({', '.join(sorted(graded.release_ids))}) but "
                "the batch was graded without --secret-file: graded with the open practice "
                "keys"
            )
        return
    mine = release_id(secret)
    if mine not in found:
        raise SecretError(
            f"the course secret given is not the one these notebooks were released with "
            f"(the notebooks name release {', '.join(found)}; this secret is release "
            f"{mine}). Nothing was graded."
        )
    for graded in naming:
        if mine not in graded.release_ids:
            graded.problems.append(
                f"released with another course secret (release "
                f"{', '.join(sorted(graded.release_ids))}); its graded answers could not be "
                f"graded with this secret (release {mine})"
            )


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
