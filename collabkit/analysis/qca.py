"""Fuzzy-set Qualitative Comparative Analysis (fsQCA).

QCA asks which *combinations* of conditions are sufficient for an outcome, when several
different recipes can lead to the same result (equifinality). The steps, after C. C.
Ragin, *Redesigning Social Inquiry: Fuzzy Sets and Beyond* (University of Chicago Press,
2008):

1. :func:`calibrate` raw measures into set memberships between 0 and 1 (direct method);
2. :func:`truth_table`: sort the cases into the corners of the property space (one row
   per logically possible configuration) and judge each corner's sufficiency for the
   outcome with :func:`consistency` and :func:`pri`;
3. :func:`minimize` the positive configurations into a short Boolean formula (a
   :class:`Solution`, Quine–McCluskey with a minimal cover of prime implicants);
4. :func:`solution_fit`: consistency and raw and unique coverage of each path.

:func:`read_truth_table` and :func:`read_solution` say what a table and a solution mean in
a sentence, with the full numbers behind a toggle (:class:`~collabkit.core.reading.Reading`),
as a notebook shows them to business students.

Memberships are arrays or Series of numbers in [0, 1]; formulas use the fsQCA notation:
``~`` for negation (not in the set), ``*`` for AND, ``+`` for OR.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Literal

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from collabkit.core.reading import Reading, number, rounded
from collabkit.core.words import number_word

#: Log-odds of full membership (+3) and full non-membership (−3) in the direct method.
FULL_LOG_ODDS = 3.0
#: Most conditions a truth table takes (2^8 = 256 rows already dwarf any case set).
MAX_CONDITIONS = 8
#: Columns of a truth table besides the conditions.
TABLE_COLUMNS = ("n", "cases", "consistency", "pri", "outcome")

#: A condition's name and whether it must be present (``False``: ``~name``).
ConditionState = tuple[str, bool]
#: A conjunction, e.g. ``(("complementary", True), ("many_partners", False))``.
Term = tuple[ConditionState, ...]


def calibrate(
    values: Iterable[float], full_non: float, crossover: float, full_in: float
) -> np.ndarray:
    """Fuzzy-set memberships from raw values by Ragin's direct method.

    Each value's deviation from the crossover is scaled into log-odds so that the full
    membership anchor gets +3 and the full non-membership anchor −3, with one scalar on
    each side of the crossover::

        logodds = 3 * (v - crossover) / (full_in - crossover)     on full_in's side
        logodds = -3 * (v - crossover) / (full_non - crossover)   on full_non's side
        membership = 1 / (1 + exp(-logodds))

    so ``full_in`` ↦ 0.953, ``crossover`` ↦ 0.5 and ``full_non`` ↦ 0.047. The anchors may
    decrease (``full_in < crossover < full_non``) for a set whose members have *low*
    values, e.g. "cheap" from prices.

    Parameters
    ----------
    values
        Raw measures, no NaN.
    full_non, crossover, full_in
        The anchors of full non-membership, maximal ambiguity and full membership,
        strictly increasing or strictly decreasing.

    Returns
    -------
    ndarray
        Memberships in (0, 1), same length as ``values``.

    Raises
    ------
    ValueError
        If ``values`` holds NaN or the anchors are not strictly ordered.
    """
    v = np.asarray(values, dtype=float)
    if np.isnan(v).any():
        raise ValueError("values: contains NaN; calibrate complete measures only")
    if not (full_non < crossover < full_in or full_non > crossover > full_in):
        raise ValueError(
            "full_non, crossover, full_in: anchors must be strictly increasing or strictly "
            f"decreasing, got {full_non}, {crossover}, {full_in}"
        )
    deviation = v - crossover
    towards_in = deviation * (full_in - crossover) >= 0
    log_odds = np.where(
        towards_in,
        FULL_LOG_ODDS * deviation / (full_in - crossover),
        -FULL_LOG_ODDS * deviation / (full_non - crossover),
    )
    return 1.0 / (1.0 + np.exp(-log_odds))


def _memberships(values: Iterable[float], name: str) -> np.ndarray:
    """``values`` as a float array, checked to be memberships in [0, 1]."""
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or np.isnan(array).any() or (array < 0).any() or (array > 1).any():
        raise ValueError(f"{name}: memberships must be a 1-d sequence of numbers in [0, 1]")
    return array


def _pair(x: Iterable[float], y: Iterable[float]) -> tuple[np.ndarray, np.ndarray]:
    """Both memberships, checked to be of the same length."""
    xs, ys = _memberships(x, "x"), _memberships(y, "y")
    if len(xs) != len(ys):
        raise ValueError(f"x, y: lengths differ ({len(xs)} and {len(ys)})")
    return xs, ys


def _ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN when the denominator is 0 (an empty set)."""
    return float(numerator / denominator) if denominator > 0 else float("nan")


