"""The course's question banks, one module per notebook, and the course-wide views of them.

:data:`NOTEBOOKS` lists each notebook once: its number, its title and the module of its
question bank. A bank module defines ``SECTIONS`` (section id → title, in notebook order)
and ``QUESTIONS`` (a tuple of :class:`collabkit.assess.questions.Question`, or
:class:`~collabkit.assess.questions.DeferredQuestion` for a question whose key needs data,
a fitted model or a simulation). A bank is imported and checked on the first question of
its notebook, and a deferred question is built on its own first use, so the first question
of a notebook costs little more than importing pandas.

A bank with a graded task also defines ``GRADED_TASK``, a
:class:`~collabkit.assess.assessed.GradedTask`. In a kernel that runs an assessed release,
the task's questions are the release's sealed ones (no key, no solution); with the course
secret, :func:`assessed_questions` builds their keys for grading.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from collabkit.assess.assessed import ClosedQuestion, GradedTask
from collabkit.assess.progress import ProgressReport, summarize
from collabkit.assess.questions import DeferredQuestion, Question
from collabkit.assess.session import active_release, current_session


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course.

    Parameters
    ----------
    number
        The two-digit number that starts its file name and its question ids.
    title
        Its title, as in gradebook column names (``"collabkit 01 Fundamentals"``).
    bank
        The module that holds its questions.
    """

    number: str
    title: str
    bank: str


#: Every notebook, in course order.
NOTEBOOKS = (
    Notebook("00", "Start here", "collabkit.course.start_here"),
    Notebook("01", "Fundamentals", "collabkit.course.fundamentals"),
    Notebook("02", "Network design", "collabkit.course.network_design"),
    Notebook("03", "Platform economy", "collabkit.course.platform_economy"),
    Notebook("04", "Over-collaboration", "collabkit.course.over_collaboration"),
)

#: Notebook number → title (used in gradebook column names).
NOTEBOOK_TITLES = {notebook.number: notebook.title for notebook in NOTEBOOKS}


@dataclass(frozen=True)
class _Bank:
    """A notebook's section titles and its questions by id, in notebook order."""

    sections: Mapping[str, str]
    questions: Mapping[str, Question | DeferredQuestion]
    task: GradedTask | None


@cache
def _bank(notebook: Notebook) -> _Bank:
    """The bank of ``notebook``, imported and checked on first use."""
    module = importlib.import_module(notebook.bank)
    questions: dict[str, Question | DeferredQuestion] = {}
    for question in module.QUESTIONS:
        if question.id in questions:
            raise ValueError(f"question id {question.id} is used twice")
        if question.notebook != notebook.number:
            raise ValueError(
                f"{question.id} is listed in {notebook.bank}, of notebook {notebook.number}"
            )
        if question.section not in module.SECTIONS:
            raise ValueError(f"{question.id}: section {question.section} has no title")
        questions[question.id] = question
    task = getattr(module, "GRADED_TASK", None)
    if task is not None and not set(task.question_ids) <= set(questions):
        raise ValueError(f"{notebook.bank}: the graded task's questions are not all listed")
    return _Bank(module.SECTIONS, questions, task)


def _built(notebook: Notebook, question: Question | DeferredQuestion) -> Question:
    """The question as this kernel shows it: sealed if an assessed release grades it."""
    release = active_release()
    task = _bank(notebook).task
    graded = task is not None and question.id in task.question_ids
    if release is not None and graded:
        if release.notebook != notebook.number:
            raise ClosedQuestion(
                f"{question.id} is a graded question of notebook {notebook.number}; this "
                f"kernel runs the assessed release of notebook {release.notebook}. Answer it "
                f"in notebook {notebook.number}."
            )
        return _sealed(notebook, question.id, _frozen(release.parameters))
    return question.question if isinstance(question, DeferredQuestion) else question


def _frozen(parameters: Mapping[str, Any]) -> str:
    return json.dumps(parameters, sort_keys=True)


@lru_cache(maxsize=64)
def _sealed(notebook: Notebook, question_id: str, parameters: str) -> Question:
    task = _bank(notebook).task
    assert task is not None
    return task.sealed(json.loads(parameters), question_id)


def graded_task(notebook: str) -> GradedTask | None:
    """The graded task of notebook ``notebook`` (e.g. ``"01"``), or None if it has none."""
    return next((_bank(n).task for n in _notebooks(notebook)), None)


def graded_question_ids() -> frozenset[str]:
    """The ids of every graded task's questions."""
    return frozenset(qid for n in NOTEBOOKS if (t := _bank(n).task) for qid in t.question_ids)


def task_parameters(notebook: str) -> Mapping[str, Any]:
    """The parameters of ``notebook``'s graded task this kernel works with: the assessed
    release's, or the open practice ones."""
    task = graded_task(notebook)
    if task is None:
        raise KeyError(f"notebook {notebook} has no graded task")
    release = active_release()
    return release.parameters if release and release.notebook == notebook else task.practice


def assessed_questions(secret: bytes) -> list[Question]:
    """The keyed graded questions of an assessed release made with ``secret``."""
    return [
        task.question(parameters, qid)
        for n in NOTEBOOKS
        if (task := _bank(n).task)
        for parameters in [task.course_parameters(secret)]
        for qid in task.question_ids
    ]


def _notebooks(notebook: str | None) -> list[Notebook]:
    """Every notebook, or the one numbered ``notebook`` (none if there is no such notebook)."""
    return [n for n in NOTEBOOKS if notebook is None or n.number == notebook]


def _questions(notebook: str | None = None) -> list[Question]:
    """The questions this kernel shows (without other notebooks' closed graded ones)."""
    shown = []
    for n in _notebooks(notebook):
        for question in _bank(n).questions.values():
            try:
                shown.append(_built(n, question))
            except ClosedQuestion:
                continue
    return shown


def _section_titles(notebook: str | None = None) -> dict[str, str]:
    return {sid: title for n in _notebooks(notebook) for sid, title in _bank(n).sections.items()}


def all_questions() -> list[Question]:
    """Every question of the course, in notebook order.

    Examples
    --------
    >>> questions = all_questions()
    >>> questions[0].id
    '00.basics.run'
    >>> sorted({question.notebook for question in questions})
    ['00', '01', '02', '03', '04']
    """
    return _questions()


def get_question(question_id: str) -> Question:
    """The question with this id; ``KeyError`` if there is none.

    Only the bank of the question's notebook is loaded.

    Examples
    --------
    ``check`` scores any answer and never raises; a wrong answer hears what it suggests:

    >>> question = get_question("00.basics.run")
    >>> question.check("b").correct
    True
    >>> feedback = question.check("c")
    >>> feedback.score
    0.0
    >>> feedback.message.startswith("You chose “Alt + Enter”. Alt + Enter runs the cell and")
    True
    >>> question.check(None).message
    'No answer yet: pick one of the options.'
    """
    number = question_id.split(".", 1)[0] if isinstance(question_id, str) else None
    for notebook in NOTEBOOKS:
        if notebook.number == number:
            return _built(notebook, _bank(notebook).questions[question_id])
    raise KeyError(question_id)


def section_titles() -> dict[str, str]:
    """Section id (``"01.pooling"``) → title, for every notebook."""
    return _section_titles()


def progress(notebook: str | None = None) -> ProgressReport:
    """Your answered and correct questions per section (of one notebook, e.g. ``"01"``)."""
    return summarize(_questions(notebook), _section_titles(notebook), current_session(), notebook)
