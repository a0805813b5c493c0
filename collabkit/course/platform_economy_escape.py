"""The "escape the trap" task of notebook 03: score a plan that leads a trapped SMB out.

A task's :class:`EscapeScenario` says where the SMB stands and what it may do: the levers
it has followed for ``TRAPPED_MONTHS`` (a trap strategy), its investment budget, the
market it sells in (commission at the start, highest commission, the cap an association of
all sellers can hold, how much platform demand the operator can capture with shared data)
and what the other sellers do together (:class:`~collabkit.models.platform.Collective`: how
many bargain in an association, how many run a co-op platform). The plan is **one** SMB's
levers: it cannot change the commission or the co-op's size, which the market's sellers
decide together. It runs for five more years (same market, same sellers).

Three goals, equal weights, each with partial credit where it says so:

1. **escape into collaboration**: the five years after the switch are classified as Hybrid
   Collaboration or Synergistic Growth (see :mod:`collabkit.analysis.trajectory`); leaving
   platforms altogether (Independent) ends the dependency but is not this goal;
2. **keep the business**: revenue in the last year at least 90 % of the last trapped year
   (credit rises linearly from 0 at 60 % kept to 1 at 90 %);
3. **pays off**: profit over the five years beats staying trapped (1 or 0).

The budget is a condition, not a goal (a plan that invests nothing meets it for free):
investments (own channel + data + partners) above the scenario's budget cut every goal's
credit by the overrun's share of the budget. So the score is proportional to what the plan
achieves: doing nothing, or quitting the platform, meets at most one goal of three.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from collabkit.analysis.trajectory import HYBRID, INDEPENDENT, SYNERGY, explain_trajectory
from collabkit.assess.questions import CriterionScore
from collabkit.core.coerce import describe
from collabkit.models.platform import (
    LEVERS,
    PLATFORM_PRESETS,
    TRAP,
    Collective,
    Lever,
    PlatformMarket,
    PlatformStrategy,
    simulate,
)

TRAPPED_MONTHS = 24
PLAN_MONTHS = 60
KEEP_REVENUE = 0.9
LOST_REVENUE = 0.6  # at or below this share of revenue kept, the goal earns nothing
#: Names a plan may set: the levers of :class:`PlatformStrategy`, in its order.
LEVER_NAMES = tuple(lever.name for lever in LEVERS)
#: The market conditions a scenario sets (fields of :class:`PlatformMarket`).
MARKET_FIELDS = ("take_rate", "take_rate_max", "association_cap", "extraction")


@dataclass(frozen=True)
class EscapeScenario:
    """Where the trapped SMB starts, what it may invest, and the market it sells in.

    Parameters
    ----------
    start
        The trap strategy followed for ``TRAPPED_MONTHS`` before the plan.
    budget
        The most the plan may invest in total, as a share of sales.
    market
        The market of the whole run (trapped months and plan).
    collective
        What the other sellers do together (association, co-op platform).
    """

    start: PlatformStrategy
    budget: float
    market: PlatformMarket
    collective: Collective = Collective()

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> EscapeScenario:
        """The scenario of a graded task's parameters (see :meth:`parameters`)."""
        market = {name: parameters["market"][name] for name in MARKET_FIELDS}
        return cls(
            start=PlatformStrategy(**parameters["start"]),
            budget=parameters["budget"],
            market=PlatformMarket(periods=TRAPPED_MONTHS + PLAN_MONTHS, **market),
            collective=Collective(**parameters.get("collective", {})),
        )

    def parameters(self) -> dict[str, Any]:
        """The scenario as JSON values: ``start`` (levers), ``budget``, ``market`` and
        ``collective``."""
        return {
            "start": asdict(self.start),
            "budget": self.budget,
            "market": {name: getattr(self.market, name) for name in MARKET_FIELDS},
            "collective": asdict(self.collective),
        }


#: Today's open task: two years of the Platform Trap preset, a 10 % budget, the default
#: market, no association, and a co-op platform run by 30 % of the sellers.
PRACTICE = EscapeScenario(
    start=PLATFORM_PRESETS[TRAP],
    budget=0.10,
    market=PlatformMarket(periods=TRAPPED_MONTHS + PLAN_MONTHS),
    collective=Collective(association=0.0, cooperative=0.3),
)


def run_plan(plan: PlatformStrategy, scenario: EscapeScenario) -> pd.DataFrame:
    """The trapped years followed by ``plan``; ``phase`` is "trapped" or "plan"."""
    run = simulate(
        plan,
        scenario.market,
        prelude=(scenario.start, TRAPPED_MONTHS),
        collective=scenario.collective,
    )
    return run.assign(phase=["trapped" if t <= TRAPPED_MONTHS else "plan" for t in run["period"]])


