"""The net benefit of collaborating with ``n`` partners: where more stops being better.

Model
-----
A firm with ``n`` partners (a whole number, 0 … ``max_partners``) gains knowledge, customers
and capacity from each of them, and pays for them in five ways. All amounts are € per year.

Gross value, before any cost: every partner would bring the same value ``v`` if nothing it
brought were already known, :math:`G(n) = v n`.

1. **Knowledge redundancy.** Partners know partly the same things. Each new partner's
   contribution overlaps with what the previous ones brought by the share ``r``, so the
   k-th partner adds :math:`v (1 - r)^{k-1}` and the knowledge actually gained is the
   geometric sum :math:`B(n) = v (1 - (1 - r)^n) / r` (``v n`` when r = 0). The loss is
   :math:`G(n) - B(n)`. Redundant ties are Burt's (1992) argument for structural holes.
2. **Coordination.** Each line of coordination costs ``c`` a year. How many lines ``n``
   partners need is an *assumption about how the collaboration is organised*, set by the
   share ``φ`` (``joint_share``) of the collaboration run as joint projects:

   * **bilateral partnerships** (φ = 0): the firm deals with each partner on its own, one
     line per partner, :math:`L(n) = n`. Coordination then grows in proportion to the
     partners, as in the transaction-cost view of dyadic alliances (Gulati & Singh 1998)
     and Thompson's (1967) *sequential* interdependence, handled by plans between two sides;
   * **joint projects** (φ = 1): every partner must coordinate with every other, as in a
     consortium or a shared product; the lines are the pairs, :math:`L(n) = n (n - 1) / 2`
     (Brooks 1975 for teams; Thompson's *reciprocal* interdependence, which needs mutual
     adjustment; multipartner alliances are harder to hold together than dyads, Heidl,
     Steensma & Phelps 2014);
   * in between, :math:`L(n) = (1 - φ) n + φ n (n - 1) / 2`.

   :math:`C(n) = c L(n)`. With bilateral coordination the cost is linear, so it moves the
   peak only through the other (convex) costs; with joint projects it is convex itself and
   the peak comes much earlier. The default, φ = 1, is the pessimistic case the course
   starts from; :meth:`NetBenefit.optimum` shows how far the peak moves with φ.
3. **Competitive dilution.** A share ``σ`` of partners are competitors in the same market
   (horizontal partners). Each of them erodes the firm's brand premium ``P`` by the share
   ``δ``: :math:`D(n) = P (1 - (1 - δ)^{σ n})`.
4. **Resource depletion.** Each partnership takes ``h`` hours a month from a manager whose
   time budget is ``H`` hours a month. The first hours come from slack; each further hour
   displaces more valuable core work, so the value of an hour rises linearly from 0 to
   ``w`` (€ per hour) when the whole budget is used:
   :math:`R(n) = 12 w (h n)^2 / (2 H)` (12 months a year). Beyond ``H`` the hours do not
   exist: a firm can keep at most :attr:`NetBenefit.budget_limit` = ⌊H / h⌋ partners.
   :meth:`NetBenefit.run` flags the rows beyond it (``over_budget``) and
   :meth:`NetBenefit.optimum` never picks one.
5. **Dependence.** Each partner supplies the share ``θ`` of the firm's critical inputs
   (customers, capacity, know-how), so the firm depends on its network for
   :math:`d(n) = 1 - (1 - θ)^n` of them. Losing autonomy costs the firm
   :math:`A d(n)^2`, where ``A`` is what full dependence would cost a year (hold-up risk,
   lost flexibility; quadratic because a little dependence is harmless).

Net benefit: :math:`N(n) = G(n) - [G(n) - B(n)] - C(n) - D(n) - R(n) - A d(n)^2`.
B is concave and the costs R and A d² (and C, with joint projects) are convex, so N
rises, flattens and falls: the inverted U of over-collaboration. The best engagement is
the whole ``n`` within the time budget with the largest N (ties go to fewer partners);
when the budget binds (cheap coordination, few hours to spare) it is that limit, not the
peak of N.

Sources: F. P. Brooks, *The Mythical Man-Month* (1975), for the channels of a group;
J. D. Thompson, *Organizations in Action* (1967), for pooled, sequential and reciprocal
interdependence and what coordinating each costs; R. Gulati & H. Singh, "The architecture
of cooperation", *Administrative Science Quarterly* 43(4) (1998), for the coordination
costs of two-party alliances; D. A. Heidl, H. K. Steensma & C. Phelps, "Divisive
faultlines and the unplanned dissolutions of multipartner alliances", *Organization
Science* 25(5) (2014), for the fragility of many-party alliances; R. S. Burt,
*Structural Holes* (1992), for redundant contacts; M. T. Hansen, *Collaboration* (2009),
and Cross, Rebele & Grant, "Collaborative overload", *Harvard Business Review* (2016), for
the time cost of too much collaboration. The default numbers are teaching assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number

#: The five cost sources, in the order the course presents them (column names of ``run``).
COST_SOURCES = ("redundancy", "coordination", "dilution", "depletion", "dependence")
#: What the course calls each cost source, in questions, legends and summaries.
COST_LABELS = {
    "redundancy": "knowledge redundancy",
    "coordination": "coordination costs",
    "dilution": "competitive dilution",
    "depletion": "resource depletion",
    "dependence": "dependence",
}
#: The costs a firm bears alone whatever its partners do (all but redundancy, which lowers
#: the value gained, and coordination, which partners may share).
PRIVATE_SOURCES = ("dilution", "depletion", "dependence")

ArrayLike = float | np.ndarray


@dataclass(frozen=True)
class NetBenefit:
    """Parameters of the net-benefit model (€ per year unless stated).

    Parameters
    ----------
    value_per_partner
        ``v``: value one partner would bring if nothing overlapped, in [0, 1,000,000].
    redundancy
        ``r``: share of a new partner's contribution already known from earlier partners,
        in [0, 0.9].
    coordination_cost
        ``c``: yearly cost of one line of coordination, in [0, 100,000].
    joint_share
        ``φ``: share of the collaboration run as joint projects in which every partner
        coordinates with every other (lines ``n(n − 1)/2``); the rest is bilateral (one
        line per partner), in [0, 1].
    competitor_share
        ``σ``: share of partners who compete in the firm's own market, in [0, 1].
    brand_premium
        ``P``: the firm's yearly price premium from a distinct brand, in [0, 1,000,000].
    dilution_rate
        ``δ``: share of the premium each competing partner erodes, in [0, 1].
    hours_per_partner
        ``h``: hours a month one partnership takes, in [0, 100].
    time_budget
        ``H``: hours a month the manager can give to collaboration at most, in (0, 400].
    core_hour_value
        ``w``: € earned by an hour of core work when no slack is left, in [0, 1,000].
    reliance_per_partner
        ``θ``: share of critical inputs each partner supplies, in [0, 1].
    autonomy_value
        ``A``: yearly cost of depending fully on the network, in [0, 1,000,000].
    max_partners
        Largest number of partners tabulated, a whole number in [1, 200].
    """

    value_per_partner: float = 12_000.0
    redundancy: float = 0.05
    coordination_cost: float = 1_000.0
    joint_share: float = 1.0
    competitor_share: float = 0.3
    brand_premium: float = 20_000.0
    dilution_rate: float = 0.1
    hours_per_partner: float = 4.0
    time_budget: float = 60.0
    core_hour_value: float = 60.0
    reliance_per_partner: float = 0.04
    autonomy_value: float = 30_000.0
    max_partners: int = 20

    def __post_init__(self) -> None:
        check_number("value_per_partner", self.value_per_partner, 0, 1e6)
        check_number("redundancy", self.redundancy, 0, 0.9)
        check_number("coordination_cost", self.coordination_cost, 0, 1e5)
        check_number("joint_share", self.joint_share, 0, 1)
        check_number("competitor_share", self.competitor_share, 0, 1)
        check_number("brand_premium", self.brand_premium, 0, 1e6)
        check_number("dilution_rate", self.dilution_rate, 0, 1)
        check_number("hours_per_partner", self.hours_per_partner, 0, 100)
        check_number("time_budget", self.time_budget, 0, 400, low_open=True)
        check_number("core_hour_value", self.core_hour_value, 0, 1000)
        check_number("reliance_per_partner", self.reliance_per_partner, 0, 1)
        check_number("autonomy_value", self.autonomy_value, 0, 1e6)
        check_number("max_partners", self.max_partners, 1, 200, integer=True)

    def knowledge_gained(self, n: ArrayLike) -> ArrayLike:
        """B(n): value actually gained from ``n`` partners after overlaps, € per year."""
        n = np.asarray(n, dtype=float)
        if self.redundancy == 0:
            return self.value_per_partner * n
        return self.value_per_partner * (1 - (1 - self.redundancy) ** n) / self.redundancy

    def coordination_lines(self, n: ArrayLike) -> np.ndarray:
        """L(n) = (1 − φ) n + φ n (n − 1) / 2: the lines of coordination ``n`` partners need
        (0 for fewer than one partner)."""
        n = np.maximum(np.asarray(n, dtype=float), 0)
        pairs = np.maximum(n * (n - 1) / 2, 0)
        return np.asarray((1 - self.joint_share) * n + self.joint_share * pairs)

    def costs(self, n: ArrayLike) -> dict[str, np.ndarray]:
        """The five cost sources at ``n`` partners (any array shape), € per year."""
        n = np.asarray(n, dtype=float)
        hours = self.hours_per_partner * n
        dependence_share = 1 - (1 - self.reliance_per_partner) ** n
        return {
            "redundancy": self.value_per_partner * n - self.knowledge_gained(n),
            "coordination": self.coordination_cost * self.coordination_lines(n),
            "dilution": self.brand_premium
            * (1 - (1 - self.dilution_rate) ** (self.competitor_share * n)),
            "depletion": 12 * self.core_hour_value * hours**2 / (2 * self.time_budget),
            "dependence": self.autonomy_value * dependence_share**2,
        }

    def net_benefit(self, n: ArrayLike) -> ArrayLike:
        """N(n) in € per year for any array of partner counts."""
        costs = self.costs(n)
        return self.value_per_partner * np.asarray(n, dtype=float) - sum(costs.values())

    def run(self) -> pd.DataFrame:
        """The decomposition for every number of partners.

        Returns
        -------
        DataFrame
            One row per ``partners`` = 0..max_partners with ``gross_value``, the five cost
            sources (:data:`COST_SOURCES`), ``total_cost`` and ``net_benefit`` (€ per year),
            ``hours_per_month`` spent on partnerships and ``over_budget`` (more partners
            than the time budget allows, :attr:`budget_limit`).
        """
        n = np.arange(self.max_partners + 1)
        costs = self.costs(n)
        table = pd.DataFrame({"partners": n, "gross_value": self.value_per_partner * n, **costs})
        table["total_cost"] = table[list(COST_SOURCES)].sum(axis=1)
        table["net_benefit"] = table["gross_value"] - table["total_cost"]
        table["hours_per_month"] = self.hours_per_partner * n
        limit = self.budget_limit
        table["over_budget"] = False if limit is None else table["partners"] > limit
        return table

    @property
    def budget_limit(self) -> int | None:
        """The most partners whose hours fit in the time budget, ⌊H / h⌋; None when a
        partnership takes no time (no limit)."""
        if self.hours_per_partner == 0:
            return None
        # a hair of tolerance so that 60 / 4 is 15 whatever the float rounding
        return int(np.floor(self.time_budget / self.hours_per_partner + 1e-9))

    def optimum(self) -> int:
        """The whole number of partners in 0..max_partners, within the time budget
        (:attr:`budget_limit`), with the largest net benefit.

        Partner counts whose hours exceed the time budget are not possible, so they are not
        candidates. ``numpy.argmax`` returns the first maximum, so ties go to fewer partners.
        """
        limit = self.budget_limit
        top = self.max_partners if limit is None else min(limit, self.max_partners)
        return int(np.argmax(self.net_benefit(np.arange(top + 1))))

    def unconstrained_optimum(self) -> int:
        """The whole number of partners in 0..max_partners with the largest net benefit,
        whether or not their hours fit in the time budget (what the curve alone says)."""
        return int(np.argmax(self.net_benefit(np.arange(self.max_partners + 1))))