Kind = Literal["sufficiency", "necessity"]


def consistency(x: Iterable[float], y: Iterable[float], kind: Kind = "sufficiency") -> float:
    """How consistently the evidence supports a set relation between X and Y.

    Sufficiency (X ⊆ Y: wherever X, also Y) and necessity (Y ⊆ X)::

        sufficiency:  Σ min(x, y) / Σ x
        necessity:    Σ min(x, y) / Σ y

    1 means no case contradicts the relation; the usual thresholds are 0.8 for
    sufficiency and 0.9 for necessity. NaN when the denominator set is empty.

    Parameters
    ----------
    x, y
        Memberships of the same cases in the condition (or combination) and the outcome.
    kind
        ``"sufficiency"`` (default) or ``"necessity"``.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a membership sequence, their lengths differ, or ``kind``
        is unknown.
    """
    xs, ys = _pair(x, y)
    return _ratio(np.minimum(xs, ys).sum(), _side(xs, ys, kind, of_consistency=True).sum())


def coverage(x: Iterable[float], y: Iterable[float], kind: Kind = "sufficiency") -> float:
    """How much of the other set a consistent set relation accounts for (its relevance).

    ::

        sufficiency:  Σ min(x, y) / Σ y    (share of the outcome that X explains)
        necessity:    Σ min(x, y) / Σ x    (how far X is from trivially necessary)

    Parameters and errors as in :func:`consistency`.
    """
    xs, ys = _pair(x, y)
    return _ratio(np.minimum(xs, ys).sum(), _side(xs, ys, kind, of_consistency=False).sum())


def _side(xs: np.ndarray, ys: np.ndarray, kind: str, of_consistency: bool) -> np.ndarray:
    """The denominator set: X for sufficiency consistency and necessity coverage, else Y."""
    if kind not in ("sufficiency", "necessity"):
        raise ValueError(f"kind: must be 'sufficiency' or 'necessity', got {kind!r}")
    return xs if (kind == "sufficiency") == of_consistency else ys


def pri(x: Iterable[float], y: Iterable[float]) -> float:
    """Proportional reduction in inconsistency of X as sufficient for Y.

    ::

        PRI = (Σ min(x, y) − Σ min(x, y, 1 − y)) / (Σ x − Σ min(x, y, 1 − y))

    It discounts the part of X's consistency that comes from cases that are at once in Y
    and not in Y (memberships near 0.5): a combination whose PRI is low is a subset of Y
    *and* of ~Y, which is no evidence for Y. NaN when the denominator is 0.

    Raises
    ------
    ValueError
        As in :func:`consistency`.
    """
    xs, ys = _pair(x, y)
    overlap = np.minimum(xs, ys)
    both = np.minimum(overlap, 1 - ys).sum()
    return _ratio(overlap.sum() - both, xs.sum() - both)


