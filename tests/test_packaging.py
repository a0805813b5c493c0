"""Packaging: environment.yml agrees with pyproject.toml; the wheel's course files and
package list; the citation; the command line (``collabkit notebooks`` included); cheap
import. Building and installing the wheel itself: tests/test_wheel.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

import collabkit
from collabkit.cli import main
from collabkit.core import course_copy, shipped
from collabkit.core.course_copy import MANIFEST
from collabkit.core.shipped import KINDS, course_files
from tests.conftest import REPO, run_python


def normalise(name: str) -> str:
    """PEP 503 name normalisation: case and runs of ``-_.`` do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def conda_packages() -> list[str]:
    return [d for d in environment()["dependencies"] if isinstance(d, str)]


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    """Binder's environment: the package's dependencies and its front ends (``lab``)."""
    project = pyproject()["project"]
    wanted = {
        normalise(r.name): r.specifier
        for r in map(Requirement, project["dependencies"] + project["optional-dependencies"]["lab"])
    }
    conda = [
        d
        for d in conda_packages()
        if normalise(re.split(r"[<>=!~ ]", d)[0]) not in {"python", "pip"}
    ]
    listed = {normalise(r.name): r.specifier for r in map(Requirement, conda)}
    assert listed == wanted
    assert all(str(spec) for spec in wanted.values()), "every dependency has a lower bound"


def test_environment_yml_admits_the_versions_the_kit_is_tested_with():
    """The pins let Binder install what this test environment runs (plotly, JupyterLab,
    ipywidgets and the rest), so the course is not first tried on Binder with versions no
    test has seen."""
    from importlib.metadata import version

    for requirement in map(
        Requirement, [d for d in conda_packages() if not d.startswith(("python", "pip"))]
    ):
        installed = version(requirement.name)
        assert requirement.specifier.contains(installed, prereleases=True), (requirement, installed)


def test_environment_yml_suits_binder():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    pythons = [d for d in conda_packages() if re.match(r"python\b", d)]
    assert len(pythons) == 1
    match = re.fullmatch(r"python=(3\.\d+)", pythons[0])  # repo2docker reads '=' pins only
    assert match, pythons[0]
    assert match.group(1) in SpecifierSet(pyproject()["project"]["requires-python"])
    assert "pip" in conda_packages()
    (pip,) = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert "-e ." in pip or "." in pip


def test_python_requirement():
    assert pyproject()["project"]["requires-python"] == ">=3.11"


def test_version_is_defined_once():
    project = pyproject()
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "collabkit._version.__version__"
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", collabkit.__version__)


def test_the_wheel_lists_every_subpackage():
    setuptools = pyproject()["tool"]["setuptools"]
    on_disk = {
        ".".join(path.parent.relative_to(REPO).parts)
        for path in (REPO / "collabkit").rglob("__init__.py")
    }
    course = {f"collabkit._course.{kind}" for kind in KINDS}
    assert set(setuptools["packages"]) == on_disk | course, (
        "list every package of collabkit/ in [tool.setuptools] packages of pyproject.toml"
    )
    assert setuptools["package-dir"] == {f"collabkit._course.{kind}": kind for kind in KINDS}


def test_the_wheel_carries_every_course_file_and_nothing_hidden():
    """The patterns of ``[tool.setuptools.package-data]`` pick exactly the files that
    ``collabkit notebooks`` copies from a checkout: a new kind of file beside the notebooks
    (an image, say) needs its pattern."""
    patterns = pyproject()["tool"]["setuptools"]["package-data"]
    packed = set()
    for kind in KINDS:
        folder = REPO / kind
        for pattern in patterns[f"collabkit._course.{kind}"]:
            packed |= {path for path in folder.glob(pattern) if path.is_file()}
    assert packed == set(course_files().values())
    assert not any(part.startswith(".") for path in packed for part in path.parts[-2:])


def test_the_citation_names_this_version_and_license():
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    project = pyproject()["project"]
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == collabkit.__version__
    assert citation["license"] == project["license"] == "MIT"
    assert citation["authors"] == project["authors"]
    assert citation["title"].startswith("collabkit")
    assert "doi" not in citation and "identifiers" not in citation
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def cli(*args: str, module: str = "collabkit.cli") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, timeout=60
    )


