"""Acceptance of issue 13 end to end: a class of 200 collected from JupyterHub home folders
with a roster, graded from the command line into a Canvas gradebook, the instructor's memo
scores merged through manual.csv, and every bad file listed in problems.csv.

The expected gradebook is computed here from the test's own plan (which answers are right,
wrong, changed or missing, and the memo score the instructor gives), never from the
grader's output.
"""

from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess.questions import CodeAnswer, FreeText
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.cli import main
from tests.conftest import readable_wrong

pytestmark = pytest.mark.slow  # two gradings of 200+ notebooks from the command line

COLUMNS = {"01": "collabkit 01 Fundamentals", "04": "collabkit 04 Over-collaboration"}
FILES = {"01": "01_fundamentals.ipynb", "04": "04_over_collaboration.ipynb"}
MEMOS = {"01": "01.task.memo", "04": "04.task.advice"}
#: What a plan may do with an automatically scored question, with its weight.
MOVES = {"right": 5, "wrong": 3, "skip": 1, "wrong-then-right": 1, "right-then-wrong": 1}
#: Scores the instructor gives a memo (None: not graded yet, so it stays awaiting).
MEMO_SCORES = [0, 1, 2.5, 3, 4, None]


def questions(notebook: str) -> list:
    return [q for q in collabkit.all_questions() if q.notebook == notebook]


@dataclass
class Plan:
    """What one student does in one notebook: the answers given per question (oldest
    first) as (value, right?) pairs, and the memo score the instructor will give."""

    typed_id: str  # the id the student set, carried by the records
    notebook: str
    answers: dict[str, list[tuple[object, bool]]] = field(default_factory=dict)
    memo: str | None = None
    memo_score: float | None = None

    def automatic(self) -> float:
        """Points of the automatically scored questions: the latest answer counts."""
        return sum(
            q.points
            for q in questions(self.notebook)
            if self.answers.get(q.id, [(0, False)])[-1][1]
        )

    def total(self, manual: bool) -> float:
        memo = (self.memo_score or 0) if manual and self.memo is not None else 0
        return self.automatic() + memo


def own_key(qid: str, typed_id: str) -> object:
    """The key of the variant of question ``qid`` that a student with ``typed_id`` sees."""
    question = collabkit.get_question(qid)
    return question.for_variant(question.variant_of(typed_id)).key


def make_plan(rng: random.Random, typed_id: str, notebook: str, index: int) -> Plan:
    plan = Plan(typed_id, notebook)
    for question in questions(notebook):
        if isinstance(question, FreeText):
            if rng.random() < 0.9:
                # some memos start like a formula ("- ", "="): manual.csv neutralises them
                start = ["", "- ", "=", "+"][index % 4]
                plan.memo = f"{start}Memo {index} of {typed_id}: share the van, pay per use."
                plan.memo_score = rng.choice(MEMO_SCORES)
            continue
        if isinstance(question, CodeAnswer):  # not run without --execute: left unanswered
            continue
        own = question.for_variant(question.variant_of(typed_id))
        right, wrong = (own.key, True), (readable_wrong(own), False)
        move = rng.choices(list(MOVES), weights=list(MOVES.values()))[0]
        attempts = {"right": [right], "wrong": [wrong], "skip": [],
                    "wrong-then-right": [wrong, right],
                    "right-then-wrong": [right, wrong]}[move]  # fmt: skip
        if attempts:
            plan.answers[question.id] = attempts
    return plan


def notebook_of(plan: Plan, record_id: str | None = None, year: int = 2026):
    """The saved notebook of ``plan``: one cell per question, its output carrying the
    records exactly as the widgets write them (as ``record_id``, default the typed id)."""
    sid = record_id or plan.typed_id
    nb = nbformat.v4.new_notebook()
    given = dict(plan.answers)
    if plan.memo is not None:
        given[MEMOS[plan.notebook]] = [(plan.memo, False)]
    for n, (qid, attempts) in enumerate(given.items()):
        variant = collabkit.get_question(qid).variant_of(plan.typed_id)
        records = [
            AnswerRecord(qid, value, k, f"{year}-12-01T10:{n:02d}:{k:02d}.000+00:00", sid,
                         variant=variant)
            for k, (value, _) in enumerate(attempts, start=1)
        ]  # fmt: skip
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({qid!r})")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(qid, records))]
        nb.cells.append(cell)
    return nb


