"""Questions answered with a result object (a table, a network, one number computed in code).

The expected feedback and scores are worked out here from the rules in the docstrings of
:mod:`collabkit.assess.results`; the tables are small enough to count by eye.
"""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import collabkit
from collabkit.assess.assessed import seal
from collabkit.assess.questions import NumericMisconception
from collabkit.assess.records import AnswerRecord
from collabkit.assess.results import (
    MAX_EDGES,
    MAX_ROWS,
    GraphResult,
    ResultNumber,
    TableResult,
    edge_label,
)
from collabkit.widgets.questions import ResultWidget, question_widget
from tests.assess.test_properties import NASTY, SETTINGS, assert_well_formed, scored_answers

SELLERS = pd.DataFrame(
    {
        "seller": [f"Seller {i}" for i in range(1, 11)],
        "platform_share": [0.9, 0.41, 0.7, 0.65, 0.2, 0.95, 0.61, 0.3, 0.8, 0.62],
        "revenue": [100.0, 300, 250, 90, 500, 120, 80, 60, 200, 110],
    }
)
#: Sellers above 0.6 of sales on the platform, the five largest: 3, 9, 6, 10, 1.
TOP = SELLERS[SELLERS["platform_share"] > 0.6].nlargest(5, "revenue")
BELOW = SELLERS[SELLERS["platform_share"] <= 0.6]
TABLE = TableResult(
    id="99.data.top_sellers",
    prompt="The five largest sellers with more than 0.6 of their sales on the platform.",
    points=2,
    expected=TOP,
    labels="seller",
    columns=("revenue",),
    what="sellers",
    reasons={
        r.seller: f"{r.seller} has platform share {r.platform_share:.2f}, below the 0.6 the task "
        "asks for."
        for r in BELOW.itertuples()
    },
)
RANKED = TableResult(
    id="99.data.ranked", prompt="Rank them.", expected=TOP, labels="seller", ordered=True
)

TIES = nx.Graph([("A", "B"), ("B", "C"), ("C", "D")])
GRAPH = GraphResult(
    id="99.data.ties",
    prompt="Link firms that share a supplier.",
    expected=TIES,
    reasons={edge_label("A", "C"): "A and C share no supplier."},
)
NUMBER = ResultNumber(
    id="99.data.mean_share",
    prompt="The mean platform share, as a share between 0 and 1.",
    answer=0.614,
    scale="share",
    rel_tol=0.001,
    misconceptions=(NumericMisconception(0.635, "that is the median, not the mean."),),
)
QUESTIONS = (TABLE, RANKED, GRAPH, NUMBER)


class Raising:
    """A result whose comparisons, length and conversions all raise."""

    def __len__(self) -> int:
        raise RuntimeError("no length")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no equality")

    __hash__ = object.__hash__

    def __iter__(self):
        raise RuntimeError("no iteration")

    @property
    def size(self) -> int:
        raise RuntimeError("no size")


# --- tables ------------------------------------------------------------------------------


def test_the_right_table_earns_full_marks_whatever_else_it_holds():
    assert TABLE.check(TOP).correct
    assert TABLE.check(TOP.set_index("seller")).correct  # labels in the index
    assert TABLE.check(TOP.sample(frac=1, random_state=1)).correct  # order not asked
    assert TABLE.check(TOP.set_index("seller")["revenue"]).correct  # a Series of the column


def test_feedback_names_the_wrong_rows_with_the_banks_reason():
    wrong = SELLERS.nlargest(5, "revenue")  # 5, 2, 3, 9, 6: forgot the platform filter
    feedback = TABLE.check(wrong)
    # 3 right, 2 extra, 5 expected: (3 - 2) / 5 of 2 points
    assert feedback.score == pytest.approx(2 * 1 / 5)
    assert feedback.message.startswith("3 of your 5 sellers are right; the answer has 5.")
    assert "Seller 2 does not belong: Seller 2 has platform share 0.41, below the 0.6" in (
        feedback.message
    )
    assert "Seller 1 is missing." in feedback.message
    assert "Seller 10 is missing." in feedback.message


