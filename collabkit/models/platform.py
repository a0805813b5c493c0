"""One SMB selling through its own channel, partners, an online platform and (if its peers
run one) an SMB-owned cooperative platform, in a two-sided market whose other sellers follow
their own rule: a dynamic model whose levers lead to "Synergistic Growth", "Platform Trap",
"Hybrid Collaboration" or "Independent".

The learner's SMB is **one** seller among ``n_sellers`` (monthly periods t = 1..T). The market
- the platform's buyers, the other sellers, the commission - evolves whatever the SMB does:
one seller of two hundred moves neither the buyers nor the operator. What many sellers do
*together* is a separate set of levers (:class:`Collective`): the share of the market's sellers
who bargain through an SMB association, and the share who run a cooperative platform.

Market (other sellers i = 1..N, sizes z_i lognormal with mean 1)

* **Two-sided network effects** (Rochet & Tirole 2003; Parker & Van Alstyne 2005). Buyers
  adopt the platform by Bass diffusion (Bass 1969) with a cross-side pull from the sellers'
  listings L_t, and sellers list in proportion to the buyers they can reach there::

      R_{t+1} = R_t + (p + q·R_t/R̄ + c_B·L_t)·(R̄ − R_t)          (buyers respond to sellers)
      L_{t+1} = L_t + 0.2·(L̄·R_t/R̄ − L_t),   L_0 = L̄·R_0/R̄       (sellers respond to buyers)

  R = share of buyers who shop on the platform, R̄ its potential (``reach_potential``), p and
  q the Bass coefficients (``innovation``, ``imitation``), c_B the cross-side effect of
  sellers on buyers (``cross_side``), L̄ the share of their offer sellers list when every
  potential buyer is there (``listing_potential``).
* **The other sellers' rule.** They list L_t, sell on one platform, share half their data,
  invest nothing, and their brands fade by 2 %·R_t·L_t a month; each one's platform share
  of sales D_i = P_i/(P_i + direct_i) follows the SMB's revenue equations below.
* **Take rate.** The operator raises its commission while the other sellers depend on it:
  τ_{t+1} = min(τ̂, τ_t·(1 + raise·(1 − a)·max(0, D̄_t − 0.4))), raise = ``raise_speed``,
  τ_0 = min(``take_rate``, τ̂), D̄ = their mean platform
  share of sales (the 40 % is :data:`DEPENDENCY_THRESHOLD`), a the share of sellers
  organised in an SMB association, who resist each increase and bargain a ceiling
  τ̂ = τ_max − a·(τ_max − τ_a) (τ_a = ``association_cap``, what an association of all
  sellers can hold). τ_0 = 0 stays 0.
* **Cooperative platform.** If a share k of the sellers run an SMB-owned cooperative
  platform, its buyer reach follows them: R^c_{t+1} = R^c_t + 0.1·(0.5·k·R_t − R^c_t), R^c_0 =
  0 (a co-op with all sellers reaches half the platform's buyers: no marketing budget, a
  smaller brand). Members set its commission at cost (``coop_fee``, never raised; any surplus
  goes back to members) and own their data (nothing is extracted).

The SMB (size s relative to the average seller; 1 by default)

* **Channel choice and lock-in** (Farrell & Klemperer 2007). Its listed share w moves towards
  ``platform_share`` by 20 % of the gap a month; moving *off* the platform is slowed by the
  switching cost S_t = lock_in · Σ (its past platform shares of sales):
  w_{t+1} = w_t + 0.2·(target − w_t)/(1 + S_t) when the target is lower. Its co-op share
  w^c moves to ``coop_share`` by 20 % a month.
* **Visibility ranking.** Platform demand is shared in proportion to size^γ:
  v = s^γ/mean(z^γ).
* **Revenue** (thousand € a month, M = 100·s the SMB's own demand, β_t = 1 + 0.4·c_t):
  platform P = 1.5·M·R_t·w_t·v·(1 + 0.35 ln n_platforms)·(1 − x_t)·β_t, where ×1.5 is the
  **broader ecosystem** (buyers beyond the SMB's own market) and x_t = extraction ·
  data_sharing · (1 − e^{−t/24}) the demand the operator captures with what it learned from
  shared data (own-label products, steering); co-op C = 1.5·M·R^c_t·w^c_t·β_t; direct
  M·(1 − 0.5·R_t)·b_t·β_t (buyers who shop on the platform make half their purchases
  there, whether or not the SMB lists: staying off loses them); partners M·k_t·β_t.
* **Brand and partners.** Brand strength b_t (1 at the start) gains
  0.3·invest_direct·(2 − b) and loses 2 %·R_t·w_t a month (customers learn to find the SMB
  only through the platform); the partner network k_t → 6·invest_partners at 10 % of the
  gap a month.
* **Data capability.** c_t → min(1, 8·invest_data) at 10 % of the gap a month (β_t above).
* **Margin.** Gross margin g plus data insight: g·(1 + 0.05·data_sharing + 0.1·c_t). Direct sales
  carry the **transaction costs** the platform otherwise bears (finding buyers, payment,
  order handling: 5 % of direct sales); platform sales pay τ_t and a price erosion
  0.10·R_t·L_t from competing with the other listed sellers; co-op sales pay ``coop_fee``;
  investments cost their share of revenue. Margin = profit / revenue.

Not modelled: **scalable infrastructure** (no channel has a capacity limit, so the model
cannot show what a platform's capacity is worth at a demand peak); data privacy beyond the
demand the operator captures; price setting (prices are fixed, erosion is a margin loss).

Outputs per month: revenue by channel, margin, platform and co-op shares of sales, channel
concentration (Herfindahl index over direct, partners, co-op and each platform), an
autonomy index (1 − platform share)/(1 + S), the take rate, the reach of the platform and
the co-op, the other sellers' listing and dependency, and cumulative profit.

Sources: F. M. Bass (1969), "A new product growth model for consumer durables",
*Management Science* 15(5); J.-C. Rochet and J. Tirole (2003), "Platform competition in
two-sided markets", *JEEA* 1(4); G. G. Parker and M. W. Van Alstyne (2005), "Two-sided
network effects: a theory of information product design", *Management Science* 51(10);
J. Farrell and P. Klemperer (2007), "Coordination and lock-in", *Handbook of Industrial
Organization* 3; T. Scholz (2016), *Platform Cooperativism*, Rosa Luxemburg Stiftung.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number

#: The course's trajectories (a run is classified by :mod:`collabkit.analysis.trajectory`):
#: the source essays' three scenarios, "Independent" (platforms carry next to nothing) and
#: "Drifting" (none of these patterns).
SYNERGY, TRAP, HYBRID = "Synergistic Growth", "Platform Trap", "Hybrid Collaboration"
INDEPENDENT, DRIFTING = "Independent", "Drifting"


@dataclass(frozen=True, kw_only=True)
class Lever:
    """One strategic lever: what it is called, what the learner reads beside its control,
    and the values it may take.

    Attributes
    ----------
    name
        The field of :class:`PlatformStrategy` or :class:`Collective` it sets.
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


