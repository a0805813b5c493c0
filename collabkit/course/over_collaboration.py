"""Questions of notebook 04 "Over-collaboration".

Questions whose keys come from a model, the firm panel's regressions, an analysis or the
audit of Kestrel Print are built when first asked; the regressions and the audit run once.

The graded task (:data:`GRADED_TASK`) is built from the task's parameters (a firm panel's
settings and Kestrel Print's table, see :mod:`collabkit.course.over_collaboration_task`):
the practice ones, or those an assessed course draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from collabkit.assess.assessed import GradedTask, Parameters
from collabkit.assess.questions import (
    Classification,
    CodeAnswer,
    CodeTest,
    DeferredQuestion,
    FreeText,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    Question,
    RubricPoint,
)
from collabkit.core.words import number_word
from collabkit.course import over_collaboration_task as task
from collabkit.models.net_benefit import COST_LABELS, NetBenefit

if TYPE_CHECKING:
    from collabkit.analysis.inverted_u import TurningPoint

SECTIONS = {
    "04.costs": "When more collaboration costs more than it brings",
    "04.curve": "The inverted U: net benefit by number of partners",
    "04.abm": "Why firms overshoot: a simulation of many firms",
    "04.data": "Finding the turning point in data",
    "04.network": "Redundant partners in a firm's own network",
    "04.qca": "Recipes for success: qualitative comparative analysis",
    "04.audit": "Five recommendations and your collaboration audit",
    "04.task": "Graded task: how many partners should a firm keep?",
}

#: The five costs as the question lists them (coordination first, as the notebook tells it).
COST_SOURCES = [
    COST_LABELS[source]
    for source in ("coordination", "redundancy", "dilution", "depletion", "dependence")
]
#: The five recommendations, in lower case as the question lists them.

#: The worked coefficients of the turning-point question: growth = b0 + 2.4 n − 0.15 n².
B1, B2 = 2.4, -0.15

#: A firm with four partners, three ties among them (A–B, B–C, A–C), D knows nobody.
FOUR_PARTNERS = nx.Graph([("firm", p) for p in "ABCD"] + [("A", "B"), ("B", "C"), ("A", "C")])

#: Memberships of four cases in "dense network" (X) and "high growth" (Y).
QCA_X = (0.8, 0.6, 0.3, 0.9)
QCA_Y = (0.9, 0.4, 0.2, 0.7)

COST_SIGNS = [
    ("Every decision in the joint project needs a round of calls with nine firms",
     COST_LABELS["coordination"]),
    ("The fifth design agency we partner with suggests the same ideas as the other four",
     COST_LABELS["redundancy"]),
    ("Customers can no longer tell our shop apart from the other members of the shared brand",
     COST_LABELS["dilution"]),
    ("The owner spends three days a week in network meetings and product development has "
     "stalled", COST_LABELS["depletion"]),
    ("Half our orders come through one partner, who now sets the prices",
     COST_LABELS["dependence"]),
]  # fmt: skip


def _kestrel_reason(kestrel: pd.DataFrame, partner: str) -> str:
    row = kestrel.loc[partner]
    return (
        f"{partner} brings {row['value']:,.0f} € a year for {row['hours_per_month']:.0f} hours a "
        f"month ({row['time_cost']:,.0f} € of core work; net {row['net_value']:+,.0f} €) at "
        f"strategic fit {row['strategic_fit']:.0f}"
    )


def _half_width(turn: TurningPoint) -> float:
    return turn.ci_high - turn.estimate


def _curve_coordination(question_id: str) -> MultipleChoice:
    cheap, dear = NetBenefit().optimum(), NetBenefit(coordination_cost=3_000).optimum()
    return MultipleChoice(
        id=question_id,
        prompt="In the net-benefit explorer, raise the cost of one line of coordination from "
        "1,000 € to 3,000 € a year. What happens to the best number of partners?",
        options={"a": "It falls", "b": "It stays the same", "c": "It rises"},
        correct="a",
        misconceptions={
            "b": "Look again at the star: dearer coordination makes every extra partner cost "
            "more, because each adds a line to all the others.",
            "c": "Dearer coordination cannot make more partners worthwhile: costs rise, value "
            "does not.",
        },
        praise=f"Right: from {cheap} to {dear} partners.",
        hint="Watch the yellow star as you move the slider.",
        explanation="The k-th partner adds k − 1 lines of coordination, so its marginal "
        "coordination cost c(k − 1) grows with c: the peak of the curve moves left "
        f"({cheap} → {dear} partners).",
    )


def _abm_internalised(question_id: str) -> Numeric:
    optimum = NetBenefit().optimum()
    return Numeric(
        id=question_id,
        prompt="Set the share of coordination paid by partners to 0 and leave the other "
        "sliders at their defaults. How many partners do firms keep on average at the end? "
        "Round to a whole number of partners.",
        answer=float(optimum),
        unit="partners",
        abs_tol=0.5,
        rel_tol=0.0,
        hint="Read the blue line at the last period, or the sentence under the plot.",
        explanation=f"About {optimum}, the welfare optimum: when each firm "
        "bears all the costs it causes, its private choice and the network's interest agree.",
    )


def _data_cluster(question_id: str) -> MultipleChoice:
    turn, unclustered = task.panel_turns({"panel": task.PRACTICE_PANEL})
    return MultipleChoice(
        id=question_id,
        prompt="Why does the regression use standard errors clustered by firm?",
        options={
            "a": "Each firm appears in 8 years, and its years are not independent observations",
            "b": "To make the turning point larger",
            "c": "Because firms belong to sectors",
        },
        correct="a",
        misconceptions={
            "b": "Clustering changes the uncertainty, not the estimate itself.",
            "c": "Sectors matter, but the repeated observations of the same firm are what "
            "makes plain standard errors too small here.",
        },
        praise="Right: 960 firm-years are not 960 independent firms.",
        hint="Compare the intervals with and without groups=.",
        explanation="A firm that grows fast one year tends to grow fast the next: treating its "
        "8 years as 8 independent observations overstates the evidence. Clustering by firm "
        f"widens the interval (here from ±{_half_width(unclustered):.2f} to "
        f"±{_half_width(turn):.2f} partners).",
    )


def _network_effective(question_id: str) -> Numeric:
    from collabkit.analysis.ego import ego_redundancy

    effective = ego_redundancy(FOUR_PARTNERS, "firm").effective_size
    return Numeric(
        id=question_id,
        prompt="A firm has 4 partners. Three of them (A, B, C) all work with each other; the "
        "fourth (D) knows none of them. What is the firm's effective size (Burt)? Answer in "
        "partners.",
        answer=effective,
        unit="partners",
        abs_tol=0.01,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                4, "that counts every partner as fully new; A, B and C overlap."
            ),  # fmt: skip
            NumericMisconception(
                1, "redundant partners still add something: each of A, B, C is worth 1 − 2/4."
            ),  # fmt: skip
            NumericMisconception(
                2.5 / 4,
                "that is the efficiency (effective size ÷ partners); "
                "the question asks for the effective size.",
            ),  # fmt: skip
        ),
        hint="Effective size = n − 2t/n, with t the ties among the partners.",
        explanation=f"n = 4 and t = 3: 4 − 2 × 3 / 4 = {effective:g}. A, B and C "
        "are each worth 1 − 2/4 = 0.5 new contacts, D is worth 1.",
    )


def _qca_consistency(question_id: str) -> Numeric:
    from collabkit.analysis.qca import consistency, coverage

    return Numeric(
        id=question_id,
        prompt="Four firms have these memberships in 'dense network' (X) and 'high growth' "
        f"(Y): X = {list(QCA_X)}, Y = {list(QCA_Y)}. How consistent is 'dense network is "
        "sufficient for high growth'? Answer on the 0–1 scale with two decimals.",
        answer=round(consistency(QCA_X, QCA_Y), 2),
        unit="",
        scale="share",
        abs_tol=0.006,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(coverage(QCA_X, QCA_Y), 2),
                "that is the coverage "
                "(divided by the sum of Y); consistency divides by the sum "
                "of X.",
                0.006,
            ),  # fmt: skip
        ),
        hint="Consistency = Σ min(X, Y) / Σ X.",
        explanation="Σ min(X, Y) = 0.8 + 0.4 + 0.2 + 0.7 = 2.1 and Σ X = 2.6, so "
        f"consistency = {consistency(QCA_X, QCA_Y):.3f}: X is mostly a subset of Y.",
    )


def _task_turning(parameters: Parameters, question_id: str) -> Numeric:
    turn, _ = task.panel_turns(parameters)
    return Numeric(
        id=question_id,
        points=2,
        prompt="Graded. Fit the quadratic to the firm panel (growth on partners, standard "
        "errors clustered by firm). Where does growth peak? Answer in partners, two decimals.",
        answer=round(turn.estimate, 2),
        unit="partners",
        abs_tol=0.02,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                2 * turn.estimate, "you forgot the 2 in −b1/(2·b2).", 0.05
            ),  # fmt: skip
            _not_precise(turn.estimate, "estimate"),
        ),
        hint="collabkit.turning_point(panel.partners, panel.revenue_growth, "
        "groups=panel.firm_id).estimate",
        explanation=f"The estimate is {turn.estimate:.2f} partners (the data were made "
        f"with a true peak at {parameters['panel']['turning_point']:g}).",
    )


#: An answer this far from a two-decimal key (in partners) is close, not wrong: read off a
#: plot or rounded to whole partners.
CLOSE_PARTNERS = 0.5


def _not_precise(key: float, what: str) -> NumericMisconception:
    """The feedback for an answer near ``key`` but not to the two decimals asked for;
    ``what`` names the attribute of collabkit.turning_point's result that gives it."""
    return NumericMisconception(
        key,
        "close, but not precise enough: a number read off the plot or rounded to whole "
        "partners is not the estimate. The question asks for two decimals: compute it "
        f"with collabkit.turning_point and give its {what}.",
        rel_tol=0.0,
        abs_tol=CLOSE_PARTNERS,
    )


