"""The simulator of notebook 03's graded task: it runs a plan in the task's own scenario
(practice or the assessed release's) and reports what the goals judge, without a verdict."""

from __future__ import annotations

import pytest

from collabkit.assess import session as session_module
from collabkit.assess.assessed import Release, release_id
from collabkit.course import graded_task
from collabkit.course.platform_economy_escape import (
    PRACTICE,
    EscapeScenario,
    model_plan,
    score_plan,
)
from collabkit.models.platform import PlatformStrategy
from collabkit.widgets.platform_economy import escape_trial

SECRET = bytes(range(7, 39))


def _levers(plan: PlatformStrategy) -> dict:
    return {name: getattr(plan, name) for name in escape_trial().controls}


def test_the_trial_starts_where_the_practice_smb_stands():
    trial = escape_trial()
    assert trial.values == _levers(PRACTICE.start)
    assert "Platform Trap" in trial.message.value


def test_the_trial_reports_the_numbers_the_goals_judge():
    trial = escape_trial()
    plan = model_plan(PRACTICE)
    assert plan is not None
    trial.set(**_levers(plan))
    scores = {s.criterion: s for s in score_plan(plan, PRACTICE)}
    revenue = next(s for name, s in scores.items() if name.startswith("keep at least"))
    kept = revenue.message.split(" is ")[1].split(" of")[0]  # e.g. "95%"
    assert f"<b>{kept}</b> of the last trapped year" in trial.message.value
    assert "correct" not in trial.message.value.lower() and "goal" not in trial.message.value


def test_in_an_assessed_kernel_the_trial_runs_the_release_scenario(tmp_path):
    parameters = graded_task("03").course_parameters(SECRET)
    token = Release("03", release_id(SECRET), 3, parameters).token(SECRET)
    session_module.start("s1", release=token, answers_dir=tmp_path)
    scenario = EscapeScenario.from_parameters(parameters)
    assert scenario != PRACTICE
    assert escape_trial().values == _levers(scenario.start)


@pytest.fixture(autouse=True)
def _practice_afterwards(monkeypatch):
    """The kernel-wide session and release come back as they were after each test."""
    monkeypatch.setattr(session_module, "_release", None)
    monkeypatch.setattr(session_module, "_current", None)
