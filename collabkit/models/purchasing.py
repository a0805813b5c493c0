"""Group purchasing: pooling volume to reach a supplier's discount tiers.

Model
-----
A supplier sells at list price ``p`` with an *all-units* quantity discount: an order of
total volume ``Q`` gets discount ``d(Q)``, the discount of the highest tier whose
threshold is at most ``Q``, on every unit. Firm ``i`` needs ``q_i`` units a month.

* Buying alone, firm ``i`` pays :math:`p (1 - d(q_i)) q_i`.
* Buying as a group, the firms order :math:`Q = \\sum_j q_j` together and each pays
  :math:`p (1 - d(Q)) q_i`.

Because ``d`` never decreases with volume and ``Q >= q_i``, no member pays more in the
group; the saving is :math:`p q_i (d(Q) - d(q_i))`.

Sources: all-units quantity discounts (R. J. Dolan, "Quantity discounts: managerial issues
and research opportunities", *Marketing Science* 6(1), 1987; J. P. Monahan, "A quantity
discount pricing model to increase vendor profits", *Management Science* 30(6), 1984).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number
from collabkit.models.reach import RUNNING_EXAMPLE

DEFAULT_TIERS = ((0, 0.0), (5_000, 0.05), (10_000, 0.10), (20_000, 0.15))


@dataclass(frozen=True)
class GroupPurchasing:
    """Parameters of the group-purchasing model.

    Parameters
    ----------
    unit_price
        List price, € per unit, in (0, 100,000].
    demand
        Units each firm needs per month, each in [0, 10,000,000]; 1 to 20 firms.
    tiers
        ``(threshold in units, discount share)`` pairs: the first threshold is 0,
        thresholds strictly increase, discounts lie in [0, 1) and never decrease.
    names
        A name per firm (same length as ``demand``).
    """

    unit_price: float = 2.0
    demand: Sequence[float] = (4_000, 2_500, 1_500)
    tiers: Sequence[tuple[float, float]] = DEFAULT_TIERS
    names: Sequence[str] = RUNNING_EXAMPLE

    def __post_init__(self) -> None:
        check_number("unit_price", self.unit_price, 0, 1e5, low_open=True)
        object.__setattr__(self, "demand", tuple(self.demand))
        object.__setattr__(self, "names", tuple(self.names))
        object.__setattr__(self, "tiers", tuple(tuple(t) for t in self.tiers))
        if not 1 <= len(self.demand) <= 20:
            raise ValueError(f"demand must list 1 to 20 firms; got {len(self.demand)}")
        for i, units in enumerate(self.demand):
            check_number(f"demand[{i}]", units, 0, 1e7)
        if len(self.names) != len(self.demand):
            raise ValueError(
                f"names and demand must have the same length; got {len(self.names)} names "
                f"and {len(self.demand)} demand values"
            )
        self._check_tiers()

    def _check_tiers(self) -> None:
        if not self.tiers or any(len(t) != 2 for t in self.tiers):
            raise ValueError("tiers must be a non-empty list of (threshold, discount) pairs")
        for i, (threshold, discount) in enumerate(self.tiers):
            check_number(f"tiers[{i}] threshold", threshold, 0, 1e9)
            check_number(f"tiers[{i}] discount", discount, 0, 1)
            if discount == 1:
                raise ValueError(f"tiers[{i}] discount must be below 1 (100% off); got 1")
        thresholds = [t for t, _ in self.tiers]
        discounts = [d for _, d in self.tiers]
        if thresholds[0] != 0:
            raise ValueError(f"tiers must start at threshold 0; got {thresholds[0]}")
        if any(b <= a for a, b in zip(thresholds, thresholds[1:], strict=False)):
            raise ValueError(f"tier thresholds must strictly increase; got {thresholds}")
        if any(b < a for a, b in zip(discounts, discounts[1:], strict=False)):
            raise ValueError(f"tier discounts must never decrease; got {discounts}")

    def discount(self, volume: float | np.ndarray) -> np.ndarray:
        """Discount share d(Q) for order volumes Q (units)."""
        thresholds = np.array([t for t, _ in self.tiers], dtype=float)
        discounts = np.array([d for _, d in self.tiers], dtype=float)
        tier = np.searchsorted(thresholds, np.asarray(volume, dtype=float), side="right") - 1
        return discounts[tier]

    def run(self) -> pd.DataFrame:
        """Monthly cost of each firm buying alone and buying with the group.

        Returns
        -------
        DataFrame
            One row per firm with ``member``, ``units`` (units per month), ``group_units``
            (the group's total, units per month), ``discount_alone`` and ``discount_group``
            (shares of the list price), ``unit_price_alone`` and ``unit_price_group``
            (€ per unit), ``cost_alone`` and ``cost_group`` (€ per month) and ``saving``
            (``cost_alone - cost_group``, € per month).
        """
        q = np.asarray(self.demand, dtype=float)
        total = q.sum()
        d_alone = self.discount(q)
        d_group = np.full_like(q, self.discount(total))
        price_alone = self.unit_price * (1 - d_alone)
        price_group = self.unit_price * (1 - d_group)
        cost_alone = price_alone * q
        cost_group = price_group * q
        return pd.DataFrame(
            {
                "member": list(self.names),
                "units": q,
                "group_units": total,
                "discount_alone": d_alone,
                "discount_group": d_group,
                "unit_price_alone": price_alone,
                "unit_price_group": price_group,
                "cost_alone": cost_alone,
                "cost_group": cost_group,
                "saving": cost_alone - cost_group,
            }
        )
