"""The platform-economy model and the trajectory classifier."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabkit
from collabkit.analysis.trajectory import (
    DRIFTING,
    HYBRID,
    INDEPENDENT,
    SYNERGY,
    TRAJECTORIES,
    TRAP,
    explain_trajectory,
    indicators,
)
from collabkit.models.platform import (
    COOP_REACH,
    DEPENDENCY_THRESHOLD,
    PLATFORM_PRESETS,
    PRESET_COLLECTIVE,
    Collective,
    PlatformMarket,
    PlatformStrategy,
    simulate,
)

levers = st.builds(
    PlatformStrategy,
    platform_share=st.floats(0, 1),
    n_platforms=st.integers(1, 5),
    data_sharing=st.floats(0, 1),
    coop_share=st.floats(0, 1),
    invest_direct=st.floats(0, 0.2),
    invest_data=st.floats(0, 0.2),
    invest_partners=st.floats(0, 0.2),
)
together = st.builds(Collective, association=st.floats(0, 1), cooperative=st.floats(0, 1))
MARKET_COLUMNS = ["take_rate", "platform_reach", "market_listing", "market_dependency",
                  "coop_reach"]  # fmt: skip


@given(levers, together, st.integers(0, 1000))
@settings(max_examples=40, deadline=None)
def test_invariants_hold_for_any_strategy(strategy, collective, seed):
    run = simulate(strategy, PlatformMarket(periods=24, n_sellers=50, seed=seed),
                   collective=collective)  # fmt: skip
    channels = run[["revenue_direct", "revenue_partners", "revenue_platform", "revenue_coop"]]
    assert (channels >= 0).all().all()
    np.testing.assert_allclose(channels.sum(axis=1), run["revenue"])  # shares sum to 1
    for column in ("platform_share", "coop_share", "hhi", "autonomy", "platform_reach",
                   "market_listing", "market_dependency"):  # fmt: skip
        assert run[column].between(0, 1).all(), column
    assert (run["take_rate"] <= PlatformMarket().take_rate_max + 1e-12).all()
    np.testing.assert_allclose(run["cumulative_profit"], run["profit"].cumsum())
    assert explain_trajectory(run).trajectory in TRAJECTORIES


@given(levers, levers, together)
@settings(max_examples=25, deadline=None)
def test_one_smb_moves_neither_the_buyers_nor_the_other_sellers_nor_the_commission(a, b, c):
    """The learner's SMB is one seller: its levers leave the market exactly as it is."""
    market = PlatformMarket(periods=36, n_sellers=30)
    first = simulate(a, market, collective=c)[MARKET_COLUMNS]
    second = simulate(b, market, collective=c)[MARKET_COLUMNS]
    np.testing.assert_array_equal(first.to_numpy(), second.to_numpy())


def test_the_first_month_follows_the_two_sided_equations_by_hand():
    m = PlatformMarket()
    run = simulate(PlatformStrategy(), m)
    r0, r_max = m.initial_reach, m.reach_potential
    l0 = m.listing_potential * r0 / r_max  # sellers start listing in proportion to buyers
    assert run["market_listing"].iloc[0] == pytest.approx(l0)
    hazard = m.innovation + m.imitation * r0 / r_max + m.cross_side * l0
    assert run["platform_reach"].iloc[1] == pytest.approx(r0 + hazard * (r_max - r0))
    target = m.listing_potential * r0 / r_max
    assert run["market_listing"].iloc[1] == pytest.approx(l0 + 0.2 * (target - l0))


def test_buyers_respond_to_sellers_and_sellers_to_buyers():
    base = simulate(PlatformStrategy(), PlatformMarket(periods=36))
    no_pull = simulate(PlatformStrategy(), PlatformMarket(periods=36, cross_side=0.0))
    assert (base["platform_reach"].iloc[1:] > no_pull["platform_reach"].iloc[1:]).all()
    shy = simulate(PlatformStrategy(), PlatformMarket(periods=36, listing_potential=0.3))
    assert (shy["platform_reach"].iloc[1:] < base["platform_reach"].iloc[1:]).all()
    more_buyers = simulate(PlatformStrategy(), PlatformMarket(periods=36, initial_reach=0.4))
    assert (more_buyers["market_listing"] > base["market_listing"]).all()


def test_the_operator_raises_its_commission_only_above_40_percent_dependency():
    assert DEPENDENCY_THRESHOLD == 0.4
    run = simulate(PlatformStrategy(), PlatformMarket(periods=120))
    rate, dependency = run["take_rate"].to_numpy(), run["market_dependency"].to_numpy()
    rose = rate[1:] > rate[:-1] + 1e-12
    assert rose.any() and (~rose).any()
    assert (dependency[:-1][rose] > DEPENDENCY_THRESHOLD).all()
    assert not ((dependency[:-1] > DEPENDENCY_THRESHOLD + 0.01) & ~rose
                & (rate[:-1] < PlatformMarket().take_rate_max - 1e-9)).any()  # fmt: skip


