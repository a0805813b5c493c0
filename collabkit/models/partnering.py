"""An agent-based model of firms that choose their partners myopically.

Model
-----
``N`` firms start with no partners. Each period every firm meets one other firm (a random
pairing of all firms). If the two are partners, the partnership ends when either of them
gains by ending it; if not, it starts when both gain by starting it. Links need both
sides' consent and either side can cut one: the pairwise stability of Jackson & Wolinsky
(1996). Pairs that meet at random and add or cut a link when it pays them myopically is
the dynamic process of Jackson & Watts (2002); its resting points are pairwise stable
networks.

A firm's payoff with ``k`` partners is the net benefit of :mod:`collabkit.models.net_benefit`
with its own value per partner ``v_i`` (lognormal across firms around ``v``, spread
``value_spread``), except for who pays for coordination. A firm with ``k`` partners creates
the coordination cost :math:`c k (k - 1) / 2`; it bears the share ``1 - s`` itself and its
partners bear the share ``s`` in equal parts (they sit in the meetings too). So firm ``i``
pays

.. math:: u_i = v_i g(k_i) - X(k_i) - (1 - s) c k_i (k_i - 1)/2
          - s c \\sum_{j \\in N(i)} (k_j - 1)/2,

where :math:`g(k) = (1 - (1 - r)^k) / r` is the knowledge gained per unit of value and
``X`` the dilution, depletion and dependence costs. Starting a partnership with ``j`` (who
has ``k_j`` partners) changes ``i``'s payoff by

.. math:: \\Delta u_i = v_i [g(k_i + 1) - g(k_i)] - [X(k_i + 1) - X(k_i)]
          - (1 - s) c k_i - s c k_j / 2,

while the network's total coordination cost grows by :math:`c (k_i + k_j)`. The part
:math:`s c (k_i + k_j) / 2` falls on the two firms' other partners, who have no say. Welfare
(the sum of all payoffs) counts every cost in full, so it is the sum over firms of
:meth:`NetBenefit.net_benefit` with each firm's own value.

With ``s = 0`` every cost is internalised and firms stop where welfare peaks; with
``s > 0`` they see only part of the coordination cost and add partners past the welfare
optimum: decentralised over-collaboration. :func:`private_equilibrium` gives the degree
at which identical firms stop, :meth:`NetBenefit.optimum` the welfare optimum.

The payoff must assume joint projects (``NetBenefit.joint_share`` = 1): only coordination
among partners can spill over onto them; a bilateral line concerns its two firms alone.

A firm has no hours for more partners than the time budget allows
(:attr:`NetBenefit.budget_limit`): it never starts a partnership beyond it, however
much the partnership would pay, and neither the optimum nor the predicted stop lies
beyond it.

Sources: M. O. Jackson & A. Watts, "The evolution of social and economic networks",
*Journal of Economic Theory* 106 (2002), for the random-meeting dynamic; M. O. Jackson &
A. Wolinsky, "A strategic model of social and economic networks", *Journal of Economic
Theory* 71 (1996), for pairwise stability; the cost sources as in
:mod:`collabkit.models.net_benefit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from collabkit.core.validation import check_number
from collabkit.models.net_benefit import PRIVATE_SOURCES, NetBenefit

#: Runs with at least this many firm-periods show a progress bar when ``progress=None``.
PROGRESS_FROM = 5_000_000

#: Columns of :meth:`PartneringModel.run` after ``period``.
OUTPUT_COLUMNS = (
    "mean_partners",
    "links",
    "links_formed",
    "links_ended",
    "welfare_per_firm",
    "share_above_optimum",
)


@dataclass(frozen=True)
class PartneringModel:
    """Parameters of the partnering model.

    Parameters
    ----------
    payoff
        The net-benefit model each firm uses to value its number of partners.
    n_firms
        Number of firms, a whole number in [2, 5000].
    periods
        Number of periods (rounds of meetings), a whole number in [1, 2000].
    cost_spillover
        ``s``: share of a firm's coordination cost its partners bear, in [0, 1].
    value_spread
        Standard deviation of the log of each firm's value per partner, in [0, 1].
    seed
        Seed of the random pairings and firm values, a whole number >= 0.
    """

    payoff: NetBenefit = field(default_factory=NetBenefit)
    n_firms: int = 300
    periods: int = 100
    cost_spillover: float = 0.5
    value_spread: float = 0.2
    seed: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.payoff, NetBenefit):
            raise ValueError(f"payoff must be a NetBenefit; got {self.payoff!r}")
        if self.payoff.joint_share != 1:
            # the spillover is the joint-project coordination a firm's partners sit through;
            # bilateral lines concern the two firms alone
            raise ValueError(
                f"payoff.joint_share must be 1 (joint projects) in the partnering model, got "
                f"{self.payoff.joint_share}: only coordination among partners spills over"
            )
        check_number("n_firms", self.n_firms, 2, 5000, integer=True)
        check_number("periods", self.periods, 1, 2000, integer=True)
        check_number("cost_spillover", self.cost_spillover, 0, 1)
        check_number("value_spread", self.value_spread, 0, 1)
        check_number("seed", self.seed, 0, 2**63 - 1, integer=True)

    def firm_values(self, rng: np.random.Generator) -> np.ndarray:
        """Each firm's value per partner: lognormal with mean ``payoff.value_per_partner``."""
        spread = self.value_spread
        return self.payoff.value_per_partner * rng.lognormal(-(spread**2) / 2, spread, self.n_firms)

    def run(self, progress: bool | None = None) -> pd.DataFrame:
        """Simulate the pairings.

        Parameters
        ----------
        progress
            Show a tqdm progress bar; ``None`` shows one for runs of at least
            :data:`PROGRESS_FROM` firm-periods.

        Returns
        -------
        DataFrame
            One row per ``period`` (1 … periods) with ``mean_partners``, ``links``,
            ``links_formed``, ``links_ended``, ``welfare_per_firm`` (€ per year, all costs
            counted) and ``share_above_optimum`` (share of firms with more partners than the
            welfare optimum).
        """
        n = self.n_firms
        rng = np.random.default_rng(self.seed)
        values = self.firm_values(rng)
        tables = DegreeTables.of(self.payoff, self.cost_spillover, n)
        spill = self.cost_spillover * self.payoff.coordination_cost / 2
        optimum = self.payoff.optimum()
        limit = _limit(self.payoff, n)

        def payoff_change(firms: np.ndarray, k: np.ndarray, step: int) -> np.ndarray:
            new = np.clip(k + step, 0, n)
            return values[firms] * (tables.gain[new] - tables.gain[k]) - (
                tables.own_costs[new] - tables.own_costs[k]
            )

        linked = np.zeros((n, n), dtype=bool)
        degree = np.zeros(n, dtype=np.int64)
        rows = np.empty((self.periods, 6))
        show = progress if progress is not None else n * self.periods >= PROGRESS_FROM
        for period in tqdm(range(self.periods), disable=not show, desc="periods"):
            order = rng.permutation(n)
            a, b = order[0 : n - 1 : 2], order[1:n:2]
            ka, kb = degree[a], degree[b]
            partners = linked[a, b]
            start = (
                ~partners
                & (ka < limit)
                & (kb < limit)
                & (payoff_change(a, ka, 1) - spill * kb > 0)
                & (payoff_change(b, kb, 1) - spill * ka > 0)
            )
            end = partners & (
                (payoff_change(a, ka, -1) + spill * (kb - 1) > 0)
                | (payoff_change(b, kb, -1) + spill * (ka - 1) > 0)
            )
            flip = start | end
            linked[a[flip], b[flip]] = start[flip]
            linked[b[flip], a[flip]] = start[flip]
            change = start.astype(np.int64) - end
            degree[a] += change
            degree[b] += change
            welfare = values * tables.gain[degree] - tables.welfare_costs[degree]
            rows[period] = (
                degree.mean(),
                degree.sum() / 2,
                start.sum(),
                end.sum(),
                welfare.mean(),
                (degree > optimum).mean(),
            )
        table = pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))
        table.insert(0, "period", np.arange(1, self.periods + 1))
        return table.astype({"links": int, "links_formed": int, "links_ended": int})