@dataclass(frozen=True)
class Solution:
    """A sufficient recipe for the outcome: a disjunction (OR) of conjunctions (AND).

    Attributes
    ----------
    terms
        The paths, each a tuple of ``(condition, present)`` literals; ``()`` is the empty
        solution (nothing is sufficient) and a term with no literals is always true.
    """

    terms: tuple[Term, ...]

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        return " + ".join(term_label(term) for term in self.terms)

    def words(self) -> str:
        """The solution in words: ``either (not many partners and complementary) or
        (dense and governance)``; ``nothing`` for the empty solution."""
        if not self.terms:
            return "nothing"
        paths = [term_words(term) for term in self.terms]
        if len(paths) == 1:
            return paths[0]
        return "either " + " or ".join(f"({path})" for path in paths)

    def _repr_html_(self) -> str:
        sentence = (
            f"The outcome comes with {self.words()}."
            if self.terms
            else "No combination of the conditions is consistently linked to the outcome."
        )
        notation = pd.DataFrame({"fsQCA notation": [str(self)]})
        return Reading(sentence, notation)._repr_html_()

    def term_memberships(self, members: pd.DataFrame) -> pd.DataFrame:
        """Each case's membership in each term (min over its literals), one column per
        term labelled with its formula."""
        return pd.DataFrame(
            {term_label(term): _term_membership(members, term) for term in self.terms},
            index=members.index,
        )

    def membership(self, members: pd.DataFrame) -> pd.Series:
        """Each case's membership in the solution: max over its terms (0 with none)."""
        return _union(self.term_memberships(members))


def _union(paths: pd.DataFrame) -> pd.Series:
    """Fuzzy OR of the columns: max per case, 0 when there are no columns."""
    return paths.max(axis=1) if len(paths.columns) else pd.Series(0.0, index=paths.index)


def term_label(term: Term) -> str:
    """A term in fsQCA notation, e.g. ``complementary*~many_partners`` (``1`` if empty)."""
    return "*".join(name if present else f"~{name}" for name, present in term) or "1"


def term_words(term: Term) -> str:
    """A term in words, e.g. ``not many partners and complementary`` (``always`` if empty)."""
    names = [name.replace("_", " ") for name, _ in term]
    return (
        " and ".join(name if present else f"not {name}" for name, (_, present) in
                     zip(names, term, strict=True))
        or "always"
    )  # fmt: skip


def _term_membership(members: pd.DataFrame, term: Term) -> pd.Series:
    """min over the literals of x (present) or 1 − x (absent); 1 for the empty term."""
    missing = [name for name, _ in term if name not in members.columns]
    if missing:
        raise ValueError(f"members: no column for condition(s) {', '.join(missing)}")
    columns = [members[name] if present else 1 - members[name] for name, present in term]
    if not columns:
        return pd.Series(1.0, index=members.index)
    return pd.concat(columns, axis=1).min(axis=1)


def _split_outcome(
    members: pd.DataFrame, outcome: str | pd.Series, conditions: Sequence[str] | None
) -> tuple[pd.DataFrame, pd.Series]:
    """The condition memberships and the outcome membership, aligned on the cases."""
    if isinstance(outcome, str):
        if outcome not in members.columns:
            raise ValueError(f"outcome: no column {outcome!r} in members")
        y, rest = members[outcome], members.drop(columns=outcome)
    else:
        if not outcome.index.equals(members.index):
            raise ValueError("outcome: its index must be the cases of members")
        y, rest = outcome, members
    names = list(rest.columns if conditions is None else conditions)
    unknown = [name for name in names if name not in members.columns]
    if unknown:
        raise ValueError(f"conditions: not columns of members: {', '.join(map(str, unknown))}")
    x = members[names]
    for name in names:
        _memberships(x[name], f"members[{name!r}]")
    _memberships(y, "outcome")
    return x, y


