"""Making the student version of a notebook, and checking it gives nothing away.

A release copy has every output cleared (no executed widget state, no answers), every cell
tagged ``solution`` removed (in any case, ``solutions`` too; instructors tag worked cells in
JupyterLab's property inspector), and ``metadata.collabkit`` stamped with the assignment
(notebook number) and the kit version. An assessed copy also carries its signed release token
(:class:`~collabkit.assess.assessed.Release`): in the metadata, and in the notebook's first
``collabkit.start()`` call, which puts the student's kernel in assessed mode.
:func:`leaks` then looks for any answer key text (a question's worked explanation, model
answer or numeric key) anywhere a student can read it, a remaining solution cell, or an
nbgrader solution marker.
"""

from __future__ import annotations

import base64
import binascii
import copy
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from collabkit._version import __version__
from collabkit.assess.questions import FreeText, Numeric, Question
from collabkit.core.atomic import write_text_atomic

#: Cell tags that mark a worked solution, in any case: ``solution`` or ``solutions``.
SOLUTION_TAG_PATTERN = re.compile(r"solutions?", re.IGNORECASE)
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
        if _is_solution_cell(cell):
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


def is_solution_tag(tag: object) -> bool:
    """Whether a cell tag marks a worked solution (``solution``, ``Solution``,
    ``solutions``: any case, singular or plural)."""
    return isinstance(tag, str) and SOLUTION_TAG_PATTERN.fullmatch(tag.strip()) is not None


def _is_solution_cell(cell: dict) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return isinstance(tags, list) and any(map(is_solution_tag, tags))


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


_NUMBER = re.compile(
    r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\w.,])\d+\.\d+(?![\d.])"
)


def normalise(text: str) -> str:
    """``text`` as the leak check compares it: lower case, every run of whitespace one
    space, markdown emphasis and quote marks dropped, and numbers written one way (no
    thousands separators, no trailing decimal zeros: ``12,917.50`` becomes ``12917.5``)."""

    def plain(match: re.Match[str]) -> str:
        number = match.group().replace(",", "")
        return number.rstrip("0").rstrip(".") if "." in number else number

    text = _NUMBER.sub(plain, text.lower())
    text = re.sub(r"(?m)^\s*>\s?|[*_`]", "", text)
    return " ".join(text.split())


def _strings(value: object) -> Iterator[str]:
    """Every string and number inside a JSON value (dict keys too); text attachments and
    outputs stored as base64 are decoded."""
    if isinstance(value, str):
        yield value
        decoded = _base64_text(value)
        if decoded is not None:
            yield decoded
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, (int, float)):
        yield repr(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        texts = [item for item in value if isinstance(item, str)]
        if texts and len(texts) == len(value):  # a multi-line source or text output
            yield "".join(texts)
        else:
            for item in value:
                yield from _strings(item)


def _base64_text(value: str) -> str | None:
    """The UTF-8 text ``value`` encodes in base64 (attachments, binary outputs), if any."""
    compact = "".join(value.split())
    if len(compact) < 16 or len(compact) % 4 or not _BASE64.fullmatch(compact):
        return None
    try:
        return base64.b64decode(compact, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
#: nbgrader's solution markers, and its placeholder left above solution code.
_MARKER = re.compile(r"#+\s*(BEGIN|END)\s+SOLUTION\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"#\s*YOUR CODE HERE", re.IGNORECASE)
_PLACEHOLDER_ONLY = re.compile(
    r"^\s*(#.*|raise NotImplementedError(\(.*\))?|pass|\.\.\.)?\s*$", re.IGNORECASE
)


def _parts(notebook: dict) -> Iterator[tuple[str, str]]:
    """(where, text) of every place in ``notebook`` that students can read."""
    for index, cell in enumerate(notebook.get("cells", [])):
        if not isinstance(cell, dict):
            continue
        places = {
            "source": cell.get("source", ""),
            "output": cell.get("outputs", []),
            "metadata": cell.get("metadata", {}),
            "attachment": cell.get("attachments", {}),
        }
        for place, value in places.items():
            text = "\n".join(_strings(value))
            if text:
                yield f"cell {index} {place}", text
    metadata = dict(notebook.get("metadata", {}))
    stamped = dict(metadata.pop("collabkit", {}))
    for key in ("assignment", "kit_version", "mode", "release"):
        stamped.pop(key, None)  # the release's own stamp
    yield "notebook metadata", "\n".join(_strings([metadata, stamped]))


def _solution_markers(notebook: dict) -> list[str]:
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if not isinstance(cell, dict):
            continue
        if _is_solution_cell(cell):
            found.append(f"cell {index}: tagged as a solution ({cell['metadata']['tags']})")
        source = "\n".join(_strings(cell.get("source", "")))
        if _MARKER.search(source):
            found.append(f"cell {index}: holds an nbgrader solution marker (BEGIN/END SOLUTION)")
        elif _PLACEHOLDER.search(source):
            lines = source.splitlines()
            if not all(_PLACEHOLDER_ONLY.match(line) for line in lines):
                found.append(f"cell {index}: code is left below '# YOUR CODE HERE'")
    return found


def leaks(
    notebook: dict, questions: Iterable[Question], graded: Iterable[Question] = ()
) -> list[str]:
    """Every answer-key text or solution cell found in ``notebook`` (empty: clean), each
    naming its cell (or the notebook metadata) and the reason.

    The worked explanations and model answers of ``questions`` and of ``graded`` are looked
    for in every cell's source (markdown too), outputs, metadata and attachments and in the
    notebook's metadata, all :func:`normalised <normalise>` (so re-wrapped text or a number
    written with other separators is still found). ``graded`` are the keyed graded
    questions of an assessed release: their numeric keys must not appear either, in any
    usual number format."""
    found = _solution_markers(notebook)
    parts = list(_parts(notebook))
    normalised = [(where, normalise(text)) for where, text in parts]
    graded = list(graded)
    for name, key in _key_texts([*questions, *graded]).items():
        probe = normalise(key)[:60]
        for where, text in normalised:
            if probe in text:
                found.append(f"{where}: the {name} appears")
    for question in graded:
        if not isinstance(question, Numeric):
            continue
        written = sorted(numeric_key_forms(question.answer))
        plain = sorted({normalise(form) for form in written} - {""})
        for (where, raw), (_, text) in zip(parts, normalised, strict=True):
            hits = [form for form in written if _number_in(form, raw)] or [
                form for form in plain if len(form) >= 4 and _number_in(form, text)
            ]
            if hits:
                found.append(f"{where}: the key of {question.id} ({hits[0]}) appears")
    return found


def _number_in(form: str, text: str) -> bool:
    """Whether the number written ``form`` stands on its own in ``text`` (not as part of a
    longer number)."""
    return re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text) is not None


def publish(texts: Mapping[Path, str], out: Path) -> list[Path]:
    """Write the released notebooks ``texts`` (relative path → text) under ``out``.

    The whole release is first written to a temporary folder beside ``out``, then each file
    is moved into place (an atomic rename on one file system), so a release that fails
    while writing (a full disk, a name that cannot be made) leaves ``out`` as it was.
    Returns the paths written, in the order of ``texts``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.release-", dir=out.parent))
    try:
        for name, text in texts.items():
            write_text_atomic(staging / name, text)
        targets = []
        for name in texts:
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
            targets.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets
