"""Questions of notebook 01 "Fundamentals".

Numeric keys are computed with the course's own models, so a change to a model's
defaults cannot leave a stale answer key behind. The graded task (section 8, a van
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
from collabkit.assess.results import ResultNumber
from collabkit.core.words import number_word, ordinal, plural
from collabkit.models.pooling import CostPooling
from collabkit.models.public_goods import PublicGoodsGame
from collabkit.models.purchasing import GroupPurchasing
from collabkit.models.reach import MarketReach

SECTIONS = {
    "01.what": "What a collaborative network is, and why join one",
    "01.pooling": "Why collaborate: sharing costs",
    "01.reach": "Why collaborate: reaching more customers",
    "01.types": "Types of networks and buying power",
    "01.tensions": "Tensions: rivals as partners, autonomy, shocks",
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


def own_pooling_case(rng) -> tuple[dict, float, tuple[NumericMisconception, ...]]:
    """A student's own cost-pooling case: asset and pair costs drawn so that exactly one
    whole network size is cheapest (at least 1 % below both neighbours); the answer is the
    cost per firm at that size (€ per year), with the case's common wrong numbers."""
    while True:
        van = int(rng.choice(np.arange(24_000, 60_001, 6_000)))
        pair = int(rng.choice(np.arange(1_000, 4_001, 500)))
        model = CostPooling(float(van), float(pair), max_firms=30)
        best = model.optimal_size()
        cost = model.cost_per_firm(best)
        neighbours = [model.cost_per_firm(n) for n in (best - 1, best + 1) if n >= 1]
        if all(c > cost * 1.01 for c in neighbours):
            values = {"van": van, "pair": pair, "root": (2 * van / pair) ** 0.5, "best": best}
            wrong = (
                NumericMisconception(
                    van / best,
                    f"that is only the asset's share at {best} firms; add each firm's share "
                    "of the coordination cost, k(n − 1)/2.",
                ),
                NumericMisconception(
                    van / best + pair * best * (best - 1) / 2,
                    "you charged each firm the coordination cost of all pairs; the pairs' "
                    "cost is shared by the firms: k(n − 1)/2 each.",
                ),
                NumericMisconception(
                    float(best),
                    "that is the cheapest size; the question asks what each firm pays then.",
                    rel_tol=1e-9,
                ),
            )
            return values, round(cost, 2), wrong


COMPONENTS = ["participants", "shared goals", "interactions", "governance", "technology"]
TYPES = ["supply chain", "customer", "innovation", "geographic cluster", "virtual", "functional"]
TENSIONS = [
    "collaboration vs competition",
    "autonomy vs interdependence",
    "no tension: a plain purchase",
]
CHALLENGES = [
    "trust",
    "conflicting interests",
    "coordination",
    "free-riding",
    "loss of autonomy",
    "knowledge leakage",
]


