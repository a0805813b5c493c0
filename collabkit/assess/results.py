"""Questions answered with a result object the learner computed in their own notebook.

A learner writes a few lines of pandas or networkx and passes what they got::

    top = sellers[sellers["platform_share"] > 0.6].nlargest(5, "revenue")
    collabkit.answer("03.data.top_sellers", top)

The check runs on the result object in the learner's kernel; no code of theirs is run by
collabkit, in the kernel or when grading. What is recorded (and what grading scores
again) is a JSON-safe, size-bounded *summary* of the object (:meth:`Question.recorded`):
the row labels and the checked columns of a table, the nodes and edges of a graph, one
number. A question's ``check`` accepts either the live object or its summary and gives the
same feedback for both, so a re-scored record earns what the learner was shown.

Three question types, each topic-agnostic:

- :class:`TableResult`: a pandas DataFrame or Series (or a list of row labels) compared
  with the expected table by row label, and optionally by the values of some columns.
- :class:`GraphResult`: a networkx graph compared with the expected graph, edge by edge
  (and node by node).
- :class:`ResultNumber`: one number computed in code (a numpy scalar, a one-cell table),
  checked like :class:`~collabkit.assess.questions.Numeric`, with its misconceptions. A
  metric of a network the learner built (``nx.density(G)``, a centrality) is asked this
  way: the learner computes it, the question checks the number.

A summary can be typed by hand as easily as a table can: like every answer, it is the
learner's own claim about what they found; what the kit guarantees is that the grade is the
one the learner was shown, never that the code behind it was theirs.

Example bank entry (a question bank computes ``expected`` and the reasons from its data)::

    top = SELLERS[SELLERS["platform_share"] > 0.6].nlargest(5, "revenue")
    TableResult(
        id="03.data.top_sellers",
        prompt="Which five sellers with more than 60 % of their sales on the platform earn "
        "the most? Filter and sort the seller table, then pass the result: "
        "collabkit.answer('03.data.top_sellers', your_table).",
        expected=top,
        labels="seller",                 # the column naming each row (else the index)
        columns=("revenue",),            # values checked too (within rel_tol)
        what="sellers",
        reasons={                        # why a row is in, or not in, the answer
            row.seller: f"{row.seller} sells {row.platform_share:.2f} of its goods on the "
            "platform, below the 0.6 the task asks for."
            for row in SELLERS[SELLERS["platform_share"] <= 0.6].itertuples()
        },
        concepts=("platform-dependence",),
    )
"""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, ClassVar

from collabkit.assess.feedback import Feedback
from collabkit.assess.questions import Numeric, Question
from collabkit.core import coerce

#: Most rows of a table, nodes and edges of a graph kept in a record.
MAX_ROWS = 500
MAX_NODES = 1_000
MAX_EDGES = 2_000
#: Most column names of a table kept in a record.
MAX_COLUMNS = 50
#: Longest text kept of one label or cell.
MAX_LABEL = 100
#: Most notes of each kind (extra, missing, wrong value) in one feedback.
MAX_NOTES = 3


def _pandas() -> Any:
    """pandas if it is imported (an object cannot be a DataFrame otherwise)."""
    return sys.modules.get("pandas")


def _networkx() -> Any:
    return sys.modules.get("networkx")