def test_a_take_rate_of_zero_extracts_nothing():
    run = simulate(PlatformStrategy(platform_share=1.0), PlatformMarket(take_rate=0.0))
    assert (run["take_rate"] == 0).all()
    assert (run["commission"] == 0).all()


@pytest.mark.parametrize("share", [0.2, 0.6, 1.0])
def test_a_higher_take_rate_never_raises_the_platform_margin(share):
    margins = [
        simulate(PlatformStrategy(platform_share=share), PlatformMarket(take_rate=rate))[
            "platform_margin"
        ].to_numpy()
        for rate in (0.0, 0.05, 0.1, 0.2, 0.3)
    ]
    for lower, higher in zip(margins, margins[1:], strict=False):
        assert (higher <= lower + 1e-12).all()


@given(st.floats(0, 1), st.floats(0, 1))
@settings(max_examples=30, deadline=None)
def test_more_sellers_organised_never_raise_the_commission(a, b):
    market = PlatformMarket(periods=60, n_sellers=30)
    low, high = sorted((a, b))
    fewer = simulate(PlatformStrategy(), market, collective=Collective(association=low))
    more = simulate(PlatformStrategy(), market, collective=Collective(association=high))
    assert (more["take_rate"].to_numpy() <= fewer["take_rate"].to_numpy() + 1e-12).all()


@pytest.mark.parametrize("organised", [0.0, 0.4, 1.0])
def test_the_ceiling_falls_with_the_share_of_sellers_organised(organised):
    m = PlatformMarket(periods=240)
    ceiling = m.take_rate_max - organised * (m.take_rate_max - m.association_cap)
    assert m.ceiling(Collective(association=organised)) == pytest.approx(ceiling)
    run = simulate(PlatformStrategy(), m, collective=Collective(association=organised))
    assert (run["take_rate"] <= ceiling + 1e-12).all()
    if organised < 1:
        assert run["take_rate"].iloc[-1] == pytest.approx(ceiling)  # reached in 20 years


def test_a_cooperative_sells_only_where_sellers_run_one_and_reaches_what_the_rule_says():
    plan = PlatformStrategy(platform_share=0.3, coop_share=0.5)
    none = simulate(plan, PlatformMarket(periods=120))
    assert (none["revenue_coop"] == 0).all() and (none["coop_reach"] == 0).all()
    m = PlatformMarket(periods=240)
    run = simulate(plan, m, collective=Collective(cooperative=0.4))
    assert run["coop_reach"].iloc[-1] == pytest.approx(COOP_REACH * 0.4 * m.reach_potential,
                                                       rel=0.01)  # fmt: skip
    assert (run["revenue_coop"].iloc[1:] > 0).all()


def test_co_op_sales_pay_the_members_fee_and_nothing_is_extracted():
    plan = PlatformStrategy(platform_share=0.0, data_sharing=1.0, coop_share=1.0)
    collective = Collective(cooperative=0.6)
    cheap = simulate(plan, PlatformMarket(coop_fee=0.0), collective=collective)
    dear = simulate(plan, PlatformMarket(coop_fee=0.1), collective=collective)
    np.testing.assert_allclose(cheap["revenue_coop"], dear["revenue_coop"])
    np.testing.assert_allclose(cheap["profit"] - dear["profit"], 0.1 * dear["revenue_coop"])
    greedy = simulate(plan, PlatformMarket(extraction=0.8), collective=collective)
    np.testing.assert_allclose(greedy["revenue_coop"], cheap["revenue_coop"])


def test_a_seller_off_platforms_has_one_channel():
    run = simulate(PlatformStrategy(platform_share=0.0, data_sharing=0.0))
    assert (run["revenue_platform"] == 0).all()
    np.testing.assert_allclose(run["hhi"], 1.0)  # all sales in one channel
    np.testing.assert_allclose(run["autonomy"], 1.0)


def test_a_seller_off_platforms_loses_the_buyers_who_moved_online():
    run = simulate(PlatformStrategy(platform_share=0.0, data_sharing=0.0))
    assert run["revenue"].iloc[-1] < run["revenue"].iloc[0]  # buyers left for the platform
    assert explain_trajectory(run).trajectory == INDEPENDENT


def test_platform_reach_follows_two_sided_diffusion_to_its_potential():
    run = simulate(PlatformStrategy(), PlatformMarket(periods=240))
    reach = run["platform_reach"].to_numpy()
    assert (np.diff(reach) >= 0).all()
    assert reach[-1] == pytest.approx(PlatformMarket().reach_potential, abs=0.01)