def _share(name: str, label: str, default: float, high: float = 1, step: float = 0.05) -> Lever:
    return Lever(name=name, label=label, unit="share", default=default, high=high, step=step)


#: One SMB's levers, in the order of :class:`PlatformStrategy`'s fields.
LEVERS: tuple[Lever, ...] = (
    _share("platform_share", "Share of offer on the platform", 0.5),
    Lever(name="n_platforms", label="Number of platforms", unit="count", default=1, low=1,
          high=5),
    _share("data_sharing", "Data shared with the platform", 0.5),
    _share("coop_share", "Share of offer on the co-op", 0.0),
    _share("invest_direct", "Invest in own channel (% of sales)", 0.0, 0.2, 0.01),
    _share("invest_data", "Invest in data skills (% of sales)", 0.0, 0.2, 0.01),
    _share("invest_partners", "Invest in partner network (% of sales)", 0.0, 0.2, 0.01),
)  # fmt: skip
_LEVER = {lever.name: lever for lever in LEVERS}

#: What the market's sellers do together, in the order of :class:`Collective`'s fields.
COLLECTIVE_LEVERS: tuple[Lever, ...] = (
    _share("association", "Sellers in the SMB association", 0.0),
    _share("cooperative", "Sellers running a co-op platform", 0.0),
)
_COLLECTIVE = {lever.name: lever for lever in COLLECTIVE_LEVERS}


