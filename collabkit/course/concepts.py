"""The concepts the course promises to teach: the course map and the seed essays' ideas.

Each :class:`Concept` has a stable kebab-case id. Notebook cells name the concepts they
teach or let a learner explore with cell tags (``"teaches:coopetition"``,
``"explores:inverted-u"``), and questions name the concepts they exercise
(``concepts=("coopetition",)``); :mod:`collabkit.course.coverage` puts the three together
into the coverage table of ``docs/coverage.md``.

``sources`` says where the course owes the concept: ``"map"`` for the course map (every
notebook must teach and exercise its concepts), ``"seeds"`` for an idea of the two essays the
course is built from that the map does not list by name.
"""

from __future__ import annotations

from dataclasses import dataclass

MAP = "map"
SEEDS = "seeds"


@dataclass(frozen=True)
class Concept:
    """One idea of the course.

    Parameters
    ----------
    id
        Kebab-case id used by cell tags and questions' ``concepts``.
    name
        The concept as a learner would name it.
    notebook
        The notebook that owns it (``"01"`` … ``"04"``).
    source
        ``"map"`` (the course map) or ``"seeds"`` (the seed essays only).
    """

    id: str
    name: str
    notebook: str
    source: str = MAP


def _concepts(notebook: str, source: str, pairs: tuple[tuple[str, str], ...]) -> list[Concept]:
    return [Concept(cid, name, notebook, source) for cid, name in pairs]