def _task_upper(parameters: Parameters, question_id: str) -> Numeric:
    turn, unclustered = task.panel_turns(parameters)
    return Numeric(
        id=question_id,
        prompt="Graded. What is the upper end of the 95 % confidence interval of that turning "
        "point? Answer in partners, two decimals.",
        answer=round(turn.ci_high, 2),
        unit="partners",
        abs_tol=0.02,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(unclustered.ci_high, 2),
                "that interval "
                "ignores that a firm's years belong together; add "
                "groups=panel.firm_id.",
                0.02,
            ),  # fmt: skip
            _not_precise(turn.ci_high, "ci_high"),
        ),
        hint="Use the ci_high of the same result.",
        explanation=f"The 95 % interval runs from {turn.ci_low:.2f} to "
        f"{turn.ci_high:.2f} partners: beyond about {turn.ci_high:.0f} partners, "
        "growth falls with more partners.",
    )


def _task_end(parameters: Parameters, question_id: str) -> MultiSelect:
    kestrel = task.kestrel_audit(parameters)
    # option letter → partner, in table order (drawn per course); the partners to end fit
    # the strategy poorly or cost more time than they bring
    options = dict(zip("abcdefghijkl", kestrel.index, strict=True))
    ending = task.to_end(kestrel)
    to_end = frozenset(letter for letter, partner in options.items() if partner in ending)
    return MultiSelect(
        id=question_id,
        points=2,
        prompt="Graded. Run the audit on Kestrel Print's table. Which partnerships should it "
        "end or scale back to come back towards the peak of the curve? Tick all that apply.",
        options=options,
        correct=to_end,
        misconceptions={
            letter: _kestrel_reason(kestrel, partner)
            + ": it earns its place."
            + (
                " Its high dependence calls for a second source, not for ending it."
                if kestrel.loc[partner, "high_dependence"]
                else ""
            )
            for letter, partner in options.items()
            if letter not in to_end
        },
        missed={
            letter: _kestrel_reason(kestrel, partner) + ": weak fit or a loss of time."
            for letter, partner in options.items()
            if letter in to_end
        },
        hint="Look at the flags for strategic network selection and value-adding "
        "collaboration in the audit report.",
        explanation="End or scale back the partnerships with a strategic fit of 1–2 or a "
        "negative net value: "
        + ", ".join(options[letter] for letter in sorted(to_end))
        + f". The {number_word(len(options) - len(to_end))} that remain fit the strategy and "
        "bring more than their hours cost.",
    )


