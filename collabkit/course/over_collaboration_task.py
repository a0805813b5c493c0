"""The scenario of notebook 04's graded task as parameters: a firm panel and Kestrel Print.

The task's parameters are JSON values:

``panel``
    The settings of :func:`collabkit.data.firm_panel.generate` (``seed``,
    ``turning_point``, ``n_firms``, ``years``) that make the firm panel of the task.
``partners``
    Kestrel Print's twelve partnerships, one list per partner in the order of
    :data:`~collabkit.course.over_collaboration_audit_table.AUDIT_COLUMNS` (a blank review
    is ``None``); the table's order is the order of the graded options.

Practice mode uses today's panel (``datasets/firm_panel.csv``) and today's table
(:data:`~collabkit.course.over_collaboration_audit_examples.KESTREL_PRINT_ROWS`). An
assessed course draws its own with :func:`draw`. The notebook shows whichever the kernel
works with through :func:`task_panel` and :func:`kestrel_print`.

Importing this module loads neither the data generators nor the audit: a question bank
imports it, and the first question of a notebook must stay cheap.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from collabkit.course.over_collaboration_audit_examples import KESTREL_PRINT_ROWS
from collabkit.course.over_collaboration_audit_table import AUDIT_COLUMNS

if TYPE_CHECKING:
    from collabkit.analysis.inverted_u import TurningPoint

NOTEBOOK = "04"

#: The settings of today's firm panel (the defaults of ``firm_panel.generate``, which make
#: the shipped CSV; a test keeps them equal).
PRACTICE_PANEL = {"seed": 404, "turning_point": 7.0, "n_firms": 120, "years": 8}

#: The open parameters of practice mode: today's panel and today's table.
PRACTICE: dict[str, Any] = {
    "panel": PRACTICE_PANEL,
    "partners": [list(row) for row in KESTREL_PRINT_ROWS],
}

#: Ranges of a drawn panel: the true peak (partners), firms, and years per firm. Partners
#: run from 0 to about 18 in such a panel, so every peak in range lies well inside the data
#: and well below Kestrel Print's twelve partnerships.
TURNING_POINT_RANGE = (5.5, 9.0)
N_FIRMS_RANGE = (90, 160)
YEARS_RANGE = (6, 10)
#: A drawn panel's 95 % interval is at most this wide (partners), so the task is sharp.
MAX_INTERVAL_WIDTH = 2.5
#: A drawn panel's keys differ from the practice keys, and from every turning point or bound
#: the notebook prints from today's panel, by more than the answer tolerance.
KEY_DISTANCE = 0.05
#: Section 4 of the notebook fits the years up to this one.
EARLY_YEAR = 2020

#: How far a drawn partnership's hours and value may lie from today's (a factor).
HOURS_FACTOR = (0.7, 1.4)
VALUE_FACTOR = (0.6, 1.5)
#: A drawn partnership's net value is at least this far from zero (€ a year), so whether
#: it brings more than its hours cost is clear.
NET_MARGIN = 400.0
#: A drawn table asks to end at least this many partnerships and keeps at least as many.
MIN_SIDE = 3


def task_panel() -> pd.DataFrame:
    """The firm panel of the graded task, as this kernel's task parameters make it.

    Returns
    -------
    DataFrame
        The columns of :func:`collabkit.data.firm_panel.generate`: in practice mode
        today's panel (``datasets/firm_panel.csv``), in an assessed course the course's.
    """
    return panel_of(_parameters())


def kestrel_print() -> pd.DataFrame:
    """Kestrel Print's twelve partnerships, as this kernel's task parameters give them.

    Returns
    -------
    DataFrame
        The columns of :data:`AUDIT_COLUMNS`; a new frame on each call.
    """
    return kestrel_table(_parameters())


def _parameters() -> Mapping[str, Any]:
    from collabkit.course import task_parameters

    return task_parameters(NOTEBOOK)


def panel_of(parameters: Mapping[str, Any]) -> pd.DataFrame:
    """The firm panel that ``parameters["panel"]`` makes."""
    from collabkit.data.firm_panel import generate

    return generate(**parameters["panel"])


def kestrel_table(parameters: Mapping[str, Any]) -> pd.DataFrame:
    """Kestrel Print's partnerships in ``parameters`` as the audit's table."""
    return pd.DataFrame(parameters["partners"], columns=list(AUDIT_COLUMNS))


#: The controls of the task's regression: the panel's measured firm differences.
TASK_CONTROLS = ("sector", "governance", "complementarity")


class PanelTurns(NamedTuple):
    """The task panel's turning point as the task asks for it, and as common slips give it.

    ``key``: with :data:`TASK_CONTROLS`, standard errors clustered by firm, Fieller
    interval (what the task asks for). ``delta``: the same with the delta-method interval.
    ``unclustered``: the same without clustering. ``naive``: partners only (no controls),
    clustered, Fieller.
    """

    key: TurningPoint
    delta: TurningPoint
    unclustered: TurningPoint
    naive: TurningPoint


def panel_turns(parameters: Mapping[str, Any]) -> PanelTurns:
    """Where growth peaks in the task's panel (see :class:`PanelTurns`)."""
    return _turns(json.dumps(dict(parameters["panel"]), sort_keys=True))


