"""Fuzzy-set QCA (collabkit.analysis.qca) and notebook 04's network cases."""

from __future__ import annotations

import math
from itertools import combinations, product

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.analysis.qca import (
    Solution,
    calibrate,
    compare_solutions,
    consistency,
    coverage,
    intermediate,
    minimize,
    necessity,
    pri,
    read_necessity,
    read_solutions,
    remainders_used,
    solution_fit,
    truth_table,
    why_literals,
)
from collabkit.data import network_cases

FULL_IN = math.exp(3) / (1 + math.exp(3))  # 0.9526


# --- calibration ------------------------------------------------------------------------
def test_anchors_map_to_full_membership_crossover_and_full_non_membership():
    assert calibrate([3, 7.5, 12], 3, 7.5, 12) == pytest.approx([1 - FULL_IN, 0.5, FULL_IN])
    assert FULL_IN == pytest.approx(0.9526, abs=1e-4)


def test_each_side_of_the_crossover_has_its_own_scale():
    # 9.75 is halfway from the crossover 7.5 to full_in 12: log-odds 1.5;
    # 5.25 is halfway down to full_non 3: log-odds -1.5.
    low, high = calibrate([5.25, 9.75], 3, 7.5, 12)
    assert high == pytest.approx(1 / (1 + math.exp(-1.5)))  # 0.8176
    assert low == pytest.approx(1 - high)
    # Asymmetric anchors 0, 2, 8: 1 is halfway down (log-odds -1.5), 5 halfway up (+1.5).
    assert calibrate([1, 5], 0, 2, 8) == pytest.approx([1 - high, high])


def test_calibration_is_monotone_and_stays_in_the_unit_interval():
    members = calibrate(np.linspace(-50, 50, 201), 0, 5, 12)
    assert (np.diff(members) > 0).all()
    assert ((members > 0) & (members < 1)).all()


def test_decreasing_calibration_mirrors_the_increasing_one():
    # "cheap": 10 € is fully in, 30 € the crossover, 50 € fully out.
    cheap = calibrate([10, 20, 30, 50, 60], 50, 30, 10)
    assert cheap[[0, 2, 3]] == pytest.approx([FULL_IN, 0.5, 1 - FULL_IN])
    assert (np.diff(cheap) < 0).all()
    assert cheap == pytest.approx(1 - calibrate([10, 20, 30, 50, 60], 10, 30, 50))


def test_calibration_rejects_missing_values_and_unordered_anchors():
    with pytest.raises(ValueError, match="values"):
        calibrate([1.0, float("nan")], 0, 5, 10)
    for anchors in [(0, 10, 5), (5, 5, 10), (10, 0, 5), (0, 0, 0)]:
        with pytest.raises(ValueError, match="full_non, crossover, full_in"):
            calibrate([1.0], *anchors)


# --- consistency, coverage, PRI ---------------------------------------------------------
X, Y = [0.2, 0.8, 0.6], [0.4, 0.7, 0.9]
# By hand: min(x, y) = .2 + .7 + .6 = 1.5; Σx = 1.6; Σy = 2.0;
# 1 - y = [.6, .3, .1], min(x, y, 1 - y) = .2 + .3 + .1 = 0.6.


def test_sufficiency_and_necessity_on_a_hand_computed_example():
    assert consistency(X, Y) == pytest.approx(1.5 / 1.6)  # 0.9375
    assert coverage(X, Y) == pytest.approx(1.5 / 2.0)  # 0.75
    assert consistency(X, Y, kind="necessity") == pytest.approx(1.5 / 2.0)
    assert coverage(X, Y, kind="necessity") == pytest.approx(1.5 / 1.6)


def test_pri_on_a_hand_computed_example():
    assert pri(X, Y) == pytest.approx((1.5 - 0.6) / (1.6 - 0.6))  # 0.9


def test_a_set_is_perfectly_consistent_with_itself():
    x = np.random.default_rng(1).random(20)
    assert consistency(x, x) == pytest.approx(1.0)
    assert coverage(x, x) == pytest.approx(1.0)


