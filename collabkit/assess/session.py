"""Who is answering, in which mode, and where their answers are kept.

A student's id comes from ``start(student_id=...)``, else from the id last given to a
notebook of the same answers folder (kept in ``student.json`` there), else from the
``JUPYTERHUB_USER`` environment variable that JupyterHub sets (not on Binder, where it is
random), else ``"anonymous"``. Under Voila, each visitor's kernel keeps its answers in a
folder of its own, so visitors of one page never see each other's answers. A notebook released for
assessment starts with ``start(release=...)``: the kernel then stays in assessed mode (a
later ``start()`` cannot leave it) and graded items record answers without marking them,
with a limited number of attempts (:mod:`collabkit.assess.assessed`). Answers are kept in
``COLLABKIT_ANSWERS_DIR`` if set, else in ``.collabkit/`` beside the notebook (the
kernel's working folder): a folder the course never ships, so re-pulling the course with
nbgitpuller never touches it.
"""

from __future__ import annotations

import html
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from collabkit.assess.answer_text import answer_text
from collabkit.assess.assessed import Release, SealedQuestion
from collabkit.assess.feedback import Feedback
from collabkit.assess.questions import Question
from collabkit.assess.records import AnswerRecord, SidecarFile, now_iso, safe_name
from collabkit.core.atomic import write_json_atomic
from collabkit.core.coerce import describe
from collabkit.core.colours import WARNING
from collabkit.core.words import plural

ANSWERS_DIR_ENV = "COLLABKIT_ANSWERS_DIR"
#: The id of a student who never gave one.
ANONYMOUS = "anonymous"
#: The file in the answers folder that remembers the id across notebooks.
REMEMBERED = "student.json"
#: Set by BinderHub: there ``JUPYTERHUB_USER`` is a random name that changes every session.
BINDER_VARIABLES = ("BINDER_LAUNCH_HOST", "BINDER_REPO_URL", "BINDER_REQUEST")


