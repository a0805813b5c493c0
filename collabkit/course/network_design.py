"""Questions of notebook 02 "Network design".

Keys are computed from the course's analysis functions and example networks, so the
answers always agree with what the notebook shows. Those questions are built when first
asked, and import the analysis and data modules they need then.

The graded task of section 8 (:data:`GRADED_TASK`) builds its two questions from
parameters: the governance situations shown, and the design brief (firms, logistics
providers, link budget, links per firm). Practice mode uses today's situations and
``DESIGN_BRIEF``; a course secret draws its own, and the model design is computed from the
brief (:func:`~collabkit.course.network_design_challenge.model_design`).
"""

from __future__ import annotations

from collections import Counter
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
from collabkit.assess.results import GraphResult, ResultNumber, edge_label
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
    "02.real": "Real data: Florentine business ties",
    "02.resilience": "Trade-offs: cost, reach, resilience and power",
    "02.manage": "Managing and growing a network",
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
CO_OP = "A co-operative's office sells the produce of 50 farms that never deal directly"
FARM_CO_OP = "Four family farms that have worked together for years buy seed and fuel jointly"
TOURISM = "80 tourism firms of a region fund an office with a manager for joint marketing"

#: Situations of the graded governance question and the form that suits each best; a
#: course shows one of each form and one more, in a drawn order.
GOVERNANCE_SITUATIONS = {
    VAN: SHARED,
    FARM_CO_OP: SHARED,
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
    SHARED: "Few members who trust each other and agree on the goals can govern themselves "
    "together: shared governance.",
    LEAD: "One powerful member steering the others, who need not share all its goals, is a "
    "lead organisation.",
    NAO: "Many members who agree on the goals but need coordination skills set up a separate "
    "body: a network administrative organisation.",
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
        concepts=("complementarity", "member-selection"),
    )


def _density_mistakes(n: int, links: int, member: str) -> list[NumericMisconception]:
    """The two ways of counting the pairs wrong, for ``links`` ties among ``n`` members."""
    pairs = n * (n - 1) // 2
    return [
        NumericMisconception(
            links / n**2,
            f"you divided by {n} × {n} = {n**2}; a {member} cannot partner itself and each "
            f"pair counts once: {n} × {n - 1} / 2 = {pairs} pairs.",
            rel_tol=0.01,
        ),
        NumericMisconception(
            links / (n * (n - 1)),
            f"you counted each pair twice ({n} × {n - 1} = {n * (n - 1)}); there are "
            f"{pairs} possible pairs.",
            rel_tol=0.01,
        ),
    ]


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
            *_density_mistakes(n, links, "firm"),
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
        concepts=("density",),
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
        concepts=("betweenness-centrality", "brokerage"),
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
        misconceptions=(
            NumericMisconception(
                float(nx.degree_centrality(nx.florentine_families_graph())["Medici"]),
                "that is the Medici's degree centrality (6 marriages of 14 possible); "
                "choose betweenness in the explorer.",
                rel_tol=0.005,
            ),
            NumericMisconception(
                float(nx.closeness_centrality(nx.florentine_families_graph())["Medici"]),
                "that is the Medici's closeness; choose betweenness in the explorer.",
                rel_tol=0.005,
            ),
            NumericMisconception(
                float(
                    nx.betweenness_centrality(nx.florentine_families_graph(), normalized=False)[
                        "Medici"
                    ]
                ),
                "that is the raw count of shortest paths through the Medici; networkx's "
                "normalised value divides it by the number of pairs of other families.",
                rel_tol=0.005,
            ),
        ),
        hint="Hover over the Medici node or read the table under the network.",
        explanation=f"The Medici lie on {medici:.0%} of the shortest paths between other "
        f"families (betweenness ≈ {medici:.3f}), far more than any other family (the "
        f"{runner_up} come next at about {betweenness[runner_up]:.3f}).",
        concepts=("betweenness-centrality", "brokerage"),
    )


