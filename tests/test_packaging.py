"""Packaging: environment.yml agrees with pyproject.toml; the command line; cheap import."""

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
    wanted = {
        normalise(r.name): r.specifier
        for r in map(Requirement, pyproject()["project"]["dependencies"])
    }
    conda = [
        d
        for d in conda_packages()
        if normalise(re.split(r"[<>=!~ ]", d)[0]) not in {"python", "pip"}
    ]
    listed = {normalise(r.name): r.specifier for r in map(Requirement, conda)}
    assert listed == wanted
    assert all(str(spec) for spec in wanted.values()), "every dependency has a lower bound"


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


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collabkit.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_help_and_version():
    helped = cli("--help")
    assert helped.returncode == 0
    assert "usage: collabkit" in helped.stdout and "questions" in helped.stdout
    version = cli("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"collabkit {collabkit.__version__}"
    bare = cli()
    assert bare.returncode == 0 and "usage: collabkit" in bare.stdout


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
    for target in ("lab", "test", "bench"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
