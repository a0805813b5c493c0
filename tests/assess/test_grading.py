"""Grading end to end: generated submissions (right, partly right, wrong, blank, corrupt,
malicious) → gradebook, long scores, problems and feedback pages."""

from __future__ import annotations

import csv
import json
import os
import random
import sys
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess.grading import grade
from collabkit.assess.questions import instructor_graded
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.cli import main
from tests.conftest import NOTEBOOKS, readable_wrong

NOTEBOOK = "01"
QUESTIONS = [q for q in collabkit.all_questions() if q.notebook == NOTEBOOK]
MAXIMUM = sum(q.points for q in QUESTIONS)
#: What full marks earn before the instructor grades the instructor-graded items.
AUTOMATIC = sum(q.points for q in QUESTIONS if not instructor_graded(q))
WRONG = "zzz"  # not a readable answer to any question: scores 0


def own_key(question, student: str):
    """The key of the student's own variant of ``question``."""
    return question.for_variant(question.variant_of(student)).key


def submission(student: str, answers: dict, *, tamper=None) -> nbformat.NotebookNode:
    """A notebook whose outputs carry records exactly as the question widgets write them."""
    nb = nbformat.v4.new_notebook()
    for i, (qid, values) in enumerate(answers.items()):
        variant = collabkit.get_question(qid).variant_of(student)
        records = [
            AnswerRecord(qid, value, attempt, f"2026-01-01T10:{i:02d}:{attempt:02d}.000+00:00",
                         student, variant=variant)
            for attempt, value in enumerate(values, start=1)
        ]  # fmt: skip
        data = bundle(qid, records)
        if tamper:
            tamper(data)
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({qid!r})")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
        nb.cells.append(cell)
    return nb


def write(folder: Path, name: str, nb) -> None:
    nbformat.write(nb, folder / name)


def forge_scores(data: dict) -> None:
    payload = data["application/vnd.collabkit.answers+json"]
    payload["score"] = 999
    for record in payload["records"]:
        record["score"] = 999


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """200 submissions of notebook 01 and their expected scores, graded with 2 workers."""
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("submissions")
    expected: dict[str, float] = {}
    problems: dict[str, str] = {}
    for i in range(200):
        student = f"s{i:03d}"
        kind = i % 10
        if kind in (0, 1, 2):  # right, after a wrong first attempt sometimes
            answers = {
                q.id: (
                    [WRONG, own_key(q, student)] if rng.random() < 0.3 else [own_key(q, student)]
                )
                for q in QUESTIONS
            }
            expected[student] = AUTOMATIC
        elif kind in (3, 4, 5):  # partly right
            right = set(rng.sample([q.id for q in QUESTIONS], k=8))
            answers = {q.id: [own_key(q, student) if q.id in right else WRONG] for q in QUESTIONS}
            expected[student] = sum(
                q.points for q in QUESTIONS if q.id in right and not instructor_graded(q)
            )
        elif kind == 6:  # right first, then wrong: the latest counts
            answers = {
                q.id: [own_key(q, student), readable_wrong(q.for_variant(q.variant_of(student)))]
                for q in QUESTIONS
            }
            expected[student] = 0.0
        elif kind == 7:  # forged score fields
            answers = {q.id: [WRONG] for q in QUESTIONS}
            write(folder, f"{student}.ipynb", submission(student, answers, tamper=forge_scores))
            expected[student] = 0.0
            problems[f"{student}.ipynb"] = "score fields written in the file were ignored"
            continue
        elif kind == 8:  # blank: opened and saved, nothing answered
            write(folder, f"{student}.ipynb", nbformat.v4.new_notebook())
            problems[f"{student}.ipynb"] = "no answers recorded"
            continue
        else:  # corrupt
            (folder / f"{student}.ipynb").write_text('{"cells": [', encoding="utf-8")
            problems[f"{student}.ipynb"] = "not a readable notebook"
            continue
        write(folder, f"{student}.ipynb", submission(student, answers))
    # malicious and odd cases
    key = {q.id: [own_key(q, "m1")] for q in QUESTIONS}
    victim = submission("s000", {QUESTIONS[0].id: [WRONG]})
    write(folder, "zz_edited_to_other_student.ipynb", victim)  # an older copy of s000:
    os.utime(folder / "zz_edited_to_other_student.ipynb", (1e9, 1e9))  # collected earlier
    problems["zz_edited_to_other_student.ipynb"] = "second submission of s000"
    mixed = submission("m1", key)
    mixed.cells += submission("m2", {QUESTIONS[0].id: [QUESTIONS[0].key]}).cells
    write(folder, "mixed_ids.ipynb", mixed)
    expected["m1"] = AUTOMATIC
    problems["mixed_ids.ipynb"] = "records name several students"
    other = submission(
        "o1", {q.id: [q.key] for q in collabkit.all_questions() if q.notebook == "02"}
    )
    write(folder, "other_assignment.ipynb", other)
    problems["other_assignment.ipynb"] = "from another assignment"
    (folder / "huge.ipynb").write_text(json.dumps({"cells": [], "pad": "x" * 2_000_000}))
    problems["huge.ipynb"] = "over the 1 MB limit"
    (folder / "deep.ipynb").write_text("[" * 100_000 + "]" * 100_000)
    problems["deep.ipynb"] = "not a readable notebook"
    out = tmp_path_factory.mktemp("results")
    files = sorted(folder.glob("*.ipynb"))
    run = grade(files, notebooks=[NOTEBOOK], workers=2, max_bytes=1_000_000)
    from collabkit.assess.gradebook import write_outputs

    write_outputs(run, out, "canvas", {"01": "Fundamentals"}, {"01": MAXIMUM})
    return run, expected, problems, out


