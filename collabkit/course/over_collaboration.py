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
from collabkit.assess.results import ResultNumber
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
    "04.causal": "Correlation or cause: controls, fixed effects and judgement",
    "04.network": "Redundant partners in a firm's own network",
    "04.qca": "Recipes for success: qualitative comparative analysis",
    "04.cases": "Comparing a few cases side by side",
    "04.methods": "Five methods: what each can and cannot show",
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
    ("A joint product waits three weeks because each of six partners must sign off",
     COST_LABELS["coordination"]),
]  # fmt: skip

#: Why each warning sign belongs where it does (shown when it is placed elsewhere).
COST_SIGN_REASONS = {
    COST_SIGNS[0][0]: "Rounds of calls grow with the pairs of firms that must agree: "
    "coordination costs.",
    COST_SIGNS[1][0]: "The ideas are not bad, they are the same ones again: knowledge redundancy.",
    COST_SIGNS[2][0]: "Customers mixing you up with the others is your brand premium "
    "wearing off: competitive dilution.",
    COST_SIGNS[3][0]: "The owner's hours went to the network and the core work stalled: "
    "resource depletion (the time is gone, whatever the meetings are about).",
    COST_SIGNS[4][0]: "A partner who can set your prices holds power over you: dependence, "
    "not coordination.",
    COST_SIGNS[5][0]: "Everyone waiting for everyone is coordination among partners; it "
    "grows with the pairs, not with any one partner's power.",
}


def _kestrel_reason(kestrel: pd.DataFrame, partner: str) -> str:
    row = kestrel.loc[partner]
    return (
        f"{partner} brings {row['value']:,.0f} € a year for {row['hours_per_month']:.0f} hours a "
        f"month ({row['time_cost']:,.0f} € of core work; net {row['net_value']:+,.0f} €) at "
        f"strategic fit {row['strategic_fit']:.0f}"
    )


def _width(turn: TurningPoint) -> float:
    return turn.ci_high - turn.ci_low


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
        concepts=("coordination-costs", "inverted-u"),
    )


def _curve_structure(question_id: str) -> Numeric:
    bilateral = NetBenefit(joint_share=0)
    best, peak = bilateral.optimum(), bilateral.unconstrained_optimum()
    joint = NetBenefit().optimum()
    return Numeric(
        id=question_id,
        prompt="In the net-benefit explorer, set the share of joint projects to 0: every "
        "partnership is bilateral, one line of coordination per partner. Leave the other "
        "sliders at their defaults. What is the best number of partners now? Answer in "
        "partners.",
        answer=float(best),
        unit="partners",
        abs_tol=0.5,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                joint,
                "that is the best number with joint projects (the default); move the "
                "joint-projects slider to 0 first.",
                0.0,
                0.5,
            ),
            NumericMisconception(
                peak,
                "that is where the curve itself peaks, but those partners would need "
                f"more than the {bilateral.time_budget:.0f} hours a month the manager has.",
                0.0,
                0.5,
            ),
        ),  # fmt: skip
        hint="Watch the star and read the sentence under the plot: what sets the limit now?",
        explanation=f"With bilateral coordination a partner adds one line, not one line to "
        f"every other partner, so coordination grows in a straight line. The curve peaks at "
        f"{peak} partners, but {bilateral.hours_per_partner:g} hours each allow only {best} "
        f"in the manager's {bilateral.time_budget:g} hours: time, not coordination, sets "
        f"the limit. With joint projects the best number is {joint}. The assumption about "
        "how partners coordinate moves the advice by more than half.",
        concepts=("coordination-structure", "inverted-u"),
    )


def _curve_assumption(question_id: str) -> MultipleChoice:
    joint, bilateral = NetBenefit().optimum(), NetBenefit(joint_share=0).optimum()
    return MultipleChoice(
        id=question_id,
        prompt="A bakery buys flour, dairy and packaging from three partners who each deal "
        "only with the bakery, never with each other. An adviser uses the default net-benefit "
        "model (every partner coordinates with every other) to tell it how many partners to "
        "keep. What does that assumption do to the advice?",
        options={
            "a": "It puts the best number too late: suppliers who deal only with the bakery "
            "need more lines than pairs of partners do",
            "b": "It puts the best number too early: suppliers who deal only with the bakery "
            "need one line each, not one per pair",
            "c": "Nothing: the peak comes from the value that partners bring, and "
            "coordination does not move it at all",
            "d": "Nothing: with only three partners, counting pairs or partners gives the "
            "same number of lines",
        },
        correct="b",
        misconceptions={
            "a": "n(n − 1)/2 grows faster than n from four partners on, so pairs are more "
            "lines, not fewer: charging pairs makes partners look dearer than they are.",
            "c": "Coordination is one of the costs that bends the curve; move the joint-projects "
            f"slider and the star moves (from {joint} to {bilateral} partners).",
            "d": "Three partners happen to give 3 pairs and 3 lines, but the advice is about "
            "adding a fourth, fifth, ... partner, where pairs grow much faster.",
        },
        praise="Right: the joint-project assumption fits consortia, not a hub of bilateral "
        "suppliers.",
        hint="Count the lines for 6 partners both ways: one per partner, or one per pair.",
        explanation="Brooks' n(n − 1)/2 counts the lines when everyone must talk to everyone "
        "(a joint project, Thompson's reciprocal interdependence). Partners who each deal "
        "only with the firm need about one line each (Thompson's sequential "
        "interdependence; Gulati & Singh 1998 on two-party alliances). Charging pairs for "
        f"them moves the best number from {bilateral} to {joint} partners: the assumption "
        "must fit how the firm really works.",
        concepts=("coordination-structure", "coordination-costs"),
    )