CONCEPTS: tuple[Concept, ...] = tuple(
    _concepts(
        "01",
        MAP,
        (
            ("collaborative-network", "What a collaborative network is"),
            (
                "network-components",
                "Members, goals, interactions, governance, technology",
            ),
            ("resource-pooling", "Resource pooling and sharing"),
            ("market-access", "Market access and reach"),
            ("expertise-innovation", "Access to expertise and innovation"),
            ("efficiency", "Efficiency and economies of scale"),
            ("resilience-benefit", "Resilience as a reason to collaborate"),
            ("brand", "Joint brand and reputation"),
            ("bargaining-power", "Collective bargaining power"),
            (
                "network-types",
                "Network types: supply chain, customer, innovation, cluster, virtual",
            ),
            ("functional-network", "Functional networks"),
            ("horizontal-vertical", "Horizontal vs vertical collaboration"),
            ("coopetition", "Coopetition: collaboration vs competition"),
            ("autonomy-interdependence", "Autonomy vs interdependence"),
            ("firm-resilience", "Firm-level resilience: mutual support in a shock"),
            ("trust", "Trust"),
            ("conflicting-interests", "Conflicting interests"),
            ("coordination-challenge", "Coordination and management effort"),
            ("free-riding", "Free-riding"),
            ("governance", "Governance: rules, monitoring and sanctions"),
            ("loss-of-autonomy", "Loss of autonomy"),
            ("knowledge-leakage", "Knowledge leakage"),
            ("running-example", "The bakery, coffee shop and delivery firm example"),
            ("first-steps", "First steps to start a network"),
        ),
    )
    + _concepts(
        "01",
        SEEDS,
        (
            ("synergy", "Synergy: the whole more than the sum of its parts"),
            ("conditional-cooperation", "Conditional cooperation"),
            ("pilot-project", "Start small: a pilot project"),
        ),
    )
    + _concepts(
        "02",
        MAP,
        (
            ("hub-and-spoke", "Hub-and-spoke structure"),
            ("mesh", "Mesh structure"),
            ("value-chain", "Value-chain structure"),
            ("hybrid-structure", "Hybrid or clustered structure"),
            ("purpose-scope", "Purpose and scope"),
            ("member-selection", "Member selection and complementarity"),
            (
                "network-governance",
                "Governance form: shared, lead firm or administrative body",
            ),
            ("technology", "Technology for collaboration"),
            ("incentive-alignment", "Incentive alignment"),
            ("adaptability", "Adaptability"),
            ("density", "Density"),
            ("degree-centrality", "Degree centrality"),
            ("betweenness-centrality", "Betweenness centrality"),
            ("closeness-centrality", "Closeness centrality"),
            ("structural-holes", "Brokerage and structural holes"),
            ("effective-size", "Burt's effective size"),
            ("constraint", "Burt's constraint"),
            ("clustering", "Clustering"),
            ("path-length", "Path length"),
            ("centralisation", "Centralisation"),
            ("coordination-cost", "Coordination cost of a structure"),
            ("reach", "Reach"),
            ("structural-robustness", "Structural robustness: random failure vs losing the hub"),
            ("power-concentration", "Power concentration"),
            ("network-management", "Managing a network: trust, knowledge sharing, coordination"),
            ("performance-metrics", "Network performance metrics"),
            ("governance-evolution", "Governance evolving as a network grows"),
            ("recruitment-onboarding", "Recruitment and onboarding"),
        ),
    )
    + _concepts(
        "02",
        SEEDS,
        (
            ("network-formation", "How partnerships form and dissolve over time"),
            ("strategic-alignment", "Strategic alignment: shared vision, value for each member"),
            ("formal-informal-ties", "Formal agreements and informal ties"),
        ),
    )
    + _concepts(
        "03",
        MAP,
        (
            ("lower-transaction-costs", "Platforms lower transaction costs"),
            ("scalable-infrastructure", "Scalable infrastructure"),
            ("broader-ecosystems", "Broader ecosystems and markets"),
            ("data-insights", "Data insights"),
            ("network-effects", "Two-sided network effects"),
            ("platform-dependency", "Dependency and power imbalance"),
            ("data-privacy", "Data privacy"),
            ("visibility", "Competition and visibility on a platform"),
            ("platform-governance", "Platform governance"),
            ("skill-gaps", "Skill gaps"),
            ("synergistic-growth", "The Synergistic Growth trajectory"),
            ("platform-trap", "The Platform Trap trajectory"),
            ("hybrid-collaboration", "The Hybrid Collaboration trajectory"),
            ("strategic-levers", "An SMB's strategic levers"),
            ("collective-action", "One SMB's strategy vs collective action (associations)"),
            ("cooperative-platform", "SMB-owned cooperative platforms"),
        ),
    )
    + _concepts(
        "03",
        SEEDS,
        (
            ("lock-in", "Lock-in and switching costs"),
            ("platform-commission", "How a platform sets its commission"),
            ("market-concentration", "Concentration of sales on few platforms"),
            ("generated-data", "What a generated data set can and cannot show"),
        ),
    )
    + _concepts(
        "04",
        MAP,
        (
            ("diminishing-returns", "Diminishing and negative returns"),
            ("coordination-costs", "Coordination costs of many partners"),
            ("knowledge-redundancy", "Knowledge redundancy"),
            ("competitive-dilution", "Competitive dilution"),
            ("resource-depletion", "Resource depletion"),
            ("dependence", "Dependence on partners"),
            ("inverted-u", "The inverted U"),
            ("turning-point", "Estimating the turning point from data"),
            ("misleading-estimates", "How an estimated turning point can mislead"),
            ("network-analysis-method", "What network analysis can and cannot show"),
            ("regression", "Regression: what it can and cannot show"),
            ("causality", "Causality: reverse causality, selection, confounding"),
            ("qca", "Qualitative comparative analysis"),
            ("limited-diversity", "Limited diversity and logical remainders"),
            ("case-comparison", "Comparative case analysis"),
            ("agent-based-simulation", "Agent-based simulation"),
            ("strategic-network-selection", "Strategic network selection"),
            ("balanced-engagement", "Balanced engagement"),
            ("value-adding-collaboration", "Value-adding collaboration"),
            ("strategic-autonomy", "Strategic autonomy"),
            ("regular-evaluation", "Regular evaluation"),
            ("collaboration-audit", "A collaboration audit of one's own firm"),
        ),
    )
    + _concepts(
        "04",
        SEEDS,
        (
            ("coordination-structure", "Bilateral coordination vs joint projects"),
            ("u-test", "The U-test and the Fieller interval"),
            ("controls-fixed-effects", "Controls and fixed effects"),
            ("qca-solutions", "Conservative, intermediate and parsimonious solutions"),
            ("necessity-analysis", "Necessary and sufficient conditions"),
            ("multi-method", "Combining methods"),
        ),
    )
)

#: Concept id → concept.
BY_ID = {concept.id: concept for concept in CONCEPTS}
