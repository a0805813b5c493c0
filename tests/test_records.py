"""Answer records: who, what, when, which attempt; saved atomically; restored on restart."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import collabkit
from collabkit.assess import session as session_module
from collabkit.assess.records import MIME_TYPE, AnswerRecord, bundle, jsonable


def sidecar(folder: Path, student: str, notebook: str) -> dict:
    return json.loads((folder / f"{student}-{notebook}.json").read_text(encoding="utf-8"))


def test_answers_are_recorded_with_attempts_time_and_student(tmp_path):
    collabkit.start(student_id="jdoe42", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 7_200)
    collabkit.answer("01.pooling.cost", "10,200")
    collabkit.answer("00.basics.run", "b")
    records = sidecar(tmp_path, "jdoe42", "01")["records"]
    assert [r["attempt"] for r in records] == [1, 2]
    assert [r["answer"] for r in records] == [7_200, "10,200"]
    assert {r["student_id"] for r in records} == {"jdoe42"}
    assert records[0]["time"] <= records[1]["time"]
    assert all("score" not in r for r in records)
    assert sidecar(tmp_path, "jdoe42", "00")["records"][0]["question_id"] == "00.basics.run"
    assert not list(tmp_path.glob("*.tmp"))  # atomic writes leave no temporary files


def test_student_id_comes_from_start_then_jupyterhub_then_anonymous(tmp_path, monkeypatch):
    assert collabkit.start(answers_dir=tmp_path).student_id == "anonymous"
    monkeypatch.setenv("JUPYTERHUB_USER", "hubuser")
    assert collabkit.start(answers_dir=tmp_path).student_id == "hubuser"
    assert collabkit.start(student_id="given", answers_dir=tmp_path).student_id == "given"


def test_a_new_session_restores_earlier_answers(tmp_path):
    collabkit.start(student_id="s1", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 10_200)
    collabkit.answer("01.reach.union", 11_000)
    restarted = collabkit.start(student_id="s1", answers_dir=tmp_path)
    assert restarted.attempts("01.pooling.cost") == 1
    report = collabkit.progress("01")
    assert report.table["answered"].sum() == 2
    assert report.table["correct"].sum() == 1
    collabkit.answer("01.pooling.cost", 1)  # attempt numbering continues after a restart
    assert restarted.attempts("01.pooling.cost") == 2


def test_the_latest_answer_counts(tmp_path):
    collabkit.start(student_id="s2", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 10_200)
    collabkit.answer("01.pooling.cost", 5)
    table = collabkit.progress("01").table.set_index("section")
    assert table.loc["01.pooling", "answered"] == 1
    assert table.loc["01.pooling", "correct"] == 0


def test_progress_equals_rescoring_the_latest_answers(tmp_path):
    collabkit.start(student_id="s3", answers_dir=tmp_path)
    answers = {"01.what.definition": "b", "01.types.saving": 300, "01.challenges.remedy": ["a"]}
    for qid, value in answers.items():
        collabkit.answer(qid, value)
    expected = sum(collabkit.get_question(q).check(v).score for q, v in answers.items())
    assert collabkit.progress("01").score == pytest.approx(expected)
    assert collabkit.progress("01").max_score == sum(
        q.points for q in collabkit.all_questions() if q.notebook == "01"
    )


def test_a_corrupt_sidecar_is_moved_aside_not_overwritten(tmp_path):
    (tmp_path / "s4-01.json").write_text("{ not json", encoding="utf-8")
    collabkit.start(student_id="s4", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 10_200)
    kept = list(tmp_path.glob("s4-01.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{ not json"
    assert len(sidecar(tmp_path, "s4", "01")["records"]) == 1


def test_two_kernels_answering_the_same_notebook_keep_both_records(tmp_path):
    first = session_module.Session("s5", tmp_path)
    second = session_module.Session("s5", tmp_path)
    first.submit(collabkit.get_question("01.pooling.cost"), 1)
    second.submit(collabkit.get_question("01.reach.union"), 2)
    ids = [r["question_id"] for r in sidecar(tmp_path, "s5", "01")["records"]]
    assert sorted(ids) == ["01.pooling.cost", "01.reach.union"]


def test_unsafe_student_ids_make_safe_file_names(tmp_path):
    collabkit.start(student_id="../../etc/passwd", answers_dir=tmp_path)
    collabkit.answer("00.basics.run", "b")
    (written,) = tmp_path.iterdir()
    assert written.parent == tmp_path and "/" not in written.name


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        "x" * 1_000_000,
        np.float64(2.5),
        np.int64(3),
        {1, 2, 3},
        {"deep": [[[[[[[[1]]]]]]]]},
        10**400,
        object(),
        b"raw",
    ],
    ids=lambda v: type(v).__name__,
)
def test_any_answer_is_stored_as_strict_json(value):
    text = json.dumps(jsonable(value), allow_nan=False)
    assert len(text) < 30_000


def test_record_round_trip_and_malformed_records():
    record = AnswerRecord("01.a.b", [1, "x"], 2, "2026-01-01T00:00:00.000+00:00", "s")
    assert AnswerRecord.from_dict(record.to_dict()) == record
    for broken in (None, [], {"question_id": "x"}, {**record.to_dict(), "attempt": "two"}):
        assert AnswerRecord.from_dict(broken) is None
    assert AnswerRecord.from_dict({**record.to_dict(), "attempt": 0}) is None


def test_bundle_carries_the_records_and_a_readable_line():
    record = AnswerRecord("01.a.b", 5, 3, "2026-01-01T10:30:00.000+00:00", "s")
    data = bundle("01.a.b", [record])
    assert data[MIME_TYPE]["records"][0]["attempt"] == 3
    assert "attempt 3" in data["text/plain"]
    assert "no answer saved yet" in bundle("01.a.b", [])["text/plain"]


def test_jsonable_keeps_finite_numbers_exact():
    assert jsonable(1.5) == 1.5 and jsonable(7) == 7
    assert jsonable(float("nan")) == "nan" and jsonable("abc") == "abc"