@dataclass(frozen=True)
class PlatformStrategy:
    """One SMB's levers (labels, allowed values and defaults in :data:`LEVERS`).

    Parameters
    ----------
    platform_share
        Target share of the SMB's offer listed on the commercial platform.
    n_platforms
        Platforms used at once (multi-homing).
    data_sharing
        Share of its sales and customer data the SMB lets the platform use.
    coop_share
        Target share of its offer listed on the SMB-owned cooperative platform (sells
        nothing unless some sellers run one: :attr:`Collective.cooperative`).
    invest_direct, invest_data, invest_partners
        Share of revenue invested each month in the own direct channel (brand, web shop),
        in data capability, and in a partner network.
    """

    platform_share: float = _LEVER["platform_share"].default
    n_platforms: int = int(_LEVER["n_platforms"].default)
    data_sharing: float = _LEVER["data_sharing"].default
    coop_share: float = _LEVER["coop_share"].default
    invest_direct: float = _LEVER["invest_direct"].default
    invest_data: float = _LEVER["invest_data"].default
    invest_partners: float = _LEVER["invest_partners"].default

    def __post_init__(self) -> None:
        for lever in LEVERS:
            lever.check(getattr(self, lever.name))

    @property
    def spend(self) -> float:
        """Investments, as a share of sales (own channel + data skills + partners)."""
        return self.invest_direct + self.invest_data + self.invest_partners


@dataclass(frozen=True)
class Collective:
    """What the market's sellers do together (:data:`COLLECTIVE_LEVERS`): collective action,
    which no single SMB decides.

    Parameters
    ----------
    association
        Share of the sellers organised in an SMB association that bargains with the
        operator: the commission's ceiling falls from ``take_rate_max`` towards
        ``association_cap`` as it grows.
    cooperative
        Share of the sellers who run an SMB-owned cooperative platform (its buyer reach
        grows with them).
    """

    association: float = _COLLECTIVE["association"].default
    cooperative: float = _COLLECTIVE["cooperative"].default

    def __post_init__(self) -> None:
        for lever in COLLECTIVE_LEVERS:
            lever.check(getattr(self, lever.name))


