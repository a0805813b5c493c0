"""A bank of the result questions of ``test_results``, for grading them end to end."""

from __future__ import annotations

from collabkit.assess.questions import Question
from tests.assess.test_results import GRAPH, NUMBER, RANKED, TABLE


def all_questions() -> list[Question]:
    return [TABLE, RANKED, GRAPH, NUMBER]


def assessed_questions(secret: bytes) -> list[Question]:
    return []


def graded_question_ids() -> frozenset[str]:
    return frozenset()
