"""Notebook 04's inverted-U toolkit and its firm-year panel.

Reference values come from independent computations in the tests (plain numpy least squares
and sandwich covariances, scipy's t distribution), never from the module under test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from collabkit.analysis.inverted_u import (
    fit_quadratic,
    linear_slope,
    quadratic_curve,
    turning_point,
    two_lines,
    u_test,
)
from collabkit.data import firm_panel
from tests.conftest import REPO


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return pd.read_csv(REPO / "datasets" / "firm_panel.csv")


@pytest.fixture(scope="module")
def concave() -> pd.DataFrame:
    return firm_panel.monotone_concave_sample()


def _columns(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    return frame["partners"], frame["revenue_growth"], frame["firm_id"]


def _by_hand(x, y, groups=None) -> tuple[np.ndarray, np.ndarray, int]:
    """OLS coefficients of y on (1, x, x²), their robust covariance and the t-test df.

    Clustered: G/(G−1)·(N−1)/(N−K)·(X'X)⁻¹ [Σ_g X_g'e_g e_g'X_g] (X'X)⁻¹ with G − 1 df;
    otherwise HC1: N/(N−K)·(X'X)⁻¹ [Σ_i e_i² x_i x_i'] (X'X)⁻¹ with N − K df.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    design = np.column_stack([np.ones_like(x), x, x**2])
    n, k = design.shape
    bread = np.linalg.inv(design.T @ design)
    beta = bread @ design.T @ y
    scores = design * (y - design @ beta)[:, None]
    if groups is None:
        return beta, n / (n - k) * bread @ (scores.T @ scores) @ bread, n - k
    sums = pd.DataFrame(scores).groupby(np.asarray(groups)).sum().to_numpy()
    g = sums.shape[0]
    factor = g / (g - 1) * (n - 1) / (n - k)
    return beta, factor * bread @ (sums.T @ sums) @ bread, g - 1


# --- the shipped panel --------------------------------------------------------------------
def test_the_shipped_panel_recovers_the_true_turning_point_with_controls(panel):
    """Governance confounds: alone, partners put the peak right of the truth; controlling
    for the measured firm differences (or firm fixed effects) brings it back."""
    x, y, firms = _columns(panel)
    controls = panel[["sector", "governance", "complementarity"]]
    for method in ("delta", "fieller"):
        tp = turning_point(x, y, groups=firms, method=method, controls=controls)
        assert tp.ci_low < firm_panel.TRUE_TURNING_POINT < tp.ci_high, method
        assert tp.within_data
        naive = turning_point(x, y, groups=firms, method=method)
        assert naive.ci_low > firm_panel.TRUE_TURNING_POINT, method
    fixed = turning_point(x, y, groups=firms, method="fieller", controls=panel[["firm_id"]])
    assert fixed.ci_low < firm_panel.TRUE_TURNING_POINT < fixed.ci_high
    assert u_test(x, y, groups=firms).p_value < 0.05
    assert two_lines(x, y, groups=firms).u_shaped


def test_controls_match_an_independent_least_squares_with_dummies(panel):
    """The coefficients and clustered covariance with controls equal those of the
    textbook formulas on a design built by hand (sector dummies, numbers as they are)."""
    x, y, firms = _columns(panel)
    sectors = sorted(panel["sector"].unique())
    dummies = np.column_stack([(panel["sector"] == s).to_numpy(float) for s in sectors[1:]])
    x, y = np.asarray(x, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(x)), x, x**2, panel["governance"], dummies])
    n, k = design.shape
    bread = np.linalg.inv(design.T @ design)
    beta = bread @ design.T @ y
    scores = design * (y - design @ beta)[:, None]
    sums = pd.DataFrame(scores).groupby(np.asarray(firms)).sum().to_numpy()
    g = sums.shape[0]
    cov = g / (g - 1) * (n - 1) / (n - k) * bread @ (sums.T @ sums) @ bread
    fit = fit_quadratic(x, y, groups=firms, controls=panel[["governance", "sector"]])
    assert fit.cov.shape == (3, 3)
    assert [fit.b0, fit.b1, fit.b2] == pytest.approx(beta[:3], rel=1e-9)
    assert fit.cov == pytest.approx(cov[:3, :3], rel=1e-7)
    assert fit.controls[0] == "governance" and len(fit.controls) == 1 + len(sectors) - 1


