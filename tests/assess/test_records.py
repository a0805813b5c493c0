"""Answer records: who, what, when, which attempt; saved atomically; restored on restart."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabkit
from collabkit.assess import records as records_module
from collabkit.assess import session as session_module
from collabkit.assess.records import MIME_TYPE, AnswerRecord, bundle, jsonable
from collabkit.core import atomic

RECORD_FIELDS = {
    "question_id",
    "answer",
    "attempt",
    "time",
    "student_id",
    "variant",
    "revealed_solution",
    "release",
    "kit_version",
    "schema",
}


def sidecar(folder: Path, student: str, notebook: str) -> dict:
    return json.loads((folder / f"{student}-{notebook}.json").read_text(encoding="utf-8"))


def sidecars(folder: Path) -> list[Path]:
    """The answer files in ``folder`` (not their lock files, nor the file that remembers
    the student's id)."""
    return [
        p for p in folder.iterdir() if p.suffix == ".json" and p.name != session_module.REMEMBERED
    ]


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- what a record holds, written atomically ---------------------------------------------


def test_each_submit_leaves_a_complete_json_file_and_no_temporary_files(tmp_path):
    collabkit.start(student_id="jdoe42", answers_dir=tmp_path)
    before = datetime.now(UTC) - timedelta(seconds=1)
    answers = [7_200, "10,200", 10_200.0]
    for n, value in enumerate(answers, start=1):
        collabkit.answer("01.pooling.cost", value)
        data = sidecar(tmp_path, "jdoe42", "01")  # valid JSON after every single submit
        assert [r["attempt"] for r in data["records"]] == list(range(1, n + 1))
        assert leftovers(tmp_path) == []
    after = datetime.now(UTC) + timedelta(seconds=1)

    records = sidecar(tmp_path, "jdoe42", "01")["records"]
    assert [r["question_id"] for r in records] == ["01.pooling.cost"] * 3
    assert [r["answer"] for r in records] == answers
    assert {r["student_id"] for r in records} == {"jdoe42"}
    times = [datetime.fromisoformat(r["time"]) for r in records]
    assert all(t.utcoffset() == timedelta(0) for t in times)  # stored in UTC
    assert before <= times[0] <= times[1] <= times[2] <= after
    assert all(set(r) == RECORD_FIELDS for r in records)
    assert all(r["kit_version"] == collabkit.__version__ for r in records)


def test_each_notebook_gets_its_own_sidecar_file(tmp_path):
    collabkit.start(student_id="jdoe42", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 1)
    collabkit.answer("00.basics.run", "b")
    assert sorted(p.name for p in sidecars(tmp_path)) == ["jdoe42-00.json", "jdoe42-01.json"]
    assert sidecar(tmp_path, "jdoe42", "00")["records"][0]["question_id"] == "00.basics.run"


def test_the_answers_dir_comes_from_the_environment(tmp_path, monkeypatch):
    folder = tmp_path / "from-env"
    monkeypatch.setenv("COLLABKIT_ANSWERS_DIR", str(folder))
    collabkit.start(student_id="envuser")
    collabkit.answer("00.basics.run", "b")
    assert (folder / "envuser-00.json").is_file()


def test_a_failed_write_keeps_the_previous_file_whole(tmp_path, monkeypatch):
    collabkit.start(student_id="s0", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 1)
    saved = (tmp_path / "s0-01.json").read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    collabkit.answer("01.pooling.cost", 2)  # reported to the student, not raised
    assert "No space left on device" in session_module.current_session().save_error
    assert (tmp_path / "s0-01.json").read_bytes() == saved
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("given_id", "hub_user", "expected"),
    [
        ("jdoe42", "hubuser", "jdoe42"),
        ("  jdoe42 ", None, "jdoe42"),
        (None, "hubuser", "hubuser"),
        ("   ", "hubuser", "hubuser"),
        (None, None, "anonymous"),
        (20231234, None, "20231234"),  # a student number typed without quotes
    ],
)
def test_student_id_comes_from_start_then_jupyterhub_then_anonymous(
    tmp_path, monkeypatch, given_id, hub_user, expected
):
    if hub_user:
        monkeypatch.setenv("JUPYTERHUB_USER", hub_user)
    assert collabkit.start(student_id=given_id, answers_dir=tmp_path).student_id == expected
    collabkit.answer("00.basics.run", "a")
    (record,) = sidecar(tmp_path, expected, "00")["records"]
    assert record["student_id"] == expected