@pytest.mark.parametrize("name", list(PLATFORM_PRESETS))
def test_each_preset_lands_in_its_trajectory_for_20_seeds(name):
    for seed in range(20):
        run = collabkit.simulate_platform(
            PLATFORM_PRESETS[name], seed=seed, collective=PRESET_COLLECTIVE[name]
        )
        verdict = explain_trajectory(run)
        assert verdict.trajectory == name == collabkit.classify_trajectory(run)
        assert verdict.reason.startswith(name)
        for phrase in ("of sales", "autonomy", "revenue", "margin"):
            assert phrase in verdict.reason


def test_synergistic_growth_needs_collective_action_in_this_market():
    alone = collabkit.simulate_platform(PLATFORM_PRESETS[SYNERGY])
    assert explain_trajectory(alone).trajectory != SYNERGY
    assert "margin" in explain_trajectory(alone).reason


def test_hybrid_collaboration_is_defined_by_what_the_smb_does_not_by_elimination():
    hybrid = PLATFORM_PRESETS[HYBRID]
    no_partners = replace(hybrid, invest_partners=0.0)
    verdict = explain_trajectory(collabkit.simulate_platform(no_partners))
    assert verdict.trajectory == DRIFTING and "partners carry only" in verdict.reason
    quit_ = replace(hybrid, platform_share=0.0, coop_share=0.0)
    assert collabkit.classify_trajectory(collabkit.simulate_platform(quit_)) == INDEPENDENT
    co_op = replace(hybrid, platform_share=0.0, coop_share=0.6)
    run = collabkit.simulate_platform(co_op, collective={"cooperative": 0.8}, periods=120)
    assert explain_trajectory(run).indicators["online_share"] >= 0.1  # a co-op is online


def test_reasons_name_the_crossed_thresholds():
    trap = explain_trajectory(collabkit.simulate_platform(PLATFORM_PRESETS[TRAP]))
    assert "(≥ 55%)" in trap.reason and "(≤ 80%)" in trap.reason
    hybrid = explain_trajectory(collabkit.simulate_platform(PLATFORM_PRESETS[HYBRID]))
    assert "moderate growth" in hybrid.reason and "(≥ 10%)" in hybrid.reason
    independent = explain_trajectory(collabkit.simulate_platform(PLATFORM_PRESETS[INDEPENDENT]))
    assert "(below 10%)" in independent.reason


def test_indicators_need_two_years_of_data():
    with pytest.raises(ValueError, match="at least 24 periods"):
        indicators(simulate(PlatformStrategy(), PlatformMarket(periods=12)))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"platform_share": 1.5}, "platform_share"),
        ({"n_platforms": 0}, "n_platforms"),
        ({"coop_share": -0.1}, "coop_share"),
        ({"invest_data": 0.5}, "invest_data"),
    ],
)
def test_strategy_levers_are_validated(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name} must be"):
        PlatformStrategy(**kwargs)


def test_collective_levers_and_market_parameters_are_validated():
    with pytest.raises(ValueError, match="^association must be a number in"):
        Collective(association=1.2)
    with pytest.raises(ValueError, match="take_rate_max must be a number in"):
        PlatformMarket(take_rate=0.3, take_rate_max=0.2)
    with pytest.raises(ValueError, match="initial_reach must be"):
        PlatformMarket(initial_reach=0.8, reach_potential=0.6)
    with pytest.raises(ValueError, match="cross_side must be"):
        PlatformMarket(cross_side=0.9)


def test_simulate_platform_accepts_dicts_and_rejects_other_things():
    run = collabkit.simulate_platform({"platform_share": 0.4, "n_platforms": 2}, seed=3,
                                      collective={"association": 0.5})  # fmt: skip
    assert len(run) == 60
    with pytest.raises(ValueError, match="strategy must be"):
        collabkit.simulate_platform("aggressive")
    with pytest.raises(ValueError, match="collective must be"):
        collabkit.simulate_platform(collective=0.5)


# --- escape the trap (graded task of notebook 03) ---------------------------------------
def plan_scores(plan) -> dict[str, float]:
    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    return {score.criterion: score.fraction for score in evaluate_plan(plan, PRACTICE)}


def practice_fraction(plan) -> float:
    question = collabkit.get_question("03.escape.plan")
    feedback = question.check(plan)
    return feedback.score / feedback.max_score


ESCAPE = "escape into Hybrid Collaboration or Synergistic Growth"


def test_the_model_plan_meets_every_goal():
    question = collabkit.get_question("03.escape.plan")
    feedback = question.check(question.key)
    assert feedback.correct and feedback.score == question.points


def test_staying_trapped_fails_the_escape_goal():
    from dataclasses import asdict

    scores = plan_scores(asdict(PLATFORM_PRESETS[TRAP]))
    assert scores[ESCAPE] == 0
    assert scores["earn more than staying trapped"] == 0
    assert practice_fraction(asdict(PLATFORM_PRESETS[TRAP])) <= 0.5