def test_crisp_sets_reduce_to_counting_cases():
    x = [1, 1, 1, 0, 0]
    y = [1, 1, 0, 1, 1]
    assert consistency(x, y) == pytest.approx(2 / 3)  # 2 of the 3 X cases show Y
    assert coverage(x, y) == pytest.approx(2 / 4)  # X accounts for 2 of the 4 Y cases
    assert pri(x, y) == pytest.approx(consistency(x, y))  # no case is in Y and ~Y at once


def test_an_empty_set_has_no_consistency():
    assert math.isnan(consistency([0, 0], [1, 0]))


def test_memberships_are_checked():
    with pytest.raises(ValueError, match="x"):
        consistency([0.2, 1.2], [0.1, 0.1])
    with pytest.raises(ValueError, match="y"):
        coverage([0.2, 0.2], [0.1, float("nan")])
    with pytest.raises(ValueError, match="lengths"):
        pri([0.2, 0.2], [0.1])
    with pytest.raises(ValueError, match="kind"):
        consistency(X, Y, kind="both")


# --- truth table ------------------------------------------------------------------------
@pytest.fixture
def members():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        rng.random((40, 4)),
        columns=["a", "b", "c", "y"],
        index=[f"K{i:02d}" for i in range(40)],
    )
    frame.loc["K00", "b"] = 0.5  # in no corner
    return frame


def test_truth_table_has_one_row_per_configuration(members):
    table = truth_table(members, "y")
    assert len(table) == 8
    assert table[["a", "b", "c"]].drop_duplicates().shape[0] == 8
    assert list(table.columns) == ["a", "b", "c", "n", "cases", "consistency", "pri", "outcome"]


def test_cases_land_in_the_corner_where_their_membership_exceeds_a_half(members):
    table = truth_table(members, "y").set_index(["a", "b", "c"])
    conditions = members[["a", "b", "c"]]
    clear = conditions[(conditions != 0.5).all(axis=1)]
    for case, row in clear.iterrows():
        corner = tuple(int(v > 0.5) for v in row)
        assert case in table.loc[corner, "cases"].split(","), case
    assert table["n"].sum() == len(clear) == len(members) - 1
    assert "K00" not in ",".join(table["cases"])


def test_row_consistency_is_that_of_the_configuration(members):
    table = truth_table(members, "y")
    row = table[(table["a"] == 1) & (table["b"] == 0) & (table["c"] == 1)].iloc[0]
    inside = np.minimum.reduce([members["a"], 1 - members["b"], members["c"]])
    assert row["consistency"] == pytest.approx(consistency(inside, members["y"]))
    assert row["pri"] == pytest.approx(pri(inside, members["y"]))


def test_thresholds_decide_the_outcome_column(members):
    threshold = truth_table(members, "y")["consistency"].median()
    table = truth_table(members, "y", consistency_threshold=threshold, frequency_threshold=5)
    remainders = table["n"] < 5
    assert table.loc[remainders, "outcome"].isna().all()
    judged = table[~remainders]
    assert (judged["outcome"] == (judged["consistency"] >= threshold).astype(int)).all()
    assert remainders.any() and judged["outcome"].nunique() == 2  # the example bites


def test_outcome_may_be_a_series_and_conditions_a_subset(members):
    table = truth_table(members, members["y"], conditions=["c", "a"])
    assert list(table.columns[:2]) == ["c", "a"] and len(table) == 4


def test_truth_table_rejects_bad_input(members):
    with pytest.raises(ValueError, match="outcome"):
        truth_table(members, "z")
    with pytest.raises(ValueError, match="conditions"):
        truth_table(members, "y", conditions=["a", "q"])
    with pytest.raises(ValueError, match="conditions"):
        truth_table(members.rename(columns={"a": "n"}), "y")
    wide = pd.DataFrame(np.full((3, 10), 0.3), columns=[f"c{i}" for i in range(10)])
    with pytest.raises(ValueError, match="conditions"):
        truth_table(wide, "c9")
    with pytest.raises(ValueError, match="members"):
        truth_table(members.assign(a=members["a"] + 1), "y")


# --- minimisation -----------------------------------------------------------------------
def table_of(names: str, outcome: dict[tuple[int, ...], float]) -> pd.DataFrame:
    """A truth table over single-letter conditions: ``outcome`` maps corners to 1, 0 or
    NaN (remainder); corners not given are 0."""
    corners = list(product((0, 1), repeat=len(names)))
    table = pd.DataFrame(corners, columns=list(names))
    table["outcome"] = [outcome.get(corner, 0) for corner in corners]
    return table