def _abm_internalised(question_id: str) -> Numeric:
    from collabkit.models.partnering import PartneringModel, private_equilibrium

    optimum = NetBenefit().optimum()
    default = PartneringModel()
    overshoot = private_equilibrium(default.payoff, default.cost_spillover)
    return Numeric(
        id=question_id,
        prompt="Set the share of coordination paid by partners to 0 and leave the other "
        "sliders at their defaults. How many partners do firms keep on average at the end? "
        "Round to a whole number of partners.",
        answer=float(optimum),
        unit="partners",
        abs_tol=0.5,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                overshoot,
                f"that is where firms stop when partners pay {default.cost_spillover:.0%} "
                "of the coordination (the default); set that slider to 0 first.",
                0.0,
                0.5,
            ),
        ),
        hint="Read the blue line at the last period, or the sentence under the plot.",
        explanation=f"About {optimum}, the welfare optimum: when each firm "
        "bears all the costs it causes, its private choice and the network's interest agree.",
        concepts=("agent-based-simulation",),
    )


def _data_cluster(question_id: str) -> MultipleChoice:
    turns = task.panel_turns({"panel": task.PRACTICE_PANEL})
    turn, unclustered = turns.key, turns.unclustered
    return MultipleChoice(
        id=question_id,
        prompt="Why does the regression use standard errors clustered by firm?",
        options={
            "a": "A firm's eight years are alike, so they are not eight separate pieces of "
            "evidence",
            "b": "Firms in one sector grow alike, so sector differences must be removed from "
            "the estimate",
            "c": "Large firms have more partners, so clustering gives each firm the same "
            "weight in the fit",
        },
        correct="a",
        misconceptions={
            "b": "Sector differences are removed by sector controls, which change the "
            "estimate; clustering leaves the estimate as it is and corrects its uncertainty.",
            "c": "Clustering does not reweight firms: the coefficients are the same with or "
            "without it. It widens the interval because a firm's years repeat each other.",
        },
        praise="Right: 960 firm-years are not 960 independent firms.",
        hint="Compare the intervals with and without groups=.",
        explanation="A firm that grows fast one year tends to grow fast the next: treating its "
        "8 years as 8 independent observations overstates the evidence. Clustering by firm "
        f"widens the interval (here from {_width(unclustered):.2f} to {_width(turn):.2f} "
        "partners wide).",
        concepts=("regression",),
    )


def _practice_panel() -> pd.DataFrame:
    from collabkit.data.firm_panel import load_firm_panel

    return load_firm_panel()


#: Stories from a panel of firms, and the threat to reading partners → growth as a cause.
THREATS = ("reverse causality", "selection", "confounding", "no threat to the causal reading")
THREAT_STORIES = {
    "Fast-growing firms are sought out by partners, so growth brings the partners":
        "reverse causality",
    "Firms whose networks failed closed down and are missing from the panel":
        "selection",
    "Owners with a flair for networking also run their firms better":
        "confounding",
    "Firms in booming sectors both grow faster and are offered more partnerships":
        "confounding",
    "Only firms that answered a survey on partnerships are in the data, and happy firms "
    "answer more": "selection",
    "Firm-years of one firm are alike, so the interval from plain standard errors is too "
    "narrow": "no threat to the causal reading",
}  # fmt: skip
THREAT_REASONS = {
    "reverse causality": "the arrow runs from growth to partners: success attracts partners.",
    "selection": "which firms are in the data depends on the outcome, so the sample is not "
    "like the population.",
    "confounding": "a third thing drives both partners and growth; a control or fixed "
    "effect can remove it only if it is measured or constant within the firm.",
    "no threat to the causal reading": "it makes the interval wrong, not the estimate: "
    "clustering by firm fixes it.",
}


def _reasoned_classification(
    question_id: str,
    placements: dict[str, str],
    reasons: dict[str, str],
    lead: str,
    **fields: object,
) -> Classification:
    """A classification into the categories of ``reasons`` (in their order) in which every
    item placed wrongly is told where it belongs and why: ``lead`` names the category
    (``"This is {}"``) before the category's reason."""
    return Classification(
        id=question_id,
        items=dict(placements),
        categories=list(reasons),
        misconceptions={
            item: f"{lead.format(category)}: {reasons[category]}"
            for item, category in placements.items()
        },
        **fields,  # type: ignore[arg-type]
    )


