"""Behaviour of notebook 04's models: the net-benefit curve and the partnering simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.models.net_benefit import COST_SOURCES, NetBenefit
from collabkit.models.partnering import OUTPUT_COLUMNS, PartneringModel, private_equilibrium

# --- net benefit -------------------------------------------------------------------------


def test_each_partner_adds_the_part_not_already_known():
    model = NetBenefit(value_per_partner=1_000, redundancy=0.2)
    by_hand = [sum(1_000 * 0.8 ** (k - 1) for k in range(1, n + 1)) for n in range(8)]
    assert model.knowledge_gained(np.arange(8)) == pytest.approx(by_hand)
    assert NetBenefit(redundancy=0).knowledge_gained(5) == 5 * NetBenefit().value_per_partner


def test_coordination_grows_with_the_number_of_channels():
    model = NetBenefit(coordination_cost=700)
    costs = model.costs(np.arange(12))["coordination"]
    assert costs == pytest.approx([700 * math.comb(n, 2) for n in range(12)])


def test_coordination_structure_is_an_assumption_between_bilateral_and_joint():
    """Bilateral partnerships need one line per partner, joint projects one per pair, a mix
    the weighted sum; the peak moves right as less of the work is joint."""
    n = np.arange(12)
    bilateral = NetBenefit(coordination_cost=700, joint_share=0).costs(n)["coordination"]
    assert bilateral == pytest.approx(700 * n)
    mixed = NetBenefit(coordination_cost=700, joint_share=0.25).costs(n)["coordination"]
    assert mixed == pytest.approx([700 * (0.75 * k + 0.25 * math.comb(k, 2)) for k in n])
    peaks = [NetBenefit(joint_share=j).unconstrained_optimum() for j in (0, 0.5, 1)]
    assert peaks[0] > peaks[1] > peaks[2] == 7
    # bilateral coordination at the defaults: the manager's hours, not the costs, bind
    assert NetBenefit(joint_share=0).optimum() == NetBenefit().budget_limit == 15
    with pytest.raises(ValueError, match="joint_share"):
        NetBenefit(joint_share=1.5)


def test_the_simulation_refuses_bilateral_coordination_it_cannot_spill():
    with pytest.raises(ValueError, match="joint_share"):
        PartneringModel(NetBenefit(joint_share=0.5))


def test_depletion_and_dependence_at_known_points():
    model = NetBenefit(hours_per_partner=5, time_budget=50, core_hour_value=40)
    # At the full budget (10 partners x 5 h = 50 h) the hours are valued from 0 to w
    # linearly, so on average w/2 each: 50 h x 20 € x 12 months.
    assert model.costs(10)["depletion"] == pytest.approx(50 * 20 * 12)
    full = NetBenefit(reliance_per_partner=1, autonomy_value=9_000)
    assert full.costs(1)["dependence"] == pytest.approx(9_000)
    assert full.costs(0)["dependence"] == 0


def test_without_costs_every_partner_pays_and_the_optimum_is_the_most():
    free = NetBenefit(
        redundancy=0, coordination_cost=0, competitor_share=0, hours_per_partner=0,
        reliance_per_partner=0, max_partners=12,
    )  # fmt: skip
    table = free.run()
    assert (table["net_benefit"] == table["gross_value"]).all()
    assert free.optimum() == 12


def test_decomposition_adds_up_and_the_default_curve_is_an_inverted_u():
    table = NetBenefit().run()
    assert np.allclose(
        table["gross_value"] - table[list(COST_SOURCES)].sum(axis=1), table["net_benefit"]
    )
    steps = np.sign(np.diff(table["net_benefit"]))
    assert steps[0] > 0 and steps[-1] < 0
    assert np.count_nonzero(np.diff(steps)) == 1  # rises, then falls: one peak
    best = NetBenefit().optimum()
    assert table["net_benefit"].idxmax() == best and 0 < best < NetBenefit().max_partners


@settings(max_examples=60, deadline=None)
@given(
    low=st.floats(0, 4_000), high=st.floats(0, 4_000), value=st.floats(1_000, 30_000),
    redundancy=st.floats(0, 0.5),
)  # fmt: skip
def test_dearer_coordination_never_raises_the_best_number_of_partners(low, high, value, redundancy):
    low, high = sorted((low, high))
    common = {"value_per_partner": value, "redundancy": redundancy}
    cheap = NetBenefit(coordination_cost=low, **common)
    dear = NetBenefit(coordination_cost=high, **common)
    assert dear.optimum() <= cheap.optimum()
    assert (dear.run()["net_benefit"] <= cheap.run()["net_benefit"] + 1e-9).all()


@pytest.mark.parametrize(
    ("name", "value"),
    [("redundancy", 0.95), ("coordination_cost", -1), ("time_budget", 0),
     ("max_partners", 2.5), ("competitor_share", float("nan")), ("value_per_partner", "10")],
)  # fmt: skip
def test_bad_parameters_are_named(name, value):
    with pytest.raises(ValueError, match=name):
        NetBenefit(**{name: value})


# --- partnering simulation ---------------------------------------------------------------

PAYOFFS = [NetBenefit(), NetBenefit(coordination_cost=2_000), NetBenefit(redundancy=0.12)]


@pytest.mark.parametrize("payoff", PAYOFFS)
def test_with_costs_internalised_identical_firms_stop_at_the_welfare_optimum(payoff):
    assert private_equilibrium(payoff, 0.0) == payoff.optimum()
    run = PartneringModel(payoff, n_firms=400, periods=150, cost_spillover=0.0,
                          value_spread=0.0).run()  # fmt: skip
    assert abs(run["mean_partners"].iloc[-1] - payoff.optimum()) <= 0.5


def test_when_partners_carry_the_coordination_firms_overshoot_and_lose():
    payoff = NetBenefit()
    internal = PartneringModel(payoff, n_firms=400, periods=150, cost_spillover=0.0).run()
    spilled = PartneringModel(payoff, n_firms=400, periods=150, cost_spillover=1.0).run()
    predicted = private_equilibrium(payoff, 1.0)
    assert predicted >= payoff.optimum() + 2
    assert spilled["mean_partners"].iloc[-1] >= payoff.optimum() + 1.5
    assert spilled["share_above_optimum"].iloc[-1] > 0.5 > internal["share_above_optimum"].iloc[-1]
    assert spilled["welfare_per_firm"].iloc[-1] < internal["welfare_per_firm"].iloc[-1]
    # the decentralised run cannot beat every firm sitting at the welfare optimum
    assert internal["welfare_per_firm"].iloc[-1] <= payoff.net_benefit(payoff.optimum()) * 1.05


@pytest.mark.parametrize("spillover", [0.0, 0.5, 1.0])
def test_identical_firms_settle_where_the_prediction_says(spillover):
    payoff = NetBenefit()
    run = PartneringModel(payoff, n_firms=400, periods=150, cost_spillover=spillover,
                          value_spread=0.0).run()  # fmt: skip
    assert abs(run["mean_partners"].iloc[-1] - private_equilibrium(payoff, spillover)) <= 0.5


def test_more_spillover_never_lowers_the_predicted_stop():
    payoff = NetBenefit()
    stops = [private_equilibrium(payoff, s) for s in np.linspace(0, 1, 11)]
    assert stops == sorted(stops)


def test_run_accounts_for_every_link():
    model = PartneringModel(n_firms=201, periods=40, seed=7)
    run = model.run()
    assert list(run.columns) == ["period", *OUTPUT_COLUMNS]
    assert run["period"].tolist() == list(range(1, 41))
    assert np.allclose(run["links"], run["mean_partners"] * model.n_firms / 2)
    assert (run["links_formed"].cumsum() - run["links_ended"].cumsum() == run["links"]).all()
    assert run["share_above_optimum"].between(0, 1).all()
    assert run.equals(model.run())
    assert not run.equals(PartneringModel(n_firms=201, periods=40, seed=8).run())


def test_progress_bar_on_request(capsys):
    PartneringModel(n_firms=10, periods=5).run(progress=True)
    assert "periods" in capsys.readouterr().err
    PartneringModel(n_firms=10, periods=5).run()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("name", "value"),
    [("n_firms", 1), ("periods", 0), ("cost_spillover", 1.5), ("value_spread", -0.1),
     ("seed", -1), ("payoff", "default")],
)  # fmt: skip
def test_bad_simulation_parameters_are_named(name, value):
    with pytest.raises(ValueError, match=name):
        PartneringModel(**{name: value})
    if name == "cost_spillover":
        with pytest.raises(ValueError, match=name):
            private_equilibrium(NetBenefit(), value)
