"""The question banks load lazily: the first question of a notebook loads only that
notebook's bank, and a question whose key needs data, a regression or the audit is built
on its own first use. The course as a whole keeps every question, in notebook order."""

from __future__ import annotations

import importlib
import json
import sys
import types

import pytest

import collabkit
from collabkit import course
from collabkit.assess.questions import DeferredQuestion, Numeric
from collabkit.cli import main
from collabkit.course import NOTEBOOKS, Notebook
from tests.conftest import NOTEBOOKS as NOTEBOOK_DIR
from tests.conftest import run_python

#: Modules too heavy for the first question of a notebook that does not use them.
HEAVY = ("statsmodels", "scipy", "networkx", "collabkit.data")


def _modules_after(code: str, tmp_path) -> list[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    out = run_python(script, cwd=tmp_path)
    assert "There is no question" not in out.stdout
    return json.loads(out.stdout.splitlines()[-1])


def _loaded(modules: list[str], package: str) -> bool:
    return any(m == package or m.startswith(f"{package}.") for m in modules)


def _bank_files() -> list[tuple[str, str]]:
    """(notebook number, bank module) from the notebook files: ``01_fundamentals.ipynb``
    keeps its questions in ``collabkit.course.fundamentals``."""
    stems = sorted(path.stem for path in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    return [(stem[:2], f"collabkit.course.{stem[3:]}") for stem in stems]


def test_the_first_question_of_00_loads_only_its_own_bank(tmp_path):
    modules = _modules_after("import collabkit\ncollabkit.ask('00.basics.run')", tmp_path)
    assert "collabkit.course.start_here" in modules
    assert "ipywidgets" in modules  # the question was shown
    for notebook in NOTEBOOKS[1:]:
        assert notebook.bank not in modules
    for package in HEAVY:
        assert not _loaded(modules, package), package


def test_a_question_built_from_the_firm_panel_runs_its_regression_on_first_use(tmp_path):
    first = _modules_after("import collabkit\ncollabkit.get_question('04.costs.match')", tmp_path)
    assert "collabkit.course.over_collaboration" in first
    assert not _loaded(first, "statsmodels")
    assert "collabkit.course.over_collaboration_audit" not in first
    assert not _loaded(first, "collabkit.data")
    graded = _modules_after(
        "import collabkit\nprint(collabkit.get_question('04.task.turning').key)", tmp_path
    )
    assert _loaded(graded, "statsmodels")
    assert "collabkit.data.firm_panel" in graded


def test_every_notebook_file_has_its_bank():
    assert [(n.number, n.bank) for n in NOTEBOOKS] == _bank_files()


def test_all_questions_keeps_every_question_in_notebook_order(capsys):
    expected = [
        entry.id for _, bank in _bank_files() for entry in importlib.import_module(bank).QUESTIONS
    ]
    assert [q.id for q in collabkit.all_questions()] == expected
    assert main(["questions"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == expected
    assert not any(isinstance(q, DeferredQuestion) for q in collabkit.all_questions())


def test_get_question_finds_every_question_and_refuses_unknown_ids():
    for question in collabkit.all_questions():
        assert collabkit.get_question(question.id) is question
    for unknown in ("00.basics.nothing", "99.basics.run", "", "00", None, 5):
        with pytest.raises(KeyError):
            collabkit.get_question(unknown)


def _numeric(question_id: str) -> Numeric:
    return Numeric(id=question_id, prompt="How many?", answer=3.0)


def test_a_deferred_question_is_built_once():
    calls = []

    def build(question_id: str) -> Numeric:
        calls.append(question_id)
        return _numeric(question_id)

    deferred = DeferredQuestion("00.lazy.count", build)
    assert (deferred.notebook, deferred.section) == ("00", "00.lazy")
    assert calls == []
    assert deferred.question.key == 3.0
    assert deferred.question is deferred.question
    assert calls == ["00.lazy.count"]


def test_a_deferred_question_must_be_built_under_its_own_id():
    with pytest.raises(ValueError, match="00.lazy.b"):
        DeferredQuestion("00.lazy.a", lambda _: _numeric("00.lazy.b")).question  # noqa: B018
    with pytest.raises(ValueError, match="question id"):
        DeferredQuestion("lazy", _numeric)


@pytest.mark.parametrize(
    ("ids", "sections", "problem"),
    [
        (("07.a.one", "07.a.one"), {"07.a": "A"}, "used twice"),
        (("07.a.one", "06.a.two"), {"07.a": "A", "06.a": "A"}, "of notebook 07"),
        (("07.a.one", "07.b.two"), {"07.a": "A"}, "has no title"),
    ],
)
def test_a_bank_is_checked_when_its_notebook_is_first_asked(monkeypatch, ids, sections, problem):
    bank = types.ModuleType("collabkit_test_bank")
    bank.SECTIONS = sections
    bank.QUESTIONS = tuple(DeferredQuestion(qid, _numeric) for qid in ids)
    monkeypatch.setitem(sys.modules, bank.__name__, bank)
    notebook = Notebook("07", "A test notebook", bank.__name__)
    monkeypatch.setattr(course, "NOTEBOOKS", (*NOTEBOOKS, notebook))
    with pytest.raises(ValueError, match=problem):
        collabkit.get_question("07.a.one")
