"""Questions of notebook 03 "Platform economy".

The seller-data questions are built when first asked: their keys (and the slips their
misconceptions name) are computed from the seller data set. The
graded task (escape the platform trap) is built from its scenario's parameters: the trapped
start, the budget and the market (:mod:`collabkit.course.platform_economy_escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from collabkit.analysis.trajectory import (
    DRIFTING,
    HYBRID,
    INDEPENDENT,
    SYNERGY,
    TRAP,
    TRAP_SHARE,
)
from collabkit.assess.assessed import GradedTask
from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    MultipleChoice,
    Numeric,
    NumericMisconception,
    Rubric,
)
from collabkit.assess.results import ResultNumber, TableResult
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
from collabkit.models.platform import (
    COOP_REACH,
    EROSION,
    PLATFORM_PRESETS,
    Collective,
    PlatformMarket,
    PlatformStrategy,
)

SECTIONS = {
    "03.catalysts": "Platforms as catalysts",
    "03.challenges": "The challenges of platforms",
    "03.model": "Inside the model: two-sided network effects, commission and lock-in",
    "03.collective": "One SMB or many: associations and cooperative platforms",
    "03.trajectories": "Where an SMB ends up",
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
#: The outcome names a vignette can be placed in (the model's five).
OUTCOMES = [SYNERGY, TRAP, HYBRID, INDEPENDENT, DRIFTING]
#: Months at the end of the panel the data tasks look at.
RECENT = 6


def _recent(panel: pd.DataFrame, months: int = RECENT) -> pd.DataFrame:
    return panel[panel["month"] > panel["month"].max() - months]


def platform_shares(panel: pd.DataFrame, months: int = RECENT) -> pd.Series:
    """Each seller's platform share of sales over the last ``months`` months (the key of
    ``03.data.share``)."""
    sums = _recent(panel, months).groupby("seller_id")[list(SALES)].sum()
    return sums["sales_platform"] / sums.sum(axis=1)


def sector_fee_rates(panel: pd.DataFrame, months: int = RECENT) -> pd.Series:
    """Fees per € of platform sales over the last ``months`` months, by sector (the key
    of ``03.data.fees``)."""
    sums = _recent(panel, months).groupby("sector")[["fees", "sales_platform"]].sum()
    return sums["fees"] / sums["sales_platform"]


SALES = ("sales_direct", "sales_partners", "sales_platform")


def _share_reasons(panel: pd.DataFrame) -> dict[str, str]:
    """Why each seller is in the answer of ``03.data.share`` or not, naming the slip that
    would put it on the wrong side (all 24 months instead of the last six, platform sales
    over direct sales only)."""
    recent = platform_shares(panel)
    whole = platform_shares(panel, int(panel["month"].max()))
    sums = _recent(panel).groupby("seller_id")[list(SALES)].sum()
    versus_direct = sums["sales_platform"] / sums["sales_direct"]
    reasons = {}
    for seller, share in recent.items():
        side = "at least" if share >= TRAP_SHARE else "below"
        why = (
            f"{share:.0%} of its sales in the last {RECENT} months came from the platform, "
            f"{side} {percent(TRAP_SHARE)}"
        )
        if (whole[seller] >= TRAP_SHARE) != (share >= TRAP_SHARE):
            why += (
                f" (over all 24 months it was {whole[seller]:.0%}: the task asks about the "
                f"last {RECENT})"
            )
        elif (versus_direct[seller] >= TRAP_SHARE) != (share >= TRAP_SHARE):
            why += (
                " (divided by direct sales alone it would be "
                f"{versus_direct[seller]:.0%}: a share of sales divides by all three channels)"
            )
        reasons[str(seller)] = why + "."
    return reasons


def _data_share(question_id: str) -> TableResult:
    from collabkit.data.sellers import N_SELLERS, load_sellers

    panel = load_sellers()
    shares = platform_shares(panel)
    dependent = shares[shares >= TRAP_SHARE]
    return TableResult(
        id=question_id,
        prompt=f"Write a few lines of pandas: for each of the {N_SELLERS} sellers, the share "
        f"of its sales (direct + partners + platform) that came from the platform over the "
        f"last {RECENT} months; keep the sellers with a share of at least "
        f"{percent(TRAP_SHARE)}, and pass them as a Series or table indexed by seller_id "
        "(or a table with a seller_id column).",
        expected=dependent,
        labels="seller_id",
        what="sellers",
        reasons=_share_reasons(panel),
        hint="Keep the rows of months 19–24, group by seller_id, sum the three sales "
        "columns, divide platform sales by their total, then keep the shares ≥ 0.55.",
        explanation="recent = panel[panel.month > 18]; sums = recent.groupby('seller_id')"
        "[['sales_direct', 'sales_partners', 'sales_platform']].sum(); share = "
        f"sums.sales_platform / sums.sum(axis=1); share[share >= 0.55] gives "
        f"{len(dependent)} sellers: {', '.join(map(str, dependent.index))}.",
        concepts=("platform-dependency", "generated-data"),
    )


def _data_fees(question_id: str) -> ResultNumber:
    from collabkit.data.sellers import load_sellers

    panel = load_sellers()
    rates = sector_fee_rates(panel)
    lowest = rates.idxmin()
    answer = round(float(rates.min()) * 100, 1)
    recent = _recent(panel)
    whole = sector_fee_rates(panel, int(panel["month"].max()))
    over_sales = recent.groupby("sector")["fees"].sum() / recent.groupby("sector")[
        list(SALES)
    ].sum().sum(axis=1)
    slips = [
        (float(whole.min()) * 100, "you used all 24 months; the fee rate the sellers pay "
         "now is that of the last six."),
        (float(over_sales.min()) * 100, "you divided fees by all sales; the fee rate is per "
         "€ of platform sales, the only sales that pay it."),
        (float(rates.max()) * 100, "that is the highest sector's rate; the question asks "
         "for the lowest."),
        (float(rates.min()), "that is a share; the question asks in %, e.g. 14.2."),
    ]  # fmt: skip
    misconceptions = tuple(
        NumericMisconception(round(value, 2), message, 0.0, 0.05)
        for value, message in slips
        if abs(value - answer) > 0.2
    )
    return ResultNumber(
        id=question_id,
        prompt=f"Write a few lines of pandas: for each sector, the fees paid per € of platform "
        f"sales over the last {RECENT} months (sum of fees ÷ sum of platform sales). What is "
        "the lowest sector's rate, in %? Pass the number your code gives.",
        answer=answer,
        unit="%",
        abs_tol=0.15,
        rel_tol=0.0,
        misconceptions=misconceptions,
        hint="Keep months 19–24, group by sector, sum fees and sales_platform, divide, "
        "multiply by 100 and take the smallest.",
        explanation=f"rates = recent.groupby('sector')[['fees', 'sales_platform']].sum(); "
        f"(rates.fees / rates.sales_platform * 100).min() gives {answer} % ({lowest}). The "
        "lowest rate is the sector where most sellers bargain in an association: the "
        "generator assumed it.",
        concepts=("platform-commission", "collective-action"),
    )


def _percent_question(slips: tuple[tuple[float, str], ...], **fields: Any) -> Numeric:
    """A question answered in %, right within 0.2 points, each slip (value, what went
    wrong) recognised to 0.1 %."""
    return Numeric(
        unit="%",
        abs_tol=0.2,
        rel_tol=0.0,
        misconceptions=tuple(NumericMisconception(v, why, 0.001) for v, why in slips),
        **fields,
    )


def _breakeven() -> Numeric:
    """Above which commission a platform sale loses money at full reach; the misconceptions
    come from the model's own numbers."""
    m = PlatformMarket()
    erosion = EROSION * m.reach_potential * m.listing_potential
    margin = m.gross_margin
    answer = round((margin - erosion) * 100, 1)
    return _percent_question(
        id="03.model.breakeven",
        prompt=f"Once the market has grown, {percent(m.reach_potential)} of buyers shop on the "
        f"platform and sellers list {percent(m.listing_potential)} of their offer there. Price "
        f"competition then costs a listed seller {EROSION:g} × R × L of its platform sales. "
        f"Its gross margin is {percent(margin)} (no data shared, no data skills). Above "
        "which commission does each platform sale lose money? Answer in %.",
        answer=answer,
        slips=(
            (
                margin * 100,
                "you forgot the price erosion from competing with the other listed sellers.",
            ),
            (
                round((margin + erosion) * 100, 1),
                "price competition lowers what is left per €; subtract it.",
            ),
            (
                round(margin - erosion, 3),
                "that is a share; the question asks in %, e.g. 25.",
            ),
            (
                round((margin - EROSION * m.reach_potential) * 100, 1),
                "you left out L: erosion grows with the sellers listed too "
                "(R × L), not with buyers alone.",
            ),
            (
                round((margin - EROSION) * 100, 1),
                f"erosion is {EROSION:g} × R × L, not {EROSION:g}: multiply by both shares.",
            ),
        ),  # fmt: skip
        hint="What is left per € of platform sales = margin − erosion − commission.",
        explanation=f"Erosion = {EROSION:g} × {m.reach_potential:g} × {m.listing_potential:g} = "
        f"{erosion:.3f}; per € of platform sales the seller keeps {margin:g} − {erosion:.3f} = "
        f"{margin - erosion:.3f} before commission: above {answer:g} % each sale loses money.",
        concepts=("platform-commission", "visibility"),
    )