# Worked plans, weak to strong, with the marks they earn in the practice scenario (6 points,
# three goals of equal weight; the budget cuts every goal when overspent).
WEAK_QUIT = {"platform_share": 0.0}  # leaves the platform, builds nothing
MIDDLING_QUIT_AND_REBUILD = {"platform_share": 0.0, "invest_direct": 0.1}  # Independent
MIDDLING_NO_PARTNERS = {"platform_share": 0.3, "invest_direct": 0.1}  # Drifting: no partners
MIDDLING_OVERSPENT = {"platform_share": 0.3, "invest_direct": 0.1, "invest_partners": 0.05}
STRONG = {"platform_share": 0.25, "n_platforms": 2, "data_sharing": 0.2,
          "invest_direct": 0.05, "invest_data": 0.02, "invest_partners": 0.03}  # fmt: skip


@pytest.mark.parametrize(
    ("plan", "low", "high"),
    [
        (WEAK_QUIT, 0.0, 1 / 3),
        (MIDDLING_QUIT_AND_REBUILD, 1 / 3, 2 / 3),
        (MIDDLING_NO_PARTNERS, 1 / 3, 2 / 3),
        (MIDDLING_OVERSPENT, 1 / 3, 2 / 3),
        (STRONG, 1.0, 1.0),
    ],
)
def test_worked_plans_earn_marks_in_proportion_to_what_they_achieve(plan, low, high):
    assert low - 1e-9 <= practice_fraction(plan) <= high + 1e-9


def test_quitting_the_platform_is_not_an_escape_into_collaboration():
    scores = plan_scores(MIDDLING_QUIT_AND_REBUILD)
    assert scores[ESCAPE] == 0
    assert practice_fraction(MIDDLING_QUIT_AND_REBUILD) < 4.5 / 6  # was 4.5 of 6 before
    message = collabkit.get_question("03.escape.plan").check(MIDDLING_QUIT_AND_REBUILD).message
    assert "Independent" in message and "asks for collaboration" in message


@given(levers)
@settings(max_examples=25, deadline=None)
def test_a_plan_earns_no_more_than_the_share_of_goals_it_meets_at_least_in_part(plan):
    from dataclasses import asdict

    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    scores = evaluate_plan(asdict(plan), PRACTICE)
    touched = sum(score.fraction > 0 for score in scores)
    assert practice_fraction(asdict(plan)) <= touched / len(scores) + 1e-9
    if sum(score.fraction == 0 for score in scores) >= len(scores) / 2:  # fails half or more
        assert practice_fraction(asdict(plan)) <= 0.5 + 1e-9


def test_leaving_without_rebuilding_loses_revenue():
    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    scores = evaluate_plan({"platform_share": 0.3}, PRACTICE)
    keep = next(s for s in scores if s.criterion.startswith("keep"))
    assert keep.fraction < 0.8
    assert "without building your own channels" in keep.message


def test_overspending_cuts_every_goal_by_the_overrun():
    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    within = {**MIDDLING_OVERSPENT, "invest_direct": 0.05}
    assert practice_fraction(within) == 1  # the same plan within the budget meets every goal
    scores = evaluate_plan(MIDDLING_OVERSPENT, PRACTICE)
    assert [s.fraction for s in scores] == pytest.approx([0.5, 0.5, 0.5])
    assert all("you invest 15% of sales, 5% over the 10% budget" in s.message for s in scores)


@pytest.mark.parametrize(
    ("plan", "phrase"),
    [
        ("leave", "is not"),
        ({"teleport": 1}, "Unknown levers: “teleport”"),
        ({"platform_share": 2}, "platform_share must be a number in [0, 1]"),
        ({"association": True}, "Unknown levers: “association”"),
    ],
)
def test_bad_plans_are_explained(plan, phrase):
    feedback = collabkit.get_question("03.escape.plan").check(plan)
    assert phrase in feedback.message and feedback.score == 0


def test_every_lever_control_spans_exactly_what_the_model_accepts():
    from dataclasses import fields

    import ipywidgets as widgets

    from collabkit.widgets.platform_economy import lever_controls

    default = PlatformStrategy()
    controls = lever_controls(default)
    assert sorted(controls) == sorted(field.name for field in fields(PlatformStrategy))
    for name, control in controls.items():
        assert control.value == getattr(default, name), name  # starts at the default
        if isinstance(control, widgets.Checkbox):
            PlatformStrategy(**{name: not control.value})
            continue
        PlatformStrategy(**{name: control.min})  # every slider position runs
        PlatformStrategy(**{name: control.max})
        for outside in (control.min - control.step, control.max + control.step):
            with pytest.raises(ValueError, match=f"^{name} must be"):
                PlatformStrategy(**{name: outside})
