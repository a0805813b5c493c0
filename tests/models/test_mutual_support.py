"""The support-pact model of firm-level resilience, against exact values and a simulation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.models.mutual_support import MutualSupport


def test_known_values():
    """Two partners each able to take on half, each hit with probability one half: kept
    0·¼ + ½·½ + 1·¼ = ½ of the orders; all covered only if both are spared (¼)."""
    row = MutualSupport(2, 0.5, 0.5).run().iloc[2]
    assert row["share_kept"] == pytest.approx(0.5)
    assert row["chance_covered"] == pytest.approx(0.25)
    assert row["share_kept_apart"] == pytest.approx(1.0)


def test_without_slack_or_with_a_shock_that_hits_everyone_partners_help_nothing():
    assert MutualSupport(8, 0.0, 0.3).run()["share_kept"].max() == 0
    assert MutualSupport(8, 0.25, 1.0).run()["share_kept"].max() == 0


def test_partners_elsewhere_help_more_and_more_partners_never_hurt():
    frame = MutualSupport(8, 0.25, 0.3).run()
    assert (frame["share_kept_apart"] >= frame["share_kept"] - 1e-12).all()
    assert (np.diff(frame["share_kept"]) >= -1e-12).all()
    assert frame.iloc[0]["share_kept"] == 0  # no pact, no help


@given(st.integers(1, 12), st.floats(0, 1), st.floats(0, 1))
@settings(max_examples=30, deadline=None)
def test_exact_values_match_a_simulation(n, spare, rho):
    rng = np.random.default_rng(7)
    spared = rng.binomial(n, 1 - rho, size=200_000)
    simulated = np.minimum(1, spare * spared).mean()
    exact = MutualSupport(n, spare, rho).run().iloc[n]["share_kept"]
    assert exact == pytest.approx(simulated, abs=0.01)


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_partners", 0), ("max_partners", 2.5), ("spare_capacity", -0.1), ("common_shock", 1.5)],
)
def test_parameters_outside_their_range_are_named(field, value):
    with pytest.raises(ValueError, match=field):
        MutualSupport(**{field: value})
