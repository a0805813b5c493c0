"""SMBs selling through their own channel, partners and online platforms: a dynamic model
whose strategic levers lead to "Synergistic Growth", "Platform Trap" or "Hybrid
Collaboration".

Model (monthly periods t = 1..T, vectorised over ``n_sellers`` SMBs i that all follow the
learner's strategy; seller size z_i is lognormal, mean 1)

* **Network effects (platform reach).** The share of buyers who shop on platforms follows
  Bass diffusion with a cross-side effect: more seller listings attract more buyers,
  R_t = R_{t-1} + (p + q·(0.5 + 0.5·w̄_{t-1})·R_{t-1})(1 − R_{t-1})
  (Bass 1969; Rochet & Tirole 2003, two-sided markets).
* **Channel choice and lock-in.** A seller's listed share w moves towards the target
  ``platform_share`` by 20 % of the gap a month; moving *off* platforms is slowed by the
  switching cost S_t = lock_in · (months of dependency accumulated), w_t = w_{t-1} +
  0.2·(target − w_{t-1}) / (1 + S_t) when the target is lower (Farrell & Klemperer 2007).
* **Visibility ranking.** Platform demand is shared in proportion to size^γ (search
  ranking favours large sellers): v_i = z_i^γ / mean(z^γ).
* **Platform revenue.** P_i = 1.5·M·z_i·R_t·w_i·v_i·(1 + 0.35 ln n_platforms)·(1 − x_t)·β_t:
  platforms reach buyers beyond the seller's own market (×1.5, lower transaction costs and
  a broader ecosystem); x_t = extraction · data_sharing · (1 − e^{−t/24}) is demand the
  operator captures with what it learned from shared data (own-label products, steering).
* **Direct and partner revenue.** Direct: M·z_i·(1 − 0.5·R_t·w_i)·b_t·β_t (half of the
  platform buyers would otherwise have bought direct); brand strength b_t gains
  0.3·invest_direct·(1.5 − b) and loses 2 %·R_t·w̄ a month (customers learn to find the
  SMB only through the platform). Partners (a collaborative network of complementary SMBs):
  M·z_i·k_t·β_t with k_t → 4·invest_partners at 10 % of the gap a month.
* **Data capability.** c_t → min(1, 8·invest_data) at 10 % of the gap a month; it sells
  more in every channel, β_t = 1 + 0.3·c_t.
* **Take rate.** The operator raises its commission as sellers depend on it:
  τ_t = min(τ_max, τ_{t-1}·(1 + raise·max(0, D̄_{t-1} − 0.4))), D = platform share of sales;
  an SMB association caps it at ``association_cap`` (collective bargaining). τ_0 = 0 stays 0.
* **Margin.** Gross margin g plus data insight g·(0.05·data_sharing + 0.1·c_t); platform
  sales pay τ_t and a price erosion 0.25·R_t·w̄ from competition among sellers on the
  platform; investments cost their share of revenue. Margin = profit / revenue.

Outputs per period: revenue by channel, margin, platform share of sales, channel
concentration (Herfindahl index over direct, partners and each platform), an autonomy
index (share of revenue from channels the SMB controls, discounted by switching cost:
(1 − D)/(1 + S)), take rate and cumulative profit, as means over sellers.

Sources: F. M. Bass (1969), "A new product growth model for consumer durables",
*Management Science* 15(5); J.-C. Rochet and J. Tirole (2003), "Platform competition in
two-sided markets", *JEEA* 1(4); J. Farrell and P. Klemperer (2007), "Coordination and
lock-in", *Handbook of Industrial Organization* 3; A. Gawer and M. A. Cusumano (2014),
"Industry platforms and ecosystem innovation", *JPIM* 31(3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number

#: The course's three trajectories (a run is classified by
#: :mod:`collabkit.analysis.trajectory`).
SYNERGY, TRAP, HYBRID = "Synergistic Growth", "Platform Trap", "Hybrid Collaboration"


@dataclass(frozen=True, kw_only=True)
class Lever:
    """One strategic lever of :class:`PlatformStrategy`: what it is called, what the learner
    reads beside its control, and the values it may take.

    Attributes
    ----------
    name
        The field of :class:`PlatformStrategy` it sets.
    label
        The text beside the lever's control.
    unit
        ``"share"`` (a fraction, shown in %), ``"count"`` (a whole number) or
        ``"yes/no"`` (True or False; ``low``, ``high`` and ``step`` do not apply).
    low, high
        Lowest and highest allowed value, inclusive: the model rejects anything else and a
        slider spans exactly this range.
    default
        The value of a strategy that does not set the lever.
    step
        The step of the lever's slider.
    """

    name: str
    label: str
    unit: Literal["share", "count", "yes/no"]
    default: float | int | bool
    low: float = 0
    high: float = 1
    step: float = 1

    def check(self, value: object) -> None:
        """Raise a ``ValueError`` naming the lever unless ``value`` is allowed."""
        if self.unit == "yes/no":
            if not isinstance(value, bool):
                raise ValueError(f"{self.name} must be True or False; got {value!r}")
            return
        check_number(self.name, value, self.low, self.high, integer=self.unit == "count")


#: The learner's levers, in the order of :class:`PlatformStrategy`'s fields.
LEVERS: tuple[Lever, ...] = (
    Lever(
        name="platform_share",
        label="Share of offer on platforms",
        unit="share",
        default=0.5,
        low=0,
        high=1,
        step=0.05,
    ),
    Lever(
        name="n_platforms",
        label="Number of platforms",
        unit="count",
        default=1,
        low=1,
        high=5,
        step=1,
    ),
    Lever(name="association", label="Member of an SMB association", unit="yes/no", default=False),
    Lever(
        name="data_sharing",
        label="Data shared with platforms",
        unit="share",
        default=0.5,
        low=0,
        high=1,
        step=0.05,
    ),
    Lever(
        name="invest_direct",
        label="Invest in own channel (% of sales)",
        unit="share",
        default=0.0,
        low=0,
        high=0.2,
        step=0.01,
    ),
    Lever(
        name="invest_data",
        label="Invest in data skills (% of sales)",
        unit="share",
        default=0.0,
        low=0,
        high=0.2,
        step=0.01,
    ),
    Lever(
        name="invest_partners",
        label="Invest in partner network (% of sales)",
        unit="share",
        default=0.0,
        low=0,
        high=0.2,
        step=0.01,
    ),
)
_LEVER = {lever.name: lever for lever in LEVERS}


@dataclass(frozen=True)
class PlatformStrategy:
    """The learner's levers (labels, allowed values and defaults in :data:`LEVERS`).

    Parameters
    ----------
    platform_share
        Target share of the SMB's offer listed on platforms.
    n_platforms
        Platforms used at once (multi-homing).
    association
        Member of an SMB association that bargains collectively with the operator.
    data_sharing
        Share of its sales and customer data the SMB lets the platform use.
    invest_direct, invest_data, invest_partners
        Share of revenue invested each month in the own direct channel (brand, web shop),
        in data capability, and in a partner network.
    """

    platform_share: float = _LEVER["platform_share"].default
    n_platforms: int = int(_LEVER["n_platforms"].default)
    association: bool = bool(_LEVER["association"].default)
    data_sharing: float = _LEVER["data_sharing"].default
    invest_direct: float = _LEVER["invest_direct"].default
    invest_data: float = _LEVER["invest_data"].default
    invest_partners: float = _LEVER["invest_partners"].default

    def __post_init__(self) -> None:
        for lever in LEVERS:
            lever.check(getattr(self, lever.name))


@dataclass(frozen=True)
class PlatformMarket:
    """The market the strategy plays out in.

    Parameters
    ----------
    periods
        Months simulated, a whole number in [12, 240].
    n_sellers
        SMBs simulated, a whole number in [1, 5,000].
    take_rate
        Platform commission at the start, share of platform sales in [0, 0.5].
    take_rate_max
        Highest commission the operator can impose, in [take_rate, 0.6].
    association_cap
        Commission cap an SMB association negotiates, in [0, 0.6].
    raise_speed
        Monthly commission increase per unit of dependency above 50 %, in [0, 0.2].
    initial_reach
        Share of buyers on platforms at the start, in (0, reach_potential].
    reach_potential
        Share of buyers who will ever shop on platforms (Bass market potential), in (0, 1].
    innovation, imitation
        Bass coefficients p and q, in [0, 0.2] and [0, 1].
    visibility
        Ranking exponent γ (0 = equal visibility), in [0, 2].
    lock_in
        Switching cost added per month of dependency, in [0, 1].
    extraction
        Largest share of platform demand the operator can capture with shared data, in
        [0, 0.8].
    gross_margin
        Margin on sales before commissions, in (0, 0.9].
    seed
        Seed of the seller sizes, a whole number ≥ 0.
    """

    periods: int = 60
    n_sellers: int = 200
    take_rate: float = 0.12
    take_rate_max: float = 0.35
    association_cap: float = 0.15
    raise_speed: float = 0.08
    initial_reach: float = 0.2
    reach_potential: float = 0.6
    innovation: float = 0.01
    imitation: float = 0.12
    visibility: float = 0.5
    lock_in: float = 0.05
    extraction: float = 0.3
    gross_margin: float = 0.4
    seed: int = 0

    def __post_init__(self) -> None:
        check_number("periods", self.periods, 12, 240, integer=True)
        check_number("n_sellers", self.n_sellers, 1, 5_000, integer=True)
        check_number("take_rate", self.take_rate, 0, 0.5)
        check_number("take_rate_max", self.take_rate_max, self.take_rate, 0.6)
        check_number("association_cap", self.association_cap, 0, 0.6)
        check_number("raise_speed", self.raise_speed, 0, 0.2)
        check_number("reach_potential", self.reach_potential, 0, 1, low_open=True)
        check_number("initial_reach", self.initial_reach, 0, self.reach_potential, low_open=True)
        check_number("innovation", self.innovation, 0, 0.2)
        check_number("imitation", self.imitation, 0, 1)
        check_number("visibility", self.visibility, 0, 2)
        check_number("lock_in", self.lock_in, 0, 1)
        check_number("extraction", self.extraction, 0, 0.8)
        check_number("gross_margin", self.gross_margin, 0, 0.9, low_open=True)
        check_number("seed", self.seed, 0, 2**32 - 1, integer=True)


#: Monthly demand of an average seller (thousand € of sales at list price).
MARKET = 100.0
#: Platforms reach buyers beyond the seller's own market: platform demand is this multiple.
EXPANSION = 1.5
#: Share of platform buyers who would otherwise have bought through the direct channel.
CANNIBALISED = 0.5


def simulate(
    strategy: PlatformStrategy,
    market: PlatformMarket | None = None,
    prelude: tuple[PlatformStrategy, int] | None = None,
) -> pd.DataFrame:
    """Run the model; one row per month with the means over sellers (see module docstring).

    Revenues, commission (paid to the operator) and profit are in thousand € per month
    (cumulative profit: thousand €); shares, margins, HHI and autonomy lie in [0, 1] (a
    margin can turn negative). ``platform_margin`` is what one € of platform sales leaves
    after commission and price erosion.

    ``prelude = (earlier_strategy, months)`` plays another strategy first, e.g. to start
    from a trapped position; ``market.periods`` counts the prelude's months too.
    """
    m = market or PlatformMarket()
    first, switch = prelude if prelude else (strategy, 0)
    rng = np.random.default_rng(m.seed)
    size = rng.lognormal(-0.18, 0.6, m.n_sellers)
    size /= size.mean()
    visibility = size**m.visibility / np.mean(size**m.visibility)
    reach = m.initial_reach
    tau = min(m.take_rate, m.association_cap if first.association else m.take_rate_max)
    listed = np.full(m.n_sellers, first.platform_share)
    brand, partners, capability, switching = 1.0, 0.0, 0.0, 0.0
    rows, cumulative = [], 0.0
    for t in range(1, m.periods + 1):
        s = first if t <= switch else strategy
        multi_home = 1 + 0.35 * np.log(s.n_platforms)
        cap = m.association_cap if s.association else m.take_rate_max
        spend = s.invest_direct + s.invest_data + s.invest_partners
        demand = MARKET * size
        extracted = m.extraction * s.data_sharing * (1 - np.exp(-t / 24))
        boost = 1 + 0.3 * capability  # data-driven targeting sells more in every channel
        platform = (
            demand * EXPANSION * reach * listed * visibility * multi_home * (1 - extracted) * boost
        )
        direct = demand * (1 - CANNIBALISED * reach * listed) * brand * boost
        partner = demand * partners * boost
        revenue = direct + partner + platform
        dependency = platform / revenue
        insight = m.gross_margin * (0.05 * s.data_sharing + 0.1 * capability)
        margin_rate = m.gross_margin + insight
        erosion = 0.25 * reach * listed.mean()
        profit = revenue * margin_rate - platform * (tau + erosion) - spend * revenue
        cumulative += profit.mean()
        shares = np.stack([direct, partner, *([platform / s.n_platforms] * s.n_platforms)])
        hhi = ((shares / revenue) ** 2).sum(axis=0)
        rows.append(
            {
                "period": t,
                "revenue_direct": direct.mean(),
                "revenue_partners": partner.mean(),
                "revenue_platform": platform.mean(),
                "revenue": revenue.mean(),
                "platform_share": platform.sum() / revenue.sum(),
                "margin": profit.sum() / revenue.sum(),
                "platform_margin": margin_rate - tau - erosion,
                "commission": (platform * tau).mean(),
                "profit": profit.mean(),
                "cumulative_profit": cumulative,
                "hhi": hhi.mean(),
                "autonomy": ((1 - dependency) / (1 + switching)).mean(),
                "take_rate": tau,
                "platform_reach": reach,
            }
        )
        # --- dynamics for the next month ---
        mean_dependency = dependency.mean()
        switching += m.lock_in * mean_dependency
        speed = np.where(s.platform_share < listed, 0.2 / (1 + switching), 0.2)
        listed = listed + speed * (s.platform_share - listed)
        pull = m.imitation * (0.5 + 0.5 * listed.mean()) * reach / m.reach_potential
        reach += (m.innovation + pull) * (m.reach_potential - reach)
        tau = min(cap, m.take_rate_max, tau * (1 + m.raise_speed * max(0.0, mean_dependency - 0.4)))
        brand += 0.3 * s.invest_direct * (1.5 - brand) - 0.02 * reach * listed.mean() * brand
        partners += 0.1 * (4 * s.invest_partners - partners)
        capability += 0.1 * (min(1.0, 8 * s.invest_data) - capability)
    return pd.DataFrame(rows)


#: A strategy that produces each trajectory (checked for 20 seeds by the tests).
PLATFORM_PRESETS: dict[str, PlatformStrategy] = {
    SYNERGY: PlatformStrategy(
        platform_share=0.6, n_platforms=3, association=True, data_sharing=0.3,
        invest_direct=0.05, invest_data=0.05, invest_partners=0.03,
    ),
    TRAP: PlatformStrategy(
        platform_share=1.0, n_platforms=1, association=False, data_sharing=1.0,
    ),
    HYBRID: PlatformStrategy(
        platform_share=0.3, n_platforms=2, association=True, data_sharing=0.2,
        invest_direct=0.03, invest_data=0.02, invest_partners=0.05,
    ),
}  # fmt: skip


def simulate_platform(
    strategy: PlatformStrategy | dict | None = None,
    seed: int = PlatformMarket.seed,
    periods: int = PlatformMarket.periods,
    n_sellers: int = PlatformMarket.n_sellers,
) -> pd.DataFrame:
    """Public entry point: run the platform model for a strategy (or a dict of its levers).

    Examples
    --------
    One row per month, the means over ``n_sellers`` sellers:

    >>> run = simulate_platform(PLATFORM_PRESETS["Platform Trap"], seed=0)
    >>> len(run), "platform_share" in run.columns
    (60, True)

    A lever outside its range is named with the range it must lie in:

    >>> simulate_platform({"platform_share": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: platform_share must be a number in [0, 1]; got 1.5
    """
    if strategy is None:
        strategy = PlatformStrategy()
    elif isinstance(strategy, dict):
        strategy = PlatformStrategy(**strategy)
    elif not isinstance(strategy, PlatformStrategy):
        raise ValueError(
            f"strategy must be a PlatformStrategy or a dict of levers; got {strategy!r}"
        )
    return simulate(strategy, PlatformMarket(periods=periods, n_sellers=n_sellers, seed=seed))