def _causal_threats(question_id: str) -> Classification:
    return _reasoned_classification(
        question_id,
        THREAT_STORIES,
        THREAT_REASONS,
        "This is {}",
        prompt="A study finds that firms with more partners grow faster up to a point. Which "
        "threat to reading that as 'partners cause growth' does each story describe? A threat "
        "can come up more than once.",
        hint="Ask: which way does the arrow run, who is missing, and what else moves both?",
        explanation="Reverse causality: growth brings partners. Selection: the firms in the "
        "data are picked by their outcome (failures gone, happy firms answering). "
        "Confounding: a third factor (owner's skill, a booming sector) drives both. Clustering "
        "is about the width of the interval, not about cause.",
        concepts=("causality",),
    )


def _causal_corr(question_id: str) -> ResultNumber:
    panel = _practice_panel()
    r = float(panel["partners"].corr(panel["governance"]))
    return ResultNumber(
        id=question_id,
        prompt="Your own code. In the firm panel of section 4 (the variable panel), how "
        "strongly do the number of partners and the governance score go together? Compute "
        "the correlation of the columns partners and governance with pandas and pass it on "
        'with collabkit.answer("04.causal.corr", your_number). Two decimals.',
        answer=round(r, 2),
        unit="",
        abs_tol=0.006,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(float(panel["partners"].corr(panel["complementarity"])), 2),
                "that is the correlation of partners with complementarity; the question asks "
                "about governance.",
                0.0,
                0.006,
            ),
            NumericMisconception(
                round(float(panel["partners"].corr(panel["revenue_growth"])), 2),
                "that is the correlation of partners with growth; the question asks about "
                "governance, the candidate confounder.",
                0.0,
                0.006,
            ),
            NumericMisconception(
                round(float(panel["governance"].corr(panel["revenue_growth"])), 2),
                "that is governance with growth; the question asks how governance goes with "
                "partners.",
                0.0,
                0.006,
            ),
        ),  # fmt: skip
        hint='panel["partners"].corr(panel["governance"])',
        explanation=f"r = {r:.2f}: firms with many partners also have formal governance. "
        "Since governance raises growth in this panel, a regression on partners alone "
        "credits partners with part of governance's effect: governance confounds.",
        concepts=("causality", "regression"),
    )


def _causal_fe(question_id: str) -> ResultNumber:
    from collabkit.data.firm_panel import compare_regressions

    table = compare_regressions(_practice_panel()).table
    naive, controlled, fixed = (float(v) for v in table["turning_point"])
    b1, b2 = (float(v) for v in table.iloc[2][["b1", "b2"]])
    return ResultNumber(
        id=question_id,
        prompt="Your own code. Fit growth on partners and partners² with firm fixed effects "
        'to the whole panel of section 4 (statsmodels: smf.ols("revenue_growth ~ partners + '
        'I(partners**2) + C(firm_id)", data=panel).fit()). Where does growth peak? Pass '
        '−b1 / (2·b2) on with collabkit.answer("04.causal.fe", your_number). Answer in '
        "partners, two decimals.",
        answer=round(fixed, 2),
        unit="partners",
        abs_tol=0.02,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(naive, 2),
                "that is the fit without fixed effects: add C(firm_id) so "
                "each firm is compared only with itself.",
                0.0,
                0.02,
            ),
            NumericMisconception(
                round(controlled, 2),
                "that is the fit with the measured controls (sector, "
                "governance, complementarity); the question asks for firm fixed effects.",
                0.0,
                0.02,
            ),
            NumericMisconception(
                round(-b1 / b2, 2),
                "you forgot the 2 in −b1 / (2·b2).",
                0.0,
                0.02,
            ),
            NumericMisconception(
                round(b1, 2),
                "that is b1, the slope at zero partners; the peak is where the slope "
                "b1 + 2·b2·x is zero, at −b1 / (2·b2).",
                0.0,
                0.02,
            ),
        ),  # fmt: skip
        hint='fit.params["partners"] and fit.params["I(partners ** 2)"] are b1 and b2.',
        explanation=f"With firm fixed effects the peak is at {fixed:.2f} partners, against "
        f"{naive:.2f} with partners alone and {controlled:.2f} with the measured controls. "
        "Fixed effects compare each firm with its own other years, so every difference "
        "between firms that does not change over time drops out, measured or not.",
        concepts=("controls-fixed-effects", "causality", "regression"),
    )