def _sna_path(question_id: str) -> Numeric:
    n = MILL.number_of_nodes()
    lengths = dict(nx.all_pairs_shortest_path_length(MILL))
    total = sum(d for row in lengths.values() for d in row.values())
    mean = nx.average_shortest_path_length(MILL)
    counts = Counter(d for a, row in lengths.items() for b, d in row.items() if a < b)
    return Numeric(
        id=question_id,
        prompt="In the Mill Street network, what is the average path length: the mean "
        "number of steps on the shortest path between two different firms? Answer in steps.",
        answer=mean,
        unit="steps",
        abs_tol=0.01,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                float(nx.diameter(MILL)),
                "that is the longest shortest path (the diameter); average over all pairs.",
                rel_tol=1e-9,
            ),
            NumericMisconception(
                total / n**2,
                f"you divided by {n} × {n} pairs, counting each firm's zero steps to itself; "
                f"a firm is not a pair with itself: divide by {n} × {n - 1}.",
                rel_tol=0.005,
            ),
            NumericMisconception(
                2 * MILL.number_of_edges() / n,
                "that is the average number of partners per firm (degree), not steps "
                "between firms.",
                rel_tol=0.005,
            ),
        ),
        hint="List the steps between each pair of firms (15 pairs), then average.",
        explanation=f"Of the {n * (n - 1) // 2} pairs, "
        + ", ".join(
            f"{count} are {steps} step{'s' if steps > 1 else ''} apart"
            for steps, count in sorted(counts.items())
        )
        + f": ({' + '.join(f'{c} × {k}' for k, c in sorted(counts.items()))}) / "
        f"{n * (n - 1) // 2} = {total // 2} / {n * (n - 1) // 2} ≈ {mean:.2f} steps. Short "
        "paths mean news and orders travel fast.",
        concepts=("path-length",),
    )


def _real_density(question_id: str) -> ResultNumber:
    from collabkit.data.florentine_business import load_business

    business = load_business()
    n, links = business.number_of_nodes(), business.number_of_edges()
    active = [f for f, d in business.degree if d > 0]
    marriage = nx.florentine_families_graph()
    return ResultNumber(
        id=question_id,
        prompt="Write a line or two of code on the real data: business = chapter.business_ties() "
        "is a networkx graph of sixteen families and their business ties. What is its "
        "density (a share between 0 and 1)? The graph's number_of_nodes() and "
        "number_of_edges() are enough; pass the number you compute.",
        answer=nx.density(business),
        unit="",
        scale="share",
        abs_tol=0.001,
        rel_tol=0.0,
        misconceptions=(
            *_density_mistakes(n, links, "family"),
            NumericMisconception(
                links / (len(active) * (len(active) - 1) / 2),
                f"you left out the {n - len(active)} families without a business tie; they are "
                "part of the network (their absence of ties is data), so count all sixteen.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                nx.density(marriage),
                "that is the density of the marriage network; use chapter.business_ties().",
                rel_tol=0.01,
            ),
        ),
        hint="density = links / (n(n − 1)/2), with n = business.number_of_nodes().",
        explanation=f"{links} ties among {n} families, which can form {n * (n - 1) // 2} pairs: "
        f"density = {links} / {n * (n - 1) // 2} = {nx.density(business):.3f}. In code: "
        "business.number_of_edges() / (n * (n - 1) / 2).",
        concepts=("density", "real-network-data"),
    )