@dataclass
class Session:
    """The current student's answers, restored from and saved to sidecar files."""

    student_id: str
    answers_dir: Path
    self_study: bool = False
    release: Release | None = None
    save_error: str | None = field(default=None, repr=False)
    _files: dict[str, SidecarFile] = field(default_factory=dict, repr=False)
    #: Worked solutions opened in this kernel (kept when ``start()`` makes a new session).
    _revealed: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        prefix = f"{safe_name(self.student_id)}-"
        if self.answers_dir.is_dir():
            for path in sorted(self.answers_dir.glob(f"{prefix}[0-9][0-9].json")):
                notebook = path.stem[len(prefix) :]
                self._file(notebook).load()

    def _file(self, notebook: str) -> SidecarFile:
        if notebook not in self._files:
            path = self.answers_dir / f"{safe_name(self.student_id)}-{notebook}.json"
            self._files[notebook] = SidecarFile(path, self.student_id)
        return self._files[notebook]

    @property
    def records(self) -> list[AnswerRecord]:
        """Every record of this student, oldest first (ties: by question id, then attempt)."""
        merged = [r for f in self._files.values() for r in f.records]
        return sorted(merged, key=lambda r: (r.time, r.question_id, r.attempt))

    def records_for(self, question_id: str) -> list[AnswerRecord]:
        """The records of one question, oldest first."""
        notebook = question_id.split(".", 1)[0]
        file = self._files.get(notebook)
        return [r for r in file.records if r.question_id == question_id] if file else []

    def latest_answers(self) -> dict[str, AnswerRecord]:
        """The last record of each answered question."""
        latest: dict[str, AnswerRecord] = {}
        for record in self.records:
            latest[record.question_id] = record
        return latest

    def attempts(self, question_id: str) -> int:
        return len(self.records_for(question_id))

    def may_reveal(self, question: Question) -> bool:
        """Self-learners may always see the worked explanation; others after N attempts.
        A graded item of an assessed release never shows one."""
        if isinstance(question, SealedQuestion):
            return False
        return self.self_study or self.attempts(question.id) >= question.reveal_after

    def attempt_limit(self, question: Question) -> int | None:
        """How many attempts ``question`` allows (None: unlimited)."""
        if isinstance(question, SealedQuestion) and self.release is not None:
            return self.release.attempts
        return None

    def mark_revealed(self, question_id: str) -> None:
        self._revealed.add(question_id)

    def submit(self, question: Question, answer: object) -> tuple[Feedback, AnswerRecord | None]:
        """Score an answer (for this student's variant), record it in the sidecar file, and
        return both. A blank or unreadable answer, or one past the attempt limit, is not
        recorded (the record is None) and the feedback says why."""
        variant = question.variant_of(self.student_id)
        own = question.for_variant(variant)
        feedback = own.check(answer)
        if not feedback.readable:
            return feedback, None
        limit = self.attempt_limit(question)
        if limit is not None and self.attempts(question.id) >= limit:
            return Feedback(
                score=0.0,
                max_score=feedback.max_score,
                correct=False,
                message=f"You have used all {limit} attempts. Your last recorded answer, "
                f"{_shown(self.records_for(question.id)[-1].answer)} (attempt {limit}), is "
                "the one that counts.",
                readable=False,
                recorded=True,
            ), None
        record = AnswerRecord(
            question_id=question.id,
            answer=own.recorded(answer),  # JSON-safe and bounded (Question.recorded)
            attempt=self.attempts(question.id) + 1,
            time=now_iso(),
            student_id=self.student_id,
            variant=variant,
            revealed_solution=question.id in self._revealed,
            release=self.release.release_id
            if self.release and isinstance(question, SealedQuestion)
            else None,
        )
        file = self._file(question.notebook)
        try:
            file.append(record)
            self.save_error, file.notice = file.notice, None
        except OSError as err:  # a read-only or full disk must not cost the student the answer
            self.save_error = (
                f"Your answer could not be saved to {file.path} ({err.strerror or err}). It "
                "still counts in this session and is kept in the notebook when you save it; "
                "tell your instructor."
            )
        return feedback, record

    def _repr_html_(self) -> str:
        answered = len(self.latest_answers())
        mode = " (self-study: worked solutions available on request)" if self.self_study else ""
        text = (
            f"<p>Answering as <b>{html.escape(self.student_id)}</b>{mode}. "
            f"Your answers are saved as you go; your answers to {plural(answered, 'question')} "
            "were restored.</p>"
            if answered
            else f"<p>Answering as <b>{html.escape(self.student_id)}</b>{mode}. "
            "Your answers are saved as you go.</p>"
        )
        if self.student_id == ANONYMOUS:
            text += (
                "<p>If your instructor grades this notebook, give your id once: run "
                '<code>collabkit.start(student_id="your id")</code>. The notebooks in this '
                "folder then remember it, and the questions already on screen answer as you."
                "</p>"
            )
        if self.release is not None:
            text += f"<p>{html.escape(assessed_notice(self.release, self.self_study))}</p>"
        for file in self._files.values():
            if file.notice:
                text += f'<p style="color:{WARNING}">{html.escape(file.notice)}</p>'
        return text


def _shown(answer: object) -> str:
    """A recorded answer in a sentence: a table or network result by its size and first
    rows, anything else as :func:`~collabkit.core.coerce.describe` shows it."""
    if isinstance(answer, dict) and answer.get("result") in ("table", "graph"):
        return describe(answer_text(None, answer), limit=60)
    return describe(answer)


def assessed_notice(release: Release, self_study: bool) -> str:
    """What an assessed release tells the student when the session starts."""
    notice = (
        f"This is an assessed release of notebook {release.notebook}. The graded task "
        "records your answers without marking them: you have "
        f"{release.attempts} attempt{'' if release.attempts == 1 else 's'} per graded "
        "question, and your last recorded attempt counts. Your instructor publishes the "
        "feedback after grading. Practice questions give instant feedback as usual."
    )
    if self_study:
        notice += (
            " Self-study opens the worked solutions of practice questions only: solutions "
            "are closed for graded tasks."
        )
    return notice


