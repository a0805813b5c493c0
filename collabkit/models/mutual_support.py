"""Firm-level resilience: how much of a stricken firm's work its partners can take on.

Model
-----
A shock (a burst pipe, a broken oven, a sick owner) stops one firm for a while. The firm
has a *support pact* with ``n`` partners; each partner that is not hit itself can lend the
share ``s`` of the stricken firm's normal output from its spare capacity (oven time, stock,
a driver). A partner is hit by the same shock with probability ``ρ`` (``common_shock``):
a flood on one street hits the neighbours too, a supplier's failure hits everyone who buys
from it. With ``U`` partners spared, ``U ~ Binomial(n, 1 − ρ)``, the share of the firm's
orders kept is

.. math:: S = \\min(1, s\\,U), \\qquad
          E[S] = \\sum_{k=0}^{n} \\binom{n}{k} (1 - ρ)^k ρ^{n-k} \\min(1, s k),

and the chance that the partners cover all of it is :math:`P(s U \\ge 1)`. Both are
computed exactly (no simulation).

What the model shows: support needs *slack* (``s`` > 0: partners running at full capacity
lend nothing, however many there are) and *diversity* (partners not exposed to the same
shock); more partners help with diminishing returns. What it leaves out: the cost of
keeping spare capacity, and whether partners honour the pact (trust).

This is the firm's resilience, not the network's: a network whose other members are all
linked to each other stays connected when the stricken firm drops out (structural
robustness, notebook 02), whatever happens to that firm.

Sources: Y. Sheffi and J. B. Rice, "A supply chain view of the resilient enterprise",
*MIT Sloan Management Review* 47(1), 2005 (redundancy and flexibility as the roots of
resilience); the binomial count of spared partners is the simplest model of a common
shock, a teaching assumption.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number


@dataclass(frozen=True)
class MutualSupport:
    """Parameters of the support pact.

    Parameters
    ----------
    max_partners
        Largest pact shown, a whole number of partners in [1, 50].
    spare_capacity
        ``s``: share of the stricken firm's normal output one spared partner can take on,
        in [0, 1].
    common_shock
        ``ρ``: probability that a partner is hit by the same shock, in [0, 1].
    """

    max_partners: int = 8
    spare_capacity: float = 0.25
    common_shock: float = 0.3

    def __post_init__(self) -> None:
        check_number("max_partners", self.max_partners, 1, 50, integer=True)
        check_number("spare_capacity", self.spare_capacity, 0, 1)
        check_number("common_shock", self.common_shock, 0, 1)

    def _kept(self, n: int, rho: float) -> tuple[float, float]:
        """E[min(1, s U)] and P(s U ≥ 1) for ``n`` partners, each hit with probability ``rho``."""
        k = np.arange(n + 1)
        pmf = np.array([comb(n, i) for i in k]) * (1 - rho) ** k * rho ** (n - k)
        covered = np.minimum(1.0, self.spare_capacity * k)
        return float(pmf @ covered), float(pmf[covered >= 1 - 1e-12].sum())

    def run(self) -> pd.DataFrame:
        """The pact at every size.

        Returns
        -------
        DataFrame
            One row per number of partners ``n_partners`` (0 … ``max_partners``) with
            ``share_kept`` (expected share of the stricken firm's orders its partners take
            on), ``share_kept_apart`` (the same with partners never hit by the same shock,
            ρ = 0) and ``chance_covered`` (probability the partners take on all of it).
        """
        rows = []
        for n in range(self.max_partners + 1):
            kept, covered = self._kept(n, self.common_shock)
            apart, _ = self._kept(n, 0.0)
            rows.append(
                {
                    "n_partners": n,
                    "share_kept": kept,
                    "share_kept_apart": apart,
                    "chance_covered": covered,
                }
            )
        return pd.DataFrame(rows)
