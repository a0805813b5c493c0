"""Free-riding on a shared investment: a repeated public-goods game with governance.

Model
-----
Each period ``t`` every one of ``N`` firms holds an endowment ``E`` (say its marketing
budget) and pays ``c_i`` in [0, E] into a joint fund. The fund is multiplied by ``r``
(1 < r < N) and shared equally, so firm ``i`` earns

.. math:: \\pi_i = E - c_i + \\frac{r}{N} \\sum_j c_j - f_i .

Each € paid in returns only ``r / N`` < 1 to the payer, so withholding pays privately
although contributing pays for the group: the social dilemma of collective action
(Olson 1965; Ostrom 1990).

Behaviour follows the experimental evidence:

* a share ``share_conditional`` of firms are *conditional cooperators* (Fischbacher,
  Gächter & Fehr 2001): in period 1 they give ``OPENING_SHARE`` (60%) of the endowment,
  afterwards ``cooperation_slope`` × the mean of the others' contributions last period,
  each time plus normal noise with standard deviation ``noise``; the rest are free riders
  who give nothing;
* with *governance* (monitoring and sanctions, Fehr & Gächter 2000), a firm that gives less
  than the period's mean is caught with probability ``monitoring`` and fined
  ``fine`` × its shortfall, ``f_i``. Withholding one € below the mean then costs
  ``monitoring × fine`` in expectation against a private gain of ``1 − r/N``. Firms weigh
  the two: with deterrence :math:`D = \\min(1, \\text{monitoring} \\cdot \\text{fine} /
  (1 - r/N))`, a firm's contribution is
  :math:`(1 - D)\\,c^{rule}_i + D \\max(c^{rule}_i, \\bar c_{t-1})`, i.e. fully deterred
  firms give at least last period's mean (in period 1, the cooperators' opening level).

Contributions are clipped to [0, E]. Fines are paid out of the network (a deadweight loss).

The defaults (80% conditional cooperators matching 90% of the others' mean, opening at 60%)
start the group near half the endowment and let contributions fade over ten periods, the
pattern of the treatment without punishment in Fehr & Gächter (2000).

Sources: U. Fischbacher, S. Gächter and E. Fehr, "Are people conditionally cooperative?
Evidence from a public goods experiment", *Economics Letters* 71(3), 2001; E. Fehr and
S. Gächter, "Cooperation and punishment in public goods experiments", *American Economic
Review* 90(4), 2000; E. Ostrom, *Governing the Commons* (1990), on monitoring and graduated
sanctions; M. Olson, *The Logic of Collective Action* (1965).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from numbers import Real

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number

#: Share of the endowment a conditional cooperator gives in the first period.
OPENING_SHARE = 0.6


@dataclass(frozen=True)
class PublicGoodsGame:
    """Parameters of the repeated public-goods game.

    Parameters
    ----------
    n_firms
        Firms paying into the fund, a whole number in [2, 10,000].
    periods
        Rounds played, a whole number in [1, 1,000].
    endowment
        Budget per firm and period, € in (0, 1,000,000].
    multiplier
        Return of the fund for the group, ``r``, in (1, n_firms): above 1 so the group gains,
        below ``n_firms`` so a single firm does not.
    share_conditional
        Share of conditional cooperators, in [0, 1]; the rest free-ride.
    cooperation_slope
        How much of the others' mean a conditional cooperator matches, in [0, 1].
    monitoring
        Probability that a firm giving less than the mean is caught, in [0, 1].
    fine
        Fine per € of shortfall below the mean, in [0, 10].
    noise
        Standard deviation of contributions around the rule, € in [0, endowment].
    seed
        Seed of the random generator, a whole number ≥ 0.
    """

    n_firms: int = 20
    periods: int = 10
    endowment: float = 100.0
    multiplier: float = 1.6
    share_conditional: float = 0.8
    cooperation_slope: float = 0.9
    monitoring: float = 0.0
    fine: float = 0.0
    noise: float = 5.0
    seed: int = 0

    def __post_init__(self) -> None:
        check_number("n_firms", self.n_firms, 2, 10_000, integer=True)
        check_number("periods", self.periods, 1, 1_000, integer=True)
        check_number("endowment", self.endowment, 0, 1e6, low_open=True)
        check_number("share_conditional", self.share_conditional, 0, 1)
        check_number("cooperation_slope", self.cooperation_slope, 0, 1)
        check_number("monitoring", self.monitoring, 0, 1)
        check_number("fine", self.fine, 0, 10)
        check_number("noise", self.noise, 0, self.endowment)
        check_number("seed", self.seed, 0, 2**63 - 1, integer=True)
        self._check_multiplier()

    def _check_multiplier(self) -> None:
        """1 < r < N, the condition for a social dilemma, named in one message."""
        r, n = self.multiplier, self.n_firms
        if isinstance(r, bool) or not isinstance(r, Real) or not 1 < r < n:  # NaN fails too
            raise ValueError(
                f"multiplier must be a number in (1, {n}), i.e. above 1 and below "
                f"n_firms = {n}; got {r!r}. At 1 or less pooling creates nothing; at n_firms "
                "or more each firm gains from contributing and there is no dilemma"
            )

    @property
    def deterrence(self) -> float:
        """D = min(1, expected fine per € withheld / private gain per € withheld)."""
        return min(1.0, self.monitoring * self.fine / (1 - self.multiplier / self.n_firms))

    def run(self) -> pd.DataFrame:
        """Play the game.

        Returns
        -------
        DataFrame
            One row per period with ``period`` (1..periods), ``mean_contribution`` (€),
            ``share_of_endowment``, ``mean_payoff`` (€ per firm) and ``total_fines`` (€).
        """
        rng = np.random.default_rng(self.seed)
        n, e = self.n_firms, self.endowment
        cooperator = np.arange(n) < round(self.share_conditional * n)
        rule = cooperator * (OPENING_SHARE * e + rng.normal(0, self.noise, n))
        contributions = self._governed(rule, OPENING_SHARE * e)
        rows = []
        for period in range(1, self.periods + 1):
            if period > 1:
                others_mean = (contributions.sum() - contributions) / (n - 1)
                noise = rng.normal(0, self.noise, n)
                rule = cooperator * (self.cooperation_slope * others_mean + noise)
                contributions = self._governed(rule, contributions.mean())
            mean = contributions.mean()
            caught = (contributions < mean) & (rng.random(n) < self.monitoring)
            fines = np.where(caught, self.fine * (mean - contributions), 0.0)
            payoff = e - contributions + self.multiplier * mean - fines
            rows.append(
                {
                    "period": period,
                    "mean_contribution": mean,
                    "share_of_endowment": mean / e,
                    "mean_payoff": payoff.mean(),
                    "total_fines": fines.sum(),
                }
            )
        return pd.DataFrame(rows)

    def _governed(self, rule: np.ndarray, reference: float) -> np.ndarray:
        """Blend each firm's rule with giving at least ``reference``, by deterrence."""
        d = self.deterrence
        blended = (1 - d) * rule + d * np.maximum(rule, reference)
        return np.clip(blended, 0, self.endowment)

    def compare(self) -> pd.DataFrame:
        """This game and the same game without governance, stacked.

        Returns
        -------
        DataFrame
            The rows of :meth:`run` for ``monitoring = fine = 0`` and for these
            parameters, with a ``governance`` column: ``"no governance"`` or
            ``"monitoring and sanctions"``.
        """
        ungoverned = replace(self, monitoring=0.0, fine=0.0).run()
        governed = self.run()
        return pd.concat(
            [
                ungoverned.assign(governance="no governance"),
                governed.assign(governance="monitoring and sanctions"),
            ],
            ignore_index=True,
        )
