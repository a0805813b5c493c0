"""Each notebook imports one module, ``collabkit.chapters.<chapter>``, which offers exactly
what the notebook's cells use, documents it, and costs next to nothing to import."""

from __future__ import annotations

import ast
import importlib
import re
import sys
import types
from pathlib import Path

import nbformat
import pytest

from collabkit.core.lazy import lazy_exports
from tests.conftest import NOTEBOOKS, run_python

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
#: The name every notebook gives its chapter.
ALIAS = "chapter"


def chapter_of(path: Path) -> str:
    """``04_over_collaboration.ipynb`` → ``collabkit.chapters.over_collaboration``."""
    return f"collabkit.chapters.{path.stem[3:]}"


def code_cells(path: Path) -> list[ast.Module]:
    nb = nbformat.read(path, as_version=4)
    return [ast.parse(cell.source) for cell in nb.cells if cell.cell_type == "code"]


def imports(tree: ast.Module) -> list[str]:
    """Each import statement of ``tree``, written out in one canonical form."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                f"import {a.name}" + (f" as {a.asname}" if a.asname else "") for a in node.names
            ]
        elif isinstance(node, ast.ImportFrom):
            found += [
                f"from {node.module} import {a.name}" + (f" as {a.asname}" if a.asname else "")
                for a in node.names
            ]
    return found


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_a_notebook_imports_collabkit_and_its_chapter_in_its_first_cell_only(path):
    first, *later = code_cells(path)
    chapter = chapter_of(path)
    package, name = chapter.rsplit(".", 1)
    assert imports(first) == ["import collabkit", f"from {package} import {name} as {ALIAS}"]
    assert [imports(tree) for tree in later] == [[] for _ in later]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_a_chapter_offers_exactly_what_its_notebook_uses(path):
    used = {
        node.attr
        for tree in code_cells(path)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == ALIAS
    }
    assert used == set(importlib.import_module(chapter_of(path)).__all__)


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_every_name_of_a_chapter_loads_and_is_in_its_docstring(path):
    chapter = importlib.import_module(chapter_of(path))
    assert chapter.__all__, chapter.__name__
    assert dir(chapter) == sorted(chapter.__all__)  # what tab completion offers
    for name in chapter.__all__:
        value = getattr(chapter, name)  # no deprecated path: pytest turns its warning to error
        assert not isinstance(value, types.ModuleType), name
        entry = rf"^(?:\S.*, )?{re.escape(name)}\b"  # an unindented line naming it
        assert re.search(entry, chapter.__doc__, re.MULTILINE), name
    with pytest.raises(AttributeError, match="no attribute 'explore'"):
        chapter.explore  # noqa: B018


def test_importing_every_chapter_loads_no_data_plotting_or_widget_library():
    code = (
        "import sys, collabkit\n"
        + "".join(f"import {chapter_of(path)}\n" for path in NOTEBOOK_FILES)
        + "heavy = ('numpy', 'pandas', 'networkx', 'plotly', 'ipywidgets', 'statsmodels')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    result = run_python(code)
    assert result.stdout.strip() == "[]"


def test_a_lazy_name_is_imported_on_first_use_and_kept(monkeypatch):
    module = types.ModuleType("lazy_example")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    names, getter, lister = lazy_exports(
        module.__name__, {"collabkit.core.atomic": ["write_text_atomic"]}
    )
    module.__all__ = names
    from collabkit.core.atomic import write_text_atomic

    assert names == ["write_text_atomic"] and lister() == names
    assert getter("write_text_atomic") is write_text_atomic
    assert vars(module)["write_text_atomic"] is write_text_atomic  # later reads skip getter
    with pytest.raises(AttributeError, match="'lazy_example' has no attribute 'other'"):
        getter("other")


def test_a_name_offered_by_two_modules_is_refused():
    with pytest.raises(ValueError, match="'load' comes from a.b and c.d"):
        lazy_exports("example", {"a.b": ["load"], "c.d": ["load"]})
