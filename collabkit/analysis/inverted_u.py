"""Too much of a good thing: testing an inverted U (or a U) between two variables.

Notebook 04 asks whether firms can *over*-collaborate: does revenue growth rise with the
number of partners up to a point and then fall? Three tools answer it, each with its own
assumptions:

* a quadratic regression ``y = b0 + b1 x + b2 x²`` and its turning point ``−b1 / (2 b2)``
  with a delta-method or Fieller confidence interval (:func:`fit_quadratic`,
  :func:`turning_point`, :func:`quadratic_curve`);
* the Lind–Mehlum U-test, which asks whether the quadratic's slope really changes sign
  inside the data (:func:`u_test`);
* Simonsohn's two-lines test, which drops the quadratic's functional form altogether
  (:func:`two_lines`).

With firm-year panels, pass the firm identifiers as ``groups``: every standard error is
then cluster-robust by firm, and t-tests use G − 1 degrees of freedom (G firms), as Stata
and statsmodels do. Pass ``controls`` (a DataFrame of other columns: numbers enter as they
are, text or categories as one dummy per level but the first, so a column of firm ids gives
firm fixed effects) to hold other differences between observations fixed;
:func:`compare_specifications` puts several such fits side by side. Controls remove the
confounding they measure, and only that: they cannot undo reverse causality or selection.

Every result reads as a plain sentence with rounded numbers (``str(result)`` and
``result.reading()``), and shows in a notebook as that sentence with the full numbers
behind a toggle (:class:`~collabkit.core.reading.Reading`); the attributes keep the exact
values.

References
----------
J. T. Lind and H. Mehlum, "With or without U? The appropriate test for a U-shaped
relationship", *Oxford Bulletin of Economics and Statistics* 72(1), 109–118, 2010.

U. Simonsohn, "Two lines: a valid alternative to the invalid testing of U-shaped
relationships with quadratic regressions", *Advances in Methods and Practices in
Psychological Science* 1(4), 538–555, 2018.

R. F. Haans, C. Pieters and Z.-L. He, "Thinking about U: theorizing and testing U- and
inverted U-shaped relationships in strategy research", *Strategic Management Journal*
37(7), 1177–1195, 2016.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from numpy.typing import ArrayLike
from scipy import stats
from scipy.interpolate import BSpline

from collabkit.core.reading import Readable, Reading, number, p_value, rounded

Shape = Literal["inverted", "u"]
SHAPES = ("inverted", "u")
#: Fewest observations any of the fits here accepts.
MIN_POINTS = 6
#: Basis functions of the regression spline that finds the flat region in :func:`two_lines`.
SPLINE_BASIS = 6


@dataclass(frozen=True, eq=False)
class QuadraticFit(Readable):
    """An OLS fit of ``y = b0 + b1 x + b2 x²`` with robust covariance.

    Attributes
    ----------
    b0, b1, b2 : float
        The coefficients.
    cov : ndarray, shape (3, 3)
        Their covariance matrix (cluster-robust by group, or HC1).
    df : int
        Degrees of freedom of its t-tests: G − 1 when clustered, n − 3 otherwise.
    n, n_groups : int
        Observations and clusters (``n_groups`` is None without groups).
    x_min, x_max : float
        The range of x in the data.
    cov_type : str
        ``"cluster"`` or ``"HC1"``.
    results : statsmodels RegressionResults
        The full statsmodels results (``results.summary()`` prints the table; with controls
        their coefficients follow b0, b1, b2).
    controls : tuple of str
        The columns of the regressors beyond ``1, x, x²`` (empty without controls).
    """

    b0: float
    b1: float
    b2: float
    cov: np.ndarray
    df: int
    n: int
    n_groups: int | None
    x_min: float
    x_max: float
    cov_type: str
    results: Any
    controls: tuple[str, ...] = ()

    def slope(self, x: float) -> float:
        """The fitted slope ``dy/dx = b1 + 2 b2 x`` at ``x``."""
        return self.b1 + 2 * self.b2 * x

    def slope_se(self, x: float) -> float:
        """Standard error of :meth:`slope`: ``sqrt(V11 + 4x V12 + 4x² V22)``."""
        gradient = np.array([0.0, 1.0, 2.0 * x])
        return float(np.sqrt(gradient @ self.cov @ gradient))

    def critical_t(self, level: float) -> float:
        """Two-sided critical value of the t distribution with :attr:`df` at ``level``."""
        return float(stats.t.ppf(0.5 + level / 2, self.df))

    def reading(self) -> Reading:
        """The fit in a sentence (the sign of b2 and its p-value), the coefficients behind
        a toggle."""
        p = float(self.results.pvalues[2])
        shape = "an inverted U (∩)" if self.b2 < 0 else "a U"
        clusters = (
            f" of {self.n_groups} groups (standard errors clustered by group)"
            if self.n_groups is not None
            else ""
        )
        verdict = "significant" if p < 0.05 else "not significant, so the bend may be chance"
        sentence = (
            f"A quadratic fitted to {self.n:,} observations{clusters} bends like {shape}: "
            f"b2 = {number(self.b2, 3)} ({p_value(p)}, {verdict})."
        )
        table = pd.DataFrame(
            {
                "estimate": [self.b0, self.b1, self.b2],
                "standard error": np.sqrt(np.diag(self.cov)),
                "t": np.asarray(self.results.tvalues, dtype=float),
                "p-value": np.asarray(self.results.pvalues, dtype=float),
            },
            index=pd.Index(["b0 (constant)", "b1 (x)", "b2 (x²)"], name="coefficient"),
        )
        return Reading(sentence, rounded(table, 4))


@dataclass(frozen=True)
class TurningPoint(Readable):
    """Where the fitted quadratic turns, with a confidence interval.

    Attributes
    ----------
    estimate : float
        ``−b1 / (2 b2)``.
    ci_low, ci_high : float
        Bounds of the confidence interval (``±inf`` when a Fieller set is unbounded).
    level : float
        Confidence level of the interval.
    method : str
        ``"delta"`` or ``"fieller"``.
    within_data : bool
        Whether the estimate lies in ``[min x, max x]``.
    """

    estimate: float
    ci_low: float
    ci_high: float
    level: float
    method: str
    within_data: bool

    def reading(self) -> Reading:
        """Where the curve turns and how sure that is, in a sentence; every field behind a
        toggle."""
        interval = f"{self.level:.0%} confidence interval"
        if math.isfinite(self.ci_low) and math.isfinite(self.ci_high):
            sure = f"{interval} {number(self.ci_low)} to {number(self.ci_high)}"
        else:
            sure = f"its {interval} is unbounded: the data cannot pin it down"
        where = (
            "inside the range of the data"
            if self.within_data
            else "outside the range of the data, so the data do not show the turn itself"
        )
        sentence = f"The fitted curve turns at {number(self.estimate)} ({sure}), {where}."
        details = _fields(
            {
                "estimate": self.estimate,
                "ci_low": self.ci_low,
                "ci_high": self.ci_high,
                "level": self.level,
                "method": self.method,
                "within_data": self.within_data,
            }
        )
        return Reading(sentence, details)


@dataclass(frozen=True)
class UTest(Readable):
    """The Lind–Mehlum test of a U or an inverted U on ``[x_low, x_high]``.

    Attributes
    ----------
    statistic : float
        ``min(t_low, −t_high)`` for an inverted U, ``min(−t_low, t_high)`` for a U.
    p_value : float
        One-sided ``P(T > statistic)``, T following a t distribution with the fit's df.
    slope_low, slope_high : float
        Fitted slopes ``b1 + 2 b2 x`` at ``x_low`` and ``x_high``.
    t_low, t_high : float
        Those slopes divided by their standard errors.
    x_low, x_high : float
        Ends of the tested interval.
    turning_point : float
        ``−b1 / (2 b2)``.
    shape : str
        ``"inverted"`` (∩, the alternative by default) or ``"u"``.
    """

    statistic: float
    p_value: float
    slope_low: float
    slope_high: float
    t_low: float
    t_high: float
    x_low: float
    x_high: float
    turning_point: float
    shape: str

    def reading(self) -> Reading:
        """What the test says, in a sentence with the p-value; every field behind a
        toggle."""
        name, first, then = _shape_words(self.shape)
        low, high = _short(self.x_low), _short(self.x_high)
        if self.p_value < 0.05:
            sentence = (
                f"The U-test supports {name} ({p_value(self.p_value)}): the fitted slope "
                f"{first} clearly at the low end of the data (x = {low}) and {then} clearly "
                f"at the high end (x = {high})."
            )
        elif self.statistic < 0 and self.x_low < self.turning_point < self.x_high:
            sentence = (
                f"The U-test finds no {name.removeprefix('an ').removeprefix('a ')} "
                f"({p_value(self.p_value)}): the fitted curve bends the other way, it {then} "
                f"first and {first} after x = {number(self.turning_point)}."
            )
        elif self.statistic < 0:
            sentence = (
                f"The U-test cannot reject a monotone curve ({p_value(self.p_value)}): the "
                f"fitted curve does not turn between x = {low} and x = {high} (it would turn "
                f"at {number(self.turning_point)})."
            )
        else:
            sign = 1.0 if self.shape == "inverted" else -1.0
            low_weaker = sign * self.t_low <= -sign * self.t_high
            end, x, t, verb = (
                ("low", low, self.t_low, first) if low_weaker else ("high", high, self.t_high, then)
            )
            sentence = (
                f"The U-test cannot reject a monotone curve ({p_value(self.p_value)}): at the "
                f"{end} end of the data (x = {x}) the fitted slope {verb} too little to be "
                f"sure (t = {number(t)})."
            )
        details = _fields(
            {
                "statistic": self.statistic,
                "p_value": self.p_value,
                "slope_low": self.slope_low,
                "t_low": self.t_low,
                "slope_high": self.slope_high,
                "t_high": self.t_high,
                "x_low": self.x_low,
                "x_high": self.x_high,
                "turning_point": self.turning_point,
                "shape": self.shape,
            }
        )
        return Reading(sentence, details)


@dataclass(frozen=True)
class TwoLinesTest(Readable):
    """Simonsohn's two-lines test: one line each side of a breakpoint.

    Attributes
    ----------
    breakpoint : float
        Where the two lines meet (set by the Robin Hood procedure).
    slope_low, slope_high : float
        Slopes of the line below and above the breakpoint.
    p_low, p_high : float
        Two-sided p-values of those slopes.
    u_shaped : bool
        Both slopes significant at 5 % with the signs of the requested shape
        (rising then falling for an inverted U).
    shape : str
        ``"inverted"`` or ``"u"``.
    """

    breakpoint: float
    slope_low: float
    p_low: float
    slope_high: float
    p_high: float
    u_shaped: bool
    shape: str

    def reading(self) -> Reading:
        """The verdict and the two lines in a sentence; every field behind a toggle."""
        name, _, _ = _shape_words(self.shape)
        verdict = "finds" if self.u_shaped else "does not find"
        where = _short(self.breakpoint)
        sentence = (
            f"The two-lines test {verdict} {name}: below {where} the line "
            f"{_line_words(self.slope_low, self.p_low)}; above it the line "
            f"{_line_words(self.slope_high, self.p_high)}."
        )
        details = _fields(
            {
                "breakpoint": self.breakpoint,
                "slope_low": self.slope_low,
                "p_low": self.p_low,
                "slope_high": self.slope_high,
                "p_high": self.p_high,
                "u_shaped": self.u_shaped,
                "shape": self.shape,
            }
        )
        return Reading(sentence, details)


def _shape_words(shape: str) -> tuple[str, str, str]:
    """The shape's name and what its slope does first and then."""
    if shape == "inverted":
        return "an inverted U", "rises", "falls"
    return "a U", "falls", "rises"