def label_text(value: object) -> str:
    """The text a row label, node or category is compared by: whole floats as integers
    (``12.0`` and ``12`` are the same seller), a tuple (a MultiIndex row) joined by
    " / ", anything else its ``str``, cut at :data:`MAX_LABEL` characters."""
    try:
        item = getattr(value, "item", None)
        if callable(item) and not isinstance(value, (str, bytes)):
            value = item()  # numpy scalars
    except Exception:
        pass
    if isinstance(value, tuple):
        return " / ".join(label_text(part) for part in value)[:MAX_LABEL]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        text = str(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text.strip()[:MAX_LABEL]


def _cell(value: object) -> float | str | None:
    """A table cell as a record keeps it: a finite number, None (missing) or short text."""
    try:
        item = getattr(value, "item", None)
        if callable(item) and not isinstance(value, (str, bytes)):
            value = item()
    except Exception:
        pass
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if value is None:
        return None
    return label_text(value)


def _could_not_read(obj: object, exc: Exception) -> str:
    return (
        f"collabkit could not read your result ({_kind_of(obj)} raised "
        f"{type(exc).__name__}); pass the table, network or number your code made."
    )


def _kind_of(obj: object) -> str:
    """A short name of what the learner passed, for feedback ("a list", "a DataFrame")."""
    if obj is None:
        return "None"
    name = type(obj).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


# --- tables ------------------------------------------------------------------------------


def summarize_table(obj: object, columns: Sequence[str] = (), labels: str | None = None) -> Any:
    """The record of a table result: ``{"result": "table", "rows": [...], "n_rows": n,
    "columns": [...], "values": {column: [...]}}`` (at most :data:`MAX_ROWS` rows, values of
    ``columns`` only), or a sentence saying why ``obj`` is not a table.

    ``obj`` may be a DataFrame, a Series (its values are the one column asked for, or
    ``"value"``), a pandas Index or a list, tuple or set of row labels, or such a summary
    (returned cleaned). Row labels come from the column ``labels`` when the table has it,
    else from the index.
    """
    if isinstance(obj, Mapping) and obj.get("result") == "table":
        return _clean_table(obj)
    pd = _pandas()
    if pd is not None and isinstance(obj, pd.Series):
        name = obj.name if obj.name in columns else (columns[0] if len(columns) == 1 else None)
        obj = obj.to_frame(name="value" if name is None else name)
    if pd is not None and isinstance(obj, pd.DataFrame):
        head = obj.head(MAX_ROWS)
        names = [str(c) for c in head.columns]
        if labels is not None and labels in names:
            row_labels: Iterable[object] = head.iloc[:, names.index(labels)]
        else:
            row_labels = head.index
        values = {
            column: [_cell(v) for v in head.iloc[:, names.index(column)]]
            for column in columns
            if column in names
        }
        return {
            "result": "table",
            "rows": [label_text(v) for v in row_labels],
            "n_rows": int(len(obj)),
            "columns": names[:MAX_COLUMNS],
            "values": values,
        }
    is_index = pd is not None and isinstance(obj, pd.Index)
    if is_index or isinstance(obj, (list, tuple, set, frozenset)):
        assert isinstance(obj, Sized) and isinstance(obj, Iterable)
        members = sorted(obj, key=label_text) if isinstance(obj, (set, frozenset)) else obj
        if all(not isinstance(v, (list, dict, set)) for v in itertools.islice(members, MAX_ROWS)):
            return {
                "result": "table",
                "rows": [label_text(v) for v in itertools.islice(members, MAX_ROWS)],
                "n_rows": len(obj),
                "columns": [],
                "values": {},
            }
    if coerce.is_blank(obj):
        return "No result yet: compute your table, then pass it (a pandas DataFrame)."
    return (
        f"This task wants a table (a pandas DataFrame or Series); you passed {_kind_of(obj)}. "
        "Pass the table your code made."
    )


def _clean_table(data: Mapping[Any, Any]) -> Any:
    """A table summary read back from a record, with every field of the right type."""
    rows, values, columns = data.get("rows"), data.get("values"), data.get("columns", [])
    n_rows = data.get("n_rows")
    if not (
        isinstance(rows, list)
        and isinstance(values, dict)
        and isinstance(columns, list)
        and isinstance(n_rows, int)
        and not isinstance(n_rows, bool)
        and n_rows >= len(rows)
    ):
        return "This recorded table is damaged and cannot be read."
    kept = rows[:MAX_ROWS]
    return {
        "result": "table",
        "rows": [label_text(v) for v in kept],
        "n_rows": n_rows,
        "columns": [label_text(c) for c in columns[:MAX_COLUMNS]],
        "values": {
            label_text(k): [_cell(v) for v in column[: len(kept)]]
            for k, column in list(values.items())[:MAX_COLUMNS]
            if isinstance(column, list)
        },
    }


def _same(given: float | str | None, wanted: float | str | None, rel: float, abs_: float) -> bool:
    if isinstance(given, float) and isinstance(wanted, float):
        return math.isclose(given, wanted, rel_tol=rel, abs_tol=abs_)
    if isinstance(given, str) and isinstance(wanted, str):
        return given.casefold() == wanted.casefold()
    return given is None and wanted is None


def _shown(value: float | str | None) -> str:
    if value is None:
        return "missing"
    return f"{value:,.4g}" if isinstance(value, float) else f"“{value}”"


def _more(notes: list[str], total: int, what: str) -> list[str]:
    """``notes`` cut to :data:`MAX_NOTES`, with how many more there are."""
    if total > len(notes):
        notes.append(f"… and {total - len(notes):,} more {what}.")
    return notes


@dataclass(frozen=True, kw_only=True)
class ResultQuestion(Question):
    """A question answered with a result object: what it records is the object's summary.

    Subclasses define :meth:`summarize` (the object's JSON-safe summary, or a sentence
    saying why it cannot be read) and :meth:`score` (feedback for a summary).
    """

    def summarize(self, answer: object) -> Any:
        raise NotImplementedError

    def recorded(self, answer: object) -> Any:
        """The summary of ``answer`` (what a record keeps and grading scores again)."""
        try:
            summary = self.summarize(answer)
        except Exception as exc:
            return f"[{type(exc).__name__} while summarising the result]"
        return summary

    def _check(self, answer: object) -> Feedback:
        try:
            summary = self.summarize(answer)
        except Exception as exc:  # an object whose methods raise
            return self._unreadable(_could_not_read(answer, exc))
        if isinstance(summary, str):
            return self._unreadable(summary)
        return self.score(summary)

    def score(self, summary: Mapping[str, Any]) -> Feedback:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class TableResult(ResultQuestion):
    """A table the learner computes (filter, sort, group, join) and passes as a result.

    Parameters
    ----------
    expected
        The right table: a DataFrame, a Series or a list of row labels (kept as its
        summary; at most :data:`MAX_ROWS` rows).
    labels
        The column that names each row (e.g. ``"seller"``); rows are matched by this
        column when the learner's table has it, else by its index. None: by the index.
    columns
        Columns whose values are checked too, each within ``rel_tol``/``abs_tol`` (text
        ignoring letter case). A row is right when its label is expected and these values
        match.
    ordered
        True when the order of rows is part of the task (a ranking): right rows in another
        order earn half the points.
    what
        The rows' noun in feedback (``"sellers"``, ``"firms"``).
    reasons
        Row label → why that row is (or is not) in the answer; quoted when the learner
        misses it or adds it. Compute them from the data in the bank.

    Score: ``max(0, (right rows − extra rows) / expected rows)``, halved when ``ordered``
    and the right rows are out of order.
    """

    kind: ClassVar[str] = "table"

    expected: Any
    labels: str | None = None
    columns: tuple[str, ...] = ()
    ordered: bool = False
    what: str = "rows"
    reasons: Mapping[str, str] = field(default_factory=dict)
    rel_tol: float = 1e-3
    abs_tol: float = 1e-9

    def __post_init__(self) -> None:
        super().__post_init__()
        columns = (self.columns,) if isinstance(self.columns, str) else tuple(self.columns)
        object.__setattr__(self, "columns", columns)
        summary = summarize_table(self.expected, self.columns, self.labels)
        if isinstance(summary, str):
            raise ValueError(f"{self.id}: expected must be a table or row labels: {summary}")
        if summary["n_rows"] > MAX_ROWS or not summary["rows"]:
            raise ValueError(f"{self.id}: expected must have 1 to {MAX_ROWS} rows")
        missing = [c for c in self.columns if c not in summary["values"]]
        if missing:
            raise ValueError(f"{self.id}: expected has no column(s) {missing}")
        object.__setattr__(self, "expected", summary)
        object.__setattr__(
            self, "reasons", {label_text(k): v for k, v in dict(self.reasons).items()}
        )

    @property
    def key(self) -> dict[str, Any]:
        """The expected table's summary (a record of it earns full marks)."""
        return dict(self.expected)

    def summarize(self, answer: object) -> Any:
        return summarize_table(answer, self.columns, self.labels)

    def _values(self, summary: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """Row label → {column: value} of a summary (the first row of a repeated label)."""
        table: dict[str, dict[str, Any]] = {}
        for i, row in enumerate(summary["rows"]):
            cells = {c: v[i] for c, v in summary["values"].items() if i < len(v)}
            table.setdefault(row, cells)
        return table

    def score(self, summary: Mapping[str, Any]) -> Feedback:
        wanted, given = self._values(self.expected), self._values(summary)
        lookup = {label.casefold(): label for label in wanted}
        given = {lookup.get(k.casefold(), k): v for k, v in given.items()}
        absent = [c for c in self.columns if c not in summary["values"]]
        wrong_values: list[str] = []
        right = 0
        for label in (g for g in given if g in wanted):
            bad = [
                f"{label}: {c} is {_shown(given[label].get(c))}, the task's data give "
                f"{_shown(wanted[label][c])}"
                for c in self.columns
                if c not in absent
                and not _same(given[label].get(c), wanted[label][c], self.rel_tol, self.abs_tol)
            ]
            right += not bad and not absent
            wrong_values += bad[:1]
        n_rows, n_wanted = summary["n_rows"], len(wanted)
        extra_labels = [g for g in given if g not in wanted]
        extra = n_rows - sum(g in wanted for g in given)
        missing = [w for w in wanted if w not in given]
        fraction = max(0.0, (right - extra) / n_wanted)
        notes: list[str] = []
        if absent:
            notes.append(
                f"Your table has no column {' or '.join(repr(c) for c in absent)}, which the "
                "task asks for (keep it, or name your column so)."
            )
        if self.labels and right == 0 and n_rows and self.labels not in summary["columns"]:
            notes.append(
                f"Your rows are named {', '.join(list(given)[:3])}…; the task names each row by "
                f"its {self.labels!r}: keep that column, or make it the index."
            )
        order_ok = True
        if self.ordered and not absent:
            common = [g for g in summary["rows"] if g in wanted or g.casefold() in lookup]
            common = [lookup.get(g.casefold(), g) for g in common]
            order_ok = common == [w for w in self.expected["rows"] if w in common]
            if not order_ok:
                fraction /= 2
                notes.append(f"Your {self.what} are not in the order the task asks for: sort them.")
        if right == n_wanted and extra == 0 and order_ok:
            return self._feedback(1.0, f"All {n_wanted} {self.what} are right.")
        head = f"{right} of your {n_rows:,} {self.what} {'is' if right == 1 else 'are'} right"
        head += f"; the answer has {n_wanted}."
        if n_rows == 0:
            head = f"Your table is empty; the answer has {n_wanted} {self.what}."
        elif n_rows > len(summary["rows"]):
            head += f" (Only the first {len(summary['rows']):,} of your rows are recorded.)"
        extras = [
            f"{label} does not belong"
            + (f": {self.reasons[label]}" if label in self.reasons else ".")
            for label in extra_labels[:MAX_NOTES]
        ]
        missed = [
            f"{label} is missing" + (f": {self.reasons[label]}" if label in self.reasons else ".")
            for label in missing[:MAX_NOTES]
        ]
        notes += _more(extras, extra, f"{self.what} that do not belong")
        notes += _more(missed, len(missing), f"missing {self.what}")
        notes += _more(
            [w + "." for w in wrong_values[:MAX_NOTES]], len(wrong_values), "wrong values"
        )
        return self._feedback(fraction, " ".join([head, *notes]))


# --- graphs ------------------------------------------------------------------------------


def edge_label(u: object, v: object, directed: bool = False) -> str:
    """The text an edge is compared by (``"A – B"``; ``"A → B"`` when directed); an
    undirected edge's ends are put in order, so ``edge_label(b, a) == edge_label(a, b)``."""
    a, b = label_text(u), label_text(v)
    if directed:
        return f"{a} → {b}"
    a, b = sorted((a, b))
    return f"{a} – {b}"


def summarize_graph(obj: object) -> Any:
    """The record of a graph result: ``{"result": "graph", "directed": bool, "nodes":
    [...], "edges": [[u, v], ...], "n_nodes": n, "n_edges": m}`` (at most
    :data:`MAX_NODES` nodes and :data:`MAX_EDGES` edges), or a sentence saying why ``obj``
    is not a graph. ``obj`` may be a networkx graph, a list of ``(u, v)`` pairs (an
    undirected edge list) or such a summary (returned cleaned)."""
    if isinstance(obj, Mapping) and obj.get("result") == "graph":
        return _clean_graph(obj)
    nx = _networkx()
    if nx is not None and isinstance(obj, nx.Graph):
        nodes = [label_text(n) for n in itertools.islice(obj.nodes, MAX_NODES)]
        edges = [
            [label_text(u), label_text(v)] for u, v in itertools.islice(obj.edges(), MAX_EDGES)
        ]
        return {
            "result": "graph",
            "directed": bool(obj.is_directed()),
            "nodes": nodes,
            "edges": edges,
            "n_nodes": int(obj.number_of_nodes()),
            "n_edges": int(obj.number_of_edges()),
        }
    if isinstance(obj, (list, tuple, set, frozenset)) and obj:
        pairs = list(itertools.islice(obj, MAX_EDGES))
        if all(isinstance(p, (list, tuple)) and len(p) in (2, 3) for p in pairs):
            edges = [[label_text(p[0]), label_text(p[1])] for p in pairs]
            nodes = list(dict.fromkeys(n for e in edges for n in e))
            return {
                "result": "graph",
                "directed": False,
                "nodes": nodes[:MAX_NODES],
                "edges": edges,
                "n_nodes": len(nodes),
                "n_edges": len(obj),
            }
    if coerce.is_blank(obj):
        return "No result yet: build your network, then pass it (a networkx graph)."
    return (
        f"This task wants a network (a networkx graph, or a list of (firm, firm) pairs); you "
        f"passed {_kind_of(obj)}. Pass the graph your code built."
    )


def _clean_graph(data: Mapping[Any, Any]) -> Any:
    nodes, edges = data.get("nodes"), data.get("edges")
    n_nodes, n_edges = data.get("n_nodes"), data.get("n_edges")
    if not (
        isinstance(nodes, list)
        and isinstance(edges, list)
        and isinstance(n_nodes, int)
        and isinstance(n_edges, int)
        and not isinstance(n_nodes, bool)
        and not isinstance(n_edges, bool)
        and all(isinstance(e, list) and len(e) == 2 for e in edges)
    ):
        return "This recorded network is damaged and cannot be read."
    return {
        "result": "graph",
        "directed": bool(data.get("directed", False)),
        "nodes": [label_text(n) for n in nodes[:MAX_NODES]],
        "edges": [[label_text(u), label_text(v)] for u, v in edges[:MAX_EDGES]],
        "n_nodes": max(n_nodes, len(nodes)),
        "n_edges": max(n_edges, len(edges)),
    }


@dataclass(frozen=True, kw_only=True)
class GraphResult(ResultQuestion):
    """A network the learner builds with networkx (from a table of ties, by a rule) and
    passes as a result; compared edge by edge with the expected network.

    Parameters
    ----------
    expected
        The right network: a networkx graph or a list of ``(u, v)`` pairs (kept as its
        summary). Node labels are compared as text (:func:`label_text`).
    nodes
        True when the node set counts too (isolated firms included or left out).
    reasons
        An edge's :func:`edge_label` (or a node's label) → why it is (or is not) in the
        answer; quoted when the learner misses it or adds it.
    what
        The edges' noun in feedback (``"ties"``, ``"partnerships"``).

    Score: ``max(0, (right − extra) / expected)`` over edges (and nodes when ``nodes``);
    direction is ignored unless the expected network is directed.
    """

    kind: ClassVar[str] = "graph"

    expected: Any
    nodes: bool = False
    reasons: Mapping[str, str] = field(default_factory=dict)
    what: str = "ties"

    def __post_init__(self) -> None:
        super().__post_init__()
        summary = summarize_graph(self.expected)
        if isinstance(summary, str):
            raise ValueError(f"{self.id}: expected must be a network: {summary}")
        if summary["n_edges"] > MAX_EDGES or summary["n_nodes"] > MAX_NODES:
            raise ValueError(f"{self.id}: expected is larger than a record keeps")
        object.__setattr__(self, "expected", summary)

    @property
    def key(self) -> dict[str, Any]:
        """The expected network's summary (a record of it earns full marks)."""
        return dict(self.expected)

    def summarize(self, answer: object) -> Any:
        return summarize_graph(answer)

    def _edges(self, summary: Mapping[str, Any]) -> list[str]:
        directed = self.expected["directed"]
        return list(dict.fromkeys(edge_label(u, v, directed) for u, v in summary["edges"]))

    def score(self, summary: Mapping[str, Any]) -> Feedback:
        wanted, given = self._edges(self.expected), self._edges(summary)
        right_edges = set(wanted) & set(given)
        extra_edges = [e for e in given if e not in right_edges]
        missing_edges = [e for e in wanted if e not in right_edges]
        # edges past the record's limit count as extra
        extra = extra_edge_count = summary["n_edges"] - len(given) + len(extra_edges)
        right, total = len(right_edges), len(wanted)
        notes: list[str] = []
        if self.nodes:
            want_nodes, got_nodes = self.expected["nodes"], summary["nodes"]
            extra_nodes = [n for n in got_nodes if n not in set(want_nodes)]
            missing_nodes = [n for n in want_nodes if n not in set(got_nodes)]
            right += len(want_nodes) - len(missing_nodes)
            total += len(want_nodes)
            extra += summary["n_nodes"] - len(got_nodes) + len(extra_nodes)
            notes += self._notes(extra_nodes, "does not belong", "firms that do not belong")
            notes += self._notes(missing_nodes, "is missing", "missing firms")
        fraction = max(0.0, (right - extra) / total) if total else float(extra == 0)
        if right == total and extra == 0:
            return self._feedback(1.0, f"All {len(wanted)} {self.what} are right.")
        head = (
            f"{len(right_edges)} of your {summary['n_edges']:,} {self.what} "
            f"{'is' if len(right_edges) == 1 else 'are'} right; the answer has {len(wanted)}."
        )
        if summary["n_edges"] == 0:
            head = f"Your network has no {self.what}; the answer has {len(wanted)}."
        notes = [
            *self._notes(
                extra_edges, "does not belong", f"{self.what} that do not belong", extra_edge_count
            ),
            *self._notes(missing_edges, "is missing", f"missing {self.what}"),
            *notes,
        ]
        return self._feedback(fraction, " ".join([head, *notes]))

    def _notes(self, labels: list[str], verb: str, what: str, total: int = 0) -> list[str]:
        notes = [
            f"{label} {verb}" + (f": {self.reasons[label]}" if label in self.reasons else ".")
            for label in labels[:MAX_NOTES]
        ]
        return _more(notes, max(total, len(labels)), what)


# --- one number computed in code ---------------------------------------------------------


def one_number(obj: object) -> float | Real | str | None:
    """The number a result holds: a Python or numpy number (returned as it is), a 0-d
    array or a table, Series or list with exactly one value (a float); text is returned as
    it is (read by the question's number reader); otherwise a sentence saying why ``obj`` is
    not one number (None for a blank answer)."""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, bool) or type(obj).__name__ in ("bool", "bool_"):  # numpy too
        return f"{obj} is a truth value; the task asks for a number."
    if isinstance(obj, Real):
        return float(obj) if isinstance(obj, float) else obj  # numpy's float64 too
    if coerce.is_blank(obj):
        return None
    size = getattr(obj, "size", None)  # numpy arrays and scalars, pandas objects
    if size is None and isinstance(obj, (list, tuple)):
        size = len(obj)
    if isinstance(size, int) and not isinstance(size, bool):
        if size == 1:
            flat = obj if isinstance(obj, (list, tuple)) else getattr(obj, "values", obj)
            first = next(iter(_flatten(flat)), None)
            if isinstance(first, Real) and not isinstance(first, bool):
                return float(first)
            item = getattr(first, "item", None)
            if callable(item):
                value = item()
                if isinstance(value, Real) and not isinstance(value, bool):
                    return float(value)
        if size != 1:
            return (
                f"Your result holds {size:,} values ({_kind_of(obj)}); the task asks for one "
                "number. Reduce it to one, for example with .mean(), .sum() or .loc[...]."
            )
    return f"The task asks for one number; you passed {_kind_of(obj)}."


def _flatten(value: object) -> Iterable[object]:
    """The scalars of a one-value array, list or table, in order."""
    ravel = getattr(value, "ravel", None)
    if callable(ravel):
        value = ravel()
    if isinstance(value, (list, tuple)):
        for part in value:
            yield from (_flatten(part) if isinstance(part, (list, tuple)) else [part])
        return
    try:
        yield from iter(value)  # type: ignore[call-overload]
    except TypeError:
        yield value


@dataclass(frozen=True, kw_only=True)
class ResultNumber(Numeric):
    """One number the learner computes in code (``sellers["share"].mean()``) and passes;
    checked exactly as :class:`~collabkit.assess.questions.Numeric` (tolerances, unit,
    scale, misconceptions). A numpy number, a 0-d array or a one-value table or Series is
    read as its number; a whole column gets feedback asking to reduce it to one value. The
    record keeps the number."""

    kind: ClassVar[str] = "numeric"

    def recorded(self, answer: object) -> Any:
        try:
            number = one_number(answer)
        except Exception:  # an object whose size or values raise
            number = None
        return super().recorded(answer if number is None or isinstance(number, str) else number)

    def _check(self, answer: object) -> Feedback:
        try:
            number = one_number(answer)
        except Exception as exc:  # an object whose size or values raise
            return self._unreadable(_could_not_read(answer, exc))
        if number is None:  # blank
            return self._unreadable("No result yet: compute your number, then pass it.")
        if isinstance(number, str) and not isinstance(answer, str):
            return self._unreadable(number)
        return super()._check(number)
