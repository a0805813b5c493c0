"""Packaging: environment.yml agrees with pyproject.toml; the command line; cheap import."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

import collabkit
from tests.conftest import REPO


def normalise(name: str) -> str:
    return name.lower().replace("_", "-")


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    wanted = {
        normalise(r.name): str(r.specifier)
        for r in map(Requirement, pyproject()["project"]["dependencies"])
    }
    conda = [
        d
        for d in environment()["dependencies"]
        if isinstance(d, str) and not d.startswith(("python=", "pip"))
    ]
    listed = {normalise(r.name): str(r.specifier) for r in map(Requirement, conda)}
    assert listed == wanted


def test_environment_yml_suits_binder():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    pythons = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert pythons == ["python=3.11"]  # repo2docker reads '=' pins only
    (pip,) = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert "-e ." in pip or "." in pip


def test_python_requirement():
    assert pyproject()["project"]["requires-python"] == ">=3.11"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collabkit.cli", *args], capture_output=True, text=True
    )


def test_cli_help_and_version():
    assert cli("--help").returncode == 0
    assert "questions" in cli("--help").stdout
    version = cli("--version")
    assert (
        version.returncode == 0 and version.stdout.strip() == f"collabkit {collabkit.__version__}"
    )


def test_cli_lists_questions_and_rejects_unknown_prefix():
    listing = cli("questions", "01.task")
    assert listing.returncode == 0
    assert listing.stdout.splitlines()[0].split("\t")[0] == "01.task.size"
    missing = cli("questions", "99")
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "99" in missing.stderr


def test_import_collabkit_loads_no_heavy_dependency():
    code = (
        "import sys, collabkit; "
        "print(sorted(m for m in ('plotly', 'ipywidgets', 'pandas', 'numpy', 'networkx') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_make_targets_exist_for_the_two_readme_commands():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in ("lab", "test", "bench"):
        assert f"\n{target}:" in makefile
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