def _short(x: float) -> str:
    """An x value without needless decimals: ``13``, ``6.5``, ``0.25``."""
    return f"{x:,.4f}".rstrip("0").rstrip(".").replace("-", "−")


def _line_words(slope: float, p: float) -> str:
    """``rises significantly (slope 0.60, p < 0.001)``."""
    direction = "rises" if slope > 0 else "falls"
    sure = "significantly" if p < 0.05 else "but not significantly"
    return f"{direction} {sure} (slope {number(slope)}, {p_value(p)})"


def _fields(values: dict[str, Any]) -> pd.DataFrame:
    """A result's fields as a two-column table for the toggle (numbers to 4 decimals)."""
    shown = {
        name: round(value, 4) if isinstance(value, float) else value
        for name, value in values.items()
    }
    return pd.DataFrame({"value": pd.Series(shown, dtype=object)}).rename_axis("field")


def fit_quadratic(
    x: ArrayLike,
    y: ArrayLike,
    groups: ArrayLike | None = None,
    controls: pd.DataFrame | None = None,
) -> QuadraticFit:
    """Fit ``y = b0 + b1 x + b2 x² (+ controls) + e`` by ordinary least squares
    (statsmodels).

    Parameters
    ----------
    x, y : array_like
        Finite numbers, same length, at least 6 of them, x with at least 3 distinct values.
    groups : array_like, optional
        Cluster of each observation (e.g. the firm of each firm-year). When given, the
        covariance is cluster-robust (``cov_type="cluster"``, with the small-sample factor
        G/(G − 1)·(N − 1)/(N − K)) and t-tests use G − 1 degrees of freedom; otherwise it is
        heteroskedasticity-robust (HC1) with N − 3 degrees of freedom.

    Returns
    -------
    QuadraticFit

    Raises
    ------
    ValueError
        For mismatched lengths, NaN or infinite values, fewer than 6 points, fewer than 3
        distinct x values or fewer than 2 groups; controls with another number of rows,
        missing values, or that leave the design without full rank.
    """
    x, y, codes = _validate(x, y, groups)
    extra = _control_columns(controls, x.size)
    design = np.column_stack([np.ones_like(x), x, x**2, extra.to_numpy(dtype=float)])
    if np.linalg.matrix_rank(design) < design.shape[1]:
        raise ValueError(
            "controls: some control is a combination of the others or of x (for example a "
            "firm-level column next to firm fixed effects); drop it"
        )
    results = _ols(design, y, codes)
    b0, b1, b2 = (float(b) for b in results.params[:3])
    n_groups = None if codes is None else int(codes.max() + 1)
    return QuadraticFit(
        b0=b0,
        b1=b1,
        b2=b2,
        cov=np.asarray(results.cov_params())[:3, :3],
        df=int(results.df_resid) if n_groups is None else n_groups - 1,
        n=x.size,
        n_groups=n_groups,
        x_min=float(x.min()),
        x_max=float(x.max()),
        cov_type=results.cov_type,
        results=results,
        controls=tuple(extra.columns),
    )


