"""A one-notebook course with a graded task, for testing assessed mode without the real
banks: a van's cost shared by some firms (the key is cost / firms)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from collabkit.assess.assessed import GradedTask
from collabkit.assess.questions import MultipleChoice, Numeric, Question


def _draw(rng: np.random.Generator) -> dict[str, Any]:
    return {"cost": int(rng.integers(20, 61)) * 1_000, "firms": int(rng.integers(3, 9))}


def _build(parameters: Mapping[str, Any], question_id: str) -> Question:
    cost, firms = parameters["cost"], parameters["firms"]
    return Numeric(
        id=question_id,
        points=2,
        prompt=f"A van costs {cost:,} € a year and {firms} firms share it equally. What "
        "does each firm pay? Answer in € per year.",
        answer=cost / firms,
        unit="€ per year",
        rel_tol=0.001,
        hint=f"Divide {cost:,} by {firms}.",
        explanation=f"Each firm pays {cost:,} / {firms} = {cost / firms:,.2f} € per year.",
    )


GRADED_TASK = GradedTask(
    notebook="01",
    question_ids=("01.task.share",),
    practice={"cost": 40_000, "firms": 5},
    draw=_draw,
    build=_build,
)

PRACTICE = MultipleChoice(
    id="01.toy.open",
    prompt="Is this a practice question?",
    options={"a": "yes", "b": "no"},
    correct="a",
)


def all_questions() -> list[Question]:
    return [PRACTICE, *(d.question for d in GRADED_TASK.practice_questions())]


def assessed_questions(secret: bytes) -> list[Question]:
    parameters = GRADED_TASK.course_parameters(secret)
    return [GRADED_TASK.question(parameters, qid) for qid in GRADED_TASK.question_ids]


def graded_question_ids() -> frozenset[str]:
    return frozenset(GRADED_TASK.question_ids)
