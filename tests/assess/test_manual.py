"""The manual grading round trip (manual.csv out, the instructor's scores in), its
validation, and score overrides. Expected totals are computed here from the answer key,
independently of the grading code."""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest

import collabkit
from collabkit.assess.manual import MANUAL_COLUMNS
from collabkit.assess.questions import instructor_graded
from collabkit.cli import main
from tests.assess.test_grading import own_key, submission, write
from tests.conftest import readable_wrong

QUESTIONS = [q for q in collabkit.all_questions() if q.notebook == "01"]
MEMO = collabkit.get_question("01.task.memo")
AUTOMATIC = [q for q in QUESTIONS if not instructor_graded(q)]
#: A memo longer than any cut-off, with the characters a CSV file must quote.
LONG_MEMO = (
    'Share the van, "but" carefully: six shops, each paying about 12,917 € a year.\n'
    + "Coordination grows with every pair of partners, so trust and a shared log matter. " * 8
)
COLUMN = "collabkit 01 Fundamentals"


@pytest.fixture
def batch(tmp_path):
    """Three students of notebook 01 and what their automatic items earn."""
    folder = tmp_path / "in"
    folder.mkdir()
    wrong_first = AUTOMATIC[0]
    answers = {
        "alice": {q.id: [own_key(q, "alice")] for q in AUTOMATIC} | {MEMO.id: [LONG_MEMO]},
        "bob": {q.id: [own_key(q, "bob")] for q in AUTOMATIC[1:]}
        | {wrong_first.id: [readable_wrong(wrong_first)], MEMO.id: ["trust " * 20]},
        "carol": {MEMO.id: ["I think they should not share anything at all, ever, because " * 2]},
    }
    for student, given in answers.items():
        write(folder, f"{student}.ipynb", submission(student, given))
    automatic = {
        "alice": sum(q.points for q in AUTOMATIC),
        "bob": sum(q.points for q in AUTOMATIC[1:]),
        "carol": 0.0,
    }
    memos = {student: given[MEMO.id][-1] for student, given in answers.items()}
    return folder, automatic, memos


def _grade(folder: Path, out: Path, *extra: str) -> int:
    return main(["grade", str(folder), "--out", str(out), "--format", "moodle", *extra])


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _totals(out: Path) -> dict[str, float]:
    return {r["username"]: float(r[COLUMN]) for r in _rows(out / "gradebook.csv")}


def _memo_status(out: Path) -> dict[str, str]:
    return {r["student_id"]: r["status"] for r in _rows(out / "scores_long.csv")
            if r["question_id"] == MEMO.id}  # fmt: skip


def _write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def first_run(batch, tmp_path, capsys):
    folder, automatic, memos = batch
    out = tmp_path / "out"
    assert _grade(folder, out) == 0
    return folder, automatic, memos, out, capsys.readouterr().out


def test_grade_writes_manual_csv_and_never_scores_the_memo(first_run):
    _, automatic, memos, out, printed = first_run
    rows = _rows(out / "manual.csv")
    assert list(rows[0]) == MANUAL_COLUMNS
    assert {r["student_id"] for r in rows} == set(memos)
    for row in rows:
        memo = memos[row["student_id"]]
        found = [p.idea for p in MEMO.rubric if p.found_in(memo)]
        assert row["notebook"] == "01" and row["question_id"] == MEMO.id
        assert row["answer"] == memo  # in full: quotes, commas, newline and all
        assert row["self_check"].startswith(f"{len(found)} of {len(MEMO.rubric)} key ideas")
        assert all(idea in row["self_check"] for idea in found)
        assert float(row["points_possible"]) == MEMO.points
        assert row["score"] == "" and row["comment"] == ""
    # the keyword self-check earns nothing: repeating "trust" gives bob no memo points
    assert _totals(out) == automatic
    assert _memo_status(out) == dict.fromkeys(memos, "awaiting instructor")
    assert "3 instructor-graded answer(s) await your grading" in printed
    page = (out / "feedback" / "alice.html").read_text(encoding="utf-8")
    assert f"Awaiting instructor ({MEMO.points:g} points)" in page
    assert "Self-check (a guide, not your grade)" in page


