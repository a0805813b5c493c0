"""Notebook 04's question bank measures understanding, not form: options carry no length
cue, every wrong option and placement is explained, numeric slips come from the model, and
evaluate/design items are at least a fifth of the bank."""

from __future__ import annotations

import pandas as pd
import pytest
import statsmodels.formula.api as smf

import collabkit
from collabkit.data.firm_panel import load_firm_panel
from collabkit.models.net_benefit import NetBenefit
from collabkit.models.partnering import PartneringModel, private_equilibrium

QUESTIONS = [q for q in collabkit.all_questions() if q.notebook == "04"]
#: Items that ask to judge a claim or a plan, or to design one (not to recall or compute).
EVALUATE_OR_DESIGN = {
    "04.curve.assumption", "04.causal.threats", "04.causal.advice", "04.qca.necessary",
    "04.qca.dense", "04.cases.agreement", "04.methods.match", "04.task.end",
    "04.task.advice",
}  # fmt: skip


def test_the_correct_option_is_never_the_longest_and_every_wrong_one_is_explained():
    for question in QUESTIONS:
        if question.kind != "choice":
            continue
        lengths = {key: len(text) for key, text in question.options.items()}
        assert lengths[question.correct] < max(lengths.values()), question.id
        assert max(lengths.values()) <= 1.6 * min(lengths.values()) or question.id == (
            "04.curve.coordination"  # "It falls" / "It stays the same" / "It rises"
        ), question.id
        wrong = set(question.options) - {question.correct}
        assert wrong <= set(question.misconceptions), question.id


def test_classifications_reuse_categories_and_explain_every_placement():
    for question in QUESTIONS:
        if question.kind != "classify":
            continue
        placed = list(question.items.values())
        assert len(set(placed)) < len(placed), f"{question.id} is a bijection"
        assert set(question.misconceptions) == set(question.items), question.id


def test_evaluate_and_design_items_are_at_least_a_fifth():
    ids = {q.id for q in QUESTIONS}
    assert EVALUATE_OR_DESIGN <= ids
    assert len(EVALUATE_OR_DESIGN) >= 0.2 * len(ids)


def test_every_question_names_its_concepts():
    for question in QUESTIONS:
        assert question.concepts, question.id


def test_coordination_structure_slips_come_from_the_model():
    question = collabkit.get_question("04.curve.structure")
    bilateral = NetBenefit(joint_share=0)
    assert question.key == bilateral.optimum() == 15
    assert "joint projects (the default)" in question.check(NetBenefit().optimum()).message
    unconstrained = bilateral.unconstrained_optimum()
    assert "hours a month" in question.check(unconstrained).message


def test_the_simulation_question_names_the_default_overshoot():
    default = PartneringModel()
    stop = private_equilibrium(default.payoff, default.cost_spillover)
    question = collabkit.get_question("04.abm.internalised")
    assert stop != question.key
    assert "set that slider to 0 first" in question.check(stop).message


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return load_firm_panel()


def test_the_pandas_task_takes_the_learners_result(panel):
    question = collabkit.get_question("04.causal.corr")
    assert question.check(panel["partners"].corr(panel["governance"])).correct
    assert question.check(panel[["partners", "governance"]].corr().iloc[0, 1]).correct
    feedback = question.check(panel["partners"].corr(panel["complementarity"]))
    assert not feedback.correct and "complementarity" in feedback.message
    table = question.check(panel[["partners", "governance"]].corr())
    assert not table.correct and "one number" in table.message


def test_the_statsmodels_task_takes_the_learners_fixed_effects_fit(panel):
    """The key equals a fit the learner would write with the formula API."""
    fit = smf.ols("revenue_growth ~ partners + I(partners**2) + C(firm_id)", data=panel).fit()
    b1, b2 = fit.params["partners"], fit.params["I(partners ** 2)"]
    question = collabkit.get_question("04.causal.fe")
    assert question.check(-b1 / (2 * b2)).correct
    assert "forgot the 2" in question.check(-b1 / b2).message
    naive = smf.ols("revenue_growth ~ partners + I(partners**2)", data=panel).fit().params
    message = question.check(-naive["partners"] / (2 * naive["I(partners ** 2)"])).message
    assert "without fixed effects" in message
