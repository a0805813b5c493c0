"""Questions of notebook 02 "Network design".

Keys are computed from the course's analysis functions and example networks, so the
answers always agree with what the notebook shows. Those questions are built when first
asked, and import the analysis and data modules they need then.
"""

from __future__ import annotations

from functools import partial

import networkx as nx

from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    Rubric,
)
from collabkit.course.examples import DESIGN_BRIEF, MODEL_DESIGN, mill_street
from collabkit.course.network_design_challenge import evaluate_design

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
VAN = "Five neighbouring shops of similar size who trust each other share a van"
RETAILER = "A large retailer coordinates its 40 small suppliers"
TOURISM = "80 tourism firms of a region fund an office with a manager for joint marketing"
NAO = "network administrative organisation"


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
    return Numeric(
        id=question_id,
        prompt="In the Mill Street network shown above (6 firms, 7 partnerships), what share "
        "of all possible pairs of firms are partners (the density)? Answer as a share "
        "between 0 and 1.",
        answer=nx.density(MILL),
        unit="",
        abs_tol=0.005,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                6 / 36,
                "you divided by 6 × 6; a firm cannot partner "
                "itself and each pair counts once: 6 × 5 / 2 = 15 pairs.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                6 / 30,
                "you counted each pair twice (6 × 5 = 30); there are 15 possible pairs.",
                rel_tol=0.01,
            ),
            NumericMisconception(
                40,
                "that is a percentage; write the share as a number between 0 and 1.",
                rel_tol=0.001,
            ),
        ),
        hint="Possible pairs among n firms: n(n − 1)/2.",
        explanation="Six firms can form 6 × 5 / 2 = 15 pairs; 7 of them are partners: "
        "density = 7 / 15 ≈ 0.47.",
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
    medici = float(nx.betweenness_centrality(nx.florentine_families_graph())["Medici"])
    return Numeric(
        id=question_id,
        prompt="In the explorer of Florentine families, what is the Medici family's "
        "betweenness centrality (networkx's normalised value)? Answer with three decimals.",
        answer=medici,
        unit="",
        abs_tol=0.002,
        rel_tol=0.0,
        hint="Hover over the Medici node or read the table under the network.",
        explanation="The Medici lie on 52% of the shortest paths between other families "
        "(betweenness ≈ 0.522), far more than any other family (the Guadagni come next at "
        "about 0.255).",
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
    Classification(
        id="02.challenge.governance",
        points=2,
        prompt="Match each situation to the governance form that suits it best (Provan and "
        "Kenis 2008).",
        items={VAN: "shared governance", RETAILER: "lead organisation", TOURISM: NAO},
        categories=["shared governance", "lead organisation", NAO],
        misconceptions={
            VAN: "Few members with high trust can govern themselves together: shared governance.",
            RETAILER: "One powerful member steering the others is a lead organisation.",
            TOURISM: "Many members and a need for skills call for a separate body: a network "
            "administrative organisation.",
        },
        hint="Think of the number of members, trust among them, and whether one member dominates.",
        explanation="Provan and Kenis (2008): shared governance suits few members with high "
        "trust; a lead organisation suits networks with one dominant member; a network "
        "administrative organisation suits many members that need coordination skills.",
    ),
    Rubric(
        id="02.challenge.design",
        points=6,
        prompt="Design the delivery network of ten Millbrook firms. QuickHop Delivery and "
        "Willow Couriers provide logistics. Goals: every firm within 2 links of a logistics "
        "provider; the network stays connected whichever single firm leaves; at most "
        f"{DESIGN_BRIEF.max_links} links; no firm with more than "
        f"{DESIGN_BRIEF.max_links_per_firm} links. Add links with the two menus, then check.",
        evaluate=partial(evaluate_design, DESIGN_BRIEF),
        model_answer=[list(pair) for pair in MODEL_DESIGN],
        answer_format="pairs",
        choices=DESIGN_BRIEF.firms,
        hint="A ring meets the connectivity goal with few links; place the two logistics "
        "firms so no firm is far from both.",
        explanation="A ring of all ten firms uses 10 links, gives every firm 2 links and "
        "survives any single exit. Put QuickHop and Willow Couriers opposite each other "
        "(five steps apart): every other firm is then at most 2 links from one of them.",
    ),
)