@dataclass(frozen=True)
class DegreeTables:
    """Payoff terms tabulated by number of partners ``k`` = 0 … max_degree.

    Attributes
    ----------
    gain
        g(k): knowledge gained per € of value per partner.
    own_costs
        X(k) + (1 - s) c k (k - 1) / 2: the costs a firm bears for its own partner count.
    welfare_costs
        X(k) + c k (k - 1) / 2: every cost of a firm's partner count, whoever pays it.
    """

    gain: np.ndarray
    own_costs: np.ndarray
    welfare_costs: np.ndarray

    @classmethod
    def of(cls, payoff: NetBenefit, cost_spillover: float, max_degree: int) -> DegreeTables:
        k = np.arange(max_degree + 1)
        per_value = replace(payoff, value_per_partner=1.0)
        costs = payoff.costs(k)
        coordination = costs["coordination"]
        private = sum(costs[source] for source in PRIVATE_SOURCES)
        return cls(
            gain=np.asarray(per_value.knowledge_gained(k)),  # an array for an array k
            own_costs=private + (1 - cost_spillover) * coordination,
            welfare_costs=private + coordination,
        )


def private_equilibrium(payoff: NetBenefit, cost_spillover: float) -> int:
    """The number of partners at which identical firms stop adding partners.

    With every firm at ``k`` partners, two firms add a partnership when both gain,
    i.e. when :math:`\\Delta(k) = P(k + 1) - P(k) - s c k / 2 > 0`, with
    :math:`P(k) = v g(k) - X(k) - (1 - s) c k (k - 1) / 2`. The equilibrium is the first
    ``k`` where that gain is no longer positive (searched in 0..max_partners). At that
    ``k`` no firm wants to drop a partner either: dropping gains :math:`-\\Delta(k - 1) < 0`.
    Firms also stop at the time budget's limit (:attr:`NetBenefit.budget_limit`).
    """
    check_number("cost_spillover", cost_spillover, 0, 1)
    tables = DegreeTables.of(payoff, cost_spillover, payoff.max_partners + 1)
    k = np.arange(payoff.max_partners + 1)
    delta = payoff.value_per_partner * np.diff(tables.gain) - np.diff(tables.own_costs)
    delta = delta - cost_spillover * payoff.coordination_cost * k / 2
    stops = np.flatnonzero(delta <= 0)
    stop = int(stops[0]) if stops.size else payoff.max_partners
    return min(stop, _limit(payoff, payoff.max_partners))


def _limit(payoff: NetBenefit, most: int) -> int:
    """The most partners a firm can keep: the time budget's limit, at most ``most``."""
    limit = payoff.budget_limit
    return most if limit is None else min(limit, most)