def truth_table(
    members: pd.DataFrame,
    outcome: str | pd.Series,
    conditions: Sequence[str] | None = None,
    consistency_threshold: float = 0.8,
    frequency_threshold: int = 1,
) -> pd.DataFrame:
    """One row per logically possible configuration of the conditions (2^k rows).

    A case belongs to the corner in which its membership, min over the conditions of x
    (present) or 1 − x (absent), exceeds 0.5; a case with a membership of exactly 0.5 in
    some condition belongs to no corner. Each row's consistency and PRI are computed from
    all cases' fuzzy memberships in the configuration.

    Parameters
    ----------
    members
        Calibrated memberships, one row per case (the index names the cases), one column
        per condition (and possibly the outcome).
    outcome
        The outcome's column in ``members``, or a Series of memberships on the same index.
    conditions
        The condition columns, in order (default: every column but the outcome).
    consistency_threshold
        Least consistency for a configuration to count as sufficient (``outcome`` = 1).
    frequency_threshold
        Fewest cases a configuration needs to be judged at all; rarer ones are
        *logical remainders* (``outcome`` = NA).

    Returns
    -------
    DataFrame
        One row per configuration, the first condition as the most significant bit: the
        conditions (0/1), ``n`` (cases in the corner), ``cases`` (their ids,
        comma-separated), ``consistency``, ``pri`` and ``outcome`` (1, 0 or NA; nullable
        integer).

    Raises
    ------
    ValueError
        For memberships outside [0, 1], unknown columns, no or more than
        :data:`MAX_CONDITIONS` conditions, a condition named like a table column, or
        thresholds out of range.
    """
    x, y = _split_outcome(members, outcome, conditions)
    names = list(x.columns)
    if not 1 <= len(names) <= MAX_CONDITIONS:
        raise ValueError(f"conditions: need 1 to {MAX_CONDITIONS}, got {len(names)}")
    clashes = [name for name in names if name in TABLE_COLUMNS]
    if clashes:
        raise ValueError(f"conditions: names reserved for truth-table columns: {clashes}")
    if not 0 <= consistency_threshold <= 1:
        raise ValueError("consistency_threshold: must be between 0 and 1")
    if frequency_threshold < 1:
        raise ValueError("frequency_threshold: must be at least 1")
    rows = []
    for corner in product((0, 1), repeat=len(names)):
        term = tuple(zip(names, map(bool, corner), strict=True))
        inside = _term_membership(x, term)
        cases = inside.index[inside > 0.5]
        rows.append(
            {
                **dict(zip(names, corner, strict=True)),
                "n": len(cases),
                "cases": ",".join(map(str, cases)),
                "consistency": consistency(inside, y),
                "pri": pri(inside, y),
            }
        )
    table = pd.DataFrame(rows)
    judged = table["n"] >= frequency_threshold
    sufficient = (table["consistency"] >= consistency_threshold).astype(int)
    table["outcome"] = sufficient.astype("Int64").where(judged, pd.NA)
    table.attrs["consistency_threshold"] = consistency_threshold
    return table


def read_truth_table(table: pd.DataFrame) -> Reading:
    """What a truth table (from :func:`truth_table`) says, in a sentence: how many
    combinations have cases, and how many of those are consistently linked to the outcome.

    The full table, rounded, is behind the toggle.
    """
    conditions = _table_conditions(table)
    judged = table["outcome"].notna()
    positive = int((table["outcome"] == 1).sum())
    threshold = table.attrs.get("consistency_threshold")
    rule = f" (consistency at least {number(threshold)})" if threshold is not None else ""
    remainders = int((~judged).sum())
    sentence = (
        f"Of the {len(table)} possible combinations of the {len(conditions)} conditions, "
        f"{int(judged.sum())} hold cases: {positive} of them lead to the outcome "
        f"consistently{rule} and {int(judged.sum()) - positive} do not"
        + (f"; {remainders} hold too few cases to judge." if remainders else ".")
    )
    return Reading(sentence, rounded(table, 3))


def read_solution(solution: Solution, fit: pd.DataFrame) -> Reading:
    """A solution (from :func:`minimize`) in words, with how consistent it is and how much
    of the outcome it covers; its :func:`solution_fit` table, rounded, behind the toggle.

    Parameters
    ----------
    solution
        From :func:`minimize`.
    fit
        ``solution_fit(members, outcome, solution)``; an outcome given by column name
        is named in the sentence.
    """
    outcome = fit.attrs.get("outcome")
    name = outcome.replace("_", " ") if isinstance(outcome, str) else "the outcome"
    if not solution.terms:
        return Reading(f"No combination of the conditions is consistently linked to {name}.")
    whole = fit.loc["solution"]
    count = len(solution.terms)
    recipes = "recipe" if count == 1 else f"{number_word(count)} recipes"
    sentence = (
        f"{name[:1].upper() + name[1:]} comes with {solution.words()}. Together the "
        f"{recipes} have a consistency of {number(whole['consistency'])} and cover "
        f"{number(whole['raw_coverage'])} of {name}."
    )
    table = rounded(fit, 3).rename(index={"solution": "whole solution"})
    table.index.name = "recipe (fsQCA notation)"
    return Reading(sentence, table)


