"""The platform-economy model and the trajectory classifier."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabkit
from collabkit.analysis.trajectory import TRAJECTORIES, explain_trajectory, indicators
from collabkit.models.platform import PlatformMarket, PlatformStrategy, simulate

levers = st.builds(
    PlatformStrategy,
    platform_share=st.floats(0, 1),
    n_platforms=st.integers(1, 5),
    association=st.booleans(),
    data_sharing=st.floats(0, 1),
    invest_direct=st.floats(0, 0.2),
    invest_data=st.floats(0, 0.2),
    invest_partners=st.floats(0, 0.2),
)


@given(levers, st.integers(0, 1000))
@settings(max_examples=40, deadline=None)
def test_invariants_hold_for_any_strategy(strategy, seed):
    run = simulate(strategy, PlatformMarket(periods=24, n_sellers=50, seed=seed))
    channels = run[["revenue_direct", "revenue_partners", "revenue_platform"]]
    assert (channels >= 0).all().all()
    np.testing.assert_allclose(channels.sum(axis=1), run["revenue"])  # shares sum to 1
    for column in ("platform_share", "hhi", "autonomy", "platform_reach"):
        assert run[column].between(0, 1).all(), column
    assert (run["take_rate"] <= PlatformMarket().take_rate_max + 1e-12).all()
    np.testing.assert_allclose(run["cumulative_profit"], run["profit"].cumsum())
    assert explain_trajectory(run).trajectory in TRAJECTORIES


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


@given(levers)
@settings(max_examples=30, deadline=None)
def test_association_membership_never_raises_the_take_rate(strategy):
    market = PlatformMarket(periods=36, n_sellers=30)
    alone = simulate(PlatformStrategy(**{**strategy.__dict__, "association": False}), market)
    member = simulate(PlatformStrategy(**{**strategy.__dict__, "association": True}), market)
    assert (member["take_rate"].to_numpy() <= alone["take_rate"].to_numpy() + 1e-12).all()


def test_the_operator_raises_its_commission_only_when_sellers_depend_on_it():
    dependent = simulate(collabkit.PLATFORM_PRESETS["Platform Trap"])
    assert dependent["take_rate"].iloc[-1] > dependent["take_rate"].iloc[0]
    independent = simulate(PlatformStrategy(platform_share=0.1))
    assert (independent["take_rate"] == PlatformMarket().take_rate).all()


def test_a_seller_off_platforms_has_one_channel():
    run = simulate(PlatformStrategy(platform_share=0.0, data_sharing=0.0))
    assert (run["revenue_platform"] == 0).all()
    np.testing.assert_allclose(run["hhi"], 1.0)  # all sales in one channel
    np.testing.assert_allclose(run["autonomy"], 1.0)


def test_platform_reach_follows_bass_diffusion_to_its_potential():
    run = simulate(PlatformStrategy(), PlatformMarket(periods=240))
    reach = run["platform_reach"].to_numpy()
    assert (np.diff(reach) >= 0).all()
    assert reach[-1] == pytest.approx(PlatformMarket().reach_potential, abs=0.01)


@pytest.mark.parametrize("name", list(collabkit.PLATFORM_PRESETS))
def test_each_preset_lands_in_its_trajectory_for_20_seeds(name):
    for seed in range(20):
        run = collabkit.simulate_platform(collabkit.PLATFORM_PRESETS[name], seed=seed)
        verdict = explain_trajectory(run)
        assert verdict.trajectory == name == collabkit.classify_trajectory(run)
        assert verdict.reason.startswith(name)
        for phrase in ("of sales", "autonomy", "revenue", "margin"):
            assert phrase in verdict.reason


def test_reasons_name_the_crossed_thresholds():
    trap = explain_trajectory(
        collabkit.simulate_platform(collabkit.PLATFORM_PRESETS["Platform Trap"])
    )
    assert "(≥ 55%)" in trap.reason and "(≤ 80%)" in trap.reason
    hybrid = explain_trajectory(
        collabkit.simulate_platform(collabkit.PLATFORM_PRESETS["Hybrid Collaboration"])
    )
    assert "below +30%" in hybrid.reason


def test_indicators_need_two_years_of_data():
    with pytest.raises(ValueError, match="at least 24 periods"):
        indicators(simulate(PlatformStrategy(), PlatformMarket(periods=12)))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"platform_share": 1.5}, "platform_share"),
        ({"n_platforms": 0}, "n_platforms"),
        ({"association": "yes"}, "association"),
        ({"invest_data": 0.5}, "invest_data"),
    ],
)
def test_strategy_levers_are_validated(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name} must be"):
        PlatformStrategy(**kwargs)


def test_market_parameters_are_validated():
    with pytest.raises(ValueError, match="take_rate_max must be a number in"):
        PlatformMarket(take_rate=0.3, take_rate_max=0.2)
    with pytest.raises(ValueError, match="initial_reach must be"):
        PlatformMarket(initial_reach=0.8, reach_potential=0.6)


def test_simulate_platform_accepts_a_dict_and_rejects_other_things():
    run = collabkit.simulate_platform({"platform_share": 0.4, "n_platforms": 2}, seed=3)
    assert len(run) == 60
    with pytest.raises(ValueError, match="strategy must be"):
        collabkit.simulate_platform("aggressive")


# --- escape the trap (graded task of notebook 03) ---------------------------------------
def plan_scores(plan) -> dict[str, float]:
    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    return {score.criterion: score.fraction for score in evaluate_plan(plan, PRACTICE)}


def test_the_model_plan_meets_every_goal():
    question = collabkit.get_question("03.escape.plan")
    feedback = question.check(question.key)
    assert feedback.correct and feedback.score == question.points


def test_staying_trapped_fails_the_escape_goal():
    from dataclasses import asdict

    scores = plan_scores(asdict(collabkit.PLATFORM_PRESETS["Platform Trap"]))
    assert scores["escape the trap"] == 0
    assert scores["earn more than staying trapped"] < 1


def test_leaving_without_rebuilding_loses_revenue():
    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    scores = evaluate_plan({"platform_share": 0.3}, PRACTICE)
    keep = next(s for s in scores if s.criterion.startswith("keep"))
    assert keep.fraction < 0.8
    assert "without building your own channels" in keep.message


def test_overspending_is_reported_with_the_overrun():
    from collabkit.course.platform_economy_escape import PRACTICE, evaluate_plan

    plan = {"platform_share": 0.3, "invest_direct": 0.1, "invest_partners": 0.05}
    budget = next(s for s in evaluate_plan(plan, PRACTICE) if s.criterion.startswith("investments"))
    assert budget.fraction == pytest.approx(0.5)
    assert "15% of sales, 5% over the budget" in budget.message


@pytest.mark.parametrize(
    ("plan", "phrase"),
    [
        ("leave", "is not"),
        ({"teleport": 1}, "Unknown levers: “teleport”"),
        ({"platform_share": 2}, "platform_share must be a number in [0, 1]"),
        ({"association": "maybe"}, "association must be True or False"),
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
