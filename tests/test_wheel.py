"""The wheel carries the course. Built from a clean clone of the committed HEAD and
installed in a fresh virtual environment (its dependencies from the package index, which
pip's cache makes quick), it holds the notebooks and data sets and no top-level
``datasets`` package; ``collabkit notebooks`` copies the course out of it, ``python -m
collabkit`` runs, and every copied notebook runs in that environment's own kernel. An
editable install of the same clone reads the clone's own folders.

Uncommitted changes are not in the wheel: commit before running these tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # a build, a fresh environment and five kernels: a minute or two

KERNEL = "collabkit-wheel"


def run(*argv: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run a command outside this checkout (no ``PYTHONPATH``); fail showing its output if
    it exits non-zero."""
    result = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=clean_env(), capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would make a fresh interpreter import
    the checkout's collabkit instead of the installed one."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return env | extra


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Iterator[Path]:
    """A scratch folder for the module, removed at its end (the environment is large)."""
    folder = tmp_path_factory.mktemp("wheel")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def clone(work) -> Path:
    """A clean clone of the committed HEAD: no untracked file, no learner's answers."""
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of collabkit")
    head = run(git, "rev-parse", "HEAD", cwd=REPO).stdout.strip()
    target = work / "clone"
    run(git, "clone", "--quiet", "--no-checkout", REPO, target, cwd=work)
    run(git, "checkout", "--quiet", "--detach", head, cwd=target)
    return target


@pytest.fixture(scope="module")
def wheel(clone, work) -> Path:
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
        work / "dist", clone, cwd=work)  # fmt: skip
    (built,) = (work / "dist").glob("collabkit-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, work) -> Path:
    """A fresh environment with the wheel and ipykernel; its kernel spec, named
    ``collabkit-wheel``, is under ``work/kernels``."""
    env = work / "venv"
    run(sys.executable, "-m", "venv", env, cwd=work)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel, "ipykernel", cwd=work, timeout=600)
    run(python, "-m", "ipykernel", "install", "--prefix", work / "kernels", "--name", KERNEL,
        cwd=work)  # fmt: skip
    return python


@pytest.fixture(scope="module")
def course(venv, work) -> Path:
    """The course as a learner gets it from the installed wheel."""
    dest = work / "my-course"
    out = run(venv.with_name("collabkit"), "notebooks", dest, cwd=work).stdout
    assert "open the course with: jupyter lab" in out
    return dest


def tracked(clone: Path, folder: str) -> set[str]:
    out = run("git", "ls-files", folder, cwd=clone).stdout
    return {name.removeprefix(f"{folder}/") for name in out.splitlines()}


def test_the_wheel_holds_the_course_the_license_and_no_other_top_level_name(wheel, clone):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA")).rsplit("/", 2)[0]
        metadata = archive.read(f"{info}/METADATA").decode()
        license_text = archive.read(f"{info}/licenses/LICENSE")
    assert {name.split("/")[0] for name in names} == {"collabkit", info}
    for kind in ("notebooks", "datasets"):
        prefix = f"collabkit/_course/{kind}/"
        shipped = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
        assert shipped == tracked(clone, kind), kind
    assert "collabkit/__main__.py" in names
    assert "License-Expression: MIT" in metadata.splitlines()
    assert "License-File: LICENSE" in metadata.splitlines()
    assert license_text == (clone / "LICENSE").read_bytes()