def test_records_never_hold_a_score(tmp_path):
    collabkit.start(student_id="s1", answers_dir=tmp_path)
    for qid in ("01.pooling.cost", "01.what.definition", "01.task.memo", "01.types.match"):
        question = collabkit.get_question(qid)
        collabkit.answer(qid, question.key)
    data = sidecar(tmp_path, "s1", "01")
    assert set(data) == {"schema", "student_id", "records"}
    assert len(data["records"]) == 4
    assert all(set(r) == RECORD_FIELDS for r in data["records"])  # no score, no "correct"
    record = AnswerRecord("01.a.b", 1, 1, "t", "s")
    assert "score" not in json.dumps(bundle("01.a.b", [record]))


def test_a_score_written_into_the_sidecar_changes_nothing(tmp_path):
    """Grading re-scores the answer; a forged score or "correct" flag is ignored."""
    forged = {
        "question_id": "01.pooling.cost",
        "answer": 1,
        "attempt": 1,
        "time": "2026-01-01T00:00:00.000+00:00",
        "student_id": "s1",
        "score": 1,
        "correct": True,
    }
    (tmp_path / "s1-01.json").write_text(json.dumps({"records": [forged]}), encoding="utf-8")
    collabkit.start(student_id="s1", answers_dir=tmp_path)
    report = collabkit.progress("01")
    assert report.table["answered"].sum() == 1
    assert report.table["correct"].sum() == 0 and report.score == 0


# -- restart, corruption, concurrent kernels ----------------------------------------------


def test_a_new_session_restores_earlier_answers(tmp_path):
    first = collabkit.start(student_id="s1", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 10_200)
    collabkit.answer("01.reach.union", 11_000)
    collabkit.answer("00.basics.run", "b")
    before = [r.to_dict() for r in first.records]

    session_module._current = None  # what a kernel restart does to memory
    restarted = collabkit.start(student_id="s1", answers_dir=tmp_path)
    assert restarted is not first
    assert [r.to_dict() for r in restarted.records] == before
    assert restarted.attempts("01.pooling.cost") == 1
    report = collabkit.progress("01")
    assert report.table["answered"].sum() == 2
    assert report.table["correct"].sum() == 1  # 10,200 is right, 11,000 double-counts

    collabkit.answer("01.pooling.cost", 1)  # attempt numbering continues after a restart
    assert [
        r["attempt"]
        for r in sidecar(tmp_path, "s1", "01")["records"]
        if r["question_id"] == "01.pooling.cost"
    ] == [1, 2]


def test_another_students_answers_are_not_restored(tmp_path):
    collabkit.start(student_id="alice", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 10_200)
    bob = collabkit.start(student_id="bob", answers_dir=tmp_path)
    assert bob.records == []
    assert collabkit.progress("01").table["answered"].sum() == 0