def _task_advice(parameters: Parameters, question_id: str) -> FreeText:
    turn, _ = task.panel_turns(parameters)
    keep = round(turn.estimate)
    return FreeText(
        id=question_id,
        points=4,
        instructor_graded=True,
        prompt="Graded. Kestrel Print has the 12 partnerships in the table above. Advise its "
        "owner (80–150 words): how many partnerships should it keep, which ones should it end "
        "or scale back and why, and how should it check the result next year?",
        rubric=(
            RubricPoint(
                "a number of partners near the turning point",
                tuple(
                    text for n in (keep, keep + 1, keep - 1) for text in (str(n), number_word(n))
                ),
            ),
            RubricPoint(
                "the uncertainty of the estimate", ("interval", "uncertain", "confidence", "range")
            ),
            RubricPoint(
                "partners that cost more time than they bring", ("time", "hours", "net value")
            ),
            RubricPoint(
                "weak strategic fit or redundant partners",
                ("fit", "strateg", "redundan", "overlap"),
            ),
            RubricPoint("dependence on a single partner", ("depend", "autonom", "reliance")),
            RubricPoint("a yearly review", ("review", "evaluat", "every year", "annual")),
        ),  # fmt: skip
        model_answer=f"Kestrel Print should keep about {number_word(keep)} partnerships, the "
        "turning point "
        f"estimated from the panel (95 % interval {turn.ci_low:.1f} to "
        f"{turn.ci_high:.1f}), so twelve is well past the peak. End the partnerships that "
        "cost more hours than they bring and those with a weak strategic fit: they add "
        "coordination without serving the strategy, and two printers overlap with each other. "
        "Keep the partners with complementary skills. Reduce the reliance on the one "
        "distributor that carries a large share of sales, so the firm keeps its autonomy. "
        "Review every partnership once a year: compare hours, value and dependence, and "
        "adjust.",
        min_words=60,
        hint="Cover the number, the uncertainty, which partners and why, autonomy and review.",
        explanation=f"A strong answer keeps about {keep} partnerships (turning point, with its "
        "interval), ends those with negative net value or weak fit, reduces dependence on the "
        "largest partner, and plans a yearly review.",
    )