def agrees(table: pd.DataFrame, solution: Solution, remainders_as: float | None) -> bool:
    """The solution's Boolean function equals the table's outcome on every judged row (and
    is ``remainders_as`` on the remainders, unless None)."""
    conditions = table.drop(columns="outcome").astype(float)
    value = solution.membership(conditions)
    expected = table["outcome"].fillna(-1 if remainders_as is None else remainders_as)
    judged = expected >= 0
    return bool((value[judged] == expected[judged]).all())


def test_textbook_example_two_overlapping_terms():
    table = table_of("ABC", {(1, 1, 1): 1, (1, 1, 0): 1, (0, 1, 1): 1})
    solution = minimize(table)
    assert str(solution) == "A*B + B*C"
    assert solution.terms == ((("A", True), ("B", True)), (("B", True), ("C", True)))
    assert agrees(table, solution, remainders_as=0)


def test_a_condition_that_is_positive_wherever_present_is_the_solution():
    table = table_of("ABC", {c: 1 for c in product((0, 1), repeat=3) if c[0] == 1})
    assert str(minimize(table)) == "A"


def test_negated_conditions_and_remainders():
    # Positive 000, 100, 101; remainders 001 and 110; negative 010, 011, 111.
    nan = float("nan")
    table = table_of("ABC", {(0, 0, 0): 1, (1, 0, 0): 1, (1, 0, 1): 1, (0, 0, 1): nan})
    table.loc[6, "outcome"] = nan
    conservative = minimize(table)
    assert str(conservative) == "A*~B + ~B*~C"
    assert agrees(table, conservative, remainders_as=0)
    parsimonious = minimize(table, include_remainders=True)
    assert str(parsimonious) == "~B"
    assert agrees(table, parsimonious, remainders_as=None)


def test_quine_mccluskey_textbook_example_with_dont_cares():
    # f(A,B,C,D) = Σm(4, 8, 10, 11, 12, 15) + d(9, 14): three terms, B*~C*~D is essential
    # and the rest is one of two equally small covers (A*~B + A*C or A*~D + A*C).
    corners = list(product((0, 1), repeat=4))
    status = {4: 1, 8: 1, 10: 1, 11: 1, 12: 1, 15: 1, 9: float("nan"), 14: float("nan")}
    table = table_of("ABCD", {corners[i]: value for i, value in status.items()})
    solution = minimize(table, include_remainders=True)
    assert len(solution.terms) == 3
    assert (("B", True), ("C", False), ("D", False)) in solution.terms
    assert sum(len(term) for term in solution.terms) == 7
    assert agrees(table, solution, remainders_as=None)


def test_no_positive_configuration_gives_the_empty_solution():
    solution = minimize(table_of("AB", {}))
    assert solution.terms == () and str(solution) == "0"


def brute_force_cover_size(table: pd.DataFrame, include_remainders: bool) -> int:
    """Fewest cubes (conjunctions) that cover every positive row and no negative row (nor a
    remainder, unless ``include_remainders``), by trying every set of cubes."""
    k = table.shape[1] - 1
    rows = [tuple(r) for r in table.drop(columns="outcome").itertuples(index=False)]
    status = table["outcome"].tolist()
    positive = {r for r, s in zip(rows, status, strict=True) if s == 1}
    forbidden = {
        r
        for r, s in zip(rows, status, strict=True)
        if s == 0 or (math.isnan(s) and not include_remainders)
    }

    def covers(cube, row):
        return all(c is None or c == v for c, v in zip(cube, row, strict=True))

    cubes = [
        cube
        for cube in product((0, 1, None), repeat=k)
        if not any(covers(cube, r) for r in forbidden)
    ]
    for size in range(len(positive) + 1):
        for chosen in combinations(cubes, size):
            if all(any(covers(c, r) for c in chosen) for r in positive):
                return size
    raise AssertionError("no cover")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda k: st.lists(
            st.sampled_from([1.0, 0.0, float("nan")]), min_size=2**k, max_size=2**k
        )  # fmt: skip
    ),
    st.booleans(),
)
def test_minimized_solution_is_equivalent_and_minimal(outcomes, include_remainders):
    k = int(math.log2(len(outcomes)))
    corners = list(product((0, 1), repeat=k))
    table = table_of("ABCD"[:k], dict(zip(corners, outcomes, strict=True)))
    solution = minimize(table, include_remainders=include_remainders)
    assert agrees(table, solution, remainders_as=None if include_remainders else 0)
    if k <= 3:
        assert len(solution.terms) == brute_force_cover_size(table, include_remainders)