def test_a_control_collinear_with_fixed_effects_is_refused(panel):
    x, y, firms = _columns(panel)
    firm_level = panel.assign(size_class=panel["firm_id"].str[-1])  # constant within firm
    with pytest.raises(ValueError, match="combination"):
        fit_quadratic(x, y, groups=firms, controls=firm_level[["firm_id", "size_class"]])
    with pytest.raises(ValueError, match="rows"):
        fit_quadratic(x, y, controls=panel[["governance"]].iloc[:5])


def test_the_comparison_reads_the_three_specifications(panel):
    comparison = firm_panel.compare_regressions(panel)
    table = comparison.table
    assert list(table.index) == list(firm_panel.SPECIFICATIONS)
    naive, controlled, fixed = table["turning_point"]
    assert naive > firm_panel.TRUE_TURNING_POINT + 1 > controlled + 0.5
    assert table["controls"].iloc[2] == firm_panel.N_FIRMS - 1
    sentence = comparison.reading().sentence
    assert f"{naive:.2f}" in sentence and f"{controlled:.2f}" in sentence
    assert "Fieller" in sentence


def test_the_fieller_interval_covers_the_truth_in_most_samples():
    covered = []
    for seed in range(30):
        panel = firm_panel.generate(seed)
        x, y, firms = _columns(panel)
        controls = panel[["sector", "governance", "complementarity"]]
        tp = turning_point(x, y, groups=firms, method="fieller", controls=controls)
        covered.append(tp.ci_low <= firm_panel.TRUE_TURNING_POINT <= tp.ci_high)
    assert np.mean(covered) >= 0.85


def test_the_panel_has_the_documented_design(panel):
    assert panel["firm_id"].nunique() == firm_panel.N_FIRMS
    assert sorted(panel["year"].unique()) == list(firm_panel.YEARS)
    assert set(panel["sector"]) <= set(firm_panel.SECTOR_GROWTH)
    assert panel["partners"].min() >= 0
    assert panel["partners"].max() >= 2 * firm_panel.TRUE_TURNING_POINT
    for column in ("ego_density", "governance", "complementarity"):
        assert panel[column].between(0, 1).all(), column
    per_partner = panel["collab_hours"] / panel["partners"]
    few, many = panel["partners"] <= 4, panel["partners"] >= 12
    assert per_partner[many].mean() > per_partner[few].mean()  # coordinating pairs costs time


# --- a concave curve that never turns -------------------------------------------------------
def test_a_monotone_concave_curve_fools_the_quadratic_but_not_the_tests(concave):
    x, y, firms = _columns(concave)
    fit = fit_quadratic(x, y, groups=firms)
    assert fit.b2 < 0 and fit.results.pvalues[2] < 0.05
    assert -fit.b1 / (2 * fit.b2) < 1.25 * x.max()  # a turning point inside or near the data
    assert u_test(x, y, groups=firms).p_value >= 0.05
    lines = two_lines(x, y, groups=firms)
    assert not lines.u_shaped
    assert not (lines.slope_high < 0 and lines.p_high < 0.05)


# --- against independent computations -------------------------------------------------------
@pytest.mark.parametrize("clustered", [True, False])
def test_the_u_test_matches_a_direct_computation(panel, clustered):
    x, y, firms = _columns(panel)
    groups = firms if clustered else None
    beta, cov, df = _by_hand(x, y, groups)
    for low, high in ((x.min(), x.max()), (3.0, 12.0)):
        gradients = np.array([[0, 1, 2 * low], [0, 1, 2 * high]])
        slopes = gradients @ beta
        t = slopes / np.sqrt(np.einsum("ij,jk,ik->i", gradients, cov, gradients))
        statistic = min(t[0], -t[1])
        result = u_test(x, y, groups=groups, x_low=low, x_high=high)
        assert result.t_low == pytest.approx(t[0], rel=1e-8)
        assert result.t_high == pytest.approx(t[1], rel=1e-8)
        assert result.slope_low == pytest.approx(slopes[0], rel=1e-8)
        assert result.statistic == pytest.approx(statistic, rel=1e-8)
        assert result.p_value == pytest.approx(stats.t.sf(statistic, df), rel=1e-6)