@dataclass(frozen=True)
class PlatformMarket:
    """The market the SMB sells in.

    Parameters
    ----------
    periods
        Months simulated, a whole number in [12, 240].
    n_sellers
        Other sellers on the platform, a whole number in [1, 5,000].
    take_rate
        Platform commission at the start, share of platform sales in [0, 0.5].
    take_rate_max
        Highest commission the operator can impose, in [take_rate, 0.6].
    association_cap
        Commission an association of *all* sellers can hold the operator to, in [0, 0.6].
    raise_speed
        Monthly commission increase per unit of the sellers' dependency above
        :data:`DEPENDENCY_THRESHOLD` (40 %), in [0, 0.2].
    initial_reach
        Share of buyers on the platform at the start, in (0, reach_potential].
    reach_potential
        Share of buyers who will ever shop on the platform (Bass market potential), in (0, 1].
    innovation, imitation
        Bass coefficients p and q, in [0, 0.2] and [0, 1].
    cross_side
        Cross-side effect c_B of the sellers' listings on buyers' adoption, in [0, 0.5].
    listing_potential
        Share of their offer the other sellers list once every potential buyer is on the
        platform, in [0, 1].
    visibility
        Ranking exponent γ (0 = equal visibility), in [0, 2].
    lock_in
        Switching cost added per month of dependency, in [0, 1].
    extraction
        Largest share of platform demand the operator can capture with shared data, in
        [0, 0.8].
    coop_fee
        The cooperative platform's commission, set by its members at cost, in [0, 0.5].
    gross_margin
        Margin on sales before commissions, in (0, 0.9].
    seed
        Seed of the other sellers' sizes, a whole number ≥ 0.
    """

    periods: int = 60
    n_sellers: int = 200
    take_rate: float = 0.12
    take_rate_max: float = 0.35
    association_cap: float = 0.15
    raise_speed: float = 0.2
    initial_reach: float = 0.25
    reach_potential: float = 0.6
    innovation: float = 0.01
    imitation: float = 0.08
    cross_side: float = 0.04
    listing_potential: float = 0.9
    visibility: float = 0.5
    lock_in: float = 0.05
    extraction: float = 0.3
    coop_fee: float = 0.08
    gross_margin: float = 0.4
    seed: int = 0

    def __post_init__(self) -> None:
        check_number("periods", self.periods, 12, 240, integer=True)
        check_number("n_sellers", self.n_sellers, 1, 5_000, integer=True)
        check_number("take_rate", self.take_rate, 0, 0.5)
        check_number("take_rate_max", self.take_rate_max, self.take_rate, 0.6)
        check_number("association_cap", self.association_cap, 0, 0.6)
        check_number("raise_speed", self.raise_speed, 0, 0.5)
        check_number("reach_potential", self.reach_potential, 0, 1, low_open=True)
        check_number("initial_reach", self.initial_reach, 0, self.reach_potential, low_open=True)
        check_number("innovation", self.innovation, 0, 0.2)
        check_number("imitation", self.imitation, 0, 1)
        check_number("cross_side", self.cross_side, 0, 0.5)
        check_number("listing_potential", self.listing_potential, 0, 1)
        check_number("visibility", self.visibility, 0, 2)
        check_number("lock_in", self.lock_in, 0, 1)
        check_number("extraction", self.extraction, 0, 0.8)
        check_number("coop_fee", self.coop_fee, 0, 0.5)
        check_number("gross_margin", self.gross_margin, 0, 0.9, low_open=True)
        check_number("seed", self.seed, 0, 2**32 - 1, integer=True)

    def ceiling(self, collective: Collective) -> float:
        """The highest commission the operator can charge given the sellers' association:
        τ̂ = τ_max − a·(τ_max − τ_a), never above ``take_rate_max``."""
        cap = self.take_rate_max - collective.association * (
            self.take_rate_max - self.association_cap
        )
        return min(self.take_rate_max, cap)


#: Monthly demand of an average seller (thousand € of sales at list price).
MARKET = 100.0
#: Platforms reach buyers beyond the seller's own market: platform demand is this multiple.
EXPANSION = 1.5
#: Price erosion on the platform per unit of listed competition R·L (share of platform sales).
EROSION = 0.10
#: Share of their purchases that platform buyers no longer make through sellers' own channels.
CANNIBALISED = 0.5
#: The operator raises its commission while sellers' mean platform share of sales is above this.
DEPENDENCY_THRESHOLD = 0.4
#: Transaction costs of direct sales (finding buyers, payment, handling), share of those sales.
TRANSACTION_COST = 0.05
#: Speed at which sellers move their listings (share of the gap a month).
LISTING_SPEED = 0.2
#: Partner revenue a network reaches per unit of investment (k → this × invest_partners).
PARTNER_YIELD = 6.0
#: Brand strength that investing in the own channel approaches.
BRAND_CEILING = 2.0
#: Sales gained in every channel at full data capability.
DATA_BOOST = 0.4
#: A co-op run by every seller reaches this share of the platform's buyers.
COOP_REACH = 0.5
#: The other sellers' rule: what they share with the platform.
MARKET_DATA_SHARING = 0.5


@dataclass
class _Market:
    """The market's state in one month (the other sellers, the platform and the co-op)."""

    reach: float
    listing: float
    take_rate: float
    coop_reach: float = 0.0
    brand: float = 1.0
    dependency: float = 0.0


