"""Thirty *generated* small firms' partner networks and growth: the cases for QCA and the
case comparison in notebook 04.

No firm here exists: names and numbers are drawn by the recipe below, so the course knows
which combinations "cause" high growth and can check what QCA recovers. The data can show
how QCA and Mill's methods work and where they mislead (limited diversity, coincidences in
small comparisons); they cannot show what makes real SMB networks succeed. Each firm
reports raw measures of its collaboration network (how many active partners,
how densely those partners are tied to each other, how formal the governance is, how
complementary the partners' capabilities are) and its revenue growth. The generator
draws each firm's profile at random (seeded) and its growth from a *known* causal recipe,
so that the course can check what fsQCA recovers:

* high growth ⇐ ``~many_partners*complementary + governance*complementary``
  (complementary partners pay off when the network is small enough to manage personally,
  or when formal governance coordinates a large one: equifinality);
* over-collaboration, ``many_partners*dense*~governance`` (a large, redundant, ungoverned
  network), drags growth down further.

Growth has normal noise (1.5 percentage points), so the recipe's consistency in the data
is high but not perfect.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from collabkit.analysis.cases import CaseComparison, compare_cases
from collabkit.analysis.qca import (
    FULL_LOG_ODDS,
    Solution,
    calibrate,
    compare_solutions,
    necessity,
    read_necessity,
    read_solutions,
)
from collabkit.core.reading import Reading
from collabkit.data import datasets_dir
from collabkit.data.cluster import to_csv

SEED = 404
N_CASES = 30
FILES = {"network_cases.csv": 0}
SECTORS = ("food", "hospitality", "retail", "manufacturing", "services")
_FIRST = (
    "Amber", "Brook", "Cedar", "Delta", "Ember", "Fjord", "Glade", "Heron", "Ivy", "Jasper",
    "Kiln", "Lark", "Moss", "North", "Orchard", "Pebble", "Quill", "Reed", "Slate", "Tide",
    "Umber", "Vine", "Wren", "Yew", "Zephyr", "Ash", "Bramble", "Coral", "Dune", "Flint",
)  # fmt: skip
_KIND = {
    "food": "Foods",
    "hospitality": "Kitchen",
    "retail": "Store",
    "manufacturing": "Works",
    "services": "Studio",
}


@dataclass(frozen=True)
class Anchors:
    """Where a raw measure's calibration puts full non-membership, the crossover and full
    membership (see :func:`collabkit.analysis.qca.calibrate`)."""

    column: str
    full_non: float
    crossover: float
    full_in: float

    def memberships(self, cases: pd.DataFrame) -> np.ndarray:
        """The cases' memberships, calibrated from their ``column``."""
        return calibrate(cases[self.column], self.full_non, self.crossover, self.full_in)

    def raw(self, memberships: pd.Series) -> pd.Series:
        """The raw values whose calibrated memberships these are (the inverse)."""
        log_odds = np.log(memberships / (1 - memberships)) / FULL_LOG_ODDS
        anchor = np.where(log_odds >= 0, self.full_in, self.full_non)
        return self.crossover + np.abs(log_odds) * (anchor - self.crossover)


CALIBRATION = {
    # Partners: 3 is a handful an owner-manager keeps up with personally (fully out);
    # 12, about one partner per month to meet, is more than one person can tend (fully in);
    # the crossover sits between 7 and 8 (counts are whole, so no firm is exactly 0.5).
    "many_partners": Anchors("partners", 3, 7.5, 12),
    # Density among the partners: at 0.2 they barely know each other (fully out); at 0.8
    # almost everyone is tied to everyone, the information is redundant (fully in); half of
    # all possible ties is the crossover (the generator keeps firms off it).
    "dense": Anchors("network_density", 0.2, 0.5, 0.8),
    # Governance score, one point per formal practice in place out of ten (written
    # agreements, a steering meeting, agreed exit rules, ...): 2 or fewer is informal
    # (fully out), 8 or more thoroughly formal (fully in), the crossover between 4 and 5.
    "governance": Anchors("governance", 2, 4.5, 8),
    # Share of partners with complementary capabilities: 0.2 means mostly duplicates
    # (fully out), 0.8 mostly complements (fully in), half and half the crossover (the
    # generator keeps firms off it).
    "complementary": Anchors("complementarity", 0.2, 0.5, 0.8),
    # Revenue growth, % per year: 0 (stagnation) is fully out; 5, above inflation plus
    # the typical SMB's nominal growth of 2-3 %, the crossover; 12 is fully in.
    "high_growth": Anchors("revenue_growth", 0, 5, 12),
}
CONDITIONS = ("many_partners", "dense", "governance", "complementary")
OUTCOME = "high_growth"
#: The generator's causal recipe for high growth (terms in the order of ``CONDITIONS``).
RECIPE = Solution(
    terms=(
        (("many_partners", False), ("complementary", True)),
        (("governance", True), ("complementary", True)),
    )
)
#: Over-collaboration: a large, dense, ungoverned network, which costs growth.
OVERLOAD = Solution(terms=((("many_partners", True), ("dense", True), ("governance", False)),))
#: Chance that a firm is in each set (``dense`` given many partners, and given few).
_SHARE_IN = {"many_partners": 0.5, "governance": 0.5, "complementary": 0.55}
_DENSE_GIVEN_MANY = (0.4, 0.7)
_GROWTH_OVERLOAD, _GROWTH_NOISE = 3.0, 1.5


