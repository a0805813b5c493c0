"""The four models of notebook 01: known values, limits, monotonicity and validation."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.models.pooling import CostPooling
from collabkit.models.public_goods import PublicGoodsGame
from collabkit.models.purchasing import GroupPurchasing
from collabkit.models.reach import MarketReach

shares = st.floats(0, 1, allow_nan=False)


# --- cost pooling ----------------------------------------------------------------------
def test_pooling_known_values():
    table = CostPooling(36_000, 1_500, 20).run().set_index("n_firms")
    assert table.loc[1, "cost_per_firm"] == 36_000  # alone: the whole van, no partners
    assert table.loc[5, "cost_per_firm"] == pytest.approx(7_200 + 3_000)
    assert table.loc[7, "coordination_share"] == pytest.approx(1_500 * 6 / 2)


def test_pooling_optimum_matches_brute_force_and_square_root_rule():
    model = CostPooling(36_000, 1_500, 20)
    table = model.run()
    brute = int(table.loc[table["cost_per_firm"].idxmin(), "n_firms"])
    assert model.optimal_size() == brute == 7
    assert abs(model.optimal_size() - math.sqrt(2 * 36_000 / 1_500)) < 1


def test_seven_firms_beat_six_and_eight():
    """sqrt(2F/k) = sqrt(48) = 6.93: the whole-number optimum is 7, and c(6) = c(8)."""
    model = CostPooling(36_000, 1_500, 20)
    assert model.cost_per_firm(6) == pytest.approx(6_000 + 3_750)
    assert model.cost_per_firm(7) == pytest.approx(36_000 / 7 + 4_500)
    assert model.cost_per_firm(8) == pytest.approx(4_500 + 5_250)
    assert model.cost_per_firm(7) < model.cost_per_firm(6) == pytest.approx(model.cost_per_firm(8))
    assert model.saving_vs_alone(7) == pytest.approx(36_000 - 36_000 / 7 - 4_500)
    assert model.saving_vs_alone(1) == 0


def test_a_network_too_large_costs_more_than_going_alone():
    model = CostPooling(36_000, 1_500, 60)
    assert model.saving_vs_alone(48) == pytest.approx(0)  # 750 € van + 35,250 € coordination
    assert model.saving_vs_alone(50) < 0


@given(
    st.floats(1_000, 1e6),
    st.floats(10, 1e5),
    st.integers(1, 60),
)
def test_pooling_optimum_is_the_true_minimum(asset, pair, max_firms):
    model = CostPooling(asset, pair, max_firms)
    table = model.run()
    assert model.cost_per_firm(model.optimal_size()) == pytest.approx(table["cost_per_firm"].min())
    assert (table["cost_per_firm"] > 0).all()


def test_free_coordination_makes_the_largest_network_best():
    assert CostPooling(36_000, 0, 20).optimal_size() == 20
    assert CostPooling(36_000, 1e-3, 20).optimal_size() == 20  # k -> 0
    assert CostPooling(36_000, 1e6, 20).optimal_size() == 1  # k huge: go alone


def test_dearer_coordination_never_enlarges_the_best_network():
    sizes = [CostPooling(36_000, k, 50).optimal_size() for k in np.linspace(100, 20_000, 40)]
    assert all(b <= a for a, b in zip(sizes, sizes[1:], strict=False))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"asset_cost": 0}, "asset_cost"),
        ({"asset_cost": float("nan")}, "asset_cost"),
        ({"coordination_cost": -1}, "coordination_cost"),
        ({"max_firms": 0}, "max_firms"),
        ({"max_firms": 2.5}, "max_firms"),
        ({"max_firms": True}, "max_firms"),
    ],
)
def test_pooling_rejects_bad_parameters_by_name(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must be .* in [\[(]"):
        CostPooling(**kwargs)


# --- market reach ----------------------------------------------------------------------
def test_reach_of_two_independent_audiences_follows_the_sainsbury_formula():
    frame = MarketReach(20_000, (0.30, 0.25), 0.0, ("A", "B")).run()
    assert frame["combined_reach"].iloc[-1] == pytest.approx(0.475 * 20_000)
    assert frame["duplicated"].iloc[-1] == pytest.approx(0.30 * 0.25 * 20_000)
    assert frame["members"].iloc[-1] == "A + B"


def test_fully_similar_audiences_reach_only_the_largest():
    frame = MarketReach(1_000, (0.2, 0.5, 0.1), 1.0, ("A", "B", "C")).run()
    assert frame["combined_reach"].tolist() == pytest.approx([200, 500, 500])


def test_reach_of_three_independent_audiences_by_inclusion_exclusion():
    a, b, c = 0.30, 0.25, 0.15
    union = a + b + c - a * b - a * c - b * c + a * b * c
    frame = MarketReach(20_000, (a, b, c), 0.0).run()
    assert frame["members"].tolist() == [
        "Sweet Crumb Bakery",
        "Sweet Crumb Bakery + Corner Coffee",
        "Sweet Crumb Bakery + Corner Coffee + QuickHop Delivery",
    ]
    assert frame["combined_reach"].iloc[-1] == pytest.approx(union * 20_000)  # 8,215
    assert frame["sum_of_reach"].iloc[-1] == pytest.approx(0.70 * 20_000)
    assert frame["duplicated"].iloc[-1] == pytest.approx((0.70 - union) * 20_000)
    assert frame["new_for_first"].tolist() == pytest.approx([0, 3_500, (union - a) * 20_000])


def test_half_similar_audiences_sit_halfway():
    frame = MarketReach(1_000, (0.4, 0.5), 0.5, ("A", "B")).run()
    independent, nested = 1 - 0.6 * 0.5, 0.5
    assert frame["combined_reach"].iloc[-1] == pytest.approx(500 * (independent + nested))


def test_reach_agrees_with_a_simulated_town():
    """Independent audiences: count households in a simulated town of a million."""
    rng = np.random.default_rng(1)
    reach = (0.3, 0.25, 0.15)
    knows = rng.random((1_000_000, 3)) < np.array(reach)
    simulated = knows.any(axis=1).mean()
    model = MarketReach(1, reach, 0.0).run()["combined_reach"].iloc[-1]
    assert model == pytest.approx(simulated, abs=0.002)


@given(st.lists(shares, min_size=1, max_size=6), shares)
def test_union_lies_between_the_largest_audience_and_the_sum(reach, similarity):
    frame = MarketReach(10_000, reach, similarity, [f"f{i}" for i in range(len(reach))]).run()
    largest = np.maximum.accumulate(reach) * 10_000
    assert (frame["combined_reach"] <= frame["sum_of_reach"] + 1e-6).all()
    assert (frame["combined_reach"] >= largest - 1e-6).all()
    assert (np.diff(frame["combined_reach"]) >= -1e-6).all()  # joining never loses reach


def test_reach_rejects_bad_parameters():
    with pytest.raises(ValueError, match=r"reach\[1\] must be a number in \[0, 1\]"):
        MarketReach(reach=(0.2, 1.5, 0.1))
    with pytest.raises(ValueError, match="names and reach must have the same length"):
        MarketReach(reach=(0.2, 0.1), names=("A",))
    with pytest.raises(ValueError, match=r"^similarity must be a number in \[0, 1\]"):
        MarketReach(similarity=-0.1)
    with pytest.raises(ValueError, match="1 to 6 firms; got 7"):
        MarketReach(reach=[0.1] * 7, names=list("ABCDEFG"))
    with pytest.raises(ValueError, match="1 to 6 firms; got 0"):
        MarketReach(reach=(), names=())
    with pytest.raises(ValueError, match=r"^households must be a whole number"):
        MarketReach(households=0)


# --- group purchasing ------------------------------------------------------------------
def test_purchasing_known_values():
    frame = GroupPurchasing().run().set_index("member")
    bakery = frame.loc["Sweet Crumb Bakery"]
    assert bakery["discount_alone"] == 0  # 4,000 units: below the 5,000 threshold
    assert bakery["group_units"] == 8_000
    assert bakery["discount_group"] == 0.05
    assert bakery["saving"] == pytest.approx(4_000 * 2.0 * 0.05)


def test_purchasing_against_a_hand_computed_table():
    """12,000 + 0 + 9,000 = 21,000 units reach the 15% tier; alone 10%, 0% and 5%."""
    frame = GroupPurchasing(2.0, (12_000, 0, 9_000), names=("A", "B", "C")).run()
    assert frame["discount_alone"].tolist() == [0.10, 0.0, 0.05]
    assert frame["unit_price_alone"].tolist() == pytest.approx([1.80, 2.00, 1.90])
    assert frame["unit_price_group"].tolist() == pytest.approx([1.70] * 3)
    assert frame["cost_alone"].tolist() == pytest.approx([21_600, 0, 17_100])
    assert frame["cost_group"].tolist() == pytest.approx([20_400, 0, 15_300])
    assert frame["saving"].tolist() == pytest.approx([1_200, 0, 1_800])


def test_discount_is_the_highest_tier_reached():
    model = GroupPurchasing()
    volumes = [0, 4_999, 5_000, 9_999, 10_000, 25_000]
    assert model.discount(volumes).tolist() == [0, 0, 0.05, 0.05, 0.10, 0.15]


@given(st.lists(st.floats(0, 50_000), min_size=1, max_size=8), st.floats(0.01, 100))
def test_no_member_pays_more_in_the_group(demand, price):
    names = [f"f{i}" for i in range(len(demand))]
    frame = GroupPurchasing(price, demand, names=names).run()
    assert (frame["saving"] >= -1e-9).all()
    assert (frame["cost_group"] >= 0).all()


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_discount_never_falls_with_volume(q1, q2):
    low, high = sorted((q1, q2))
    d_low, d_high = GroupPurchasing().discount([low, high])
    assert 0 <= d_low <= d_high < 1


def test_saving_grows_with_the_partners_volume():
    savings = [
        GroupPurchasing(demand=(4_000, q), names=("A", "B")).run()["saving"].iloc[0]
        for q in range(0, 30_000, 500)
    ]
    assert all(b >= a for a, b in zip(savings, savings[1:], strict=False))


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        (((100, 0.0),), "start at threshold 0"),
        (((0, 0.0), (500, 0.1), (500, 0.2)), "strictly increase"),
        (((0, 0.1), (500, 0.05)), "never decrease"),
        (((0, 0.0), (500, 1.0)), "below 1"),
        (((0, 0.0), (500, -0.1)), r"tiers\[1\] discount must be"),
    ],
)
def test_purchasing_rejects_bad_tiers(tiers, message):
    with pytest.raises(ValueError, match=message):
        GroupPurchasing(tiers=tiers)


def test_purchasing_rejects_bad_demand_and_price():
    with pytest.raises(ValueError, match=r"^unit_price must be a number in \(0, "):
        GroupPurchasing(unit_price=0)
    with pytest.raises(ValueError, match=r"^demand\[1\] must be a number in \[0, "):
        GroupPurchasing(demand=(10, -5, 3))
    with pytest.raises(ValueError, match="names and demand must have the same length"):
        GroupPurchasing(demand=(10, 5))


# --- public-goods game -----------------------------------------------------------------
@pytest.mark.parametrize("seed", range(10))
def test_contributions_decay_without_governance(seed):
    frame = PublicGoodsGame(seed=seed).run()
    assert frame["mean_contribution"].iloc[-1] < 0.5 * frame["mean_contribution"].iloc[0]


@pytest.mark.parametrize("seed", range(10))
def test_strong_sanctions_keep_contributions_up(seed):
    frame = PublicGoodsGame(monitoring=0.5, fine=2.0, seed=seed).run()
    first, last = frame["mean_contribution"].iloc[[0, -1]]
    assert last >= first * 0.95
    assert frame["share_of_endowment"].iloc[-1] > 0.5


def test_weak_governance_sits_between_none_and_strong():
    none = PublicGoodsGame().run()["mean_contribution"].iloc[-1]
    weak = PublicGoodsGame(monitoring=0.3, fine=1.0).run()["mean_contribution"].iloc[-1]
    strong = PublicGoodsGame(monitoring=0.5, fine=2.0).run()["mean_contribution"].iloc[-1]
    assert none < weak < strong


@given(st.integers(0, 2**32), st.integers(2, 80), shares)
@settings(max_examples=30, deadline=None)
def test_full_deterrence_never_lets_the_mean_fall(seed, n, share):
    """The stated rule: fully deterred firms give at least last period's mean."""
    game = PublicGoodsGame(
        n_firms=n, multiplier=1.5, share_conditional=share, monitoring=1.0, fine=1.0, seed=seed
    )
    assert game.deterrence == 1
    c = game.run()["mean_contribution"].to_numpy()
    assert (np.diff(c) >= -1e-9).all()
    assert c[0] >= 0.6 * game.endowment - 1e-9


