"""Whose a submission is: provenance (hub folders, Canvas file names), roster, case-folded
ids, several notebooks per student, duplicates, and the Canvas and Moodle files."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess.grading import grade
from collabkit.assess.identity import RosterError, read_roster
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.cli import main

ASKED = {"01": ["01.pooling.cost", "01.what.definition"],
         "04": ["04.curve.redundancy", "04.costs.channels"]}  # fmt: skip
WRONG = "zzz"  # no question reads it: scores 0


def key_of(qid: str, student: str) -> object:
    """The key of ``student``'s own variant of question ``qid``."""
    question = collabkit.get_question(qid)
    return question.for_variant(question.variant_of(student)).key


def points(qid: str) -> float:
    return float(collabkit.get_question(qid).points)


def write_notebook(
    path: Path, student: str, notebook: str, correct: bool, *, year: int = 2026, mtime=None
) -> Path:
    """A saved notebook whose records, as ``student``, answer every question of
    :data:`ASKED` in ``notebook`` rightly or wrongly; ``mtime`` is its collection time."""
    nb = nbformat.v4.new_notebook()
    for n, qid in enumerate(ASKED[notebook]):
        question = collabkit.get_question(qid)
        answer = key_of(qid, student) if correct else WRONG
        record = AnswerRecord(qid, answer, 1, f"{year}-12-01T10:0{n}:00.000+00:00", student,
                              variant=question.variant_of(student))  # fmt: skip
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({qid!r})")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(qid, [record]))]
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def full(notebook: str) -> float:
    return sum(points(q) for q in ASKED[notebook])


def totals(run) -> dict[tuple[str, str], float]:
    return {(g.student_id, nb): g.total(nb) for g in run.graded for nb in g.results}


def problems_of(run, name: str) -> str:
    return " | ".join(p for f, _, p in run.problems if Path(f).name == name or name in f)


def files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ipynb"))


def write_roster(path: Path, rows: list[dict], columns=None) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# -- several notebooks per student ----------------------------------------------------------


def test_two_notebooks_per_student_from_a_hub_folder_both_count(tmp_path):
    hub = tmp_path / "hub"
    write_notebook(hub / "alice" / "01_fundamentals.ipynb", "alice", "01", correct=True)
    write_notebook(hub / "alice" / "work" / "04_over.ipynb", "alice", "04", correct=True)
    write_notebook(hub / "bob" / "01_fundamentals.ipynb", "bob", "01", correct=False)
    for notebooks in (None, ["01", "04"]):
        run = grade(files(hub), notebooks=notebooks, layout="hub", root=hub)
        assert totals(run) == {("alice", "01"): full("01"), ("alice", "04"): full("04"),
                               ("bob", "01"): 0.0}  # fmt: skip
        assert not [p for _, _, p in run.problems if "second submission" in p]


def test_notebook_filters_grade_each_notebook_of_the_hub_from_the_command_line(tmp_path):
    hub = tmp_path / "hub"
    write_notebook(hub / "alice" / "01.ipynb", "alice", "01", correct=True)
    write_notebook(hub / "alice" / "04.ipynb", "alice", "04", correct=True)
    write_notebook(hub / "bob" / "04.ipynb", "bob", "04", correct=True)
    out = tmp_path / "out"
    code = main(["grade", str(hub), "--out", str(out), "--layout", "hub", "--format", "moodle",
                 "--notebook", "01", "--notebook", "04"])  # fmt: skip
    assert code == 0
    header, *rows = read_csv(out / "gradebook.csv")
    assert header == ["username", "collabkit 01 Fundamentals", "collabkit 04 Over-collaboration"]
    got = {row[0]: row[1:] for row in rows}
    assert got == {"alice": [f"{full('01'):g}", f"{full('04'):g}"], "bob": ["", f"{full('04'):g}"]}


def test_a_true_duplicate_keeps_the_file_collected_later_and_is_listed(tmp_path):
    # the later-collected file has the older answers: collection time decides, not records
    early = write_notebook(tmp_path / "a" / "01.ipynb", "alice", "01", correct=True, year=2027,
                           mtime=1_700_000_000)  # fmt: skip
    write_notebook(tmp_path / "b" / "01.ipynb", "alice", "01", correct=False, mtime=1_700_000_500)
    write_notebook(tmp_path / "c" / "04.ipynb", "alice", "04", correct=True, mtime=1_600_000_000)
    run = grade(files(tmp_path))
    assert totals(run) == {("alice", "01"): 0.0, ("alice", "04"): full("04")}
    listed = [(f, p) for f, _, p in run.problems if "second submission" in p]
    assert listed == [(str(early), "second submission of alice for notebook 01; graded the one "
                       f"collected later, {tmp_path / 'b' / '01.ipynb'}")]  # fmt: skip


