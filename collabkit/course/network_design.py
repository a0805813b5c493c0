"""Questions of notebook 02 "Network design".

Keys are computed from the course's analysis functions and example networks, so the
answers always agree with what the notebook shows. Those questions are built when first
asked, and import the analysis and data modules they need then.

The graded task of section 7 (:data:`GRADED_TASK`) builds its two questions from
parameters: the governance situations shown, and the design brief (firms, logistics
providers, link budget, links per firm). Practice mode uses today's situations and
``DESIGN_BRIEF``; a course secret draws its own, and the model design is computed from the
brief (:func:`~collabkit.course.network_design_challenge.model_design`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import networkx as nx
import numpy as np

from collabkit.assess.assessed import GradedTask
from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    Question,
    Rubric,
)
from collabkit.core.words import number_word
from collabkit.course.examples import (
    DESIGN_BRIEF,
    MILLBROOK_FIRMS,
    MILLBROOK_LOGISTICS,
    mill_street,
)
from collabkit.course.network_design_challenge import DesignBrief, evaluate_design, model_design

SECTIONS = {
    "02.structures": "Structures",
    "02.design": "Designing a network: purpose and partners",
    "02.sna": "Reading a network: density, centrality, brokerage",
    "02.brokerage": "Brokers and structural holes: the Medici",
    "02.resilience": "Trade-offs: cost, reach, resilience and power",
    "02.manage": "Managing a network",
    "02.challenge": "Graded task: design the Millbrook delivery network",
}

MILL = mill_street()

FRANCHISE = "A franchisor coordinates 30 independent shops, which rarely talk to each other"
STUDIOS = "Eight design studios all share work and contacts with one another"
FARMS = "Farms sell to a mill, the mill to bakeries, bakeries to cafés"
GROUPS = "Three tight groups of firms, each with a lead firm that talks to the other leads"
SHARED = "shared governance"
LEAD = "lead organisation"
NAO = "network administrative organisation"
VAN = "Five neighbouring shops of similar size who trust each other share a van"
RETAILER = "A large retailer coordinates its 40 small suppliers"
TOURISM = "80 tourism firms of a region fund an office with a manager for joint marketing"

#: Situations of the graded governance question and the form that suits each best; a
#: course shows one of each form and one more, in a drawn order.
GOVERNANCE_SITUATIONS = {
    VAN: SHARED,
    "Four family farms that have worked together for years buy seed and fuel jointly": SHARED,
    "Six craft brewers who know each other well take turns at a shared market stall": SHARED,
    RETAILER: LEAD,
    "A car maker steers the 25 small workshops that make parts for it": LEAD,
    "A large hotel sets the rules for the 15 local laundries and caterers that serve it": LEAD,
    TOURISM: NAO,
    "120 wine growers pay a small agency with staff to run their joint brand": NAO,
    "60 engineering firms of similar size set up a secretariat to prepare joint bids": NAO,
}

#: Why each governance form suits its situations (the feedback on a misplaced situation).
GOVERNANCE_REASONS = {
    SHARED: "Few members with high trust can govern themselves together: shared governance.",
    LEAD: "One powerful member steering the others is a lead organisation.",
    NAO: "Many members and a need for skills call for a separate body: a network "
    "administrative organisation.",
}


def _design_complement(question_id: str) -> Numeric:
    from collabkit.analysis.partners import complementarity
    from collabkit.data.cluster import load_cluster

    bakery_cafe = float(complementarity(load_cluster(), "F01").loc["F02", "complementarity"])
    return Numeric(
        id=question_id,
        prompt="Sweet Crumb Bakery can do baking and catering; Corner Coffee can do coffee and "
        "events. What is Corner Coffee's complementarity for the bakery (the share of the "
        "pair's joint capabilities that only the café brings)? Answer as a share between 0 "
        "and 1.",
        answer=bakery_cafe,
        unit="",
        scale="share",
        abs_tol=0.01,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                bakery_cafe * 100,
                "that is a percentage; write the share as a number between 0 and 1.",
                rel_tol=0.001,
            ),
            NumericMisconception(
                2,
                "that is the number of new capabilities; divide it by "
                "the number of capabilities the pair has together.",
                rel_tol=0.001,
            ),
        ),
        hint="Count what the café brings that the bakery lacks, and divide by everything the "
        "two can do together.",
        explanation="The café brings coffee and events (2 new capabilities); together the pair "
        "can do 4 things. Complementarity = 2 / 4 = 0.5.",
    )


def _sna_density(question_id: str) -> Numeric:
    n, links = MILL.number_of_nodes(), MILL.number_of_edges()
    pairs = n * (n - 1) // 2
    density = nx.density(MILL)
    return Numeric(
        id=question_id,
        prompt=f"In the Mill Street network shown above ({n} firms, {links} partnerships), "
        "what share of all possible pairs of firms are partners (the density)? Answer as a "
        "share between 0 and 1.",
        answer=density,
        unit="",
        scale="share",
        abs_tol=0.005,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                links / n**2,
                f"you divided by {n} × {n} = {n**2}; a firm cannot partner itself and each "
                f"pair counts once: {n} × {n - 1} / 2 = {pairs} pairs.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                links / (n * (n - 1)),
                f"you counted each pair twice ({n} × {n - 1} = {n * (n - 1)}); there are "
                f"{pairs} possible pairs.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                2 * links / n,
                "that is the average number of partners per firm (each partnership has two "
                "ends); the density compares the partnerships with the possible pairs.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                100 * density,
                "that is a percentage; write the share as a number between 0 and 1.",
                rel_tol=0.02,  # 46.7 and the rounded 47 alike
            ),
        ),
        hint="Possible pairs among n firms: n(n − 1)/2.",
        explanation=f"{number_word(n).capitalize()} firms can form {n} × {n - 1} / 2 = "
        f"{pairs} pairs; {links} of them are partners: density = {links} / {pairs} ≈ "
        f"{density:.2f}.",
    )


def _sna_broker(question_id: str) -> MultipleChoice:
    from collabkit.analysis.network import node_metrics

    broker = str(node_metrics(MILL)["betweenness"].idxmax())
    options = {chr(ord("a") + i): name for i, name in enumerate(sorted(MILL.nodes))}
    broker_key = next(k for k, v in options.items() if v == broker)
    return MultipleChoice(
        id=question_id,
        prompt="In the Mill Street network, which firm lies on the most shortest paths "
        "between other firms (the highest betweenness)?",
        options=options,
        correct=broker_key,
        misconceptions={
            k: (
                "It has as many links as others, but the paths between the two halves of "
                "the street do not run through it."
                if v in ("Sweet Crumb Bakery", "Corner Coffee")
                else "Count the pairs of firms whose shortest path must pass through it; "
                "another firm joins the triangle to the rest of the street."
            )
            for k, v in options.items()
            if k != broker_key
        },
        praise=f"Right: every path from the triangle to the rest of the street runs through "
        f"{broker}.",
        hint="Which firm would split the street in two if it left?",
        explanation=f"{broker} joins the bakery and the café to the deli, the florist and "
        "the bookshop: every shortest path between the two sides passes through it "
        "(betweenness 0.65; the deli and the florist share the rest).",
    )


def _brokerage_medici(question_id: str) -> Numeric:
    betweenness = nx.betweenness_centrality(nx.florentine_families_graph())
    medici = float(betweenness["Medici"])
    runner_up = max((f for f in betweenness if f != "Medici"), key=betweenness.__getitem__)
    return Numeric(
        id=question_id,
        prompt="In the explorer of Florentine families, what is the Medici family's "
        "betweenness centrality (networkx's normalised value)? Answer with three decimals.",
        answer=medici,
        unit="",
        scale="share",
        abs_tol=0.002,
        rel_tol=0.0,
        hint="Hover over the Medici node or read the table under the network.",
        explanation=f"The Medici lie on {medici:.0%} of the shortest paths between other "
        f"families (betweenness ≈ {medici:.3f}), far more than any other family (the "
        f"{runner_up} come next at about {betweenness[runner_up]:.3f}).",
    )


# -- graded task: governance forms and the Millbrook delivery network ---------------------
#: Firms in a course's design brief, two of them logistics providers.
FIRMS_DRAWN = (9, 11)
#: Links a course's budget allows beyond the fewest a design meeting every goal needs.
SPARE_LINKS = (1, 3)
#: Links per firm a course's brief allows (at least what the model design needs).
LINKS_PER_FIRM = (3, 4)


def design_brief(parameters: Mapping[str, Any]) -> DesignBrief:
    """The design brief of the graded task with these parameters."""
    return DesignBrief(
        firms=tuple(parameters["firms"]),
        logistics=frozenset(parameters["logistics"]),
        max_links=int(parameters["max_links"]),
        max_links_per_firm=int(parameters["max_links_per_firm"]),
    )


def _draw_governance(rng: np.random.Generator) -> list[str]:
    """One situation of each governance form and one more, in a drawn order."""
    picked = [
        str(rng.choice([s for s, form in GOVERNANCE_SITUATIONS.items() if form == f]))
        for f in GOVERNANCE_REASONS
    ]
    rest = [s for s in GOVERNANCE_SITUATIONS if s not in picked]
    picked.append(str(rng.choice(rest)))
    return [picked[i] for i in rng.permutation(len(picked))]


def _draw_design(rng: np.random.Generator) -> dict[str, Any]:
    """Firms, logistics providers and limits of a brief that the model design meets."""
    size = int(rng.integers(FIRMS_DRAWN[0], FIRMS_DRAWN[1] + 1))
    providers = [str(f) for f in rng.choice(MILLBROOK_LOGISTICS, 2, replace=False)]
    others = [str(f) for f in rng.choice(MILLBROOK_FIRMS, size - 2, replace=False)]
    firms = [(providers + others)[i] for i in rng.permutation(size)]
    unlimited = DesignBrief(tuple(firms), frozenset(providers), size * size, size)
    model = nx.Graph(model_design(unlimited))
    busiest = max(degree for _, degree in model.degree)
    return {
        "firms": firms,
        "logistics": [firm for firm in firms if firm in providers],
        "max_links": model.number_of_edges()
        + int(rng.integers(SPARE_LINKS[0], SPARE_LINKS[1] + 1)),
        "max_links_per_firm": max(
            busiest, int(rng.integers(LINKS_PER_FIRM[0], LINKS_PER_FIRM[1] + 1))
        ),
    }


def _draw(rng: np.random.Generator) -> dict[str, Any]:
    return {"governance": _draw_governance(rng), **_draw_design(rng)}


def _governance(parameters: Mapping[str, Any]) -> Classification:
    shown = list(parameters["governance"])
    return Classification(
        id="02.challenge.governance",
        points=2,
        prompt="Match each situation to the governance form that suits it best (Provan and "
        "Kenis 2008).",
        items={situation: GOVERNANCE_SITUATIONS[situation] for situation in shown},
        categories=list(GOVERNANCE_REASONS),
        misconceptions={s: GOVERNANCE_REASONS[GOVERNANCE_SITUATIONS[s]] for s in shown},
        hint="Think of the number of members, trust among them, and whether one member dominates.",
        explanation="Provan and Kenis (2008): shared governance suits few members with high "
        "trust; a lead organisation suits networks with one dominant member; a network "
        "administrative organisation suits many members that need coordination skills.",
    )


def _joined(names: Sequence[str]) -> str:
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


def _design_explanation(brief: DesignBrief, model: Sequence[tuple[str, str]]) -> str:
    """Why the model design meets every goal, in words."""
    size = len(brief.firms)
    providers = [firm for firm in brief.firms if firm in brief.logistics]
    ring = [a for a, _ in model[:size]]
    gap = abs(ring.index(providers[-1]) - ring.index(providers[0]))
    apart = min(gap, size - gap)
    placed = (
        f"opposite each other ({number_word(apart)} steps apart)"
        if 2 * apart == size
        else f"as far apart as the ring allows ({number_word(apart)} steps one way, "
        f"{number_word(size - apart)} the other)"
    )
    text = (
        f"A ring of all {number_word(size)} firms uses {size} links, gives every firm 2 links and "
        f"survives any single exit. Put {_joined(providers)} {placed}: every other firm is "
    )
    extra = model[size:]
    if not extra:
        return text + f"then at most {brief.reach_steps} links from one of them."
    graph = nx.Graph(model)
    busiest = max(degree for _, degree in graph.degree)
    far = [firm for _, firm in extra]
    return text + (
        f"then at most {brief.reach_steps} links from one of them, except {_joined(far)}. "
        f"Add {'a link' if len(extra) == 1 else 'links'} "
        f"{_joined([f'{a}–{b}' for a, b in extra])}: {len(model)} links in all, and no firm "
        f"has more than {busiest}."
    )


def _design(parameters: Mapping[str, Any]) -> Rubric:
    brief = design_brief(parameters)
    model = model_design(brief)
    return Rubric(
        id="02.challenge.design",
        points=6,
        prompt=f"Design the delivery network of {number_word(len(brief.firms))} Millbrook firms. "
        f"{_joined(parameters['logistics'])} provide logistics. Goals: every firm within "
        f"{brief.reach_steps} links of a logistics provider; the network stays connected "
        f"whichever single firm leaves; at most {brief.max_links} links; no firm with more "
        f"than {brief.max_links_per_firm} links. Add links with the two menus, then check.",
        evaluate=partial(evaluate_design, brief),
        model_answer=[list(pair) for pair in model],
        answer_format="pairs",
        choices=brief.firms,
        hint="Take the goals one at a time: which firm's exit would split your network, and "
        f"which firms are more than {brief.reach_steps} links from every logistics firm? "
        "Check often: the feedback names them.",
        explanation=_design_explanation(brief, model),
    )


def _build(parameters: Mapping[str, Any], question_id: str) -> Question:
    builders: dict[str, Callable[[Mapping[str, Any]], Question]] = {
        "02.challenge.governance": _governance,
        "02.challenge.design": _design,
    }
    return builders[question_id](parameters)


#: The graded task of section 7; practice mode shows the open brief of ``DESIGN_BRIEF``.
GRADED_TASK = GradedTask(
    notebook="02",
    question_ids=("02.challenge.governance", "02.challenge.design"),
    practice={
        "governance": [VAN, RETAILER, TOURISM],
        "firms": list(DESIGN_BRIEF.firms),
        "logistics": [firm for firm in DESIGN_BRIEF.firms if firm in DESIGN_BRIEF.logistics],
        "max_links": DESIGN_BRIEF.max_links,
        "max_links_per_firm": DESIGN_BRIEF.max_links_per_firm,
    },
    draw=_draw,
    build=_build,
)


QUESTIONS = (
    Classification(
        id="02.structures.match",
        prompt="Match each network to its structure.",
        items={FRANCHISE: "hub-and-spoke", STUDIOS: "mesh", FARMS: "value chain", GROUPS: "hybrid"},
        categories=["hub-and-spoke", "mesh", "value chain", "hybrid"],
        misconceptions={
            FRANCHISE: "One centre linked to everyone, with few links among the others, is a "
            "hub-and-spoke structure.",
            STUDIOS: "Everyone linked to everyone is a mesh.",
            FARMS: "Links that follow the stages of production form a value chain.",
            GROUPS: "Dense groups joined through their hubs are a hybrid (clustered) structure.",
        },
        hint="Look at who talks to whom: one centre, everybody, stage to stage, or groups.",
        explanation="Hub-and-spoke: one centre. Mesh: everyone with everyone. Value chain: "
        "stage to stage. Hybrid: dense groups joined by their hubs.",
    ),
    DeferredQuestion("02.design.complement", _design_complement),
    MultipleChoice(
        id="02.design.purpose",
        prompt="A group of craft brewers wants to win shelf space in supermarkets. Which "
        "design choice should come first?",
        options={
            "a": "Pick the collaboration software",
            "b": "Agree on the network's purpose and scope, then choose members who bring "
            "what is missing",
            "c": "Invite every brewer in the country",
            "d": "Elect a chair",
        },
        correct="b",
        misconceptions={
            "a": "Technology supports a purpose; choose it once you know what the network must do.",
            "c": "More members bring more coordination cost and more competitors; members "
            "should be chosen for what they add.",
            "d": "Governance matters, but its form depends on the purpose and the members.",
        },
        praise="Right: purpose and scope come first; they tell you whom you need.",
        hint="Which decision do all the others depend on?",
        explanation="Design starts with purpose and scope; member selection (complementarity, "
        "shared values, commitment), governance, technology, incentives and adaptability "
        "follow from it.",
    ),
    DeferredQuestion("02.sna.density", _sna_density),
    DeferredQuestion("02.sna.broker", _sna_broker),
    DeferredQuestion("02.brokerage.medici", _brokerage_medici),
    MultipleChoice(
        id="02.brokerage.why",
        prompt="Why did their position give the Medici power?",
        options={
            "a": "They had the most marriages of any family",
            "b": "They linked families that were not linked to each other, so information "
            "and deals between those families ran through them",
            "c": "Their partners were tightly linked to one another",
            "d": "They were the richest family",
        },
        correct="b",
        misconceptions={
            "a": "They did have the most ties, but ties alone are not the point: their ties "
            "went to families that had no ties to each other (structural holes).",
            "c": "The opposite: tightly linked partners mean high constraint and little "
            "brokerage. The Medici's constraint was the lowest of all families.",
            "d": "Wealth is not in the network data; the network shows their brokerage.",
        },
        praise="Right: they bridged structural holes (Burt 1992). Low constraint, high "
        "effective size, high betweenness.",
        hint="Compare the Medici's constraint with the other families'.",
        explanation="Padgett and Ansell (1993) show the Medici married into families that "
        "did not marry each other. Bridging such structural holes gives a broker "
        "information and control: low constraint, high betweenness.",
    ),
    MultipleChoice(
        id="02.resilience.hub",
        prompt="In a hub-and-spoke network of 10 firms, the hub leaves. What share of the "
        "original 10 firms is still in the largest connected group?",
        options={"a": "90%", "b": "50%", "c": "10%", "d": "0%"},
        correct="c",
        misconceptions={
            "a": "Nine firms remain, but without the hub none of them is linked to another: "
            "each stands alone.",
            "b": "Nothing holds half of them together; all links ran through the hub.",
            "d": "A single firm is still a group of one: 1 of 10 firms.",
        },
        praise="Right: the nine spokes are left alone, so the largest group is one firm.",
        hint="Try it: choose hub-and-spoke and let the best-connected firm leave.",
        explanation="Every link in a star touches the hub. Without it the nine others are "
        "isolated; the largest group has 1 firm, 10% of the original network.",
    ),
    MultiSelect(
        id="02.resilience.tradeoffs",
        prompt="Compare a mesh with a hub-and-spoke network of the same firms. Tick every "
        "true statement.",
        options={
            "a": "The mesh costs more to coordinate",
            "b": "The hub-and-spoke network concentrates power in one firm",
            "c": "The mesh falls apart when its best-connected firm leaves",
            "d": "In both, every firm is within two links of every other",
            "e": "The hub-and-spoke network survives random exits of spokes well",
        },
        correct=frozenset({"a", "b", "d", "e"}),
        misconceptions={
            "c": "In a mesh every firm is linked to every other; losing any firm leaves the "
            "rest fully connected.",
        },
        missed={
            "a": "A mesh of n firms has n(n − 1)/2 links against n − 1 for a star.",
            "b": "All links run through the hub: centralisation is 1.",
            "d": "In a star, any two spokes are two links apart via the hub.",
            "e": "Losing a spoke disconnects only that spoke.",
        },
        hint="Use the comparison chart; look at cost, centralisation and both resilience curves.",
        explanation="A mesh buys resilience and equality with many links (high cost). A star "
        "is cheap and close-knit but depends on its hub: robust to random exits, fragile "
        "when the hub goes.",
    ),
    MultiSelect(
        id="02.manage.metrics",
        prompt="Which are useful measures of how well a network of firms performs? Tick all "
        "that apply.",
        options={
            "a": "Cost saved by each member through shared purchasing",
            "b": "New products or services developed together",
            "c": "Members' satisfaction and participation",
            "d": "The number of meetings held, whatever came of them",
            "e": "Sales won through partners' customers",
        },
        correct=frozenset({"a", "b", "c", "e"}),
        misconceptions={
            "d": "Activity is not performance: count what the meetings achieved.",
        },
        missed={
            "a": "Efficiency gains are a core performance measure.",
            "b": "Innovation output measures what the network adds.",
            "c": "Engagement shows whether members will stay.",
            "e": "Market gains show the value of partners' reach.",
        },
        hint="Measure results and engagement, not activity.",
        explanation="Track efficiency, market results, innovation and member engagement; "
        "review them regularly and adapt the network.",
    ),
    *GRADED_TASK.practice_questions(),
)