def _control_columns(controls: pd.DataFrame | None, rows: int) -> pd.DataFrame:
    """The controls as numeric regressors: numbers as they are, any other column as one
    0/1 dummy per level but the first (``sector[retail]``)."""
    if controls is None:
        return pd.DataFrame(index=range(rows))
    if isinstance(controls, pd.Series):
        controls = controls.to_frame()
    if not isinstance(controls, pd.DataFrame):
        raise ValueError(f"controls must be a DataFrame of columns, got {type(controls).__name__}")
    if len(controls) != rows:
        raise ValueError(f"controls has {len(controls)} rows but x has {rows}; they must match")
    if controls.isna().any().any():
        raise ValueError("controls contains missing values; every observation needs them all")
    parts = []
    for name in controls.columns:
        column = controls[name].reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            parts.append(column.astype(float).rename(str(name)))
        else:
            dummies = pd.get_dummies(column.astype(str), prefix=str(name), prefix_sep="[",
                                     drop_first=True, dtype=float)  # fmt: skip
            parts.append(dummies.rename(columns=lambda c: f"{c}]"))
    return pd.concat(parts, axis=1) if parts else pd.DataFrame(index=range(rows))


def turning_point(
    x: ArrayLike,
    y: ArrayLike,
    groups: ArrayLike | None = None,
    level: float = 0.95,
    method: Literal["delta", "fieller"] = "delta",
    controls: pd.DataFrame | None = None,
) -> TurningPoint:
    """The turning point ``x* = −b1 / (2 b2)`` of a fitted quadratic, with a confidence interval.

    Parameters
    ----------
    x, y, groups : array_like
        As in :func:`fit_quadratic`.
    level : float
        Confidence level, strictly between 0 and 1.
    method : {"delta", "fieller"}
        ``"delta"`` (default): ``x* ± t·se``, with ``se² = g V g'`` for the gradient
        ``g = (∂x*/∂b1, ∂x*/∂b2) = (−1/(2 b2), b1/(2 b2²))`` and V the covariance of
        (b1, b2); t is the critical value with the fit's degrees of freedom.
        ``"fieller"``: the set of θ where the slope at θ is not significantly different
        from zero, ``(b1 + 2θ b2)² ≤ t² (V11 + 4θ V12 + 4θ² V22)``; Lind and Mehlum (2010)
        recommend it because x* is a ratio and its distribution is skewed. When b2 is not
        significant at ``level`` the set is unbounded and the bounds are ``-inf`` and ``inf``.
    controls : DataFrame, optional
        Other regressors held fixed, as in :func:`fit_quadratic`.

    Returns
    -------
    TurningPoint

    Raises
    ------
    ValueError
        For invalid data (see :func:`fit_quadratic`), ``level`` outside (0, 1) or an unknown
        ``method``.

    Examples
    --------
    Growth that peaks at five partners, ``2x − 0.2x²``, with a little alternating noise:

    >>> import numpy as np
    >>> partners = np.arange(13)
    >>> growth = 2 * partners - 0.2 * partners**2 + 0.3 * (-1) ** partners
    >>> tp = turning_point(partners, growth)
    >>> round(float(tp.estimate), 2), bool(tp.ci_low < 5 < tp.ci_high), tp.within_data
    (4.98, True, True)
    """
    _check_level(level)
    if method not in ("delta", "fieller"):
        raise ValueError(f"method must be 'delta' or 'fieller', got {method!r}")
    return turning_point_of(fit_quadratic(x, y, groups, controls), level, method)