def test_minimize_rejects_a_table_without_outcome():
    with pytest.raises(ValueError, match="table"):
        minimize(pd.DataFrame({"A": [0, 1]}))


# --- solution fit -----------------------------------------------------------------------
def test_solution_fit_on_a_hand_computed_crisp_example():
    # Case 1 only in A, case 2 in both, case 3 only in B, case 4 in neither; Y in cases 1-3.
    members = pd.DataFrame({"A": [1, 1, 0, 0], "B": [0, 1, 1, 0], "Y": [1, 1, 1, 0]})
    solution = Solution(terms=((("A", True),), (("B", True),)))
    fit = solution_fit(members, "Y", solution)
    assert list(fit.index) == ["A", "B", "solution"]
    assert fit["consistency"].tolist() == pytest.approx([1, 1, 1])
    # Each term covers 2 of the 3 Y cases, the solution all 3; each alone explains 1 case.
    assert fit["raw_coverage"].tolist() == pytest.approx([2 / 3, 2 / 3, 1])
    assert fit.loc[["A", "B"], "unique_coverage"].tolist() == pytest.approx([1 / 3, 1 / 3])
    assert math.isnan(fit.loc["solution", "unique_coverage"])


# --- the shipped cases ------------------------------------------------------------------
@pytest.fixture(scope="module")
def cases():
    return network_cases.calibrated_cases()


def contains(term, part) -> bool:
    return set(part) <= set(term)


def test_qca_recovers_the_generators_recipe(cases):
    table = truth_table(cases, network_cases.OUTCOME)
    conservative = minimize(table)
    recipe = network_cases.RECIPE.terms
    # Every conservative path is a recipe path or a special case of one, and every recipe
    # path shows up (possibly with extra conditions, from limited diversity).
    assert all(any(contains(t, r) for r in recipe) for t in conservative.terms)
    assert all(any(contains(t, r) for t in conservative.terms) for r in recipe)
    assert minimize(table, include_remainders=True) == network_cases.RECIPE
    for solution in (conservative, network_cases.RECIPE):
        fit = solution_fit(cases, network_cases.OUTCOME, solution).loc["solution"]
        assert fit["consistency"] >= 0.8 and fit["raw_coverage"] >= 0.6
        assert fit["consistency"] < 1  # noisy, as real data


def test_over_collaboration_is_sufficient_for_low_growth(cases):
    overload = network_cases.OVERLOAD.membership(cases)
    assert consistency(overload, 1 - cases[network_cases.OUTCOME]) >= 0.9


def test_no_case_sits_on_a_condition_crossover(cases):
    conditions = cases[list(network_cases.CONDITIONS)]
    assert (conditions != 0.5).all().all()
    assert truth_table(cases, network_cases.OUTCOME)["n"].sum() == network_cases.N_CASES


# --- necessity, the three solutions and limited diversity ------------------------------
EXPECTATIONS = {"complementary": True, "governance": True, "dense": False}


@pytest.fixture(scope="module")
def cases_table():
    members = network_cases.calibrated_cases()
    return members, truth_table(members, "high_growth")


def test_necessity_matches_the_formulas_computed_by_hand(cases_table):
    members, _ = cases_table
    y = members["high_growth"].tolist()
    table = necessity(members, "high_growth")
    for name in network_cases.CONDITIONS:
        for label, x in (
            (name, members[name].tolist()),
            (f"~{name}", [1 - v for v in members[name]]),
        ):
            both = [min(a, b) for a, b in zip(x, y, strict=True)]
            assert table.loc[label, "consistency"] == pytest.approx(sum(both) / sum(y))
            assert table.loc[label, "coverage"] == pytest.approx(sum(both) / sum(x))
            relevance = sum(1 - a for a in x) / sum(1 - b for b in both)
            assert table.loc[label, "relevance"] == pytest.approx(relevance)