def test_the_instructors_scores_and_comments_are_merged(first_run, tmp_path, capsys):
    folder, automatic, _, out, _ = first_run
    rows = _rows(out / "manual.csv")
    marks = {"alice": ("3.5", "Clear & well argued <b>."), "bob": ("", "Read next week."),
             "carol": ("0", "")}  # fmt: skip
    for row in rows:
        row["score"], row["comment"] = marks[row["student_id"]]
    filled = _write_csv(tmp_path / "filled.csv", rows, MANUAL_COLUMNS)
    again = tmp_path / "again"
    assert _grade(folder, again, "--manual", str(filled)) == 0
    assert _totals(again) == {
        "alice": automatic["alice"] + 3.5,
        "bob": automatic["bob"],  # an empty score stays awaiting and counts 0
        "carol": 0.0,
    }
    assert _memo_status(again) == {"alice": "graded by instructor", "bob": "awaiting instructor",
                                   "carol": "graded by instructor"}  # fmt: skip
    assert "1 instructor-graded answer(s) await your grading" in capsys.readouterr().out
    alice = (again / "feedback" / "alice.html").read_text(encoding="utf-8")
    assert f"3.5 / {MEMO.points:g}" in alice
    assert html.escape("Clear & well argued <b>.") in alice and "<b>." not in alice
    bob = (again / "feedback" / "bob.html").read_text(encoding="utf-8")
    assert "Awaiting instructor" in bob and "Read next week." in bob
    # the new manual.csv keeps what was entered, so the instructor can go on from it
    kept = {r["student_id"]: (r["score"], r["comment"]) for r in _rows(again / "manual.csv")}
    assert kept == marks
    assert _grade(folder, tmp_path / "third", "--manual", str(again / "manual.csv")) == 0
    assert _totals(tmp_path / "third") == _totals(again)


def _memo_row(student: str, score: str, **changes: str) -> dict[str, str]:
    row = {"student_id": student, "notebook": "01", "question_id": MEMO.id, "answer": "",
           "self_check": "", "points_possible": f"{MEMO.points:g}", "score": score,
           "comment": ""}  # fmt: skip
    return row | changes


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([_memo_row("alice", f"{MEMO.points + 0.5:g}")], "is not between 0 and its"),
        ([_memo_row("alice", "-1")], "is not between 0 and its"),
        ([_memo_row("alice", "nan")], "is not between 0 and its"),
        ([_memo_row("alice", "three")], "score 'three' of 01.task.memo is not a number"),
        ([_memo_row("zoe", "2")], "row 2: unknown student 'zoe'"),
        ([_memo_row("alice", "2", question_id="01.task.nothing")], "unknown question"),
        ([_memo_row("alice", "2"), _memo_row("bob", "1"), _memo_row("alice", "3")],
         "row 4: a second row for alice and 01.task.memo (first on row 2)"),
        ([_memo_row("alice", "1", question_id=AUTOMATIC[0].id)],
         f"{AUTOMATIC[0].id} is scored automatically"),
        ([_memo_row("alice", "2", notebook="04")], "notebook '04' is not the notebook of"),
    ],
    ids=["above", "negative", "nan", "text", "student", "question", "duplicate",
         "automatic item", "notebook"],
)  # fmt: skip
def test_a_bad_manual_file_stops_the_run_and_writes_nothing(batch, tmp_path, capsys, rows,
                                                            message):  # fmt: skip
    folder, _, _ = batch
    filled = _write_csv(tmp_path / "manual.csv", rows, MANUAL_COLUMNS)
    out = tmp_path / "out"
    assert _grade(folder, out, "--manual", str(filled)) == 2
    error = capsys.readouterr().err
    assert message in error and "nothing was written" in error
    assert not out.exists()


def test_every_problem_of_the_file_is_listed_at_once(batch, tmp_path, capsys):
    folder, _, _ = batch
    rows = [_memo_row("zoe", "1"), _memo_row("alice", "99"), _memo_row("bob", "x")]
    filled = _write_csv(tmp_path / "manual.csv", rows, MANUAL_COLUMNS)
    assert _grade(folder, tmp_path / "out", "--manual", str(filled)) == 2
    error = capsys.readouterr().err
    assert all(f"manual.csv row {n}:" in error for n in (2, 3, 4))


def test_a_file_without_the_needed_columns_is_refused(batch, tmp_path, capsys):
    folder, _, _ = batch
    filled = tmp_path / "marks.csv"
    filled.write_text("student,mark\nalice,3\n", encoding="utf-8")
    assert _grade(folder, tmp_path / "out", "--manual", str(filled)) == 2
    assert "lacks the column(s) student_id, question_id, score" in capsys.readouterr().err
    assert _grade(folder, tmp_path / "out", "--manual", str(tmp_path / "none.csv")) == 2
    assert "cannot read" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


OVERRIDE_COLUMNS = ["student_id", "question_id", "score", "reason"]


