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

from collabkit.assess.identity import ANONYMOUS, Identity
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
    #: When the file was collected: its modification time (seconds since the epoch).
    collected: float = 0.0


def read_submission(
    path: Path, max_bytes: int = MAX_BYTES, identity: Identity | None = None
) -> Submission:
    """Read ``path`` and collect its records; every irregularity is noted, none raises.

    Without ``identity`` the student is the one most of the records name; with it, only
    records whose id the identity accepts count (the others are reported). Ids compare
    case-insensitively; ``student_id`` keeps the spelling the records use (variants are
    drawn from it).
    """
    submission = Submission(path)
    try:
        stat = path.stat()
        size, submission.collected = stat.st_size, stat.st_mtime
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
    if not records:
        submission.problems.append("no answers recorded in this notebook")
        return submission
    counted = _owners(list(records.values()), identity, submission.problems)
    if not counted:
        return submission
    mine = [r for r in records.values() if r.student_id.casefold() in counted]
    spellings = Counter(r.student_id for r in mine)
    submission.student_id = max(spellings, key=lambda s: (spellings[s], s))
    submission.records = sorted(mine, key=lambda r: (r.time, r.question_id, r.attempt))
    submission.newest = submission.records[-1].time
    return submission


def _owners(
    records: list[AnswerRecord], identity: Identity | None, problems: list[str]
) -> frozenset[str]:
    """The case-folded ids whose records count: those ``identity`` accepts, or else the id
    most records name. Ignored records and ids spelled several ways are reported."""
    spellings = Counter(r.student_id for r in records)
    owners = Counter[str]()
    for spelling, count in spellings.items():
        owners[spelling.casefold()] += count
    if identity is not None:
        counted = frozenset(o for o in owners if o in identity.accepts)
        ignored = sorted(set(owners) - counted)
        if ignored:
            problems.append(
                f"records name {', '.join(ignored)}, not the file's owner by provenance "
                f"({identity.source}): those records were ignored"
            )
        if ANONYMOUS in counted:
            problems.append(
                f"records carry no student id ({ANONYMOUS}); counted as "
                f"{identity.student_id}'s by provenance ({identity.source})"
            )
    else:
        (owner, _), *others = owners.most_common()
        counted = frozenset([owner])
        if others:
            problems.append(
                f"records name several students; graded as {owner}, ignored the records of "
                f"{', '.join(sorted(o for o, _ in others))}"
            )
    variants = sorted(s for s in spellings if s.casefold() in counted - {ANONYMOUS})
    if len(variants) > len(counted - {ANONYMOUS}):
        problems.append(
            f"the student id is spelled {', '.join(variants)} in this file; ids compare "
            "case-insensitively, so they count as one student"
        )
    return counted


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