def _audit_match(question_id: str) -> Classification:
    from collabkit.course.over_collaboration_audit import (
        AUTONOMY,
        ENGAGEMENT,
        EVALUATION,
        RECOMMENDATIONS,
        SELECTION,
        VALUE_ADDING,
    )

    findings = [
        (
            "We joined a regional network because everyone did, not for a clear purpose",
            SELECTION.lower(),
        ),
        (
            "Partnerships take 80 hours a month, more than the 50 the owner can spare",
            ENGAGEMENT.lower(),
        ),
        ("A partnership takes 10 hours a month and brings 3,000 € a year", VALUE_ADDING.lower()),
        ("One partner handles 45 % of our sales", AUTONOMY.lower()),
        ("Nobody has looked at what our partnerships bring since 2021", EVALUATION.lower()),
    ]

    return Classification(
        id=question_id,
        prompt="Match each audit finding to the recommendation it calls for.",
        items=dict(findings),
        categories=[name.lower() for name in RECOMMENDATIONS],
        hint="Selection is about which networks; balance about how much; value about what "
        "each brings; autonomy about reliance; evaluation about checking.",
        explanation="Joining without purpose calls for strategic selection; too many hours "
        "for balanced engagement; a partnership worth less than its time for value-adding "
        "collaboration; one dominant partner for strategic autonomy; no review for regular "
        "evaluation.",
    )