def _causal_advice(question_id: str) -> MultipleChoice:
    turn = task.panel_turns({"panel": task.PRACTICE_PANEL}).key
    low, high = f"{turn.ci_low:.1f}", f"{turn.ci_high:.1f}"
    return MultipleChoice(
        id=question_id,
        prompt=f"In the generated panel, growth with controls peaks at {turn.estimate:.1f} "
        f"partners (95 % Fieller interval {low} to {high}). Suppose a real panel said the "
        "same. The owner of a firm with eleven partners asks: should I drop to seven? Which "
        "answer is best supported?",
        options={
            "a": "Yes: the regression shows that any firm's growth is highest at seven "
            "partners, so drop four",
            "b": "No: a cross-firm regression says nothing at all about one firm, so ignore "
            "it and ask partners",
            "c": "Maybe: similar firms gain little past seven; audit your own partners to "
            "see which to drop",
            "d": "No: the interval is wide, so more partners could be better, and there is "
            "no reason to change",
        },
        correct="c",
        misconceptions={
            "a": "The peak is an average across firms, estimated with uncertainty, and it "
            "need not hold for this firm: its partners may be better or worse than average.",
            "b": "The panel is evidence about firms like it; it sets a useful prior. Ignoring "
            "it throws away what hundreds of firm-years show.",
            "d": f"The interval runs from {low} to {high}, well below eleven: the evidence "
            "does point down. What it cannot say is which partners to drop.",
        },
        praise="Right: evidence from the panel, judgement from the firm's own audit.",
        hint="Separate what the data say about firms on average from what this firm needs.",
        explanation="A regression across firms gives evidence (the average firm gains little "
        "past the peak, with an interval), not a rule for one firm. Its causal reading rests "
        "on assumptions (no reverse causality, no selection, no unmeasured confounder). The "
        "firm's own audit supplies the judgement: which partners earn their hours.",
        concepts=("causality",),
    )


def _data_fieller(question_id: str) -> MultipleChoice:
    turns = task.panel_turns({"panel": task.PRACTICE_PANEL})
    key, delta = turns.key, turns.delta
    return MultipleChoice(
        id=question_id,
        prompt="The turning point −b1/(2·b2) is a ratio of two estimates. Why do Lind and "
        "Mehlum (2010) recommend the Fieller interval for it rather than the delta method?",
        options={
            "a": "Fieller is always narrower, so the turning point is estimated more precisely",
            "b": "A ratio's estimate is skewed; Fieller's interval can be lopsided and unbounded",
            "c": "The delta method needs clustered standard errors, which firm panels do not have",
            "d": "Fieller uses only the sign of b2, so it is robust to outliers in the partners",
        },
        correct="b",
        misconceptions={
            "a": f"Not always: here Fieller runs {key.ci_low:.2f}–{key.ci_high:.2f} and the "
            f"delta method {delta.ci_low:.2f}–{delta.ci_high:.2f}; when b2 is imprecise "
            "Fieller is much wider, even unbounded.",
            "c": "Both methods take any covariance, clustered or not; the panel here is "
            "clustered by firm for both.",
            "d": "Fieller uses b1, b2 and their whole covariance: it is the set of points where "
            "the slope b1 + 2·b2·x is not significantly different from zero.",
        },
        praise="Right: the delta method forces a symmetric interval on a skewed ratio.",
        hint="What happens to −b1/(2·b2) when b2 is close to zero?",
        explanation="When b2 is small relative to its standard error, −b1/(2·b2) can be huge "
        "or flip sign: its distribution is skewed. The delta method draws a symmetric "
        "interval anyway. Fieller's interval is the set of x where the slope is not "
        "significantly different from zero: lopsided when it should be, unbounded when the "
        f"data cannot locate the peak. Here: Fieller {key.ci_low:.2f} to {key.ci_high:.2f}, "
        f"delta {delta.ci_low:.2f} to {delta.ci_high:.2f}.",
        concepts=("u-test", "turning-point"),
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
        concepts=("effective-size", "knowledge-redundancy", "network-analysis-method"),
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
        concepts=("qca",),
    )


#: The four cases of the QCA necessity question: memberships in "complementary partners"
#: and "high growth" (the first two firms grow with complementary partners; the third has
#: them and does not grow; the fourth has neither).
NEC_X = (0.9, 0.8, 0.9, 0.2)
NEC_Y = (0.8, 0.7, 0.1, 0.3)


def _qca_necessity(question_id: str) -> Numeric:
    from collabkit.analysis.qca import consistency

    key = consistency(NEC_X, NEC_Y, kind="necessity")
    return Numeric(
        id=question_id,
        prompt="Four firms have these memberships in 'complementary partners' (X) and 'high "
        f"growth' (Y): X = {list(NEC_X)}, Y = {list(NEC_Y)}. How consistent is "
        "'complementary partners are necessary for high growth'? Answer on the 0–1 scale "
        "with two decimals.",
        answer=round(key, 2),
        unit="",
        scale="share",
        abs_tol=0.006,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(consistency(NEC_X, NEC_Y), 2),
                "that divides by Σ X: the consistency of sufficiency (and the coverage of "
                "necessity). Necessity asks whether Y is a subset of X, so divide by Σ Y.",
                0.0,
                0.006,
            ),
            NumericMisconception(
                round(sum(max(x, y) for x, y in zip(NEC_X, NEC_Y, strict=True)) / sum(NEC_Y), 2),
                "take the smaller membership of each firm, min(X, Y), not the larger.",
                0.0,
                0.006,
            ),
        ),  # fmt: skip
        hint="Consistency of necessity = Σ min(X, Y) / Σ Y.",
        explanation=f"Σ min(X, Y) = 0.8 + 0.7 + 0.1 + 0.2 = 1.8 and Σ Y = 1.9, so consistency "
        f"= {key:.2f}: the firms with high growth have complementary partners. But the third "
        "firm has them and does not grow: necessary, not sufficient "
        f"(sufficiency consistency {consistency(NEC_X, NEC_Y):.2f}).",
        concepts=("necessity-analysis", "qca"),
    )


