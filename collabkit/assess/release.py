"""Making the student version of a notebook, and checking it gives nothing away.

A release copy has every output cleared (no executed widget state, no answers), every cell
tagged ``solution`` removed (instructors tag worked cells in JupyterLab's property
inspector), and ``metadata.collabkit`` stamped with the assignment (notebook number) and
the kit version. :func:`leaks` then looks for any answer key text (a question's worked
explanation or model answer) or a remaining solution cell.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from collabkit._version import __version__
from collabkit.assess.questions import FreeText, Question

SOLUTION_TAG = "solution"


def release_notebook(notebook: dict, assignment: str) -> dict:
    """A student copy of ``notebook`` (the input is not modified)."""
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
    }
    return released


def _key_texts(questions: Iterable[Question]) -> dict[str, str]:
    texts = {}
    for q in questions:
        if len(q.explanation) >= 40:
            texts[f"{q.id} worked explanation"] = q.explanation
        if isinstance(q, FreeText):
            texts[f"{q.id} model answer"] = q.model_answer
    return texts


def leaks(notebook: dict, questions: Iterable[Question]) -> list[str]:
    """Every answer-key text or solution cell found in ``notebook`` (empty: clean)."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            found.append(f"cell {index} is tagged '{SOLUTION_TAG}'")
    text = "\n".join("".join(cell.get("source", "")) for cell in notebook.get("cells", [])) + str(
        [c.get("outputs", []) for c in notebook.get("cells", [])]
    )
    for name, key in _key_texts(questions).items():
        if key[:60] in text:
            found.append(f"the {name} appears in the notebook")
    return found
