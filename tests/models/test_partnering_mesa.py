"""The vectorised partnering model against its Mesa twin (``benchmarks.mesa_partnering``).

pytest puts the repository root on ``sys.path`` (``tests`` is a package), so
``benchmarks`` imports here as it does for ``python -m benchmarks``.
"""

from __future__ import annotations

import pytest

pytest.importorskip("mesa")

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats

from benchmarks.mesa_partnering import MesaPartnering, run_mesa
from collabkit.models.partnering import (
    OUTPUT_COLUMNS,
    PartneringModel,
    private_equilibrium,
)

SEEDS = 12
#: The Mesa runs use other seeds, so the two samples are independent (with equal seeds both
#: models draw the same firm values, and Welch's test assumes independent samples).
MESA_SEED_OFFSET = 1_000
#: Largest allowed gap between the two models' mean final mean partners (200 firms, 60
#: periods, 12 seeds each). Across seeds the final mean partners has a standard deviation
#: of about 0.1 at this size, so the gap between two means of 12 has a standard error of
#: about 0.1 * sqrt(2 / 12) = 0.04: a correct twin exceeds 0.15 (3.5 standard errors)
#: essentially never. A rule error that moves one firm in six by one partner moves the mean
#: by 0.17 and fails; an off-by-one in the spillover a firm takes on when it adds a partner
#: moves it by about 0.4 at s = 1.
TOLERANCE = 0.15


class _NumpyPairings(MesaPartnering):
    """The Mesa twin meeting in the vectorised model's exact pairings.

    Mesa's ``model.rng`` is ``numpy.random.default_rng(seed)`` as in
    :meth:`PartneringModel.run`, and the firms draw their values from it first, so drawing
    each period's ``rng.permutation`` over the firms in creation order replays the
    vectorised run pairing for pairing.
    """

    def step(self) -> None:
        self.links_formed = 0
        self.links_ended = 0
        firms = list(self.agents)
        order = self.rng.permutation(len(firms))
        for i, j in zip(order[0::2], order[1::2], strict=False):
            firms[i].meet(firms[j])
        self.datacollector.collect(self)


def _replay(params: PartneringModel) -> tuple[pd.DataFrame, np.ndarray]:
    model = _NumpyPairings(params)
    for _ in range(params.periods):
        model.step()
    table = model.datacollector.get_model_vars_dataframe()[list(OUTPUT_COLUMNS)]
    return table.reset_index(drop=True), np.array([firm.degree for firm in model.agents])


def _mesa_degrees(params: PartneringModel) -> np.ndarray:
    model = MesaPartnering(params)
    for _ in range(params.periods):
        model.step()
    return np.array([firm.degree for firm in model.agents])


@pytest.mark.slow  # 24 runs of 200 firms per case, half of them agent by agent in Mesa
@pytest.mark.parametrize("spillover", [0.0, 1.0])
def test_same_final_mean_partners_in_distribution(spillover):
    def final(run, seed):
        params = PartneringModel(n_firms=200, periods=60, cost_spillover=spillover, seed=seed)
        return run(params).iloc[-1]["mean_partners"]

    ours = [final(lambda p: p.run(progress=False), seed) for seed in range(SEEDS)]
    twin = [final(run_mesa, seed + MESA_SEED_OFFSET) for seed in range(SEEDS)]
    p_value = stats.ttest_ind(ours, twin, equal_var=False).pvalue
    assert p_value > 0.01, (np.mean(ours), np.mean(twin), p_value)
    assert abs(np.mean(ours) - np.mean(twin)) <= TOLERANCE, (np.mean(ours), np.mean(twin))


def test_run_mesa_has_the_columns_of_run():
    params = PartneringModel(n_firms=21, periods=5)
    ours, twin = params.run(progress=False), run_mesa(params)
    assert list(twin.columns) == list(ours.columns)
    assert (twin.dtypes == ours.dtypes).all()
    assert twin["period"].tolist() == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("spillover", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("spread", [0.0, 0.5])
def test_same_pairings_give_the_same_run(spillover, spread):
    """Agent by agent with the vectorised model's pairings, the twin reproduces its run."""
    params = PartneringModel(
        n_firms=101, periods=40, cost_spillover=spillover, value_spread=spread, seed=7
    )
    ours = params.run(progress=False)[list(OUTPUT_COLUMNS)]
    twin, _ = _replay(params)
    pd.testing.assert_frame_equal(twin, ours, check_dtype=False, rtol=1e-12)


@pytest.mark.parametrize("spillover", [0.0, 0.5, 1.0])
def test_identical_firms_settle_at_the_private_equilibrium(spillover):
    """With value_spread = 0 nearly every firm ends within one partner of the equilibrium."""
    params = PartneringModel(
        n_firms=30, periods=60, cost_spillover=spillover, value_spread=0.0, seed=3
    )
    k = private_equilibrium(params.payoff, spillover)
    # the replay's degrees are the vectorised model's: its whole run matches (checked here)
    table, numpy_degrees = _replay(params)
    pd.testing.assert_frame_equal(
        table, params.run(progress=False)[list(OUTPUT_COLUMNS)], check_dtype=False, rtol=1e-12
    )
    for degrees in (numpy_degrees, _mesa_degrees(params)):
        assert np.mean(np.abs(degrees - k) <= 1) >= 0.9, (k, sorted(degrees))


def test_agent_payoffs_follow_net_benefit():
    """The twin's plain-Python payoff terms equal NetBenefit's at every partner count."""
    params = PartneringModel(n_firms=2, value_spread=0.5, cost_spillover=0.3, seed=2)
    model = MesaPartnering(params)
    firm, other = list(model.agents)
    own = replace(params.payoff, value_per_partner=firm.value)
    c = params.payoff.coordination_cost
    for k in range(8):
        firm.partners = {object() for _ in range(k)}
        assert firm.welfare() == pytest.approx(own.net_benefit(k), rel=1e-12, abs=1e-6)
        private = own.net_benefit(k) + 0.3 * own.costs(k)["coordination"]
        assert firm.own_payoff(k) == pytest.approx(private, rel=1e-12, abs=1e-6)
        other.partners = {object() for _ in range(3)}
        added = firm.own_payoff(k + 1) - firm.own_payoff(k) - 0.3 * c * 3 / 2
        assert firm.gain_from_adding(other) == pytest.approx(added, rel=1e-12, abs=1e-6)
        if k:
            ended = firm.own_payoff(k - 1) - firm.own_payoff(k) + 0.3 * c * (3 - 1) / 2
            assert firm.gain_from_ending(other) == pytest.approx(ended, rel=1e-12, abs=1e-6)
