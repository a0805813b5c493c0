"""Which platform-economy trajectory a simulated SMB follows, and why.

The first and last twelve months of a run are compared (means over those months). *Online
platforms* below means the commercial platform and the SMB-owned co-op together.

* **Independent**: online platforms carry less than 10 % of sales: the SMB sells through
  its own channel and partners only. Not one of the source essays' scenarios: it avoids
  the trap by giving up what platforms offer.
* **Platform Trap**: the commercial platform carries ≥ 55 % of sales *and* either the margin
  fell to 80 % of its starting level or less, or the autonomy index is 0.25 or less:
  dependent, squeezed, and unable to leave.
* **Synergistic Growth**: revenue grew by 30 % or more, online platforms carry at least 35 %
  of sales, and the margin kept at least 80 % of its starting level: platforms multiply a
  business the SMB still controls.
* **Hybrid Collaboration**: selective platform use beside the SMB's own channel and
  partners, with moderate growth: online platforms carry 10–55 % of sales, the partner
  network at least 10 %, revenue did not shrink and the margin kept at least 80 %.
* **Drifting**: none of these patterns (e.g. a middling platform share with shrinking
  sales, or no partner network); the verdict says which condition failed.

The thresholds turn the scenario descriptions of the course's source essays into numbers;
they are stated here so that a learner can check every verdict by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from collabkit.models.platform import DRIFTING, HYBRID, INDEPENDENT, SYNERGY, TRAP

TRAJECTORIES = (SYNERGY, TRAP, HYBRID, INDEPENDENT, DRIFTING)
WINDOW = 12

TRAP_SHARE, TRAP_MARGIN, TRAP_AUTONOMY = 0.55, 0.8, 0.25
GROWTH, SYNERGY_SHARE, SYNERGY_MARGIN = 1.3, 0.35, 0.8
INDEPENDENT_SHARE = 0.10
HYBRID_PARTNERS, HYBRID_GROWTH = 0.10, 1.0


@dataclass(frozen=True)
class Verdict:
    """A trajectory, the indicators behind it, and a sentence explaining it."""

    trajectory: str
    reason: str
    indicators: dict[str, float]


def indicators(run: pd.DataFrame) -> dict[str, float]:
    """End-of-run indicators: platform, online (platform + co-op) and partner shares of
    sales, autonomy, revenue growth and margin ratio (last twelve months against the first
    twelve), concentration and commission."""
    if len(run) < 2 * WINDOW:
        raise ValueError(f"a run must have at least {2 * WINDOW} periods; got {len(run)}")
    first, last = run.head(WINDOW).mean(numeric_only=True), run.tail(WINDOW).mean(numeric_only=True)
    coop = float(last.get("coop_share", 0.0))
    return {
        "platform_share": float(last["platform_share"]),
        "online_share": float(last["platform_share"]) + coop,
        "partner_share": float(last.get("partner_share", 0.0)),
        "autonomy": float(last["autonomy"]),
        "revenue_growth": float(last["revenue"] / first["revenue"]),
        "margin_ratio": float(last["margin"] / first["margin"]) if first["margin"] > 0 else 0.0,
        "hhi": float(last["hhi"]),
        "take_rate": float(last["take_rate"]),
    }


def _hybrid_gaps(x: dict[str, float]) -> list[str]:
    """The conditions of Hybrid Collaboration that ``x`` misses (empty: it is hybrid)."""
    gaps = []
    if x["platform_share"] >= TRAP_SHARE:
        gaps.append(f"the platform carries {x['platform_share']:.0%} of sales (not below "
                    f"{TRAP_SHARE:.0%})")  # fmt: skip
    if x["partner_share"] < HYBRID_PARTNERS:
        gaps.append(f"partners carry only {x['partner_share']:.0%} of sales (below "
                    f"{HYBRID_PARTNERS:.0%})")  # fmt: skip
    if x["revenue_growth"] < HYBRID_GROWTH:
        gaps.append(f"revenue fell by {1 - x['revenue_growth']:.0%}")
    if x["margin_ratio"] < SYNERGY_MARGIN:
        gaps.append(f"the margin fell to {x['margin_ratio']:.0%} of its level (below "
                    f"{SYNERGY_MARGIN:.0%})")  # fmt: skip
    return gaps


def explain_trajectory(run: pd.DataFrame) -> Verdict:
    """Classify a run of :func:`collabkit.models.platform.simulate` and say why.

    Examples
    --------
    >>> from collabkit.models.platform import PLATFORM_PRESETS, simulate_platform
    >>> verdict = explain_trajectory(simulate_platform(PLATFORM_PRESETS["Platform Trap"]))
    >>> verdict.trajectory
    'Platform Trap'
    >>> verdict.reason.startswith("Platform Trap: the platform carries 63% of sales")
    True
    """
    x = indicators(run)
    share, online, autonomy = x["platform_share"], x["online_share"], x["autonomy"]
    growth, margin = x["revenue_growth"], x["margin_ratio"]
    facts = (
        f"the platform carries {share:.0%} of sales (online platforms with the co-op "
        f"{online:.0%}), partners {x['partner_share']:.0%}, autonomy {autonomy:.2f}, revenue "
        f"{growth - 1:+.0%} and margin at {margin:.0%} of its starting level"
    )
    if online < INDEPENDENT_SHARE:
        reason = (
            f"{INDEPENDENT}: online platforms carry only {online:.0%} of sales (below "
            f"{INDEPENDENT_SHARE:.0%}): no dependency, and none of the buyers platforms "
            f"reach. In numbers: {facts}."
        )
        return Verdict(INDEPENDENT, reason, x)
    if share >= TRAP_SHARE and (margin <= TRAP_MARGIN or autonomy <= TRAP_AUTONOMY):
        squeeze = (
            f"margin fell to {margin:.0%} (≤ {TRAP_MARGIN:.0%})"
            if margin <= TRAP_MARGIN
            else f"autonomy is only {autonomy:.2f} (≤ {TRAP_AUTONOMY})"
        )
        reason = (
            f"{TRAP}: the platform carries {share:.0%} of sales (≥ {TRAP_SHARE:.0%}) and the "
            f"{squeeze}; commission reached {x['take_rate']:.0%}. In numbers: {facts}."
        )
        return Verdict(TRAP, reason, x)
    if growth >= GROWTH and online >= SYNERGY_SHARE and margin >= SYNERGY_MARGIN:
        reason = (
            f"{SYNERGY}: revenue grew {growth - 1:+.0%} (≥ +{GROWTH - 1:.0%}) with online "
            f"platforms carrying {online:.0%} of sales (≥ {SYNERGY_SHARE:.0%}) while the "
            f"margin kept {margin:.0%} of its level (≥ {SYNERGY_MARGIN:.0%}). In numbers: "
            f"{facts}."
        )
        return Verdict(SYNERGY, reason, x)
    gaps = _hybrid_gaps(x)
    if not gaps:
        reason = (
            f"{HYBRID}: selective platform use ({online:.0%} of sales online, below "
            f"{TRAP_SHARE:.0%}) beside the own channel and a partner network carrying "
            f"{x['partner_share']:.0%} (≥ {HYBRID_PARTNERS:.0%}), revenue {growth - 1:+.0%} "
            f"(moderate growth: not synergistic, which needs +{GROWTH - 1:.0%} with "
            f"{SYNERGY_SHARE:.0%} online) and the margin held. In numbers: {facts}."
        )
        return Verdict(HYBRID, reason, x)
    reason = (
        f"{DRIFTING}: neither trapped nor independent, and not {HYBRID} because "
        f"{' and '.join(gaps)}. In numbers: {facts}."
    )
    return Verdict(DRIFTING, reason, x)


def classify_trajectory(run: pd.DataFrame) -> str:
    """The trajectory's name: one of :data:`TRAJECTORIES`.

    Examples
    --------
    >>> from collabkit.models.platform import PLATFORM_PRESETS, simulate_platform
    >>> classify_trajectory(simulate_platform(PLATFORM_PRESETS["Hybrid Collaboration"]))
    'Hybrid Collaboration'
    """
    return explain_trajectory(run).trajectory