def test_a_u_is_the_mirror_image_of_an_inverted_u(panel):
    x, y, firms = _columns(panel)
    inverted = u_test(x, y, groups=firms)
    mirrored = u_test(x, -y, groups=firms, shape="u")
    assert mirrored.statistic == pytest.approx(inverted.statistic, rel=1e-10)
    assert mirrored.p_value == pytest.approx(inverted.p_value, rel=1e-8)


def test_the_delta_method_interval_matches_a_direct_computation(panel):
    x, y, firms = _columns(panel)
    (_, b1, b2), cov, df = _by_hand(x, y, firms)
    gradient = np.array([-1 / (2 * b2), b1 / (2 * b2**2)])
    half = stats.t.ppf(0.95, df) * np.sqrt(gradient @ cov[1:, 1:] @ gradient)
    tp = turning_point(x, y, groups=firms, level=0.9)
    assert tp.estimate == pytest.approx(-b1 / (2 * b2), rel=1e-10)
    assert tp.ci_low == pytest.approx(-b1 / (2 * b2) - half, rel=1e-8)
    assert tp.ci_high == pytest.approx(-b1 / (2 * b2) + half, rel=1e-8)


def test_the_fieller_bounds_are_where_the_slope_is_just_significant(panel):
    x, y, firms = _columns(panel)
    (_, b1, b2), cov, df = _by_hand(x, y, firms)
    t = stats.t.ppf(0.975, df)
    tp = turning_point(x, y, groups=firms, method="fieller")
    assert tp.ci_low < tp.estimate < tp.ci_high
    for theta in (tp.ci_low, tp.ci_high):
        gradient = np.array([1, 2 * theta])
        assert (b1 + 2 * b2 * theta) ** 2 == pytest.approx(
            t**2 * gradient @ cov[1:, 1:] @ gradient, rel=1e-8
        )


def test_the_fieller_set_is_unbounded_without_curvature():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, 200)
    tp = turning_point(x, rng.normal(size=200), method="fieller")
    assert (tp.ci_low, tp.ci_high) == (-np.inf, np.inf)


def test_an_exact_quadratic_turns_where_its_coefficients_say():
    rng = np.random.default_rng(2)
    x = rng.uniform(0, 12, 300)
    y = 2 + 3 * x - 0.25 * x**2 + rng.normal(0, 0.01, x.size)
    tp = turning_point(x, y)
    assert tp.estimate == pytest.approx(3 / (2 * 0.25), abs=0.01)
    assert tp.ci_high - tp.ci_low < 0.02


def test_the_curve_and_its_band_match_statsmodels_predictions(panel):
    x, y, firms = _columns(panel)
    fit = fit_quadratic(x, y, groups=firms)
    curve = quadratic_curve(fit, n=25)
    assert list(curve.columns) == ["x", "fitted", "ci_low", "ci_high"]
    assert curve["x"].iloc[[0, -1]].tolist() == [x.min(), x.max()]
    grid = curve["x"].to_numpy()
    design = np.column_stack([np.ones_like(grid), grid, grid**2])
    frame = fit.results.get_prediction(design).summary_frame(alpha=0.05)
    np.testing.assert_allclose(curve["fitted"], frame["mean"], rtol=1e-10)
    half = stats.t.ppf(0.975, fit.n_groups - 1) * frame["mean_se"].to_numpy()
    np.testing.assert_allclose(curve["ci_high"] - curve["fitted"], half, rtol=1e-8)
    assert (curve["ci_low"] < curve["fitted"]).all()