def _ceiling() -> Numeric:
    """The commission ceiling with a share of sellers in the association."""
    m = PlatformMarket()
    share = 0.4
    answer = round(m.ceiling(Collective(association=share)) * 100, 1)
    gap = m.take_rate_max - m.association_cap
    return _percent_question(
        id="03.collective.ceiling",
        prompt=f"Alone, the operator can raise its commission to {percent(m.take_rate_max)}. "
        f"An association of all sellers could hold it at {percent(m.association_cap)}, and "
        f"the ceiling falls in proportion to the share of sellers organised. If "
        f"{percent(share)} of the sellers join, what is the ceiling? Answer in %.",
        answer=answer,
        slips=(
            (
                m.association_cap * 100,
                "that is the ceiling if every "
                "seller joins; a partial association gets part of the way.",
            ),
            (
                round(share * gap * 100, 1),
                "that is how far the ceiling falls; subtract it from the maximum.",
            ),
            (
                round((m.association_cap + share * gap) * 100, 1),
                "you "
                "started from the association's cap; start from the maximum "
                "and move towards the cap.",
            ),
            (
                round(m.take_rate_max * (1 - share) * 100, 1),
                "the ceiling moves towards the cap, not towards zero.",
            ),
        ),  # fmt: skip
        hint="Ceiling = maximum − share × (maximum − cap).",
        explanation=f"{m.take_rate_max:g} − {share:g} × ({m.take_rate_max:g} − "
        f"{m.association_cap:g}) = {answer / 100:g}: {answer:g} %. Organised sellers also "
        "slow every increase in the model (by the share organised).",
        concepts=("collective-action", "platform-commission"),
    )


