"""Shared test setup: keep every answer file out of the repository."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Set before any kernel starts (nbval and nbclient kernels inherit the environment), so no
# test ever writes answer sidecar files into notebooks/.collabkit.
os.environ["COLLABKIT_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="collabkit-answers-")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"


@pytest.fixture(autouse=True)
def fresh_session(tmp_path, monkeypatch):
    """Each test answers into its own folder, with no session carried over."""
    from collabkit.assess import session

    monkeypatch.setenv("COLLABKIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(session, "_current", None)
    yield