def _table_conditions(table: pd.DataFrame) -> list[str]:
    """A truth table's condition columns: all but :data:`TABLE_COLUMNS`."""
    if "outcome" not in table.columns:
        raise ValueError("table: needs an 'outcome' column (1, 0 or NA)")
    return [column for column in table.columns if column not in TABLE_COLUMNS]


#: An implicant during minimisation: per condition 1, 0 or None (eliminated).
_Cube = tuple[int | None, ...]


def _prime_implicants(minterms: set[tuple[int, ...]]) -> set[_Cube]:
    """Quine–McCluskey: merge cubes differing in one fixed position until none merge."""
    cubes: set[_Cube] = set(minterms)
    primes: set[_Cube] = set()
    while cubes:
        merged: set[_Cube] = set()
        used: set[_Cube] = set()
        for cube in cubes:
            for position, value in enumerate(cube):
                if value is None:
                    continue
                twin = (*cube[:position], 1 - value, *cube[position + 1 :])
                if twin in cubes:
                    merged.add((*cube[:position], None, *cube[position + 1 :]))
                    used.update((cube, twin))
        primes |= cubes - used
        cubes = merged
    return primes


def _covers(cube: _Cube, minterm: tuple[int, ...]) -> bool:
    return all(value is None or value == bit for value, bit in zip(cube, minterm, strict=True))


def _cube_order(cube: _Cube) -> tuple[tuple[int, int], ...]:
    """Sort key: by the first condition named, present before absent."""
    return tuple((position, 1 - value) for position, value in enumerate(cube) if value is not None)


def _literals(cube: _Cube) -> int:
    return sum(value is not None for value in cube)


def _minimal_cover(primes: set[_Cube], minterms: set[tuple[int, ...]]) -> list[_Cube]:
    """Fewest primes covering every minterm, then fewest literals: an exact set cover.

    Solved as a 0/1 integer programme (what Petrick's method does by expanding a product
    of sums, without its exponential expansion): choose primes ``z_p`` minimising
    ``Σ (M + literals_p) z_p`` subject to every minterm being covered, where ``M`` exceeds
    any cover's total literal count, so the number of primes comes first. Of equally good
    covers (model ambiguity) one is returned, the same one every time.
    """
    candidates = sorted(primes, key=_cube_order)
    rows = sorted(minterms)
    covers = np.array([[_covers(p, m) for p in candidates] for m in rows], dtype=float)
    literals = np.array([_literals(p) for p in candidates], dtype=float)
    weight = literals.max() * len(rows) + 1
    result = milp(
        c=weight + literals,
        constraints=LinearConstraint(covers, lb=1),
        integrality=np.ones(len(candidates)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0},
    )
    return [p for p, z in zip(candidates, result.x, strict=True) if z > 0.5]


def minimize(table: pd.DataFrame, include_remainders: bool = False) -> Solution:
    """The minimal sufficient formula for the positive configurations of a truth table.

    Quine–McCluskey finds the prime implicants of the configurations with ``outcome`` = 1
    and an exact set cover the smallest set of them covering every positive configuration.
    By default the logical remainders count as negative: the *conservative* (complex)
    solution, which makes no assumption about unobserved configurations. With
    ``include_remainders=True`` they are "don't cares" that may simplify the formula: the
    *parsimonious* solution.

    Parameters
    ----------
    table
        A :func:`truth_table` (or any frame with 0/1 condition columns and an ``outcome``
        column of 1, 0 or NA).
    include_remainders
        Use the remainders (``outcome`` NA) as simplifying assumptions.

    Returns
    -------
    Solution
        Its terms list the conditions in the table's column order.

    Raises
    ------
    ValueError
        If ``table`` has no ``outcome`` column or non-0/1 condition values.
    """
    names = _table_conditions(table)
    corners = table[names]
    if not corners.isin((0, 1)).all().all():
        raise ValueError("table: condition columns must hold 0 or 1")
    rows = [tuple(map(int, row)) for row in corners.itertuples(index=False)]
    status = table["outcome"]
    positive = {row for row, hit in zip(rows, status.eq(1).fillna(False), strict=True) if hit}
    if not positive:
        return Solution(terms=())
    remainders = {row for row, gap in zip(rows, status.isna(), strict=True) if gap}
    primes = _prime_implicants(positive | remainders if include_remainders else positive)
    relevant = {p for p in primes if any(_covers(p, m) for m in positive)}
    cover = _minimal_cover(relevant, positive)
    terms = tuple(
        tuple(
            (name, bool(value))
            for name, value in zip(names, cube, strict=True)
            if value is not None
        )
        for cube in cover
    )
    return Solution(terms=terms)


