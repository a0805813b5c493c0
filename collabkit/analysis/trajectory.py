"""Which of the course's three platform-economy trajectories a simulated SMB follows, and why.

The first and last twelve months of a run are compared (means over those months):

* **Platform Trap**: platform share of sales ≥ 55 % at the end *and* either the margin fell
  to 80 % of its starting level or less, or the autonomy index is 0.25 or less: dependent,
  squeezed, and unable to leave.
* **Synergistic Growth**: revenue grew by 30 % or more, platforms carry at least 35 % of
  sales, and the margin kept at least 80 % of its starting level: the platform multiplies a
  business the SMB still controls.
* **Hybrid Collaboration**: everything else, typically own channels and partners carrying
  most sales with platforms used selectively.

The thresholds follow the scenario descriptions of the course's source essays; they are
stated here so that a learner can check every verdict by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from collabkit.models.platform import HYBRID, SYNERGY, TRAP

TRAJECTORIES = (SYNERGY, TRAP, HYBRID)
WINDOW = 12

TRAP_SHARE, TRAP_MARGIN, TRAP_AUTONOMY = 0.55, 0.8, 0.25
GROWTH, SYNERGY_SHARE, SYNERGY_MARGIN = 1.3, 0.35, 0.8


@dataclass(frozen=True)
class Verdict:
    """A trajectory, the indicators behind it, and a sentence explaining it."""

    trajectory: str
    reason: str
    indicators: dict[str, float]


def indicators(run: pd.DataFrame) -> dict[str, float]:
    """End-of-run indicators: platform share, autonomy, revenue growth and margin ratio
    (last twelve months against the first twelve)."""
    if len(run) < 2 * WINDOW:
        raise ValueError(f"a run must have at least {2 * WINDOW} periods; got {len(run)}")
    first, last = run.head(WINDOW).mean(numeric_only=True), run.tail(WINDOW).mean(numeric_only=True)
    return {
        "platform_share": float(last["platform_share"]),
        "autonomy": float(last["autonomy"]),
        "revenue_growth": float(last["revenue"] / first["revenue"]),
        "margin_ratio": float(last["margin"] / first["margin"]) if first["margin"] > 0 else 0.0,
        "hhi": float(last["hhi"]),
        "take_rate": float(last["take_rate"]),
    }


def explain_trajectory(run: pd.DataFrame) -> Verdict:
    """Classify a run of :func:`collabkit.models.platform.simulate` and say why.

    Examples
    --------
    >>> from collabkit.models.platform import PLATFORM_PRESETS, simulate_platform
    >>> verdict = explain_trajectory(simulate_platform(PLATFORM_PRESETS["Platform Trap"]))
    >>> verdict.trajectory
    'Platform Trap'
    >>> verdict.reason.startswith("Platform Trap: platforms carry 65% of sales")
    True
    """
    x = indicators(run)
    share, autonomy = x["platform_share"], x["autonomy"]
    growth, margin = x["revenue_growth"], x["margin_ratio"]
    facts = (
        f"platforms carry {share:.0%} of sales, autonomy {autonomy:.2f}, revenue "
        f"{growth - 1:+.0%} and margin at {margin:.0%} of its starting level"
    )
    if share >= TRAP_SHARE and (margin <= TRAP_MARGIN or autonomy <= TRAP_AUTONOMY):
        squeeze = (
            f"margin fell to {margin:.0%} (≤ {TRAP_MARGIN:.0%})"
            if margin <= TRAP_MARGIN
            else f"autonomy is only {autonomy:.2f} (≤ {TRAP_AUTONOMY})"
        )
        reason = (
            f"{TRAP}: platforms carry {share:.0%} of sales (≥ {TRAP_SHARE:.0%}) and the "
            f"{squeeze}; commission reached {x['take_rate']:.0%}. In numbers: {facts}."
        )
        return Verdict(TRAP, reason, x)
    if growth >= GROWTH and share >= SYNERGY_SHARE and margin >= SYNERGY_MARGIN:
        reason = (
            f"{SYNERGY}: revenue grew {growth - 1:+.0%} (≥ +{GROWTH - 1:.0%}) with platforms "
            f"carrying {share:.0%} of sales (≥ {SYNERGY_SHARE:.0%}) while the margin kept "
            f"{margin:.0%} of its level (≥ {SYNERGY_MARGIN:.0%}). In numbers: {facts}."
        )
        return Verdict(SYNERGY, reason, x)
    missing = []
    if growth < GROWTH:
        missing.append(f"revenue grew {growth - 1:+.0%}, below +{GROWTH - 1:.0%}")
    if share < SYNERGY_SHARE:
        missing.append(f"platforms carry only {share:.0%} of sales")
    if margin < SYNERGY_MARGIN:
        missing.append(f"the margin fell to {margin:.0%}")
    reason = (
        f"{HYBRID}: not a trap (platform share {share:.0%} or margin and autonomy held up), "
        f"and not synergistic growth because {' and '.join(missing) or 'of the mix'}. "
        f"In numbers: {facts}."
    )
    return Verdict(HYBRID, reason, x)


def classify_trajectory(run: pd.DataFrame) -> str:
    """The trajectory's name: "Synergistic Growth", "Platform Trap" or "Hybrid Collaboration".

    Examples
    --------
    >>> from collabkit.models.platform import PLATFORM_PRESETS, simulate_platform
    >>> classify_trajectory(simulate_platform(PLATFORM_PRESETS["Hybrid Collaboration"]))
    'Hybrid Collaboration'
    """
    return explain_trajectory(run).trajectory