def _market_path(market: PlatformMarket, collective: Collective) -> list[_Market]:
    """The market month by month; it does not depend on the one SMB (vectorised over the
    other sellers)."""
    m = market
    rng = np.random.default_rng(m.seed)
    size = rng.lognormal(-0.18, 0.6, m.n_sellers)
    size /= size.mean()
    visibility = size**m.visibility / np.mean(size**m.visibility)
    state = _Market(
        reach=m.initial_reach,
        listing=m.listing_potential * m.initial_reach / m.reach_potential,
        take_rate=min(m.take_rate, m.ceiling(collective)),
    )
    ceiling = m.ceiling(collective)
    path = []
    for t in range(1, m.periods + 1):
        extracted = m.extraction * MARKET_DATA_SHARING * (1 - np.exp(-t / 24))
        online = state.reach * state.listing
        platform = EXPANSION * online * visibility * (1 - extracted)
        direct = (1 - CANNIBALISED * state.reach) * state.brand
        state.dependency = float(np.mean(platform / (platform + direct)))
        path.append(_Market(**vars(state)))
        reach, listing = state.reach, state.listing
        hazard = m.innovation + m.imitation * reach / m.reach_potential + m.cross_side * listing
        state.reach = reach + hazard * (m.reach_potential - reach)
        target = m.listing_potential * reach / m.reach_potential
        state.listing = listing + LISTING_SPEED * (target - listing)
        excess = max(0.0, state.dependency - DEPENDENCY_THRESHOLD)
        resisted = m.raise_speed * (1 - collective.association) * excess
        state.take_rate = min(ceiling, state.take_rate * (1 + resisted))
        state.coop_reach += 0.1 * (COOP_REACH * collective.cooperative * reach - state.coop_reach)
        state.brand -= 0.02 * online * state.brand
    return path


def simulate(
    strategy: PlatformStrategy,
    market: PlatformMarket | None = None,
    prelude: tuple[PlatformStrategy, int] | None = None,
    collective: Collective | None = None,
    size: float = 1.0,
) -> pd.DataFrame:
    """Run the model for one SMB; one row per month (see module docstring).

    Revenues, commission (paid to the operator) and profit are in thousand € per month
    (cumulative profit: thousand €); shares, margins, HHI and autonomy lie in [0, 1] (a
    margin can turn negative). ``platform_margin`` is what one € of platform sales leaves
    after commission and price erosion. ``market_listing`` and ``market_dependency`` are the
    other sellers' listed share and platform share of sales.

    ``prelude = (earlier_strategy, months)`` plays another strategy first, e.g. to start
    from a trapped position; ``market.periods`` counts the prelude's months too. ``size``
    is the SMB's size relative to the average seller (its demand and its ranking).
    """
    m = market or PlatformMarket()
    c = collective or Collective()
    check_number("size", size, 0, 20, low_open=True)
    first, switch = prelude if prelude else (strategy, 0)
    rng = np.random.default_rng(m.seed)
    sizes = rng.lognormal(-0.18, 0.6, m.n_sellers)
    sizes /= sizes.mean()
    visibility = size**m.visibility / np.mean(sizes**m.visibility)
    listed, coop_listed = first.platform_share, first.coop_share
    brand, partners, capability, switching = 1.0, 0.0, 0.0, 0.0
    rows, cumulative = [], 0.0
    for t, mk in enumerate(_market_path(m, c), start=1):
        s = first if t <= switch else strategy
        demand = MARKET * size
        extracted = m.extraction * s.data_sharing * (1 - np.exp(-t / 24))
        boost = 1 + DATA_BOOST * capability  # data-driven targeting sells more in every channel
        multi_home = 1 + 0.35 * np.log(s.n_platforms)
        platform = (
            demand * EXPANSION * mk.reach * listed * visibility * multi_home
            * (1 - extracted) * boost
        )  # fmt: skip
        coop = demand * EXPANSION * mk.coop_reach * coop_listed * boost
        direct = demand * (1 - CANNIBALISED * mk.reach) * brand * boost
        partner = demand * partners * boost
        revenue = direct + partner + platform + coop
        dependency = platform / revenue
        margin_rate = m.gross_margin * (1 + 0.05 * s.data_sharing + 0.1 * capability)
        erosion = EROSION * mk.reach * mk.listing
        profit = (
            revenue * margin_rate
            - platform * (mk.take_rate + erosion)
            - coop * m.coop_fee
            - direct * TRANSACTION_COST
            - s.spend * revenue
        )
        cumulative += profit
        channels = np.array([direct, partner, coop, *[platform / s.n_platforms] * s.n_platforms])
        rows.append(
            {
                "period": t,
                "revenue_direct": direct,
                "revenue_partners": partner,
                "revenue_platform": platform,
                "revenue_coop": coop,
                "revenue": revenue,
                "platform_share": dependency,
                "coop_share": coop / revenue,
                "partner_share": partner / revenue,
                "margin": profit / revenue,
                "platform_margin": margin_rate - mk.take_rate - erosion,
                "commission": platform * mk.take_rate,
                "profit": profit,
                "cumulative_profit": cumulative,
                "hhi": float(((channels / revenue) ** 2).sum()),
                "autonomy": (1 - dependency) / (1 + switching),
                "take_rate": mk.take_rate,
                "platform_reach": mk.reach,
                "coop_reach": mk.coop_reach,
                "market_listing": mk.listing,
                "market_dependency": mk.dependency,
            }
        )
        # --- the SMB's state next month ---
        switching += m.lock_in * dependency
        speed = LISTING_SPEED / (1 + switching) if s.platform_share < listed else LISTING_SPEED
        listed += speed * (s.platform_share - listed)
        coop_listed += LISTING_SPEED * (s.coop_share - coop_listed)
        brand += 0.3 * s.invest_direct * (BRAND_CEILING - brand) - 0.02 * mk.reach * listed * brand
        partners += 0.1 * (PARTNER_YIELD * s.invest_partners - partners)
        capability += 0.1 * (min(1.0, 8 * s.invest_data) - capability)
    return pd.DataFrame(rows)