def _qca_necessary_not_sufficient(question_id: str) -> MultipleChoice:
    from collabkit.analysis.qca import necessity
    from collabkit.data.network_cases import OUTCOME, calibrated_cases

    table = necessity(calibrated_cases(), OUTCOME)
    value = table.loc["complementary", "consistency"]
    return MultipleChoice(
        id=question_id,
        prompt=f"In the 30 cases, complementary partners have a necessity consistency of "
        f"{value:.2f} and appear in every recipe. An owner concludes: 'If I make my partners "
        "complementary, my firm will grow fast.' How do you judge that?",
        options={
            "a": "Sound: a condition that is necessary for an outcome is also enough to "
            "bring it about",
            "b": "Unsound: necessary means it must be there, but in large ungoverned networks "
            "it is not enough",
            "c": "Unsound: a consistency of necessity below 1.00 means that the condition plays "
            "no part in growth",
            "d": "Sound: a condition that appears in every recipe of the solution guarantees "
            "the outcome itself",
        },
        correct="b",
        misconceptions={
            "a": "Necessary and sufficient are different set relations: high growth is a "
            "subset of complementary partners, not the reverse.",
            "c": "0.9 or more is the usual bar for necessity; a few contradicting cases are "
            "expected with measured data.",
            "d": "Each recipe combines complementary with another condition (few partners, or "
            "governance); on its own it is not a recipe.",
        },
        praise="Right: necessary, not sufficient. Kiln Foods has complementary partners, a "
        "large ungoverned network and shrinks.",
        hint="Look at firms with complementary partners that did not grow.",
        explanation="Necessity: every fast grower has complementary partners (Y ⊆ X). "
        "Sufficiency would need every firm with complementary partners to grow fast (X ⊆ Y), "
        "and it fails: complementary partners help when the network is small or well "
        "governed. Ragin (2008); Schneider & Wagemann (2012).",
        concepts=("necessity-analysis",),
    )


def _qca_dense(question_id: str) -> MultipleChoice:
    from collabkit.analysis.qca import truth_table
    from collabkit.data.network_cases import OUTCOME, calibrated_cases

    table = truth_table(calibrated_cases(), OUTCOME)
    empty = int(table["outcome"].isna().sum())
    return MultipleChoice(
        id=question_id,
        prompt="The conservative solution has the term dense*governance*complementary; the "
        "parsimonious one has governance*complementary. Why does 'dense' appear in the "
        "conservative solution?",
        options={
            "a": "Dense networks of complementary partners grow faster, so density is part "
            "of the recipe",
            "b": "The same combination without density has no cases, so the data cannot "
            "rule density out",
            "c": "Density lowers the consistency of the term, so QCA must keep it to stay "
            "below the threshold",
            "d": "The calibration puts every firm with many partners in the dense set, so the "
            "two cannot be split",
        },
        correct="b",
        misconceptions={
            "a": "No case shows that density helps: firms with many partners, governance, "
            "complementary partners and a sparse network were simply never observed.",
            "c": "Consistency must be above the threshold, not below; and the term without "
            "density would cover no inconsistent case, only an empty row.",
            "d": "Many-partner firms can be sparse (Bramble Foods is); it is the combination "
            "with governance and complementary partners that has no case.",
        },
        praise="Right: limited diversity. The conservative solution assumes nothing about "
        "combinations nobody observed.",
        hint="Find the row many_partners=1, dense=0, governance=1, complementary=1 in the "
        "truth table.",
        explanation=f"{empty} of the 16 combinations have no cases (logical remainders). To "
        "merge dense*governance*complementary with the same firms but not dense, QCA needs "
        "the row many_partners*~dense*governance*complementary, which has none. The "
        "conservative solution treats it as not leading to growth and keeps 'dense'; the "
        "parsimonious one assumes it would, and drops it. The generator's true recipe has no "
        "density: here the simplifying assumption happens to be right, which real data "
        "cannot tell you.",
        concepts=("limited-diversity", "qca-solutions", "qca"),
    )


def _cases_agreement(question_id: str) -> MultipleChoice:
    return MultipleChoice(
        id=question_id,
        prompt="In the comparison, the two fast growers (Amber Studio, Jasper Store) share "
        "dense networks and complementary partners. A manager concludes that dense networks "
        "drive growth. How do you judge that?",
        options={
            "a": "Sound: what all successful cases share is the cause, by Mill's method of "
            "agreement",
            "b": "Weak: two cases can share a condition by chance; the 30-case QCA finds no "
            "density term",
            "c": "Sound: the two fast growers differ in partners and in governance, so only "
            "density is left",
            "d": "Weak: case comparison can never say anything about causes, so it should "
            "not be used",
        },
        correct="b",
        misconceptions={
            "a": "Agreement finds what the cases share, and with two cases that includes "
            "coincidences; complementary partners are shared too.",
            "c": "They also share complementary partners, and the parsimonious QCA over all "
            "30 firms needs no density: agreement between two cases is a lead, not proof.",
            "d": "A structured comparison finds candidate causes and mechanisms; it needs "
            "more cases or another method to test them.",
        },
        praise="Right: a shared condition in two cases is a lead to test, not a finding.",
        hint="Compare with the QCA solutions over all 30 cases.",
        explanation="Mill's method of agreement keeps everything the successes share; with "
        "two cases much is shared by chance (Lieberson 1991). Kiln Foods is dense, has "
        "complementary partners and shrinks; the parsimonious QCA recovers the generator's "
        "recipe without density. Case comparison suggests; more cases test.",
        concepts=("case-comparison", "multi-method"),
    )