def solution_fit(
    members: pd.DataFrame, outcome: str | pd.Series, solution: Solution
) -> pd.DataFrame:
    """Consistency and coverage of each path of a solution and of the whole solution.

    For a term T with membership t and the solution S (max over its terms) with s::

        consistency        = Σ min(t, y) / Σ t
        raw coverage       = Σ min(t, y) / Σ y
        unique coverage    = coverage(S) − coverage(S without T)

    Unique coverage is the share of the outcome that only this path explains.

    Parameters
    ----------
    members
        Calibrated memberships, one row per case.
    outcome
        The outcome's column in ``members``, or a Series on the same index.
    solution
        From :func:`minimize`.

    Returns
    -------
    DataFrame
        Indexed by ``term`` (the formulas, then ``solution``), with ``consistency``,
        ``pri``, ``raw_coverage`` and ``unique_coverage`` (NA for the solution row).
    """
    x, y = _split_outcome(members, outcome, sorted({n for t in solution.terms for n, _ in t}))
    paths = solution.term_memberships(x)
    whole = solution.membership(x)
    rows = {}
    for label in paths.columns:
        others = _union(paths.drop(columns=label))
        rows[label] = {
            "consistency": consistency(paths[label], y),
            "pri": pri(paths[label], y),
            "raw_coverage": coverage(paths[label], y),
            "unique_coverage": coverage(whole, y) - coverage(others, y),
        }
    rows["solution"] = {
        "consistency": consistency(whole, y),
        "pri": pri(whole, y),
        "raw_coverage": coverage(whole, y),
        "unique_coverage": float("nan"),
    }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("term")
    if isinstance(outcome, str):
        table.attrs["outcome"] = outcome
    return table


# -- necessity ---------------------------------------------------------------------------

#: Least consistency for a condition to count as necessary (Schneider & Wagemann 2012).
NECESSITY_THRESHOLD = 0.9


def necessity(
    members: pd.DataFrame, outcome: str | pd.Series, conditions: Sequence[str] | None = None
) -> pd.DataFrame:
    """Which single conditions (present or absent) are necessary for the outcome?

    X is necessary for Y when Y is a subset of X: no case has more of the outcome than of
    the condition. For each condition and its negation::

        consistency of necessity  = Σ min(x, y) / Σ y
        coverage of necessity     = Σ min(x, y) / Σ x
        relevance of necessity    = Σ (1 − x) / Σ (1 − min(x, y))

    Coverage (Ragin 2008) and relevance (Schneider & Wagemann 2012) flag *trivial*
    necessity: a condition almost every case has is a superset of any outcome, but says
    nothing. A condition counts as necessary here at consistency ≥
    :data:`NECESSITY_THRESHOLD` (their usual 0.9).

    Parameters
    ----------
    members, outcome, conditions
        As in :func:`truth_table`.

    Returns
    -------
    DataFrame
        Indexed by ``condition`` (``name`` and ``~name`` for each), with ``consistency``,
        ``coverage``, ``relevance`` and ``necessary`` (bool).

    Raises
    ------
    ValueError
        As in :func:`truth_table`.
    """
    x, y = _split_outcome(members, outcome, conditions)
    rows = {}
    for name in x.columns:
        for label, values in ((name, x[name]), (f"~{name}", 1 - x[name])):
            both = np.minimum(values, y)
            rows[label] = {
                "consistency": consistency(values, y, kind="necessity"),
                "coverage": coverage(values, y, kind="necessity"),
                "relevance": _ratio(float((1 - values).sum()), float((1 - both).sum())),
            }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("condition")
    table["necessary"] = table["consistency"] >= NECESSITY_THRESHOLD
    return table


