"""A straightforward Mesa twin of :class:`collabkit.models.partnering.PartneringModel`.

The benchmark (``benchmarks.abm``) and the tests compare the vectorised model with this
agent-by-agent implementation of the same rules, written the way a Mesa 3 user would:

* every firm is a :class:`mesa.Agent` with its own value per partner (drawn from the same
  lognormal as :meth:`PartneringModel.firm_values`) and a Python ``set`` of partners;
* each firm works out, in plain Python floats, how its own payoff changes if it starts or
  ends a partnership (the formulas of :mod:`collabkit.models.net_benefit`, with the
  coordination-cost spillover of :mod:`collabkit.models.partnering`);
* each period :meth:`MesaPartnering.step` shuffles the firms, pairs them consecutively and
  lets each pair meet: partners split if either gains by splitting, others link if both
  gain;
* a :class:`mesa.DataCollector` records the same per-period outputs as
  :meth:`PartneringModel.run`.

Mesa is only in the ``bench`` extra; nothing in ``collabkit`` imports this module.

With the same ``seed``, Mesa's ``model.rng`` is ``numpy.random.default_rng(seed)`` like the
vectorised model's, so the firms' values come out identical; the pairings differ (Mesa
shuffles with its stdlib ``random.Random``), so the two runs agree only in distribution.
"""

from __future__ import annotations

import mesa
import pandas as pd

from collabkit.models.net_benefit import NetBenefit
from collabkit.models.partnering import OUTPUT_COLUMNS, PartneringModel


def knowledge_per_value(payoff: NetBenefit, k: int) -> float:
    """g(k): knowledge gained from ``k`` partners per € of value per partner."""
    r = payoff.redundancy
    return float(k) if r == 0 else (1 - (1 - r) ** k) / r


def private_costs(payoff: NetBenefit, k: int) -> float:
    """X(k): dilution + depletion + dependence with ``k`` partners (borne by the firm alone)."""
    dilution = payoff.brand_premium * (
        1 - (1 - payoff.dilution_rate) ** (payoff.competitor_share * k)
    )
    hours = payoff.hours_per_partner * k
    depletion = 12 * payoff.core_hour_value * hours**2 / (2 * payoff.time_budget)
    dependence = payoff.autonomy_value * (1 - (1 - payoff.reliance_per_partner) ** k) ** 2
    return dilution + depletion + dependence


def coordination_cost(payoff: NetBenefit, k: int) -> float:
    """C(k) = c k (k - 1) / 2: the coordination cost a firm with ``k`` partners creates."""
    return payoff.coordination_cost * max(k * (k - 1) / 2, 0)


class Firm(mesa.Agent):
    """A firm with its own value per partner and a set of partners."""

    def __init__(self, model: MesaPartnering, value: float) -> None:
        super().__init__(model)
        self.value = value
        self.partners: set[Firm] = set()

    @property
    def degree(self) -> int:
        return len(self.partners)

    def own_payoff(self, k: int) -> float:
        """The firm's payoff with ``k`` partners, without its partners' coordination costs.

        v_i g(k) - X(k) - (1 - s) C(k): the share ``s`` of its own coordination cost falls
        on its partners.
        """
        model = self.model
        payoff = model.payoff
        return (
            self.value * knowledge_per_value(payoff, k)
            - private_costs(payoff, k)
            - (1 - model.cost_spillover) * coordination_cost(payoff, k)
        )

    def gain_from_adding(self, other: Firm) -> float:
        """Change of this firm's payoff if it starts a partnership with ``other``.

        It also starts bearing its share ``s c k_j / 2`` of ``other``'s coordination cost
        (``other`` will have ``k_j + 1`` partners, hence ``k_j`` lines per partner).
        """
        k = self.degree
        spill = self.model.cost_spillover * self.model.payoff.coordination_cost
        return self.own_payoff(k + 1) - self.own_payoff(k) - spill * other.degree / 2

    def gain_from_ending(self, other: Firm) -> float:
        """Change of this firm's payoff if it ends its partnership with ``other``.

        It stops bearing its share ``s c (k_j - 1) / 2`` of ``other``'s coordination cost.
        """
        k = self.degree
        spill = self.model.cost_spillover * self.model.payoff.coordination_cost
        return self.own_payoff(k - 1) - self.own_payoff(k) + spill * (other.degree - 1) / 2

    def meet(self, other: Firm) -> None:
        """Partners split if either gains by splitting; others link if both gain."""
        if other in self.partners:
            if self.gain_from_ending(other) > 0 or other.gain_from_ending(self) > 0:
                self.partners.remove(other)
                other.partners.remove(self)
                self.model.links_ended += 1
        elif self.gain_from_adding(other) > 0 and other.gain_from_adding(self) > 0:
            self.partners.add(other)
            other.partners.add(self)
            self.model.links_formed += 1

    def welfare(self) -> float:
        """The firm's net benefit with every cost counted in full, whoever pays it."""
        payoff = self.model.payoff
        k = self.degree
        return (
            self.value * knowledge_per_value(payoff, k)
            - private_costs(payoff, k)
            - coordination_cost(payoff, k)
        )


class MesaPartnering(mesa.Model):
    """The partnering model as a Mesa model; ``params`` gives every parameter and the seed."""

    def __init__(self, params: PartneringModel) -> None:
        super().__init__(seed=params.seed)
        self.payoff = params.payoff
        self.cost_spillover = params.cost_spillover
        self.optimum = params.payoff.optimum()
        self.links_formed = 0
        self.links_ended = 0
        spread = params.value_spread
        for _ in range(params.n_firms):
            value = self.payoff.value_per_partner * self.rng.lognormal(-(spread**2) / 2, spread)
            Firm(self, float(value))
        self.datacollector = mesa.DataCollector(
            model_reporters={
                "mean_partners": lambda m: sum(f.degree for f in m.agents) / len(m.agents),
                "links": lambda m: sum(f.degree for f in m.agents) // 2,
                "links_formed": "links_formed",
                "links_ended": "links_ended",
                "welfare_per_firm": lambda m: sum(f.welfare() for f in m.agents) / len(m.agents),
                "share_above_optimum": lambda m: (
                    sum(f.degree > m.optimum for f in m.agents) / len(m.agents)
                ),
            }
        )

    def step(self) -> None:
        self.links_formed = 0
        self.links_ended = 0
        firms = list(self.agents.shuffle())
        # consecutive pairs; with an odd number of firms the last one meets nobody
        for a, b in zip(firms[0::2], firms[1::2], strict=False):
            a.meet(b)
        self.datacollector.collect(self)


def run_mesa(model: PartneringModel) -> pd.DataFrame:
    """Run the Mesa twin with ``model``'s parameters; the columns of ``model.run()``."""
    mesa_model = MesaPartnering(model)
    for _ in range(model.periods):
        mesa_model.step()
    table = mesa_model.datacollector.get_model_vars_dataframe()[list(OUTPUT_COLUMNS)]
    table = table.reset_index(drop=True)
    table.insert(0, "period", range(1, model.periods + 1))
    return table.astype({"links": int, "links_formed": int, "links_ended": int})


if __name__ == "__main__":  # a quick look: python -m benchmarks.mesa_partnering
    print(run_mesa(PartneringModel()).tail())
