"""Questions of notebook 01 "Fundamentals".

Numeric keys are computed with the course's own models, so a change to a model's
defaults cannot leave a stale answer key behind. The graded task (section 7, a van
shared on Mill Street) is :data:`GRADED_TASK`: its questions are built from the van's cost
and the coordination cost per pair, the practice ones or those a course secret draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from collabkit.assess.assessed import GradedTask
from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    FreeText,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    Question,
    RubricPoint,
    VariantNumeric,
)
from collabkit.core.words import number_word, ordinal
from collabkit.models.pooling import CostPooling
from collabkit.models.public_goods import PublicGoodsGame
from collabkit.models.purchasing import GroupPurchasing
from collabkit.models.reach import MarketReach

SECTIONS = {
    "01.what": "What a collaborative network is, and why join one",
    "01.pooling": "Why collaborate: sharing costs",
    "01.reach": "Why collaborate: reaching more customers",
    "01.types": "Types of networks and buying power",
    "01.challenges": "Challenges and free-riding",
    "01.start": "First steps",
    "01.task": "Graded task: the shared van on Mill Street",
}

# --- the models the questions are built on (the notebook's explorers start from these);
# the questions whose keys they compute are built when first asked ---
POOLING = CostPooling()
REACH_PAIR = MarketReach(reach=(0.30, 0.25), names=("Sweet Crumb Bakery", "Corner Coffee"))
PURCHASING = GroupPurchasing()

BENEFITS = [
    "resource pooling",
    "market access",
    "expertise and innovation",
    "efficiency",
    "resilience",
    "brand and reputation",
    "bargaining power",
]


def own_pooling_case(rng) -> tuple[dict, float]:
    """A student's own cost-pooling case: asset and pair costs drawn so that exactly one
    whole network size is cheapest (at least 1 % below both neighbours); the answer is the
    cost per firm at that size (€ per year)."""
    while True:
        van = int(rng.choice(np.arange(24_000, 60_001, 6_000)))
        pair = int(rng.choice(np.arange(1_000, 4_001, 500)))
        model = CostPooling(float(van), float(pair), max_firms=30)
        best = model.optimal_size()
        cost = model.cost_per_firm(best)
        neighbours = [model.cost_per_firm(n) for n in (best - 1, best + 1) if n >= 1]
        if all(c > cost * 1.01 for c in neighbours):
            values = {"van": van, "pair": pair, "root": (2 * van / pair) ** 0.5, "best": best}
            return values, round(cost, 2)


COMPONENTS = ["participants", "shared goals", "interactions", "governance", "technology"]
TYPES = ["supply chain", "customer", "innovation", "geographic cluster", "virtual"]
CHALLENGES = [
    "trust",
    "conflicting interests",
    "coordination",
    "free-riding",
    "loss of autonomy",
    "knowledge leakage",
]


def _pooling_cost(question_id: str) -> Numeric:
    cost_at_5 = float(POOLING.run().set_index("n_firms").loc[5, "cost_per_firm"])
    return Numeric(
        id=question_id,
        prompt="Use the cost-pooling explorer at its starting settings (van 36,000 € a year, "
        "1,500 € a year per pair of partners). What does each firm pay per year in a network "
        "of 5 firms? Answer in € per year.",
        answer=cost_at_5,
        unit="€ per year",
        rel_tol=0.005,
        misconceptions=(
            NumericMisconception(
                36_000 / 5,
                "that is only the van's share (36,000 / 5); "
                "each firm also carries part of the coordination cost.",
            ),
            NumericMisconception(
                36_000 / 5 + 1_500 * 10,
                "you charged each firm the "
                "coordination cost of all 10 pairs; the pairs' cost is shared by the 5 firms.",
            ),
        ),
        hint="Per firm: the van's cost divided by n, plus 1,500 × (n − 1) / 2.",
        explanation="With n = 5 there are 5 × 4 / 2 = 10 pairs, costing 15,000 € a year in all, "
        "or 3,000 € per firm. The van costs 36,000 / 5 = 7,200 € per firm. "
        "Total: 7,200 + 3,000 = 10,200 € per firm per year.",
    )


def _reach_union(question_id: str) -> Numeric:
    final = REACH_PAIR.run().iloc[-1]
    return Numeric(
        id=question_id,
        prompt="In a town of 20,000 households the bakery reaches 30% and the café 25%, and "
        "whether a household knows one has nothing to do with whether it knows the other. "
        "How many households does the pair reach together? Answer in households.",
        answer=float(final["combined_reach"]),
        unit="households",
        rel_tol=0.002,
        misconceptions=(
            NumericMisconception(
                float(final["sum_of_reach"]),
                "that adds the two audiences and counts the households that know both firms twice.",
            ),
            NumericMisconception(
                20_000 * 0.30 * 0.25,
                "that is only the households that "
                "know both firms (the overlap), not everyone reached.",
            ),
        ),
        hint="Start from the share of households that know neither firm: 0.70 × 0.75.",
        explanation="The share reached by neither is 0.70 × 0.75 = 0.525, so 1 − 0.525 = 0.475 "
        "of households are reached by at least one: 0.475 × 20,000 = 9,500. Adding the "
        "audiences (6,000 + 5,000 = 11,000) counts the 1,500 shared households twice.",
    )


def _types_saving(question_id: str) -> Numeric:
    bakery = PURCHASING.run().query("member == 'Sweet Crumb Bakery'")
    return Numeric(
        id=question_id,
        prompt="In the group-purchasing explorer at its starting settings, the bakery, the café "
        "and the courier buy their packaging together. How much does the bakery save per "
        "month compared with buying alone? Answer in € per month.",
        answer=float(bakery["saving"].iloc[0]),
        unit="€ per month",
        rel_tol=0.005,
        hint="Find the discount tier the group's total volume reaches, then apply it to the "
        "bakery's own purchases.",
        explanation="Alone, the bakery's 4,000 units stay below the first discount tier. "
        "Together the three firms buy 8,000 units, which earns 5% off every unit: "
        "4,000 × 2 € × 5% = 400 € a month for the bakery.",
    )


# --- the graded task: a shared van on Mill Street, built from its parameters -------------

#: Shops on Mill Street that could join the van: the largest network the task considers.
MILL_STREET_SHOPS = 12
#: Network sizes a course's draw allows as the cheapest one.
VAN_SIZES = range(3, 11)
#: How much dearer than the cheapest size both neighbouring sizes must be in a course's draw.
VAN_MARGIN = 0.005
#: Option letters of the task's multiple-choice questions, in the order practice shows them.
LETTERS = ("a", "b", "c", "d")


def van_model(parameters: Mapping[str, Any]) -> CostPooling:
    """The cost-pooling model of the Mill Street van for a graded task's parameters."""
    return CostPooling(
        float(parameters["asset_cost"]), float(parameters["coordination_cost"]), MILL_STREET_SHOPS
    )