def save(nb, path: Path, mtime: float = 1_765_000_000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    os.utime(path, (mtime, mtime))
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@dataclass
class Class:
    """The generated class: roster rows, plans per (student id, notebook), and the bad
    files with what problems.csv must say about each."""

    roster: list[dict[str, str]]
    plans: dict[tuple[str, str], Plan]
    bad: dict[Path, list[str]]


def build_class(hub: Path) -> Class:
    rng = random.Random(13)
    roster, plans, bad = [], {}, {}
    ids = [f"s{1000 + i}" for i in range(200)] + ["alice", "bob"]
    for i, sid in enumerate(ids):
        login = f"user{i}" if i % 10 == 3 else ""  # their hub user is their SIS login
        roster.append({"student_id": sid, "name": f"Student {sid.title()}",
                       "section": "ABC"[i % 3], "canvas_id": str(50_000 + i),
                       "sis_login_id": login, "moodle_username": f"m-{sid}"})  # fmt: skip
        folder = hub / (login or sid)
        if sid == "s1002":  # the hub user and the typed id are S1002; the roster says s1002
            plan = make_plan(rng, "S1002", "01", i)
            path = save(notebook_of(plan), hub / "S1002" / FILES["01"])
            bad[path] = ["records name S1002; graded as s1002 (hub folder S1002): ids compare "
                         "case-insensitively"]  # fmt: skip
        elif sid == "s1003":  # a corrupt file, the only one
            path = hub / sid / FILES["01"]
            path.parent.mkdir(parents=True)
            path.write_text('{"cells": [', encoding="utf-8")
            bad[path] = ["not a readable notebook (JSONDecodeError)"]
            continue
        elif sid == "s1004":  # saved without answering anything
            path = save(nbformat.v4.new_notebook(), folder / FILES["01"])
            bad[path] = ["no answers recorded in this notebook"]
            continue
        elif sid == "bob":  # bob's own 04, and a 01 in his folder whose records claim alice
            forged = make_plan(rng, "alice", "01", i)
            assert forged.total(manual=True) != plans["alice", "01"].total(manual=True)
            path = save(notebook_of(forged, year=2099), folder / FILES["01"], mtime=1_766_000_000)
            bad[path] = ["records name alice, not the file's owner by provenance (hub folder "
                         "bob): those records were ignored"]  # fmt: skip
            plan = make_plan(rng, sid, "04", i)
            save(notebook_of(plan), folder / "week4" / FILES["04"])
        else:
            plan = make_plan(rng, sid, "01", i)
            save(notebook_of(plan), folder / FILES["01"])
        plans[(sid, plan.notebook)] = plan
        if sid == "s1005":  # an older copy of the same notebook, all right
            older = Plan(sid, "01", {qid: [(own_key(qid, sid), True)] for qid in plan.answers})
            assert older.automatic() > plan.automatic()
            path = save(notebook_of(older, year=2027), folder / "copy" / FILES["01"],
                        mtime=1_700_000_000)  # fmt: skip
            bad[path] = [f"second submission of s1005 for notebook 01; graded the one "
                         f"collected later, {folder / FILES['01']}"]  # fmt: skip
        if i % 20 == 7:  # a few students also did notebook 04
            plan = make_plan(rng, sid, "04", i)
            save(notebook_of(plan), folder / FILES["04"])
            plans[(sid, "04")] = plan
    stranger = make_plan(rng, "zed", "01", 999)
    path = save(notebook_of(stranger), hub / "zed" / FILES["01"])
    bad[path] = ["hub folder zed is not in the roster: not graded"]
    return Class(roster, plans, bad)


def expected_gradebook(cls: Class, manual: bool) -> list[list[str]]:
    """The Canvas gradebook the plans call for."""
    maxima = {n: sum(q.points for q in questions(n)) for n in COLUMNS}
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *COLUMNS.values()],
            ["Points Possible", "", "", "", "", *(f"{maxima[n]:g}" for n in COLUMNS)]]  # fmt: skip
    for student in sorted(cls.roster, key=lambda s: s["student_id"]):
        sid = student["student_id"]
        cells = [f"{cls.plans[sid, n].total(manual):g}" if (sid, n) in cls.plans else ""
                 for n in COLUMNS]  # fmt: skip
        if any(cells):
            rows.append([student["name"], student["canvas_id"], "",
                         student["sis_login_id"] or sid, student["section"], *cells])  # fmt: skip
    return rows


def grade(hub: Path, out: Path, roster: Path, *extra: str) -> None:
    code = main(["grade", str(hub), "--out", str(out), "--layout", "hub", "--roster",
                 str(roster), "--format", "canvas", *extra])  # fmt: skip
    assert code == 0


def test_a_class_of_200_from_hub_folders_grades_exactly_as_planned(tmp_path):
    hub = tmp_path / "hub"
    cls = build_class(hub)
    assert sum(1 for _ in hub.rglob("*.ipynb")) > 200
    roster = tmp_path / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(cls.roster[0]))
        writer.writeheader()
        writer.writerows(cls.roster)

    out = tmp_path / "out"
    grade(hub, out, roster)
    assert read_csv(out / "gradebook.csv") == expected_gradebook(cls, manual=False)

    # the instructor reads every memo in manual.csv and scores it (a few left for later)
    header, *rows = read_csv(out / "manual.csv")
    column = {name: n for n, name in enumerate(header)}
    memos = {(sid, MEMOS[n]): plan for (sid, n), plan in cls.plans.items() if plan.memo}
    assert {(r[column["student_id"]], r[column["question_id"]]) for r in rows} == set(memos)
    for row in rows:
        plan = memos[row[column["student_id"]], row[column["question_id"]]]
        answer = row[column["answer"]]
        # formula-like memos are written neutralised, with a leading quote
        assert answer == (f"'{plan.memo}" if plan.memo[0] in "=+-" else plan.memo)
        assert row[column["score"]] == ""
        if plan.memo_score is not None:
            row[column["score"]] = f"{plan.memo_score:g}"
            row[column["comment"]] = f"Marked {plan.memo_score:g}: clear reasoning."
    manual = tmp_path / "manual-filled.csv"
    with manual.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])

    again = tmp_path / "out2"
    grade(hub, again, roster, "--manual", str(manual))
    assert read_csv(again / "gradebook.csv") == expected_gradebook(cls, manual=True)
    long_header, *long_rows = read_csv(again / "scores_long.csv")
    status = {(r[0], r[2]): r[long_header.index("status")] for r in long_rows}
    for (sid, qid), plan in memos.items():
        want = "awaiting instructor" if plan.memo_score is None else "graded by instructor"
        assert status[sid, qid] == want

    # every bad file is listed, with its reason, and no good file is
    for folder in (out, again):
        _, *problems = read_csv(folder / "problems.csv")
        listed: dict[Path, list[str]] = {}
        for file, _, problem in problems:
            listed.setdefault(Path(file), []).append(problem)
        assert set(listed) == set(cls.bad)
        for path, reasons in cls.bad.items():
            for reason in reasons:
                assert any(reason in said for said in listed[path]), (path, reason, listed[path])