#: A strategy that produces each trajectory in the default market without collective
#: action (checked for 20 seeds by the tests).
PLATFORM_PRESETS: dict[str, PlatformStrategy] = {
    SYNERGY: PlatformStrategy(
        platform_share=0.5, n_platforms=3, data_sharing=0.2,
        invest_direct=0.05, invest_data=0.05, invest_partners=0.03,
    ),
    TRAP: PlatformStrategy(platform_share=1.0, n_platforms=1, data_sharing=1.0),
    HYBRID: PlatformStrategy(
        platform_share=0.25, n_platforms=2, data_sharing=0.2,
        invest_direct=0.03, invest_data=0.02, invest_partners=0.05,
    ),
    INDEPENDENT: PlatformStrategy(
        platform_share=0.0, n_platforms=1, data_sharing=0.0, invest_direct=0.05,
    ),
}  # fmt: skip


#: The collective action each preset assumes: Synergistic Growth holds its margin only if
#: most sellers bargain together (alone, the commission rises to its maximum).
PRESET_COLLECTIVE: dict[str, Collective] = {
    SYNERGY: Collective(association=0.6),
    TRAP: Collective(),
    HYBRID: Collective(),
    INDEPENDENT: Collective(),
}


def _levers(kind: type, value: object, what: str) -> object:
    if value is None:
        return kind()
    if isinstance(value, dict):
        return kind(**value)
    if not isinstance(value, kind):
        raise ValueError(f"{what} must be a {kind.__name__} or a dict of levers; got {value!r}")
    return value


def simulate_platform(
    strategy: PlatformStrategy | dict | None = None,
    seed: int = PlatformMarket.seed,
    periods: int = PlatformMarket.periods,
    n_sellers: int = PlatformMarket.n_sellers,
    collective: Collective | dict | None = None,
) -> pd.DataFrame:
    """Public entry point: run the platform model for one SMB's strategy (or a dict of its
    levers), in a market whose sellers act together as ``collective`` says.

    Examples
    --------
    One row per month:

    >>> run = simulate_platform(PLATFORM_PRESETS["Platform Trap"], seed=0)
    >>> len(run), "platform_share" in run.columns
    (60, True)

    A lever outside its range is named with the range it must lie in:

    >>> simulate_platform({"platform_share": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: platform_share must be a number in [0, 1]; got 1.5
    """
    chosen = _levers(PlatformStrategy, strategy, "strategy")
    together = _levers(Collective, collective, "collective")
    market = PlatformMarket(periods=periods, n_sellers=n_sellers, seed=seed)
    return simulate(chosen, market, collective=together)  # type: ignore[arg-type]
