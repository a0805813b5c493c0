"""The course's question banks, one module per notebook, and the course-wide views of them.

Each bank module defines ``SECTIONS`` (section id → title, in notebook order) and
``QUESTIONS`` (a tuple of :class:`collabkit.assess.questions.Question`).
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from collabkit.assess.progress import ProgressReport, summarize
from collabkit.assess.questions import Question
from collabkit.assess.session import current_session

#: Notebook number → title (used in gradebook column names).
NOTEBOOK_TITLES = {
    "00": "Start here",
    "01": "Fundamentals",
    "02": "Network design",
    "03": "Platform economy",
    "04": "Over-collaboration",
}

BANKS = (
    "collabkit.course.start_here",
    "collabkit.course.fundamentals",
    "collabkit.course.network_design",
    "collabkit.course.platform_economy",
    "collabkit.course.over_collaboration",
)


@cache
def _banks() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in BANKS)


@cache
def _index() -> dict[str, Question]:
    index: dict[str, Question] = {}
    for bank in _banks():
        for question in bank.QUESTIONS:
            if question.id in index:
                raise ValueError(f"question id {question.id} is used twice")
            if question.section not in bank.SECTIONS:
                raise ValueError(f"{question.id}: section {question.section} has no title")
            index[question.id] = question
    return index


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
    return list(_index().values())


def get_question(question_id: str) -> Question:
    """The question with this id; ``KeyError`` if there is none.

    Examples
    --------
    ``check`` scores any answer and never raises; a wrong answer hears what it suggests:

    >>> question = get_question("00.basics.run")
    >>> question.check("b").correct
    True
    >>> feedback = question.check("a")
    >>> feedback.score, feedback.message
    (0.0, 'You chose (a). Enter on its own adds a new line inside the cell; it does not run it.')
    >>> question.check(None).message
    'No answer yet: pick one of the options (a, b, c, d).'
    """
    return _index()[question_id]


def section_titles() -> dict[str, str]:
    """Section id (``"01.pooling"``) → title, for every notebook."""
    return {sid: title for bank in _banks() for sid, title in bank.SECTIONS.items()}


def progress(notebook: str | None = None) -> ProgressReport:
    """Your answered and correct questions per section (of one notebook, e.g. ``"01"``)."""
    return summarize(all_questions(), section_titles(), current_session(), notebook)
