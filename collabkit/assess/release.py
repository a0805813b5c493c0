"""Making the student version of a notebook, and checking it gives nothing away.

A release copy has every output cleared (no executed widget state, no answers), every cell
tagged ``solution`` removed (instructors tag worked cells in JupyterLab's property
inspector), and ``metadata.collabkit`` stamped with the assignment (notebook number) and
the kit version. An assessed copy also carries its signed release token
(:class:`~collabkit.assess.assessed.Release`): in the metadata, and in the notebook's first
``collabkit.start()`` call, which puts the student's kernel in assessed mode.
:func:`leaks` then looks for any answer key text (a question's worked explanation, model
answer or numeric key) or a remaining solution cell.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable

from collabkit._version import __version__
from collabkit.assess.questions import FreeText, Numeric, Question

SOLUTION_TAG = "solution"
#: The call that starts a notebook's session (an assessed release adds its token to it).
START_CALL = "collabkit.start()"


def release_notebook(notebook: dict, assignment: str, token: str | None = None) -> dict:
    """A student copy of ``notebook`` (the input is not modified); with the ``token`` of an
    assessed release, the copy starts its kernel in assessed mode.

    Raises ``ValueError`` when an assessed copy has no ``collabkit.start()`` call to carry
    the token."""
    released = copy.deepcopy(notebook)
    cells = []
    for cell in released.get("cells", []):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    released["cells"] = cells
    metadata = released.setdefault("metadata", {})
    metadata.pop("widgets", None)
    metadata["collabkit"] = {
        **metadata.get("collabkit", {}),
        "assignment": assignment,
        "kit_version": __version__,
        "mode": "assessed" if token else "practice",
    }
    if token:
        metadata["collabkit"]["release"] = token
        _stamp_start(cells, assignment, token)
    return released


def _stamp_start(cells: list[dict], assignment: str, token: str) -> None:
    for cell in cells:
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "code" and START_CALL in source:
            call = (
                "# An assessed release: leave the next line exactly as it is.\n"
                f'collabkit.start(release="{token}")'
            )
            cell["source"] = source.replace(START_CALL, call, 1)
            return
    raise ValueError(f"notebook {assignment} has no {START_CALL} call to start assessed mode")


def _key_texts(questions: Iterable[Question]) -> dict[str, str]:
    texts = {}
    for q in questions:
        if len(q.explanation) >= 40:
            texts[f"{q.id} worked explanation"] = q.explanation
        if isinstance(q, FreeText):
            texts[f"{q.id} model answer"] = q.model_answer
    return texts


def numeric_key_forms(value: float) -> set[str]:
    """The ways a numeric key would be written (``6.9``, ``6.90``, ``12,917``, ``12917``),
    keeping only forms specific enough to be evidence (four characters or more)."""
    if not math.isfinite(value):
        return set()
    forms = {f"{value:g}", f"{value:.2f}", f"{value:,.2f}", f"{value:,.0f}", f"{value:.0f}"}
    if abs(value - round(value)) > 1e-9:
        forms -= {f"{value:,.0f}", f"{value:.0f}"}
    return {form for form in forms if len(form) >= 4}


def leaks(
    notebook: dict, questions: Iterable[Question], graded: Iterable[Question] = ()
) -> list[str]:
    """Every answer-key text or solution cell found in ``notebook`` (empty: clean).

    ``graded`` are the keyed graded questions of an assessed release: their numeric keys
    must not appear either, in any usual number format."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            found.append(f"cell {index} is tagged '{SOLUTION_TAG}'")
    text = "\n".join("".join(cell.get("source", "")) for cell in notebook.get("cells", [])) + str(
        [c.get("outputs", []) for c in notebook.get("cells", [])]
    )
    graded = list(graded)
    for name, key in _key_texts([*questions, *graded]).items():
        if key[:60] in text:
            found.append(f"the {name} appears in the notebook")
    for question in graded:
        if not isinstance(question, Numeric):
            continue
        for form in sorted(numeric_key_forms(question.answer)):
            if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text):
                found.append(f"the key of {question.id} ({form}) appears in the notebook")
    return found