def turning_point_of(
    fit: QuadraticFit, level: float = 0.95, method: Literal["delta", "fieller"] = "delta"
) -> TurningPoint:
    """The turning point of a :class:`QuadraticFit` already made (see
    :func:`turning_point` for the intervals)."""
    _check_level(level)
    if method not in ("delta", "fieller"):
        raise ValueError(f"method must be 'delta' or 'fieller', got {method!r}")
    estimate = -fit.b1 / (2 * fit.b2)
    t = fit.critical_t(level)
    if method == "delta":
        gradient = np.array([-1 / (2 * fit.b2), fit.b1 / (2 * fit.b2**2)])
        half = t * float(np.sqrt(gradient @ fit.cov[1:, 1:] @ gradient))
        low, high = estimate - half, estimate + half
    else:
        low, high = _fieller(fit, t)
    return TurningPoint(
        estimate=estimate,
        ci_low=low,
        ci_high=high,
        level=level,
        method=method,
        within_data=fit.x_min <= estimate <= fit.x_max,
    )


@dataclass(frozen=True)
class SpecificationComparison(Readable):
    """The turning point of the same quadratic under several sets of controls.

    Attributes
    ----------
    table : DataFrame
        One row per specification (its name is the index): ``b1``, ``b2``,
        ``turning_point``, ``ci_low``, ``ci_high`` (the interval of ``method``) and
        ``controls`` (the regressors beyond ``1, x, x²``, counted).
    method : str
        The interval's method.
    level : float
        Its confidence level.
    """

    table: pd.DataFrame
    method: str
    level: float

    def reading(self) -> Reading:
        """How far the turning point moves between the first specification and the others,
        in a sentence; the table behind the toggle."""
        first, *others = self.table.index
        base = self.table.loc[first, "turning_point"]
        moves = "".join(
            f"; {name}, at {number(self.table.loc[name, 'turning_point'])} "
            f"({_interval(self.table.loc[name])})"
            for name in others
        )
        sentence = (
            f"With {first}, the fitted curve turns at {number(base)} "
            f"({_interval(self.table.loc[first])}){moves}. The intervals are "
            f"{self.level * 100:g} % {self.method.capitalize()} intervals."
        )
        return Reading(sentence, rounded(self.table, 3))