# --- the two-lines test ---------------------------------------------------------------------
def test_two_lines_slopes_are_those_of_the_interrupted_regression(panel):
    x, y, firms = _columns(panel)
    lines = two_lines(x, y, groups=firms)
    xc = lines.breakpoint
    for high, slope in ((False, lines.slope_low), (True, lines.slope_high)):
        upper = (x >= xc) if high else (x > xc)
        design = np.column_stack(
            [np.ones(len(x)), np.where(upper, 0, x - xc), np.where(upper, x - xc, 0), upper]
        )
        beta = np.linalg.lstsq(design, y, rcond=None)[0]
        assert slope == pytest.approx(beta[2 if high else 1], rel=1e-8)
    assert x.quantile(0.1) < xc < x.quantile(0.9)


def test_two_lines_finds_a_tent_and_its_mirror_but_not_a_line():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 10, 300)
    tent = np.minimum(x, 10 - x) + rng.normal(0, 0.5, x.size)
    found = two_lines(x, tent)
    assert found.u_shaped and 4 < found.breakpoint < 6
    assert found.slope_low == pytest.approx(1, abs=0.15)
    assert found.slope_high == pytest.approx(-1, abs=0.15)
    assert two_lines(x, -tent, shape="u").u_shaped
    assert not two_lines(x, -tent).u_shaped
    assert not two_lines(x, x + rng.normal(0, 0.5, x.size)).u_shaped


# --- invalid input ----------------------------------------------------------------------------
X = np.arange(10.0)
Y = (X - 4) ** 2


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: turning_point(X, Y[:-1]), "y has 9 values"),
        (lambda: u_test(X, Y, groups=np.zeros(3)), "groups has 3 values"),
        (lambda: u_test(X, Y, groups=np.zeros(10)), "groups must have at least 2"),
        (lambda: turning_point(np.r_[X[:-1], np.nan], Y), "x contains NaN"),
        (lambda: two_lines(X, np.r_[Y[:-1], np.inf]), "y contains NaN or infinite"),
        (lambda: fit_quadratic(np.ones(10), Y), "x must take at least 3 distinct"),
        (lambda: u_test(X[:5], Y[:5]), "at least 6 points"),
        (lambda: turning_point(X, Y, level=1.0), "level must be strictly between 0 and 1"),
        (lambda: turning_point(X, Y, level=0.0), "level must be strictly between 0 and 1"),
        (lambda: turning_point(X, Y, method="bootstrap"), "method must be"),
        (lambda: u_test(X, Y, shape="n"), "shape must be one of"),
        (lambda: two_lines(X, Y, shape="w"), "shape must be one of"),
        (lambda: u_test(X, Y, x_low=5, x_high=2), "x_low must be below x_high"),
        (lambda: quadratic_curve(fit_quadratic(X, Y), level=2), "level must be"),
    ],
)
def test_invalid_input_is_refused_with_the_argument_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_reverse_causality_fools_pooled_and_fixed_effects_regressions():
    """Partners have no effect on growth in this sample, yet both regressions find a
    significant positive slope, because growth brings partners within each firm."""
    panel = firm_panel.reverse_causality_sample()
    pooled = linear_slope(panel["partners"], panel["revenue_growth"], groups=panel["firm_id"])
    fixed = linear_slope(
        panel["partners"], panel["revenue_growth"], groups=panel["firm_id"],
        controls=panel[["firm_id"]],
    )  # fmt: skip
    assert pooled.p_value < 0.05 and pooled.slope > 0
    assert fixed.p_value < 0.001 and fixed.ci_low > 0
    sentence = firm_panel.reverse_causality_demo(panel).sentence
    assert "partners do nothing for growth" in sentence
    assert f"{fixed.slope:.2f}" in sentence


def test_linear_slope_matches_numpy_least_squares():
    rng = np.random.default_rng(3)
    x = rng.normal(size=40)
    y = 1.5 + 0.7 * x + rng.normal(scale=0.1, size=40)
    slope, _ = np.polyfit(x, y, 1)
    assert linear_slope(x, y).slope == pytest.approx(slope, rel=1e-10)
