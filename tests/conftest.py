"""Shared test setup: keep every answer file out of the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from collabkit.assess.questions import Classification, MultipleChoice, MultiSelect, Question
from collabkit.assess.results import GraphResult, TableResult

# Set before any kernel starts (nbval and nbclient kernels inherit the environment), so no
# test ever writes answer sidecar files into notebooks/.collabkit.
os.environ["COLLABKIT_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="collabkit-answers-")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"


def run_python(code: str, *, cwd: Path = REPO, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter that imports this checkout's collabkit, as a new
    kernel or command would; the test fails, showing the error output, if it exits non-zero."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(autouse=True)
def fresh_session(tmp_path, monkeypatch):
    """Each test answers into its own folder, with no session carried over."""
    from collabkit.assess import session

    monkeypatch.setenv("COLLABKIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(session, "_current", None)
    yield


def readable_wrong(question: Question) -> object:
    """An answer that is read (so it is an attempt) and is not the key."""
    key = question.key
    if isinstance(question, MultipleChoice):
        return next(option for option in question.options if option != key)
    if isinstance(question, MultiSelect):
        return [next(option for option in question.options if option not in key)]
    if isinstance(question, Classification):
        return {item: next(c for c in question.categories if c != category)
                for item, category in key.items()}  # fmt: skip
    if isinstance(question, TableResult):  # a table of one row the answer does not have
        return ["no such row"]
    if isinstance(question, GraphResult):
        return [("no such", "firm")]
    if isinstance(key, float):
        return key * 3 + 1
    if isinstance(key, dict):  # a plan: keep every platform, invest nothing
        return {"platform_share": 1.0}
    if isinstance(key, list):  # a network design: a single link
        return [key[0]]
    return "zzz"


@pytest.fixture
def sandbox() -> None:
    """Code answers can run in the bubblewrap sandbox here: skip the test with the reason
    where they cannot, except under ``CI=true``, where a missing sandbox fails it."""
    from collabkit.assess.isolation import find_isolation

    isolation = find_isolation()
    if not isolation.available:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must be able to sandbox code answers: {isolation.description}")
        pytest.skip(f"no sandbox for code answers here: {isolation.description}")
