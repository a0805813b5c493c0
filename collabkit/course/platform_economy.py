"""Questions of notebook 03 "Platform economy".

The seller-data question is built when first asked: its key needs the seller data set. The
graded task (escape the platform trap) is built from its scenario's parameters: the trapped
start, the budget and the market (:mod:`collabkit.course.platform_economy_escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from functools import partial
from typing import Any

import numpy as np

from collabkit.analysis.trajectory import HYBRID, SYNERGY, TRAJECTORIES, TRAP, TRAP_SHARE
from collabkit.assess.assessed import GradedTask
from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    MultipleChoice,
    Numeric,
    NumericMisconception,
    Rubric,
)
from collabkit.core.words import number_word
from collabkit.course.platform_economy_escape import (
    KEEP_REVENUE,
    PRACTICE,
    EscapeScenario,
    draw_scenario,
    evaluate_plan,
    forget,
    model_plan,
    percent,
    plan_trajectory,
)
from collabkit.models.platform import PLATFORM_PRESETS, PlatformMarket, PlatformStrategy

SECTIONS = {
    "03.catalysts": "Platforms as catalysts",
    "03.challenges": "The challenges of platforms",
    "03.model": "Inside the model: network effects, commission and lock-in",
    "03.trajectories": "Three trajectories",
    "03.data": "Reading seller data",
    "03.escape": "Graded task: escape the platform trap",
}


CATALYSTS = [
    "lower transaction costs",
    "scalable infrastructure",
    "broader ecosystems",
    "data insights",
    "network effects",
]
CHALLENGES = [
    "dependency and power imbalance",
    "data privacy",
    "competition and visibility",
    "platform governance",
    "skill gaps",
]


def _data_trapped(question_id: str) -> Numeric:
    from collabkit.analysis.sellers import seller_summary
    from collabkit.data.sellers import N_SELLERS, load_sellers

    trapped = int(seller_summary(load_sellers())["looks_trapped"].sum())
    return Numeric(
        id=question_id,
        prompt="Using the rule in the text (last six months: platforms carry at least "
        f"{percent(TRAP_SHARE)} of sales, and fees per € of platform sales are higher than in "
        f"the first six months), how many of the {N_SELLERS} sellers look trapped? Answer in "
        "sellers.",
        answer=float(trapped),
        unit="sellers",
        abs_tol=0.0,
        rel_tol=1e-9,
        hint="Filter the summary table on both conditions and count the rows.",
        explanation=f"{trapped} sellers meet both conditions; run "
        "`summary[summary.looks_trapped]` to see them.",
    )


def _platforms(count: int) -> str:
    """``"one platform"``, ``"two platforms"``, ..."""
    return f"{number_word(count)} platform" + ("s" if count > 1 else "")


def _trapped_start(start: PlatformStrategy) -> str:
    """The strategy the SMB has followed, as the prompt names it."""
    if start == PLATFORM_PRESETS[TRAP]:
        return "the Platform Trap strategy"
    return (
        f"a Platform Trap strategy ({percent(start.platform_share)} of its offer on "
        f"{_platforms(start.n_platforms)}, {percent(start.data_sharing)} of its data shared)"
    )


def _escape_explanation(plan: PlatformStrategy, scenario: EscapeScenario) -> str:
    """How the model plan escapes, in words, from its levers."""
    coop = f", list {percent(plan.coop_share)} on the co-op" if plan.coop_share else ""
    return (
        f"Cut the platform share to about {percent(plan.platform_share)}, use "
        f"{_platforms(plan.n_platforms)}, share less data ({percent(plan.data_sharing)}){coop}, "
        f"and split the {percent(scenario.budget)} budget between your own channel "
        f"({percent(plan.invest_direct)}), data skills ({percent(plan.invest_data)}) and "
        f"partners ({percent(plan.invest_partners)}): the SMB escapes to "
        f"{plan_trajectory(plan, scenario)}, keeps its revenue and earns far more than "
        "staying trapped."
    )


def _escape_plan(parameters: Mapping[str, Any], question_id: str) -> Rubric:
    """The graded escape plan for a scenario's parameters."""
    scenario = EscapeScenario.from_parameters(parameters)
    plan = model_plan(scenario)
    if plan is None:
        raise ValueError("no recipe plan earns full marks in this scenario")
    return Rubric(
        id=question_id,
        points=6,
        prompt=f"Your SMB has followed {_trapped_start(scenario.start)} for two years. Set the "
        f"levers for the next five years: escape into Hybrid Collaboration or Synergistic "
        f"Growth, keep at least {percent(KEEP_REVENUE)} of your revenue, and earn more than "
        f"if nothing changed, investing at most {scenario.budget:.0%} of sales in total.",
        evaluate=partial(evaluate_plan, scenario=scenario),
        model_answer=asdict(plan),
        answer_format="levers",
        hint="Leaving the platform is not enough: keep some platform sales, rebuild your "
        "own channel and partner network, and look at the co-op if your market has one.",
        explanation=_escape_explanation(plan, scenario),
    )


