"""Free-riding on a shared investment: a repeated public-goods game with governance.

Model
-----
Each period ``t`` every one of ``N`` firms holds an endowment ``E`` (say its marketing
budget) and pays ``c_i`` in [0, E] into a joint fund. The fund is multiplied by ``r``
(1 < r < N) and shared equally, so firm ``i`` earns

.. math:: \\pi_i = E - c_i + \\frac{r}{N} \\sum_j c_j - f_i .

Each € paid in returns only ``m = r / N`` < 1 to the payer (the *marginal per-capita
return*, MPCR), so withholding pays privately although contributing pays for the group: the
social dilemma of collective action (Olson 1965; Ostrom 1990).

Behaviour follows the experimental evidence:

* a share ``share_conditional`` of firms are *conditional cooperators*, the rest free
  riders who give nothing. The default, one half, is the share Fischbacher, Gächter & Fehr
  (2001) found (50 % conditional cooperators, 30 % free riders, 14 % "hump-shaped" and a
  few others); the model counts the hump-shaped and other types with the free riders.
  Firms are ranked, and firm ``i`` (0, 1, …) cooperates with the weight
  :math:`w_i = \\min(1, \\max(0, s N - i))`: the firm at the boundary cooperates
  partly, so the cooperators' share is exactly ``s`` at any group size;
* in period 1 a cooperator gives ``OPENING_SHARE`` (60%) of the endowment, afterwards it
  matches the share :math:`b = \\beta / (1 - m)` of the network's mean contribution last
  period (the average the fund reports; β = ``cooperation_slope``), each time plus normal
  noise with standard
  deviation ``noise``, within [0, E], all times its weight :math:`w_i`. A € given costs its giver
  :math:`1 - m`; the dearer giving is, the less of the others' mean a cooperator matches.
  When giving is dear (small m) cooperators give less than the others, as Fischbacher,
  Gächter & Fehr (2001) observe; when most of each € comes back they give more. (Fehr &
  Schmidt 1999 give the reason: a fair-minded firm matches the others when its dislike of
  being ahead of them outweighs the private cost :math:`1 - m`. The form β / (1 − m) is
  the simplest with both properties, a teaching assumption.)
* with *governance* a monitor run by the network (its secretary, a shared booking log)
  checks contributions: a firm that gives less than the period's mean is caught with
  probability ``monitoring`` and fined ``fine`` × its shortfall, ``f_i``. Monitoring costs
  the members nothing here, a simplification: Ostrom (1990) describes such monitors and
  graduated sanctions in long-lived commons. It is *not* the punishment of Fehr & Gächter
  (2000), where each member could pay out of its own pocket to cut another's earnings
  (costly peer punishment); their finding that contributions stay high when members can
  sanction each other is evidence that sanctions work, not a test of this monitor.
  Withholding one € below the mean costs ``monitoring × fine`` in expectation against a
  private gain of ``1 − m``. Firms weigh the two: with deterrence
  :math:`D = \\min(1, \\text{monitoring} \\cdot \\text{fine} / (1 - m))`, a firm's
  contribution is :math:`(1 - D)\\,c^{rule}_i + D \\max(c^{rule}_i, \\bar c_{t-1})`, i.e.
  fully deterred firms give at least last period's mean (in period 1, the cooperators'
  opening level).

Contributions are clipped to [0, E]. Fines are paid out of the network (a deadweight loss).

What follows, and what the tests check: without noise the mean contribution follows
:math:`\\bar c_{t+1} = s\\,b\\,\\bar c_t` (until cooperators reach their whole endowment),
so contributions rise with the return ``r`` (a higher MPCR), as Isaac & Walker (1988)
found in the laboratory. At a fixed ``r``, more firms mean a lower MPCR, so a larger
network gives less: each € a member gives is shared among more members. At a fixed MPCR
group size changes nothing without governance (Isaac & Walker 1988 found no fall with
group size once the MPCR was held fixed). Free riders keep the mean below the
cooperators' own level, so without governance contributions fade unless
:math:`s b \\ge 1`, i.e. unless the MPCR reaches :math:`1 - s \\beta`: with the defaults
(20 firms, r = 1.6, m = 0.08, half of them cooperators matching 0.9 / 0.92 ≈ 98% of the
mean) cooperators open at 60% of the endowment and contributions slide over ten periods,
the decline seen in public-goods experiments without punishment (Fehr & Gächter 2000;
Fischbacher, Gächter & Fehr 2001).

Sources: U. Fischbacher, S. Gächter and E. Fehr, "Are people conditionally cooperative?
Evidence from a public goods experiment", *Economics Letters* 71(3), 2001; E. Fehr and
S. Gächter, "Cooperation and punishment in public goods experiments", *American Economic
Review* 90(4), 2000; R. M. Isaac and J. M. Walker, "Group size effects in public goods
provision: the voluntary contributions mechanism", *Quarterly Journal of Economics*
103(1), 1988; E. Fehr and K. M. Schmidt, "A theory of fairness, competition, and
cooperation", *Quarterly Journal of Economics* 114(3), 1999; E. Ostrom, *Governing the
Commons* (1990), on monitoring and graduated sanctions; M. Olson, *The Logic of
Collective Action* (1965).
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
        ``β``: the share of the network's mean a conditional cooperator would match if a €
        given brought nothing back to the giver, in [0, 1]; it matches
        :attr:`matching_slope` = β / (1 − r / N).
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
    share_conditional: float = 0.5
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
    def mpcr(self) -> float:
        """m = r / N: what one € a firm pays in returns to that firm (the marginal per-capita
        return)."""
        return self.multiplier / self.n_firms

    @property
    def matching_slope(self) -> float:
        """b = β / (1 − m): the share of last period's mean a conditional cooperator gives."""
        return self.cooperation_slope / (1 - self.mpcr)

    @property
    def cooperation_weights(self) -> np.ndarray:
        """Each firm's weight as a conditional cooperator, min(1, max(0, s N − i)): 1 for the
        first ⌊s N⌋ firms, the remainder for the next one, 0 for the free riders."""
        return np.clip(self.share_conditional * self.n_firms - np.arange(self.n_firms), 0, 1)

    @property
    def deterrence(self) -> float:
        """D = min(1, expected fine per € withheld / private gain per € withheld)."""
        return min(1.0, self.monitoring * self.fine / (1 - self.mpcr))

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
        cooperator = self.cooperation_weights
        # a partial cooperator gives its weight's share of what a full one gives
        rule = cooperator * np.clip(OPENING_SHARE * e + rng.normal(0, self.noise, n), 0, e)
        contributions = self._governed(rule, OPENING_SHARE * e)
        rows = []
        for period in range(1, self.periods + 1):
            if period > 1:
                noise = rng.normal(0, self.noise, n)
                wanted = self.matching_slope * contributions.mean() + noise
                rule = cooperator * np.clip(wanted, 0, e)
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
