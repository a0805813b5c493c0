"""Every question of the course scores any answer without raising (hypothesis).

One scoring path: ``check`` never raises on any answer; each answer gets a clear message.
A scoring bug would surface as the catch-all "internal error" message, so that message
counts as a failure here.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collabkit
from collabkit.assess.feedback import Feedback
from collabkit.assess.questions import (
    Classification,
    CodeAnswer,
    FreeText,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Rubric,
    VariantNumeric,
)
from collabkit.assess.results import GraphResult, TableResult
from collabkit.course.examples import DESIGN_BRIEF

QUESTIONS = collabkit.all_questions()
IDS = [q.id for q in QUESTIONS]
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class BrokenRepr:
    """An answer object whose every text conversion fails."""

    def __repr__(self) -> str:
        raise RuntimeError("repr is broken")

    def __str__(self) -> str:
        raise RuntimeError("str is broken")

    def __format__(self, spec: str) -> str:
        raise RuntimeError("format is broken")


NASTY = {
    "none": None,
    "empty": "",
    "blank": "   \n\t",
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": -float("inf"),
    "1e100": 10**100,
    "1e400": 10**400,
    "-1e400": -(10**400),
    "1e5000": 10**5000,  # str() of this int raises ValueError in Python 3.11+
    "abc": "abc",
    "list": [],
    "dict": {},
    "tuple": (),
    "set": set(),
    "true": True,
    "bytes": b"bytes",
    "nested dict": {"a": {"b": {"c": [1, 2, {"d": None}]}}},
    "nested list": [[[[[]]]]],
    "deep list": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]],
    "1 MB string": "x" * 1_000_000,
    "1 MB words": "trust cost six " * 70_000,
    "script": "<script>alert(1)</script>",
    "np nan": np.float64("nan"),
    "np int": np.int64(7_654_321),  # a numpy integer that is no question's answer
    "np bool": np.bool_(True),
    "np array": np.array([1.0, 2.0]),
    "np 0-d": np.array(3.0),
    "complex": 1 + 2j,
    "broken repr": BrokenRepr(),
    "set of broken": {BrokenRepr()},
    "list of broken": [BrokenRepr()],
    "broken key": {BrokenRepr(): "trust"},
    "huge key": {10**5000: "trust"},
    "int keys": {1: "a", 2: "b"},
    "object": object(),
    "class": Feedback,
    "function": print,
    "generator": (i for i in range(3)),
}

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50)
    | st.binary(max_size=20)
)
json_like = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=20) | st.integers(), children, max_size=5)
        | st.frozensets(st.text(max_size=5) | st.integers(), max_size=4)
        | st.sets(st.floats(allow_nan=True) | st.binary(max_size=4), max_size=4)
    ),
    max_leaves=20,
)


def assert_well_formed(question, feedback):
    assert isinstance(feedback, Feedback)
    assert feedback.max_score == question.points
    assert 0 <= feedback.score <= feedback.max_score
    assert not math.isnan(feedback.score)
    assert isinstance(feedback.message, str) and feedback.message.strip()
    assert "internal error" not in feedback.message, feedback.message
    assert "Traceback" not in feedback.message
    assert len(feedback.message) < 3_000  # a pasted essay is never echoed back in full
    # "correct" and "full marks" go together both ways: never "Partly right (2 of 2 points)"
    assert feedback.correct == (feedback.score == feedback.max_score)
    assert isinstance(feedback.to_html(), str)


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_key_scores_full_marks(question):
    feedback = question.check(question.key)
    assert_well_formed(question, feedback)
    assert feedback.correct, feedback.message
    assert feedback.score == question.points


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_malformed_answers_get_a_clear_message(question):
    for name, answer in NASTY.items():
        feedback = question.check(answer)
        try:
            assert_well_formed(question, feedback)
            assert not feedback.correct
        except AssertionError as error:
            raise AssertionError(f"answer {name}: {feedback}") from error


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
@SETTINGS
@given(answer=json_like)
def test_arbitrary_answers_never_raise(question, answer):
    assert_well_formed(question, question.check(answer))


def scored_answers(question) -> st.SearchStrategy:
    """Well-formed answers to ``question`` together with the share of the points each earns,
    worked out from the scoring rule in the question type's docstring."""
    if isinstance(question, VariantNumeric):  # anonymous: the default variant
        return scored_answers(question.for_variant(None))
    if isinstance(question, MultipleChoice):
        options = list(question.options)
        by_key = st.sampled_from(options).map(lambda k: (k, k))
        by_text = st.sampled_from(options).map(lambda k: (question.options[k].upper(), k))
        return (by_key | by_text).map(lambda pair: (pair[0], float(pair[1] == question.correct)))
    if isinstance(question, MultiSelect):

        def multi(ticks):
            right = len(ticks & question.correct)
            wrong = len(ticks - question.correct)
            return sorted(ticks), max(0.0, (right - wrong) / len(question.correct))

        return st.sets(st.sampled_from(list(question.options)), min_size=1).map(multi)
    if isinstance(question, Numeric):
        key = question.answer

        def numeric(x):
            close = abs(x - key) <= max(question.rel_tol * max(abs(x), abs(key)), question.abs_tol)
            return x, float(close)

        near = st.floats(-0.03, 0.03).map(lambda e: key * (1 + e))
        anywhere = st.floats(-1e9, 1e9, allow_nan=False)
        return (near | anywhere).map(numeric)
    if isinstance(question, Classification):
        items, categories = list(question.items), list(question.categories)

        def classify(mapping):
            right = sum(mapping[item] == question.items[item] for item in mapping)
            return mapping, right / len(items)

        return st.dictionaries(st.sampled_from(items), st.sampled_from(categories), min_size=1).map(
            classify
        )
    if isinstance(question, FreeText):
        rubric = list(question.rubric)

        def text(chosen):
            words = [rubric[i].keywords[0] for i in sorted(chosen)]
            filler = ["zzz"] * question.min_words
            return " ".join([*words, *filler]), len(chosen) / len(rubric)

        return st.sets(st.integers(0, len(rubric) - 1)).map(text)
    if isinstance(question, Rubric) and question.id == "02.challenge.design":
        pairs = st.tuples(st.sampled_from(DESIGN_BRIEF.firms), st.sampled_from(DESIGN_BRIEF.firms))
        return st.lists(pairs, max_size=20).map(lambda links: (links, design_fraction(links)))
    if isinstance(question, CodeAnswer) and question.id == "04.costs.code":
        sizes = [
            int(t.expression.removeprefix("channels(").removesuffix(")")) for t in question.tests
        ]

        def code(wrong):
            source = f"def channels(n):\n    return n * (n - 1) // 2 + (n in {sorted(wrong)!r})"
            return source, 1 - len(wrong) / len(sizes)

        return st.sets(st.sampled_from(sizes)).map(code)
    if isinstance(question, TableResult):
        return table_answers(question)
    if isinstance(question, GraphResult):
        return graph_answers(question)
    raise AssertionError(f"no strategy for {type(question).__name__}")