def _real_clustering(question_id: str) -> ResultNumber:
    from collabkit.analysis.network import node_metrics
    from collabkit.data.florentine_business import load_business

    table = node_metrics(load_business())
    tied = table[table["links"] > 0]
    answer = float(tied["clustering"].mean())
    return ResultNumber(
        id=question_id,
        prompt="Now a few lines of pandas: table = collabkit.node_metrics(business) has one "
        "row per family, with columns such as links, clustering and constraint. What is the "
        "average clustering of the families that have at least one business tie (a share "
        "between 0 and 1)? Pass the number you compute.",
        answer=answer,
        unit="",
        scale="share",
        abs_tol=0.002,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                float(table["clustering"].mean()),
                "that averages all sixteen families, counting the five without ties as 0; "
                "keep the rows with links > 0 first: table[table['links'] > 0].",
                rel_tol=0.005,
            ),
            NumericMisconception(
                float(nx.transitivity(load_business())),
                "that is the network's transitivity (closed triangles over all connected "
                "triples), a different average; the question asks for the mean of the "
                "families' own clustering.",
                rel_tol=0.005,
            ),
            NumericMisconception(
                float(tied["constraint"].mean()),
                "that is the average constraint; use the clustering column.",
                rel_tol=0.005,
            ),
        ),
        hint="table[table['links'] > 0]['clustering'].mean()",
        explanation=f"table[table['links'] > 0]['clustering'].mean() = {answer:.3f}: on "
        "average over two fifths of a tied family's business partner pairs also did business "
        "with each other. Clustering is high in the Peruzzi–Castellani–Bischeri–Lamberteschi "
        "group and low around the Medici, whose partners rarely dealt with each other.",
        concepts=("clustering", "real-network-data"),
    )


def _real_both(question_id: str) -> GraphResult:
    from collabkit.data.florentine_business import load_business

    business, marriage = load_business(), nx.florentine_families_graph()
    both = nx.Graph([edge for edge in business.edges if marriage.has_edge(*edge)])
    only_business = [e for e in business.edges if not marriage.has_edge(*e)]
    only_marriage = [e for e in marriage.edges if not business.has_edge(*e)]
    reasons = {
        edge_label(*e): f"{e[0]} and {e[1]} did business but did not marry in the data."
        for e in only_business
    } | {
        edge_label(*e): f"{e[0]} and {e[1]} married but did no business in the data."
        for e in only_marriage
    }
    return GraphResult(
        id=question_id,
        prompt="With networkx: marriage = chapter.marriage_ties() is the marriage network of "
        "the same families. Build the network of the pairs of families tied both by "
        "business and by marriage (a tie that is in both graphs), and pass the graph.",
        expected=both,
        reasons=reasons,
        what="ties",
        hint="Keep the business ties that the marriage graph also has; a list of pairs is "
        "enough: [e for e in business.edges if marriage.has_edge(*e)].",
        explanation=f"{both.number_of_edges()} of the {business.number_of_edges()} business "
        f"ties ran between families that also married: "
        + ", ".join(f"{a}–{b}" for a, b in sorted(tuple(sorted(e)) for e in both.edges))
        + ". Ties of two kinds between the same pair (multiplex ties) let one back the "
        "other: trust from a marriage can back a loan. The Medici's such ties were to the "
        "Barbadori, Salviati and Tornabuoni; their Ginori and Pazzi ties were business only.",
        concepts=("real-network-data", "trust"),
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
        explanation="Provan and Kenis (2008) name four conditions: trust, number of members, "
        "goal consensus and the need for network-level skills. Shared governance suits few "
        "members with high trust and high goal consensus; a lead organisation suits one "
        "dominant member, low trust spread thinly and only moderate goal consensus; a "
        "network administrative organisation suits many members with moderate trust, "
        "fairly high goal consensus and a need for coordination skills.",
        concepts=("network-governance",),
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
        concepts=("network-design", "structural-robustness", "hub-and-spoke"),
    )


def _build(parameters: Mapping[str, Any], question_id: str) -> Question:
    builders: dict[str, Callable[[Mapping[str, Any]], Question]] = {
        "02.challenge.governance": _governance,
        "02.challenge.design": _design,
    }
    return builders[question_id](parameters)