def _interval(row: pd.Series) -> str:
    if math.isfinite(row["ci_low"]) and math.isfinite(row["ci_high"]):
        return f"{number(row['ci_low'])} to {number(row['ci_high'])}"
    return "interval unbounded"


def compare_specifications(
    data: pd.DataFrame,
    specifications: dict[str, Any],
    x: str,
    y: str,
    groups: str | None = None,
    level: float = 0.95,
    method: Literal["delta", "fieller"] = "fieller",
) -> SpecificationComparison:
    """Fit the quadratic of ``y`` on ``x`` once per specification and compare the turning
    points: does holding other differences fixed move the peak?

    Parameters
    ----------
    data
        One row per observation, with the columns named here.
    specifications
        Name → the control columns of ``data`` (a sequence of names, or None for none),
        in the order to show them; see :func:`fit_quadratic` for how controls enter.
    x, y, groups
        Column names: the regressor, the outcome and the clusters (optional).
    level, method
        As in :func:`turning_point` (Fieller by default, as Lind and Mehlum recommend).

    Returns
    -------
    SpecificationComparison

    Raises
    ------
    ValueError
        For an empty ``specifications``, unknown columns, or as :func:`fit_quadratic`.
    """
    if not specifications:
        raise ValueError("specifications: give at least one")
    named = [x, y] + ([groups] if groups else [])
    wanted = named + [c for cols in specifications.values() if cols for c in cols]
    unknown = sorted({c for c in wanted if c not in data.columns})
    if unknown:
        raise ValueError(f"data: no column(s) {', '.join(unknown)}")
    rows = {}
    for name, columns in specifications.items():
        controls = None if not columns else data[list(columns)]
        fit = fit_quadratic(data[x], data[y], data[groups] if groups else None, controls)
        turn = turning_point_of(fit, level, method)
        rows[name] = {
            "b1": fit.b1,
            "b2": fit.b2,
            "turning_point": turn.estimate,
            "ci_low": turn.ci_low,
            "ci_high": turn.ci_high,
            "controls": len(fit.controls),
        }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("specification")
    return SpecificationComparison(table=table, method=method, level=level)


@dataclass(frozen=True)
class LinearSlope:
    """The slope of ``y = a + b x (+ controls) + e`` with its two-sided p-value."""

    slope: float
    p_value: float
    ci_low: float
    ci_high: float


