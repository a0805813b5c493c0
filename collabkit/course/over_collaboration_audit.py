"""Collaboration audit (notebook 04): check a firm's own partnerships against five recommendations.

A learner enters one row per partner (the columns of :data:`AUDIT_COLUMNS`, read by
:func:`read_audit`): the hours a month the partnership takes, the € a year it brings, how
well it fits the strategy, how much of the firm runs through it and when it was last
reviewed. :func:`audit` then

* prices the time: ``time_cost`` = hours a month × 12 × ``hour_value`` (€ per year of core
  work not done) and ``net_value`` = ``value`` − ``time_cost``;
* checks the five recommendations of the course, in this order: strategic network
  selection, balanced engagement, value-adding collaboration, strategic autonomy and
  regular evaluation (:data:`RECOMMENDATIONS`), each giving one :class:`Finding`;
* calibrates the course's :class:`~collabkit.models.net_benefit.NetBenefit` model to the
  firm's partners worth keeping (those that fit the strategy and bring more than their
  hours cost; all partners when none does), so a figure can show where the firm sits on
  the curve. Calibrated to the average of *all* partners, the curve would describe a firm
  whose partners are all as weak as the ones the other checks say to end, and its peak
  would tell the firm to keep fewer partners than its good ones justify.

The thresholds are teaching rules of thumb, set as module constants with the reason for
each; the time cost values every hour at the full ``hour_value`` (a cautious, simple
price), whereas the model's depletion cost lets the first hours come from slack.

This module is the audit's public face: the table's columns and reader
(:mod:`~collabkit.course.over_collaboration_audit_table`) and the worked example
(:mod:`~collabkit.course.over_collaboration_audit_examples`) are imported from here too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabkit.core.validation import check_number
from collabkit.core.words import number_word, plural
from collabkit.course.over_collaboration_audit_examples import example_audit
from collabkit.course.over_collaboration_audit_table import (
    AUDIT_COLUMNS,
    MAX_NAME,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    AuditError,
    join_names,
    read_audit,
)
from collabkit.models.net_benefit import NetBenefit

__all__ = [
    "AUDIT_COLUMNS",
    "AUTONOMY",
    "ENGAGEMENT",
    "ENGAGEMENT_TOLERANCE",
    "EVALUATION",
    "HOUR_VALUE",
    "LOW_FIT",
    "MAX_NAME",
    "MAX_ROWS",
    "PARTNER_DEPENDENCE",
    "RECOMMENDATIONS",
    "REQUIRED_COLUMNS",
    "REVIEW_MONTHS",
    "SELECTION",
    "TOTAL_DEPENDENCE",
    "VALUE_ADDING",
    "AuditError",
    "AuditReport",
    "Finding",
    "audit",
    "example_audit",
    "read_audit",
    "yearly_time_cost",
]

#: The five recommendations of the course, as the report names them.
SELECTION = "Strategic network selection"
ENGAGEMENT = "Balanced engagement"
VALUE_ADDING = "Value-adding collaboration"
AUTONOMY = "Strategic autonomy"
EVALUATION = "Regular evaluation"

#: The five recommendations, in the order of the findings.
RECOMMENDATIONS = (SELECTION, ENGAGEMENT, VALUE_ADDING, AUTONOMY, EVALUATION)

#: Fit 1–2 on the 1–5 scale means "unrelated" or "loosely related" to the strategy: such a
#: partnership takes time without moving the firm where it wants to go. 3 ("somewhat
#: related") is given the benefit of the doubt.
LOW_FIT = 2

#: The net-benefit curve is flat near its peak, so being one partner off the optimum costs
#: little; only a gap of more than this many partners is flagged.
ENGAGEMENT_TOLERANCE = 1

#: One partner carrying 30 % or more of sales or critical inputs: losing it (insolvency, a
#: new owner, a price rise) would cut nearly a third of the business at once, more than
#: most small firms can absorb in a year, and it gives the partner hold-up power.
PARTNER_DEPENDENCE = 30.0

#: Partners together carrying 60 % or more: the network rather than the firm sets the
#: terms of most of the business.
TOTAL_DEPENDENCE = 60.0

#: Review each partnership at least once a year (the course's recommendation): costs,
#: value and fit drift, and an unreviewed tie tends to continue by habit.
REVIEW_MONTHS = 12

#: € earned by an hour of core work, unless the audit is told otherwise: roughly what a
#: small firm's owner or skilled employee earns the firm in an hour.
HOUR_VALUE = 60.0


@dataclass(frozen=True)
class Finding:
    """The outcome of one recommendation's check.

    Parameters
    ----------
    recommendation
        One of :data:`RECOMMENDATIONS`.
    ok
        True when the firm follows the recommendation (nothing to act on).
    message
        What was found, with names and numbers, and what to do.
    flagged
        The partners the message is about (empty when ``ok`` or when the finding concerns
        the network as a whole).
    """

    recommendation: str
    ok: bool
    message: str
    flagged: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditReport:
    """The result of :func:`audit`.

    Parameters
    ----------
    partners
        One row per partner: the input columns, ``time_cost`` and ``net_value`` (€ per
        year) and the boolean flags ``low_fit``, ``negative_net``, ``high_dependence`` and
        ``review_due``.
    findings
        One :class:`Finding` per recommendation, always five, in the order of
        :data:`RECOMMENDATIONS`.
    curve
        ``model.run()``: the net-benefit decomposition for 0 … ``max_partners`` partners.
    current
        The firm's number of partners.
    optimum
        The number of partners with the largest net benefit on ``curve``.
    summary
        One sentence on the overall result.
    model
        The :class:`NetBenefit` calibrated to the firm's average partner worth keeping
        (``calibrated_on``), from which ``curve`` and ``optimum`` come.
    calibrated_on
        The partners whose average sets ``model``: those with neither ``low_fit`` nor
        ``negative_net``, or every partner when none qualifies.
    """

    partners: pd.DataFrame
    findings: tuple[Finding, ...]
    curve: pd.DataFrame
    current: int
    optimum: int
    summary: str
    model: NetBenefit
    calibrated_on: tuple[str, ...] = ()

    @property
    def passed(self) -> int:
        """How many of the five recommendations the firm follows."""
        return sum(finding.ok for finding in self.findings)

    @property
    def current_net_benefit(self) -> float:
        """The model's net benefit (€ per year) at the firm's current number of partners."""
        return float(self.model.net_benefit(self.current))


def _euros(amount: float) -> str:
    """``12,400 €``."""
    return f"{amount:,.0f} €"


def _hours(hours: float) -> str:
    """``6``, ``6.5``: hours without trailing zeros."""
    text = f"{hours:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def _hours_each(hours: float) -> str:
    """``1 hour``, ``6.5 hours``: :func:`_hours` with its noun."""
    written = _hours(hours)
    return f"{written} hour{'' if written == '1' else 's'}"


def yearly_time_cost(
    hours_per_month: float | pd.Series, hour_value: float = HOUR_VALUE
) -> float | pd.Series:
    """The core work (€ a year) that ``hours_per_month`` spent on a partnership costs."""
    return hours_per_month * 12 * float(hour_value)


def audit(table: object, hour_value: float = HOUR_VALUE, time_budget: float = 60.0) -> AuditReport:
    """Audit a firm's partnerships against the five recommendations of notebook 04.

    Parameters
    ----------
    table
        The partners, as accepted by :func:`read_audit`.
    hour_value
        € earned by an hour of core work (the price of an hour spent on partners), in
        [0, 1,000].
    time_budget
        Hours a month the manager can give to partnerships at most, in (0, 400].

    Returns
    -------
    AuditReport
        The partners with ``time_cost`` and ``net_value``, the five findings, and the
        net-benefit curve of a model calibrated to the firm's average partner.

    Raises
    ------
    AuditError
        When the table cannot be read (see :func:`read_audit`).
    ValueError
        When ``hour_value`` or ``time_budget`` is out of range.
    """
    check_number("hour_value", hour_value, 0, 1000)
    check_number("time_budget", time_budget, 0, 400, low_open=True)
    partners = read_audit(table)
    partners["time_cost"] = yearly_time_cost(partners["hours_per_month"], hour_value)
    partners["net_value"] = partners["value"] - partners["time_cost"]
    partners["low_fit"] = partners["strategic_fit"] <= LOW_FIT
    partners["negative_net"] = partners["net_value"] < 0
    partners["high_dependence"] = partners["dependence"] >= PARTNER_DEPENDENCE
    partners["review_due"] = ~(partners["months_since_review"] <= REVIEW_MONTHS)

    current = len(partners)
    keep = partners[~(partners["low_fit"] | partners["negative_net"])]
    basis = keep if len(keep) else partners
    # the model's parameter ranges are narrower than the audit's (one partner may take
    # 200 hours, the model's average partner at most 100), so clip to them
    model = NetBenefit(
        value_per_partner=float(np.clip(basis["value"].mean(), 0, 1e6)),
        hours_per_partner=float(np.clip(basis["hours_per_month"].mean(), 0, 100)),
        time_budget=float(time_budget),
        core_hour_value=float(hour_value),
        reliance_per_partner=float(np.clip(basis["dependence"].mean() / 100, 0, 1)),
        max_partners=min(max(20, 2 * current), 200),
    )
    optimum = model.optimum()
    findings = (
        _selection(partners),
        _engagement(partners, model, optimum, float(time_budget), len(basis)),
        _value_adding(partners),
        _autonomy(partners),
        _evaluation(partners),
    )
    return AuditReport(
        partners=partners,
        findings=findings,
        curve=model.run(),
        current=current,
        optimum=optimum,
        summary=_summary(current, findings),
        model=model,
        calibrated_on=tuple(basis["partner"]),
    )


def _selection(partners: pd.DataFrame) -> Finding:
    """Strategic network selection: partners whose fit is :data:`LOW_FIT` or less."""
    low = partners[partners["low_fit"]]
    if low.empty:
        return Finding(
            SELECTION,
            True,
            f"Every partnership fits your strategy (fit {LOW_FIT + 1} or more): your network "
            "is chosen with a purpose.",
        )
    names = [f"{row.partner} (fit {row.strategic_fit})" for row in low.itertuples()]
    hours = low["hours_per_month"].sum()
    one = len(low) == 1
    return Finding(
        SELECTION,
        False,
        f"{join_names(names)} {'is' if one else 'are'} at best loosely related to your strategy, "
        f"yet {'takes' if one else 'take'} {_hours_each(hours)} a month "
        f"({_euros(low['time_cost'].sum())} of core work a year). Ask what "
        f"{'it' if one else 'each'} is for: keep it if it opens a door you want, otherwise "
        "meet less often or wind it down, and give the time to partners that serve your "
        "strategy.",
        tuple(low["partner"]),
    )


def _engagement(
    partners: pd.DataFrame, model: NetBenefit, optimum: int, time_budget: float, basis: int
) -> Finding:
    """Balanced engagement: hours over the budget, or a number of partners more than
    :data:`ENGAGEMENT_TOLERANCE` away from the optimum of the model calibrated to the
    ``basis`` partners worth keeping."""
    current = len(partners)
    hours = partners["hours_per_month"].sum()
    over_budget = hours > time_budget
    if basis == current:
        like = "partners like yours"
    elif basis == 1:
        like = "partners like the one that fits your strategy and brings more than its hours cost"
    else:
        like = (
            f"partners like the {number_word(basis)} that fit your strategy and bring more "
            "than their hours cost"
        )
    average = (
        f"with {like} (on average {_euros(model.value_per_partner)} a year and "
        f"{_hours_each(model.hours_per_partner)} a month each), the net benefit peaks at "
        f"{plural(optimum, 'partner')}; you have {current}"
    )
    parts = []
    if over_budget:
        parts.append(
            f"Your partnerships take {_hours_each(hours)} a month, {_hours(hours - time_budget)} "
            f"more than the {_hours(time_budget)} you can give: the extra hours come out of "
            "core work or evenings. Cut meeting time with the partners that bring least."
        )
    if current > optimum + ENGAGEMENT_TOLERANCE:
        parts.append(
            f"You are over-collaborating: {average}. Each extra partner now costs more in "
            "time, coordination and overlap than it adds; concentrate on your best partners."
        )
    elif current < optimum - ENGAGEMENT_TOLERANCE:
        parts.append(
            f"There is room for more: {average}. "
            + (
                "Once the hours are back within budget, a well-chosen partner could add value."
                if over_budget
                else "A well-chosen partner that brings something new could add value."
            )
        )
    if not parts:
        return Finding(
            ENGAGEMENT,
            True,
            f"Your partnerships take {_hours(hours)} of the {_hours(time_budget)} hours a "
            f"month you can give, and {average}: a balanced engagement.",
        )
    return Finding(ENGAGEMENT, False, " ".join(parts))


def _value_adding(partners: pd.DataFrame) -> Finding:
    """Value-adding collaboration: partners bringing less than their hours cost."""
    losing = partners[partners["negative_net"]]
    if losing.empty:
        return Finding(
            VALUE_ADDING,
            True,
            "Every partnership brings more than the core work its hours would have earned.",
        )
    details = [
        f"{row.partner} takes {_hours_each(row.hours_per_month)} a month "
        f"({_euros(row.time_cost)} a year of your time) but brings {_euros(row.value)}, "
        f"a loss of {_euros(-row.net_value)}"
        for row in losing.itertuples()
    ]
    return Finding(
        VALUE_ADDING,
        False,
        "; ".join(details)
        + ". Cut the hours (fewer, shorter meetings with a clear agenda), agree on more "
        "joint value, or end the partnership politely if neither works.",
        tuple(losing["partner"]),
    )


def _autonomy(partners: pd.DataFrame) -> Finding:
    """Strategic autonomy: one partner at :data:`PARTNER_DEPENDENCE` or all together at
    :data:`TOTAL_DEPENDENCE` % of the business."""
    heavy = partners[partners["high_dependence"]]
    total = partners["dependence"].sum()
    parts = []
    if not heavy.empty:
        names = [f"{row.partner} ({row.dependence:g} %)" for row in heavy.itertuples()]
        one = len(heavy) == 1
        parts.append(
            f"{join_names(names)} {'carries' if one else 'each carry'} {PARTNER_DEPENDENCE:g} % "
            "or more of your sales or critical inputs: losing "
            f"{'it' if one else 'one of them'} would hurt badly, and "
            f"{'it has' if one else 'they have'} power over your prices and terms."
        )
    if total >= TOTAL_DEPENDENCE:
        parts.append(
            f"Your partners' dependence shares add up to {total:g} % ({TOTAL_DEPENDENCE:g} % "
            "or more): the network, not you, sets the terms of much of your business."
        )
    if not parts:
        return Finding(
            AUTONOMY,
            True,
            f"No partner carries {PARTNER_DEPENDENCE:g} % or more of your business, and "
            f"together they carry {total:g} %: you keep your autonomy.",
        )
    return Finding(
        AUTONOMY,
        False,
        " ".join(parts)
        + " Line up a second source or other customers, and keep the know-how in house.",
        tuple(heavy["partner"]),
    )


def _evaluation(partners: pd.DataFrame) -> Finding:
    """Regular evaluation: reviews older than :data:`REVIEW_MONTHS` months, or missing."""
    due = partners[partners["review_due"]]
    if due.empty:
        return Finding(
            EVALUATION,
            True,
            f"Every partnership was reviewed within the last {REVIEW_MONTHS} months.",
        )
    old = due[due["months_since_review"].notna()]
    unknown = due[due["months_since_review"].isna()]
    parts = []
    if not old.empty:
        names = [
            f"{row.partner} ({row.months_since_review:,.0f} months ago)" for row in old.itertuples()
        ]
        parts.append(
            f"{join_names(names)} {'was' if len(old) == 1 else 'were'} last reviewed more than "
            f"{REVIEW_MONTHS} months ago."
        )
    if not unknown.empty:
        if len(unknown) == len(partners):
            parts.append("No partnership has a review date.")
        else:
            parts.append(
                f"{join_names(list(unknown['partner']))} "
                f"{'has' if len(unknown) == 1 else 'have'} no review date."
            )
    return Finding(
        EVALUATION,
        False,
        " ".join(parts)
        + " Put a yearly review in the calendar: is the partner still worth its hours, does "
        "it still fit the strategy, and how much do you depend on it?",
        tuple(due["partner"]),
    )


def _summary(current: int, findings: tuple[Finding, ...]) -> str:
    """One sentence: all five passed, or how many and which to look at first."""
    passed = sum(finding.ok for finding in findings)
    firms = f"{current} partnership{'s' if current != 1 else ''}"
    if passed == len(findings):
        return f"Your {firms} pass all five checks: keep them under review once a year."
    todo = join_names([finding.recommendation.lower() for finding in findings if not finding.ok])
    return f"Your {firms} pass {passed} of the five checks; look first at {todo}."