@pytest.mark.parametrize(
    "content",
    [b"{ not json", b"", b'{"records": 5}', b"[1, 2]", b"\xff\xfe\x00garbage", b"[" * 100_000],
    ids=["broken", "empty", "records not a list", "a list", "binary", "deeply nested"],
)
def test_a_corrupt_sidecar_is_moved_aside_not_overwritten(tmp_path, content):
    (tmp_path / "s4-01.json").write_bytes(content)
    session = collabkit.start(student_id="s4", answers_dir=tmp_path)
    assert session.records == []
    collabkit.answer("01.pooling.cost", 10_200)
    kept = list(tmp_path.glob("s4-01.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert [r["answer"] for r in sidecar(tmp_path, "s4", "01")["records"]] == [10_200]


def test_malformed_records_in_a_readable_sidecar_are_skipped(tmp_path):
    good = {
        "question_id": "01.pooling.cost",
        "answer": 10_200,
        "attempt": 1,
        "time": "2026-01-01T00:00:00.000+00:00",
        "student_id": "s6",
    }
    text = json.dumps({"records": [good, {"attempt": 2}, "junk"]})
    text = text.replace('"attempt": 2', '"attempt": Infinity')  # json.loads accepts this
    (tmp_path / "s6-01.json").write_text(text, encoding="utf-8")
    session = collabkit.start(student_id="s6", answers_dir=tmp_path)
    assert [r.answer for r in session.records] == [10_200]


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
    (written,) = sidecars(tmp_path)
    assert written.parent == tmp_path and "/" not in written.name and ".." not in written.name
    assert (
        sidecar(tmp_path, written.name[: -len("-00.json")], "00")["records"][0]["student_id"]
        == "../../etc/passwd"
    )


def test_answering_an_unknown_question_records_nothing(tmp_path):
    collabkit.start(student_id="s7", answers_dir=tmp_path)
    assert collabkit.answer("01.no.such", 1) is None
    assert sidecars(tmp_path) == []


# -- any answer is stored as strict JSON ---------------------------------------------------


class BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr is broken")

    def __str__(self) -> str:
        raise RuntimeError("str is broken")


def deeply_nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


ODD_VALUES = {
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": -float("inf"),
    "1 MB string": "x" * 1_000_000,
    "np.float64": np.float64(2.5),
    "np.float64 nan": np.float64("nan"),
    "np.int64": np.int64(3),
    "np.bool_": np.bool_(True),
    "np.array": np.arange(1_000.0),
    "set": {1, 2, 3},
    "frozenset of mixed": frozenset({1, "a", (2, 3)}),
    "deep": deeply_nested(1_000),
    "wide": list(range(100_000)),
    "big dict": {str(i): i for i in range(10_000)},
    "10**400": 10**400,
    "10**5000": 10**5000,
    "object": object(),
    "bytes": b"raw",
    "broken repr": BrokenRepr(),
    "set of broken": {BrokenRepr()},
    "broken key": {BrokenRepr(): 1},
    "huge key": {10**5000: 1},
    "nan key": {float("nan"): [float("inf")]},
}


@pytest.mark.parametrize("value", list(ODD_VALUES.values()), ids=list(ODD_VALUES))
def test_any_answer_is_stored_as_strict_json(value):
    text = json.dumps(jsonable(value), allow_nan=False)
    assert len(text) < 100_000


@pytest.mark.parametrize("value", list(ODD_VALUES.values()), ids=list(ODD_VALUES))
def test_any_answer_can_be_submitted_and_restored(tmp_path, value):
    session = collabkit.start(student_id="odd", answers_dir=tmp_path)
    feedback = collabkit.answer("01.what.benefits", value)
    assert feedback is not None and not feedback.correct and feedback.message
    if not feedback.readable:  # not an attempt: nothing is recorded
        assert session.records == [] and not (tmp_path / "odd-01.json").exists()
        return
    stored = sidecar(tmp_path, "odd", "01")["records"][0]["answer"]
    assert stored == session.records[0].answer
    restarted = session_module.Session("odd", tmp_path)
    assert restarted.records[0].answer == stored


def test_jsonable_keeps_what_it_can_and_says_what_it_cut():
    assert jsonable(np.float64(2.5)) == 2.5 and jsonable(np.int64(3)) == 3
    assert jsonable(float("nan")) == "nan" and jsonable(-float("inf")) == "-inf"
    assert jsonable({3, 1, 2}) == [1, 2, 3]
    assert jsonable((1, "a")) == [1, "a"]
    long = jsonable("x" * 1_000_000)
    assert long.startswith("x" * 20_000) and "truncated from 1,000,000 characters" in long
    assert "nested too deeply" in json.dumps(jsonable(deeply_nested(50)))
    assert len(jsonable(list(range(1_000)))) == 200


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=15,
)


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_jsonable_returns_plain_json_answers_unchanged(value):
    if depth(value) <= 5:
        assert jsonable(value) == value


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.integers(min_value=-(10**400), max_value=10**400)
        | st.floats()
        | st.text()
        | st.binary(),
        lambda children: (
            st.lists(children)
            | st.tuples(children)
            | st.dictionaries(st.integers() | st.text() | st.floats(), children)
            | st.frozensets(st.floats() | st.integers() | st.text())
        ),
        max_leaves=30,
    )
)
def test_jsonable_always_gives_strict_json(value):
    json.dumps(jsonable(value), allow_nan=False)