def _draw(rng: np.random.Generator) -> dict[str, Any]:
    return draw_scenario(rng).parameters()


GRADED_TASK = GradedTask(
    notebook="03",
    question_ids=("03.escape.plan",),
    practice=PRACTICE.parameters(),
    draw=_draw,
    build=_escape_plan,
    forget=forget,
)

QUESTIONS = (
    Classification(
        id="03.catalysts.match",
        prompt="Match each example to the platform catalyst it shows.",
        items=dict(
            [
                (
                    "A potter finds a glaze supplier and pays in two clicks",
                    "lower transaction costs",
                ),
                (
                    "A tea shop handles ten times its usual Christmas orders on the same web shop",
                    "scalable infrastructure",
                ),
                (
                    "A bakery's cakes are sold by cafés in three cities through a marketplace",
                    "broader ecosystems",
                ),
                (
                    "A bookshop sees which titles local readers search for and stocks them",
                    "data insights",
                ),
                ("More buyers join because more sellers list, and vice versa", "network effects"),
            ]
        ),  # fmt: skip
        categories=CATALYSTS,
        hint="Ask what got cheaper, bigger, wider, smarter, or self-reinforcing.",
        explanation="Finding and paying partners is a transaction cost; handling peaks is "
        "scalable infrastructure; reaching other firms' customers is a broader ecosystem; "
        "search data are insights; buyers attracting sellers and sellers attracting buyers "
        "are (cross-side) network effects.",
    ),
    Classification(
        id="03.challenges.match",
        prompt="Match each warning sign to the platform challenge it shows.",
        items=dict(
            [
                (
                    "The marketplace raises its commission and the shop cannot leave",
                    "dependency and power imbalance",
                ),
                ("The shop is unsure who can see its customers' addresses", "data privacy"),
                (
                    "The shop's products appear on page five of the search results",
                    "competition and visibility",
                ),
                (
                    "The platform changes its return rules overnight without asking sellers",
                    "platform governance",
                ),
                ("Nobody in the shop knows how to read the sales dashboard", "skill gaps"),
            ]
        ),  # fmt: skip
        categories=CHALLENGES,
        hint="Who has power, who sees data, who gets seen, who sets rules, who can do what?",
        explanation="Being unable to leave is dependency; unclear data access is privacy; "
        "ranking is competition and visibility; one-sided rule changes are governance; "
        "missing know-how is a skill gap.",
    ),
    MultipleChoice(
        id="03.model.network",
        prompt="In the model, the share of buyers on platforms grows slowly at first, then "
        "fast, then levels off. Why does it speed up?",
        options={
            "a": "The platform lowers its commission",
            "b": "Each new buyer makes the platform more attractive to sellers and other "
            "buyers (imitation and network effects)",
            "c": "Sellers leave the direct channel",
            "d": "It is random",
        },
        correct="b",
        misconceptions={
            "a": "The commission does not drive adoption in the model; it rises, if anything.",
            "c": "Sellers' listings add a cross-side push, but the S-shape comes from buyers "
            "imitating buyers.",
            "d": "The adoption curve is deterministic: Bass diffusion.",
        },
        praise="Right: Bass diffusion. Adoption feeds on itself until the market potential is "
        "reached.",
        hint="Look at the imitation term q·R in the model's equation.",
        explanation="R grows by (p + q·R/R_max)(R_max − R): once many buyers are on the "
        "platform, imitation (q·R) dominates and growth speeds up, until few buyers remain.",
    ),
    Numeric(
        id="03.model.breakeven",
        prompt="A seller's gross margin is 40 % of sales. On the platform, price competition "
        "costs it a further 8 % of platform sales. Above which commission does each platform "
        "sale lose money? Answer in %.",
        answer=32.0,
        unit="%",
        abs_tol=0.5,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(40, "you forgot the 8 % lost to price competition.", 0.001),
            NumericMisconception(48, "price competition lowers what is left; subtract it.", 0.001),
            NumericMisconception(0.32, "that is a share; the question asks in %, e.g. 25.", 0.001),
        ),
        hint="What is left per € of platform sales = margin − price erosion − commission.",
        explanation="Per € of platform sales the seller keeps 40 − 8 = 32 cents before "
        "commission: at a commission above 32 % each sale loses money.",
    ),
    MultipleChoice(
        id="03.model.lockin",
        prompt="Why does it get harder, month after month, for a dependent seller to move "
        "sales off a platform?",
        options={
            "a": "Its switching costs grow with every month of dependency (lost reviews, "
            "customers who only know it through the platform)",
            "b": "The platform forbids leaving",
            "c": "Its direct channel is closed by law",
        },
        correct="a",
        misconceptions={
            "b": "Nothing forbids it; leaving is simply costly and slow.",
            "c": "The direct channel stays open but weakens unless the seller invests in it.",
        },
        praise="Right: lock-in. In the model, moving off the platform slows as switching costs "
        "accumulate.",
        hint="Look at the autonomy index in the explorer as dependency lasts.",
        explanation="Switching costs S grow with each month of dependency and slow every move "
        "off the platform (speed ÷ (1 + S)); the autonomy index falls with them.",
    ),
    MultipleChoice(
        id="03.model.association",
        prompt="What does joining an SMB association do in the model?",
        options={
            "a": "It caps the commission the operator can charge, by bargaining collectively",
            "b": "It brings more buyers to the platform",
            "c": "It removes all competition on the platform",
        },
        correct="a",
        misconceptions={
            "b": "Buyers come through network effects, not through the association.",
            "c": "Sellers still compete for visibility; the association bargains on terms.",
        },
        praise="Right: collective bargaining caps the take rate (here at "
        f"{percent(PlatformMarket.association_cap)}).",
        hint="Tick the association box in the explorer and watch the commission line.",
        explanation="Alone, a small seller has no bargaining power; together, sellers can cap "
        "the commission the operator raises as they depend on it.",
    ),
    Classification(
        id="03.trajectories.vignettes",
        prompt="Which trajectory is each SMB on?",
        items={
            "A jam maker sells 90 % through one marketplace; fees rose from 12 % to 25 % and "
            "its margin halved": TRAP,
            "A bike shop uses three platforms, invests in its own web shop and data skills, "
            "and grew 40 % with a stable margin": SYNERGY,
            "A gift shop sells a quarter through platforms, most through its own shop and a "
            "network of local partners; sales are steady": HYBRID,
        },
        categories=list(TRAJECTORIES),
        hint="Look at platform share, margin and growth.",
        explanation="Heavy dependence with a squeezed margin is the trap; strong growth from "
        "platforms while keeping margin and control is synergy; selective platform use beside "
        "strong own channels is hybrid collaboration.",
    ),
    Numeric(
        id="03.trajectories.hhi",
        prompt="An SMB's sales come 50 % from its own shop, 20 % from partners, 20 % from "
        "platform A and 10 % from platform B. What is the Herfindahl index of its channel mix "
        "(sum of squared shares, on the 0–1 scale)?",
        answer=0.34,
        unit="",
        scale="share",
        abs_tol=0.005,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                3400,
                "that is the same index on the 0–10,000 scale; use shares between 0 and 1.",
                0.001,
            ),
            NumericMisconception(
                1.0, "the shares add up to 1; the index squares each share before adding.", 0.001
            ),
            NumericMisconception(
                0.25, "you counted only the largest channel; add the squares of all four.", 0.001
            ),
        ),
        hint="0.5² + 0.2² + 0.2² + 0.1².",
        explanation="0.25 + 0.04 + 0.04 + 0.01 = 0.34. An index of 1 means one channel; "
        "lower means a more diversified, less dependent mix.",
    ),
    DeferredQuestion("03.data.trapped", _data_trapped),
    *GRADED_TASK.practice_questions(),
)
