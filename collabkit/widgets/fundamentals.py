"""Explorers of notebook 01 "Fundamentals": one function per model, each returning an
:class:`~collabkit.widgets.explorer.Explorer` ready to display."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from collabkit.core.words import plural
from collabkit.figures import fundamentals as fig
from collabkit.models.mutual_support import MutualSupport
from collabkit.models.pooling import CostPooling
from collabkit.models.public_goods import PublicGoodsGame
from collabkit.models.purchasing import GroupPurchasing
from collabkit.models.reach import MarketReach
from collabkit.widgets.explorer import Explorer, slider


def pooling_table(asset_cost: float = 36_000, coordination_cost: float = 1_500) -> pd.DataFrame:
    """The cost-pooling model as a table for a learner's own pandas code: one row per
    network size (1–30 firms) with ``n_firms``, ``asset_share``, ``coordination_share``
    and ``cost_per_firm`` (€ per year)."""
    return CostPooling(float(asset_cost), float(coordination_cost), 30).run()


def free_riding_table(monitoring: float = 0.0, fine: float = 0.0, **settings: Any) -> pd.DataFrame:
    """The free-riding model as a table for a learner's own pandas code: the game without
    governance and with this monitoring and fine, stacked, one row per period and world
    (columns ``period``, ``mean_contribution``, ``share_of_endowment``, ``mean_payoff``,
    ``total_fines``, ``governance``)."""
    return PublicGoodsGame(monitoring=monitoring, fine=fine, **settings).compare()


def cost_pooling() -> Explorer:
    """Cost per firm of sharing an asset, against the number of partners."""
    default = CostPooling()

    def compute(asset_cost: float, coordination_cost: float, n_firms: int) -> pd.DataFrame:
        frame = CostPooling(asset_cost, coordination_cost, default.max_firms).run()
        return frame.assign(selected=frame["n_firms"] == n_firms)

    def summary(frame: pd.DataFrame, values: Mapping[str, Any]) -> str:
        model = CostPooling(values["asset_cost"], values["coordination_cost"], default.max_firms)
        table = frame.set_index("n_firms")
        n = values["n_firms"]
        best = model.optimal_size()
        return (
            f"With <b>{n}</b> firm{'' if n == 1 else 's'}, {'it' if n == 1 else 'each'} pays "
            f"<b>{table.loc[n, 'cost_per_firm']:,.0f} €</b> a year "
            f"({table.loc[n, 'asset_share']:,.0f} € van share + "
            f"{table.loc[n, 'coordination_share']:,.0f} € coordination). "
            f"Cheapest size: <b>{plural(best, 'firm')}</b> at "
            f"{table.loc[best, 'cost_per_firm']:,.0f} € {'each' if best > 1 else 'alone'}."
        )

    return Explorer(
        controls={
            "asset_cost": slider("Van cost (€ per year)", default.asset_cost, 5_000, 100_000,
                                 1_000, fmt=",.0f"),
            "coordination_cost": slider("Coordination cost per pair (€ per year)",
                                        default.coordination_cost, 0, 10_000, 100, fmt=",.0f"),
            "n_firms": slider("Number of firms", 3, 1, default.max_firms, 1, integer=True),
        },
        compute=compute,
        traces=fig.pooling_traces,
        figure=fig.pooling_figure,
        summary=summary,
    )  # fmt: skip


def market_reach() -> Explorer:
    """Households reached as the bakery, the café and the courier join forces."""
    default = MarketReach()

    def compute(bakery: float, cafe: float, courier: float, similarity: float) -> pd.DataFrame:
        return MarketReach(default.households, (bakery, cafe, courier), similarity).run()

    def summary(frame: pd.DataFrame, values: Mapping[str, Any]) -> str:
        last = frame.iloc[-1]
        return (
            f"All three together reach <b>{last['combined_reach']:,.0f}</b> of "
            f"{default.households:,} households; adding up their audiences would claim "
            f"{last['sum_of_reach']:,.0f} ({last['duplicated']:,.0f} counted twice). "
            f"The bakery gains <b>{last['new_for_first']:,.0f}</b> new households."
        )

    percent = ".0%"
    return Explorer(
        controls={
            "bakery": slider("Bakery's reach (share of households)", default.reach[0], 0, 1,
                             0.05, fmt=percent),
            "cafe": slider("Café's reach", default.reach[1], 0, 1, 0.05, fmt=percent),
            "courier": slider("Courier's reach", default.reach[2], 0, 1, 0.05, fmt=percent),
            "similarity": slider("Audience similarity (0 unrelated, 1 same people)",
                                 default.similarity, 0, 1, 0.1, fmt=".1f"),
        },
        compute=compute,
        traces=fig.reach_traces,
        figure=fig.reach_figure,
        summary=summary,
    )  # fmt: skip


def group_purchasing() -> Explorer:
    """Monthly packaging cost of each firm alone and in a buying group."""
    default = GroupPurchasing()

    def compute(bakery: float, cafe: float, courier: float) -> pd.DataFrame:
        return GroupPurchasing(default.unit_price, (bakery, cafe, courier)).run()

    def summary(frame: pd.DataFrame, values: Mapping[str, Any]) -> str:
        first = frame.iloc[0]
        tiers = ", ".join(f"{d:.0%} from {t:,.0f}" for t, d in default.tiers[1:])
        return (
            f"List price {default.unit_price:.2f} € per unit; discounts on every unit: {tiers} "
            f"units a month. Together the firms buy <b>{first['group_units']:,.0f}</b> units "
            f"and get <b>{first['discount_group']:.0%}</b> off; the group saves "
            f"<b>{frame['saving'].sum():,.0f} €</b> a month."
        )

    units = ",.0f"
    return Explorer(
        controls={
            "bakery": slider("Bakery (units per month)", default.demand[0], 0, 12_000, 250,
                             fmt=units),
            "cafe": slider("Café (units per month)", default.demand[1], 0, 12_000, 250, fmt=units),
            "courier": slider("Courier (units per month)", default.demand[2], 0, 12_000, 250,
                              fmt=units),
        },
        compute=compute,
        traces=fig.purchasing_traces,
        figure=fig.purchasing_figure,
        summary=summary,
    )  # fmt: skip


def free_riding() -> Explorer:
    """Contributions to a shared fund over time, without and with governance."""
    default = PublicGoodsGame(monitoring=0.5, fine=2.0)

    def compute(
        n_firms: int, multiplier: float, share_conditional: float, monitoring: float, fine: float
    ) -> pd.DataFrame:
        return PublicGoodsGame(
            n_firms=n_firms,
            multiplier=multiplier,
            share_conditional=share_conditional,
            monitoring=monitoring,
            fine=fine,
        ).compare()

    def summary(frame: pd.DataFrame, values: Mapping[str, Any]) -> str:
        game = PublicGoodsGame(n_firms=values["n_firms"], multiplier=values["multiplier"])
        last = frame.groupby("governance")["share_of_endowment"].last()
        slope = game.matching_slope
        match = (
            f"<b>{slope:.0%}</b> of the average they saw"
            if slope <= 1
            else f"more than the average they saw (<b>{slope:.0%}</b> of it, up to their "
            "whole budget)"
        )
        return (
            f"Each € a firm pays in returns <b>{game.mpcr:.2f} €</b> to that firm (and "
            f"{values['multiplier']:.1f} € to the network as a whole), so conditional "
            f"cooperators give {match}. In the last period firms pay in "
            f"<b>{last['no governance']:.0%}</b> of their budget without governance and "
            f"<b>{last['monitoring and sanctions']:.0%}</b> with it."
        )

    return Explorer(
        controls={
            "n_firms": slider("Firms in the network", default.n_firms, 3, 100, 1, integer=True),
            "multiplier": slider("Return of the fund for the group (×)", default.multiplier,
                                 1.1, 3.0, 0.1, fmt=".1f"),
            "share_conditional": slider("Share of conditional cooperators",
                                        default.share_conditional, 0, 1, 0.05, fmt=".0%"),
            "monitoring": slider("Chance a low contributor is caught", default.monitoring,
                                 0, 1, 0.05, fmt=".0%"),
            "fine": slider("Fine per € below the average (€)", default.fine, 0, 5, 0.25,
                           fmt=".2f"),
        },
        compute=compute,
        traces=fig.free_riding_traces,
        figure=fig.free_riding_figure,
        summary=summary,
    )  # fmt: skip


def mutual_support() -> Explorer:
    """Firm-level resilience: orders a stricken firm keeps as partners join a support pact."""
    default = MutualSupport()

    def compute(spare_capacity: float, common_shock: float) -> pd.DataFrame:
        return MutualSupport(default.max_partners, spare_capacity, common_shock).run()

    def summary(frame: pd.DataFrame, values: Mapping[str, Any]) -> str:
        three = frame.set_index("n_partners").loc[3]
        return (
            f"With <b>3 partners</b> that can each take on <b>{values['spare_capacity']:.0%}</b> "
            f"of the bakery's work, it keeps <b>{three['share_kept']:.0%}</b> of its orders on "
            f"average when each partner has a {values['common_shock']:.0%} chance of being hit "
            f"too, and {three['share_kept_apart']:.0%} with partners elsewhere. The network "
            "itself stays connected in every case: that is structural robustness, not the "
            "bakery's resilience."
        )

    return Explorer(
        controls={
            "spare_capacity": slider("Spare capacity each partner can lend (share of the "
                                     "bakery's work)", default.spare_capacity, 0, 1, 0.05,
                                     fmt=".0%"),
            "common_shock": slider("Chance a partner is hit by the same shock",
                                   default.common_shock, 0, 1, 0.05, fmt=".0%"),
        },
        compute=compute,
        traces=fig.support_traces,
        figure=fig.support_figure,
        summary=summary,
    )  # fmt: skip
