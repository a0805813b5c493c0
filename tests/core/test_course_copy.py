"""Copying the course into a learner's folder: a first copy writes everything, a second one
keeps every file the learner has, and ``update`` merges like nbgitpuller (untouched files
get the new version, changed ones stay), whatever state the manifest is in."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from collabkit.core import course_copy
from collabkit.core.course_copy import (
    MANIFEST,
    CourseCopyError,
    Outcome,
    copy_course,
    read_manifest,
    sha256,
)

VERSION_1 = {
    "00_intro.ipynb": b'{"cells": ["intro, version 1"]}\n',
    "01_work.ipynb": b'{"cells": ["work, version 1"]}\n',
    "datasets/firms.csv": b"firm_id,size\nF01,3\n",
    "datasets/README.md": b"# Data\r\nbytes are copied as they are\r\n",
}


def course(tmp_path: Path, contents: dict[str, bytes], name: str = "course") -> dict[str, Path]:
    """A course folder holding ``contents``; returns name in the copy → source file."""
    files = {}
    for relative, data in contents.items():
        source = tmp_path / name / relative
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(data)
        files[relative] = source
    return files


def version_2(tmp_path: Path) -> dict[str, Path]:
    """The course's next version: both notebooks and the data change, a notebook is new."""
    return course(
        tmp_path,
        {
            "00_intro.ipynb": b'{"cells": ["intro, version 2"]}\n',
            "01_work.ipynb": b'{"cells": ["work, version 2"]}\n',
            "02_new.ipynb": b'{"cells": ["new in version 2"]}\n',
            "datasets/firms.csv": b"firm_id,size\nF01,3\nF02,8\n",
            "datasets/README.md": VERSION_1["datasets/README.md"],
        },
        "course-2",
    )