@lru_cache(maxsize=32)
def _turns(panel: str) -> PanelTurns:
    from collabkit.analysis.inverted_u import fit_quadratic, turning_point_of

    data = panel_of({"panel": json.loads(panel)})
    x, y, firms = data["partners"], data["revenue_growth"], data["firm_id"]
    controls = data[list(TASK_CONTROLS)]
    clustered = fit_quadratic(x, y, groups=firms, controls=controls)
    return PanelTurns(
        key=turning_point_of(clustered, method="fieller"),
        delta=turning_point_of(clustered, method="delta"),
        unclustered=turning_point_of(fit_quadratic(x, y, controls=controls), method="fieller"),
        naive=turning_point_of(fit_quadratic(x, y, groups=firms), method="fieller"),
    )


def kestrel_audit(parameters: Mapping[str, Any]) -> pd.DataFrame:
    """The audit of Kestrel Print's table in ``parameters``, one row per partner (indexed
    by partner), in table order."""
    return _audit(json.dumps(parameters["partners"]))


@lru_cache(maxsize=32)
def _audit(partners: str) -> pd.DataFrame:
    from collabkit.course.over_collaboration_audit import audit

    table = kestrel_table({"partners": json.loads(partners)})
    return audit(table).partners.set_index("partner")


def forget() -> None:
    """Drop the cached fits and audits (they hold graded keys)."""
    _turns.cache_clear()
    _audit.cache_clear()


def to_end(kestrel: pd.DataFrame) -> list[str]:
    """The partners to end or scale back, in table order: a poor strategic fit or more time
    cost than value (the audit's ``low_fit`` and ``negative_net`` flags)."""
    return list(kestrel.index[kestrel["low_fit"] | kestrel["negative_net"]])


# -- drawing a course's parameters -------------------------------------------------------


def draw(rng: np.random.Generator) -> dict[str, Any]:
    """A course's task parameters: a firm panel with a clear peak and a Kestrel Print table
    with a clear set of partnerships to end (redrawn until both hold)."""
    return {"panel": _draw_panel(rng), "partners": _draw_partners(rng)}


def _draw_panel(rng: np.random.Generator) -> dict[str, Any]:
    """Panel settings whose fitted peak lies inside the data with a finite, narrow interval
    and keys away from the practice keys."""
    practice = panel_turns(PRACTICE).key
    while True:
        panel = {
            "seed": int(rng.integers(1_000, 2**31 - 1)),
            "turning_point": round(float(rng.uniform(*TURNING_POINT_RANGE)), 1),
            "n_firms": int(rng.integers(N_FIRMS_RANGE[0], N_FIRMS_RANGE[1] + 1)),
            "years": int(rng.integers(YEARS_RANGE[0], YEARS_RANGE[1] + 1)),
        }
        turn = panel_turns({"panel": panel}).key
        if _well_posed(turn, practice):
            return panel