def test_a_wrong_value_is_named_and_the_row_does_not_count():
    changed = TOP.copy()
    changed.loc[changed["seller"] == "Seller 9", "revenue"] = 210.0
    feedback = TABLE.check(changed)
    assert feedback.score == pytest.approx(2 * 4 / 5)
    assert "Seller 9: revenue is 210, the task's data give 200." in feedback.message
    close = TOP.assign(revenue=TOP["revenue"] * (1 + 1e-4))  # within rel_tol 1e-3
    assert TABLE.check(close).correct


def test_a_missing_column_and_misnamed_rows_are_explained():
    feedback = TABLE.check(TOP[["seller"]])
    assert "Your table has no column 'revenue'" in feedback.message
    assert not feedback.correct
    numbered = TABLE.check(TOP.reset_index(drop=True).drop(columns="seller"))
    assert "the task names each row by its 'seller'" in numbered.message


def test_a_ranking_in_another_order_earns_half():
    assert RANKED.check(TOP).correct
    reversed_rows = RANKED.check(TOP.iloc[::-1])
    assert reversed_rows.score == pytest.approx(0.5)
    assert "not in the order the task asks for" in reversed_rows.message


def test_row_labels_alone_are_a_table_when_no_values_are_checked():
    assert RANKED.check(list(TOP["seller"])).correct
    assert RANKED.check(pd.Index(TOP["seller"])).correct
    unordered = TableResult(id="99.data.set", prompt="Which?", expected=list(TOP["seller"]))
    assert unordered.check(set(TOP["seller"])).correct
    assert unordered.check(["seller 3", "SELLER 9", "Seller 6", "Seller 10", "Seller 1"]).correct


def test_a_duplicated_row_counts_as_an_extra():
    doubled = pd.concat([TOP, TOP.iloc[:1]])
    feedback = TABLE.check(doubled)
    assert feedback.score == pytest.approx(2 * (5 - 1) / 5)


def test_an_empty_table_is_an_attempt_with_no_points():
    feedback = TABLE.check(TOP.iloc[:0])
    assert feedback.readable and feedback.score == 0
    assert "Your table is empty; the answer has 5 sellers." in feedback.message


def test_a_huge_table_is_recorded_in_bounded_size_and_scored_as_all_extra():
    huge = pd.DataFrame({"seller": [f"Seller {i}" for i in range(10**6)], "revenue": 1.0})
    summary = TABLE.recorded(huge)
    assert len(summary["rows"]) == MAX_ROWS and summary["n_rows"] == 10**6
    assert len(json.dumps(summary)) < 50_000
    feedback = TABLE.check(huge)
    assert feedback.score == 0
    assert "of your 1,000,000 sellers" in feedback.message
    assert "Only the first 500 of your rows are recorded." in feedback.message


# --- what is recorded is what is scored ----------------------------------------------------


ANSWERS = {
    "table": [TOP, SELLERS, SELLERS.nlargest(5, "revenue"), TOP.iloc[::-1], TOP[["seller"]]],
    "graph": [TIES, nx.Graph([("A", "B"), ("A", "C")]), nx.DiGraph(TIES), [("B", "A")]],
    "number": [np.float64(0.614), pd.Series([0.635]), np.array(0.7), 0.1, "0.614"],
}


@pytest.mark.parametrize(
    ("question", "answer"),
    [(q, a) for q in (TABLE, RANKED) for a in ANSWERS["table"]]
    + [(GRAPH, a) for a in ANSWERS["graph"]]
    + [(NUMBER, a) for a in ANSWERS["number"]],
)
def test_the_record_is_json_and_scores_as_the_live_object(question, answer):
    record = question.recorded(answer)
    assert json.loads(json.dumps(record, allow_nan=False)) == record
    assert question.check(record) == question.check(answer)
    assert question.recorded(record) == record  # summarising a summary changes nothing


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_the_key_is_json_and_earns_full_marks(question):
    key = question.key
    assert json.loads(json.dumps(key)) == key
    assert question.check(key).correct


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
@pytest.mark.parametrize("name", [*NASTY, "raising"])
def test_any_object_gets_feedback_never_a_traceback(question, name):
    answer = Raising() if name == "raising" else NASTY[name]
    assert_well_formed(question, question.check(answer))
    json.dumps(question.recorded(answer))  # whatever is passed, the record is JSON


