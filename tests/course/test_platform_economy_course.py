"""Notebook 03's questions and prose against the model and the data they are about: keys
computed independently, numbers the model reproduces, and the seller panel labelled as what
it is."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest

import collabkit
from collabkit.course.platform_economy import platform_shares, sector_fee_rates
from collabkit.data.sellers import SECTOR_ASSOCIATION, load_sellers
from collabkit.models.platform import Collective, PlatformMarket, PlatformStrategy, simulate
from tests.conftest import NOTEBOOKS

NOTEBOOK = NOTEBOOKS / "03_platform_economy.ipynb"


def markdown() -> list[str]:
    return [
        c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "markdown"
    ]


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return load_sellers()


def test_the_dependent_sellers_key_matches_a_computation_by_pivot(panel):
    recent = panel[panel["month"] >= 19]
    wide = recent.pivot_table(
        index="seller_id",
        values=["sales_direct", "sales_partners", "sales_platform"],
        aggfunc="sum",
    )
    share = wide["sales_platform"] / (
        wide["sales_direct"] + wide["sales_partners"] + wide["sales_platform"]
    )
    expected = sorted(share[share >= 0.55].index)
    question = collabkit.get_question("03.data.share")
    assert sorted(question.key["rows"]) == expected
    assert 5 <= len(expected) <= 15  # a real filter: neither almost none nor almost all
    assert question.check(share[share >= 0.55]).correct
    assert not question.check(share).correct  # all sellers: extra rows cost marks


def test_the_fee_rate_key_matches_a_computation_row_by_row(panel):
    rates = {}
    for sector, rows in panel[panel["month"] > 18].groupby("sector"):
        rates[sector] = rows["fees"].sum() / rows["sales_platform"].sum()
    question = collabkit.get_question("03.data.fees")
    assert question.key == pytest.approx(min(rates.values()) * 100, abs=0.05)
    assert sector_fee_rates(panel).to_dict() == pytest.approx(rates)
    for slip in question.misconceptions:  # every named slip is told apart from the key
        assert abs(slip.value - question.key) > question.abs_tol


def test_the_panel_carries_the_generators_association_assumption(panel):
    """The sector where more sellers bargain together pays less: put there by the generator,
    which is what 03.data.evidence asks the learner to see."""
    rates = sector_fee_rates(panel)
    by_organised = sorted(SECTOR_ASSOCIATION, key=SECTOR_ASSOCIATION.get)
    assert list(rates[by_organised]) == sorted(rates, reverse=True)
    assert collabkit.get_question("03.data.evidence").key == "b"


def test_the_seller_panel_is_labelled_generated_where_the_learner_meets_it():
    text = "\n".join(markdown())
    data_section = text.split("## 6. Reading seller data")[1].split("**Task 1")[0]
    assert "**generated**" in data_section and "no real seller" in data_section
    assert "cannot tell you" in data_section
    from collabkit.figures.platform_economy import platform_figure

    title = platform_figure(simulate(PlatformStrategy())).layout.title.text
    assert "your smb" in title.lower()  # a model run, not a finding about sellers


def test_the_catalyst_table_says_which_catalysts_the_model_leaves_out():
    table = next(m for m in markdown() if m.startswith("## 1. Platforms as catalysts"))
    rows = {
        line.split("|")[1].strip(" *"): line.split("|")[3]
        for line in table.splitlines()
        if line.startswith("| **")
    }
    assert set(rows) == {
        "Lower transaction costs",
        "Scalable infrastructure",
        "Broader ecosystems",
        "Data insights",
        "Network effects",
    }
    assert "not modelled" in rows["Scalable infrastructure"]
    assert all(
        "not modelled" not in rows[name] for name in rows if name != "Scalable infrastructure"
    )


def test_direct_sales_bear_the_transaction_costs_the_table_names():
    run = simulate(PlatformStrategy(platform_share=0.0, data_sharing=0.0))
    gross = run["revenue"] * PlatformMarket().gross_margin
    assert (gross - run["profit"]).to_numpy() == pytest.approx(
        0.05 * run["revenue_direct"].to_numpy()
    )


def test_the_ceiling_question_is_what_the_model_reaches():
    question = collabkit.get_question("03.collective.ceiling")
    run = simulate(
        PlatformStrategy(), PlatformMarket(periods=240), collective=Collective(association=0.4)
    )
    assert run["take_rate"].iloc[-1] * 100 == pytest.approx(question.key, abs=0.1)


def test_the_coop_reach_question_is_what_the_model_reaches():
    question = collabkit.get_question("03.collective.coop_reach")
    run = simulate(
        PlatformStrategy(), PlatformMarket(periods=240), collective=Collective(cooperative=0.3)
    )
    assert run["coop_reach"].iloc[-1] * 100 == pytest.approx(question.key, abs=0.2)


def test_the_breakeven_question_is_where_the_model_platform_margin_turns_negative():
    question = collabkit.get_question("03.model.breakeven")
    late = simulate(PlatformStrategy(data_sharing=0.0), PlatformMarket(periods=240, take_rate=0.0))[
        "platform_margin"
    ].iloc[-1]
    assert late * 100 == pytest.approx(question.key, abs=0.2)  # margin left before commission


def test_shares_are_per_seller_over_the_last_six_months(panel):
    shares = platform_shares(panel)
    assert len(shares) == panel["seller_id"].nunique()
    assert shares.between(0, 1).all()