# -- progress is the latest answers re-scored ----------------------------------------------


def test_progress_equals_rescoring_the_latest_answers(tmp_path):
    collabkit.start(student_id="s3", answers_dir=tmp_path)
    history = [
        ("01.what.definition", "a"),
        ("01.what.definition", "b"),  # wrong, then right
        ("01.pooling.cost", 10_200),
        ("01.pooling.cost", 7_200),  # right, then wrong: the latest counts
        ("01.types.saving", "400 €"),
        ("01.challenges.remedy", ["a", "b"]),  # partial credit
        ("01.task.memo", collabkit.get_question("01.task.memo").key),
        ("00.basics.run", "b"),  # another notebook
    ]
    for qid, value in history:
        collabkit.answer(qid, value)
    latest = dict(history)
    in_01 = {q: v for q, v in latest.items() if q.startswith("01.")}
    # the memo is instructor-graded: answered, but in no points until the instructor grades it
    scores = {
        q: collabkit.get_question(q).check(v) for q, v in in_01.items() if q != "01.task.memo"
    }

    report = collabkit.progress("01")
    table = report.table.set_index("section")
    assert report.score == pytest.approx(sum(f.score for f in scores.values()))
    assert report.max_score == sum(
        q.points for q in collabkit.all_questions() if q.notebook == "01" and q.id != "01.task.memo"
    )
    assert report.graded_later == 1
    assert table["answered"].sum() == len(in_01)
    assert table["correct"].sum() == sum(f.correct for f in scores.values())
    assert table.loc["01.pooling", "answered"] == 1
    assert table.loc["01.pooling", "correct"] == 0  # 7,200 after 10,200 is not correct
    assert table.loc["01.what", "correct"] == 1
    # remedy: a and b of a, b, d → 2/3 of its points
    assert table.loc["01.challenges", "score"] == pytest.approx(2 / 3)
    assert not report.complete

    whole = collabkit.progress()
    assert whole.score == pytest.approx(report.score + 1)  # + 00.basics.run
    assert set(whole.table["notebook"]) == {q.notebook for q in collabkit.all_questions()}


def test_progress_is_complete_after_answering_everything_right(tmp_path):
    collabkit.start(student_id="s8", answers_dir=tmp_path)
    for question in collabkit.all_questions():
        if question.notebook == "00":
            collabkit.answer(question.id, question.key)
    report = collabkit.progress("00")
    assert report.complete
    assert (
        report.score
        == report.max_score
        == sum(q.points for q in collabkit.all_questions() if q.notebook == "00")
    )
    assert "Progress of s8" in repr(report) and "Progress of" in report._repr_html_()


# -- records as dictionaries (the notebook's MIME bundle) --------------------------------

GOOD = AnswerRecord("01.a.b", [1, "x"], 2, "2026-01-01T00:00:00.000+00:00", "s").to_dict()


