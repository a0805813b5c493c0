"""Comparative case analysis (collabkit.analysis.cases) on notebook 04's four cases."""

from __future__ import annotations

import pandas as pd
import pytest

from collabkit.analysis.cases import compare_cases
from collabkit.data import network_cases


def test_mills_methods_on_a_small_table_computed_by_hand():
    members = pd.DataFrame(
        {"a": [0.9, 0.9, 0.1], "b": [0.8, 0.2, 0.8], "y": [0.9, 0.1, 0.7]},
        index=["P", "Q", "R"],
    )
    result = compare_cases(members, "y", ["P", "Q", "R"], ["a", "b"])
    # P and Q differ only in b and only P has y; P and R differ only in a, same outcome
    assert result.differences == [("P", "Q", "b")]
    assert result.agreement == ["b"]  # P and R share b; a differs between them
    with pytest.raises(ValueError, match="at least two"):
        compare_cases(members, "y", ["P"], ["a"])
    with pytest.raises(ValueError, match="not in members"):
        compare_cases(members, "y", ["P", "Z"], ["a"])


def test_the_notebooks_comparison_finds_governance_and_a_coincidence():
    """Amber Studio and Kiln Foods differ only in governance; the two fast growers share
    dense and complementary, although the generator's recipe has no density term: the
    coincidence the notebook warns about."""
    result = network_cases.case_comparison()
    assert ("C01", "C11", "governance") in result.differences
    assert ("C01", "C02", "complementary") in result.differences
    assert result.agreement == ["dense", "complementary"]
    recipe = {name for term in network_cases.RECIPE.terms for name, _ in term}
    assert "dense" not in recipe
    sentence = result.reading().sentence
    assert "C01 Amber Studio and C11 Kiln Foods differ only in governance" in sentence
    assert "not proof" in sentence