def test_cli_help_and_version():
    helped = cli("--help")
    assert helped.returncode == 0
    assert "usage: collabkit" in helped.stdout and "questions" in helped.stdout
    assert "notebooks" in helped.stdout
    version = cli("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"collabkit {collabkit.__version__}"
    bare = cli()
    assert bare.returncode == 0 and "usage: collabkit" in bare.stdout


def test_python_m_collabkit_is_the_command():
    helped = cli("--help", module="collabkit")
    assert helped.returncode == 0 and helped.stdout == cli("--help").stdout
    version = cli("--version", module="collabkit")
    assert version.stdout.strip() == f"collabkit {collabkit.__version__}"
    wrong = cli("no-such-command", module="collabkit")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_the_notebooks_command_copies_the_course_and_then_keeps_the_learners_work(tmp_path, capsys):
    dest = tmp_path / "my course"
    assert main(["notebooks", str(dest)]) == 0
    out = capsys.readouterr().out
    files = course_files()
    for name, source in files.items():
        assert (dest / name).read_bytes() == source.read_bytes(), name
        assert f"{name}: added" in out
    assert f"{len(files)} added, 0 updated, 0 kept" in out
    assert f"jupyter lab '{dest}'" in out
    assert not (dest / "datasets" / ".collabkit").exists()
    worked = dest / "01_fundamentals.ipynb"
    worked.write_text(worked.read_text(encoding="utf-8") + " ", encoding="utf-8")
    for argv in (["notebooks", str(dest)], ["notebooks", str(dest), "--update"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "01_fundamentals.ipynb: kept: you changed it" in out
        assert f"0 added, 0 updated, 1 kept, {len(files) - 1} already up to date" in out
        assert worked.read_text(encoding="utf-8").endswith(" ")


def test_the_notebooks_command_reports_a_corrupt_record_and_keeps_going(tmp_path, capsys):
    assert main(["notebooks", str(tmp_path)]) == 0
    (tmp_path / MANIFEST).write_text("{", encoding="utf-8")
    capsys.readouterr()
    assert main(["notebooks", str(tmp_path), "--update"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"note: {tmp_path / MANIFEST} could not be read")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notebooks", str(REPO / "README.md")], "is a file"),
        (["notebooks", str(REPO / "notebooks")], "holds the course's own files"),
        (["notebooks", str(REPO)], "holds the course's own files"),
    ],
)
def test_the_notebooks_command_refuses_a_file_or_the_course_itself(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("collabkit:") and message in err and err.count("\n") == 1
    assert not (REPO / "notebooks" / MANIFEST).exists() and not (REPO / MANIFEST).exists()


def test_the_notebooks_command_says_why_a_copy_stopped(tmp_path, monkeypatch, capsys):
    def disk_full(path, data, **kwargs):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(course_copy, "write_bytes_atomic", disk_full)
    assert main(["notebooks", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("collabkit: the copy stopped:") and "No space left" in err
    assert "Traceback" not in err


def test_the_notebooks_command_needs_its_destination(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["notebooks"])
    assert stopped.value.code == 2
    assert "DEST" in capsys.readouterr().err


def test_the_notebooks_command_says_when_the_package_holds_no_course(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(shipped, "course_files", dict)
    assert main(["notebooks", str(tmp_path / "my-course")]) == 1
    assert "holds no course files" in capsys.readouterr().err
    assert not (tmp_path / "my-course").exists()


def test_the_installed_command_runs():
    command = shutil.which("collabkit", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("the collabkit console script is not installed next to this Python")
    version = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0
    assert version.stdout.strip() == f"collabkit {collabkit.__version__}"


@pytest.mark.slow  # two fresh interpreters load every question bank
def test_cli_lists_every_question_with_type_and_points():
    listing = cli("questions")
    assert listing.returncode == 0
    rows = [line.split("\t") for line in listing.stdout.splitlines()]
    assert [row[0] for row in rows] == [q.id for q in collabkit.all_questions()]
    assert [(row[1], float(row[2])) for row in rows] == [
        (q.kind, q.points) for q in collabkit.all_questions()
    ]
    only = cli("questions", "01.task")
    assert only.returncode == 0
    assert [line.split("\t")[0] for line in only.stdout.splitlines()] == [
        q.id for q in collabkit.all_questions() if q.id.startswith("01.task")
    ]


@pytest.mark.slow  # a fresh interpreter loads every question bank
def test_cli_rejects_an_unknown_prefix_with_one_line():
    missing = cli("questions", "99")
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr.count("\n") == 1
    assert missing.stderr.startswith("collabkit:") and "'99'" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.slow  # a fresh interpreter loads every question bank
def test_import_collabkit_loads_no_heavy_dependency():
    code = (
        "import sys, collabkit\n"
        "print(sorted(m for m in ('plotly', 'ipywidgets', 'pandas') if m in sys.modules))\n"
        "collabkit.all_questions()\n"
        "print(sorted(m for m in ('plotly', 'ipywidgets', 'IPython') if m in sys.modules))\n"
    )
    out = run_python(code, timeout=60)
    on_import, after_questions = out.stdout.splitlines()
    assert on_import == "[]"
    assert after_questions == "[]"  # grading needs no widgets or plotting


def test_public_names_resolve():
    for name in collabkit.__all__:
        assert getattr(collabkit, name) is not None
    with pytest.raises(AttributeError):
        collabkit.no_such_name  # noqa: B018


def test_make_targets_exist_for_the_two_readme_commands():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in ("lab", "test", "bench", "wheel"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "make lab" in readme and "make test" in readme and "make wheel" in readme
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
