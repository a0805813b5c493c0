"""A *generated* firm-year panel: collaboration partners and revenue growth (notebook 04).

No firm in it exists. A hundred and twenty imaginary small firms of the valley's sectors
over eight years (2017–2024), drawn by the recipe below so that the course knows the truth
a regression should find. Each firm has its own propensity to collaborate, so its number
of active partners is persistent from year to year and drifts up slowly. Collaboration
costs time: hours grow with each partner and, through coordination between partners,
roughly with the number of pairs n(n − 1)/2. Firms with a high propensity to collaborate
also formalise their governance more (written agreements, a steering meeting), so
``governance`` rises with the number of partners (correlation about 0.75).

Revenue growth has a *known* inverted U in the number of partners::

    growth_it = α_i + sector_i + γ (c_i − 0.5) + λ (g_it − 0.5) + β1 p_it − β2 p_it² + e_it

with the firm effect α_i (shared by a firm's eight years, hence cluster-robust standard
errors), a sector effect, the firm's partner complementarity c_i, its governance g_it and
noise e_it. The true turning point is ``β1 / (2 β2) =`` :data:`TRUE_TURNING_POINT` partners.

Governance is a *confounder*: it raises growth (λ = :data:`BETA_GOVERNANCE`) and goes with
more partners, so a pooled quadratic of growth on partners alone credits partners with part
of governance's effect and puts the peak too far right (about 8.5 partners in the shipped
panel). With ``sector``, ``governance`` and ``complementarity`` as controls, or with firm
fixed effects (governance barely changes within a firm), the estimate comes back near 7.
What the panel cannot show: partners are never caused by growth here (no reverse
causality) and no firm drops out (no selection), so it cannot teach how to detect those;
and a real panel has confounders nobody measured.

:func:`monotone_concave_sample` draws the same kind of panel, without the governance
effect, with growth rising with ``log(1 + partners)``: concave, but it never turns. A
quadratic fitted to it has a significantly negative b2 all the same; the U-test and the
two-lines test do not find a U.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from collabkit.analysis.inverted_u import (
    SpecificationComparison,
    compare_specifications,
    linear_slope,
)
from collabkit.core.reading import Reading, number, p_value, rounded
from collabkit.data import datasets_dir
from collabkit.data.cluster import SECTORS, to_csv

SEED = 404
CONCAVE_SEED = 405
REVERSE_SEED = 406
N_FIRMS = 120
YEARS = tuple(range(2017, 2025))
#: Partners at which expected revenue growth peaks.
TRUE_TURNING_POINT = 7.0
#: β2: curvature of growth in partners (percentage points per partner²).
BETA_PARTNERS_SQ = 0.1
#: β1 = 2 β2 × turning point (percentage points per partner at zero partners).
BETA_PARTNERS = 2 * BETA_PARTNERS_SQ * TRUE_TURNING_POINT
#: γ: growth per unit of partner complementarity (percentage points).
BETA_COMPLEMENTARITY = 3.0
#: λ: growth per unit of governance score (percentage points): the confounder.
BETA_GOVERNANCE = 6.0
#: Growth of the concave sample per unit of log(1 + partners) (percentage points).
BETA_LOG_PARTNERS = 4.5
#: Partners a firm gains in a year per percentage point its growth beats its own average
#: (the reverse-causality sample: success attracts partners the same year).
REVERSE_RESPONSE = 0.6
#: Yearly drift of every firm's number of partners, and the year-to-year noise around it.
PARTNER_TREND = 0.3
PARTNER_NOISE_SD = 0.5
#: Sector effects on growth (percentage points per year).
SECTOR_GROWTH = {
    "food production": 0.5,
    "hospitality": -0.5,
    "retail": -1.0,
    "logistics": 1.0,
    "manufacturing": 0.0,
    "business services": 1.5,
}
BASE_GROWTH = 1.0
FIRM_EFFECT_SD = 1.5
NOISE_SD = 2.0
#: Hours per month per partner (firm average) and per pair of partners to coordinate.
HOURS_PER_PARTNER = 6.0
HOURS_PER_PAIR = 0.8
FILES = {"firm_panel.csv": 0}


def generate(
    seed: int = SEED,
    turning_point: float = TRUE_TURNING_POINT,
    n_firms: int = N_FIRMS,
    years: int = len(YEARS),
) -> pd.DataFrame:
    """The firm-year panel with its inverted U (see the module docstring).

    The defaults make ``datasets/firm_panel.csv``; other settings make a panel of the same
    kind (notebook 04's graded task draws one per course).

    Parameters
    ----------
    seed
        Seed of the random draws.
    turning_point
        Partners at which expected growth peaks (β1 = 2 β2 × ``turning_point``).
    n_firms, years
        Firms, and years per firm (from 2017).

    Returns
    -------
    DataFrame
        One row per firm and year: ``firm_id`` (P001…), ``year``, ``sector``, ``employees``
        (headcount), ``partners`` (active collaboration partners), ``collab_hours`` (hours
        per month spent on collaboration), ``ego_density`` (density of ties among the
        firm's partners, 0–1), ``governance`` (0–1 score of formal network governance),
        ``complementarity`` (share of partners with complementary capabilities, 0–1),
        ``revenue_growth`` (% per year).
    """
    rng = np.random.default_rng(seed)
    panel, latent = _panel(rng, n_firms, years)
    partners = panel["partners"].to_numpy()
    beta = 2 * BETA_PARTNERS_SQ * turning_point
    shape = beta * partners - BETA_PARTNERS_SQ * partners**2
    return panel.assign(revenue_growth=_growth(rng, panel, latent, shape))


def monotone_concave_sample(
    n_firms: int = N_FIRMS, years: int = len(YEARS), seed: int = CONCAVE_SEED
) -> pd.DataFrame:
    """A panel like :func:`generate`'s where growth rises with ``log(1 + partners)``.

    Growth is ``α_i + sector_i + γ (c_i − 0.5) + 4.5 log(1 + p_it) + e_it``: concave but
    increasing everywhere, so there is no turning point. Years run from 2017.
    """
    rng = np.random.default_rng(seed)
    panel, latent = _panel(rng, n_firms, years)
    shape = BETA_LOG_PARTNERS * np.log1p(panel["partners"].to_numpy())
    # no governance effect here: this sample is about the quadratic's shape, not confounding
    return panel.assign(revenue_growth=_growth(rng, panel, latent, shape, governance_effect=0.0))


def reverse_causality_sample(
    n_firms: int = N_FIRMS, years: int = len(YEARS), seed: int = REVERSE_SEED
) -> pd.DataFrame:
    """A panel where partners do nothing for growth, but growth brings partners.

    Growth is ``α_i + sector_i + γ (c_i − 0.5) + e_it`` (no partner term at all). A firm
    that grows faster than its own average in a year attracts partners that same year:
    partners are the usual draw plus ``round(κ (growth_it − mean_i growth))`` with κ =
    :data:`REVERSE_RESPONSE`, never below 0. Every association between partners and growth
    here is reverse causality, and since it works within each firm, firm fixed effects do
    not remove it.
    """
    rng = np.random.default_rng(seed)
    panel, latent = _panel(rng, n_firms, years)
    growth = _growth(rng, panel, latent, np.zeros(len(panel)), governance_effect=0.0)
    surprise = growth - pd.Series(growth).groupby(latent["firm"]).transform("mean").to_numpy()
    partners = np.maximum(0, panel["partners"] + np.round(REVERSE_RESPONSE * surprise))
    return panel.assign(partners=partners.astype(int), revenue_growth=growth)


def reverse_causality_demo(panel: pd.DataFrame | None = None) -> Reading:
    """What regressions find in :func:`reverse_causality_sample`: a significant "effect" of
    partners on growth, with and without firm fixed effects, where partners have none."""
    panel = reverse_causality_sample() if panel is None else panel
    x, y, firms = panel["partners"], panel["revenue_growth"], panel["firm_id"]
    pooled = linear_slope(x, y, groups=firms)
    fixed = linear_slope(x, y, groups=firms, controls=panel[["firm_id"]])
    sentence = (
        "In this generated panel partners do nothing for growth; fast growth brings partners "
        f"the same year. Yet growth rises by {number(pooled.slope)} points per partner on "
        f"partners alone ({p_value(pooled.p_value)}), and by {number(fixed.slope)} with firm "
        f"fixed effects ({p_value(fixed.p_value)}). Controls and fixed effects cannot tell "
        "which way the arrow runs"
        + (
            "; here fixed effects even make it stronger, because they keep only the changes "
            "within each firm, where the reverse arrow acts."
            if fixed.slope > pooled.slope
            else "."
        )
    )
    table = pd.DataFrame(
        {
            "slope (points per partner)": [pooled.slope, fixed.slope],
            "ci_low": [pooled.ci_low, fixed.ci_low],
            "ci_high": [pooled.ci_high, fixed.ci_high],
            "p-value": [pooled.p_value, fixed.p_value],
        },
        index=pd.Index(["partners only", "with firm fixed effects"], name="regression"),
    )
    return Reading(sentence, rounded(table, 3))


def _panel(rng: np.random.Generator, n_firms: int, years: int) -> tuple[pd.DataFrame, dict]:
    """Every column but ``revenue_growth``, and the firm-level draws growth depends on."""
    firm = np.repeat(np.arange(n_firms), years)
    year = np.tile(np.arange(years), n_firms)
    size = n_firms * years
    sector = rng.choice(len(SECTORS), size=n_firms, p=[0.2, 0.2, 0.2, 0.1, 0.15, 0.15])
    headcount = np.clip(rng.lognormal(2.3, 0.8, n_firms), 2, 200)
    employees = np.maximum(1, np.round(headcount[firm] * rng.lognormal(0.02 * year, 0.05)))
    propensity = rng.uniform(1.0, 15.0, n_firms)  # expected partners in the first year
    trend = propensity[firm] + PARTNER_TREND * year
    partners = np.maximum(0, np.round(trend + rng.normal(0, PARTNER_NOISE_SD, size)))
    partners = partners.astype(int)
    pairs = partners * (partners - 1) / 2
    governance = np.clip(
        1 / (1 + np.exp(-(0.25 * propensity - 1.5 + rng.normal(0, 0.8, n_firms))))[firm]
        + rng.normal(0, 0.03, size),
        0,
        1,
    )
    hours = (
        rng.uniform(0.6, 1.4, n_firms)[firm] * HOURS_PER_PARTNER * partners
        + HOURS_PER_PAIR * (1 - 0.5 * governance) * pairs
    ) * rng.lognormal(0, 0.15, size)
    cohesion = rng.beta(3, 3, n_firms)[firm] * 8 / (8 + partners)  # big portfolios are sparser
    ties = rng.binomial(pairs.astype(int), cohesion)
    complement = rng.beta(4, 3, n_firms)
    complementary = rng.binomial(partners, complement[firm])
    panel = pd.DataFrame(
        {
            "firm_id": [f"P{i + 1:03d}" for i in firm],
            "year": YEARS[0] + year,
            "sector": np.asarray(SECTORS)[sector[firm]],
            "employees": employees.astype(int),
            "partners": partners,
            "collab_hours": np.round(hours).astype(int),
            "ego_density": np.round(np.divide(ties, pairs, out=np.zeros(size), where=pairs > 0), 3),
            "governance": np.round(governance, 2),
            "complementarity": np.round(
                np.divide(complementary, partners, out=np.zeros(size), where=partners > 0), 2
            ),
        }
    )
    return panel, {"firm": firm, "complement": complement}


def _growth(
    rng: np.random.Generator,
    panel: pd.DataFrame,
    latent: dict,
    shape: np.ndarray,
    governance_effect: float = BETA_GOVERNANCE,
) -> np.ndarray:
    """Revenue growth (% per year, 2 decimals): ``shape`` plus firm, sector,
    complementarity and governance effects and noise."""
    firm = latent["firm"]
    firm_effect = rng.normal(0, FIRM_EFFECT_SD, firm.max() + 1)
    growth = (
        BASE_GROWTH
        + firm_effect[firm]
        + panel["sector"].map(SECTOR_GROWTH).to_numpy()
        + BETA_COMPLEMENTARITY * (latent["complement"][firm] - 0.5)
        + governance_effect * (panel["governance"].to_numpy() - 0.5)
        + shape
        + rng.normal(0, NOISE_SD, firm.size)
    )
    return np.round(growth, 2)


#: The regressions notebook 04 compares: name → the control columns of the panel (None: no
#: controls). Firm fixed effects absorb every firm-level difference, measured or not.
SPECIFICATIONS: dict[str, tuple[str, ...] | None] = {
    "partners only": None,
    "with controls (sector, governance, complementarity)": (
        "sector",
        "governance",
        "complementarity",
    ),
    "with firm fixed effects": ("firm_id",),
}


def compare_regressions(panel: pd.DataFrame) -> SpecificationComparison:
    """The turning point of growth in partners under each of :data:`SPECIFICATIONS`, with
    standard errors clustered by firm and Fieller intervals."""
    return compare_specifications(
        panel, SPECIFICATIONS, x="partners", y="revenue_growth", groups="firm_id"
    )


def load_firm_panel(folder: Path | None = None) -> pd.DataFrame:
    """The panel from ``datasets/firm_panel.csv`` (generated if the file is missing)."""
    try:
        return pd.read_csv((folder or datasets_dir()) / "firm_panel.csv")
    except FileNotFoundError:
        return generate()


def csv_texts(seed: int = SEED) -> dict[str, str]:
    """File name → CSV text."""
    return {"firm_panel.csv": to_csv(generate(seed))}