def test_the_installed_kit_reads_its_own_data_and_installs_no_datasets_package(venv, work):
    code = (
        "import importlib.util, json, sysconfig, collabkit\n"
        "from collabkit.data import datasets_dir\n"
        "from collabkit.data.sellers import load_sellers\n"
        "print(json.dumps({'kit': collabkit.__file__, 'data': str(datasets_dir()),\n"
        "    'site': sysconfig.get_paths()['purelib'], 'rows': len(load_sellers()),\n"
        "    'datasets': importlib.util.find_spec('datasets') is not None}))\n"
    )
    found = json.loads(run(venv, "-c", code, cwd=work).stdout)
    site = Path(found["site"])
    assert Path(found["kit"]).is_relative_to(site)
    assert Path(found["data"]) == site / "collabkit" / "_course" / "datasets"
    assert (Path(found["data"]) / "platform_sellers.csv").is_file()
    assert found["rows"] == 40 * 24  # the shipped panel: 40 sellers over 24 months
    assert found["datasets"] is False
    assert not (site / "datasets").exists() and not (site / "notebooks").exists()


def test_the_installed_commands_copy_the_course_and_keep_out_of_the_package(
    venv, course, clone, work
):
    names = {p.relative_to(course).as_posix() for p in course.rglob("*") if p.is_file()}
    expected = tracked(clone, "notebooks") | {f"datasets/{n}" for n in tracked(clone, "datasets")}
    assert names == expected | {".collabkit-course.json"}
    for name in expected:
        source = clone / (name if name.startswith("datasets/") else f"notebooks/{name}")
        assert (course / name).read_bytes() == source.read_bytes(), name
    again = run(venv.with_name("collabkit"), "notebooks", course, "--update", cwd=work).stdout
    assert f"0 added, 0 updated, 0 kept, {len(expected)} already up to date" in again
    helped = run(venv, "-m", "collabkit", "--help", cwd=work).stdout
    assert "usage: collabkit" in helped and "notebooks" in helped
    run(venv, "-m", "collabkit", "datasets", "--check", cwd=work)
    refused = subprocess.run(
        [venv, "-m", "collabkit", "datasets"], cwd=work, env=clean_env(), capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2 and "--out DIR" in refused.stderr
    site = Path(run(venv, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=work).stdout.strip())  # fmt: skip
    assert not (site / "datasets").exists()


def test_every_copied_notebook_runs_in_the_installed_kernel(venv, course, work):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    specs = KernelSpecManager(kernel_dirs=[str(work / "kernels" / "share" / "jupyter" / "kernels")])
    assert Path(specs.get_kernel_spec(KERNEL).argv[0]) == venv
    answers = work / "answers"
    notebooks = sorted(course.glob("*.ipynb"))
    assert len(notebooks) >= 5
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.append(
            nbformat.v4.new_code_cell("import collabkit, sys\nprint(collabkit.__file__)")
        )
        manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)
        client = NotebookClient(
            notebook, km=manager, timeout=180, resources={"metadata": {"path": str(course)}}
        )
        client.execute(env=clean_env(COLLABKIT_ANSWERS_DIR=str(answers)))
        (printed,) = notebook.cells[-1].outputs
        kit = Path(printed["text"].strip())
        assert kit.is_relative_to(venv.parent.parent), f"{path.name} imported {kit}"
    assert not (course / ".collabkit").exists()  # answers went to COLLABKIT_ANSWERS_DIR


def test_an_editable_install_reads_the_checkouts_folders(clone, work):
    """``pip install -e`` maps the course folders too, but the kit reads the checkout's."""
    env = work / "editable"
    run(sys.executable, "-m", "venv", "--without-pip", env, cwd=work)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--editable", clone, cwd=work)  # fmt: skip
    code = (
        "import json, collabkit\n"
        "from collabkit.core.shipped import course_files\n"
        "from collabkit.data import datasets_dir\n"
        "print(json.dumps([collabkit.__file__, str(datasets_dir()),\n"
        "    sorted(str(p) for p in course_files().values())]))\n"
    )
    kit, data, files = json.loads(run(python, "-c", code, cwd=work).stdout)
    assert Path(kit) == clone / "collabkit" / "__init__.py"
    assert Path(data) == clone / "datasets"
    expected = [clone / "notebooks" / n for n in tracked(clone, "notebooks")]
    expected += [clone / "datasets" / n for n in tracked(clone, "datasets")]
    assert files == sorted(map(str, expected))