def test_none_a_list_and_a_raising_object_are_told_what_to_pass():
    assert not TABLE.check(None).readable
    assert "No result yet" in TABLE.check(None).message
    assert "you passed a dict" in TABLE.check({"a": 1}).message
    raising = TABLE.check(Raising())
    assert not raising.readable and "Raising" in raising.message
    assert "you passed a str" in GRAPH.check("A-B").message


def test_a_damaged_record_is_not_read_as_a_table():
    damaged = {"result": "table", "rows": "Seller 3", "n_rows": 1, "values": {}}
    assert "damaged" in TABLE.check(damaged).message
    forged = {**TABLE.key, "n_rows": 2}  # fewer rows claimed than recorded
    assert not TABLE.check(forged).readable


def test_one_column_may_be_named_without_a_tuple():
    one = TableResult(
        id="99.data.one", prompt="x", expected=TOP, labels="seller", columns="revenue"
    )
    assert one.columns == ("revenue",) and one.check(TOP).correct


def test_a_bank_cannot_expect_an_impossible_table():
    with pytest.raises(ValueError, match="no column"):
        TableResult(id="99.data.bad", prompt="x", expected=TOP, columns=("profit",))
    with pytest.raises(ValueError, match="rows"):
        TableResult(id="99.data.bad", prompt="x", expected=TOP.iloc[:0])
    with pytest.raises(ValueError, match="table"):
        TableResult(id="99.data.bad", prompt="x", expected=42)


# --- graphs ------------------------------------------------------------------------------


def test_a_graph_is_compared_edge_by_edge_ignoring_direction_and_order():
    assert GRAPH.check(nx.Graph([("D", "C"), ("C", "B"), ("B", "A")])).correct
    assert GRAPH.check([("B", "A"), ("C", "B"), ("D", "C")]).correct  # an edge list
    feedback = GRAPH.check(nx.Graph([("A", "B"), ("A", "C")]))
    # 1 right, 1 extra, 3 expected
    assert feedback.score == 0
    assert feedback.message.startswith("1 of your 2 ties is right; the answer has 3.")
    assert "A – C does not belong: A and C share no supplier." in feedback.message
    assert "B – C is missing." in feedback.message
    two = GRAPH.check(nx.Graph([("A", "B"), ("B", "C")]))
    assert two.score == pytest.approx(2 / 3)


def test_nodes_count_when_the_question_says_so():
    lonely = TIES.copy()
    lonely.add_node("E")
    with_nodes = GraphResult(id="99.data.nodes", prompt="x", expected=lonely, nodes=True)
    assert with_nodes.check(lonely).correct
    feedback = with_nodes.check(TIES)  # E left out: 3 edges + 4 of 5 nodes right
    assert feedback.score == pytest.approx(7 / 8)
    assert "E is missing." in feedback.message
    assert GRAPH.check(lonely).correct  # nodes do not count by default


def test_a_directed_answer_is_compared_by_direction():
    flows = GraphResult(id="99.data.flows", prompt="x", expected=nx.DiGraph([("A", "B")]))
    assert flows.check(nx.DiGraph([("A", "B")])).correct
    assert "B → A does not belong" in flows.check(nx.DiGraph([("B", "A")])).message


def test_a_huge_graph_is_recorded_in_bounded_size():
    path = nx.path_graph(200_000)
    summary = GRAPH.recorded(path)
    assert len(summary["edges"]) == MAX_EDGES and summary["n_edges"] == 199_999
    assert len(json.dumps(summary)) < 100_000
    feedback = GRAPH.check(path)
    assert feedback.score == 0 and "199,999 more ties that do not belong" not in feedback.message
    assert "… and 199,996 more ties that do not belong." in feedback.message


# --- one number ----------------------------------------------------------------------------