@cache
def _staying_trapped(scenario: EscapeScenario) -> pd.DataFrame:
    return run_plan(scenario.start, scenario)


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


def _why_revenue_fell(plan: PlatformStrategy, scenario: EscapeScenario) -> str:
    if plan.platform_share < scenario.start.platform_share:
        return "leaving platforms without building your own channels and partners loses customers."
    return "the operator keeps capturing your platform demand and squeezing your sales."


def _spend(plan: PlatformStrategy) -> float:
    return plan.spend


def budget_factor(plan: PlatformStrategy, budget: float) -> float:
    """The share of each goal's credit a plan keeps: 1 within ``budget``, less by the
    overrun's share of the budget above it, 0 at twice the budget."""
    spend = _spend(plan)
    return 1.0 if spend <= budget + 1e-9 else max(0.0, 1 - (spend - budget) / budget)


def _budget_note(plan: PlatformStrategy, budget: float) -> str:
    spend = _spend(plan)
    return (
        f" Over budget: you invest {spend:.0%} of sales, {spend - budget:.0%} over the "
        f"{budget:.0%} budget, so this goal keeps {budget_factor(plan, budget):.0%} of its credit."
    )


@dataclass(frozen=True)
class PlanOutcome:
    """What the model says of a plan's five years in a scenario (what the goals judge)."""

    trajectory: str
    reason: str
    kept: float  # revenue in the last year over revenue in the last trapped year
    profit: float  # five-year profit, thousand € per SMB
    profit_if_trapped: float  # the same if nothing changes
    spend: float  # investments, share of sales


def plan_outcome(plan: PlatformStrategy, scenario: EscapeScenario) -> PlanOutcome:
    """Run ``plan`` after the trapped years of ``scenario`` and measure its five years."""
    run = run_plan(plan, scenario)
    after = run[run["phase"] == "plan"]
    verdict = explain_trajectory(after)
    trapped_year = run[run["phase"] == "trapped"].tail(12)["revenue"].mean()
    stay = _staying_trapped(scenario).query("phase == 'plan'")["profit"].sum()
    return PlanOutcome(
        trajectory=verdict.trajectory,
        reason=verdict.reason,
        kept=after.tail(12)["revenue"].mean() / trapped_year,
        profit=after["profit"].sum(),
        profit_if_trapped=stay,
        spend=_spend(plan),
    )


def _escape_message(outcome: PlanOutcome) -> str:
    if outcome.trajectory == INDEPENDENT:
        return (
            f"{outcome.reason} Leaving the platform ends the dependency, but the task asks "
            "for collaboration: platforms used selectively beside your own channel and "
            "partners."
        )
    return outcome.reason


def score_plan(plan: PlatformStrategy, scenario: EscapeScenario) -> list[CriterionScore]:
    """The three goals (module docstring) scored for ``plan`` in ``scenario``, each cut by
    the budget condition."""
    outcome = plan_outcome(plan, scenario)
    kept, profit, stay = outcome.kept, outcome.profit, outcome.profit_if_trapped
    factor = budget_factor(plan, scenario.budget)
    note = "" if factor == 1 else _budget_note(plan, scenario.budget)
    goals = [
        CriterionScore(
            "escape into Hybrid Collaboration or Synergistic Growth",
            1.0 if outcome.trajectory in (HYBRID, SYNERGY) else 0.0,
            _escape_message(outcome),
        ),
        CriterionScore(
            f"keep at least {KEEP_REVENUE:.0%} of revenue",
            min(1.0, max(0.0, (kept - LOST_REVENUE) / (KEEP_REVENUE - LOST_REVENUE))),
            f"revenue in the last year is {kept:.0%} of the last trapped year"
            + ("." if kept >= KEEP_REVENUE else f": {_why_revenue_fell(plan, scenario)}"),
        ),
        CriterionScore(
            "earn more than staying trapped",
            1.0 if profit > stay else 0.0,
            f"five-year profit {profit:,.0f} thousand € against {stay:,.0f} if nothing changes.",
        ),
    ]
    return [replace(g, fraction=g.fraction * factor, message=g.message + note) for g in goals]


def evaluate_plan(answer: object, scenario: EscapeScenario) -> Sequence[CriterionScore] | str:
    """Score an answer (a dict of levers) against the three goals in ``scenario``."""
    plan = read_plan(answer)
    return plan if isinstance(plan, str) else score_plan(plan, scenario)


