"""Copy the course into a learner's folder, and update that copy without losing their work.

The first copy writes every file. Later runs never overwrite a file the learner has:
each file that differs from the course's version is kept and reported. With ``update``,
the copy merges the way nbgitpuller does: new files are added (a deleted file comes back),
files the learner has not changed since the last copy get the course's new version, and
files the learner changed are kept.

Whether the learner changed a file is told by a manifest in the copy,
``.collabkit-course.json``: for every file, the SHA-256 of the version last copied there.
A missing or unreadable manifest loses nothing: every file that differs from the course is
then kept, and the manifest is written anew. Every file, the manifest included, is written
atomically (:mod:`collabkit.core.atomic`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from collabkit.core.atomic import write_bytes_atomic, write_json_atomic

#: The manifest's name in the learner's folder.
MANIFEST = ".collabkit-course.json"
#: The manifest's format; a manifest of another schema is treated as unreadable.
MANIFEST_SCHEMA = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")


class CourseCopyError(ValueError):
    """The destination cannot take a copy of the course; nothing was written."""


class Outcome(Enum):
    """What happened to one file of the course; the value says it to the learner."""

    ADDED = "added"
    UPDATED = "updated to the course's new version"
    UNCHANGED = "already up to date"
    EDITED = "kept: you changed it (the course's version is the same as at the last copy)"
    CONFLICT = "kept: you changed it, so the course's new version was not copied"
    OUTDATED = (
        "kept: the course has a newer version, and --update copies it (you have not "
        "changed this file)"
    )
    UNRECORDED = "kept: it differs from the course, and no earlier copy of it is recorded"
    BLOCKED = "kept: a folder or link is in the way, so nothing was copied there"

    @property
    def kept(self) -> bool:
        """Whether the learner's file stayed as it was although it differs from the course."""
        return self in _KEPT


_KEPT = frozenset(
    {Outcome.EDITED, Outcome.CONFLICT, Outcome.OUTDATED, Outcome.UNRECORDED, Outcome.BLOCKED}
)


@dataclass(frozen=True)
class CopyReport:
    """The outcome of one :func:`copy_course` run.

    Attributes
    ----------
    dest
        The learner's folder.
    outcomes
        Every file of the course (its name in the copy) → what happened to it.
    manifest_problem
        Why the manifest found in ``dest`` could not be used, or ``None`` (also when there
        was none: a first copy).
    """

    dest: Path
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    manifest_problem: str | None = None

    def names(self, *outcomes: Outcome) -> list[str]:
        """The files that had one of ``outcomes``, in the course's order."""
        return [name for name, outcome in self.outcomes.items() if outcome in outcomes]

    @property
    def kept(self) -> list[str]:
        """The files left as the learner had them although they differ from the course."""
        return [name for name, outcome in self.outcomes.items() if outcome.kept]

    def summary(self) -> str:
        """One line: how many files were added, updated, kept and already up to date."""
        return (
            f"{len(self.names(Outcome.ADDED))} added, {len(self.names(Outcome.UPDATED))} "
            f"updated, {len(self.kept)} kept, {len(self.names(Outcome.UNCHANGED))} already up "
            "to date"
        )


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def read_manifest(dest: Path) -> tuple[dict[str, str], str | None]:
    """The hashes recorded in ``dest``'s manifest, and why it could not be used (or None).

    A missing manifest gives no hashes and no problem; an unreadable one (not JSON, another
    schema, an entry that is not a file name and a SHA-256) gives no hashes and the reason.
    """
    path = dest / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return {}, f"{path} could not be read ({err})"
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
        return {}, f"{path} is not a manifest of schema {MANIFEST_SCHEMA}"
    recorded = data.get("files")
    if not isinstance(recorded, dict) or not all(
        isinstance(name, str) and isinstance(digest, str) and _SHA256.fullmatch(digest)
        for name, digest in recorded.items()
    ):
        return {}, f"{path} does not map file names to SHA-256 hashes"
    return dict(recorded), None


def copy_course(
    files: Mapping[str, Path], dest: Path, *, update: bool = False, kit_version: str = ""
) -> CopyReport:
    """Copy ``files`` into ``dest`` without overwriting anything the learner changed.

    Parameters
    ----------
    files
        Name in the copy (a relative POSIX path, such as ``datasets/firm_panel.csv``) →
        the file to copy there (:func:`collabkit.core.shipped.course_files`).
    dest
        The learner's folder; created if missing.
    update
        Also replace files the learner has not changed since the last copy (the manifest
        says which) with the course's version when it differs.
    kit_version
        Recorded in the manifest, to tell which version of the kit made the copy.

    Returns
    -------
    CopyReport
        What happened to each file.

    Raises
    ------
    CourseCopyError
        ``dest`` is a file, or holds the course's own files (a copy onto itself); nothing
        was written.
    OSError
        A file could not be read or written. Files already copied stay, and are recorded
        in the manifest.
    """
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise CourseCopyError(f"{dest} is a file; give a folder for the course")
    for name, source in files.items():
        target = dest / name
        if target.exists() and target.resolve() == source.resolve():
            raise CourseCopyError(
                f"{dest} holds the course's own files ({target}); choose another folder"
            )
    recorded, problem = read_manifest(dest) if dest.is_dir() else ({}, None)
    report = CopyReport(dest, {}, problem)
    dest.mkdir(parents=True, exist_ok=True)
    try:
        for name, source in files.items():
            report.outcomes[name] = _copy_one(
                source.read_bytes(), dest, name, recorded, update=update
            )
    finally:
        manifest = {"schema": MANIFEST_SCHEMA, "kit_version": kit_version, "files": recorded}
        write_json_atomic(dest / MANIFEST, manifest)
    return report


def _copy_one(
    data: bytes, dest: Path, name: str, recorded: dict[str, str], *, update: bool
) -> Outcome:
    """Copy ``data`` to ``dest / name`` unless the learner's file there must stay; the hash
    of what is copied goes into ``recorded``."""
    target, new = dest / name, sha256(data)
    if _blocked(dest, target):
        return Outcome.BLOCKED
    if not target.exists():
        write_bytes_atomic(target, data)
        recorded[name] = new
        return Outcome.ADDED
    current = sha256(target.read_bytes())
    if current == new:
        recorded[name] = new
        return Outcome.UNCHANGED
    if name not in recorded:
        return Outcome.UNRECORDED
    if recorded[name] != current:
        return Outcome.EDITED if recorded[name] == new else Outcome.CONFLICT
    if not update:
        return Outcome.OUTDATED
    write_bytes_atomic(target, data)
    recorded[name] = new
    return Outcome.UPDATED


def _blocked(dest: Path, target: Path) -> bool:
    """Whether something other than a plain file or folder stands where ``target`` goes: a
    folder or link at its place, or a file or link in place of one of its folders."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return True
    for folder in target.relative_to(dest).parents:
        place = dest / folder
        if place != dest and (place.is_symlink() or (place.exists() and not place.is_dir())):
            return True
    return False