EXTRA_LABELS = ["zz extra 1", "zz extra 2", "zz extra 3"]


def table_answers(question: TableResult) -> st.SearchStrategy:
    """A table of some expected rows (their values right, in the expected order) and some
    rows the answer lacks: (right − extra) / expected rows, at least 0."""
    rows = question.expected["rows"]

    def table(picked):
        right, extra = sorted(picked[0]), sorted(picked[1])
        labels = [rows[i] for i in right] + extra
        values = {c: [question.expected["values"][c][i] for i in right] + [0.0] * len(extra)
                  for c in question.columns}  # fmt: skip
        summary = {"result": "table", "rows": labels, "n_rows": len(labels),
                   "columns": list(question.columns), "values": values}  # fmt: skip
        return summary, max(0.0, (len(right) - len(extra)) / len(rows))

    indices = st.sets(st.sampled_from(range(len(rows))))
    return st.tuples(indices, st.sets(st.sampled_from(EXTRA_LABELS))).map(table)


def graph_answers(question: GraphResult) -> st.SearchStrategy:
    """An edge list of some expected edges and some extra ones: (right − extra) / expected,
    over edges and, when the question counts them, over the nodes the edges touch."""
    edges = [tuple(e) for e in question.expected["edges"]]
    nodes = set(question.expected["nodes"])
    extras = [("zz1", "zz2"), ("zz2", "zz3")]

    def graph(picked):
        chosen = [edges[i] for i in sorted(picked[0])] + sorted(picked[1])
        right, extra, total = len(picked[0]), len(picked[1]), len(edges)
        if question.nodes:
            touched = {n for e in chosen for n in e}
            right, extra = right + len(touched & nodes), extra + len(touched - nodes)
            total += len(nodes)
        return [list(e) for e in chosen], max(0.0, (right - extra) / total)

    indices = st.sets(st.sampled_from(range(len(edges))), min_size=1)
    return st.tuples(indices, st.sets(st.sampled_from(extras))).map(graph)