# -- case-insensitive ids -------------------------------------------------------------------


def test_ids_differing_only_in_case_are_one_student_and_reported(tmp_path):
    upper = write_notebook(tmp_path / "x.ipynb", "S1002", "01", correct=True, mtime=1_700_000_000)
    write_notebook(tmp_path / "y.ipynb", "s1002", "04", correct=True, mtime=1_700_000_100)
    write_notebook(tmp_path / "z.ipynb", "s1002", "01", correct=False, mtime=1_600_000_000)
    run = grade(files(tmp_path))
    # the spelling most files use names the student; the 01 collected later counts
    assert totals(run) == {("s1002", "01"): full("01"), ("s1002", "04"): full("04")}
    assert "graded as s1002: ids compare case-insensitively" in problems_of(run, upper.name)
    assert "second submission of s1002 for notebook 01" in problems_of(run, "z.ipynb")


def test_a_roster_gives_the_roster_spelling_and_leaves_out_strangers(tmp_path):
    roster = read_roster(write_roster(tmp_path / "roster.csv", [
        {"student_id": "S1002", "name": "Jane Smith", "section": "A"},
    ]))  # fmt: skip
    subs = tmp_path / "subs"
    write_notebook(subs / "x.ipynb", "s1002", "01", correct=True)
    write_notebook(subs / "y.ipynb", "zed", "01", correct=True)
    run = grade(files(subs), roster=roster)
    assert totals(run) == {("S1002", "01"): full("01")}
    assert "zed is not in the roster: not graded" in problems_of(run, "y.ipynb")


# -- forged identity ------------------------------------------------------------------------


def test_a_file_in_bobs_folder_claiming_alice_does_not_replace_alices_grade(tmp_path):
    hub = tmp_path / "hub"
    write_notebook(hub / "alice" / "01.ipynb", "alice", "01", correct=True, mtime=1_700_000_000)
    forged = write_notebook(hub / "bob" / "01.ipynb", "alice", "01", correct=False, year=2099,
                            mtime=1_800_000_000)  # fmt: skip
    run = grade(files(hub), layout="hub", root=hub)
    assert totals(run) == {("alice", "01"): full("01")}  # bob answered nothing of his own
    said = problems_of(run, str(forged))
    assert "records name alice, not the file's owner by provenance (hub folder bob)" in said


def test_a_file_claiming_bob_from_the_future_in_mallorys_folder_leaves_bob_alone(tmp_path):
    hub = tmp_path / "hub"
    write_notebook(hub / "bob" / "01.ipynb", "bob", "01", correct=True, mtime=1_700_000_000)
    write_notebook(hub / "mallory" / "01.ipynb", "mallory", "04", correct=True)
    forged = write_notebook(hub / "mallory" / "01-bob.ipynb", "bob", "01", correct=False,
                            year=2099, mtime=4_070_000_000)  # fmt: skip
    run = grade(files(hub), layout="hub", root=hub)
    assert totals(run) == {("bob", "01"): full("01"), ("mallory", "04"): full("04")}
    assert "records name bob, not the file's owner" in problems_of(run, str(forged))
    # trusting the records instead, the forged file would have replaced bob's grade
    trusting = grade(files(hub))
    assert totals(trusting)[("bob", "01")] == 0.0


def test_anonymous_records_count_for_the_folder_owner(tmp_path):
    hub = tmp_path / "hub"
    path = write_notebook(hub / "carol" / "01.ipynb", "anonymous", "01", correct=True)
    write_notebook(hub / "dan" / "01.ipynb", "anonymous", "01", correct=True)
    run = grade(files(hub), layout="hub", root=hub)
    assert totals(run) == {("carol", "01"): full("01"), ("dan", "01"): full("01")}
    assert "counted as carol's by provenance" in problems_of(run, str(path))


