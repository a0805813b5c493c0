"""Explorers of notebook 04 "Over-collaboration": the net-benefit curve and the partnering
simulation, each an :class:`~collabkit.widgets.explorer.Explorer` ready to display."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from collabkit._compat import renamed
from collabkit.analysis.ego import NEW_PARTNER, EgoRedundancy, ego_redundancy, with_new_partner
from collabkit.analysis.inverted_u import (
    TurningPoint,
    fit_quadratic,
    quadratic_curve,
    turning_point,
)
from collabkit.core.words import number_word, plural
from collabkit.data.cluster import load_cluster
from collabkit.figures import over_collaboration as fig
from collabkit.models.net_benefit import COST_SOURCES, NetBenefit
from collabkit.models.partnering import PartneringModel, private_equilibrium
from collabkit.widgets.explorer import Explorer, slider

_COST_LABELS = {source: label for source, (label, _) in fig.COST_STYLE.items()}


def net_benefit() -> Explorer:
    """The five cost sources against the value of partners, with the best number marked."""
    default = NetBenefit()

    def compute(
        value_per_partner: float,
        redundancy: float,
        coordination_cost: float,
        joint_share: float,
        competitor_share: float,
        hours_per_partner: float,
        reliance_per_partner: float,
    ) -> pd.DataFrame:
        return NetBenefit(
            value_per_partner=value_per_partner,
            redundancy=redundancy,
            coordination_cost=coordination_cost,
            joint_share=joint_share,
            competitor_share=competitor_share,
            hours_per_partner=hours_per_partner,
            reliance_per_partner=reliance_per_partner,
        ).run()

    def summary(frame: pd.DataFrame, values: Mapping[str, Any]) -> str:
        return net_benefit_summary(frame, default.time_budget) + coordination_note(
            values["joint_share"]
        )

    money = ",.0f"
    return Explorer(
        controls={
            "value_per_partner": slider("Value one partner brings (€ per year)",
                                        default.value_per_partner, 0, 30_000, 500, fmt=money),
            "redundancy": slider("Overlap with earlier partners (share)", default.redundancy,
                                 0, 0.5, 0.01),
            "coordination_cost": slider("Cost of one line of coordination (€ per year)",
                                        default.coordination_cost, 0, 5_000, 100, fmt=money),
            "joint_share": slider("Joint projects: share where all partners coordinate",
                                  default.joint_share, 0, 1, 0.05),
            "competitor_share": slider("Share of partners who are competitors",
                                       default.competitor_share, 0, 1, 0.05),
            "hours_per_partner": slider("Hours a month per partnership",
                                        default.hours_per_partner, 0, 15, 0.5, fmt=".1f"),
            "reliance_per_partner": slider("Critical inputs from each partner (share)",
                                           default.reliance_per_partner, 0, 0.2, 0.01),
        },
        compute=compute,
        traces=fig.net_benefit_traces,
        figure=fig.net_benefit_figure,
        summary=summary,
    )  # fmt: skip


def coordination_note(joint_share: float) -> str:
    """The coordination assumption in force, and where the peak would be under the other
    extreme, in a sentence (defaults for every other setting)."""
    if joint_share >= 1:
        assumption = "every partner coordinates with every other (joint projects)"
    elif joint_share <= 0:
        assumption = "each partner deals only with the firm (bilateral partnerships)"
    else:
        assumption = f"{joint_share:.0%} of the work is joint projects, the rest bilateral"
    return f" Coordination assumed: {assumption}."


def net_benefit_summary(frame: pd.DataFrame, time_budget: float) -> str:
    """What the net-benefit table says: the best number of partners within the time
    budget, its largest cost and its hours, whether the budget or the costs set the limit,
    and what the largest number of partners would net (or that it has no hours).

    Parameters
    ----------
    frame
        :meth:`NetBenefit.run` of the model shown.
    time_budget
        Its ``time_budget``: hours a month the manager can give to partners.
    """
    possible = frame[~frame["over_budget"]]
    best = possible.loc[possible["net_benefit"].idxmax()]
    peak = frame.loc[frame["net_benefit"].idxmax()]
    biggest = max(COST_SOURCES, key=lambda source: best[source])
    text = (
        f"Best: <b>{plural(best['partners'], 'partner', fmt='.0f')}</b>, netting "
        f"<b>{best['net_benefit']:,.0f} €</b> a year"
    )
    if best["partners"] > 0:
        text += (
            f"; there the largest cost is {_COST_LABELS[biggest]} ({best[biggest]:,.0f} €). "
            f"It takes {best['hours_per_month']:.0f} of the {time_budget:.0f} hours a month "
            "the manager can spare."
        )
    else:
        text += ": no partner brings more than it costs."
    if peak["partners"] > best["partners"]:
        text += (
            f" More partners would still pay (the curve peaks at "
            f"{plural(peak['partners'], 'partner', fmt='.0f')}), but they would need "
            f"{peak['hours_per_month']:.0f} hours a month: the manager's time, not the "
            "costs, sets the limit."
        )
    last = frame.iloc[-1]
    if last["over_budget"]:
        text += (
            f" {plural(last['partners'], 'partner', fmt='.0f').capitalize()} would need "
            f"{last['hours_per_month']:.0f} hours a month, more than the manager has."
        )
    elif last["partners"] != best["partners"]:
        text += (
            f" With {plural(last['partners'], 'partner', fmt='.0f')} the net would be "
            f"{last['net_benefit']:,.0f} €."
        )
    return text


def partnering_run(
    cost_spillover: float,
    coordination_cost: float,
    redundancy: float,
    n_firms: int,
    periods: int,
) -> pd.DataFrame:
    """One simulation with the explorer's settings, plus the two benchmarks it is read
    against (constant columns ``welfare_optimum``, ``predicted_stop``,
    ``welfare_at_optimum``)."""
    payoff = NetBenefit(coordination_cost=coordination_cost, redundancy=redundancy)
    model = PartneringModel(payoff, n_firms=n_firms, periods=periods, cost_spillover=cost_spillover)
    optimum = payoff.optimum()
    return model.run().assign(
        welfare_optimum=optimum,
        predicted_stop=private_equilibrium(payoff, cost_spillover),
        welfare_at_optimum=float(payoff.net_benefit(optimum)),
    )


def partnering_summary(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    """What a run of :func:`partnering_run` shows: where the firms end against the welfare
    optimum, and why, from the settings in ``values`` (who pays for coordination)."""
    last = run.iloc[-1]
    optimum, stop = int(last["welfare_optimum"]), int(last["predicted_stop"])
    excess = last["mean_partners"] - optimum
    loss = 1 - last["welfare_per_firm"] / last["welfare_at_optimum"]
    share, cost = values["cost_spillover"], values["coordination_cost"]
    text = (
        f"Firms keep <b>{last['mean_partners']:.1f}</b> partners on average after "
        f"{plural(last['period'], 'period', fmt='.0f')}; the welfare optimum is "
        f"<b>{plural(optimum, 'partner')}</b>. "
    )
    if cost == 0:
        text += (
            "Coordination costs nothing here, so there is no cost for partners to carry: "
            "what is good for the firm is good for the network."
        )
    elif share == 0:
        text += (
            "Each firm pays all the coordination it causes, so what is good for the firm is "
            "good for the network."
        )
    elif stop > optimum:
        text += (
            f"Partners pay {share:.0%} of the coordination a firm causes, so a firm does not "
            f"see the whole cost of another partner: identical firms would stop at {stop}, past "
            "the optimum."
        )
    else:
        text += (
            f"Partners pay {share:.0%} of the coordination a firm causes, but at these "
            "settings that is not enough to make another partner worth it: identical firms "
            "would stop at the optimum all the same."
        )
    if excess > 0.5:
        text += (
            f" The firms <b>over-collaborate</b> by {excess:.1f} partners and earn "
            f"{loss:.0%} less than they could."
        )
    elif excess < -0.5:
        text += (
            f" The firms stay {-excess:.1f} partners below it: firms whose partners bring "
            "less stop earlier, and a partnership needs both firms to want it."
        )
    else:
        text += f" The firms end close to it and earn {loss:.0%} less than at the optimum."
    payoff = NetBenefit(coordination_cost=cost, redundancy=values["redundancy"])
    if payoff.budget_limit is not None and optimum == payoff.budget_limit:
        text += (
            f" No firm can keep more than {plural(optimum, 'partner')}: their hours would "
            f"exceed the {payoff.time_budget:.0f} a month the manager can spare."
        )
    return text


def partnering_simulation() -> Explorer:
    """Firms adding and dropping partners for themselves, against the welfare optimum."""
    default = PartneringModel()
    payoff = default.payoff

    def summary(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
        return partnering_summary(run, values)

    return Explorer(
        controls={
            "cost_spillover": slider("Share of coordination paid by partners",
                                     default.cost_spillover, 0, 1, 0.05),
            "coordination_cost": slider("Cost of one line of coordination (€ per year)",
                                        payoff.coordination_cost, 0, 5_000, 100,
                                        fmt=",.0f"),
            "redundancy": slider("Overlap with earlier partners (share)",
                                 payoff.redundancy, 0, 0.5, 0.01),
            "n_firms": slider("Number of firms", default.n_firms, 50, 1_000, 50, integer=True),
            "periods": slider("Periods", default.periods, 20, 200, 10, integer=True),
        },
        compute=partnering_run,
        traces=fig.partnering_traces,
        figure=fig.partnering_figure,
        summary=summary,
    )  # fmt: skip


@dataclass(frozen=True)
class EgoView:
    """A firm's ego network with a hypothetical new partner, and its redundancy before and
    after the newcomer joins."""

    graph: nx.Graph
    ego: str
    before: EgoRedundancy
    after: EgoRedundancy


def ego_network(min_partners: int = 4) -> Explorer:
    """Pick a firm of the valley cluster and add a partner who knows some of its partners."""
    cluster = load_cluster()
    firms = sorted(
        (v for v in cluster if cluster.degree(v) >= min_partners),
        key=lambda v: (-cluster.degree(v), v),
    )
    options = [(f"{v} {cluster.nodes[v]['name']} ({cluster.degree(v)} partners)", v) for v in firms]

    def compute(firm: str, knows: int) -> EgoView:
        knows = min(knows, cluster.degree(firm))
        graph = with_new_partner(cluster, firm, knows)
        return EgoView(graph, firm, ego_redundancy(cluster, firm), ego_redundancy(graph, firm))

    def summary(view: EgoView, values: Mapping[str, Any]) -> str:
        before, after = view.before, view.after
        n = len(before.partners)
        knows = after.partners.loc[NEW_PARTNER, "ties_to_partners"]
        name = view.graph.nodes[view.ego]["name"]
        return (
            f"{name} has {n} partners worth <b>{before.effective_size:.1f}</b> non-redundant "
            f"contacts (efficiency {before.efficiency:.0%}). A new partner who already works "
            f"with {knows} of them adds <b>{after.effective_size - before.effective_size:+.2f}"
            f"</b> (effective size {after.effective_size:.1f} of {n + 1})."
        )

    firm = widgets.Dropdown(options=options, value="F01", description="Firm",
                            layout=widgets.Layout(width="420px"))  # fmt: skip
    knows = slider("The new partner already works with … of them", 0, 0,
                   cluster.degree(firm.value), 1, integer=True)  # fmt: skip

    def follow_firm(change: Mapping[str, Any]) -> None:
        # the slider reaches as far as the chosen firm's partners (ipywidgets lowers its
        # value with its maximum), so it never reads more than the text can say
        knows.max = cluster.degree(change["new"])

    firm.observe(follow_firm, names="value")  # before the explorer's own observer
    return Explorer(
        controls={"firm": firm, "knows": knows},
        compute=compute,
        traces=lambda view: fig.ego_traces(view.graph, view.ego, view.after),
        figure=lambda view: fig.ego_figure(view.graph, view.ego, view.after),
        summary=summary,
    )


def inverted_u(data: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Growth against partners in a firm-year panel, with the quadratic fitted with
    standard errors clustered by firm and its turning point (a static figure).

    Without a ``title``, the title says what the fit finds: the panel's firms and years and
    where the fitted curve turns (computed, so it always matches the plot).
    """
    x, y, firms = data["partners"], data["revenue_growth"], data["firm_id"]
    curve = quadratic_curve(fit_quadratic(x, y, groups=firms))
    turn = turning_point(x, y, groups=firms, method="fieller")
    if title is None:
        title = inverted_u_caption(data, turn)
    return fig.inverted_u_figure(data, curve, turn, title=title)


def inverted_u_caption(data: pd.DataFrame, turn: TurningPoint) -> str:
    """``Generated panel, 120 firms, 2017–2020: the fitted curve turns near seven
    partners``, from the data and the fitted turning point (or where the quadratic turns,
    if outside the data). The title says the data are generated and speaks of the fit, not
    of what firms do: a generated panel is no evidence about real firms."""
    years = data["year"]
    span = f"{years.min()}–{years.max()}" if years.min() != years.max() else f"{years.min()}"
    firms = plural(data["firm_id"].nunique(), "firm")
    if turn.within_data and turn.estimate > 0:
        peak = round(turn.estimate)
        return (
            f"Generated panel, {firms}, {span}: the fitted curve turns near "
            f"{number_word(peak)} partners"
        )
    return f"Generated panel, {firms}, {span}: the fitted quadratic turns outside the data"


# Old names (collabkit 0.1), kept for one release: see collabkit._compat.
__getattr__ = renamed(
    __name__,
    {
        "net_benefit_explorer": "net_benefit",
        "partnering_explorer": "partnering_simulation",
        "ego_network_explorer": "ego_network",
        "inverted_u_view": "inverted_u",
    },
)