def test_deterrence_compares_expected_fine_with_private_gain():
    game = PublicGoodsGame(n_firms=20, multiplier=1.6, monitoring=0.2, fine=2.0)
    assert game.deterrence == pytest.approx(0.4 / (1 - 0.08))
    assert PublicGoodsGame(monitoring=1, fine=5).deterrence == 1


@given(st.integers(2, 60), st.integers(0, 10_000), shares, shares, st.floats(0, 5))
@settings(max_examples=40, deadline=None)
def test_payoff_identity_and_bounds(n, seed, share, monitoring, fine):
    game = PublicGoodsGame(
        n_firms=n,
        multiplier=1 + 0.5 * (n - 1) / n,
        share_conditional=share,
        monitoring=monitoring,
        fine=fine,
        seed=seed,
    )
    frame = game.run()
    c = frame["mean_contribution"]
    assert ((c >= 0) & (c <= game.endowment)).all()
    expected = game.endowment - c + game.multiplier * c - frame["total_fines"] / n
    assert frame["mean_payoff"].to_numpy() == pytest.approx(expected.to_numpy())


def _contributions(**settings: float) -> np.ndarray:
    """Mean contribution per period, without and with governance, as one array."""
    frame = PublicGoodsGame(**settings).compare()
    return frame["mean_contribution"].to_numpy()