def _fraction(scores: Sequence[CriterionScore]) -> float:
    return sum(min(max(s.fraction, 0.0), 1.0) for s in scores) / len(scores)


def plan_fraction(plan: PlatformStrategy, scenario: EscapeScenario) -> float:
    """The share of the marks ``plan`` earns in ``scenario`` (equal weights, as graded)."""
    return _fraction(score_plan(plan, scenario))


# -- a full-marks plan: the Hybrid recipe fitted to the budget ----------------------------

#: Shares of the budget that go to the own channel and to data skills (partners get the rest).
SPLITS = ((0.3, 0.2), (0.5, 0.2), (0.2, 0.3), (1 / 3, 1 / 3))


def split_budget(budget: float, direct: float, data: float) -> dict[str, float]:
    """The three investment levers spending ``budget`` in whole percents of sales:
    ``direct`` and ``data`` of it (rounded) to the own channel and data skills, the rest
    (rounded down) to partners."""
    own, skills = round(budget * direct, 2), round(budget * data, 2)
    partners = math.floor(round((budget - own - skills) * 100, 6)) / 100
    return {"invest_direct": own, "invest_data": skills, "invest_partners": partners}


def _recipes(scenario: EscapeScenario) -> Iterator[PlatformStrategy]:
    """Plans in the spirit of Hybrid Collaboration, the Hybrid preset's levers first; with
    part of the offer on the co-op where the sellers run one."""
    hybrid = PLATFORM_PRESETS[HYBRID]
    coops = (0.0, 0.3) if scenario.collective.cooperative > 0 else (0.0,)
    shares = ((hybrid.platform_share, hybrid.n_platforms), (0.4, 3), (0.5, 3))
    for (share, platforms), coop in ((s, c) for c in coops for s in shares):
        for direct, data in SPLITS:
            spend = split_budget(scenario.budget, direct, data)
            yield replace(
                hybrid,
                platform_share=share,
                n_platforms=platforms,
                coop_share=coop,
                invest_direct=spend["invest_direct"],
                invest_data=spend["invest_data"],
                invest_partners=spend["invest_partners"],
            )


@cache
def model_plan(scenario: EscapeScenario) -> PlatformStrategy | None:
    """The first recipe (Hybrid preset's levers, budget split 30/20/50 first) that earns
    full marks in ``scenario``, or None if none does."""
    return next((p for p in _recipes(scenario) if plan_fraction(p, scenario) == 1), None)


def forget() -> None:
    """Drop the cached plan searches and runs (the searched plan is the graded key)."""
    model_plan.cache_clear()
    _staying_trapped.cache_clear()


def plan_trajectory(plan: PlatformStrategy, scenario: EscapeScenario) -> str:
    """The trajectory the five years of ``plan`` are classified as."""
    run = run_plan(plan, scenario)
    return explain_trajectory(run[run["phase"] == "plan"]).trajectory


# -- a course's scenario -------------------------------------------------------------------

#: What a course's scenario is drawn from: the start (a trap strategy near the preset), the
#: budget (below the practice 10 %, so the practice plan overspends) and the market.
START_SHARES = (0.85, 0.9, 0.95, 1.0)
START_DATA_SHARING = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)
START_INVEST_DIRECT = (0.0, 0.01)
BUDGETS = (0.05, 0.06, 0.07, 0.08, 0.09)
TAKE_RATES = (0.10, 0.11, 0.12, 0.13, 0.14, 0.15)
TAKE_RATE_MAXIMA = (0.30, 0.32, 0.35, 0.38, 0.40)
ASSOCIATION_CAPS = (0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18)
EXTRACTIONS = (0.25, 0.3, 0.35, 0.4)
ASSOCIATIONS = (0.0, 0.1, 0.2, 0.3)
COOPERATIVES = (0.0, 0.2, 0.3, 0.4)
#: The start itself ("do nothing") may earn at most this share of the marks.
DO_NOTHING_MAX = 0.5
MAX_DRAWS = 100


def _pick(rng: np.random.Generator, values: Sequence[float]) -> float:
    return values[int(rng.integers(len(values)))]


def _candidate(rng: np.random.Generator) -> EscapeScenario:
    start = replace(
        PLATFORM_PRESETS[TRAP],
        platform_share=_pick(rng, START_SHARES),
        data_sharing=_pick(rng, START_DATA_SHARING),
        invest_direct=_pick(rng, START_INVEST_DIRECT),
    )
    market = PlatformMarket(
        periods=TRAPPED_MONTHS + PLAN_MONTHS,
        take_rate=_pick(rng, TAKE_RATES),
        take_rate_max=_pick(rng, TAKE_RATE_MAXIMA),
        association_cap=_pick(rng, ASSOCIATION_CAPS),
        extraction=_pick(rng, EXTRACTIONS),
    )
    collective = Collective(
        association=_pick(rng, ASSOCIATIONS), cooperative=_pick(rng, COOPERATIVES)
    )
    return EscapeScenario(
        start=start, budget=_pick(rng, BUDGETS), market=market, collective=collective
    )