def _van_case(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The numbers the van questions quote: costs, the best size and its cost per firm."""
    model = van_model(parameters)
    best = model.optimal_size()
    return {
        "van": int(parameters["asset_cost"]),
        "pair": int(parameters["coordination_cost"]),
        "model": model,
        "best": best,
        "cost": model.cost_per_firm(best),
        "word": number_word(best),
    }


def _van_well_posed(model: CostPooling) -> bool:
    """One whole size is clearly cheapest (both neighbours dearer by ``VAN_MARGIN``), and it
    lies in ``VAN_SIZES``, below the number of shops on the street."""
    best = model.optimal_size()
    cheapest = model.cost_per_firm(best)
    neighbours = (model.cost_per_firm(n) for n in (best - 1, best + 1))
    return best in VAN_SIZES and all(c > cheapest * (1 + VAN_MARGIN) for c in neighbours)


def draw_van_task(rng: np.random.Generator) -> dict[str, Any]:
    """A course's Mill Street van: its yearly cost (24,000–60,000 € in steps of 1,000) and
    the coordination cost per pair (1,000–4,000 € in steps of 100, as the explorer's
    sliders move), redrawn until one size is clearly cheapest and differs from practice's;
    the options of the two multiple-choice questions in a drawn order."""
    practice_best = van_model(PRACTICE_POOLING).optimal_size()
    while True:
        costs = {
            "asset_cost": int(rng.choice(np.arange(24_000, 60_001, 1_000))),
            "coordination_cost": int(rng.choice(np.arange(1_000, 4_001, 100))),
        }
        model = van_model(costs)
        if _van_well_posed(model) and model.optimal_size() != practice_best:
            break
    return {
        **costs,
        "type_options": _shuffled(_TASK_TYPE, rng),
        "governance_options": _shuffled(_TASK_GOVERNANCE, rng),
    }


def _shuffled(question: MultipleChoice, rng: np.random.Generator) -> list[str]:
    texts = list(question.options.values())
    return [texts[i] for i in rng.permutation(len(texts))]


def _in_order(question: MultipleChoice, texts: Sequence[str]) -> MultipleChoice:
    """``question`` with its options shown in the order of ``texts`` (its option texts,
    reordered); the key and the misconceptions follow their options."""
    letter_of = {text: letter for letter, text in question.options.items()}
    order = [letter_of[text] for text in texts]
    new_letter = {old: new for new, old in zip(LETTERS, order, strict=True)}
    return replace(
        question,
        options={new_letter[old]: question.options[old] for old in order},
        correct=new_letter[question.correct],
        misconceptions={new_letter[k]: v for k, v in sorted(question.misconceptions.items())},
    )


def _pay_line(model: CostPooling, n: int) -> str:
    share, coordination = model.asset_cost / n, model.coordination_cost * (n - 1) / 2
    return f"{n} firms pay {share:,.0f} + {coordination:,.0f} = {share + coordination:,.0f} €"


def _task_size(case: Mapping[str, Any], question_id: str) -> Numeric:
    van, pair, best, model = case["van"], case["pair"], case["best"], case["model"]
    ratio = 2 * van / pair
    lines = [_pay_line(model, n) for n in (best - 1, best, best + 1)]
    return Numeric(
        id=question_id,
        points=2,
        prompt=f"Mill Street's shops consider sharing a van that costs {van:,} € a year; each "
        f"pair of partners costs {pair:,} € a year to coordinate. Which number of firms gives "
        "the lowest cost per firm? Answer in firms (a whole number).",
        answer=float(best),
        unit="firms",
        abs_tol=0.0,
        rel_tol=1e-9,
        misconceptions=(
            NumericMisconception(
                ratio**0.5,
                "that is the continuous optimum √(2F/k); a "
                "network has a whole number of firms: compare the cost per firm at the "
                "whole numbers on either side.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                MILL_STREET_SHOPS,
                "more firms share the van, but coordination grows "
                "with every pair: the cheapest size is smaller.",
                rel_tol=1e-9,
            ),
        ),
        hint="Set the explorer to these costs, or compute F/n + k(n − 1)/2 for "
        f"n = {best - 1}, {best}, {best + 1}.",
        explanation=f"√(2 × {van:,} / {pair:,}) = √{ratio:.4g} ≈ {ratio**0.5:.2f}. Compare the "
        f"neighbours: {lines[0]} each; {lines[1]}; {lines[2]}. "
        f"{case['word'].capitalize()} firms is cheapest.",
    )


def _task_cost(case: Mapping[str, Any], question_id: str) -> Numeric:
    van, pair, best = case["van"], case["pair"], case["best"]
    share = van / best
    return Numeric(
        id=question_id,
        points=2,
        prompt="At that best size, what does each Mill Street firm pay per year for the van "
        "and its coordination? Answer in € per year.",
        answer=case["cost"],
        unit="€ per year",
        rel_tol=0.002,
        misconceptions=(
            NumericMisconception(
                share,
                "that is only the van's share; add each firm's share of the coordination cost.",
            ),
        ),
        hint=f"Cost per firm = {van:,} / n + {pair:,} × (n − 1) / 2.",
        explanation=f"With {best} firms: {van:,} / {best} {'=' if van % best == 0 else '≈'} "
        f"{share:,.0f} € for the van plus {pair:,} × {best - 1} / 2 = "
        f"{pair * (best - 1) / 2:,.0f} € of coordination: about {case['cost']:,.0f} € per "
        f"firm per year, against {van:,} € alone.",
    )


_TASK_TYPE = MultipleChoice(
    id="01.task.type",
    points=2,
    prompt="Which kind of network is the Mill Street van?",
    options={
        "a": "A horizontal resource-sharing network of neighbouring firms",
        "b": "A vertical supply chain",
        "c": "An innovation network",
        "d": "A virtual network",
    },
    correct="a",
    misconceptions={
        "b": "The shops do not supply each other; they share an asset.",
        "c": "Nothing new is being developed; a cost is being shared.",
        "d": "The shops are on one street and share a physical van.",
    },
    praise="Right: neighbours at the same stage sharing an asset.",
    hint="Do the shops supply each other, or share something?",
    explanation="The shops are peers on one street pooling a resource: horizontal "
    "collaboration within a small geographic cluster.",
)

_TASK_GOVERNANCE = MultipleChoice(
    id="01.task.governance",
    points=2,
    prompt="Two months in, one shop uses the van far more than the others but pays the "
    "same share. What is the best first response?",
    options={
        "a": "Split the cost by recorded use, with a shared booking log everyone can see",
        "b": "Say nothing to keep the peace",
        "c": "Expel the shop at once",
        "d": "Let each shop buy its own van",
    },
    correct="a",
    misconceptions={
        "b": "Unaddressed free-riding erodes the others' willingness to contribute.",
        "c": "Exclusion is a last resort; first make use visible and the rules fair.",
        "d": "That throws away the pooling saving for everyone.",
    },
    praise="Right: monitoring (the log) and a fair rule tying cost to use remove the "
    "gain from free-riding without breaking the network.",
    hint="Which option makes use visible and the rule fair?",
    explanation="Good governance makes contributions and use visible and links what a "
    "member pays to what it takes. A booking log with cost by use does both.",
)

#: The open parameters of practice mode: van cost and coordination cost per pair (€ a
#: year), and the two multiple-choice questions' option texts in the order they are shown
#: (texts, not letters: the order tells nothing of which option is right).
PRACTICE_POOLING = {
    "asset_cost": 40_000,
    "coordination_cost": 2_500,
    "type_options": list(_TASK_TYPE.options.values()),
    "governance_options": list(_TASK_GOVERNANCE.options.values()),
}


def _cost_keywords(cost: float) -> tuple[str, ...]:
    """How students write a cost per firm such as 12,916.67 €: "12,917", "12917", "12.9k",
    "12 917", "12.917"; prefixes such as "12,9" match the longer forms too."""
    whole = round(cost)
    thousands, hundreds = whole // 1_000, whole % 1_000 // 100
    forms = (f"{thousands},{hundreds}", f"{thousands} {hundreds}", f"{whole}", f"{whole:,}",
             f"{thousands}.{hundreds}", f"{cost / 1_000:.1f}")  # fmt: skip
    return tuple(dict.fromkeys(forms))


def _task_memo(case: Mapping[str, Any], question_id: str) -> FreeText:
    van, best, word, cost = case["van"], case["best"], case["word"], case["cost"]
    return FreeText(
        id=question_id,
        points=4,
        instructor_graded=True,
        prompt="Write a short recommendation (80–150 words) to the Mill Street shop owners: "
        "how many firms should share the van, what each would pay, which rules they need, "
        "and how they should start.",
        rubric=(
            RubricPoint(
                "the recommended size", (word, f"{best} firms", f"{best} shops", f"{word} firms")
            ),
            RubricPoint("the cost per firm", _cost_keywords(cost)),
            RubricPoint("coordination cost rising with partners", ("coordination", "pairs")),
            RubricPoint("rules against free-riding", ("free-rid", "booking", "log", "by use")),
            RubricPoint("starting small and building trust", ("pilot", "trust", "start small")),
        ),
        model_answer=f"{word.capitalize()} shops should share the van: each then pays about "
        f"{cost:,.0f} € a year instead of {van:,} € alone. Adding a {ordinal(best + 1)} shop "
        "would cost more, because coordination grows with every pair of partners. The shops "
        "should agree in writing who books the van and keep a shared booking log, and split "
        "costs by use so no shop can free-ride. They should start with a three-month pilot, "
        "meet monthly to review it, and build trust before signing a longer agreement.",
        min_words=60,
        hint="Cover size, cost, rules and first steps.",
        explanation=f"A strong memo gives the size ({best}) and the cost per firm "
        f"(≈{cost:,.0f} €), explains why more partners would cost more (coordination grows "
        "with pairs), sets rules that stop free-riding (booking log, cost by use), and "
        "proposes a pilot.",
    )


_VAN_BUILDERS: dict[str, Callable[[Mapping[str, Any], str], Question]] = {
    "01.task.size": _task_size,
    "01.task.cost": _task_cost,
    "01.task.memo": _task_memo,
}
_VAN_CHOICES = {
    "01.task.type": (_TASK_TYPE, "type_options"),
    "01.task.governance": (_TASK_GOVERNANCE, "governance_options"),
}


def build_van_question(parameters: Mapping[str, Any], question_id: str) -> Question:
    """The graded question ``question_id`` of the Mill Street van for ``parameters``."""
    if question_id in _VAN_CHOICES:
        question, order = _VAN_CHOICES[question_id]
        return _in_order(question, parameters[order])
    return _VAN_BUILDERS[question_id](_van_case(parameters), question_id)


GRADED_TASK = GradedTask(
    notebook="01",
    question_ids=("01.task.size", "01.task.cost", "01.task.type", "01.task.governance",
                  "01.task.memo"),
    practice=PRACTICE_POOLING,
    draw=draw_van_task,
    build=build_van_question,
)  # fmt: skip


#: The free-riding explorer's fund as it opens, and the same fund with twice the members:
#: the numbers of the challenges questions' explanations.
_FUND = PublicGoodsGame()
_BIGGER_FUND = PublicGoodsGame(n_firms=2 * _FUND.n_firms)

QUESTIONS = (
    Classification(
        id="01.what.components",
        prompt="Sweet Crumb Bakery, Corner Coffee and QuickHop Delivery form a small network. "
        "Match each fact about it to the component of a collaborative network it describes.",
        items={
            "The three owners meet on the first Monday of every month": "interactions",
            "Together they want breakfast orders delivered within 30 minutes": "shared goals",
            "A written agreement says who decides on delivery prices": "governance",
            "Orders travel from the café's till to the driver's phone app": "technology",
            "The bakery, the café and the delivery firm": "participants",
        },
        categories=COMPONENTS,
        misconceptions={
            "The three owners meet on the first Monday of every month": "Regular contact is "
            "how relationships and trust grow: that is the interactions component.",
            "Together they want breakfast orders delivered within 30 minutes": "An objective "
            "the members pursue together is a shared goal.",
            "A written agreement says who decides on delivery prices": "Rules on who decides "
            "what are the network's governance.",
            "Orders travel from the café's till to the driver's phone app": "The tools that "
            "carry information between members are the technology component.",
            "The bakery, the café and the delivery firm": "The independent firms themselves are "
            "the participants.",
        },
        hint="Ask of each fact: is it about who, what for, how they talk, who decides, or "
        "with which tools?",
        explanation="Participants are who takes part; shared goals are what they want "
        "together; interactions are their meetings and exchanges; governance is who decides "
        "and how; technology is the tools that carry orders and information.",
    ),
    MultipleChoice(
        id="01.what.definition",
        prompt="Which of these is NOT a collaborative network?",
        options={
            "a": "Five independent bookshops that order from publishers together",
            "b": "A bakery that buys flour from a wholesaler at the list price, order by order",
            "c": "A café, a bakery and a courier that share customers and a delivery schedule",
            "d": "Ten craft firms that share a stand at a trade fair and split its cost",
        },
        correct="b",
        misconceptions={
            "a": "The bookshops stay independent but pursue a shared goal (better prices) "
            "together: that is a collaborative network.",
            "c": "This is the running example: independent firms with shared goals, regular "
            "interaction and some rules. A collaborative network.",
            "d": "Sharing a stand and its cost for a common purpose is collaboration.",
        },
        praise="Right: buying at list price, order by order, is an ordinary market exchange. "
        "There is no shared goal and no ongoing relationship beyond the sale.",
        hint="A network needs a goal the members pursue together, not just a sale.",
        explanation="Collaboration means independent firms working towards a shared goal over "
        "time. A one-off purchase at the list price is a market transaction: each side "
        "pursues only its own goal.",
    ),
    Classification(
        id="01.what.benefits",
        prompt="Match each example to the main benefit of collaborating that it shows.",
        items={
            "Four shops fund one joint advertising campaign and split its cost": "resource pooling",
            "A brewery sells in a new region through a distributor's outlets": "market access",
            "A software firm and a university lab build an AI feature": "expertise and innovation",
            "Farmers share one warehouse and one delivery route": "efficiency",
            "When one supplier fails, partners lend each other stock": "resilience",
            "A shop sponsors a well-known local charity's festival": "brand and reputation",
            "Independent bookshops negotiate a better discount together": "bargaining power",
        },
        categories=BENEFITS,
        misconceptions={
            "A brewery sells in a new region through a distributor's outlets": "Reaching "
            "customers you could not reach alone is market access.",
            "Farmers share one warehouse and one delivery route": "Doing the same work with "
            "less effort and overhead is efficiency; here the process itself gets leaner.",
            "When one supplier fails, partners lend each other stock": "Absorbing a shock "
            "together is resilience.",
            "Independent bookshops negotiate a better discount together": "Negotiating as one "
            "larger buyer is bargaining power.",
        },
        hint="Ask what each firm gets that it could not get alone: lower cost, customers, "
        "know-how, leaner work, protection, reputation, or negotiating weight.",
        explanation="Pooling shares a cost; market access opens customers; expertise and "
        "innovation bring know-how; efficiency streamlines work; resilience absorbs shocks; "
        "brand borrows a partner's reputation; bargaining power comes from buying as one.",
    ),
    DeferredQuestion("01.pooling.cost", _pooling_cost),
    MultipleChoice(
        id="01.pooling.optimum",
        prompt="The coordination cost per pair of partners doubles (say, partners are now in "
        "different towns). What happens to the network size with the lowest cost per firm?",
        options={
            "a": "It stays the same: the van costs the same",
            "b": "It halves",
            "c": "It shrinks, by a factor of about 1.4 (the square root of 2)",
            "d": "It grows, because there is more cost to share",
        },
        correct="c",
        misconceptions={
            "a": "The best size balances the van's falling share against the rising "
            "coordination cost; if one side changes, the balance point moves.",
            "b": "The best size is the square root of 2 × van cost / pair cost, so doubling "
            "the pair cost divides it by √2 ≈ 1.41, not by 2. Try it in the explorer.",
            "d": "Coordination costs are not shared away: they grow with every extra partner, "
            "so dearer coordination makes large networks worse, not better.",
        },
        praise="Right: the best size is √(2 × van cost / pair cost); doubling the pair cost "
        "divides it by √2.",
        hint="Double the coordination slider in the explorer and watch the marked minimum.",
        explanation="Cost per firm is F/n + k(n − 1)/2. It is lowest where the two slopes "
        "balance, at n* = √(2F/k). With F = 36,000 and k = 1,500, n* ≈ 6.9; with k = 3,000, "
        "n* ≈ 4.9.",
    ),
    VariantNumeric(
        id="01.pooling.yours",
        prompt="Your own case (your numbers differ from your neighbours'): a shared asset "
        "costs {van:,} € a year and coordinating costs {pair:,} € a year for each pair of "
        "partners. Find the network size with the lowest cost per firm: what does each firm "
        "pay then? Answer in € per year.",
        make=own_pooling_case,
        unit="€ per year",
        rel_tol=0.005,
        hint="Set the explorer's sliders to your two numbers and find the cheapest size, or "
        "compare F/n + k(n − 1)/2 for the whole numbers around √(2F/k).",
        explanation="√(2 × {van:,} / {pair:,}) ≈ {root:.2f}; comparing the whole numbers on "
        "either side, {best} firms is cheapest: {van:,} / {best} + {pair:,} × ({best} − 1) / 2 "
        "= {answer:,.0f} € per firm per year.",
    ),
    DeferredQuestion("01.reach.union", _reach_union),
    MultipleChoice(
        id="01.reach.similarity",
        prompt="In the reach explorer, push the audience similarity towards 1 (the café's "
        "customers are mostly the bakery's customers anyway). What does the partnership do "
        "for the bakery's reach?",
        options={
            "a": "It adds little: most of the café's customers already know the bakery",
            "b": "It doubles the bakery's reach",
            "c": "It always adds the café's whole audience",
        },
        correct="a",
        misconceptions={
            "b": "Only new households raise reach; with similar audiences few are new.",
            "c": "That is true only when the audiences do not overlap at all.",
        },
        praise="Right: market access comes from partners whose customers you do not already "
        "have. Complementary audiences, not similar ones, widen reach.",
        hint="Watch the 'new customers for the bakery' bar as similarity rises.",
        explanation="With identical audiences the union of customers equals the larger "
        "audience: nothing new. Partners bring market access in proportion to how different "
        "their customers are.",
    ),
    Classification(
        id="01.types.match",
        prompt="Match each network to its type.",
        items={
            "Farmers, a food hub and restaurants coordinate deliveries of produce": "supply chain",
            "Hotels, restaurants and tour guides market the valley as one destination": "customer",
            "Solar installers and a university lab develop a cheaper panel mount": "innovation",
            "Forty furniture makers in one district share a training centre": "geographic cluster",
            "Freelance designers in six countries bid together on an online marketplace": "virtual",
        },
        categories=TYPES,
        misconceptions={
            "Farmers, a food hub and restaurants coordinate deliveries of produce": "Goods "
            "move from producer to user through the members: a supply-chain network.",
            "Hotels, restaurants and tour guides market the valley as one destination": "They "
            "join around the same visitors' experience: a customer network.",
            "Solar installers and a university lab develop a cheaper panel mount": "The "
            "aim is a new product developed with research partners: an innovation network.",
            "Forty furniture makers in one district share a training centre": "What binds "
            "them is being close together in one place: a geographic cluster.",
            "Freelance designers in six countries bid together on an online marketplace": "They "
            "are far apart and work together online: a virtual network.",
        },
        hint="Look for the glue: moving goods, serving the same customers, developing "
        "something new, being in the same place, or working online.",
        explanation="Supply-chain networks link stages of making and moving goods; customer "
        "networks gather firms around the same customers; innovation networks develop new "
        "products or services; clusters are defined by place; virtual networks by working "
        "online across distance.",
    ),
    MultipleChoice(
        id="01.types.direction",
        prompt="Three independent bookshops pool their orders to get a bigger discount from "
        "a publisher. Is this network horizontal or vertical?",
        options={
            "a": "Horizontal: the members do the same kind of business at the same stage",
            "b": "Vertical: the members are at different stages of the chain",
            "c": "Neither: buying together is not collaboration",
        },
        correct="a",
        misconceptions={
            "b": "The publisher is the seller, not a member. The members (three bookshops) "
            "are all retailers, at the same stage: horizontal.",
            "c": "Pooling orders to gain bargaining power is a classic reason to collaborate.",
        },
        praise="Right: peers at the same stage pooling volume is horizontal collaboration.",
        hint="Compare the members with each other, not with the firm they buy from.",
        explanation="Horizontal networks join firms at the same stage (often competitors or "
        "peers); vertical networks join firms along a chain, like a bakery supplying a café.",
    ),
    DeferredQuestion("01.types.saving", _types_saving),
    MultipleChoice(
        id="01.challenges.decay",
        prompt="In the free-riding explorer without governance, contributions to the shared "
        "marketing fund fall period after period. Why?",
        options={
            "a": "The fund earns less each period",
            "b": "Each € a firm keeps returns more to it than a € it puts in, and "
            "cooperators lower their contributions when they see others give less",
            "c": "Firms run out of money",
            "d": "The model forces contributions to fall",
        },
        correct="b",
        misconceptions={
            "a": "The fund's multiplier stays the same in every period.",
            "c": "Every firm gets the same budget each period; nobody runs out.",
            "d": "Nothing forces them: each firm follows its own rule. Free riders give "
            "little, and conditional cooperators follow what others gave last period.",
        },
        praise="Right: a € kept returns 1 €, a € contributed returns only multiplier / N to "
        "the giver; conditional cooperators then match the falling average.",
        hint="Compare what a firm gets back from one € it contributes with one € it keeps.",
        explanation=f"With {_FUND.n_firms} firms and a multiplier of {_FUND.multiplier:g}, "
        f"each € contributed returns {_FUND.multiplier:g} / {_FUND.n_firms} = "
        f"{_FUND.mpcr:.2f} € to the giver. Free riders keep their money; conditional "
        f"cooperators give {_FUND.matching_slope:.0%} of the average they saw, and the "
        "free riders' zeros pull that average down, so it slides.",
    ),
    MultiSelect(
        id="01.challenges.remedy",
        prompt="Which measures help a network keep free-riding in check? Tick all that apply.",
        options={
            "a": "Make contributions visible to all members",
            "b": "Agree on penalties for members who give less than agreed",
            "c": "Add more members so the fund is larger",
            "d": "Tie access to shared benefits to one's contribution",
            "e": "Hope that members' goodwill stays high",
        },
        correct=frozenset({"a", "b", "d"}),
        misconceptions={
            "c": "With more members each € contributed returns even less to the giver "
            f"(multiplier / N falls: {_FUND.mpcr:.2f} € with {_FUND.n_firms} firms, "
            f"{_BIGGER_FUND.mpcr:.2f} € with {_BIGGER_FUND.n_firms}), so the temptation to "
            "free-ride grows and conditional cooperators give less: in the explorer "
            "contributions fade faster in a larger network (Isaac and Walker, 1988, saw the "
            "same in the laboratory).",
            "e": "Goodwill alone decays: conditional cooperators lower their contributions "
            "when they see others give less.",
        },
        missed={
            "a": "Monitoring, making contributions visible, is the base of governance.",
            "b": "Sanctions make withholding costly.",
            "d": "Excluding non-contributors from the benefit removes the gain from free-riding.",
        },
        hint="Think about what makes withholding costly or visible.",
        explanation="Monitoring, sanctions and linking benefits to contributions all cut the "
        "private gain from free-riding. Adding members dilutes each giver's return, so "
        "contributions fade faster; goodwill without rules erodes.",
    ),
    Classification(
        id="01.challenges.symptoms",
        prompt="Match each warning sign in a network to the challenge it shows.",
        items={
            "A member stops sharing sales figures after a partner opened a rival shop": "trust",
            "The café wants long opening hours; the bakery closes at 2 pm": "conflicting interests",
            "Nobody knows who should book the van on bank holidays": "coordination",
            "One member uses the joint advertising but never pays its share": "free-riding",
            "The bakery may no longer choose its own delivery partner": "loss of autonomy",
            "A partner copies the bakery's secret sourdough recipe": "knowledge leakage",
        },
        categories=CHALLENGES,
        hint="Each sign matches exactly one challenge.",
        explanation="Withholding information signals eroding trust; clashing goals are "
        "conflicting interests; unclear roles are a coordination problem; enjoying without "
        "paying is free-riding; giving up own decisions is loss of autonomy; losing a "
        "secret to a partner is knowledge leakage.",
    ),
    MultipleChoice(
        id="01.start.first",
        prompt="The owner of a small print shop wants to start collaborating. What should come "
        "first?",
        options={
            "a": "Sign a formal contract with as many partners as possible",
            "b": "Be clear about what she needs and wants to achieve",
            "c": "Buy a collaboration software platform",
            "d": "Start a large joint project to prove the idea",
        },
        correct="b",
        misconceptions={
            "a": "Many partners and formal contracts come later, once trust exists; they "
            "also bring coordination costs.",
            "c": "Tools support collaboration with a purpose; they do not create one.",
            "d": "Start small: a pilot with one or two partners builds trust at low risk.",
        },
        praise="Right: goals come first; they tell her which partners and which network type "
        "to look for.",
        hint="Which step tells her whom to look for?",
        explanation="First steps: clarify needs and goals; map existing relationships; look for "
        "complementary partners; start small and build trust; agree roles; use simple tools; "
        "talk regularly; measure results.",
    ),
    *GRADED_TASK.practice_questions(),
)