#: The graded task of section 8; practice mode shows the open brief of ``DESIGN_BRIEF``.
GRADED_TASK = GradedTask(
    notebook="02",
    question_ids=("02.challenge.governance", "02.challenge.design"),
    practice={
        "governance": [VAN, RETAILER, TOURISM, FARM_CO_OP],
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
        items={
            FRANCHISE: "hub-and-spoke",
            STUDIOS: "mesh",
            FARMS: "value chain",
            GROUPS: "hybrid",
            CO_OP: "hub-and-spoke",
        },
        categories=["hub-and-spoke", "mesh", "sparse mesh", "value chain", "hybrid"],
        misconceptions={
            FRANCHISE: "One centre linked to everyone, with few links among the others, is a "
            "hub-and-spoke structure.",
            STUDIOS: "Everyone linked to everyone is a mesh.",
            FARMS: "Links that follow the stages of production form a value chain.",
            GROUPS: "Dense groups joined through their hubs are a hybrid (clustered) structure.",
            CO_OP: "All contact runs through the office: a hub-and-spoke structure, however "
            "many members it has.",
        },
        hint="Look at who talks to whom: one centre, everybody, a few neighbours each, stage "
        "to stage, or groups. One structure fits two networks, one fits none.",
        explanation="Hub-and-spoke: one centre (the franchisor, the co-operative's office). "
        "Mesh: everyone with everyone. Sparse mesh: each with a few neighbours and a few "
        "distant firms (none here). Value chain: stage to stage. Hybrid: dense groups joined "
        "by their hubs.",
        concepts=("network-structures", "hub-and-spoke"),
    ),
    DeferredQuestion("02.design.complement", _design_complement),
    MultipleChoice(
        id="02.design.purpose",
        prompt="A group of craft brewers wants to win shelf space in supermarkets. Which "
        "design choice should come first?",
        options={
            "a": "Choose shared order software so that all can start at once",
            "b": "Agree what the network is for, then pick who brings what",
            "c": "Invite every craft brewer in the country, for more weight",
            "d": "Elect a chair first, who then decides what the rest do",
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
        concepts=("network-design",),
    ),
    DeferredQuestion("02.sna.density", _sna_density),
    DeferredQuestion("02.sna.broker", _sna_broker),
    Classification(
        id="02.sna.measures",
        prompt="Which measure describes each observation about the Mill Street network? "
        "There are more measures than observations.",
        items={
            "QuickHop Delivery has four partners, more than any other firm": "degree",
            "From QuickHop every other firm is at most two steps away": "closeness",
            "The bakery's two partners are partners of each other": "clustering",
            "On average two firms are fewer than two steps apart": "path length",
            "The café's partners all know each other: no gap to exploit": "constraint",
        },
        categories=[
            "density",
            "degree",
            "betweenness",
            "closeness",
            "clustering",
            "path length",
            "constraint",
        ],  # fmt: skip
        misconceptions={
            "QuickHop Delivery has four partners, more than any other firm": "Counting a "
            "firm's partners is its degree (degree centrality divides it by n − 1).",
            "From QuickHop every other firm is at most two steps away": "Being few steps "
            "from every other firm is closeness.",
            "The bakery's two partners are partners of each other": "Whether a firm's "
            "partners are linked to each other is its clustering, a measure of one firm's "
            "neighbourhood.",
            "On average two firms are fewer than two steps apart": "An average of the steps "
            "between all pairs of firms is the network's average path length.",
            "The café's partners all know each other: no gap to exploit": "Partners tied to "
            "each other leave no structural hole: high constraint (Burt). Clustering is "
            "also high here, but the point made is the missing hole to broker.",
        },
        hint="Is the observation about one firm's ties, its distance to others, its "
        "partners' ties, or the whole network?",
        explanation="Degree counts partners; closeness measures nearness to all others; "
        "clustering is the share of linked partner pairs; average path length is the "
        "typical number of steps; constraint is high when partners are tied to each other.",
        concepts=(
            "degree-centrality",
            "closeness-centrality",
            "clustering",
            "path-length",
            "constraint",
        ),
    ),
    DeferredQuestion("02.sna.path", _sna_path),
    DeferredQuestion("02.brokerage.medici", _brokerage_medici),
    MultipleChoice(
        id="02.brokerage.why",
        prompt="Why did their position give the Medici power?",
        options={
            "a": "They had more marriages than any other family of Florence",
            "b": "They tied together families that had no ties to each other",
            "c": "Their partner families were tightly linked to one another",
            "d": "They were the richest family, so other families sought them out",
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
        concepts=("structural-holes", "brokerage"),
    ),
    DeferredQuestion("02.real.density", _real_density),
    DeferredQuestion("02.real.clustering", _real_clustering),
    DeferredQuestion("02.real.both", _real_both),
    MultipleChoice(
        id="02.real.compare",
        prompt="In the business ties the Medici have the most partners and the lowest "
        "constraint, but the Barbadori have slightly higher betweenness. What does the real "
        "data support?",
        options={
            "a": "The Medici were no broker: betweenness is the only real test",
            "b": "Medici partners rarely dealt with each other: a broker's position",
            "c": "Business ties show nothing here, since only marriages create power",
            "d": "The Barbadori ran Florence, as the highest betweenness wins",
        },
        correct="b",
        misconceptions={
            "a": "Measures answer different questions: betweenness counts paths through a "
            "family, constraint asks whether its partners are tied to each other. Low "
            "constraint and many unconnected partners are brokerage in Burt's sense.",
            "c": "Business ties are a second real network, and reading both shows more: "
            "the Medici reached the Ginori and the Pazzi through business only and the "
            "Acciaiuoli, Albizzi and Ridolfi through marriage only (Padgett and Ansell 1993 "
            "read the networks together).",
            "d": "A measure's top rank is not power: the Barbadori's lead is small and rests "
            "on bridging two groups, while the Medici combine many unconnected partners in "
            "both networks.",
        },
        praise="Right: the Medici's business partners (Pazzi, Salviati, Tornabuoni, Ginori, "
        "Barbadori) were mostly not partners of each other: a broker's low constraint.",
        hint="Compare what constraint and betweenness each measure.",
        explanation="Low constraint means many partners who are not tied to each other. The "
        "Medici's five business partners were such families (only the Barbadori and the "
        "Ginori did business with each other), and with their marriages they reached eight "
        "of the fifteen other families directly. Betweenness alone can rank a bridge between "
        "two groups first (the Barbadori join the Medici's partners to the Peruzzi group); "
        "read several measures, and the history, before naming a broker.",
        concepts=("constraint", "betweenness-centrality", "real-network-data"),
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
        concepts=("structural-robustness", "hub-and-spoke"),
    ),
    MultiSelect(
        id="02.resilience.tradeoffs",
        prompt="Compare a full mesh (every firm linked to every other) with a hub-and-spoke "
        "network of the same firms. Tick every true statement.",
        options={
            "a": "The full mesh costs more to coordinate than the star",
            "b": "The star concentrates power in one firm, the hub",
            "c": "The full mesh falls apart when its busiest firm leaves",
            "d": "In both, every firm is within two links of every other",
            "e": "The star survives the random exit of a spoke well",
        },
        correct=frozenset({"a", "b", "d", "e"}),
        misconceptions={
            "c": "In a mesh every firm is linked to every other; losing any firm leaves the "
            "rest fully connected.",
        },
        missed={
            "a": "A mesh of n firms has n(n − 1)/2 links against n − 1 for a star.",
            "b": "All links run through the hub: centralisation is 1.",
            "d": "In a star, any two spokes are two links apart via the hub; in a full mesh "
            "every pair is one link apart. (A sparse mesh or a chain can be longer.)",
            "e": "Losing a spoke disconnects only that spoke.",
        },
        hint="Use the comparison chart; look at cost, centralisation and both resilience curves.",
        explanation="A full mesh buys resilience and equality with many links (high cost). A "
        "star is cheap and close-knit but depends on its hub: robust to random exits, "
        "fragile when the hub goes.",
        concepts=("structural-robustness", "coordination-cost", "power-concentration"),
    ),
    MultiSelect(
        id="02.manage.metrics",
        prompt="Which are useful measures of how well a network of firms performs? Tick all "
        "that apply.",
        options={
            "a": "Cost saved by each member through shared purchasing",
            "b": "New products or services developed together",
            "c": "Members' satisfaction and participation",
            "d": "The number of meetings held and how many attended them",
            "e": "Sales won through partners' customers",
        },
        correct=frozenset({"a", "b", "c", "e"}),
        misconceptions={
            "d": "Activity is not performance: meetings are a cost; count what they achieved "
            "(savings, sales, products) and whether members stay engaged.",
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
        concepts=("network-management", "performance-metrics"),
    ),
    Classification(
        id="02.manage.stage",
        prompt="A network's governance changes as it grows. Which form suits each moment? "
        "Forms can be used more than once.",
        items={
            "Four shop owners settle things over coffee after closing time": "informal",
            "Three neighbours try one joint stand on a single market day": "informal",
            "Twelve members elect three of them to prepare decisions": "steering group",
            "Nine members and growing: meetings drag on, decisions stall": "steering group",
            "Sixty members, a budget and contracts with outside buyers": "administrative office",
        },
        categories=["informal", "steering group", "administrative office", "lead firm"],
        misconceptions={
            "Four shop owners settle things over coffee after closing time": "A few members "
            "who know each other can agree informally; formal bodies would cost more than "
            "they add.",
            "Three neighbours try one joint stand on a single market day": "A pilot needs "
            "no structure yet: informal agreement, reviewed after the day.",
            "Twelve members elect three of them to prepare decisions": "A small group "
            "chosen by the members to prepare decisions is a steering group.",
            "Nine members and growing: meetings drag on, decisions stall": "When everyone "
            "deciding everything stops working, a steering group is the next step; a paid "
            "office is not needed yet.",
            "Sixty members, a budget and contracts with outside buyers": "At this size and "
            "workload members fund an administrative office (an NAO) with staff.",
        },
        hint="Think of the number of members and the workload of coordination. One form "
        "fits none of these peer networks.",
        explanation="Networks of peers often start informal, set up a steering group when "
        "meetings of all stop working (roughly at ten or more members), and fund an "
        "administrative office when size and workload call for staff (Provan and Kenis "
        "2008). A lead firm suits networks with one dominant member, none here.",
        concepts=("governance-evolution", "network-governance"),
    ),
    MultiSelect(
        id="02.manage.growth",
        prompt="The Millbrook delivery network wants to grow from 8 to 20 members within a "
        "year. Which steps make the growth work? Tick all that apply.",
        options={
            "a": "Recruit firms whose capabilities fill the network's gaps",
            "b": "Pair each newcomer with an existing member for two months",
            "c": "Admit every firm that applies, to grow as fast as it can",
            "d": "Review the governance form as membership passes fifteen",
            "e": "Give newcomers the rules and data-sharing terms on day one",
            "f": "Keep every decision with the founders, whatever the size",
        },
        correct=frozenset({"a", "b", "d", "e"}),
        misconceptions={
            "c": "Growth for its own sake adds coordination cost and members who bring "
            "little or compete head-on; recruit for complementarity and commitment.",
            "f": "Founders deciding alone for twenty members breeds distrust among the "
            "newcomers and stalls decisions; governance should widen as the network grows.",
        },
        missed={
            "a": "Recruitment should follow the purpose: partners who add what is missing.",
            "b": "Onboarding with a buddy builds trust and teaches the unwritten rules.",
            "d": "A form that works for 8 rarely works for 20: plan the next step.",
            "e": "Clear rules from the start prevent free-riding and knowledge leakage.",
        },
        hint="Think about whom to recruit, how to bring them in, and how to govern more members.",
        explanation="Growing a network well means recruiting for complementarity, onboarding "
        "newcomers (a buddy, the rules in writing), and adapting governance as membership "
        "grows: informal, then a steering group, then an office.",
        concepts=("network-growth", "onboarding", "governance-evolution", "network-management"),
    ),
    *GRADED_TASK.practice_questions(),
)