def test_hub_files_outside_a_home_folder_or_of_strangers_are_listed_not_graded(tmp_path):
    hub = tmp_path / "hub"
    loose = write_notebook(hub / "01.ipynb", "alice", "01", correct=True)
    stranger = write_notebook(hub / "zed" / "01.ipynb", "zed", "01", correct=True)
    write_notebook(hub / "S1002" / "01.ipynb", "s1002", "01", correct=True)
    roster = read_roster(write_roster(tmp_path / "r.csv", [
        {"student_id": "s1002", "name": "Jane", "section": "A"},
        {"student_id": "alice", "name": "Alice", "section": "B"},
    ]))  # fmt: skip
    run = grade(files(hub), layout="hub", root=hub, roster=roster)
    assert totals(run) == {("s1002", "01"): full("01")}
    assert "not inside a home folder" in problems_of(run, str(loose))
    assert "hub folder zed is not in the roster: not graded" in problems_of(run, str(stranger))


# -- Canvas bulk downloads ------------------------------------------------------------------

CANVAS_ROSTER = [
    {"student_id": "s1", "name": "Jane Smith", "section": "A", "canvas_id": "12345",
     "sis_login_id": "jsmith", "moodle_username": "jane"},
    {"student_id": "s2", "name": "Ken Lee", "section": "B", "canvas_id": "23456",
     "sis_login_id": "", "moodle_username": "ken"},
]  # fmt: skip


def test_canvas_file_names_name_the_student_by_canvas_user_id(tmp_path):
    subs = tmp_path / "subs"
    write_notebook(subs / "smithjane_12345_6789_01_fundamentals.ipynb", "JSMITH", "01", True)
    write_notebook(subs / "leeken_late_23456_6790_01_fundamentals-1.ipynb", "s1", "01", True)
    unknown = write_notebook(subs / "doejohn_99999_6791_01_fundamentals.ipynb", "s9", "01", True)
    renamed = write_notebook(subs / "my notebook.ipynb", "s2", "01", True)
    roster = read_roster(write_roster(tmp_path / "roster.csv", CANVAS_ROSTER))
    run = grade(files(subs), layout="canvas", root=subs, roster=roster)
    assert totals(run) == {("s1", "01"): full("01")}  # ken's file claims jane: ignored
    assert "records name s1, not the file's owner by provenance (Canvas user 23456)" in (
        problems_of(run, "leeken_late_23456_6790_01_fundamentals-1.ipynb")
    )
    assert "Canvas user 99999 is not in the roster" in problems_of(run, str(unknown))
    assert "not a Canvas bulk-download name" in problems_of(run, str(renamed))