def _pooling_cost(question_id: str) -> Numeric:
    table = POOLING.run().set_index("n_firms")
    cost_at_5 = float(table.loc[5, "cost_per_firm"])
    van_share = float(table.loc[5, "asset_share"])
    all_pairs = POOLING.coordination_cost * 5 * 4 / 2
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
                van_share,
                "that is only the van's share (36,000 / 5); "
                "each firm also carries part of the coordination cost.",
            ),
            NumericMisconception(
                van_share + all_pairs,
                "you charged each firm the "
                "coordination cost of all 10 pairs; the pairs' cost is shared by the 5 firms.",
            ),
        ),
        hint="Per firm: the van's cost divided by n, plus 1,500 × (n − 1) / 2.",
        explanation="With n = 5 there are 5 × 4 / 2 = 10 pairs, costing 15,000 € a year in all, "
        "or 3,000 € per firm. The van costs 36,000 / 5 = 7,200 € per firm. "
        "Total: 7,200 + 3,000 = 10,200 € per firm per year.",
        concepts=("resource-pooling", "coordination-cost"),
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
                REACH_PAIR.households * REACH_PAIR.reach[0] * REACH_PAIR.reach[1],
                "that is only the households that "
                "know both firms (the overlap), not everyone reached.",
            ),
        ),
        hint="Start from the share of households that know neither firm: 0.70 × 0.75.",
        explanation="The share reached by neither is 0.70 × 0.75 = 0.525, so 1 − 0.525 = 0.475 "
        "of households are reached by at least one: 0.475 × 20,000 = 9,500. Adding the "
        "audiences (6,000 + 5,000 = 11,000) counts the 1,500 shared households twice.",
        concepts=("market-access",),
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
        misconceptions=(
            NumericMisconception(
                float(PURCHASING.run()["saving"].sum()),
                "that is the whole group's saving (or the 10 % tier, which needs 10,000 "
                "units); the question asks for the bakery's share: its own units only.",
            ),
            NumericMisconception(
                0.0,
                "that is what the bakery saves alone (its 4,000 units stay below the first "
                "tier); buying together, the group's total reaches it.",
                abs_tol=0.5,
            ),
            NumericMisconception(
                float(bakery["cost_group"].iloc[0]),
                "that is what the bakery pays in the group; the saving is what it pays "
                "alone minus that.",
            ),
        ),
        hint="Find the discount tier the group's total volume reaches, then apply it to the "
        "bakery's own purchases.",
        explanation="Alone, the bakery's 4,000 units stay below the first discount tier. "
        "Together the three firms buy 8,000 units, which earns 5% off every unit: "
        "4,000 × 2 € × 5% = 400 € a month for the bakery.",
        concepts=("bargaining-power",),
    )


# --- tasks answered with the learner's own pandas code (collabkit.answer) --------------
#: The van of the pooling code task (€ a year) and its coordination cost per pair.
CODE_VAN, CODE_PAIR = 48_000, 2_000
#: Monitoring and fine of the free-riding code task.
CODE_MONITORING, CODE_FINE = 0.5, 1.0


def _pooling_code(question_id: str) -> ResultNumber:
    table = CostPooling(float(CODE_VAN), float(CODE_PAIR), 30).run()
    best = table.loc[table["cost_per_firm"].idxmin()]
    dearest = table.loc[table["cost_per_firm"].idxmax()]
    return ResultNumber(
        id=question_id,
        prompt=f"Write a few lines of pandas: costs = chapter.pooling_table(asset_cost="
        f"{CODE_VAN:_}, coordination_cost={CODE_PAIR:_}) gives one row per network size. "
        "What is the lowest cost per firm in the table (€ per year)? Compute it in code "
        "and pass the number.",
        answer=float(best["cost_per_firm"]),
        unit="€ per year",
        rel_tol=0.001,
        misconceptions=(
            NumericMisconception(
                float(best["n_firms"]),
                "that is the best network size (the n_firms of the cheapest row); the "
                "question asks for its cost: costs['cost_per_firm'].min().",
                rel_tol=1e-9,
            ),
            NumericMisconception(
                float(dearest["cost_per_firm"]),
                "that is the dearest row ("
                + (
                    "a firm alone"
                    if dearest["n_firms"] == 1
                    else plural(int(dearest["n_firms"]), "firm")
                )
                + "); use .min(), not .max().",
                rel_tol=0.001,
            ),
            NumericMisconception(
                float(table["asset_share"].min()),
                "that is the smallest van share, reached by the largest network; the "
                "coordination share is missing: look at the cost_per_firm column.",
                rel_tol=0.001,
            ),
        ),
        hint="costs['cost_per_firm'].min(), or costs.sort_values('cost_per_firm').head(1).",
        explanation=f"costs['cost_per_firm'].min() gives {best['cost_per_firm']:,.0f} € a "
        f"year, at {int(best['n_firms'])} firms (costs.loc[costs['cost_per_firm'].idxmin()] "
        "shows the whole row).",
        concepts=("resource-pooling", "coordination-cost"),
    )