#: Findings and the method best placed to give them (methods may be used more than once).
METHODS = (
    "network analysis",
    "regression",
    "qualitative comparative analysis",
    "case comparison",
    "agent-based simulation",
)
METHOD_CLAIMS = {
    "Which of a firm's partners already work with each other, and how redundant they are":
        "network analysis",
    "How much growth changes with one more partner on average, holding sector and "
    "governance fixed": "regression",
    "Whether the same growth is reached by different combinations of conditions":
        "qualitative comparative analysis",
    "How two similar firms with opposite fortunes ran their networks, step by step":
        "case comparison",
    "Whether firms that each decide sensibly can together end up with too many partners":
        "agent-based simulation",
    "Whether the peak in growth holds when each firm is compared only with its own years":
        "regression",
    "Which conditions every high-growth firm has (necessity)":
        "qualitative comparative analysis",
}  # fmt: skip
METHOD_REASONS = {
    "network analysis": "it measures the structure of ties (effective size, density); it "
    "does not say what the structure does to growth.",
    "regression": "it estimates an average effect across many firms, with controls or fixed "
    "effects; it cannot tell one firm what to do, nor fix reverse causality by itself.",
    "qualitative comparative analysis": "it finds combinations and set relations "
    "(sufficiency, necessity); it needs calibration and is blind to combinations never "
    "observed.",
    "case comparison": "it traces how things happened in a few firms; it suggests causes "
    "but cannot generalise from a handful.",
    "agent-based simulation": "it shows what assumed rules produce when many firms "
    "interact; it shows possibility, not what real firms do.",
}


def _methods_match(question_id: str) -> Classification:
    return _reasoned_classification(
        question_id,
        METHOD_CLAIMS,
        METHOD_REASONS,
        "It calls for {}",
        prompt="Which method is best placed to show each of these? A method can be the "
        "answer more than once.",
        hint="Ask what each method takes in: ties, many firms' numbers, sets of conditions, "
        "a few stories, or rules for agents.",
        explanation="Network analysis maps ties; regression estimates average effects with "
        "controls or fixed effects; QCA finds combinations and necessary conditions; case "
        "comparison traces how it happened in a few firms; simulation shows what rules "
        "produce in aggregate. Each covers another's blind spot, which is why the seed's "
        "framework uses all five.",
        concepts=(
            "multi-method",
            "network-analysis-method",
            "regression",
            "qca",
            "case-comparison",
            "agent-based-simulation",
        ),  # fmt: skip
    )


def _task_turning(parameters: Parameters, question_id: str) -> Numeric:
    turns = task.panel_turns(parameters)
    turn, naive = turns.key, turns.naive
    return Numeric(
        id=question_id,
        points=2,
        prompt="Graded. Fit the quadratic to the task's firm panel with sector, governance and "
        "complementarity as controls and standard errors clustered by firm. Where does growth "
        "peak? Answer in partners, two decimals.",
        answer=round(turn.estimate, 2),
        unit="partners",
        abs_tol=0.02,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(naive.estimate, 2),
                "that is the fit on partners alone. Governance goes "
                "with partners and raises growth; add the controls.",
                0.0,
                0.02,
            ),
            NumericMisconception(2 * turn.estimate, "you forgot the 2 in −b1/(2·b2).", 0.05),
            _not_precise(turn.estimate, "estimate"),
        ),  # fmt: skip
        hint="collabkit.turning_point(panel.partners, panel.revenue_growth, "
        'groups=panel.firm_id, controls=panel[["sector", "governance", '
        '"complementarity"]], method="fieller").estimate',
        explanation=f"With controls the estimate is {turn.estimate:.2f} partners (without "
        f"them {naive.estimate:.2f}); the data were generated with a true peak at "
        f"{parameters['panel']['turning_point']:g}.",
        concepts=("turning-point", "causality", "regression", "controls-fixed-effects"),
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
    turns = task.panel_turns(parameters)
    turn = turns.key
    return Numeric(
        id=question_id,
        prompt="Graded. What is the upper end of the 95 % Fieller confidence interval of that "
        "turning point? Answer in partners, two decimals.",
        answer=round(turn.ci_high, 2),
        unit="partners",
        abs_tol=0.02,
        rel_tol=0.0,
        misconceptions=(
            NumericMisconception(
                round(turns.delta.ci_high, 2),
                "that is the delta-method bound, a symmetric "
                'interval around a skewed ratio; use method="fieller".',
                0.0,
                0.02,
            ),
            NumericMisconception(
                round(turns.unclustered.ci_high, 2),
                "that interval ignores that a firm's "
                "years belong together; add groups=panel.firm_id.",
                0.0,
                0.02,
            ),
            NumericMisconception(
                round(turns.naive.ci_high, 2),
                "that is the interval of the fit without "
                "controls; add sector, governance and complementarity.",
                0.0,
                0.02,
            ),
            _not_precise(turn.ci_high, "ci_high"),
        ),  # fmt: skip
        hint='Use the ci_high of the same result, with method="fieller".',
        explanation=f"The 95 % Fieller interval runs from {turn.ci_low:.2f} to "
        f"{turn.ci_high:.2f} partners (delta method: {turns.delta.ci_low:.2f} to "
        f"{turns.delta.ci_high:.2f}). Beyond about {turn.ci_high:.0f} partners, the firms of "
        "this panel grow less with more partners, on average.",
        concepts=("u-test", "turning-point"),
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
        concepts=(
            "collaboration-audit",
            "value-adding-collaboration",
            "strategic-network-selection",
        ),
    )