_TASK_BUILDERS = {
    "04.task.turning": _task_turning,
    "04.task.upper": _task_upper,
    "04.task.end": _task_end,
    "04.task.advice": _task_advice,
}


def _build_task(parameters: Parameters, question_id: str) -> Question:
    return _TASK_BUILDERS[question_id](parameters, question_id)


#: The graded task: the firm panel's turning point and interval, which of Kestrel Print's
#: partnerships to end, and the advice, from the task's parameters.
GRADED_TASK = GradedTask(
    notebook=task.NOTEBOOK,
    question_ids=tuple(_TASK_BUILDERS),
    practice=task.PRACTICE,
    draw=task.draw,
    build=_build_task,
    forget=task.forget,
)


QUESTIONS = (
    Classification(
        id="04.costs.match",
        prompt="Match each warning sign to the cost of over-collaboration it shows.",
        items=dict(COST_SIGNS),
        categories=COST_SOURCES,
        hint="Ask what grows: meetings, overlap, sameness, time used, or reliance.",
        explanation="Calls among many firms are coordination costs (they grow with the number "
        "of pairs); similar ideas are redundant knowledge; a blurred brand is competitive "
        "dilution; time taken from the core business is resource depletion; a partner who "
        "sets your prices is dependence.",
    ),  # fmt: skip
    Numeric(
        id="04.costs.channels",
        prompt="A joint project brings together 8 firms, and every pair of firms has to keep "
        "its own line of communication. How many lines is that? Answer in lines.",
        answer=8 * 7 / 2,
        unit="lines",
        abs_tol=0.0,
        rel_tol=1e-9,
        misconceptions=(
            NumericMisconception(56, "you counted each line twice (A–B and B–A are one line)."),
            NumericMisconception(
                64, "8 × 8 pairs each firm with itself and counts every line twice; use n(n − 1)/2."
            ),  # fmt: skip
            NumericMisconception(8, "that is one line per firm; lines grow with pairs of firms."),
        ),
        hint="Each of the 8 firms talks to the 7 others; each line joins two firms.",
        explanation="n(n − 1)/2 = 8 × 7 / 2 = 28 lines. Doubling the group to 16 firms gives "
        "120 lines: coordination grows much faster than the group (Brooks 1975).",
    ),
    CodeAnswer(
        id="04.costs.code",
        prompt="Write a Python function channels(n) that returns the number of lines of "
        "communication in a group of n firms, where every pair of firms keeps one line. "
        "It should work for any whole number n ≥ 0.",
        tests=tuple(CodeTest(f"channels({n})", n * (n - 1) // 2) for n in (0, 1, 2, 3, 8, 16, 100)),
        model_answer="def channels(n):\n    return n * (n - 1) // 2",
        hint="Each of the n firms has n − 1 others to talk to, and each line joins two firms.",
        explanation="def channels(n):\n    return n * (n - 1) // 2\n\n"
        "n(n − 1) counts every line twice (A–B and B–A), so divide by 2. For n = 0 or 1 it "
        "gives 0: nobody to talk to.",
    ),
    MultipleChoice(
        id="04.curve.redundancy",
        prompt="In the net-benefit explorer, why does each new partner add less value than "
        "the one before?",
        options={
            "a": "Later partners are worse firms",
            "b": "Part of what a new partner knows or offers the firm already gets from its "
            "other partners",
            "c": "The firm pays each new partner more",
        },
        correct="b",
        misconceptions={
            "a": "Every partner in the model is equally good; the value of a partner is what "
            "it adds to what the firm already has.",
            "c": "Payments are not in the model; the overlap with earlier partners is.",
        },
        praise="Right: overlap. The k-th partner adds v(1 − r)^(k−1).",
        hint="Move the 'overlap with earlier partners' slider to 0 and watch the blue bars.",
        explanation="With overlap r, the k-th partner adds v(1 − r)^(k−1): the gross value "
        "grows in a straight line but the knowledge actually gained flattens out. That gap is "
        "the knowledge-redundancy cost.",
    ),
    DeferredQuestion("04.curve.coordination", _curve_coordination),
    MultipleChoice(
        id="04.abm.spillover",
        prompt="In the simulation, when do firms end up with more partners than is best for "
        "all of them?",
        options={
            "a": "When part of the coordination each firm causes is paid by its partners",
            "b": "Whenever firms decide for themselves",
            "c": "When coordination is cheap",
            "d": "Only when there are many firms",
        },
        correct="a",
        misconceptions={
            "b": "Set the share paid by partners to 0: firms deciding for themselves then stop "
            "at the welfare optimum.",
            "c": "Cheap coordination moves both the optimum and the firms' choice; the gap "
            "comes from who pays.",
            "d": "The number of firms hardly matters; change it and compare.",
        },
        praise="Right: an externality. A firm weighs only the costs it bears itself.",
        hint="Move the 'share of coordination paid by partners' slider from 0 to 1.",
        explanation="A new partnership adds coordination for the two firms' other partners "
        "too. When they pay part of it, each firm sees a new partner as cheaper than it is "
        "for the network and adds partners past the welfare optimum: over-collaboration "
        "from individually sensible choices.",
    ),
    DeferredQuestion("04.abm.internalised", _abm_internalised),
    DeferredQuestion("04.data.cluster", _data_cluster),
    Numeric(
        id="04.data.turning",
        prompt=f"A study fits growth = b0 + {B1} × partners − {-B2} × partners². "
        "At how many partners does growth peak? Answer in partners.",
        answer=-B1 / (2 * B2),
        unit="partners",
        abs_tol=0.05,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(-B1 / B2, "you forgot the 2: the slope is b1 + 2·b2·x."),
            NumericMisconception(B1 / (2 * B2), "check the sign: b2 is negative."),
        ),
        hint="The slope of b0 + b1·x + b2·x² is b1 + 2·b2·x; set it to zero.",
        explanation=f"x* = −b1 / (2·b2) = {B1} / (2 × {-B2}) = {-B1 / (2 * B2):g} partners.",
    ),
    MultipleChoice(
        id="04.data.misleading",
        prompt="A quadratic fit finds b2 < 0, significant at 1 %. Is that enough to claim an "
        "inverted U?",
        options={
            "a": "Yes: a negative squared term is an inverted U",
            "b": "No: growth must also fall significantly at the high end of the data; a "
            "curve that only flattens also gives b2 < 0",
            "c": "No: b2 must be positive",
        },
        correct="b",
        misconceptions={
            "a": "A rising curve that only flattens (like log(1 + partners)) also gives a "
            "negative b2; the U-test checks that the slope really turns negative within the "
            "data.",
            "c": "A positive b2 would be a U, not an inverted U.",
        },
        praise="Right: test the slopes at both ends (Lind & Mehlum 2010), or fit two lines "
        "(Simonsohn 2018).",
        hint="Look at the concave example in this section.",
        explanation="An inverted U needs a positive slope at the low end and a significantly "
        "negative slope at the high end, with the turning point inside the data. The "
        "quadratic forces a turn even on data that only level off.",
    ),
    DeferredQuestion("04.network.effective", _network_effective),
    DeferredQuestion("04.qca.consistency", _qca_consistency),
    DeferredQuestion("04.audit.match", _audit_match),
    *GRADED_TASK.practice_questions(),
)
