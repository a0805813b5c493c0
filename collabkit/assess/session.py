"""Who is answering, and where their answers are kept.

A student's id comes from ``start(student_id=...)``, else from the ``JUPYTERHUB_USER``
environment variable that JupyterHub sets, else ``"anonymous"``. Answers are kept in
``COLLABKIT_ANSWERS_DIR`` if set, else in ``.collabkit/`` beside the notebook (the
kernel's working folder): a folder the course never ships, so re-pulling the course with
nbgitpuller never touches it.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from collabkit.assess.feedback import Feedback
from collabkit.assess.questions import Question
from collabkit.assess.records import AnswerRecord, SidecarFile, jsonable, now_iso, safe_name

ANSWERS_DIR_ENV = "COLLABKIT_ANSWERS_DIR"


@dataclass
class Session:
    """The current student's answers, restored from and saved to sidecar files."""

    student_id: str
    answers_dir: Path
    self_study: bool = False
    save_error: str | None = field(default=None, repr=False)
    _files: dict[str, SidecarFile] = field(default_factory=dict, repr=False)
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
        """Self-learners may always see the worked explanation; others after N attempts."""
        return self.self_study or self.attempts(question.id) >= question.reveal_after

    def mark_revealed(self, question_id: str) -> None:
        self._revealed.add(question_id)

    def submit(self, question: Question, answer: object) -> tuple[Feedback, AnswerRecord]:
        """Score an answer (for this student's variant), record it in the sidecar file, and
        return both."""
        variant = question.variant_of(self.student_id)
        feedback = question.for_variant(variant).check(answer)
        record = AnswerRecord(
            question_id=question.id,
            answer=jsonable(answer),
            attempt=self.attempts(question.id) + 1,
            time=now_iso(),
            student_id=self.student_id,
            variant=variant,
            revealed_solution=question.id in self._revealed,
        )
        file = self._file(question.notebook)
        try:
            file.append(record)
            self.save_error = None
        except OSError as err:  # a read-only or full disk must not cost the student the answer
            self.save_error = (
                f"Your answer could not be saved to {file.path} ({err.strerror or err}). It "
                "still counts in this session and is kept in the notebook when you save it; "
                "tell your instructor."
            )
        return feedback, record

    def _repr_html_(self) -> str:
        restored = len(self.records)
        mode = " (self-study: worked solutions available on request)" if self.self_study else ""
        return (
            f"<p>Answering as <b>{html.escape(self.student_id)}</b>{mode}. "
            f"Your answers are saved as you go; {restored} earlier answer"
            f"{'' if restored == 1 else 's'} restored.</p>"
        )


_current: Session | None = None


def start(
    student_id: str | None = None,
    *,
    self_study: bool = False,
    answers_dir: str | os.PathLike[str] | None = None,
) -> Session:
    """Begin (or switch) the answering session and restore earlier answers.

    Parameters
    ----------
    student_id
        Your id as your instructor asked you to write it. Defaults to the JupyterHub
        user name, or ``"anonymous"``.
    self_study
        Learning alone: worked solutions may be revealed at any time.
    answers_dir
        Folder for the answer files; defaults to ``$COLLABKIT_ANSWERS_DIR`` or
        ``.collabkit`` in the current folder.
    """
    global _current
    if isinstance(student_id, int) and not isinstance(student_id, bool):
        student_id = str(student_id)  # a student number typed without quotes
    sid = student_id if isinstance(student_id, str) and student_id.strip() else None
    sid = sid or os.environ.get("JUPYTERHUB_USER") or "anonymous"
    folder = answers_dir or os.environ.get(ANSWERS_DIR_ENV) or ".collabkit"
    _current = Session(student_id=sid.strip(), answers_dir=Path(folder), self_study=self_study)
    return _current


def current_session() -> Session:
    """The running session, started with defaults on first use."""
    return _current if _current is not None else start()