def _free_riding_code(question_id: str) -> ResultNumber:
    runs = PublicGoodsGame(monitoring=CODE_MONITORING, fine=CODE_FINE).compare()
    means = runs.groupby("governance")["mean_contribution"].mean()
    gap = float(means["monitoring and sanctions"] - means["no governance"])
    last = runs.groupby("governance")["mean_contribution"].last()
    shares = runs.groupby("governance")["share_of_endowment"].mean()
    return ResultNumber(
        id=question_id,
        prompt=f"Write a few lines of pandas: runs = chapter.free_riding_table(monitoring="
        f"{CODE_MONITORING}, fine={CODE_FINE}) stacks the fund without and with governance, "
        "one row per period. Over the ten periods, by how much does the average "
        "contribution per firm with governance exceed the one without (€ per firm and "
        "period)? Compute it in code and pass the number.",
        answer=gap,
        unit="€",
        rel_tol=0.005,
        misconceptions=(
            NumericMisconception(
                float(last["monitoring and sanctions"] - last["no governance"]),
                "that is the gap in the last period only; average over all ten periods "
                "first (groupby('governance')['mean_contribution'].mean()).",
                rel_tol=0.005,
            ),
            NumericMisconception(
                -gap,
                "you subtracted the other way round (the ungoverned average minus the "
                "governed one; groupby lists 'monitoring and sanctions' first, so .diff() "
                "does this too); the governed fund gives more, so the gap is positive.",
                rel_tol=0.005,
            ),
            NumericMisconception(
                float(means["monitoring and sanctions"]),
                "that is the governed fund's average alone; subtract the ungoverned one.",
                rel_tol=0.005,
            ),
            NumericMisconception(
                float(shares["monitoring and sanctions"] - shares["no governance"]),
                "that is the gap in shares of the endowment; the question asks in €.",
                rel_tol=0.005,
            ),
        ),
        hint="runs.groupby('governance')['mean_contribution'].mean(), then subtract.",
        explanation=f"runs.groupby('governance')['mean_contribution'].mean() gives "
        f"{means['monitoring and sanctions']:.1f} € with governance and "
        f"{means['no governance']:.1f} € without: a gap of {gap:.1f} € per firm and period. "
        "Monitoring and a fine make holding back costly, so contributions fall more slowly.",
        concepts=("free-riding", "governance"),
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
        concepts=("resource-pooling", "coordination-cost"),
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
        concepts=("resource-pooling",),
    )


_TASK_TYPE = MultipleChoice(
    id="01.task.type",
    points=2,
    prompt="Which kind of network is the Mill Street van, judged by what binds its members?",
    options={
        "a": "A functional network: peers sharing one business task, delivery",
        "b": "A vertical supply chain: each shop passes its goods to the next",
        "c": "A geographic cluster: being on one street is what binds them",
        "d": "A customer network: the shops exist to serve the same buyers",
    },
    correct="a",
    misconceptions={
        "b": "The shops do not supply each other: each sells its own goods. They share a "
        "van for the same task, delivery.",
        "c": "Being neighbours makes sharing easy, but what binds them is the task they "
        "run together (delivery), not the place: a van shared by shops in three towns "
        "would be the same network.",
        "d": "A florist, a deli and a bookshop serve different customers; they join to do "
        "one job, delivery, more cheaply.",
    },
    praise="Right: a functional network gathers firms around one business function (here "
    "delivery), and since the shops are peers at the same stage it is also horizontal.",
    hint="Ask what the shops do together, not where they are.",
    explanation="Networks are typed by what binds their members. The Mill Street shops "
    "share one function, delivery: a functional network, horizontal because they are "
    "peers at the same stage. Their closeness helps, but it is not the purpose.",
    concepts=("functional-network", "horizontal-vertical"),
)

