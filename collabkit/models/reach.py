"""Combined market reach of partners whose audiences overlap.

Model
-----
Firm ``i`` reaches a share ``r_i`` of a town's ``H`` households. If audiences are
independent (knowing one firm says nothing about knowing another), the share reached by
at least one of the first ``m`` firms is the Sainsbury formula of media planning:

.. math:: R_{ind}(m) = 1 - \\prod_{i \\le m} (1 - r_i).

If audiences are fully nested (everyone who knows a smaller firm also knows the largest),
the combined reach is the largest single reach, :math:`R_{nest}(m) = \\max_{i \\le m} r_i`.
The ``similarity`` ``s`` in [0, 1] blends the two cases:

.. math:: R(m) = (1 - s) R_{ind}(m) + s R_{nest}(m).

This is the reach of a town that is, with probability ``s``, of the nested kind and
otherwise of the independent kind, so every firm keeps its own reach ``r_i`` and the
combined reach always lies between :math:`\\max_i r_i` and :math:`\\sum_i r_i`.

Adding up audiences, :math:`\\sum r_i`, double-counts the households that know several
firms; the difference is the duplicated audience.

Sources: the Sainsbury formula for the net reach of independent media (see J. Z. Sissors
and R. B. Baron, *Advertising Media Planning*); inclusion–exclusion for overlapping sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number

RUNNING_EXAMPLE = ("Sweet Crumb Bakery", "Corner Coffee", "QuickHop Delivery")


@dataclass(frozen=True)
class MarketReach:
    """Parameters of the market-reach model.

    Parameters
    ----------
    households
        Households in the town, a whole number in [1, 100,000,000].
    reach
        Share of households each firm reaches on its own, each in [0, 1]; 1 to 6 firms, in
        the order they join the network (the first is the focal firm).
    similarity
        How alike the audiences are, in [0, 1]: 0 independent, 1 fully nested.
    names
        A name per firm (same length as ``reach``).
    """

    households: int = 20_000
    reach: Sequence[float] = (0.30, 0.25, 0.15)
    similarity: float = 0.0
    names: Sequence[str] = RUNNING_EXAMPLE

    def __post_init__(self) -> None:
        check_number("households", self.households, 1, 1e8, integer=True)
        object.__setattr__(self, "reach", tuple(self.reach))
        object.__setattr__(self, "names", tuple(self.names))
        if not 1 <= len(self.reach) <= 6:
            raise ValueError(f"reach must list 1 to 6 firms; got {len(self.reach)}")
        for i, share in enumerate(self.reach):
            check_number(f"reach[{i}]", share, 0, 1)
        check_number("similarity", self.similarity, 0, 1)
        if len(self.names) != len(self.reach):
            raise ValueError(
                f"names and reach must have the same length; got {len(self.names)} names "
                f"and {len(self.reach)} reach values"
            )

    def run(self) -> pd.DataFrame:
        """Reach of the network as firms join one by one.

        Returns
        -------
        DataFrame
            One row per network size ``n_members`` (1..number of firms) with columns
            ``members`` (names joined by " + "), ``sum_of_reach`` (households, counting a
            household once per firm), ``combined_reach`` (households reached at least once),
            ``duplicated`` (sum minus combined) and ``new_for_first`` (households the first
            firm reaches only through its partners).
        """
        r = np.asarray(self.reach, dtype=float)
        independent = 1 - np.cumprod(1 - r)
        nested = np.maximum.accumulate(r)
        combined = (1 - self.similarity) * independent + self.similarity * nested
        total = np.cumsum(r)
        h = float(self.households)
        return pd.DataFrame(
            {
                "n_members": np.arange(1, r.size + 1),
                "members": [" + ".join(self.names[: m + 1]) for m in range(r.size)],
                "sum_of_reach": total * h,
                "combined_reach": combined * h,
                "duplicated": (total - combined) * h,
                "new_for_first": (combined - combined[0]) * h,
            }
        )