def test_a_number_computed_in_code_is_read_from_numpy_and_pandas():
    share = SELLERS["platform_share"].mean()  # 0.614
    assert NUMBER.check(share).correct
    assert NUMBER.recorded(share) == pytest.approx(0.614) and type(NUMBER.recorded(share)) is float
    assert NUMBER.check(SELLERS[["platform_share"]].mean()).correct  # a one-value Series
    assert NUMBER.check(np.array([[0.614]])).correct
    median = NUMBER.check(SELLERS["platform_share"].median())
    assert median.message.endswith("that is the median, not the mean.")


def test_a_whole_column_is_asked_to_be_reduced():
    feedback = NUMBER.check(SELLERS["platform_share"])
    assert not feedback.readable
    assert "Your result holds 10 values (a Series)" in feedback.message
    assert ".mean()" in feedback.message
    assert "truth value" in NUMBER.check(np.bool_(True)).message


# --- in a session, sealed, and on screen ----------------------------------------------------


def test_a_session_records_the_summary_and_grading_rescoring_gives_the_same(tmp_path):
    session = collabkit.start(student_id="s1", answers_dir=tmp_path)
    feedback, record = session.submit(TABLE, SELLERS.nlargest(5, "revenue"))
    assert record is not None and record.answer == TABLE.recorded(SELLERS.nlargest(5, "revenue"))
    stored = json.loads((tmp_path / "s1-99.json").read_text())["records"][0]
    again = AnswerRecord.from_dict(stored)
    assert again is not None and TABLE.check(again.answer) == feedback


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (TABLE, pd.DataFrame({"seller": [f"Seller {i}" for i in range(450)], "revenue": 1.0})),
        (GRAPH, nx.path_graph(1_500)),
    ],
    ids=["450 rows", "1,499 ties"],
)
def test_a_large_result_is_recorded_whole_up_to_the_limits(question, answer, tmp_path):
    """Below the limits nothing is cut on the way to the sidecar file, so the re-scored
    record gives the feedback the student saw."""
    session = collabkit.start(student_id="s5", answers_dir=tmp_path)
    feedback, _ = session.submit(question, answer)
    stored = json.loads((tmp_path / "s5-99.json").read_text())["records"][0]["answer"]
    assert stored == question.recorded(answer)
    assert len(stored["rows"] if "rows" in stored else stored["edges"]) in (450, 1_499)
    assert question.check(stored) == feedback


def test_a_sealed_result_records_the_same_summary_without_a_key():
    sealed = seal(TABLE)
    assert sealed.shape == "table"
    assert sealed.recorded(SELLERS) == TABLE.recorded(SELLERS)
    feedback = sealed.check(SELLERS)
    assert feedback.recorded and "10 rows" in feedback.message and feedback.score == 0
    assert not sealed.check(None).readable
    assert seal(GRAPH).recorded(TIES) == GRAPH.recorded(TIES)
    assert seal(NUMBER).recorded(np.float64(0.5)) == 0.5
    assert "Your result holds 10 values" in seal(NUMBER).check(SELLERS["revenue"]).message


def test_the_widget_says_how_to_answer_and_shows_feedback_given_from_code(tmp_path):
    session = collabkit.start(student_id="s2", answers_dir=tmp_path)
    widget = question_widget(TABLE, session)
    assert isinstance(widget, ResultWidget)
    assert "collabkit.answer(&#x27;99.data.top_sellers&#x27;, your_result)" in widget.input.value
    widget.fill(TABLE.key)  # what the solved-run test does
    assert widget.submit().correct
    widget.fill(SELLERS)
    assert not widget.submit().correct
    restored = question_widget(TABLE, session)  # after a restart: the last answer's feedback
    assert "0 of your 10 sellers" not in restored.feedback.value
    assert "5 of your 10 sellers are right" in restored.feedback.value


def test_answering_from_code_updates_the_question_shown_above(tmp_path, monkeypatch):
    from collabkit.widgets import questions as shown

    monkeypatch.setattr(shown, "get_question", {TABLE.id: TABLE}.__getitem__)
    collabkit.start(student_id="s3", answers_dir=tmp_path)
    widget = question_widget(TABLE)
    feedback = collabkit.answer(TABLE.id, TOP)
    assert feedback is not None and feedback.correct
    assert "All 5 sellers are right." in widget.feedback.value