def test_overrides_change_any_score_and_are_shown_with_their_reason(first_run, tmp_path):
    folder, automatic, _, _, _ = first_run
    regraded = AUTOMATIC[0]  # bob answered it wrongly; his regrade request is granted
    overrides = _write_csv(tmp_path / "overrides.csv", [
        {"student_id": "bob", "question_id": regraded.id, "score": f"{regraded.points:g}",
         "reason": "Regrade request: the question was ambiguous"},
        {"student_id": "alice", "question_id": MEMO.id, "score": "2", "reason": "Late memo"},
    ], OVERRIDE_COLUMNS)  # fmt: skip
    manual = _write_csv(tmp_path / "manual.csv", [_memo_row("alice", "4")], MANUAL_COLUMNS)
    out = tmp_path / "out"
    assert _grade(folder, out, "--manual", str(manual), "--overrides", str(overrides)) == 0
    assert _totals(out) == {
        "alice": automatic["alice"] + 2,  # the override wins over the manual score
        "bob": automatic["bob"] + regraded.points,
        "carol": 0.0,
    }
    bob = (out / "feedback" / "bob.html").read_text(encoding="utf-8")
    assert (
        "Score changed by your instructor:</i> Regrade request: the question was ambiguous" in bob
    )
    assert f"{regraded.points:g} / {regraded.points:g}" in bob
    problems = _rows(out / "problems.csv")
    listed = {(p["student_id"], p["problem"]) for p in problems}
    assert ("bob", f"{regraded.id}: score overridden to {regraded.points:g} (was 0): "
            "Regrade request: the question was ambiguous") in listed  # fmt: skip
    assert ("alice", f"{MEMO.id}: score overridden to 2 (was 4): Late memo") in listed
    status = {(r["student_id"], r["question_id"]): r["status"]
              for r in _rows(out / "scores_long.csv")}  # fmt: skip
    assert status["bob", regraded.id] == "overridden: Regrade request: the question was ambiguous"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"student_id": "alice", "question_id": MEMO.id, "score": "1", "reason": ""},
         "the reason is empty"),
        ({"student_id": "alice", "question_id": AUTOMATIC[0].id, "score": "99", "reason": "x"},
         "is not between 0 and its"),
        ({"student_id": "zoe", "question_id": MEMO.id, "score": "1", "reason": "x"},
         "unknown student 'zoe'"),
        ({"student_id": "alice", "question_id": "02.what.x", "score": "1", "reason": "x"},
         "unknown question '02.what.x'"),
    ],
    ids=["no reason", "range", "student", "question"],
)  # fmt: skip
def test_a_bad_override_stops_the_run_and_writes_nothing(batch, tmp_path, capsys, row, message):
    folder, _, _ = batch
    overrides = _write_csv(tmp_path / "overrides.csv", [row, row], OVERRIDE_COLUMNS)
    out = tmp_path / "out"
    assert _grade(folder, out, "--overrides", str(overrides)) == 2
    error = capsys.readouterr().err
    assert message in error
    assert not out.exists()


def test_a_duplicate_override_is_refused(batch, tmp_path, capsys):
    folder, _, _ = batch
    row = {"student_id": "alice", "question_id": MEMO.id, "score": "1", "reason": "x"}
    overrides = _write_csv(tmp_path / "overrides.csv", [row, row], OVERRIDE_COLUMNS)
    assert _grade(folder, tmp_path / "out", "--overrides", str(overrides)) == 2
    assert "row 3: a second row for alice and 01.task.memo" in capsys.readouterr().err


def test_ids_in_the_manual_file_match_ignoring_letter_case(first_run, tmp_path):
    folder, automatic, _, _, _ = first_run
    manual = _write_csv(tmp_path / "manual.csv", [_memo_row("ALICE", "1")], MANUAL_COLUMNS)
    assert _grade(folder, tmp_path / "out", "--manual", str(manual)) == 0
    assert _totals(tmp_path / "out")["alice"] == automatic["alice"] + 1


def test_the_item_analysis_leaves_out_answers_awaiting_the_instructor(first_run, tmp_path):
    import pandas as pd

    from collabkit.assess.report import item_analysis

    folder, _, _, _, _ = first_run
    manual = _write_csv(tmp_path / "manual.csv", [_memo_row("alice", "4"), _memo_row("bob", "1")],
                        MANUAL_COLUMNS)  # fmt: skip
    out = tmp_path / "out"
    assert _grade(folder, out, "--manual", str(manual)) == 0
    scores = pd.read_csv(out / "scores_long.csv", dtype={"notebook": str})
    memo = item_analysis(scores).set_index("question_id").loc[MEMO.id]
    assert memo["students"] == 2  # carol's memo awaits the instructor
    assert memo["difficulty"] == pytest.approx((4 + 1) / 2 / MEMO.points)


def test_a_formula_like_id_survives_the_round_trip(tmp_path):
    """manual.csv neutralises a formula-like id ('=…' is written as "'=…"); reading the
    filled-in file back must still find the student."""
    folder = tmp_path / "in"
    folder.mkdir()
    student = "=HYPERLINK(1)"
    write(folder, "x.ipynb", submission(student, {MEMO.id: [LONG_MEMO]}))
    out = tmp_path / "out"
    assert _grade(folder, out) == 0
    rows = _rows(out / "manual.csv")
    assert rows[0]["student_id"] == "'" + student  # safe to open in a spreadsheet
    rows[0]["score"] = "2"
    filled = _write_csv(tmp_path / "filled.csv", rows, MANUAL_COLUMNS)
    assert _grade(folder, tmp_path / "again", "--manual", str(filled)) == 0
    (row,) = _rows(tmp_path / "again" / "scores_long.csv")[-1:]
    assert row["question_id"] == MEMO.id and float(row["score"]) == 2.0
