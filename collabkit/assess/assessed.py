"""Assessed releases: graded tasks whose keys only the instructor's course secret unlocks.

A notebook's graded task is a :class:`GradedTask`: its questions are built from
*parameters* (the numbers and data of the task's scenario). Practice mode uses the task's
open ``practice`` parameters, as every self-learner sees them. An assessed release draws the
course's own parameters from the instructor's *course secret* (:func:`task_rng`: an
HMAC-SHA256 of the secret seeds the draw), so the keys depend on something no student
receives.

The released notebook carries a :class:`Release` token: the notebook, the release id (a
fingerprint of the secret), the attempt limit and the parameters the student works with,
signed with the secret. The student's kernel reads it without the secret and shows each
graded item *sealed* (:class:`SealedQuestion`): its prompt and answer form, a format check
("recorded"), and no key, hint or worked solution. Only ``collabkit grade`` with the same
secret verifies the token and builds the keyed questions.

What this protects, and what it does not, is in ``docs/instructor.md`` ("Grading
integrity").
"""

from __future__ import annotations

import base64
import binascii
import gc
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from collabkit.assess import questions as qt
from collabkit.assess import results
from collabkit.assess.attempts import MAX_ATTEMPTS
from collabkit.assess.feedback import Feedback
from collabkit.core import coerce
from collabkit.core.number_reader import Expect, read_amount

#: Bytes of randomness in a course secret (written as 64 hexadecimal digits).
SECRET_BYTES = 32


class ClosedQuestion(KeyError):
    """A graded question this kernel may not show: it belongs to another notebook's
    assessed release. Its one argument is the sentence to show the student."""


class SecretError(ValueError):
    """A course secret that cannot be made, read or used; the message says what to do."""


def new_secret(path: str | os.PathLike[str]) -> Path:
    """Write a new course secret to ``path`` (readable by its owner only) and return it.

    Refuses to replace an existing file: the keys of every release made with a secret can
    only be recomputed with that secret.
    """
    target = Path(path)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as err:
        raise SecretError(
            f"{target} already exists; a course keeps its secret for the whole term "
            "(releases made with it can only be graded with it)"
        ) from err
    except OSError as err:
        raise SecretError(f"cannot write {target}: {err.strerror or err}") from err
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(os.urandom(SECRET_BYTES).hex() + "\n")
    return target


def read_secret(path: str | os.PathLike[str]) -> bytes:
    """The course secret kept in ``path``; :class:`SecretError` if it cannot be used."""
    source = Path(path)
    try:
        text = source.read_text(encoding="ascii").strip()
    except FileNotFoundError as err:
        raise SecretError(
            f"{source} does not exist; make a course secret once with "
            f"`collabkit secret {source}` and keep a backup"
        ) from err
    except (OSError, UnicodeDecodeError) as err:
        raise SecretError(f"cannot read the course secret {source}: {err}") from err
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != SECRET_BYTES:
        raise SecretError(
            f"{source} is not a collabkit course secret ({SECRET_BYTES * 2} hexadecimal "
            "digits, as written by `collabkit secret`)"
        )
    return secret


def _mac(secret: bytes, message: str) -> bytes:
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).digest()


def release_id(secret: bytes) -> str:
    """A short public fingerprint of ``secret``: tells which secret made a release."""
    return _mac(secret, "collabkit release id").hex()[:12]


def task_rng(secret: bytes, notebook: str) -> np.random.Generator:
    """The random generator that draws the course parameters of ``notebook``'s task."""
    digest = _mac(secret, f"collabkit graded task {notebook}")
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


Parameters = Mapping[str, Any]


