"""Where the course is: a source checkout reads its own notebooks/ and datasets/, an
installed package the copy it ships in collabkit/_course, and no hidden folder of answers
or checkpoints is ever part of the course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabkit.core import shipped
from tests.conftest import REPO


def test_this_checkout_reads_the_repositorys_folders():
    assert shipped.checkout_root() == REPO
    assert shipped.course_folder("notebooks") == REPO / "notebooks"
    assert shipped.course_folder("datasets") == REPO / "datasets"


def test_the_course_files_are_the_notebooks_and_the_data_sets_with_their_dictionary():
    files = shipped.course_files()
    notebooks = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    data = sorted(f"datasets/{p.name}" for p in (REPO / "datasets").iterdir() if p.is_file())
    assert sorted(files) == sorted(notebooks + data)
    assert "datasets/README.md" in files and "00_start_here.ipynb" in files
    assert all(path.is_file() for path in files.values())


def fake_root(tmp_path: Path, name: str = "collabkit", folders=shipped.KINDS) -> Path:
    root = tmp_path / "root"
    (root / "collabkit" / "core").mkdir(parents=True)
    (root / "pyproject.toml").write_text(f'[project]\nname = "{name}"\n', encoding="utf-8")
    for folder in folders:
        (root / folder).mkdir()
    return root


@pytest.mark.parametrize(
    ("name", "folders", "found"),
    [
        ("collabkit", shipped.KINDS, True),
        ("another-project", shipped.KINDS, False),
        ("collabkit", ("notebooks",), False),
    ],
)
def test_a_checkout_is_collabkits_project_with_both_course_folders(
    tmp_path, monkeypatch, name, folders, found
):
    root = fake_root(tmp_path, name, folders)
    monkeypatch.setattr(shipped, "__file__", str(root / "collabkit" / "core" / "shipped.py"))
    assert shipped.checkout_root() == (root if found else None)


def test_site_packages_is_no_checkout(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    (site / "collabkit" / "core").mkdir(parents=True)
    (site / "datasets").mkdir()  # another project's `datasets` package, say
    (site / "notebooks").mkdir()
    monkeypatch.setattr(shipped, "__file__", str(site / "collabkit" / "core" / "shipped.py"))
    assert shipped.checkout_root() is None
    (site / "pyproject.toml").write_bytes(b"\xff not toml")
    assert shipped.checkout_root() is None


@pytest.fixture
def installed(tmp_path, monkeypatch) -> Path:
    """The kit as installed from a wheel: no checkout, the course in the package's
    ``_course`` folder (with the hidden folders a learner's work could leave)."""
    package = tmp_path / "site-packages" / "collabkit"
    course = package / shipped.PACKAGE_FOLDER
    for name in ("notebooks/00_a.ipynb", "notebooks/images/map.png", "datasets/x.csv"):
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_text(name, encoding="utf-8")
    for hidden in ("notebooks/.ipynb_checkpoints/00_a-checkpoint.ipynb",
                   "notebooks/.collabkit/anonymous-00.json", "datasets/.x.csv.swp",
                   "notebooks/__pycache__/x.pyc"):  # fmt: skip
        (course / hidden).parent.mkdir(parents=True, exist_ok=True)
        (course / hidden).write_text("not the course", encoding="utf-8")
    monkeypatch.setattr(shipped, "checkout_root", lambda: None)
    monkeypatch.setattr(shipped, "files", lambda name: package if name == "collabkit" else None)
    return course


def test_installed_the_kit_reads_the_course_shipped_in_the_package(installed):
    assert shipped.course_folder("datasets") == installed / "datasets"
    assert shipped.course_files() == {
        "00_a.ipynb": installed / "notebooks" / "00_a.ipynb",
        "images/map.png": installed / "notebooks" / "images" / "map.png",
        "datasets/x.csv": installed / "datasets" / "x.csv",
    }


def test_a_package_without_the_course_has_no_course_files(installed):
    shutil.rmtree(installed)
    assert shipped.course_files() == {}


def test_an_unknown_kind_of_course_folder_is_refused():
    with pytest.raises(ValueError, match="notebooks, datasets"):
        shipped.course_folder("answers")