def linear_slope(
    x: ArrayLike,
    y: ArrayLike,
    groups: ArrayLike | None = None,
    controls: pd.DataFrame | None = None,
    level: float = 0.95,
) -> LinearSlope:
    """OLS slope of y on x, with controls (as in :func:`fit_quadratic`) and standard errors
    clustered by ``groups`` (else HC1).

    Raises
    ------
    ValueError
        As :func:`fit_quadratic` (at least 6 points, 3 distinct x values, valid controls).
    """
    _check_level(level)
    x, y, codes = _validate(x, y, groups)
    extra = _control_columns(controls, x.size)
    design = np.column_stack([np.ones_like(x), x, extra.to_numpy(dtype=float)])
    if np.linalg.matrix_rank(design) < design.shape[1]:
        raise ValueError("controls: some control is a combination of the others or of x")
    results = _ols(design, y, codes)
    low, high = (float(v) for v in np.asarray(results.conf_int(alpha=1 - level))[1])
    return LinearSlope(float(results.params[1]), float(results.pvalues[1]), low, high)


def u_test(
    x: ArrayLike,
    y: ArrayLike,
    groups: ArrayLike | None = None,
    shape: Shape = "inverted",
    *,
    x_low: float | None = None,
    x_high: float | None = None,
) -> UTest:
    """The Lind–Mehlum (2010) test of an inverted U (or a U) on ``[x_low, x_high]``.

    A significant ``b2`` is not enough: the quadratic must also rise at the low end of the
    data and fall at the high end. With the slope ``s(x) = b1 + 2 b2 x`` and its standard
    error ``se(x) = sqrt(V11 + 4x V12 + 4x² V22)``, ``t_low = s(x_low) / se(x_low)`` and
    ``t_high = s(x_high) / se(x_high)``. For an inverted U the null hypothesis is
    ``s(x_low) ≤ 0 or s(x_high) ≥ 0`` and the statistic is ``min(t_low, −t_high)``; for a U
    the signs flip, ``min(−t_low, t_high)``. The p-value is the one-sided tail
    ``P(T > statistic)`` of a t distribution with the fit's degrees of freedom (the
    intersection–union test: both ends must be significant). When the turning point lies
    outside the interval both slopes have the same sign, the statistic is negative and the
    p-value above 0.5.

    Parameters
    ----------
    x, y, groups : array_like
        As in :func:`fit_quadratic`.
    shape : {"inverted", "u"}
        The alternative hypothesis: ∩ (default) or U.
    x_low, x_high : float, optional
        Ends of the interval to test over (default: the smallest and largest x).

    Returns
    -------
    UTest

    Raises
    ------
    ValueError
        For invalid data, an unknown ``shape``, or ``x_low`` not below ``x_high``.

    Examples
    --------
    The same curve as in :func:`turning_point`: over 0–12 partners it rises and then falls;
    over 0–4 it only rises, so the test finds no inverted U there.

    >>> import numpy as np
    >>> partners = np.arange(13)
    >>> growth = 2 * partners - 0.2 * partners**2 + 0.3 * (-1) ** partners
    >>> bool(u_test(partners, growth).p_value < 0.001)
    True
    >>> bool(u_test(partners, growth, x_high=4).p_value > 0.5)
    True
    """
    _check_shape(shape)
    fit = fit_quadratic(x, y, groups)
    low = fit.x_min if x_low is None else float(x_low)
    high = fit.x_max if x_high is None else float(x_high)
    if not low < high:
        raise ValueError(f"x_low must be below x_high, got x_low={low} and x_high={high}")
    t_low = fit.slope(low) / fit.slope_se(low)
    t_high = fit.slope(high) / fit.slope_se(high)
    sign = 1.0 if shape == "inverted" else -1.0
    statistic = min(sign * t_low, -sign * t_high)
    return UTest(
        statistic=statistic,
        p_value=float(stats.t.sf(statistic, fit.df)),
        slope_low=fit.slope(low),
        slope_high=fit.slope(high),
        t_low=t_low,
        t_high=t_high,
        x_low=low,
        x_high=high,
        turning_point=-fit.b1 / (2 * fit.b2),
        shape=shape,
    )