@dataclass(frozen=True)
class GradedTask:
    """The graded task of one notebook, as questions built from scenario parameters.

    Parameters
    ----------
    notebook
        The notebook number, e.g. ``"01"``.
    question_ids
        The graded questions, in notebook order.
    practice
        The open parameters of practice mode (JSON values only).
    draw
        Draws a course's parameters (JSON values only) from a generator seeded by the
        course secret (:func:`task_rng`).
    build
        ``build(parameters, question_id)``: the keyed question for these parameters.
    forget
        Clears whatever ``build`` keeps (caches of fits, audits, searched plans), so that a
        student's kernel holds no key once its graded items are sealed.
    """

    notebook: str
    question_ids: tuple[str, ...]
    practice: Parameters
    draw: Callable[[np.random.Generator], dict[str, Any]]
    build: Callable[[Parameters, str], qt.Question]
    forget: Callable[[], None] = lambda: None

    def question(self, parameters: Parameters, question_id: str) -> qt.Question:
        """The keyed question ``question_id`` for ``parameters``."""
        if question_id not in self.question_ids:
            raise KeyError(question_id)
        return self.build(parameters, question_id)

    def practice_questions(self) -> tuple[qt.DeferredQuestion, ...]:
        """The task's questions with the practice parameters, built on first use."""
        return tuple(
            qt.DeferredQuestion(qid, lambda q: self.question(self.practice, q))
            for qid in self.question_ids
        )

    def sealed(self, parameters: Parameters, question_id: str) -> SealedQuestion:
        """The question as a student's kernel shows it in an assessed release: built,
        sealed, and the keyed question and everything ``build`` kept dropped."""
        sealed = seal(self.question(parameters, question_id))
        self.forget()
        gc.collect()  # the keyed question and its fitted models, if held in a cycle
        return sealed

    def course_parameters(self, secret: bytes) -> dict[str, Any]:
        """The parameters an assessed release made with ``secret`` gives this task."""
        drawn = self.draw(task_rng(secret, self.notebook))
        return json.loads(json.dumps(drawn))  # what the token carries, exactly


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Release:
    """What an assessed release tells the student's kernel about one notebook.

    Parameters
    ----------
    notebook
        The notebook number.
    release_id
        :func:`release_id` of the secret the release was made with.
    attempts
        Attempts each graded item allows; the last one counts.
    parameters
        The graded task's parameters the student works with.
    """

    PREFIX: ClassVar[str] = "ck1"

    notebook: str
    release_id: str
    attempts: int
    parameters: Parameters

    def __post_init__(self) -> None:
        if not (isinstance(self.attempts, int) and 1 <= self.attempts <= MAX_ATTEMPTS):
            raise ValueError(f"attempts must be a whole number from 1 to {MAX_ATTEMPTS}")

    def _payload(self) -> str:
        data = {
            "notebook": self.notebook,
            "release_id": self.release_id,
            "attempts": self.attempts,
            "parameters": self.parameters,
        }
        return _b64(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def token(self, secret: bytes) -> str:
        """The release as one line of text, signed with ``secret``."""
        payload = self._payload()
        signature = _b64(_mac(secret, f"{self.PREFIX}.{payload}")[:16])
        return f"{self.PREFIX}.{payload}.{signature}"

    @classmethod
    def read(cls, token: object) -> Release:
        """The release in ``token``, without checking its signature (the student's side).

        Raises ``ValueError`` when ``token`` is not a release token.
        """
        try:
            prefix, payload, _ = str(token).split(".")
            data = json.loads(_unb64(payload))
            if prefix != cls.PREFIX or not isinstance(data, dict):
                raise ValueError
            return cls(
                notebook=str(data["notebook"]),
                release_id=str(data["release_id"]),
                attempts=data["attempts"],
                parameters=dict(data["parameters"]),
            )
        except (ValueError, KeyError, TypeError, binascii.Error, RecursionError) as err:
            raise ValueError("this is not a collabkit release token") from err

    @classmethod
    def verify(cls, token: object, secret: bytes) -> Release | None:
        """The release in ``token`` if ``secret`` signed it, else None."""
        try:
            release = cls.read(token)
        except ValueError:
            return None
        return release if hmac.compare_digest(release.token(secret), str(token)) else None


# -- sealed questions: what an assessed kernel knows of a graded item --------------------

#: The answer forms a sealed question can take (the kind of the question it seals).
_SHAPES = {
    qt.MultipleChoice: "choice",
    qt.MultiSelect: "multi",
    qt.Numeric: "numeric",
    qt.Classification: "classify",
    qt.FreeText: "text",
    qt.Rubric: "rubric",
    qt.CodeAnswer: "code",
    results.TableResult: "table",
    results.GraphResult: "graph",
}


@dataclass(frozen=True, kw_only=True)
class SealedQuestion(qt.Question):
    """A graded item as an assessed release shows it: prompt and answer form, no key.

    ``check`` only reads the answer's format and says what was recorded; the score comes
    from ``collabkit grade`` with the course secret. There is no hint and no worked
    explanation to reveal.
    """

    kind: ClassVar[str] = "sealed"

    shape: str
    options: Mapping[str, str]
    items: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    unit: str = ""
    scale: str = ""
    answer_format: str = "text"
    choices: tuple[str, ...] = ()
    instructor_graded: bool = False
    #: A table result's checked columns and label column (what its record keeps).
    columns: tuple[str, ...] = ()
    labels: str | None = None

    @property
    def key(self) -> Any:
        raise AttributeError("a graded item of an assessed release has no key in this kernel")

    def category_of(self, value: object) -> str | None:
        """The category ``value`` names (any letter case), or None."""
        return qt.category_named(value, self.categories)

    def _unreadable(self, reason: coerce.Unreadable | str) -> Feedback:
        """Not recorded and not an attempt; no score is shown for a graded item."""
        return replace(super()._unreadable(reason), recorded=True)

    def _recorded(self, what: str) -> Feedback:
        return Feedback(
            score=0.0,
            max_score=float(self.points),
            correct=False,
            message=f"{what} Your instructor publishes the feedback after grading.",
            recorded=True,
        )

    def recorded(self, answer: object) -> Any:
        """What a record keeps: the summary of a table or graph result, the number of a
        numeric result, else the answer (JSON-safe)."""
        try:
            number = results.one_number(answer) if self.shape == "numeric" else None
            if number is not None and not isinstance(number, str):
                return super().recorded(number)
            if self.shape == "table":
                return results.summarize_table(answer, self.columns, self.labels)
            if self.shape == "graph":
                return results.summarize_graph(answer)
        except Exception as exc:  # an object whose methods raise
            return f"[{type(exc).__name__} while summarising the result]"
        return super().recorded(answer)

    def _check(self, answer: object) -> Feedback:
        if self.shape in ("table", "graph"):
            summary = self.recorded(answer)
            if isinstance(summary, str):
                return self._unreadable(summary)
            count = summary["n_rows"] if self.shape == "table" else summary["n_edges"]
            what = "rows" if self.shape == "table" else "ties"
            return self._recorded(f"Your result ({count:,} {what}) is saved.")
        if self.shape == "numeric":
            number = results.one_number(answer)
            if isinstance(number, str) and not isinstance(answer, str):
                return self._unreadable(number)
            answer = answer if number is None else number
            # no size of the key here: an ambiguous "1,250" is asked about, not guessed
            reading = read_amount(answer, Expect(unit=self.unit, scale=self.scale))
            if isinstance(reading, coerce.Unreadable):
                return self._unreadable(reading)
            note = f"{reading.note} " if reading.note else ""
            shown = f"{reading.value:,.6g} {self.unit}".rstrip()
            return self._recorded(f"{note}Your answer: {shown}.")
        if self.shape == "choice":
            choice = coerce.read_choice(answer, self.options)
            if isinstance(choice, coerce.Unreadable):
                return self._unreadable(choice)
            return self._recorded(f"Your answer: {qt.quoted(self.options[choice])}.")
        if self.shape == "multi":
            chosen = coerce.read_choices(answer, self.options)
            if isinstance(chosen, coerce.Unreadable):
                return self._unreadable(chosen)
            ticked = "; ".join(qt.quoted(self.options[key]) for key in sorted(chosen)) or "none"
            return self._recorded(f"You ticked {ticked}.")
        if self.shape == "classify":
            mapping = coerce.read_mapping(answer)
            if isinstance(mapping, coerce.Unreadable):
                return self._unreadable(mapping)
            given = {str(k).casefold(): v for k, v in mapping.items()}
            placed = sum(self.category_of(given.get(i.casefold())) is not None for i in self.items)
            if not placed:
                return self._unreadable("No answer yet: place the items, then check.")
            return self._recorded(f"{placed} of {len(self.items)} items placed.")
        if coerce.is_blank(answer):
            return self._unreadable("No answer yet: write or build your answer, then check it.")
        if self.shape in ("text", "code"):
            text = coerce.read_text(answer)
            if isinstance(text, coerce.Unreadable):
                return self._unreadable(text)
            recorded = self._recorded(f"Your answer ({len(text.split())} words) is saved.")
            return replace(recorded, submitted=self.instructor_graded)
        return self._recorded("Your answer is saved.")


def seal(question: qt.Question) -> SealedQuestion:
    """``question`` as a graded item of an assessed release shows it (nothing of its key)."""
    shape = next((name for kind, name in _SHAPES.items() if isinstance(question, kind)), None)
    if shape is None:
        raise TypeError(f"{question.id}: a {type(question).__name__} cannot be sealed")
    return SealedQuestion(
        id=question.id,
        prompt=question.prompt,
        points=question.points,
        reveal_after=question.reveal_after,
        shape=shape,
        options=dict(getattr(question, "options", {})),
        items=tuple(getattr(question, "items", ())),
        categories=tuple(getattr(question, "categories", ())),
        unit=getattr(question, "unit", ""),
        scale=getattr(question, "scale", ""),
        answer_format=getattr(question, "answer_format", "text"),
        choices=tuple(getattr(question, "choices", ())),
        instructor_graded=bool(getattr(question, "instructor_graded", False)),
        columns=tuple(getattr(question, "columns", ())),
        labels=getattr(question, "labels", None),
    )