def well_posed(scenario: EscapeScenario) -> bool:
    """Whether ``scenario`` makes a fair task: the start differs from the practice start,
    staying there stays trapped and earns at most ``DO_NOTHING_MAX`` of the marks, the
    practice model plan does not earn full marks, and a recipe plan does."""
    practice_plan = model_plan(PRACTICE)
    do_nothing = score_plan(scenario.start, scenario)
    return (
        scenario.start != PRACTICE.start
        and do_nothing[0].fraction == 0  # staying put does not escape
        and _fraction(do_nothing) <= DO_NOTHING_MAX
        and practice_plan is not None
        and plan_fraction(practice_plan, scenario) < 1
        and model_plan(scenario) is not None
    )


def draw_scenario(rng: np.random.Generator) -> EscapeScenario:
    """A course's scenario: candidates drawn from the ranges above until one is
    :func:`well_posed` (deterministic given ``rng``)."""
    for _ in range(MAX_DRAWS):
        scenario = _candidate(rng)
        if well_posed(scenario):
            return scenario
    raise RuntimeError(f"no well-posed escape scenario in {MAX_DRAWS} draws")


def current_scenario() -> EscapeScenario:
    """The scenario this kernel works with (the assessed release's, or practice)."""
    from collabkit.course import task_parameters

    return EscapeScenario.from_parameters(task_parameters("03"))


# -- the brief --------------------------------------------------------------------------


def percent(share: float) -> str:
    """A share as the course writes it in prose, e.g. ``"15 %"``."""
    return f"{share * 100:g} %"


def _lever_row(lever: Lever, value: float) -> str:
    """One row of the brief's table: the lever's label and its value as the course writes it."""
    if lever.unit == "yes/no":
        shown = "yes" if value else "no"
    else:
        shown = f"{value:g}" if lever.unit == "count" else percent(value)
    return f"<tr><td>{lever.label}</td><td>{shown}</td></tr>"


def _organised(share: float) -> str:
    """How many of the sellers bargain together, as the brief says it."""
    if share <= 0:
        return "None of the other sellers bargain together in an SMB association"
    return f"{percent(share)} of the sellers bargain together in an SMB association"


def brief_html(scenario: EscapeScenario) -> str:
    """The task's brief: where the SMB stands, its market, what the other sellers do
    together, the budget and the three goals (HTML)."""
    rows = "".join(_lever_row(lever, getattr(scenario.start, lever.name)) for lever in LEVERS)
    m, c = scenario.market, scenario.collective
    coop = (
        f"{percent(c.cooperative)} of the sellers run a cooperative platform (commission "
        f"{percent(m.coop_fee)}, set by its members; no data captured): you may list on it."
        if c.cooperative > 0
        else "No co-op platform exists in your market: listing on it sells nothing."
    )
    return (
        "<p><b>Where your SMB stands.</b> For two years it has followed this strategy; the "
        "levers of the task start here:</p>"
        f"<table>{rows}</table>"
        f"<p><b>Your market.</b> The platform's commission started at {percent(m.take_rate)} "
        f"of platform sales and can rise to {percent(m.take_rate_max)}. "
        f"{_organised(c.association)} (an association of all sellers could hold the "
        f"commission at {percent(m.association_cap)}). {coop} With the data you share, the "
        f"operator can capture up to {percent(m.extraction)} of your platform demand. Your "
        "plan is your "
        "own SMB's levers: it cannot change what the other sellers do.</p>"
        "<p><b>Your plan</b> for the next five years is graded against three goals:</p><ol>"
        "<li>escape into Hybrid Collaboration or Synergistic Growth over the five years "
        "(quitting platforms altogether is <i>Independent</i>, not this goal);</li>"
        f"<li>keep at least <b>{percent(KEEP_REVENUE)}</b> of your revenue;</li>"
        "<li>earn more than if nothing changed.</li></ol>"
        f"<p><b>Budget.</b> Invest at most <b>{percent(scenario.budget)} of sales</b> in total "
        "(own channel + data skills + partners). Spending over it cuts the credit of every "
        "goal by the overrun's share of the budget.</p>"
    )