def test_record_round_trip():
    assert AnswerRecord.from_dict(GOOD) == AnswerRecord(**GOOD)
    assert AnswerRecord.from_dict(json.loads(json.dumps(GOOD))) == AnswerRecord(**GOOD)
    minimal = {k: GOOD[k] for k in ("question_id", "attempt", "time", "student_id")}
    assert AnswerRecord.from_dict(minimal).answer is None


@pytest.mark.parametrize(
    "broken",
    [
        None,
        [],
        "record",
        {"question_id": "x"},
        {k: v for k, v in GOOD.items() if k != "attempt"},
        {k: v for k, v in GOOD.items() if k != "time"},
        {k: v for k, v in GOOD.items() if k != "student_id"},
        {**GOOD, "attempt": "two"},
        {**GOOD, "attempt": "2"},
        {**GOOD, "attempt": 1.5},
        {**GOOD, "attempt": True},
        {**GOOD, "attempt": float("inf")},
        {**GOOD, "attempt": float("nan")},
        {**GOOD, "attempt": 0},
        {**GOOD, "attempt": -1},
        {**GOOD, "attempt": None},
        {**GOOD, "question_id": None},
        {**GOOD, "question_id": ["01.a.b"]},
        {**GOOD, "time": 1700000000},
        {**GOOD, "student_id": {"name": "s"}},
        {**GOOD, "variant": {"v": 1}},
        {**GOOD, "schema": float("inf")},
    ],
    ids=repr,
)
def test_malformed_records_are_rejected(broken):
    assert AnswerRecord.from_dict(broken) is None


def test_bundle_carries_the_records_and_a_readable_line():
    record = AnswerRecord("01.a.b", 5, 3, "2026-01-01T10:30:00.000+00:00", "s")
    data = bundle("01.a.b", [record])
    assert data[MIME_TYPE]["question_id"] == "01.a.b"
    assert data[MIME_TYPE]["records"] == [record.to_dict()]
    assert data["text/plain"] == "Answer saved: 01.a.b, attempt 3, 2026-01-01 10:30 UTC"
    assert "no answer saved yet" in bundle("01.a.b", [])["text/plain"]
    json.dumps(data, allow_nan=False)


def test_answer_displays_the_records_for_the_notebook(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("collabkit.widgets.questions.display", lambda *a, **k: shown.append(a))
    collabkit.start(student_id="s9", answers_dir=tmp_path)
    collabkit.answer("01.pooling.cost", 1)
    collabkit.answer("01.pooling.cost", 10_200)
    last = shown[-1][0][MIME_TYPE]
    assert [(r["answer"], r["attempt"]) for r in last["records"]] == [(1, 1), (10_200, 2)]


def test_a_failed_save_keeps_the_answer_and_says_so(tmp_path, monkeypatch):
    """A read-only answers folder: the student still gets feedback and a clear warning."""
    session = collabkit.start(student_id="s9", answers_dir=tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(records_module, "write_json_atomic", refuse)
    feedback = collabkit.answer("01.pooling.cost", 10_200)
    assert feedback.correct
    assert session.save_error and "could not be saved" in session.save_error
    assert session.attempts("01.pooling.cost") == 1  # kept in memory for this session


def test_restored_widgets_show_answers_given_as_text_or_in_any_case(tmp_path):
    from collabkit.widgets.questions import question_widget

    collabkit.start(student_id="s10", answers_dir=tmp_path)
    collabkit.answer("00.basics.run", "Shift + Enter")
    collabkit.answer(
        "01.what.components", {"the bakery, the café and the delivery firm": "PARTICIPANTS"}
    )
    choice = question_widget(collabkit.get_question("00.basics.run"))
    assert choice.value == "b"
    sort = question_widget(collabkit.get_question("01.what.components"))
    assert sort.value == {"The bakery, the café and the delivery firm": "participants"}