LONELY = TIES.copy()
LONELY.add_node("E")
WITH_NODES = GraphResult(id="99.data.lonely", prompt="x", expected=LONELY, nodes=True)


@pytest.mark.parametrize("question", [TABLE, RANKED, GRAPH, WITH_NODES, NUMBER], ids=str)
@SETTINGS
@given(data=st.data())
def test_well_formed_results_earn_the_share_their_docstring_states(question, data):
    """The strategies the course-wide property test uses for result questions (the course
    has none yet), checked here on this file's questions."""
    answer, fraction = data.draw(scored_answers(question))
    feedback = question.check(answer)
    assert_well_formed(question, feedback)
    assert feedback.score == pytest.approx(fraction * question.points, abs=1e-6)
    assert feedback.correct == (fraction == 1.0)


def test_a_feedback_page_shows_a_result_by_its_size_and_first_rows():
    from collabkit.assess.answer_text import answer_text

    assert answer_text(TABLE, TABLE.recorded(TOP)) == (
        "5 rows: Seller 3, Seller 9, Seller 6, Seller 10, Seller 1"
    )
    assert answer_text(TABLE, TABLE.recorded(SELLERS.iloc[:0])) == "0 rows"
    assert answer_text(GRAPH, GRAPH.recorded(nx.path_graph(20))).startswith("19 ties: 0 – 1, ")
    assert answer_text(GRAPH, GRAPH.recorded(nx.path_graph(20))).endswith(", …")


def test_a_sealed_result_task_shows_its_widget_and_names_the_last_answer_past_the_limit(
    tmp_path,
):
    from collabkit.assess.assessed import Release

    session = collabkit.start(student_id="s4", answers_dir=tmp_path)
    session.release = Release(notebook="99", release_id="r1", attempts=1, parameters={})
    sealed = seal(TABLE)
    widget = question_widget(sealed, session)
    assert isinstance(widget, ResultWidget)
    widget.fill(SELLERS)
    assert widget.submit().recorded
    widget.fill(TOP)
    past = widget.submit()
    assert "Your last recorded answer, “10 rows: Seller 1, Seller 2, Seller 3" in past.message
    assert len(session.records_for(TABLE.id)) == 1


def test_grading_a_saved_notebook_gives_the_scores_the_student_was_shown(tmp_path):
    """The instructor's path: live objects answered in a session, the records saved in the
    notebook's outputs, the notebook graded with the bank: each score is the one the student
    saw for their last attempt, and no student code runs."""
    import nbformat

    from collabkit.assess.grading import grade
    from collabkit.assess.records import bundle

    session = collabkit.start(student_id="s6", answers_dir=tmp_path / "answers")
    answers = [
        (TABLE, [SELLERS, SELLERS.nlargest(5, "revenue")]),  # 2 × (3 − 2) / 5 = 0.4
        (RANKED, [TOP.iloc[::-1]]),  # right rows, wrong order: 0.5
        (GRAPH, [nx.Graph([("A", "B"), ("B", "C")])]),  # 2 of 3: 2/3
        (NUMBER, [SELLERS["platform_share"], SELLERS["platform_share"].mean()]),  # right
    ]
    shown = {}
    nb = nbformat.v4.new_notebook()
    for question, attempts in answers:
        for answer in attempts:
            shown[question.id] = session.submit(question, answer)[0]
        cell = nbformat.v4.new_code_cell(f"collabkit.ask({question.id!r})")
        records = bundle(question.id, session.records_for(question.id))
        cell.outputs = [nbformat.v4.new_output("display_data", data=records)]
        nb.cells.append(cell)
    path = tmp_path / "s6.ipynb"
    nbformat.write(nb, path)
    run = grade([path], bank="tests.assess.result_bank", notebooks=["99"])
    (graded,) = run.graded
    scores = {row.question_id: row.score for row in graded.results["99"]}
    assert scores == {qid: feedback.score for qid, feedback in shown.items()}
    assert scores == pytest.approx({TABLE.id: 0.4, RANKED.id: 0.5, GRAPH.id: 2 / 3, NUMBER.id: 1.0})
    assert run.problems == []