def design_fraction(links) -> float:
    """The design rubric's score worked out directly with networkx: the mean of reach
    (share of firms within 2 links of logistics), robustness (1 biconnected, 0.5 connected,
    0 split), budget (1 − overrun / budget) and load (share of firms within the limit)."""
    graph = nx.Graph()
    graph.add_nodes_from(DESIGN_BRIEF.firms)
    graph.add_edges_from((a, b) for a, b in links if a != b)
    if not links or graph.number_of_edges() == 0:
        return 0.0
    lengths = dict(nx.all_pairs_shortest_path_length(graph))
    near = [f for f in graph if any(lengths[f].get(p, 99) <= 2 for p in DESIGN_BRIEF.logistics)]
    reach = len(near) / len(graph)
    if not nx.is_connected(graph):
        robust = 0.0
    else:
        robust = 1.0 if nx.is_biconnected(graph) else 0.5
    over = max(0, graph.number_of_edges() - DESIGN_BRIEF.max_links)
    budget = max(0.0, 1 - over / DESIGN_BRIEF.max_links)
    heavy = sum(d > DESIGN_BRIEF.max_links_per_firm for _, d in graph.degree)
    load = 1 - heavy / len(graph)
    return (reach + robust + budget + load) / 4


#: Rubrics scored by running a model are checked against hand-worked plans in
#: tests/models/test_platform.py instead of a generated strategy.
MODEL_SCORED = {"03.escape.plan"}
SCORABLE = [q for q in QUESTIONS if q.id not in MODEL_SCORED]
#: A code answer is checked in a fresh Python process: a hundred examples take seconds.
SCORABLE_PARAMS = [
    pytest.param(q, id=q.id, marks=pytest.mark.slow) if q.executes else pytest.param(q, id=q.id)
    for q in SCORABLE
]


@pytest.mark.parametrize("question", SCORABLE_PARAMS)
@SETTINGS
@given(data=st.data())
def test_well_formed_answers_earn_their_share_of_the_points(question, data):
    answer, fraction = data.draw(scored_answers(question))
    feedback = question.check(answer)
    assert_well_formed(question, feedback)
    assert feedback.score == pytest.approx(fraction * question.points, abs=1e-6)
    assert feedback.correct == (fraction == 1.0)
    if not feedback.correct:
        assert feedback.hint == question.hint


@pytest.mark.parametrize("question", [q for q in QUESTIONS if isinstance(q, Numeric)], ids=str)
@SETTINGS
@given(x=st.floats(-1e12, 1e12, allow_nan=False))
def test_numbers_typed_as_text_score_like_the_number(question, x):
    """A student types "12,917.5" or "12917.5 €" into the box: same score as the number."""
    expected = question.check(x)
    for typed in (f"{x:,}", f"{x} {question.unit}", f"  {x!r}  "):
        got = question.check(typed)
        assert (got.score, got.correct) == (expected.score, expected.correct), typed
        assert "not a number" not in got.message, typed


def test_numeric_wrong_answers_say_too_high_or_too_low():
    for question in (q for q in QUESTIONS if isinstance(q, Numeric)):
        far_above = question.check(question.answer * 3 + 1_000)
        far_below = question.check(question.answer / 3 - 1_000)
        assert "too high" in far_above.message, question.id
        assert "too low" in far_below.message, question.id


def test_a_blank_answer_says_that_nothing_was_answered():
    for question in QUESTIONS:
        for blank in (None, "", "  "):
            message = question.check(blank).message
            # a result question (collabkit.answer with a computed object) says "No result yet"
            assert "No answer yet" in message or "No result yet" in message, question.id


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_feedback_html_never_contains_the_students_markup(question):
    for answer in ("<script>alert(1)</script>", ["<script>"], {"<script>": "<script>"}):
        page = question.check(answer).to_html()
        assert "<script" not in page


def test_every_question_has_a_hint_and_a_worked_explanation():
    """Students see the hint after a wrong attempt and may reveal the explanation."""
    for question in QUESTIONS:
        assert question.hint.strip(), question.id
        assert question.explanation.strip(), question.id