def _task_advice(parameters: Parameters, question_id: str) -> FreeText:
    turn = task.panel_turns(parameters).key
    keep = round(turn.estimate)
    return FreeText(
        id=question_id,
        points=4,
        instructor_graded=True,
        prompt="Graded. Kestrel Print has the 12 partnerships in the table above. Advise its "
        "owner (80–150 words). Separate evidence from judgement: what does the panel say about "
        "firms like Kestrel Print, with how much certainty, and what can it not say about this "
        "one firm? Then, from the audit, which partnerships should it end or scale back and "
        "why, and how should it check the result next year?",
        rubric=(
            RubricPoint(
                "the panel's evidence: where growth peaks for firms like it",
                tuple(
                    text for n in (keep, keep + 1, keep - 1) for text in (str(n), number_word(n))
                ),
            ),
            RubricPoint(
                "the uncertainty of the estimate", ("interval", "uncertain", "confidence", "range")
            ),
            RubricPoint(
                "what the evidence cannot show (an average across firms, not a proven cause "
                "for this firm)",
                (
                    "average",
                    "causal",
                    "cause",
                    "confound",
                    "not proof",
                    "similar firms",
                    "correlat",
                    "generated",
                ),
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
        model_answer=f"Evidence: in the panel, firms like Kestrel Print grow most at about "
        f"{number_word(keep)} partners (controlled for sector, governance and "
        f"complementarity; 95 % interval {turn.ci_low:.1f} to {turn.ci_high:.1f}), so on "
        "average twelve is past the peak. That is an average across firms, not a proven "
        "cause for this firm, so it is a guide, not a target. Judgement, from the audit: "
        f"keep about {number_word(keep)} partnerships. End the partnerships that cost more "
        "hours than they bring and those with a weak strategic fit: they add coordination "
        "without serving the strategy, and two printers overlap with each other. Keep the "
        "partners with complementary skills. Reduce the reliance on the one distributor that "
        "carries a large share of sales, so the firm keeps its autonomy. Review every "
        "partnership once a year: compare hours, value and dependence, and adjust.",
        min_words=60,
        hint="Evidence (the peak and its interval, and its limits), then judgement (which "
        "partners and why, autonomy, review).",
        explanation=f"A strong answer reads the panel as evidence about similar firms (a peak "
        f"near {keep} partners, with its interval and its limits: an average, not a cause "
        "proven for this firm), then judges from the audit: ends those with negative net "
        "value or weak fit, reduces dependence on the largest partner, and plans a yearly "
        "review.",
        concepts=("causality", "collaboration-audit", "turning-point"),
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
        ("Our one wholesaler could cut us off and we have no second source",
         AUTONOMY.lower()),
    ]  # fmt: skip
    reasons = {
        findings[0][0]: "Joining without a purpose is a question of which networks to be in: "
        "strategic network selection.",
        findings[1][0]: "Hours beyond what the owner can spare are too much engagement "
        "overall: balanced engagement.",
        findings[2][0]: "Ten hours a month cost far more than 3,000 € of core work a year: the "
        "partnership does not add value (value-adding collaboration).",
        findings[3][0]: "One partner with 45 % of sales can set your terms: strategic autonomy.",
        findings[4][0]: "Nobody checking is the missing review: regular evaluation.",
        findings[5][0]: "A single supplier with no alternative is reliance, whatever it "
        "costs in hours: strategic autonomy.",
    }

    return Classification(
        id=question_id,
        prompt="Match each audit finding to the recommendation it calls for.",
        items=dict(findings),
        categories=[name.lower() for name in RECOMMENDATIONS],
        misconceptions=reasons,
        concepts=(
            "collaboration-audit",
            "strategic-network-selection",
            "balanced-engagement",
            "value-adding-collaboration",
            "strategic-autonomy",
            "regular-evaluation",
        ),
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
        misconceptions=COST_SIGN_REASONS,
        hint="Ask what grows: meetings, overlap, sameness, time used, or reliance. A cost can "
        "show up more than once.",
        explanation="Calls among many firms are coordination costs (they grow with the number "
        "of pairs); similar ideas are redundant knowledge; a blurred brand is competitive "
        "dilution; time taken from the core business is resource depletion; a partner who "
        "sets your prices is dependence; waiting for six sign-offs is coordination again.",
        concepts=(
            "coordination-costs",
            "knowledge-redundancy",
            "competitive-dilution",
            "resource-depletion",
            "dependence",
        ),
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
        "120 lines: coordination grows much faster than the group (Brooks 1975). That holds "
        "when every firm must talk to every other; if each firm dealt only with a lead firm, "
        "8 firms would need 7 lines.",
        concepts=("coordination-costs", "coordination-structure"),
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
        concepts=("coordination-costs",),
    ),
    MultipleChoice(
        id="04.curve.redundancy",
        prompt="In the net-benefit explorer, why does each new partner add less value than "
        "the one before?",
        options={
            "a": "The firm picks its best partners first, so later ones are weaker firms",
            "b": "Part of what a new partner offers, the firm gets from others already",
            "c": "Each new partner demands a larger share of the gains than the last one",
            "d": "Each new partner adds lines of coordination with all the earlier ones",
        },
        correct="b",
        misconceptions={
            "a": "Every partner in the model is equally good; the value of a partner is what "
            "it adds to what the firm already has.",
            "c": "Payments are not in the model; the overlap with earlier partners is.",
            "d": "That is true, but it is a cost the model subtracts separately; the question "
            "is about the value a partner adds, which shrinks through overlap.",
        },
        praise="Right: overlap. The k-th partner adds v(1 − r)^(k−1).",
        hint="Move the 'overlap with earlier partners' slider to 0 and watch the blue bars.",
        explanation="With overlap r, the k-th partner adds v(1 − r)^(k−1): the gross value "
        "grows in a straight line but the knowledge actually gained flattens out. That gap is "
        "the knowledge-redundancy cost.",
        concepts=("knowledge-redundancy", "diminishing-returns"),
    ),
    DeferredQuestion("04.curve.coordination", _curve_coordination),
    DeferredQuestion("04.curve.structure", _curve_structure),
    DeferredQuestion("04.curve.assumption", _curve_assumption),
    MultipleChoice(
        id="04.abm.spillover",
        prompt="In the simulation, when do firms end up with more partners than is best for "
        "all of them?",
        options={
            "a": "When partners bear a part of the coordination each firm causes",
            "b": "Whenever firms choose their partners for themselves, in any case",
            "c": "When coordination is cheap, so that partners cost almost nothing",
            "d": "Only when there are many firms, so that partners are easy to find",
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
        concepts=("agent-based-simulation",),
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
        concepts=("turning-point", "inverted-u"),
    ),
    MultipleChoice(
        id="04.data.misleading",
        prompt="A quadratic fit finds b2 < 0, significant at 1 %. Is that enough to claim an "
        "inverted U?",
        options={
            "a": "Yes: a significant negative squared term is what an inverted U means",
            "b": "No: a curve that only flattens gives b2 < 0 too; test both ends",
            "c": "No: for an inverted U the squared term b2 must be positive, not negative",
            "d": "Yes, if the turning point −b1/(2·b2) is a positive number of partners",
        },
        correct="b",
        misconceptions={
            "a": "A rising curve that only flattens (like log(1 + partners)) also gives a "
            "negative b2; the U-test checks that the slope really turns negative within the "
            "data.",
            "c": "A positive b2 would be a U, not an inverted U.",
            "d": "A flattening curve also has a positive turning point, often beyond the data; "
            "the slope must be significantly negative at the high end of the data.",
        },
        praise="Right: test the slopes at both ends (Lind & Mehlum 2010), or fit two lines "
        "(Simonsohn 2018).",
        hint="Look at the concave example in this section.",
        explanation="An inverted U needs a positive slope at the low end and a significantly "
        "negative slope at the high end, with the turning point inside the data. The "
        "quadratic forces a turn even on data that only level off.",
        concepts=("u-test", "inverted-u", "misleading-estimates"),
    ),
    DeferredQuestion("04.data.fieller", _data_fieller),
    DeferredQuestion("04.causal.threats", _causal_threats),
    DeferredQuestion("04.causal.corr", _causal_corr),
    DeferredQuestion("04.causal.fe", _causal_fe),
    DeferredQuestion("04.causal.advice", _causal_advice),
    DeferredQuestion("04.network.effective", _network_effective),
    DeferredQuestion("04.qca.consistency", _qca_consistency),
    DeferredQuestion("04.qca.necessity", _qca_necessity),
    DeferredQuestion("04.qca.necessary", _qca_necessary_not_sufficient),
    DeferredQuestion("04.qca.dense", _qca_dense),
    DeferredQuestion("04.cases.agreement", _cases_agreement),
    DeferredQuestion("04.methods.match", _methods_match),
    DeferredQuestion("04.audit.match", _audit_match),
    *GRADED_TASK.practice_questions(),
)