def read_necessity(table: pd.DataFrame) -> Reading:
    """What a :func:`necessity` table says, in a sentence; the table behind the toggle."""
    necessary = list(table.index[table["necessary"]])
    if not necessary:
        best = table["consistency"].idxmax()
        sentence = (
            f"No single condition is necessary: the most consistent, {best}, reaches "
            f"{number(table.loc[best, 'consistency'])}, below "
            f"{number(NECESSITY_THRESHOLD)}."
        )
    else:
        parts = [
            f"{name} (consistency {number(table.loc[name, 'consistency'])}, coverage "
            f"{number(table.loc[name, 'coverage'])})"
            for name in necessary
        ]
        sentence = (
            "Necessary for the outcome (consistency at least "
            f"{number(NECESSITY_THRESHOLD)}): " + "; ".join(parts) + ". A necessary "
            "condition is not a recipe: it must be there, but it does not bring the outcome "
            "on its own."
        )
    return Reading(sentence, rounded(table, 3))


# -- the three solutions and the remainders behind them ------------------------------------

#: A directional expectation: the condition's presence (True) or absence (False) is
#: expected to contribute to the outcome.
Expectations = Mapping[str, bool]


def _cube_of(term: Term, names: Sequence[str]) -> _Cube:
    values = dict(term)
    return tuple(None if name not in values else int(values[name]) for name in names)


def _term_of(cube: _Cube, names: Sequence[str]) -> Term:
    return tuple(
        (name, bool(value)) for name, value in zip(names, cube, strict=True) if value is not None
    )


def _within(small: _Cube, big: _Cube) -> bool:
    """Every literal of ``small`` is in ``big`` (``small`` covers at least what ``big`` does)."""
    return all(s is None or s == b for s, b in zip(small, big, strict=True))


def intermediate(table: pd.DataFrame, expectations: Expectations) -> Solution:
    """The intermediate solution: only *easy* counterfactuals (Ragin & Sonnett 2005).

    For each term C of the conservative solution, take a term P of the parsimonious
    solution contained in it (P's literals are all in C). A literal of C that P drops is
    dropped only when it runs *against* a directional expectation (C has the condition
    absent but its presence is expected to help, or the reverse): assuming that the
    expected value would give the outcome too is the easy counterfactual. Literals that
    agree with an expectation, or have none, stay. Terms contained in others are dropped.

    Parameters
    ----------
    table
        A :func:`truth_table`.
    expectations
        Condition → True (presence expected to contribute) or False (absence); conditions
        left out have no expectation.

    Returns
    -------
    Solution

    Raises
    ------
    ValueError
        For an expectation about a condition the table does not have, or as
        :func:`minimize`.
    """
    names = _table_conditions(table)
    unknown = sorted(set(expectations) - set(names))
    if unknown:
        raise ValueError(f"expectations: not conditions of the table: {', '.join(unknown)}")
    conservative = [_cube_of(t, names) for t in minimize(table).terms]
    parsimonious = [_cube_of(t, names) for t in minimize(table, include_remainders=True).terms]
    cubes: list[_Cube] = []
    for complex_cube in conservative:
        options = []
        for simple in (p for p in parsimonious if _within(p, complex_cube)):
            kept = tuple(
                value
                if value is not None
                and (
                    simple[i] is not None
                    or names[i] not in expectations
                    or bool(value) == expectations[names[i]]
                )
                else None
                for i, value in enumerate(complex_cube)
            )
            options.append(kept)
        cubes.append(min(options, key=lambda c: (_literals(c), _cube_order(c))))
    unique = sorted(set(cubes), key=_cube_order)
    kept_cubes = [c for c in unique if not any(o != c and _within(o, c) for o in unique)]
    return Solution(terms=tuple(_term_of(c, names) for c in kept_cubes))


def remainders_used(table: pd.DataFrame, solution: Solution) -> pd.DataFrame:
    """The logical remainders (rows without enough cases) a solution covers: the
    simplifying assumptions it makes about combinations nobody observed."""
    names = _table_conditions(table)
    cubes = [_cube_of(t, names) for t in solution.terms]
    rows = [tuple(map(int, r)) for r in table[names].itertuples(index=False)]
    used = [
        table["outcome"].isna().iloc[i] and any(_covers(c, row) for c in cubes)
        for i, row in enumerate(rows)
    ]
    return table[np.array(used, dtype=bool)]