def test_canvas_gradebook_names_rows_from_the_roster_and_fills_an_existing_assignment(tmp_path):
    subs = tmp_path / "subs"
    write_notebook(subs / "smithjane_12345_6789_01.ipynb", "s1", "01", correct=True)
    write_notebook(subs / "leeken_23456_6790_01.ipynb", "s2", "01", correct=False)
    roster = write_roster(tmp_path / "roster.csv", CANVAS_ROSTER)
    out = tmp_path / "out"
    title = "Notebook 01: Fundamentals (4711)"
    code = main(["grade", str(subs), "--out", str(out), "--layout", "canvas", "--roster",
                 str(roster), "--canvas-assignment", title])  # fmt: skip
    assert code == 0
    rows = read_csv(out / "gradebook.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title]
    maximum = sum(q.points for q in collabkit.all_questions() if q.notebook == "01")
    assert rows[1] == ["Points Possible", "", "", "", "", f"{maximum:g}"]
    assert rows[2:] == [["Jane Smith", "12345", "", "jsmith", "A", f"{full('01'):g}"],
                        ["Ken Lee", "23456", "", "s2", "B", "0"]]  # fmt: skip


def test_moodle_rows_are_only_for_roster_students_under_their_moodle_user_name(tmp_path):
    subs = tmp_path / "subs"
    write_notebook(subs / "a.ipynb", "s1", "01", correct=True)
    write_notebook(subs / "b.ipynb", "KEN", "01", correct=True)  # Moodle name, other case
    write_notebook(subs / "c.ipynb", "anonymous", "01", correct=True)
    roster = write_roster(tmp_path / "roster.csv", CANVAS_ROSTER)
    out = tmp_path / "out"
    assert main(["grade", str(subs), "--out", str(out), "--format", "moodle", "--roster",
                 str(roster)]) == 0  # fmt: skip
    rows = read_csv(out / "gradebook.csv")
    assert rows == [["username", "collabkit 01 Fundamentals"], ["jane", f"{full('01'):g}"],
                    ["ken", f"{full('01'):g}"]]  # fmt: skip
    problems = read_csv(out / "problems.csv")
    assert [str(subs / "c.ipynb"), "anonymous", "anonymous is not in the roster: not graded"] in (
        problems
    )


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "columns", "message"),
    [
        ([{"student_id": "s1", "name": "A"}], None, "lacks the column(s) section"),
        ([{"student_id": "s1", "name": "A", "section": "x"},
          {"student_id": "S1", "name": "B", "section": "x"}], None,
         "the id 's1' belongs to both s1 and S1"),
        ([{"student_id": "s1", "name": "A", "section": "x", "sis_login_id": "jo"},
          {"student_id": "s2", "name": "B", "section": "x", "sis_login_id": "JO"}], None,
         "the id 'jo' belongs to both s1 and s2"),
        ([{"student_id": "s1", "name": "A", "section": "x", "canvas_id": "7"},
          {"student_id": "s2", "name": "B", "section": "x", "canvas_id": "7"}], None,
         "canvas_id 7 belongs to both s1 and s2"),
        ([{"student_id": "", "name": "A", "section": "x"}], None, "line 2: no student_id"),
        ([{"student_id": "s1", "name": "A", "section": "x", "moodle_username": ""}], None,
         "line 2: no moodle_username"),
    ],
)  # fmt: skip
def test_a_bad_roster_is_a_clear_usage_error(tmp_path, capsys, rows, columns, message):
    roster = write_roster(tmp_path / "roster.csv", rows, columns)
    with pytest.raises(RosterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_roster(roster)
    write_notebook(tmp_path / "subs" / "a.ipynb", "s1", "01", correct=True)
    out = tmp_path / "out"
    assert main(["grade", str(tmp_path / "subs"), "--out", str(out), "--roster", str(roster)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--layout", "canvas"], "--layout canvas needs --roster with a canvas_id column"),
        (["--canvas-assignment", "Notebook 01"], "is not an existing Canvas assignment column"),
        (["--format", "moodle", "--canvas-assignment", "N (1)"], "is for --format canvas"),
        (["--canvas-assignment", "N (1)"], "this batch has 2 notebooks; grade one with"),
    ],
)
def test_options_that_do_not_fit_stop_with_exit_2_and_write_nothing(
    tmp_path, capsys, extra, message
):
    subs = tmp_path / "subs"
    write_notebook(subs / "a.ipynb", "s1", "01", correct=True)
    write_notebook(subs / "b.ipynb", "s1", "04", correct=True)
    out = tmp_path / "out"
    assert main(["grade", str(subs), "--out", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"layout": "hub"}, "layout hub needs the collection folder"),
        ({"layout": "canvas"}, "--layout canvas needs --roster with a canvas_id column"),
        ({"layout": "folders"}, "layout must be one of records, hub, canvas"),
    ],
)
def test_grading_refuses_a_layout_it_cannot_use(tmp_path, options, message):
    path = write_notebook(tmp_path / "a" / "01.ipynb", "s1", "01", correct=True)
    with pytest.raises(ValueError, match=message):
        grade([path], **options)


def test_records_spelling_the_owners_id_otherwise_are_graded_as_the_owner_and_listed(tmp_path):
    hub = tmp_path / "hub"
    typed = write_notebook(hub / "S1002" / "01.ipynb", "S1002", "01", correct=True)
    login = write_notebook(hub / "jdoe" / "01.ipynb", "s1003", "01", correct=True)
    roster = read_roster(write_roster(tmp_path / "r.csv", [
        {"student_id": "s1002", "name": "Jane", "section": "A", "sis_login_id": ""},
        {"student_id": "s1003", "name": "John", "section": "A", "sis_login_id": "jdoe"},
    ]))  # fmt: skip
    run = grade(files(hub), layout="hub", root=hub, roster=roster)
    # S1002's numbers were drawn from the id as typed: graded right as s1002, and listed
    assert totals(run) == {("s1002", "01"): full("01"), ("s1003", "01"): full("01")}
    assert problems_of(run, str(typed)) == (
        "records name S1002; graded as s1002 (hub folder S1002): ids compare "
        "case-insensitively and across the roster's id columns"
    )
    assert problems_of(run, str(login)) == ""  # the hub user is an alias; records say s1003
