"""Answer records: what a student submitted, when, and at which attempt.

A record never stores a score: grading scores the recorded answer again with the key, so
a score edited into a submitted notebook changes nothing (principle 5 and "Answer
records" in ``docs/architecture.md``).

Records travel two ways:

- in the notebook: each question's cell output carries a display bundle of MIME type
  :data:`MIME_TYPE` holding every record for that question, saved with the ``.ipynb``;
- in a sidecar file per student and notebook (``<answers dir>/<student>-<NN>.json``),
  rewritten atomically on every answer, which lets answers survive a kernel restart.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collabkit._version import __version__
from collabkit.core.atomic import locked, write_json_atomic

MIME_TYPE = "application/vnd.collabkit.answers+json"
SCHEMA = 1
#: Longest text kept from one answer; longer answers are truncated (and say so).
MAX_RECORDED_TEXT = 20_000
#: How often an unreadable sidecar file is read before it is moved aside, and the pause
#: between reads.
READ_ATTEMPTS = 3
READ_RETRY_SECONDS = 0.05


def jsonable(value: object, depth: int = 0) -> Any:
    """A JSON-safe copy of any answer: NaN and infinities become strings, unknown objects
    their (short) repr, deep or huge structures are cut."""
    if value is None or isinstance(value, (bool, int)) and abs(value) < 2**63:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        if len(value) > MAX_RECORDED_TEXT:
            return value[:MAX_RECORDED_TEXT] + f"… [truncated from {len(value):,} characters]"
        return value
    if depth >= 5:
        return "[nested too deeply to record]"
    if isinstance(value, dict):
        items = list(value.items())[:200]
        return {_text(k, str)[:200]: jsonable(v, depth + 1) for k, v in items}
    if isinstance(value, (list, tuple, set, frozenset)):
        members = sorted(value, key=_text) if isinstance(value, (set, frozenset)) else value
        return [jsonable(v, depth + 1) for v in list(members)[:200]]
    try:
        item = getattr(value, "item", None)
        if callable(item):  # numpy scalars
            return jsonable(item(), depth + 1)
    except Exception:
        pass
    return jsonable(_text(value)[:500], depth + 1)


def _text(value: object, convert: Callable[[object], str] = repr) -> str:
    """``repr`` (or ``str``) of any value; a broken ``__repr__`` or a huge int cannot raise."""
    try:
        return convert(value)
    except Exception:
        return f"<{type(value).__name__}>"


def now_iso() -> str:
    """The current time in UTC, ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class AnswerRecord:
    """One submitted answer."""

    question_id: str
    answer: Any
    attempt: int
    time: str
    student_id: str
    variant: str | None = None
    revealed_solution: bool = False
    #: The id of the assessed release the answer was given in (None: practice).
    release: str | None = None
    kit_version: str = __version__
    schema: int = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> AnswerRecord | None:
        """Rebuild a record, or None if ``data`` is not a well-formed record."""
        if not isinstance(data, dict):
            return None
        texts = [data.get(key) for key in ("question_id", "time", "student_id")]
        numbers = [data.get("attempt"), data.get("schema", SCHEMA)]
        if not all(isinstance(text, str) for text in texts) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in numbers
        ):
            return None  # e.g. a missing id, or an attempt of 1.5, "2", true or Infinity
        variant, version = data.get("variant"), data.get("kit_version", "")
        release = data.get("release")
        if any(v is not None and not isinstance(v, str) for v in (variant, release)):
            return None
        record = cls(
            question_id=data["question_id"],
            answer=data.get("answer"),
            attempt=data["attempt"],
            time=data["time"],
            student_id=data["student_id"],
            variant=variant,
            revealed_solution=bool(data.get("revealed_solution", False)),
            release=release,
            kit_version=version if isinstance(version, str) else "",
            schema=data.get("schema", SCHEMA),
        )
        return record if record.attempt >= 1 else None


def bundle(question_id: str, records: Iterable[AnswerRecord]) -> dict[str, Any]:
    """The display bundle that stores a question's records in the notebook."""
    records = list(records)
    if records:
        last = records[-1]
        text = (
            f"Answer saved: {question_id}, attempt {last.attempt}, "
            f"{last.time.replace('T', ' ')[:16]} UTC"
        )
    else:
        text = f"{question_id}: no answer saved yet"
    return {
        "text/plain": text,
        MIME_TYPE: {
            "schema": SCHEMA,
            "question_id": question_id,
            "records": [r.to_dict() for r in records],
        },
    }


@dataclass
class SidecarFile:
    """The answers of one student in one notebook, kept in a JSON file.

    Every write re-reads the file and merges while holding a lock on ``<file>.lock``, so
    two kernels answering the same notebook at the same moment lose none of each other's
    records. A file that cannot be read is read again a few times (a read can fail once
    for a passing reason, such as a network drive's hiccup); only if it stays unreadable is
    it moved aside (``*.unreadable-<time>``), never silently overwritten, and
    :attr:`notice` says so for the student.
    """

    path: Path
    student_id: str
    records: list[AnswerRecord] = field(default_factory=list)
    #: What the student should be told about this file (set when it was moved aside).
    notice: str | None = None

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(f"{self.path.name}.lock")

    def load(self) -> list[AnswerRecord]:
        """Read the file's records (under the lock; without it in a folder where no lock file
        can be made, such as a read-only one: writes are atomic, so a read sees a whole
        file either way)."""
        try:
            with locked(self.lock_path):
                self.records = self._read()
        except PermissionError:
            self.records = self._read()
        return self.records

    def append(self, record: AnswerRecord) -> None:
        """Add ``record`` (kept in memory even if writing the file then fails)."""
        self.records = [*self.records, record]
        with locked(self.lock_path):
            merged = {_identity(r): r for r in [*self._read(), *self.records]}
            self.records = sorted(merged.values(), key=lambda r: (r.time, r.question_id, r.attempt))
            write_json_atomic(
                self.path,
                {
                    "schema": SCHEMA,
                    "student_id": self.student_id,
                    "records": [r.to_dict() for r in self.records],
                },
            )

    def _read(self) -> list[AnswerRecord]:
        """The file's records (call with the lock held); an unreadable file is retried, then
        moved aside."""
        for attempt in range(1, READ_ATTEMPTS + 1):
            if not self.path.exists():
                return []
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                raw = data["records"]
                if not isinstance(raw, list):
                    raise TypeError("records is not a list")
            except (OSError, ValueError, KeyError, TypeError, RecursionError):
                if attempt < READ_ATTEMPTS:
                    time.sleep(READ_RETRY_SECONDS)
                continue
            return [r for r in map(AnswerRecord.from_dict, raw) if r is not None]
        stamp = now_iso().replace(":", "")
        aside = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        os.replace(self.path, aside)
        self.notice = (
            f"Your saved answers in {self.path} could not be read, so the file was kept as "
            f"{aside.name} and a new one started. Tell your instructor: the answers in it "
            "can be recovered."
        )
        return []


def _identity(record: AnswerRecord) -> tuple[str, int, str]:
    return (record.question_id, record.attempt, record.time)


def safe_name(text: str) -> str:
    """A file-name-safe version of a student id."""
    cleaned = re.sub(r"[^A-Za-z0-9_.@-]+", "_", text).strip("._")
    return cleaned[:64] or "anonymous"
