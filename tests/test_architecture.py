"""The layers hold (import-linter), the contract catches a forbidden import, and the old
import paths of notebooks already handed out still work, with a deprecation warning."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from collabkit._compat import MOVED_MODULES
from tests.conftest import REPO, run_python

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_line", "contract"),
    [
        ("models/pooling.py", "import plotly.graph_objects", "know nothing of plotting"),
        ("assess/grading.py", "from collabkit.course import all_questions", "Layers"),
        ("assess/records.py", "from collabkit.models.pooling import CostPooling", "no course"),
        ("figures/style.py", "import ipywidgets", "Figures know nothing of widgets"),
        ("core/coerce.py", "from collabkit.assess.feedback import Feedback", "Layers"),
    ],
)
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, forbidden_line, contract):
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copy(REPO / "pyproject.toml", copy)
    shutil.copytree(
        REPO / "collabkit", copy / "collabkit", ignore=shutil.ignore_patterns("__pycache__")
    )
    target = copy / "collabkit" / module
    target.write_text(target.read_text() + f"\n{forbidden_line}  # noqa\n")
    result = lint_imports(copy)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout


@pytest.mark.parametrize("old", sorted(MOVED_MODULES))
def test_an_old_module_path_hands_on_the_new_module_with_a_warning(old):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=MOVED_MODULES[old].replace(".", r"\.")):
        stand_in = importlib.import_module(old)
    new = importlib.import_module(MOVED_MODULES[old])
    public = [name for name in vars(new) if not name.startswith("_")]
    assert public
    assert all(getattr(stand_in, name) is getattr(new, name) for name in public)


@pytest.mark.slow  # a fresh interpreter imports the widgets and the audit
def test_a_notebook_handed_out_before_the_move_still_runs_its_imports():
    code = (
        "import warnings; warnings.simplefilter('ignore')\n"
        "from collabkit.widgets import network as explore\n"
        "from collabkit.widgets import platform as explore3\n"
        "from collabkit.analysis.audit import example_audit\n"
        "from collabkit.widgets.audit import AuditWidget\n"
        "print(callable(explore.partner_selection), callable(explore3.platform_explorer),\n"
        "      len(example_audit()) > 0, AuditWidget.__name__)\n"
    )
    result = run_python(code)
    assert result.stdout.split() == ["True", "True", "True", "AuditWidget"]


@pytest.mark.slow  # a fresh interpreter starts IPython and imports the widgets
def test_a_student_running_an_old_import_in_ipython_sees_no_warning():
    code = (
        "from IPython.testing.globalipapp import start_ipython\n"
        "ip = start_ipython()\n"
        "ip.run_cell('from collabkit.widgets import network as explore')\n"
        "ip.run_cell('explore.structure_explorer')\n"
        'ip.run_cell(\'import warnings; print("shown" if any(f[0] == "default" and '
        'f[2] is DeprecationWarning for f in warnings.filters) else "hidden")\')\n'
    )
    result = run_python(code)
    assert "shown" in result.stdout  # IPython does show deprecations raised in a cell ...
    assert "DeprecationWarning" not in result.stdout + result.stderr  # ... but not ours
