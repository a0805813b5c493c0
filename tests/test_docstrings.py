"""Docstrings: each public function shows an example that ``make test`` runs, and no
docstring sends the reader to a document outside the repository."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import collabkit
from tests.conftest import REPO

#: Public names without a doctest: ``start`` and ``progress`` act on the learner's session,
#: ``ask``, ``answer`` and ``solution`` show widgets (they need a kernel), and
#: ``PLATFORM_PRESETS`` is a table that ``simulate_platform``'s example uses.
NO_EXAMPLE = {"__version__", "start", "progress", "ask", "answer", "solution", "PLATFORM_PRESETS"}


def doctest_modules() -> list[str]:
    """The files listed in the Makefile's ``DOCTEST_MODULES``."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    match = re.search(r"^DOCTEST_MODULES\s*:=(.*)$", makefile, re.MULTILINE)
    assert match, "the Makefile defines DOCTEST_MODULES"
    return match.group(1).split()


def test_every_public_function_shows_an_example_that_make_test_runs():
    listed = doctest_modules()
    for name in sorted(set(collabkit.__all__) - NO_EXAMPLE):
        public = getattr(collabkit, name)
        assert ">>> " in (public.__doc__ or ""), f"{name} has no example"
        path = Path(inspect.getfile(public)).resolve().relative_to(REPO).as_posix()
        assert path in listed, f"{path} (with {name}) is not in DOCTEST_MODULES"


def test_the_doctest_modules_exist_and_need_no_kernel():
    for path in doctest_modules():
        assert (REPO / path).is_file(), path
        assert path.startswith("collabkit/") and not path.startswith("collabkit/widgets/")


def test_no_docstring_points_to_a_document_outside_the_repository():
    for path in sorted((REPO / "collabkit").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bDESIGN principle|\.\./shared/", text), path