def contents(dest: Path) -> dict[str, bytes]:
    """Every file in ``dest`` but the manifest, by its relative POSIX name."""
    return {
        path.relative_to(dest).as_posix(): path.read_bytes()
        for path in sorted(dest.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def manifest(dest: Path) -> dict:
    return json.loads((dest / MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture
def copied(tmp_path) -> Path:
    """A learner's folder with a first copy of version 1."""
    dest = tmp_path / "my-course"
    copy_course(course(tmp_path, VERSION_1), dest, kit_version="9.9.9")
    return dest


def test_a_first_copy_writes_every_file_byte_for_byte_and_records_it(tmp_path):
    dest = tmp_path / "new" / "my-course"
    report = copy_course(course(tmp_path, VERSION_1), dest, kit_version="9.9.9")
    assert report.outcomes == dict.fromkeys(VERSION_1, Outcome.ADDED)
    assert report.kept == [] and report.manifest_problem is None
    assert contents(dest) == VERSION_1
    record = manifest(dest)
    assert record["schema"] == 1 and record["kit_version"] == "9.9.9"
    assert record["files"] == {name: sha256(data) for name, data in VERSION_1.items()}
    assert report.summary() == "4 added, 0 updated, 0 kept, 0 already up to date"
    assert not [p for p in dest.rglob("*.tmp")]  # atomic writes leave no temporary file
    if sys.platform != "win32":
        assert (dest / "00_intro.ipynb").stat().st_mode & 0o777 == 0o644


def test_a_second_copy_keeps_the_learners_changes(copied, tmp_path):
    worked = b'{"cells": ["intro, version 1", "my answers"]}\n'
    (copied / "00_intro.ipynb").write_bytes(worked)
    report = copy_course(course(tmp_path, VERSION_1), copied)
    assert report.outcomes["00_intro.ipynb"] is Outcome.EDITED
    assert sorted(report.names(Outcome.UNCHANGED)) == sorted(set(VERSION_1) - {"00_intro.ipynb"})
    assert report.kept == ["00_intro.ipynb"]
    assert contents(copied) == VERSION_1 | {"00_intro.ipynb": worked}
    assert manifest(copied)["files"]["00_intro.ipynb"] == sha256(VERSION_1["00_intro.ipynb"])


def test_without_update_a_new_version_overwrites_nothing(copied, tmp_path):
    worked = b"my own notes"
    (copied / "01_work.ipynb").write_bytes(worked)
    report = copy_course(version_2(tmp_path), copied)
    assert report.outcomes == {
        "00_intro.ipynb": Outcome.OUTDATED,
        "01_work.ipynb": Outcome.CONFLICT,
        "02_new.ipynb": Outcome.ADDED,
        "datasets/firms.csv": Outcome.OUTDATED,
        "datasets/README.md": Outcome.UNCHANGED,
    }
    assert contents(copied) == VERSION_1 | {
        "01_work.ipynb": worked,
        "02_new.ipynb": b'{"cells": ["new in version 2"]}\n',
    }
    assert "--update" in Outcome.OUTDATED.value


def test_update_brings_untouched_files_up_to_date_and_keeps_changed_ones(copied, tmp_path):
    worked = b"my own notes"
    (copied / "01_work.ipynb").write_bytes(worked)
    (copied / "datasets" / "firms.csv").unlink()  # deleted by the learner: comes back
    new = version_2(tmp_path)
    report = copy_course(new, copied, update=True, kit_version="10.0.0")
    assert report.outcomes == {
        "00_intro.ipynb": Outcome.UPDATED,
        "01_work.ipynb": Outcome.CONFLICT,
        "02_new.ipynb": Outcome.ADDED,
        "datasets/firms.csv": Outcome.ADDED,
        "datasets/README.md": Outcome.UNCHANGED,
    }
    expected = {name: path.read_bytes() for name, path in new.items()}
    assert contents(copied) == expected | {"01_work.ipynb": worked}
    record = manifest(copied)
    assert record["kit_version"] == "10.0.0"
    assert record["files"]["00_intro.ipynb"] == sha256(expected["00_intro.ipynb"])
    # the changed file keeps the hash of the version copied before, so it stays the learner's
    assert record["files"]["01_work.ipynb"] == sha256(VERSION_1["01_work.ipynb"])
    again = copy_course(new, copied, update=True)
    assert again.outcomes["01_work.ipynb"] is Outcome.CONFLICT
    assert (copied / "01_work.ipynb").read_bytes() == worked
    assert sorted(again.names(Outcome.UNCHANGED)) == sorted(set(new) - {"01_work.ipynb"})


def test_without_a_manifest_every_file_that_differs_is_kept(copied, tmp_path):
    (copied / MANIFEST).unlink()
    report = copy_course(version_2(tmp_path), copied, update=True)
    assert report.manifest_problem is None
    assert report.outcomes == {
        "00_intro.ipynb": Outcome.UNRECORDED,
        "01_work.ipynb": Outcome.UNRECORDED,
        "02_new.ipynb": Outcome.ADDED,
        "datasets/firms.csv": Outcome.UNRECORDED,
        "datasets/README.md": Outcome.UNCHANGED,
    }
    assert {k: v for k, v in contents(copied).items() if k != "02_new.ipynb"} == VERSION_1
    assert sorted(manifest(copied)["files"]) == ["02_new.ipynb", "datasets/README.md"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "could not be read"),
        ('"a string"', "not a manifest of schema 1"),
        ('{"schema": 2, "files": {}}', "not a manifest of schema 1"),
        ('{"schema": 1, "files": ["00_intro.ipynb"]}', "does not map file names"),
        ('{"schema": 1, "files": {"00_intro.ipynb": "abc"}}', "does not map file names"),
        ('{"schema": 1, "files": {"00_intro.ipynb": null}}', "does not map file names"),
    ],
)
def test_a_corrupt_manifest_loses_nothing_and_is_written_anew(copied, tmp_path, text, problem):
    (copied / MANIFEST).write_text(text, encoding="utf-8")
    report = copy_course(version_2(tmp_path), copied, update=True)
    assert problem in report.manifest_problem
    assert report.names(Outcome.UPDATED) == []
    assert report.outcomes["00_intro.ipynb"] is Outcome.UNRECORDED
    assert (copied / "00_intro.ipynb").read_bytes() == VERSION_1["00_intro.ipynb"]
    assert read_manifest(copied)[1] is None  # readable again
    assert manifest(copied)["files"]["02_new.ipynb"] == sha256(b'{"cells": ["new in version 2"]}\n')


def test_an_unreadable_manifest_file_is_a_problem_not_a_crash(copied, tmp_path):
    (copied / MANIFEST).write_bytes(b"\xff\xfe not utf-8")
    recorded, problem = read_manifest(copied)
    assert recorded == {} and "could not be read" in problem


def test_a_folder_or_link_in_the_way_is_kept_and_the_rest_is_copied(tmp_path):
    dest = tmp_path / "my-course"
    (dest / "00_intro.ipynb").mkdir(parents=True)
    (dest / "datasets").write_text("a file where the folder goes", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.ipynb"
    elsewhere.write_bytes(b"not the course")
    (dest / "01_work.ipynb").symlink_to(elsewhere)
    report = copy_course(course(tmp_path, VERSION_1), dest, update=True)
    assert report.outcomes == {
        "00_intro.ipynb": Outcome.BLOCKED,
        "01_work.ipynb": Outcome.BLOCKED,
        "datasets/firms.csv": Outcome.BLOCKED,
        "datasets/README.md": Outcome.BLOCKED,
    }
    assert elsewhere.read_bytes() == b"not the course"
    assert (dest / "datasets").read_text(encoding="utf-8") == "a file where the folder goes"


def test_a_file_or_the_course_itself_as_destination_is_refused(tmp_path):
    files = course(tmp_path, VERSION_1)
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(CourseCopyError, match="is a file"):
        copy_course(files, target)
    with pytest.raises(CourseCopyError, match="course's own files"):
        copy_course(files, tmp_path / "course")
    assert not (tmp_path / "course" / MANIFEST).exists()


def test_a_failed_write_stops_the_copy_and_records_what_was_copied(tmp_path, monkeypatch):
    written = []

    def write_or_fail(path, data, **kwargs):
        if written:
            raise OSError(28, "No space left on device")
        written.append(Path(path).name)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(data)

    monkeypatch.setattr(course_copy, "write_bytes_atomic", write_or_fail)
    dest = tmp_path / "my-course"
    with pytest.raises(OSError, match="No space"):
        copy_course(course(tmp_path, VERSION_1), dest)
    assert manifest(dest)["files"] == {"00_intro.ipynb": sha256(VERSION_1["00_intro.ipynb"])}
    monkeypatch.undo()
    report = copy_course(course(tmp_path, VERSION_1), dest)
    assert report.names(Outcome.UNCHANGED) == ["00_intro.ipynb"]
    assert contents(dest) == VERSION_1