@pytest.mark.slow  # the graded batch: 200 notebooks on two worker processes
def test_every_gradebook_score_equals_the_expected_score(graded):
    run, expected, _, out = graded
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "collabkit 01 Fundamentals"]  # fmt: skip
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) == MAXIMUM
    got = {row[3]: float(row[5]) for row in rows[2:]}
    assert got == pytest.approx(expected)


@pytest.mark.slow  # the graded batch: 200 notebooks on two worker processes
def test_every_bad_submission_is_listed_with_its_reason(graded):
    _, _, problems, out = graded
    with (out / "problems.csv").open(encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    for name, reason in problems.items():
        reasons = [p["problem"] for p in listed if Path(p["file"]).name == name]
        assert any(reason in r for r in reasons), (name, reasons)


@pytest.mark.slow  # the graded batch: 200 notebooks on two worker processes
def test_long_scores_and_feedback_pages(graded):
    run, expected, _, out = graded
    with (out / "scores_long.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(expected) * len(QUESTIONS)
    s003 = [r for r in rows if r["student_id"] == "s003"]
    assert sum(float(r["score"]) for r in s003) == pytest.approx(expected["s003"])
    page = (out / "feedback" / "s003.html").read_text(encoding="utf-8")
    assert "Feedback for s003" in page and QUESTIONS[0].id in page
    assert "<script>" not in page
    assert len(list((out / "feedback").glob("*.html"))) == len(expected)


@pytest.mark.slow  # the graded batch: 200 notebooks on two worker processes
def test_grading_twice_gives_identical_files(graded, tmp_path):
    run, _, _, out = graded
    from collabkit.assess.gradebook import write_outputs

    write_outputs(run, tmp_path, "canvas", {"01": "Fundamentals"}, {"01": MAXIMUM})
    for name in ("gradebook.csv", "scores_long.csv", "problems.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_command_line_grades_a_folder_in_moodle_format(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.ipynb", submission("alice", {q.id: [own_key(q, "alice")] for q in QUESTIONS}))
    write(folder, "b.ipynb", submission("bob", {QUESTIONS[0].id: [QUESTIONS[0].key]}))
    assert main(["grade", str(folder), "--out", str(tmp_path / "out"), "--format", "moodle"]) == 0
    rows = list(csv.reader((tmp_path / "out" / "gradebook.csv").open(encoding="utf-8")))
    assert rows[0] == ["username", "collabkit 01 Fundamentals"]
    assert dict(rows[1:]) == {"alice": f"{AUTOMATIC:g}", "bob": f"{QUESTIONS[0].points:g}"}
    assert "graded 2 student(s) from 2 file(s)" in capsys.readouterr().out


def test_dask_scheduler_without_dask_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if it were not installed
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.ipynb", submission("alice", {QUESTIONS[0].id: [QUESTIONS[0].key]}))
    code = main(["grade", str(folder), "--out", str(tmp_path / "o"), "--scheduler", "x:1"])
    assert code == 2 and "needs Dask" in capsys.readouterr().err


@pytest.mark.slow  # the graded batch: 200 notebooks on two worker processes
def test_item_analysis_report(graded, tmp_path):
    import pandas as pd

    from collabkit.assess.report import item_analysis

    _, _, _, out = graded
    assert main(["report", str(out), "--out", str(tmp_path)]) == 0
    items = pd.read_csv(tmp_path / "item_analysis.csv", dtype={"notebook": str})
    # the memo awaits the instructor in every submission: its 0s are not scores to analyse
    assert set(items["question_id"]) == {q.id for q in QUESTIONS if not instructor_graded(q)}
    scores = pd.read_csv(out / "scores_long.csv", dtype={"notebook": str})
    first = QUESTIONS[0].id
    mine = item_analysis(scores).set_index("question_id").loc[first]
    rows = scores[scores["question_id"] == first]
    assert mine["difficulty"] == pytest.approx((rows["score"] / rows["max_score"]).mean())
    # item–rest correlation computed directly
    totals = scores.groupby("student_id")["score"].sum()
    rest = totals[rows["student_id"]].to_numpy() - rows["score"].to_numpy()
    expected = pd.Series(rows["score"].to_numpy()).corr(pd.Series(rest))
    assert mine["discrimination"] == pytest.approx(expected)
    unanswered = rows["attempts"] == 0  # nothing, or only unreadable answers like "zzz"
    assert mine["not_answered"] == unanswered.sum() > 0
    assert mine["wrong"] == ((~unanswered) & (rows["correct"].astype(str) != "True")).sum() > 0
    assert "zzz" not in mine["common_wrong_answers"]  # not an attempt, so not a wrong answer
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert main(["report", str(tmp_path / "nothing")]) == 2


def test_release_clears_outputs_strips_solutions_and_finds_leaks(tmp_path):
    from collabkit.assess.release import leaks, release_notebook

    nb = submission("alice", {QUESTIONS[0].id: [QUESTIONS[0].key]})
    solution = nbformat.v4.new_markdown_cell(QUESTIONS[0].explanation)
    solution.metadata["tags"] = ["solution"]
    nb.cells.append(solution)
    released = release_notebook(nb, "01")
    assert all(not c.get("outputs") for c in released["cells"])
    assert len(released["cells"]) == len(nb.cells) - 1
    assert released["metadata"]["collabkit"]["assignment"] == "01"
    assert leaks(released, collabkit.all_questions()) == []
    leaky = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(QUESTIONS[0].explanation)]
    )
    assert any("worked explanation" in leak for leak in leaks(leaky, collabkit.all_questions()))
    folder = tmp_path / "src"
    folder.mkdir()
    write(folder, "01_leaky.ipynb", leaky)
    assert main(["release", str(folder), str(tmp_path / "out")]) == 1
    assert main(["release", str(NOTEBOOKS), str(tmp_path / "clean")]) == 0