_current: Session | None = None
#: Names this kernel's own answers folder under Voila.
_KERNEL_SESSION = uuid.uuid4().hex
#: The assessed release this kernel runs, once a cell started it (never switched off).
_release: Release | None = None


def start(
    student_id: str | None = None,
    *,
    self_study: bool = False,
    answers_dir: str | os.PathLike[str] | None = None,
    release: str | None = None,
) -> Session:
    """Begin (or switch) the answering session and restore earlier answers.

    Parameters
    ----------
    student_id
        Your id as your instructor asked you to write it; remembered for the other
        notebooks of this folder. Defaults to the id remembered, else the JupyterHub user
        name (not on Binder), else ``"anonymous"``.
    self_study
        Learning alone: worked solutions may be revealed at any time.
    answers_dir
        Folder for the answer files; defaults to ``$COLLABKIT_ANSWERS_DIR`` or
        ``.collabkit`` in the current folder.
    release
        Written by ``collabkit release --assessed`` into the first cell of an assessed
        notebook; do not edit it. Once given, the kernel stays in assessed mode.
    """
    global _current, _release
    if release is not None:
        _release = _switch_release(release)
    if isinstance(student_id, int) and not isinstance(student_id, bool):
        student_id = str(student_id)  # a student number typed without quotes
    sid = student_id.strip() if isinstance(student_id, str) and student_id.strip() else None
    folder = Path(answers_dir or os.environ.get(ANSWERS_DIR_ENV) or _default_folder())
    if sid:
        _remember(folder, sid)
    else:
        sid = _remembered(folder) or _hub_user() or ANONYMOUS
    revealed = _current._revealed if _current is not None else set()
    _current = Session(
        student_id=sid,
        answers_dir=folder,
        self_study=self_study,
        release=_release,
        _revealed=revealed,
    )
    return _current


def _default_folder() -> Path:
    """``.collabkit`` beside the notebook; under Voila, where every visitor of a page gets
    a kernel of their own in the same folder, a folder of this kernel's own in it."""
    if "voila" in os.environ.get("SERVER_SOFTWARE", "").lower():
        return Path(".collabkit") / "voila" / _KERNEL_SESSION
    return Path(".collabkit")


def _remember(folder: Path, student_id: str) -> None:
    """Keep ``student_id`` for the next notebook started with this answers folder."""
    try:
        write_json_atomic(folder / REMEMBERED, {"student_id": student_id})
    except OSError:
        pass  # a read-only folder: the id then lasts for this kernel only


def _remembered(folder: Path) -> str | None:
    """The id a notebook using ``folder`` was last started with, if any."""
    try:
        data = json.loads((folder / REMEMBERED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sid = data.get("student_id") if isinstance(data, dict) else None
    return sid.strip() if isinstance(sid, str) and sid.strip() else None


def _hub_user() -> str | None:
    """JupyterHub's user name, except on Binder, where it is random for every session."""
    if any(name in os.environ for name in BINDER_VARIABLES):
        return None
    return os.environ.get("JUPYTERHUB_USER") or None


def _switch_release(token: str) -> Release:
    """The release in ``token``; a kernel that already runs a release keeps it."""
    try:
        release = Release.read(token)
    except ValueError as err:
        raise ValueError(
            "The release line of this notebook was changed, so the graded task cannot "
            "start. Ask your instructor for a fresh copy of the notebook."
        ) from err
    same = (release.notebook, release.release_id)
    if _release is not None and (_release.notebook, _release.release_id) != same:
        raise ValueError(
            f"This kernel already runs the assessed release of notebook {_release.notebook}; "
            "a notebook's release line cannot be changed. Restart the kernel to open another "
            "notebook."
        )
    return release


def active_release() -> Release | None:
    """The assessed release this kernel runs (None: practice mode)."""
    return _release


def current_session() -> Session:
    """The running session, started with defaults on first use."""
    return _current if _current is not None else start()
