"""The concept coverage table: built from tags, and the course meets its targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from collabkit.cli import main
from collabkit.course.concepts import CONCEPTS, Concept
from collabkit.course.coverage import Tag, cell_tags, coverage_markdown, coverage_table, shortfalls

ROOT = Path(__file__).resolve().parents[2]


def _notebook(path: Path, cells: list[dict]) -> Path:
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    return path


def _cell(kind: str, source: str, tags: list[str]) -> dict:
    return {"cell_type": kind, "source": source, "metadata": {"tags": tags}}


def test_cell_tags_read_teaching_exploring_and_asked_questions(tmp_path):
    notebook = _notebook(
        tmp_path / "07_demo.ipynb",
        [
            _cell("markdown", "Coopetition is ...", ["teaches:coopetition", "other"]),
            _cell("code", "chapter.explorer()", ["explores:coopetition"]),
            _cell("code", "collabkit.ask(\"07.tensions.q1\")\ncollabkit.answer('07.x.y', 3)", []),
        ],
    )
    tags, asked = cell_tags(notebook)
    assert tags == [
        Tag("coopetition", "taught", "07 cell 1"),
        Tag("coopetition", "explored", "07 cell 2"),
    ]
    assert asked == {"07.tensions.q1", "07.x.y"}


def test_table_and_shortfalls_follow_the_tags():
    concepts = [Concept("a-idea", "A", "01"), Concept("b-idea", "B", "01", "seeds")]
    tags = [
        Tag("a-idea", "taught", "01 cell 1"),
        Tag("a-idea", "exercised", "01.s.q1", graded=True),
        Tag("b-idea", "explored", "01 cell 2"),
        Tag("typo-idea", "taught", "01 cell 3"),
    ]
    table = coverage_table(tags, concepts)
    assert table[["taught", "explored", "exercised", "graded"]].values.tolist() == [
        [True, False, True, True],
        [False, True, False, False],
    ]
    assert table.loc[0, "questions"] == "01.s.q1"
    problems = shortfalls(table, tags)
    assert "01 cell 3: the tag names no concept ('typo-idea')" in problems
    assert "b-idea is not taught" in problems
    assert any("exercise 50%" in p for p in problems)  # 1 of 2 exercised < 80 %
    assert "| A (`a-idea`) | 01 | map | yes | – | yes | yes | 01.s.q1 |" in coverage_markdown(table)


def test_a_course_map_concept_must_be_exercised_even_above_the_share():
    concepts = [Concept(f"c{i}", str(i), "01") for i in range(5)]
    tags = [Tag(f"c{i}", use, "x") for i in range(5) for use in ("taught", "exercised")][:-1]
    problems = shortfalls(coverage_table(tags, concepts), tags)
    assert problems == ["c4 is on the course map but no question exercises it"]


def test_concept_ids_are_unique_kebab_case_and_belong_to_a_notebook():
    ids = [concept.id for concept in CONCEPTS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cid) for cid in ids)
    assert {concept.notebook for concept in CONCEPTS} == {"01", "02", "03", "04"}
    assert {concept.source for concept in CONCEPTS} == {"map", "seeds"}


def test_the_course_meets_its_targets_and_docs_coverage_is_current(capsys):
    code = main(["coverage", "--output", str(ROOT / "docs" / "coverage.md"), "--check"])
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize("argv", [["coverage", "--help"]])
def test_coverage_command_has_help(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    assert "cell tags" in capsys.readouterr().out
