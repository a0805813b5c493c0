"""The "escape the trap" task of notebook 03: score a plan that leads a trapped SMB out.

The SMB has followed the Platform Trap strategy for ``TRAPPED_MONTHS``; the learner's
plan then runs for five more years (same market, same sellers). Four goals, each with
partial credit:

1. **escape**: the five years after the switch are classified as Hybrid Collaboration or
   Synergistic Growth (see :mod:`collabkit.analysis.trajectory`);
2. **budget**: investments (own channel + data + partners) at most ``BUDGET`` of sales
   (credit falls with the overrun);
3. **keep the business**: revenue in the last year at least 90 % of the last trapped year
   (credit rises linearly from 0 at 60 % kept to 1 at 90 %);
4. **pays off**: profit over the five years beats staying trapped (1 or 0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import pandas as pd

from collabkit.analysis.trajectory import HYBRID, SYNERGY, explain_trajectory
from collabkit.assess.questions import CriterionScore
from collabkit.core.coerce import describe
from collabkit.models.platform import (
    LEVERS,
    PLATFORM_PRESETS,
    TRAP,
    PlatformMarket,
    PlatformStrategy,
    simulate,
)

TRAPPED_MONTHS = 24
PLAN_MONTHS = 60
BUDGET = 0.10
KEEP_REVENUE = 0.9
LOST_REVENUE = 0.6  # at or below this share of revenue kept, the goal earns nothing
#: Names a plan may set: the levers of :class:`PlatformStrategy`, in its order.
LEVER_NAMES = tuple(lever.name for lever in LEVERS)


def run_plan(plan: PlatformStrategy) -> pd.DataFrame:
    """The trapped years followed by ``plan``; ``phase`` is "trapped" or "plan"."""
    market = PlatformMarket(periods=TRAPPED_MONTHS + PLAN_MONTHS)
    run = simulate(plan, market, prelude=(PLATFORM_PRESETS[TRAP], TRAPPED_MONTHS))
    return run.assign(phase=["trapped" if t <= TRAPPED_MONTHS else "plan" for t in run["period"]])


@cache
def _staying_trapped() -> pd.DataFrame:
    return run_plan(PLATFORM_PRESETS[TRAP])


def read_plan(answer: object) -> PlatformStrategy | str:
    """A strategy from a dict of levers, or a sentence saying what is wrong with it."""
    if not isinstance(answer, Mapping):
        example = "{'platform_share': 0.4, ...}"
        return f"A plan is a set of levers, like {example}; {describe(answer)} is not."
    unknown = sorted(describe(k) for k in answer if k not in LEVER_NAMES)
    if unknown:
        return f"Unknown levers: {', '.join(unknown[:5])}. Use: {', '.join(LEVER_NAMES)}."
    try:
        return PlatformStrategy(**{k: answer[k] for k in LEVER_NAMES if k in answer})
    except (ValueError, TypeError) as err:
        return f"This plan cannot run: {err}."


def _why_revenue_fell(plan: PlatformStrategy) -> str:
    trapped = PLATFORM_PRESETS[TRAP]
    if plan.platform_share < trapped.platform_share:
        return "leaving platforms without building your own channels and partners loses customers."
    return "the operator keeps capturing your platform demand and squeezing your sales."


def evaluate_plan(answer: object) -> Sequence[CriterionScore] | str:
    """Score a plan against the four goals (module docstring)."""
    plan = read_plan(answer)
    if isinstance(plan, str):
        return plan
    run = run_plan(plan)
    after = run[run["phase"] == "plan"]
    verdict = explain_trajectory(after)
    escaped = verdict.trajectory in (HYBRID, SYNERGY)
    spend = plan.invest_direct + plan.invest_data + plan.invest_partners
    trapped_year = run[run["phase"] == "trapped"].tail(12)["revenue"].mean()
    kept = after.tail(12)["revenue"].mean() / trapped_year
    profit, stay = (
        after["profit"].sum(),
        _staying_trapped().query("phase == 'plan'")["profit"].sum(),
    )
    return [
        CriterionScore(
            "escape the trap",
            1.0 if escaped else 0.0,
            verdict.reason,
        ),
        CriterionScore(
            f"investments at most {BUDGET:.0%} of sales",
            1.0 if spend <= BUDGET + 1e-9 else max(0.0, 1 - (spend - BUDGET) / BUDGET),
            f"you invest {spend:.0%} of sales"
            + ("." if spend <= BUDGET + 1e-9 else f", {spend - BUDGET:.0%} over the budget."),
        ),
        CriterionScore(
            f"keep at least {KEEP_REVENUE:.0%} of revenue",
            min(1.0, max(0.0, (kept - LOST_REVENUE) / (KEEP_REVENUE - LOST_REVENUE))),
            f"revenue in the last year is {kept:.0%} of the last trapped year"
            + ("." if kept >= KEEP_REVENUE else f": {_why_revenue_fell(plan)}"),
        ),
        CriterionScore(
            "earn more than staying trapped",
            1.0 if profit > stay else 0.0,
            f"five-year profit {profit:,.0f} thousand € against {stay:,.0f} if nothing changes.",
        ),
    ]