def test_complementary_partners_are_necessary_and_nothing_else_is(cases_table):
    """The generator's recipe has complementary in both paths, so it is necessary."""
    members, _ = cases_table
    table = necessity(members, "high_growth")
    assert list(table.index[table["necessary"]]) == ["complementary"]
    assert "complementary (consistency" in read_necessity(table).sentence
    assert "not a recipe" in read_necessity(table).sentence


def test_a_trivially_necessary_condition_has_low_relevance():
    """A condition every case is fully in is necessary for anything, and irrelevant."""
    members = pd.DataFrame({"everyone": [1.0] * 4, "y": [0.9, 0.2, 0.6, 0.1]})
    table = necessity(members, "y")
    assert table.loc["everyone", "consistency"] == 1
    assert table.loc["everyone", "relevance"] == 0


def test_the_parsimonious_solution_recovers_the_generators_recipe(cases_table):
    _, table = cases_table
    assert str(minimize(table, include_remainders=True)) == str(network_cases.RECIPE)
    assert str(minimize(table)) == ("~many_partners*complementary + dense*governance*complementary")


def test_dense_appears_because_of_one_case_less_combination(cases_table):
    _, table = cases_table
    (sentence,) = why_literals(table)
    assert sentence.startswith("dense stays in dense*governance*complementary")
    assert "many_partners*~dense*governance*complementary has no cases" in sentence
    used = remainders_used(table, minimize(table, include_remainders=True))
    assert used[list(network_cases.CONDITIONS)].values.tolist() == [[1, 0, 1, 1]]
    assert remainders_used(table, minimize(table)).empty


def _brute_force_intermediate(table, expectations):
    """Independent route: minimise with only the remainders that are easy counterfactuals
    for some conservative term, i.e. rows that differ from a positive row covered by it
    only in literals running against an expectation."""
    names = list(network_cases.CONDITIONS)
    rows = table[names].astype(int).values.tolist()
    positive = [r for r, o in zip(rows, table["outcome"], strict=True) if o is not pd.NA and o == 1]
    easy = []
    for r, o in zip(rows, table["outcome"], strict=True):
        if o is not pd.NA:
            continue
        for p in positive:
            diff = [i for i in range(len(names)) if r[i] != p[i]]
            if diff and all(
                names[i] in expectations and bool(p[i]) != expectations[names[i]] for i in diff
            ):
                easy.append(r)
                break
    marked = table.copy()
    marked["outcome"] = [1 if r in easy else o for r, o in zip(rows, table["outcome"], strict=True)]
    marked["outcome"] = marked["outcome"].astype("Int64")
    return minimize(marked)


def test_the_intermediate_solution_uses_only_easy_counterfactuals(cases_table):
    members, table = cases_table
    solution = intermediate(table, EXPECTATIONS)
    assert str(solution) == str(_brute_force_intermediate(table, EXPECTATIONS))
    assert str(solution) == "~many_partners*complementary + governance*complementary"
    # without an expectation about density, assuming a sparse network works as well is
    # not an easy counterfactual: dense stays
    cautious = {"complementary": True, "governance": True}
    assert str(intermediate(table, cautious)) == str(minimize(table))
    assert str(intermediate(table, cautious)) == str(_brute_force_intermediate(table, cautious))
    with pytest.raises(ValueError, match="expectations"):
        intermediate(table, {"size": True})


def test_the_three_solutions_side_by_side(cases_table):
    members, table = cases_table
    comparison = compare_solutions(members, "high_growth", table, EXPECTATIONS)
    assert list(comparison.index) == ["conservative", "intermediate", "parsimonious"]
    assert comparison["remainders_used"].tolist() == [0, 1, 1]
    fit = solution_fit(members, "high_growth", minimize(table)).loc["solution"]
    assert comparison.loc["conservative", "consistency"] == pytest.approx(fit["consistency"])
    sentence = read_solutions(comparison, table).sentence
    assert "assuming one case-less combination" in sentence
    assert "dense stays in" in sentence