@given(
    st.integers(0, 2**32), st.integers(4, 80), st.floats(1.01, 3.9), st.floats(1.01, 3.9),
    shares, st.floats(0, 1), st.floats(0, 3),
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_a_higher_return_never_lowers_contributions(seed, n, r1, r2, share, monitoring, fine):
    """Isaac & Walker (1988): contributions rise with the marginal per-capita return r / N.
    With the same seed (the same noise) the rule is monotone, period by period."""
    low, high = sorted((r1, r2))
    common = {"n_firms": n, "share_conditional": share, "monitoring": monitoring,
              "fine": fine, "seed": seed}  # fmt: skip
    assert (_contributions(multiplier=high, **common)
            >= _contributions(multiplier=low, **common) - 1e-9).all()  # fmt: skip


@given(st.integers(3, 100), st.integers(3, 100), st.floats(1.01, 2.99), shares, st.floats(0, 1))
@settings(max_examples=60, deadline=None)
def test_at_a_fixed_return_a_larger_network_gives_less(n1, n2, r, share, monitoring):
    """Each € a member gives returns r / N to it: more members, less back, less given."""
    small, large = sorted((n1, n2))
    common = {"multiplier": r, "share_conditional": share, "monitoring": monitoring,
              "fine": 1.0, "noise": 0.0}  # fmt: skip
    assert (_contributions(n_firms=large, **common)
            <= _contributions(n_firms=small, **common) + 1e-9).all()  # fmt: skip


@given(st.integers(3, 100), st.integers(3, 100), st.floats(0.05, 0.6), shares)
@settings(max_examples=40, deadline=None)
def test_at_a_fixed_mpcr_group_size_alone_changes_nothing(n1, n2, mpcr, share):
    """Isaac & Walker (1988): no fall with group size once r / N is held fixed (here
    exactly, without governance and noise)."""
    runs = [
        PublicGoodsGame(n_firms=n, multiplier=mpcr * n, share_conditional=share, noise=0.0)
        .run()["mean_contribution"].to_numpy()
        for n in (n1, n2)
        if 1 < mpcr * n < n
    ]  # fmt: skip
    for run in runs[1:]:
        assert run == pytest.approx(runs[0])


def test_the_explorer_range_of_returns_and_sizes_matters():
    """What the free-riding explorer shows: its return slider and its network size change
    the last period's contributions, in the direction the model states."""

    def last(**settings: float) -> float:
        run = PublicGoodsGame(**settings).run()
        return float(run["share_of_endowment"].iloc[-1])

    # with the default half of cooperators contributions collapse whatever the return;
    # a street of mostly cooperators shows the return at work
    assert (
        last(multiplier=3.0, share_conditional=0.8)
        > last(multiplier=1.1, share_conditional=0.8) + 0.02
    )
    assert last(n_firms=3) > 10 * last(n_firms=100)
    assert PublicGoodsGame().share_conditional == 0.5  # Fischbacher, Gächter & Fehr (2001)
    game = PublicGoodsGame()
    assert game.mpcr == pytest.approx(game.multiplier / game.n_firms)
    assert game.matching_slope == pytest.approx(game.cooperation_slope / (1 - game.mpcr))
    assert game.cooperation_weights.sum() == pytest.approx(game.share_conditional * 20)
    odd = PublicGoodsGame(n_firms=3, multiplier=1.5)
    assert list(odd.cooperation_weights) == pytest.approx([1, 0.5, 0])


def test_same_seed_same_result_other_seed_other_result():
    a, b = PublicGoodsGame(seed=3).run(), PublicGoodsGame(seed=3).run()
    assert a.equals(b)
    assert not a.equals(PublicGoodsGame(seed=4).run())


def test_compare_labels_both_settings():
    frame = PublicGoodsGame(monitoring=0.5, fine=2.0, periods=5).compare()
    assert frame.groupby("governance").size().to_dict() == {
        "monitoring and sanctions": 5,
        "no governance": 5,
    }
    assert frame.loc[frame["governance"] == "no governance", "total_fines"].eq(0).all()


@pytest.mark.parametrize(
    ("n_firms", "multiplier"), [(3, 3.0), (3, 4.5), (20, 1.0), (20, 0.5), (20, float("nan"))]
)
def test_a_multiplier_outside_the_dilemma_is_rejected(n_firms, multiplier):
    with pytest.raises(ValueError, match=rf"^multiplier must be a number in \(1, {n_firms}\)"):
        PublicGoodsGame(n_firms=n_firms, multiplier=multiplier)


def test_the_multiplier_message_explains_the_missing_dilemma():
    with pytest.raises(ValueError, match="no dilemma"):
        PublicGoodsGame(n_firms=3, multiplier=3.0)
    PublicGoodsGame(n_firms=3, multiplier=2.99)  # just below N: still a dilemma


@pytest.mark.parametrize(
    "kwargs",
    [{"n_firms": 1}, {"periods": 0}, {"monitoring": 1.5}, {"noise": -1}, {"seed": -1}],
)
def test_public_goods_rejects_bad_parameters(kwargs):
    (name,) = kwargs
    with pytest.raises(ValueError, match=f"^{name} must be"):
        PublicGoodsGame(**kwargs)


def test_pooling_counts_every_pair_of_partners_once():
    """The network's coordination cost is k times the number of 2-subsets of firms."""
    for n in range(1, 12):
        pairs = len(list(combinations(range(n), 2)))
        assert CostPooling(1.0, 1.0, n).run()["coordination_share"].iloc[-1] * n == pairs