def configuration_label(row: pd.Series, names: Sequence[str]) -> str:
    """A truth-table row in fsQCA notation, e.g. ``many_partners*~dense*governance``."""
    return term_label(tuple((name, bool(row[name])) for name in names))


def why_literals(table: pd.DataFrame) -> list[str]:
    """Why each literal of the conservative solution that the parsimonious one drops is
    there: the case-less combinations that would be needed to drop it, in sentences."""
    names = _table_conditions(table)
    conservative = [_cube_of(t, names) for t in minimize(table).terms]
    parsimonious = [_cube_of(t, names) for t in minimize(table, include_remainders=True).terms]
    rows = [tuple(map(int, r)) for r in table[names].itertuples(index=False)]
    empty = table["outcome"].isna().to_numpy()
    sentences = []
    for complex_cube in conservative:
        simple = next((p for p in parsimonious if _within(p, complex_cube)), None)
        if simple is None:
            continue
        for i, value in enumerate(complex_cube):
            if value is None or simple[i] is not None:
                continue
            flipped = (*complex_cube[:i], 1 - value, *complex_cube[i + 1 :])
            needed = [
                configuration_label(table.iloc[j], names)
                for j, row in enumerate(rows)
                if _covers(flipped, row) and empty[j]
            ]
            literal = names[i] if value else f"~{names[i]}"
            sentences.append(
                f"{literal} stays in {term_label(_term_of(complex_cube, names))} because "
                + (
                    f"{_join(needed)} {'has' if len(needed) == 1 else 'have'} no cases: the "
                    "data cannot say whether that combination leads to the outcome, so the "
                    "conservative solution does not assume it does. The parsimonious "
                    f"solution assumes it, and drops {literal}."
                    if needed
                    else "the combinations without it do not lead to the outcome."
                )
            )
    return sentences


def _combinations(count: int) -> str:
    count = int(count)
    return f"{number_word(count)} case-less combination{'' if count == 1 else 's'}"


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def compare_solutions(
    members: pd.DataFrame, outcome: str, table: pd.DataFrame, expectations: Expectations
) -> pd.DataFrame:
    """The conservative, intermediate and parsimonious solutions side by side.

    Returns
    -------
    DataFrame
        Indexed by ``solution`` (``conservative``, ``intermediate``, ``parsimonious``),
        with ``formula`` (fsQCA notation), ``consistency``, ``coverage`` (of the outcome)
        and ``remainders_used`` (how many case-less combinations it assumes lead to the
        outcome). Its ``attrs["solutions"]`` holds the three :class:`Solution` objects.
    """
    solutions = {
        "conservative": minimize(table),
        "intermediate": intermediate(table, expectations),
        "parsimonious": minimize(table, include_remainders=True),
    }
    rows = {}
    for name, solution in solutions.items():
        whole = solution_fit(members, outcome, solution).loc["solution"] if solution.terms else None
        rows[name] = {
            "formula": str(solution),
            "consistency": float("nan") if whole is None else whole["consistency"],
            "coverage": float("nan") if whole is None else whole["raw_coverage"],
            "remainders_used": len(remainders_used(table, solution)),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index").rename_axis("solution")
    frame.attrs["solutions"] = solutions
    return frame


def read_solutions(comparison: pd.DataFrame, table: pd.DataFrame) -> Reading:
    """The three solutions of :func:`compare_solutions` in sentences, with why the
    conservative one keeps the literals the parsimonious one drops; the table behind the
    toggle."""
    parts = [
        f"Conservative (no assumption about combinations without cases): "
        f"{comparison.loc['conservative', 'formula']}.",
        f"Intermediate (only assumptions that agree with what theory expects): "
        f"{comparison.loc['intermediate', 'formula']}, assuming "
        f"{_combinations(comparison.loc['intermediate', 'remainders_used'])}.",
        f"Parsimonious (any assumption that simplifies): "
        f"{comparison.loc['parsimonious', 'formula']}, assuming "
        f"{_combinations(comparison.loc['parsimonious', 'remainders_used'])}.",
        *(f"Why they differ: {reason}" for reason in why_literals(table)),
    ]
    return Reading(" ".join(parts), rounded(comparison, 3))
