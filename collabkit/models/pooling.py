"""Sharing a fixed-cost asset: the per-firm cost curve and the best network size.

Model
-----
``n`` firms share an asset with a fixed yearly cost ``F`` (a delivery van, a joint
marketing campaign) in equal parts. Every pair of partners needs its own line of
coordination costing ``k`` per year, so a network of ``n`` firms carries
``k n (n - 1) / 2`` of coordination cost (the number of communication channels in a group,
Brooks 1975), also shared equally. The cost per firm is

.. math:: c(n) = F / n + k (n - 1) / 2,

which falls while the asset share shrinks faster than coordination grows. The continuous
minimum is at :math:`n^* = \\sqrt{2F/k}`; the best whole network size is the better of the
integers on either side (capped to ``1..max_firms``), because c(n) is convex. A firm
in a network of ``n`` saves :math:`c(1) - c(n) = F (1 - 1/n) - k (n - 1) / 2` against owning
the asset alone.

Sources: cost sharing of indivisible assets (economies of scale through pooling);
F. P. Brooks, *The Mythical Man-Month* (1975), for the n(n-1)/2 communication channels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number


@dataclass(frozen=True)
class CostPooling:
    """Parameters of the cost-pooling model.

    Parameters
    ----------
    asset_cost
        Yearly cost of the shared asset, € per year, in (0, 10,000,000].
    coordination_cost
        Yearly coordination cost of one pair of partners, € per year, in [0, 1,000,000].
    max_firms
        Largest network size tabulated, a whole number in [1, 200].
    """

    asset_cost: float = 36_000.0
    coordination_cost: float = 1_500.0
    max_firms: int = 20

    def __post_init__(self) -> None:
        check_number("asset_cost", self.asset_cost, 0, 1e7, low_open=True)
        check_number("coordination_cost", self.coordination_cost, 0, 1e6)
        check_number("max_firms", self.max_firms, 1, 200, integer=True)

    def run(self) -> pd.DataFrame:
        """Cost per firm for every network size.

        Returns
        -------
        DataFrame
            One row per size ``n_firms`` = 1..max_firms with columns ``asset_share``,
            ``coordination_share`` and ``cost_per_firm`` (all € per firm per year).
        """
        n = np.arange(1, self.max_firms + 1)
        asset_share = self.asset_cost / n
        coordination_share = self.coordination_cost * (n - 1) / 2
        return pd.DataFrame(
            {
                "n_firms": n,
                "asset_share": asset_share,
                "coordination_share": coordination_share,
                "cost_per_firm": asset_share + coordination_share,
            }
        )

    def cost_per_firm(self, n_firms: int) -> float:
        """c(n) in € per firm per year for one network size."""
        check_number("n_firms", n_firms, 1, math.inf, integer=True)
        return self.asset_cost / n_firms + self.coordination_cost * (n_firms - 1) / 2

    def saving_vs_alone(self, n_firms: int) -> float:
        """What one firm saves per year in a network of ``n_firms``: c(1) - c(n), in €.

        Negative when coordination eats more than the shared asset saves.
        """
        return self.cost_per_firm(1) - self.cost_per_firm(n_firms)

    def optimal_size(self) -> int:
        """The whole number of firms in 1..max_firms with the lowest cost per firm.

        Ties go to the smaller network (fewer partners to manage for the same cost).
        """
        if self.coordination_cost == 0:
            return self.max_firms
        root = math.sqrt(2 * self.asset_cost / self.coordination_cost)
        candidates = {min(max(c, 1), self.max_firms) for c in (math.floor(root), math.ceil(root))}
        return min(sorted(candidates), key=self.cost_per_firm)