def _coop_reach() -> Numeric:
    m = PlatformMarket()
    members = 0.3
    answer = round(COOP_REACH * members * m.reach_potential * 100, 1)
    return _percent_question(
        id="03.collective.coop_reach",
        prompt=f"A cooperative platform run by {percent(members)} of the sellers reaches, in "
        f"the long run, {COOP_REACH:g} × (share of sellers on it) × (share of buyers on "
        f"the big platform, here {percent(m.reach_potential)}). What share of buyers does "
        "it reach? Answer in %.",
        answer=answer,
        slips=(
            (
                members * 100,
                "buyers follow sellers, but not one for one: "
                "multiply by the buyers online and by the discount.",
            ),
            (
                round(members * m.reach_potential * 100, 1),
                "you left out "
                f"the {COOP_REACH:g}: a co-op lacks the big platform's brand "
                "and marketing.",
            ),
            (
                round(COOP_REACH * members * 100, 1),
                "you left out the buyers: only the share of buyers who shop online "
                f"({percent(m.reach_potential)}) can find any platform.",
            ),
        ),  # fmt: skip
        hint="Multiply the three numbers.",
        explanation=f"{COOP_REACH:g} × {members:g} × {m.reach_potential:g} = {answer / 100:g}: "
        f"{answer:g} % of buyers, against {percent(m.reach_potential)} on the big platform. "
        "The co-op's low fee applies to a much smaller market: a seller gains most by using "
        "it beside the big platform, and the co-op grows only as more sellers join "
        "(two-sided network effects work against a small platform).",
        concepts=("cooperative-platform", "network-effects"),
    )