def two_lines(
    x: ArrayLike, y: ArrayLike, groups: ArrayLike | None = None, shape: Shape = "inverted"
) -> TwoLinesTest:
    """Simonsohn's (2018) two-lines test of an inverted U (or a U).

    Two straight lines, one each side of a breakpoint ``xc``, are fitted by the interrupted
    regression ``y = a + b_low·xlow + b_high·xhigh + c·high``, where ``xlow = x − xc`` when
    ``x ≤ xc`` (else 0), ``xhigh = x − xc`` when ``x > xc`` (else 0) and ``high = 1`` when
    ``x > xc``. As in Simonsohn's reference code, observations at exactly ``xc`` count in
    the line whose slope is being estimated: ``b_high`` comes from a second fit with
    ``x ≥ xc`` as the high side. The relationship is an inverted U when ``b_low > 0`` and
    ``b_high < 0``, both significant at 5 % (two-sided).

    The breakpoint:

    1. A flexible fit of y on x finds the *flat region*: among observations strictly
       between the 10th and 90th percentiles of x, those whose fitted value plus one
       standard error reaches the highest fitted value (the lowest, minus one standard
       error, for a U). Simonsohn uses a penalised GAM (mgcv); here the flexible fit is an
       unpenalised cubic regression spline, a B-spline basis of up to 6 functions (scipy's
       ``BSpline.design_matrix``) with knots at quantiles of the distinct x values, fitted
       by OLS with the same robust covariance as the lines.
    2. Two lines are fitted with the breakpoint at the median of the flat region, giving
       t-statistics ``z1`` (low line) and ``z2`` (high line).
    3. *Robin Hood*: the breakpoint moves to the ``z2 / (z1 + z2)`` quantile of the flat
       region, giving the weaker line more observations, and the lines are refitted.

    Parameters
    ----------
    x, y, groups : array_like
        As in :func:`fit_quadratic`; with ``groups`` the slopes' standard errors are
        cluster-robust and their p-values use G − 1 degrees of freedom, otherwise HC1 (the
        reference code uses HC3).
    shape : {"inverted", "u"}
        The shape looked for: ∩ (default) or U.

    Returns
    -------
    TwoLinesTest

    Raises
    ------
    ValueError
        For invalid data, an unknown ``shape``, or an x with no values strictly between its
        10th and 90th percentiles.
    """
    _check_shape(shape)
    x, y, codes = _validate(x, y, groups)
    flat = _flat_region(x, y, codes, shape)
    slope_low, _, z1 = _line_slope(x, y, codes, float(np.median(flat)), high=False)
    slope_high, _, z2 = _line_slope(x, y, codes, float(np.median(flat)), high=True)
    breakpoint = float(np.quantile(flat, abs(z2) / (abs(z1) + abs(z2))))
    slope_low, p_low, _ = _line_slope(x, y, codes, breakpoint, high=False)
    slope_high, p_high, _ = _line_slope(x, y, codes, breakpoint, high=True)
    sign = 1.0 if shape == "inverted" else -1.0
    return TwoLinesTest(
        breakpoint=breakpoint,
        slope_low=slope_low,
        p_low=p_low,
        slope_high=slope_high,
        p_high=p_high,
        u_shaped=bool(sign * slope_low > 0 > sign * slope_high and max(p_low, p_high) < 0.05),
        shape=shape,
    )


def quadratic_curve(fit: QuadraticFit, n: int = 100, level: float = 0.95) -> pd.DataFrame:
    """The fitted curve over the data's range, for plotting.

    Parameters
    ----------
    fit : QuadraticFit
        From :func:`fit_quadratic`.
    n : int
        Number of evenly spaced x values from ``fit.x_min`` to ``fit.x_max`` (at least 2).
    level : float
        Confidence level of the pointwise interval, strictly between 0 and 1.

    Returns
    -------
    DataFrame
        Columns ``x``, ``fitted`` (``b0 + b1 x + b2 x²``) and ``ci_low``, ``ci_high``: the
        pointwise confidence interval of the mean, ``fitted ± t·sqrt(g V g')`` with
        ``g = (1, x, x²)`` and t from the fit's degrees of freedom.
    """
    _check_level(level)
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    grid = np.linspace(fit.x_min, fit.x_max, n)
    design = np.column_stack([np.ones_like(grid), grid, grid**2])
    fitted = design @ np.array([fit.b0, fit.b1, fit.b2])
    half = fit.critical_t(level) * np.sqrt(np.einsum("ij,jk,ik->i", design, fit.cov, design))
    return pd.DataFrame(
        {"x": grid, "fitted": fitted, "ci_low": fitted - half, "ci_high": fitted + half}
    )