_TASK_GOVERNANCE = MultipleChoice(
    id="01.task.governance",
    points=2,
    prompt="Two months in, one shop uses the van far more than the others but pays the "
    "same share. What is the best first response?",
    options={
        "a": "Split the cost by recorded use, kept in a booking log all can see",
        "b": "Raise every shop's share a little so that the van stays affordable",
        "c": "Ask the heavy user to leave, so the others keep a fair share",
        "d": "Let each shop buy its own small van and stop sharing at all",
    },
    correct="a",
    misconceptions={
        "b": "That spreads the heavy user's extra cost over everyone and leaves its gain "
        "from over-using intact: the others pay more and start to hold back.",
        "c": "Exclusion is a last resort; first make use visible and the rules fair. The "
        "van also gets dearer per shop with one member fewer.",
        "d": "That throws away the pooling saving for everyone.",
    },
    praise="Right: monitoring (the log) and a fair rule tying cost to use remove the "
    "gain from free-riding without breaking the network.",
    hint="Which option makes use visible and the rule fair?",
    explanation="Good governance makes contributions and use visible and links what a "
    "member pays to what it takes. A booking log with cost by use does both.",
    concepts=("free-riding", "governance"),
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
        concepts=("first-steps", "free-riding", "coordination-cost"),
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
            "If two owners disagree, the third one's vote settles it": "governance",
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
            "If two owners disagree, the third one's vote settles it": "A rule for settling "
            "disagreements says who decides: governance, even when it is not written down.",
        },
        hint="Ask of each fact: is it about who, what for, how they talk, who decides, or "
        "with which tools?",
        explanation="Participants are who takes part; shared goals are what they want "
        "together; interactions are their meetings and exchanges; governance is who decides "
        "and how (two of the facts are governance); technology is the tools that carry "
        "orders and information.",
        concepts=("network-components",),
    ),
    MultipleChoice(
        id="01.what.definition",
        prompt="Which of these is NOT a collaborative network?",
        options={
            "a": "Five independent bookshops that order from publishers together",
            "b": "A bakery that buys flour from a wholesaler at the list price, order by order",
            "c": "A café, a bakery and a courier that share customers and a delivery schedule",
            "d": "Ten craft firms that share one stand at a trade fair and split its cost evenly",
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
        concepts=("collaborative-network",),
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
            "Three cafés sign one contract with a coffee roaster at a lower price": "bargaining "
            "power",
        },
        categories=BENEFITS,
        misconceptions={
            "Four shops fund one joint advertising campaign and split its cost": "Splitting "
            "the cost of something none would pay for alone is resource pooling; the campaign "
            "may bring customers, but the shops gain by sharing its cost.",
            "A software firm and a university lab build an AI feature": "Gaining know-how "
            "you lack to create something new is expertise and innovation.",
            "A shop sponsors a well-known local charity's festival": "Borrowing a partner's "
            "good name is brand and reputation.",
            "Three cafés sign one contract with a coffee roaster at a lower price": "Buying "
            "as one larger customer to win a better price is bargaining power, like the "
            "bookshops.",
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
        "brand borrows a partner's reputation; bargaining power comes from buying as one "
        "(two of the examples).",
        concepts=("why-collaborate",),
    ),
    DeferredQuestion("01.pooling.cost", _pooling_cost),
    MultipleChoice(
        id="01.pooling.optimum",
        prompt="The coordination cost per pair of partners doubles (say, partners are now in "
        "different towns). What happens to the network size with the lowest cost per firm?",
        options={
            "a": "It stays the same, because the van still costs the same",
            "b": "It halves, because each pair now costs twice as much",
            "c": "It shrinks by a factor of √2, to about 0.7 of before",
            "d": "It grows, because there is more cost to share out",
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
        concepts=("resource-pooling", "coordination-cost"),
    ),
    DeferredQuestion("01.pooling.code", _pooling_code),
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
        concepts=("resource-pooling", "coordination-cost"),
    ),
    DeferredQuestion("01.reach.union", _reach_union),
    MultipleChoice(
        id="01.reach.similarity",
        prompt="In the reach explorer, push the audience similarity towards 1 (the café's "
        "customers are mostly the bakery's customers anyway). What does the partnership do "
        "for the bakery's reach?",
        options={
            "a": "Little: most café customers already know the bakery",
            "b": "It doubles the bakery's reach, as the audiences add up",
            "c": "It adds the café's whole audience, whatever the overlap",
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
        concepts=("market-access",),
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
            "Five workshops in three towns share one accounts and payroll office": "functional",
            "A dairy, a cheese maker and a deli plan next year's milk together": "supply chain",
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
            "Five workshops in three towns share one accounts and payroll office": "They are "
            "not in one place and do not supply each other: they share one business "
            "function (back office), a functional network.",
            "A dairy, a cheese maker and a deli plan next year's milk together": "Milk moves "
            "from the dairy to the cheese maker to the deli: stages of one chain.",
        },
        hint="Look for the glue: moving goods, serving the same customers, developing "
        "something new, being in the same place, working online, or sharing one business "
        "function. Some types fit more than one example.",
        explanation="Supply-chain networks link stages of making and moving goods (two "
        "examples); customer networks gather firms around the same customers; innovation "
        "networks develop new products or services; clusters are defined by place; virtual "
        "networks by working online across distance; functional networks by one business "
        "function the members run together (delivery, accounts, purchasing).",
        concepts=("network-types", "functional-network"),
    ),
    MultipleChoice(
        id="01.types.direction",
        prompt="Three independent bookshops pool their orders to get a bigger discount from "
        "a publisher. Is this network horizontal or vertical?",
        options={
            "a": "Horizontal: all three shops are retailers at one stage",
            "b": "Vertical: the publisher and the three shops form a chain",
            "c": "Neither: buying together is not a collaboration at all",
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
        concepts=("horizontal-vertical", "bargaining-power"),
    ),
    DeferredQuestion("01.types.saving", _types_saving),
    MultipleChoice(
        id="01.tensions.coopetition",
        prompt="Two bakeries in one small town compete for the same walk-in customers. They "
        "could buy flour together and share one delivery van. What would you advise them?",
        options={
            "a": "Never work with a rival at all: whatever helps it will hurt you",
            "b": "Share flour and van; keep recipes, prices and customers apart",
            "c": "Share everything, recipes too, so that trust grows faster",
            "d": "Merge the two shops, since rivals cannot also be partners",
        },
        correct="b",
        misconceptions={
            "a": "Rivals gain together where they do not meet customers: both pay less for "
            "flour and delivery. Refusing throws away that saving and leaves both smaller "
            "than a chain competitor.",
            "c": "Recipes and customer lists are where they compete: sharing them leaks the "
            "knowledge that keeps each shop apart. Coopetition draws a line.",
            "d": "Firms can compete and cooperate at once (coopetition); merging gives up "
            "both owners' independence for a gain the partnership already brings.",
        },
        praise="Right: coopetition. Cooperate away from the customer (buying, logistics), "
        "compete at the counter, and protect what makes each firm different.",
        hint="Where do the two bakeries compete, and where would they only save?",
        explanation="Coopetition (Brandenburger and Nalebuff 1996; Bengtsson and Kock 2000) is "
        "cooperation between competitors: they create value together in activities far "
        "from the customer (purchasing, transport) and compete for the customer with what "
        "stays their own. The tension is managed by drawing the line explicitly.",
        concepts=("coopetition", "knowledge-leakage"),
    ),
    Classification(
        id="01.tensions.match",
        prompt="Which tension does each situation show? A tension may fit several situations; "
        "one situation shows none.",
        items={
            "Two florists share a cold room but bid against each other for weddings": TENSIONS[0],
            "A rival deli learns the bakery's suppliers at the joint buying meetings": TENSIONS[0],
            "The bakery must now bake to the café's menu instead of its own plan": TENSIONS[1],
            "If the courier fails, the café can no longer deliver breakfast at all": TENSIONS[1],
            "The bakery buys a box of napkins from a wholesaler at the list price": TENSIONS[2],
        },
        categories=TENSIONS,
        misconceptions={
            "Two florists share a cold room but bid against each other for weddings": "They "
            "are partners in one activity and rivals in another: collaboration vs "
            "competition (coopetition).",
            "A rival deli learns the bakery's suppliers at the joint buying meetings": "The "
            "partner is also a competitor, and cooperating lets it learn what gives the "
            "bakery its edge: collaboration vs competition.",
            "The bakery must now bake to the café's menu instead of its own plan": "The "
            "bakery gives up some freedom to decide alone in exchange for steady sales: "
            "autonomy vs interdependence.",
            "If the courier fails, the café can no longer deliver breakfast at all": "The "
            "café now depends on a partner for part of its business: autonomy vs "
            "interdependence (dependence).",
            "The bakery buys a box of napkins from a wholesaler at the list price": "A one-off "
            "purchase at list price creates no collaboration, so no tension between partners.",
        },
        hint="Is the partner also a rival? Or does working together cost a firm its freedom "
        "to act alone?",
        explanation="Collaboration vs competition: partners who also compete must share some "
        "things and protect others. Autonomy vs interdependence: the more a firm relies on "
        "partners, the more it gains and the less it decides alone. A plain purchase "
        "involves neither.",
        concepts=("coopetition", "autonomy-interdependence"),
    ),
    MultipleChoice(
        id="01.tensions.shock",
        prompt="A burst pipe shuts the bakery's oven for two weeks. Which arrangement would "
        "do most to keep the bakery itself in business through the shock?",
        options={
            "a": "More partners, so the network stays connected without the bakery",
            "b": "A pact to lend each other oven time and staff when one is hit",
            "c": "Selling more through the café, its best customer, in good times",
            "d": "Ties to every member, although none of them has spare capacity",
        },
        correct="b",
        misconceptions={
            "a": "That keeps the network connected (structural robustness), but the "
            "bakery still has no oven: the network survives, the firm may not.",
            "c": "Leaning on one customer raises dependence: if the café is hit too, the "
            "bakery loses both its oven and its sales.",
            "d": "Ties without slack cannot carry anyone through a shock: support needs "
            "partners who can lend something (oven time, stock, staff).",
        },
        praise="Right: firm-level resilience comes from mutual support, partners with "
        "capacity to lend who agreed beforehand to help.",
        hint="Which option gives the bakery an oven during the two weeks?",
        explanation="Firm-level resilience is a member's ability to absorb a shock with its "
        "partners' help: lent capacity, stock, staff or credit, agreed before the shock. "
        "It differs from structural robustness, which notebook 02 measures: whether the "
        "network stays connected when members leave.",
        concepts=("firm-resilience", "structural-robustness"),
    ),
    MultipleChoice(
        id="01.challenges.decay",
        prompt="In the free-riding explorer without governance, contributions to the shared "
        "marketing fund fall period after period. Why?",
        options={
            "a": "The fund pays back a little less in every period than before",
            "b": "A € kept beats a € given, and cooperators copy the falling mean",
            "c": "Firms run short of money, as each budget is smaller than the last",
            "d": "Members cannot see what the others give, so they all hold back",
        },
        correct="b",
        misconceptions={
            "a": "The fund's multiplier stays the same in every period.",
            "c": "Every firm gets the same budget each period; nobody runs out.",
            "d": "In the explorer everyone sees the network's average, and contributions "
            "still fall: free riders give nothing, and conditional cooperators follow the "
            "falling average. Visibility alone changes nothing without a consequence.",
        },
        praise="Right: a € kept returns 1 €, a € contributed returns only multiplier / N to "
        "the giver; conditional cooperators then match the falling average.",
        hint="Compare what a firm gets back from one € it contributes with one € it keeps.",
        explanation=f"With {_FUND.n_firms} firms and a multiplier of {_FUND.multiplier:g}, "
        f"each € contributed returns {_FUND.multiplier:g} / {_FUND.n_firms} = "
        f"{_FUND.mpcr:.2f} € to the giver. Free riders ({1 - _FUND.share_conditional:.0%} of "
        f"the firms by default) keep their money; conditional cooperators give "
        f"{_FUND.matching_slope:.0%} of the average they saw, and the free riders' zeros "
        "pull that average down, so it slides.",
        concepts=("free-riding", "conditional-cooperation"),
    ),
    MultiSelect(
        id="01.challenges.remedy",
        prompt="Which measures help a network keep free-riding in check? Tick all that apply.",
        options={
            "a": "Make contributions visible to all members",
            "b": "Agree on penalties for members who give less than agreed",
            "c": "Add more members so the fund is larger",
            "d": "Tie access to shared benefits to one's contribution",
            "e": "Keep contributions anonymous so nobody feels shamed",
        },
        correct=frozenset({"a", "b", "d"}),
        misconceptions={
            "c": "With more members each € contributed returns even less to the giver "
            f"(multiplier / N falls: {_FUND.mpcr:.2f} € with {_FUND.n_firms} firms, "
            f"{_BIGGER_FUND.mpcr:.2f} € with {_BIGGER_FUND.n_firms}), so the temptation to "
            "free-ride grows and conditional cooperators give less: in the explorer "
            "contributions fade faster in a larger network (Isaac and Walker, 1988, saw the "
            "same in the laboratory).",
            "e": "Anonymity hides the free riders, so nothing ties giving to getting: "
            "conditional cooperators still see the average fall and give less.",
        },
        missed={
            "a": "Monitoring, making contributions visible, is the base of governance.",
            "b": "Sanctions make withholding costly.",
            "d": "Excluding non-contributors from the benefit removes the gain from free-riding.",
        },
        hint="Think about what makes withholding costly or visible.",
        explanation="Monitoring, sanctions and linking benefits to contributions all cut the "
        "private gain from free-riding. Adding members dilutes each giver's return, so "
        "contributions fade faster; anonymity hides who holds back.",
        concepts=("free-riding", "governance"),
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
            "Each owner assumes another will book the room for the monthly meeting": "coordination",
        },
        categories=CHALLENGES,
        misconceptions={
            "A member stops sharing sales figures after a partner opened a rival shop": "It "
            "withholds information because it no longer relies on the partner: trust.",
            "The café wants long opening hours; the bakery closes at 2 pm": "Each firm's own "
            "goal pulls against the other's: conflicting interests.",
            "Nobody knows who should book the van on bank holidays": "Unclear roles and "
            "procedures are a coordination problem, not a lack of trust.",
            "One member uses the joint advertising but never pays its share": "Taking the "
            "benefit without paying is free-riding.",
            "The bakery may no longer choose its own delivery partner": "A decision the "
            "bakery used to take alone is now the network's: loss of autonomy.",
            "A partner copies the bakery's secret sourdough recipe": "Know-how shared with "
            "a partner ends up used by it: knowledge leakage.",
            "Each owner assumes another will book the room for the monthly meeting": "Nobody "
            "is assigned the task: a coordination problem, like the bank-holiday van.",
        },
        hint="Ask what has gone wrong: belief in a partner, goals, roles, paying, freedom to "
        "decide, or secrets. One challenge appears twice.",
        explanation="Withholding information signals eroding trust; clashing goals are "
        "conflicting interests; unclear roles are a coordination problem; enjoying without "
        "paying is free-riding; giving up own decisions is loss of autonomy; losing a "
        "secret to a partner is knowledge leakage.",
        concepts=("collaboration-challenges",),
    ),
    DeferredQuestion("01.challenges.code", _free_riding_code),
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
        concepts=("first-steps",),
    ),
    *GRADED_TASK.practice_questions(),
)