def _classify(rows: list[tuple[str, str, str]], **fields: Any) -> Classification:
    """A classification from rows (item, its category, why it belongs there): the why is
    the feedback on any wrong placement of the item."""
    return Classification(
        items={item: category for item, category, _ in rows},
        misconceptions={item: why for item, _, why in rows},
        **fields,
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
        f"{plan_trajectory(plan, scenario)}, keeps its revenue and earns more than "
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
        f"if nothing changed, investing at most {percent(scenario.budget)} of sales in total.",
        evaluate=partial(evaluate_plan, scenario=scenario),
        model_answer=asdict(plan),
        answer_format="levers",
        concepts=(
            "strategic-levers",
            "platform-trap",
            "hybrid-collaboration",
            "synergistic-growth",
        ),
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
    _classify(
        rows=[
            (
                "A potter finds a glaze supplier and pays in two clicks",
                "lower transaction costs",
                "Nothing here grows or spreads: searching and paying got cheaper, a lower "
                "transaction cost.",
            ),
            (
                "A tea shop handles ten times its usual Christmas orders on the same web shop",
                "scalable infrastructure",
                "The shop reaches no new buyers; the same system copes with ten times the load: "
                "scalable infrastructure.",
            ),
            (
                "A bakery's cakes are sold by cafés in three cities through a marketplace",
                "broader ecosystems",
                "The gain is reach beyond the home town, through other firms: a broader ecosystem.",
            ),
            (
                "A bookshop sees which titles local readers search for and stocks them",
                "data insights",
                "What changes the bookshop's decision is information about demand: data insights.",
            ),
            (
                "Buyers come to a marketplace because many sellers list there",
                "network effects",
                "Buyers value the sellers on the other side: a cross-side network effect.",
            ),
            (
                "More sellers list on a marketplace once more buyers shop there",
                "network effects",
                "Sellers respond to the buyers on the other side: the other direction of the "
                "cross-side network effect.",
            ),
        ],
        id="03.catalysts.match",
        prompt="Match each example to the platform catalyst it shows (a catalyst may fit "
        "more than one example).",
        categories=CATALYSTS,
        hint="Ask what got cheaper, bigger, wider, smarter, or self-reinforcing.",
        explanation="Finding and paying partners is a transaction cost; handling peaks is "
        "scalable infrastructure; reaching other firms' customers is a broader ecosystem; "
        "search data are insights; buyers attracting sellers and sellers attracting buyers "
        "are the two directions of a cross-side network effect.",
        concepts=(
            "lower-transaction-costs",
            "scalable-infrastructure",
            "broader-ecosystems",
            "data-insights",
            "network-effects",
        ),
    ),
    _classify(
        rows=[
            (
                "The marketplace raises its commission and the shop cannot leave",
                "dependency and power imbalance",
                "The rule itself is not the problem; the shop's inability to leave is: dependency.",
            ),
            (
                "Half the shop's customers now know it only through the marketplace",
                "dependency and power imbalance",
                "No rule or data is involved: the shop has lost its own link to its customers, "
                "which makes it dependent (lock-in).",
            ),
            (
                "The shop is unsure who can see its customers' addresses",
                "data privacy",
                "This is about who may use the data, not about ranking or skills: data privacy.",
            ),
            (
                "The shop's products appear on page five of the search results",
                "competition and visibility",
                "Being hard to find among many sellers is competition and visibility, not "
                "governance.",
            ),
            (
                "The platform changes its return rules overnight without asking sellers",
                "platform governance",
                "Who sets the rules, and whether sellers have a say, is platform governance.",
            ),
            (
                "Nobody in the shop knows how to read the sales dashboard",
                "skill gaps",
                "The data are there; the know-how to use them is missing: a skill gap.",
            ),
        ],
        id="03.challenges.match",
        prompt="Match each warning sign to the platform challenge it shows (a challenge may "
        "fit more than one sign).",
        categories=CHALLENGES,
        hint="Who has power, who sees data, who gets seen, who sets rules, who can do what?",
        explanation="Being unable to leave, or reachable only through the platform, is "
        "dependency; unclear data access is privacy; ranking is competition and visibility; "
        "one-sided rule changes are governance; missing know-how is a skill gap.",
        concepts=(
            "platform-dependency",
            "data-privacy",
            "visibility",
            "platform-governance",
            "skill-gaps",
        ),
    ),
    MultipleChoice(
        id="03.model.network",
        prompt="In the model, the share of buyers on the platform grows slowly at first, "
        "then fast, then levels off. What speeds it up in the middle?",
        options={
            "a": "The operator cuts its commission to win over the remaining buyers",
            "b": "Buyers copy other buyers, and more listed sellers pull buyers in",
            "c": "Your own SMB lists more of its offer, which draws new buyers in",
            "d": "A fixed number of buyers join each month until none are left",
        },
        correct="b",
        misconceptions={
            "a": "The commission does not enter buyers' adoption in the model; if anything "
            "it rises as sellers depend on the platform.",
            "c": "Your SMB is one seller of two hundred: the buyers follow all the sellers' "
            "listings, which your choice hardly moves. The model leaves it out entirely.",
            "d": "A fixed number a month would draw a straight line, not an S: adoption "
            "speeds up because each adopter attracts more (imitation q·R and the sellers' "
            "cross-side pull c·L).",
        },
        praise="Right: Bass diffusion (buyers imitating buyers) plus the cross-side effect "
        "of sellers' listings; and sellers list more as buyers arrive.",
        hint="Look at the terms of the buyers' equation in section 3.",
        explanation="R grows by (p + q·R/R̄ + c·L)(R̄ − R): once many buyers and listings are "
        "there, imitation (q·R) and the sellers' pull (c·L) dominate, and since sellers list "
        "in proportion to buyers (L → L̄·R/R̄) each side feeds the other until few buyers "
        "remain.",
        concepts=("network-effects",),
    ),
    _breakeven(),
    MultipleChoice(
        id="03.model.lockin",
        prompt="Why does it get harder, month after month, for a dependent seller to move "
        "sales off the platform?",
        options={
            "a": "Its switching costs pile up each month it depends on the platform",
            "b": "The platform's contract forbids sellers to list anywhere else at all",
            "c": "Its direct channel keeps its buyers, so it has no need to move at all",
        },
        correct="a",
        misconceptions={
            "b": "Nothing in the model forbids leaving or multi-homing; leaving is simply "
            "costly and slow.",
            "c": "The opposite: its direct channel loses buyers to the platform and its brand "
            "weakens unless it invests, which is why leaving costs revenue.",
        },
        praise="Right: lock-in. In the model, moving off the platform slows as switching costs "
        "accumulate (lost reviews, customers who know the seller only through the platform).",
        hint="Look at the autonomy index in the explorer as dependency lasts.",
        explanation="Switching costs S grow with each month of dependency and slow every move "
        "off the platform (speed ÷ (1 + S)); the autonomy index falls with them.",
        concepts=("lock-in", "platform-dependency"),
    ),
    MultipleChoice(
        id="03.collective.association",
        prompt="A shop owner in a market where nobody is organised says: “I'll join an SMB "
        "association, and then the commission I pay will stop rising.” Judge the plan.",
        options={
            "a": "It works: a member gets the association's cap on its own commission",
            "b": "Alone it does little; the commission moves when many sellers organise",
            "c": "It backfires: the operator raises the fee for sellers who organise",
            "d": "It works only if the shop also moves most of its sales off the platform",
        },
        correct="b",
        misconceptions={
            "a": "The commission is the platform's, the same for every seller: the operator "
            "yields to the bargaining power of many organised sellers, not to one member.",
            "c": "Nothing in the model (or in the source essays) punishes organising; the "
            "problem is that one member has no bargaining power.",
            "d": "One seller leaving does not move the operator either: the commission follows "
            "the dependency of all sellers, which one shop hardly changes.",
        },
        praise="Right: this is collective action. The benefit (a lower commission for all) "
        "needs many members, and each seller is tempted to let the others organise.",
        hint="In the explorer, which levers move the commission line: your SMB's or the "
        "sellers' together?",
        explanation="In the model one SMB's levers never move the commission: it follows the "
        "other sellers' dependency and the share of sellers organised. That is why the "
        "source essays point to SMB associations and collective bargaining: a lower "
        "commission is a shared good that only many sellers together can win.",
        concepts=("collective-action", "free-riding"),
    ),
    _ceiling(),
    MultipleChoice(
        id="03.collective.coop",
        prompt="A cooperative platform run by 30 % of the sellers charges 8 % at cost and "
        "takes no data; the big platform charges 25 %. A member moves its whole online offer "
        "to the co-op. What does the model say?",
        options={
            "a": "It earns more per sale but loses most online buyers, who are elsewhere",
            "b": "It loses money, because members must cover the co-op's surplus at year end",
            "c": "It gains, because the co-op's buyers soon outnumber the big platform's",
            "d": "It is barred: the big platform's rules forbid selling on a co-op as well",
        },
        correct="a",
        misconceptions={
            "b": "A co-op returns a surplus to its members; it does not bill them for it. "
            "Its fee is set at cost by the members.",
            "c": "Buyers follow sellers: a co-op with 30 % of the sellers reaches a fraction "
            "of the big platform's buyers, and grows only as more sellers join.",
            "d": "Nothing stops multi-homing in the model; selling on both is the usual "
            "way to use a co-op.",
        },
        praise="Right: a better deal per sale on a smaller market. Cooperatives fight the "
        "network effects that favour the big platform; they need many members.",
        hint="Compare the co-op's reach with the big platform's (the co-op question above).",
        explanation="The co-op keeps more of each sale (8 % at cost, no data captured) but "
        "reaches 0.5 × 0.3 × 0.6 = 9 % of buyers against 60 % on the big platform. Used beside "
        "the big platform it lowers dependency; used instead of it, it gives up most online "
        "buyers. It grows with its membership: collective action again.",
        concepts=("cooperative-platform", "network-effects", "collective-action"),
    ),
    _coop_reach(),
    _classify(
        rows=[
            (
                "A jam maker sells 90 % through one marketplace; fees rose from 12 % to 25 % and "
                "its margin halved",
                TRAP,
                "Over 55 % on the platform with the margin below 80 % of its level: the Platform "
                "Trap, whatever its sales do.",
            ),
            (
                "A bike shop sells 45 % through three platforms, invests in its own web shop, and "
                "grew 40 % with a stable margin",
                SYNERGY,
                "Growth of 30 % or more with at least 35 % online and the margin held is "
                "Synergistic Growth, not Hybrid (which is moderate growth).",
            ),
            (
                "A gift shop sells a quarter through platforms, most through its own shop and "
                "local partners (15 %); sales up 8 %",
                HYBRID,
                "Selective platform use beside own channel and partners, with moderate growth: "
                "Hybrid Collaboration.",
            ),
            (
                "A cheesemaker sells 20 % through a co-op platform and 30 % through partner "
                "restaurants; sales up 5 %, margin steady",
                HYBRID,
                "A co-op is an online platform too: 20 % online with strong partners and moderate "
                "growth is Hybrid Collaboration, not Independent.",
            ),
            (
                "A florist left every platform and sells only in its shop; sales flat, margin "
                "steady",
                INDEPENDENT,
                "No platform at all is Independent: out of the trap, but not the selective "
                "platform use that defines Hybrid Collaboration.",
            ),
            (
                "A toy shop sells 40 % through a platform, has no partners, and its sales fell 10 "
                "%",
                DRIFTING,
                "Not trapped (40 % is below 55 %) but not Hybrid either: no partner network and "
                "shrinking sales. The model calls it Drifting.",
            ),
        ],
        id="03.trajectories.vignettes",
        prompt="Which outcome is each SMB on, by the rules of section 5? (Some outcomes fit "
        "more than one SMB, some none.)",
        categories=OUTCOMES,
        hint="Check, in order: online share under 10 %? Platform over 55 % and squeezed? "
        "Growth ≥ 30 % with 35 % online? Then the Hybrid conditions.",
        explanation="Trap: dependence with a squeezed margin. Synergy: strong growth with a "
        "large online share and the margin kept. Hybrid: selective online use (co-op "
        "included) beside own channel and partners, moderate growth. Independent: no "
        "platform. Drifting: none of these.",
        concepts=(
            "synergistic-growth",
            "platform-trap",
            "hybrid-collaboration",
            "cooperative-platform",
        ),
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
            NumericMisconception(
                0.3,
                "you added the two platforms into one channel (0.3² = 0.09); they are "
                "separate channels.",
                0.001,
            ),
        ),
        hint="0.5² + 0.2² + 0.2² + 0.1².",
        explanation="0.25 + 0.04 + 0.04 + 0.01 = 0.34. An index of 1 means one channel; "
        "lower means a more diversified, less dependent mix.",
        concepts=("market-concentration",),
    ),
    DeferredQuestion("03.data.share", _data_share),
    DeferredQuestion("03.data.fees", _data_fees),
    MultipleChoice(
        id="03.data.evidence",
        prompt="In the seller panel, the sector where most sellers bargain together pays the "
        "lowest fees. What does this finding tell you about real marketplaces?",
        options={
            "a": "That associations lower fees, since forty sellers is a large sample",
            "b": "Nothing new: the generator put the effect there by its assumption",
            "c": "That associations lower fees, if the gap is statistically significant",
            "d": "That high fees push sellers to organise, the reverse of the model",
        },
        correct="b",
        misconceptions={
            "a": "Sample size cannot help: the sellers are not observed, they are generated "
            "by the model, so any pattern is the model's assumption coming back.",
            "c": "A significance test asks whether a pattern could be noise; here it is no "
            "noise but the generator's rule. It says nothing about real sellers.",
            "d": "In generated data the direction is known, because the generator set it; "
            "reverse causality is a question for real data.",
        },
        praise="Right: the panel is generated by the course's own model. Reading it checks "
        "your pandas, not the theory; real evidence needs real data (e.g. fee data from "
        "sellers' associations or competition authorities).",
        hint="Read the data description above the panel: where do these numbers come from?",
        explanation="The panel comes from the platform model with an association share set "
        "per sector; finding lower fees where more sellers are organised is finding the "
        "assumption again. Whether associations lower fees in real marketplaces takes data "
        "from real marketplaces.",
        concepts=("generated-data", "collective-action"),
    ),
    *GRADED_TASK.practice_questions(),
)
