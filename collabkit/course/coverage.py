"""Which concepts the course teaches, lets a learner explore, exercises and grades.

The table is built from tags, not kept by hand:

- a notebook cell that teaches a concept carries the cell tag ``"teaches:<id>"``, and a cell
  that shows an explorer or a model a learner can move carries ``"explores:<id>"``
  (standard Jupyter cell tags, ``cell.metadata.tags``);
- a question lists the concepts it exercises in ``concepts``; it counts only if a notebook
  asks it (a code cell names its id), and it counts as graded when it belongs to its
  notebook's graded task.

:func:`coverage_table` gives one row per concept of :data:`collabkit.course.concepts.CONCEPTS`;
:func:`shortfalls` lists what falls short of the course's targets (every concept taught, at
least 80 % exercised, every course-map concept exercised) and every tag that names no
concept; :func:`coverage_markdown` writes the table of ``docs/coverage.md``
(``collabkit coverage --output docs/coverage.md``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from collabkit.course import all_questions, graded_question_ids
from collabkit.course.concepts import CONCEPTS, MAP, Concept

#: Cell-tag prefixes and what they say about a concept.
CELL_TAGS = {"teaches:": "taught", "explores:": "explored"}
#: The least share of concepts a question must exercise.
EXERCISED_TARGET = 0.8
_QUESTION_ID = re.compile(r"""["'](\d\d\.[A-Za-z0-9_.-]+)["']""")


@dataclass(frozen=True)
class Tag:
    """One concept tag found in the course.

    Parameters
    ----------
    concept
        The concept id the tag names.
    use
        ``"taught"``, ``"explored"`` or ``"exercised"``.
    where
        The notebook and cell (``"02 cell 7"``) or the question id that carries it.
    graded
        Whether the tag is on a graded question.
    """

    concept: str
    use: str
    where: str
    graded: bool = False


def cell_tags(notebook: Path) -> tuple[list[Tag], set[str]]:
    """The concept tags of a notebook's cells, and the question ids its code cells name.

    Parameters
    ----------
    notebook
        An ``.ipynb`` file whose name starts with its two-digit number.
    """
    number = notebook.name[:2]
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    tags: list[Tag] = []
    asked: set[str] = set()
    for index, cell in enumerate(cells, start=1):
        for tag in cell.get("metadata", {}).get("tags", []):
            for prefix, use in CELL_TAGS.items():
                if tag.startswith(prefix):
                    tags.append(Tag(tag[len(prefix) :], use, f"{number} cell {index}"))
        if cell["cell_type"] == "code":
            asked.update(_QUESTION_ID.findall("".join(cell["source"])))
    return tags, asked


def course_tags(notebooks: Iterable[Path]) -> list[Tag]:
    """Every concept tag of the course: the notebooks' cells, and the questions they ask."""
    tags: list[Tag] = []
    asked: set[str] = set()
    for notebook in notebooks:
        found, ids = cell_tags(notebook)
        tags.extend(found)
        asked |= ids
    graded = graded_question_ids()
    for question in all_questions():
        if question.id in asked:
            tags.extend(
                Tag(concept, "exercised", question.id, question.id in graded)
                for concept in question.concepts
            )
    return tags


def coverage_table(tags: Sequence[Tag], concepts: Sequence[Concept] = CONCEPTS) -> pd.DataFrame:
    """One row per concept: where it is taught, explored, exercised and graded.

    Returns
    -------
    pandas.DataFrame
        Columns ``concept``, ``name``, ``notebook``, ``source``, ``taught``, ``explored``,
        ``exercised``, ``graded`` (booleans) and ``questions`` (the ids that exercise it,
        comma-separated).
    """
    rows = []
    for concept in concepts:
        mine = [tag for tag in tags if tag.concept == concept.id]
        questions = sorted({tag.where for tag in mine if tag.use == "exercised"})
        rows.append(
            {
                "concept": concept.id,
                "name": concept.name,
                "notebook": concept.notebook,
                "source": concept.source,
                "taught": any(tag.use == "taught" for tag in mine),
                "explored": any(tag.use == "explored" for tag in mine),
                "exercised": bool(questions),
                "graded": any(tag.graded for tag in mine),
                "questions": ", ".join(questions),
            }
        )
    return pd.DataFrame(rows)


def shortfalls(table: pd.DataFrame, tags: Sequence[Tag]) -> list[str]:
    """What keeps the course from its coverage targets, one sentence each (empty: none)."""
    known = set(table["concept"])
    problems = [
        f"{tag.where}: the tag names no concept ({tag.concept!r})"
        for tag in tags
        if tag.concept not in known
    ]
    problems += [f"{row.concept} is not taught" for row in table.itertuples() if not row.taught]
    problems += [
        f"{row.concept} is on the course map but no question exercises it"
        for row in table.itertuples()
        if row.source == MAP and not row.exercised
    ]
    share = table["exercised"].mean()
    if share < EXERCISED_TARGET:
        problems.append(
            f"questions exercise {share:.0%} of the concepts; the target is {EXERCISED_TARGET:.0%}"
        )
    return problems


def coverage_markdown(table: pd.DataFrame) -> str:
    """The coverage table as the Markdown page ``docs/coverage.md``."""
    share = {use: table[use].mean() for use in ("taught", "explored", "exercised", "graded")}
    lines = [
        "# Concept coverage",
        "",
        "Generated by `collabkit coverage --output docs/coverage.md` from the notebooks' cell "
        "tags and the questions' concepts (`collabkit/course/coverage.py`); do not edit by "
        "hand. Source: *map* = the course map of the design, *seeds* = the essays the course "
        "is built from.",
        "",
        f"{len(table)} concepts: "
        + ", ".join(f"{share[use]:.0%} {use}" for use in share)
        + ". Targets: 100 % taught, at least 80 % exercised, every course-map concept exercised.",
        "",
        "| Concept | Notebook | Source | Taught | Explored | Exercised | Graded | Questions |",
        "|---|---|---|---|---|---|---|---|",
    ]
    mark = {True: "yes", False: "–"}
    for row in table.itertuples():
        lines.append(
            f"| {row.name} (`{row.concept}`) | {row.notebook} | {row.source} | "
            f"{mark[row.taught]} | {mark[row.explored]} | {mark[row.exercised]} | "
            f"{mark[row.graded]} | {row.questions} |"
        )
    return "\n".join(lines) + "\n"