@pytest.mark.parametrize("command", ["grade", "report"])
def test_commands_explain_every_option(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    options = {"grade": ["--out", "--format", "--notebook", "--workers", "--scheduler",
                         "--max-size"], "report": ["--out"]}[command]  # fmt: skip
    for option in options:
        assert option in text


def test_grade_help_names_every_gradebook_layout_with_its_purpose(capsys):
    from collabkit.assess.gradebook import FORMATS

    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name, purpose in FORMATS.items():
        assert f"{name} ({purpose})" in text
    assert f"{{{','.join(FORMATS)}}}" in text


def test_wrong_path_or_empty_folder_is_a_one_line_error(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    (tmp_path / "empty").mkdir()
    assert main(["grade", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 2
    assert "no .ipynb files" in capsys.readouterr().err


def test_a_100_mb_notebook_is_reported_and_the_batch_goes_on(tmp_path):
    good = submission("s1", {QUESTIONS[0].id: [own_key(QUESTIONS[0], "s1")]})
    write(tmp_path, "good.ipynb", good)
    with (tmp_path / "huge.ipynb").open("w", encoding="utf-8") as handle:
        handle.write('{"cells": [], "pad": "')
        for _ in range(100):
            handle.write("x" * 1_000_000)
        handle.write('"}')
    run = grade(sorted(tmp_path.glob("*.ipynb")), notebooks=[NOTEBOOK])  # default size limit
    assert [g.student_id for g in run.graded if g.results] == ["s1"]
    assert any(f.endswith("huge.ipynb") and "over the 50 MB limit" in p for f, _, p in run.problems)
