"""Grading an assessed class with ``collabkit grade --secret-file``: every graded notebook,
students who answer graded items right, wrong, blank-then-right, after their last attempt or
outside the release, must get exactly the gradebook the plan predicts; a wrong or missing
secret stops the run and writes nothing."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import nbformat
import pytest

from collabkit.assess.assessed import Release, release_id
from collabkit.assess.questions import instructor_graded
from collabkit.assess.records import AnswerRecord, bundle
from collabkit.cli import main
from collabkit.course import NOTEBOOKS, all_questions, assessed_questions, graded_task
from tests.conftest import readable_wrong

SECRET = bytes.fromhex("c0ffee" * 10 + "c0ff")
ATTEMPTS = 2
STUDENTS = [f"t{i:02d}" for i in range(8)]
#: What a student does on a graded item: the answers given, in order, and which of them
#: counts (None: none does). Which answer counts is the policy under test; its score comes
#: from the question's own check, tested elsewhere.
PLANS = {
    "key": (("key",), 0),
    "wrong": (("wrong",), 0),
    "blank_then_key": (("blank", "key"), 1),  # a blank is not an attempt
    "wrong_then_key": (("wrong", "key"), 1),  # the second attempt is within the limit of 2
    "key_after_limit": (("wrong", "wrong", "key"), 1),  # the third is past the limit
    "outside_release": (("key",), None),  # answered in a practice kernel: no release stamp
}


@pytest.fixture(scope="module")
def assessed_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("assessed_class")
    secret_file = folder / "course.key"
    secret_file.write_text(SECRET.hex() + "\n")
    keyed = {q.id: q for q in assessed_questions(SECRET)}
    rid = release_id(SECRET)
    rng = random.Random(12)
    expected: dict[str, dict[str, float]] = {}
    for notebook in (n.number for n in NOTEBOOKS if graded_task(n.number)):
        task = graded_task(notebook)
        token = Release(notebook, rid, ATTEMPTS, task.course_parameters(SECRET)).token(SECRET)
        questions = [keyed.get(q.id, q) for q in all_questions() if q.notebook == notebook]
        for student in STUDENTS:
            nb = nbformat.v4.new_notebook()
            nb.metadata["collabkit"] = {"assignment": notebook, "release": token}
            total, minute = 0.0, 0
            for question in questions:
                own = question.for_variant(question.variant_of(student))
                graded = question.id in task.question_ids
                plan = rng.choice(list(PLANS)) if graded else "key"
                steps, counted = PLANS[plan]
                given = {"key": own.key, "wrong": readable_wrong(own), "blank": ""}
                answers = [given[step] for step in steps]
                stamped = graded and plan != "outside_release"
                records = []
                for attempt, answer in enumerate(answers, 1):
                    minute += 1
                    records.append(AnswerRecord(
                        question.id, answer, attempt, f"2026-12-01T{minute // 60:02d}:"
                        f"{minute % 60:02d}:00.000+00:00", student,
                        variant=question.variant_of(student), release=rid if stamped else None,
                    ))  # fmt: skip
                if counted is not None and not instructor_graded(own):  # the instructor's
                    total += own.check(answers[counted]).score
                cell = nbformat.v4.new_code_cell(f"collabkit.ask({question.id!r})")
                out = nbformat.v4.new_output("display_data", data=bundle(question.id, records))
                cell.outputs = [out]
                nb.cells.append(cell)
            expected.setdefault(notebook, {})[student] = total
            (folder / notebook).mkdir(exist_ok=True)
            nbformat.write(nb, folder / notebook / f"{student}.ipynb")
    return folder, secret_file, expected


def _gradebook(out: Path) -> dict[str, float]:
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return {row[3]: float(row[5]) for row in rows[2:]}


def test_the_gradebook_is_the_plans_exactly(assessed_class):
    folder, secret_file, expected = assessed_class
    for notebook, totals in expected.items():
        out = folder / f"out{notebook}"
        code = main(["grade", str(folder / notebook), "--out", str(out), "--notebook",
                     notebook, "--secret-file", str(secret_file), "--execute"])  # fmt: skip
        assert code == 0
        assert _gradebook(out) == pytest.approx(totals, abs=5e-5), notebook  # 4 decimals
        problems = (out / "problems.csv").read_text(encoding="utf-8")
        assert "beyond the limit of 2" in problems or "given outside" in problems


@pytest.mark.parametrize("secret", ["other", None])
def test_a_wrong_or_missing_secret_writes_nothing(assessed_class, tmp_path, capsys, secret):
    folder, _, _ = assessed_class
    args = ["grade", str(folder / "01"), "--out", str(tmp_path / "out")]
    if secret:
        other = tmp_path / "other.key"
        other.write_text("ab" * 32 + "\n")
        args += ["--secret-file", str(other)]
    assert main(args) == 2
    assert not (tmp_path / "out").exists()
    message = capsys.readouterr().err
    assert ("not the one these notebooks were released with" in message) == bool(secret)
    assert release_id(SECRET) in message