def _validate(
    x: ArrayLike, y: ArrayLike, groups: ArrayLike | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """x and y as float arrays and the groups as integer codes 0…G−1, or ValueError."""
    x = _as_vector(x, "x")
    y = _as_vector(y, "y")
    if y.size != x.size:
        raise ValueError(f"y has {y.size} values but x has {x.size}; they must be equally long")
    if x.size < MIN_POINTS:
        raise ValueError(f"x and y need at least {MIN_POINTS} points, got {x.size}")
    if np.unique(x).size < 3:
        raise ValueError(
            f"x must take at least 3 distinct values (a constant x has no turning point), "
            f"got {np.unique(x).size}"
        )
    if groups is None:
        return x, y, None
    labels = pd.Series(np.asarray(groups).ravel())
    if labels.size != x.size:
        raise ValueError(f"groups has {labels.size} values but x has {x.size}; they must match")
    if labels.isna().any():
        raise ValueError("groups contains missing values; every observation needs a group")
    codes, uniques = pd.factorize(labels)
    if uniques.size < 2:
        raise ValueError(f"groups must have at least 2 distinct groups, got {uniques.size}")
    return x, y, codes


def _as_vector(values: ArrayLike, name: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must contain numbers: {error}") from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinite values; only finite numbers are allowed")
    return array


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ValueError(f"level must be strictly between 0 and 1, got {level}")


def _check_shape(shape: str) -> None:
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, got {shape!r}")


def _ols(design: np.ndarray, y: np.ndarray, codes: np.ndarray | None) -> Any:
    """OLS with cluster-robust (by ``codes``) or HC1 covariance and t-based inference."""
    model = sm.OLS(y, design)
    if codes is None:
        return model.fit(cov_type="HC1", use_t=True)
    return model.fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True)


def _fieller(fit: QuadraticFit, t: float) -> tuple[float, float]:
    """Bounds of ``{θ : (b1 + 2θ b2)² − t² (V11 + 4θ V12 + 4θ² V22) ≤ 0}``.

    The set is a bounded interval when its θ² coefficient ``4 (b2² − t² V22)`` is positive,
    i.e. when b2 is significant; otherwise it is unbounded and ``(-inf, inf)`` is returned.
    """
    v11, v12, v22 = fit.cov[1, 1], fit.cov[1, 2], fit.cov[2, 2]
    a = 4 * (fit.b2**2 - t**2 * v22)
    b = 4 * (fit.b1 * fit.b2 - t**2 * v12)
    c = fit.b1**2 - t**2 * v11
    discriminant = b**2 - 4 * a * c
    if a <= 0 or discriminant < 0:
        return -np.inf, np.inf
    root = np.sqrt(discriminant)
    return float((-b - root) / (2 * a)), float((-b + root) / (2 * a))


def _flat_region(
    x: np.ndarray, y: np.ndarray, codes: np.ndarray | None, shape: Shape
) -> np.ndarray:
    """x values (one per observation) where a spline fit is within 1 SE of its extreme."""
    basis = _spline_basis(x)
    results = _ols(basis, y, codes)
    fitted = basis @ results.params
    se = np.sqrt(np.einsum("ij,jk,ik->i", basis, results.cov_params(), basis))
    p10, p90 = np.quantile(x, [0.1, 0.9])
    middle = (x > p10) & (x < p90)
    if not middle.any():
        raise ValueError("x has no values strictly between its 10th and 90th percentiles")
    if shape == "inverted":
        flat = fitted[middle] + se[middle] > fitted[middle].max()
    else:
        flat = fitted[middle] - se[middle] < fitted[middle].min()
    return x[middle][flat]


def _spline_basis(x: np.ndarray) -> np.ndarray:
    """Cubic B-spline design matrix (quadratic or lower for x with few distinct values)."""
    distinct = np.unique(x)
    size = min(SPLINE_BASIS, distinct.size)
    degree = min(3, size - 1)
    interior = np.quantile(distinct, np.linspace(0, 1, size - degree + 1)[1:-1])
    knots = np.concatenate(
        [np.repeat(x.min(), degree + 1), interior, np.repeat(x.max(), degree + 1)]
    )
    return BSpline.design_matrix(x, knots, degree).toarray()


def _line_slope(
    x: np.ndarray, y: np.ndarray, codes: np.ndarray | None, breakpoint: float, high: bool
) -> tuple[float, float, float]:
    """Slope, two-sided p and t of one line of the interrupted regression at ``breakpoint``.

    ``high=False`` gives the low line (``x ≤ breakpoint`` on the low side), ``high=True``
    the high line (``x ≥ breakpoint`` on the high side).
    """
    upper = x >= breakpoint if high else x > breakpoint
    centred = x - breakpoint
    design = np.column_stack(
        [np.ones_like(x), np.where(upper, 0.0, centred), np.where(upper, centred, 0.0), upper]
    )
    results = _ols(design, y, codes)
    column = 2 if high else 1
    return (
        float(results.params[column]),
        float(results.pvalues[column]),
        float(results.tvalues[column]),
    )
