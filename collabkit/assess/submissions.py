"""Reading answer records out of submitted notebooks, without executing anything.

A submission is an ``.ipynb`` file. Its answer records live in display outputs of MIME
type :data:`~collabkit.assess.records.MIME_TYPE` (one bundle per question, written by the
question widgets and by ``collabkit.answer``). Anything odd about a file becomes a
*problem* (a sentence) on the :class:`Submission`; reading never raises.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from collabkit.assess.records import MIME_TYPE, AnswerRecord

#: Files larger than this are not read (a normal submission is well under 1 MB of text
#: plus widget state).
MAX_BYTES = 50_000_000


@dataclass
class Submission:
    """What one file contributes: whose it is, its records, and what was wrong with it."""

    path: Path
    student_id: str | None = None
    records: list[AnswerRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    newest: str = ""
    #: The assessed-release token in the notebook's metadata ("" if there is none).
    release_token: str = ""


def read_submission(path: Path, max_bytes: int = MAX_BYTES) -> Submission:
    """Read ``path`` and collect its records; every irregularity is noted, none raises."""
    submission = Submission(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            submission.problems.append(
                f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit; not read"
            )
            return submission
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        submission.problems.append(f"not a readable notebook ({type(err).__name__})")
        return submission
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        submission.problems.append("not a Jupyter notebook (no list of cells)")
        return submission
    metadata = notebook.get("metadata")
    stamp = metadata.get("collabkit") if isinstance(metadata, dict) else None
    token = stamp.get("release") if isinstance(stamp, dict) else None
    submission.release_token = token if isinstance(token, str) else ""
    raw, forged = _bundles(notebook)
    if forged:
        submission.problems.append("score fields written in the file were ignored (re-scored)")
    records = {}
    malformed = 0
    for item in raw:
        record = AnswerRecord.from_dict(item)
        if record is None:
            malformed += 1
        else:
            records[(record.student_id, record.question_id, record.attempt, record.time)] = record
    if malformed:
        submission.problems.append(f"{malformed} malformed answer record(s) ignored")
    owners = Counter(r.student_id for r in records.values())
    if not owners:
        submission.problems.append("no answers recorded in this notebook")
        return submission
    student, _ = owners.most_common(1)[0]
    if len(owners) > 1:
        others = ", ".join(sorted(s for s in owners if s != student))
        submission.problems.append(
            f"records name several students; graded as {student}, ignored records of {others}"
        )
    submission.student_id = student
    submission.records = sorted(
        (r for r in records.values() if r.student_id == student),
        key=lambda r: (r.time, r.question_id, r.attempt),
    )
    submission.newest = submission.records[-1].time
    return submission


def _bundles(notebook: dict) -> tuple[list[object], bool]:
    """Raw record dicts from every collabkit bundle, and whether any carried a score."""
    found: list[object] = []
    forged = False
    for cell in notebook["cells"]:
        outputs = cell.get("outputs", []) if isinstance(cell, dict) else []
        for output in outputs if isinstance(outputs, list) else []:
            data = output.get("data", {}) if isinstance(output, dict) else {}
            bundle = data.get(MIME_TYPE) if isinstance(data, dict) else None
            if not isinstance(bundle, dict):
                continue
            records = bundle.get("records", [])
            if not isinstance(records, list):
                continue
            forged |= "score" in bundle or any(
                isinstance(r, dict) and "score" in r for r in records
            )
            found.extend(records)
    return found, forged