def _share(rng: np.random.Generator, total: int, high: bool) -> float:
    """A share k/total on one side of one half: at least 0.55 when ``high``, else at most
    0.45 (so no firm sits on the 0.5 crossover)."""
    if high:
        return math.ceil(rng.uniform(0.6, 0.95) * total) / total
    return math.floor(rng.uniform(0.05, 0.4) * total) / total


def _profile(rng: np.random.Generator) -> dict[str, float]:
    """One firm's raw network measures, drawn on a random side of each crossover."""
    many = rng.random() < _SHARE_IN["many_partners"]
    dense = rng.random() < _DENSE_GIVEN_MANY[many]
    governed = rng.random() < _SHARE_IN["governance"]
    complementary = rng.random() < _SHARE_IN["complementary"]
    partners = int(rng.integers(9, 17) if many else rng.integers(3, 7))
    return {
        "partners": partners,
        "network_density": round(_share(rng, partners * (partners - 1) // 2, dense), 2),
        "governance": int(rng.integers(6, 11) if governed else rng.integers(0, 4)),
        "complementarity": round(_share(rng, partners, complementary), 2),
    }


def generate(seed: int = SEED) -> pd.DataFrame:
    """One row per firm: ``case_id`` (C01…), ``name``, ``sector``, ``partners`` (count),
    ``network_density`` (0–1), ``governance`` (0–10), ``complementarity`` (0–1) and
    ``revenue_growth`` (% per year, one decimal)."""
    rng = np.random.default_rng(seed)
    sectors = [SECTORS[int(i)] for i in rng.integers(len(SECTORS), size=N_CASES)]
    cases = pd.DataFrame(
        {
            "case_id": [f"C{i + 1:02d}" for i in range(N_CASES)],
            "name": [f"{first} {_KIND[s]}" for first, s in zip(_FIRST, sectors, strict=True)],
            "sector": sectors,
        }
    )
    cases = cases.join(pd.DataFrame([_profile(rng) for _ in range(N_CASES)]))
    members = _calibrate(cases, CONDITIONS)
    growth = (
        CALIBRATION[OUTCOME].raw(RECIPE.membership(members))
        - _GROWTH_OVERLOAD * OVERLOAD.membership(members)
        + rng.normal(0, _GROWTH_NOISE, N_CASES)
    )
    cases["revenue_growth"] = growth.round(1)
    return cases


def _calibrate(cases: pd.DataFrame, sets: tuple[str, ...]) -> pd.DataFrame:
    """Memberships in ``sets`` (columns) from the raw measures, in the cases' row order."""
    return pd.DataFrame(
        {name: CALIBRATION[name].memberships(cases) for name in sets}, index=cases.index
    )


def calibrated_cases(cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Memberships in the conditions and the outcome, indexed by ``case_id``.

    Parameters
    ----------
    cases
        Raw measures as from :func:`load_network_cases` (the default).
    """
    cases = load_network_cases() if cases is None else cases
    return _calibrate(cases.set_index("case_id"), (*CONDITIONS, OUTCOME))


#: Directional expectations for the intermediate solution, from the course's theory:
#: complementary partners and formal governance help growth (Dyer & Singh 1998 on
#: complementary resources; Provan & Kenis 2008 on network governance), and a dense web of
#: partners who all know each other brings redundant information (Burt 1992), so its
#: *absence* is expected to help. Many partners has no expectation: the inverted U says
#: its effect depends on how many.
EXPECTATIONS = {"complementary": True, "governance": True, "dense": False}


def three_solutions(members: pd.DataFrame, table: pd.DataFrame) -> Reading:
    """The conservative, intermediate (with :data:`EXPECTATIONS`) and parsimonious
    solutions of ``table`` side by side, with why the conservative one keeps what the
    parsimonious one drops."""
    comparison = compare_solutions(members, OUTCOME, table, EXPECTATIONS)
    return read_solutions(comparison, table)


def necessary_conditions(members: pd.DataFrame) -> Reading:
    """Which single conditions are necessary for high growth, in a sentence, with the
    consistency, coverage and relevance of necessity of each behind a toggle."""
    return read_necessity(necessity(members, OUTCOME))


#: The four cases of the structured comparison: two most-similar pairs around Amber Studio
#: (one condition apart, different outcomes) and a fast grower with few partners.
COMPARISON = ("C01", "C11", "C02", "C10")


def case_comparison(cases: pd.DataFrame | None = None) -> CaseComparison:
    """The structured comparison of :data:`COMPARISON` (Mill's methods on their crisp
    memberships), the firms named in its sentences."""
    cases = load_network_cases() if cases is None else cases
    labels = dict(zip(cases["case_id"], cases["case_id"] + " " + cases["name"], strict=True))
    return compare_cases(calibrated_cases(cases), OUTCOME, COMPARISON, CONDITIONS, labels)


def load_network_cases(folder: Path | None = None) -> pd.DataFrame:
    """The cases from ``datasets/network_cases.csv`` (generated if the file is missing)."""
    try:
        return pd.read_csv((folder or datasets_dir()) / "network_cases.csv")
    except FileNotFoundError:
        return generate()


def csv_texts(seed: int = SEED) -> dict[str, str]:
    """File name → CSV text."""
    return {"network_cases.csv": to_csv(generate(seed))}