def _well_posed(turn: TurningPoint, practice: TurningPoint) -> bool:
    bounds = np.array([turn.ci_low, turn.ci_high])
    shown = np.array([practice.estimate, practice.ci_high, *_shown_in_practice()])
    return bool(
        turn.within_data
        and np.isfinite(bounds).all()
        and turn.ci_low < turn.estimate < turn.ci_high
        and turn.ci_high - turn.ci_low <= MAX_INTERVAL_WIDTH
        and (np.abs(shown - turn.estimate) > KEY_DISTANCE).all()
        and (np.abs(shown - turn.ci_high) > KEY_DISTANCE).all()
    )


@lru_cache(maxsize=1)
def _shown_in_practice() -> tuple[float, ...]:
    """The turning points and bounds notebook 04 prints from today's panel (sections 4 and
    5): a drawn key near one of them would appear in every learner's notebook."""
    from collabkit.analysis.inverted_u import turning_point
    from collabkit.data.firm_panel import compare_regressions

    data = panel_of(PRACTICE)
    early = data[data["year"] <= EARLY_YEAR]
    turn = turning_point(
        early["partners"], early["revenue_growth"], groups=early["firm_id"], method="fieller"
    )
    table = compare_regressions(data).table
    return (
        turn.estimate,
        turn.ci_low,
        turn.ci_high,
        *(float(v) for v in table[["turning_point", "ci_low", "ci_high"]].to_numpy().ravel()),
    )


def _draw_partners(rng: np.random.Generator) -> list[list[Any]]:
    """Today's twelve partnerships with figures drawn around today's, in a drawn order,
    until the set to end is neither tiny nor nearly all, and not today's."""
    practice = set(to_end(kestrel_audit(PRACTICE)))
    while True:
        rows = [_draw_row(rng, row) for row in KESTREL_PRINT_ROWS]
        partners = [rows[i] for i in rng.permutation(len(rows))]
        ending = set(to_end(kestrel_audit({"partners": partners})))
        if MIN_SIDE <= len(ending) <= len(rows) - MIN_SIDE and ending != practice:
            return partners


def _draw_row(rng: np.random.Generator, row: tuple[Any, ...]) -> list[Any]:
    """One partnership drawn around ``row`` whose net value is clearly positive or negative."""
    from collabkit.course.over_collaboration_audit import yearly_time_cost

    while True:
        drawn = _perturb(rng, row)
        if abs(drawn[2] - yearly_time_cost(drawn[1])) >= NET_MARGIN:
            return drawn


def _perturb(rng: np.random.Generator, row: tuple[Any, ...]) -> list[Any]:
    """``row`` with hours, value, fit, dependence and review drawn around today's.

    A partner carrying a large share of sales today still does (and only it), so the
    advice on autonomy stays the same.
    """
    from collabkit.course.over_collaboration_audit import PARTNER_DEPENDENCE

    heavy = int(PARTNER_DEPENDENCE)
    name, hours, value, fit, dependence, review = row
    drawn_dependence = (
        rng.integers(heavy + 1, heavy + 16)
        if dependence >= heavy
        else np.clip(dependence + rng.integers(-3, 4), 0, heavy - 10)
    )
    return [
        name,
        max(1, round(hours * rng.uniform(*HOURS_FACTOR))),
        int(round(value * rng.uniform(*VALUE_FACTOR), -2)),
        int(np.clip(fit + rng.integers(-1, 2), 1, 5)),
        int(drawn_dependence),
        None if review is None else int(max(0, review + rng.integers(-4, 5))),
    ]
