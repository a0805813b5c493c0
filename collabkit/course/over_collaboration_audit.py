"""Collaboration audit (notebook 04): check a firm's own partnerships against five recommendations.

A learner enters one row per partner (see :data:`AUDIT_COLUMNS`): the hours a month the
partnership takes, the € a year it brings, how well it fits the strategy, how much of the
firm runs through it and when it was last reviewed. :func:`audit` then

* prices the time: ``time_cost`` = hours a month × 12 × ``hour_value`` (€ per year of core
  work not done) and ``net_value`` = ``value`` − ``time_cost``;
* checks the five recommendations of the course, in this order: strategic network
  selection, balanced engagement, value-adding collaboration, strategic autonomy and
  regular evaluation (:data:`RECOMMENDATIONS`), each giving one :class:`Finding`;
* calibrates the course's :class:`~collabkit.models.net_benefit.NetBenefit` model to the
  firm (its average partner) so a figure can show where the firm sits on the curve.

:func:`read_audit` reads the table from a DataFrame, a list of row dictionaries, CSV text or
a CSV file, and either returns a clean typed DataFrame or raises :class:`AuditError` listing
*every* problem found, each naming the row and column as the learner sees them. Numbers are
read like every other answer in the kit (:func:`collabkit.core.coerce.read_number`), so
``"1,200 €"``, ``"12,5"`` and ``"30 %"`` all work.

The thresholds are teaching rules of thumb, set as module constants with the reason for
each; the time cost values every hour at the full ``hour_value`` (a cautious, simple
price), whereas the model's depletion cost lets the first hours come from slack.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

import numpy as np
import pandas as pd

from collabkit.core.coerce import Unreadable, describe, read_number
from collabkit.core.validation import check_number
from collabkit.models.net_benefit import NetBenefit

#: The input columns, in order: name → (label with unit, meaning and allowed values).
AUDIT_COLUMNS: dict[str, tuple[str, str]] = {
    "partner": (
        "Partner",
        "Name of the partner firm or organisation (text, required, one row per partner, "
        "at most 80 characters).",
    ),
    "hours_per_month": (
        "Hours per month (h)",
        "Hours a month you and your staff spend on this partnership: meetings, e-mails, "
        "joint work (a number from 0 to 200).",
    ),
    "value": (
        "Value (€ per year)",
        "What the partnership brings in a year: sales through the partner, savings, "
        "grants (a number from 0 to 10,000,000).",
    ),
    "strategic_fit": (
        "Strategic fit (1–5)",
        "How well the partnership serves your strategy: 1 = unrelated to it … 5 = core "
        "to it (a whole number from 1 to 5).",
    ),
    "dependence": (
        "Dependence (%)",
        "Share of your sales or critical inputs that runs through this partner "
        "(a percentage from 0 to 100).",
    ),
    "months_since_review": (
        "Months since review",
        "Months since you last sat down to review this partnership (a whole number, "
        "0 or more; may be left blank if it was never reviewed or you do not know).",
    ),
}

#: Columns the table must have (``months_since_review`` is optional).
REQUIRED_COLUMNS = ("partner", "hours_per_month", "value", "strategic_fit", "dependence")

#: The five recommendations, in the order of the findings.
RECOMMENDATIONS = (
    "Strategic network selection",
    "Balanced engagement",
    "Value-adding collaboration",
    "Strategic autonomy",
    "Regular evaluation",
)

#: A table longer than this is not a firm's own list of partners (and would make the
#: problem list unreadable).
MAX_ROWS = 200

#: Partner names longer than this are probably pasted notes, and break the report layout.
MAX_NAME = 80

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


class AuditError(ValueError):
    """The audit table cannot be used as it is; ``problems`` lists every reason.

    Parameters
    ----------
    problems
        One plain-language sentence per problem, naming the row and column where it is.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        head = (
            "The audit table has a problem:"
            if count == 1
            else (f"The audit table has {count} problems:")
        )
        super().__init__("\n".join([head, *(f"- {problem}" for problem in self.problems)]))


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
        The :class:`NetBenefit` calibrated to the firm (its average partner), from which
        ``curve`` and ``optimum`` come.
    """

    partners: pd.DataFrame
    findings: tuple[Finding, ...]
    curve: pd.DataFrame
    current: int
    optimum: int
    summary: str
    model: NetBenefit

    @property
    def passed(self) -> int:
        """How many of the five recommendations the firm follows."""
        return sum(finding.ok for finding in self.findings)

    @property
    def current_net_benefit(self) -> float:
        """The model's net benefit (€ per year) at the firm's current number of partners."""
        return float(self.model.net_benefit(self.current))


# --- reading the table ------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    """How one numeric column is read and checked."""

    low: float
    high: float
    integer: bool
    expected: str  # completes "Enter …"
    unit: str  # completes "found 250 …" ("" when the number speaks for itself)


_NUMBERS = {
    "hours_per_month": _Number(
        0, 200, False, "the hours per month as a number from 0 to 200, e.g. 6", "hours"
    ),
    "value": _Number(0, 10_000_000, False, "the value in € per year as a number, e.g. 12000", "€"),
    "strategic_fit": _Number(
        1, 5, True, "a whole number from 1 (unrelated to the strategy) to 5 (core to it)", ""
    ),
    "dependence": _Number(0, 100, False, "a percentage from 0 to 100, e.g. 15", "%"),
    "months_since_review": _Number(
        0, math.inf, True, "a whole number of months, e.g. 8, or leave the cell blank", "months"
    ),
}

# units a learner may type after the hours ("6 h", "6 hours/month"); € and % are handled
# by read_number itself
_HOURS_UNIT = re.compile(r"\b(hours?|hrs?|h)\b(\s*(/|a|per)\s*(months?|mo)\b)?", re.IGNORECASE)
_MONTHS_UNIT = re.compile(r"\b(months?|mo)\b", re.IGNORECASE)
_SPREADSHEETS = (".xlsx", ".xls", ".xlsm", ".ods", ".numbers")
_MAX_FILE_BYTES = 2_000_000


def _normal_name(name: str) -> str:
    """A header as a column key: no unit in brackets, lower case, words joined by ``_``."""
    name = re.sub(r"\([^)]*\)", " ", name)
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


# every column is recognised by its name or by its label ("Hours per month (h)")
_ALIASES = {
    alias: column
    for column, (label, _) in AUDIT_COLUMNS.items()
    for alias in (_normal_name(column), _normal_name(label))
}


def _column(name: str) -> str:
    """A column as the learner sees it in the table widget's header, e.g. "Value (€ per
    year)"."""
    return f'"{AUDIT_COLUMNS[name][0]}"'


def _is_blank(cell: object) -> bool:
    """True for an empty cell: None, NA, NaN or text with nothing but spaces."""
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return True
    if isinstance(cell, str):
        return not cell.strip()
    if isinstance(cell, Real) and not isinstance(cell, bool):
        try:
            return math.isnan(float(cell))
        except (OverflowError, ValueError, TypeError):
            return False
    return False


def _show(cell: object) -> str:
    """A found value as the learner typed it, quoted and shortened."""
    if isinstance(cell, str):
        text = " ".join(cell.split())
        return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'
    if isinstance(cell, Real) and not isinstance(cell, bool):
        try:
            return f"{float(cell):g}"
        except (OverflowError, ValueError, TypeError):
            pass
    return describe(cell)


def _euros(amount: float) -> str:
    """``12,400 €``."""
    return f"{amount:,.0f} €"


def _hours(hours: float) -> str:
    """``6``, ``6.5``: hours without trailing zeros."""
    text = f"{hours:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def _names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _grid(table: object) -> tuple[list[str], list[list[object]], list[str]]:
    """Any accepted input as (headers, rows of cells); problems if it is not a table."""
    if isinstance(table, pd.DataFrame):
        try:
            headers = [str(column) for column in table.columns]
            rows = [list(row) for row in table.itertuples(index=False, name=None)]
        except Exception as error:  # an exotic frame (broken column objects, ...)
            return [], [], [f"The DataFrame could not be read ({type(error).__name__})."]
        return headers, rows, []
    if isinstance(table, Path):
        return _read_file(table)
    if isinstance(table, str):
        text = table.lstrip("\ufeff")
        if not text.strip():
            return [], [], []
        one_line = "\n" not in text and "\r" not in text
        if one_line and text.strip().lower().endswith(".csv") or one_line and "," not in text:
            return _read_file(Path(text.strip()))
        return _read_csv(text)
    if isinstance(table, (list, tuple)):
        return _read_records(table)
    return (
        [],
        [],
        [
            f"The audit needs a table (a DataFrame, a list of rows, CSV text or the path of a "
            f".csv file), not {_what(table)}."
        ],
    )


def _what(thing: object) -> str:
    """``None``, ``42`` or ``a dict``: what was given instead of a table."""
    if thing is None or isinstance(thing, (bool, int, float)):
        return describe(thing)
    return f"a {type(thing).__name__}"


def _read_records(records: Sequence[object]) -> tuple[list[str], list[list[object]], list[str]]:
    """A list of row dictionaries as headers and rows."""
    bad = [number for number, row in enumerate(records, 1) if not isinstance(row, Mapping)]
    if bad:
        shown = ", ".join(str(number) for number in bad[:5]) + (" …" if len(bad) > 5 else "")
        return (
            [],
            [],
            [
                "A list of rows must hold one dictionary per row, like "
                '{"partner": "Bakery Lux", "hours_per_month": 6, ...}; '
                f"item(s) {shown} are not."
            ],
        )
    keys: dict[object, str] = {}
    for row in records:
        for key in row:  # type: ignore[union-attr]
            if key not in keys:
                keys[key] = key if isinstance(key, str) else describe(key)
    rows = [[row.get(key) for key in keys] for row in records]  # type: ignore[union-attr]
    return list(keys.values()), rows, []


def _read_file(path: Path) -> tuple[list[str], list[list[object]], list[str]]:
    """A CSV file as headers and rows."""
    shown = _show(str(path))
    try:
        if not path.exists():
            return (
                [],
                [],
                [
                    f"There is no file {shown}. Give the path of a .csv file, or paste the "
                    "table as CSV text with a header line."
                ],
            )
        if not path.is_file():
            return [], [], [f"{shown} is a folder, not a .csv file."]
        if path.suffix.lower() in _SPREADSHEETS:
            return (
                [],
                [],
                [
                    f"{shown} is a spreadsheet file; save it as CSV (File → Save as → CSV) "
                    "and give the .csv file."
                ],
            )
        if path.stat().st_size > _MAX_FILE_BYTES:
            return [], [], [f"{shown} is too large to be a list of partners."]
        data = path.read_bytes()
    except (OSError, ValueError) as error:  # unreadable, embedded NUL, name too long, ...
        return [], [], [f"The file {shown} could not be opened ({type(error).__name__})."]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel on Windows saves CSV as cp1252 (€ is byte 0x80)
        text = data.decode("cp1252", errors="replace")
    return _read_csv(text)


def _read_csv(text: str) -> tuple[list[str], list[list[object]], list[str]]:
    """CSV text (comma, semicolon or tab separated) as headers and rows."""
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    # European spreadsheets separate cells with ";" because "," is the decimal mark
    delimiter = max([",", ";", "\t"], key=first.count)
    if not first.count(delimiter):
        delimiter = ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return [], [], [f"The CSV text could not be read: {error}."]
    # blank lines before the header are skipped; the header is the first line with text
    while lines and all(_is_blank(cell) for cell in lines[0]):
        lines.pop(0)
    if not lines:
        return [], [], []
    headers, rows, problems = lines[0], lines[1:], []
    for number, row in enumerate(rows, 1):
        extra = row[len(headers) :]
        if any(not _is_blank(cell) for cell in extra):
            problems.append(
                f"Row {number}: has {len(row)} cells but the header names {len(headers)} "
                "columns. A number written with a comma (1,200 or 12,5) splits the cell in "
                "two: write it without the comma, or put the cell in quotes."
            )
    padded = [row[: len(headers)] + [None] * (len(headers) - len(row)) for row in rows]
    return headers, padded, problems


def read_audit(table: object) -> pd.DataFrame:
    """Read and check a collaboration-audit table.

    Parameters
    ----------
    table
        The partners, one row each, with the columns of :data:`AUDIT_COLUMNS` (named as
        there, or by their labels; case, spaces and units in brackets do not matter;
        other columns are ignored): a DataFrame, a list of dictionaries (one per row),
        CSV text (a string containing a line break or a comma; ``,``, ``;`` or tab
        separated), or the path of a .csv file (``str`` or ``Path``). Cells may be text
        (``"1,200 €"``, ``"12,5"``, ``"30 %"``) or numbers. Completely empty rows are
        ignored.

    Returns
    -------
    DataFrame
        One row per partner, in the input's order, with ``partner`` (text),
        ``hours_per_month``, ``value`` and ``dependence`` (float), ``strategic_fit`` (int)
        and ``months_since_review`` (float; NaN where blank or when the column is absent).

    Raises
    ------
    AuditError
        Listing every problem found (never another exception).
    """
    headers, rows, problems = _grid(table)
    if not headers and not problems:
        raise AuditError(
            [
                "The table is empty. Enter one row per partner with the columns "
                + ", ".join(f'"{column}"' for column in REQUIRED_COLUMNS)
                + "."
            ]
        )
    if not headers:
        raise AuditError(problems)

    where: dict[str, int] = {}
    for position, header in enumerate(headers):
        column = _ALIASES.get(_normal_name(header))
        if column is None:
            continue  # extra columns (notes, contact person, ...) are ignored
        if column in where:
            problems.append(f'The column "{column}" appears twice; keep only one of them.')
            continue
        where[column] = position
    missing = [column for column in REQUIRED_COLUMNS if column not in where]
    if missing:
        problems.append(
            ("The column " if len(missing) == 1 else "The columns ")
            + _names([f'"{column}"' for column in missing])
            + (" is" if len(missing) == 1 else " are")
            + " missing. The table needs the columns "
            + ", ".join(f'"{column}"' for column in REQUIRED_COLUMNS)
            + ' (and may have "months_since_review").'
            + (
                " It has " + _names([f'"{header[:30]}"' for header in headers]) + "."
                if 0 < len(headers) <= 10
                else ""
            )
        )
    if missing:
        raise AuditError(problems)

    # rows as the learner sees them: numbered from 1, blank rows skipped but counted
    cells = [
        (number, {column: row[position] for column, position in where.items()})
        for number, row in enumerate(rows, 1)
    ]
    filled = [(number, row) for number, row in cells if not all(map(_is_blank, row.values()))]
    if not filled:
        raise AuditError([*problems, "The table has no partners yet: enter one row per partner."])
    if len(filled) > MAX_ROWS:
        raise AuditError(
            [
                *problems,
                f"The table has {len(filled)} partners; the audit reads at most {MAX_ROWS}. "
                "Keep your partnerships and leave out one-off contacts.",
            ]
        )

    records = []
    first_row: dict[str, int] = {}
    for number, row in filled:
        name, name_problem = _read_name(row["partner"])
        place = f"Row {number}" + (f" ({name[:40]})" if name else "")
        if name_problem:
            problems.append(f"{place}, column {_column('partner')}: {name_problem}")
        elif name.casefold() in first_row:
            problems.append(
                f'{place}, column {_column("partner")}: "{name[:40]}" is already the partner '
                "of row "
                f"{first_row[name.casefold()]}. Give each partner one row (add up the hours "
                "and value), or make the names different."
            )
        else:
            first_row[name.casefold()] = number
        record: dict[str, object] = {"partner": name}
        for column, rule in _NUMBERS.items():
            cell = row.get(column)
            number_or_problem = _read_cell(cell, column, rule)
            if isinstance(number_or_problem, str):
                problems.append(f"{place}, column {_column(column)}: {number_or_problem}")
                number_or_problem = math.nan
            record[column] = number_or_problem
        records.append(record)
    if problems:
        raise AuditError(problems)

    frame = pd.DataFrame.from_records(records, columns=list(AUDIT_COLUMNS))
    frame["partner"] = frame["partner"].astype(str)
    for column in ("hours_per_month", "value", "dependence", "months_since_review"):
        frame[column] = frame[column].astype(float)
    frame["strategic_fit"] = frame["strategic_fit"].astype(np.int64)
    return frame


def _read_name(cell: object) -> tuple[str, str]:
    """(name, "") or ("", why the cell is not a usable name)."""
    if _is_blank(cell):
        return "", "the name is missing. Enter the partner's name."
    if isinstance(cell, bool) or not isinstance(cell, (str, Real)):
        return "", f"{_show(cell)} is not a name. Enter the partner's name as text."
    if isinstance(cell, str):
        name = " ".join(cell.split())
    else:  # a number used as a name ("7" read from a spreadsheet as 7.0)
        number = read_number(cell)
        whole = isinstance(number, float) and number.is_integer()
        name = str(int(number)) if whole else _show(cell).strip('"')
    if len(name) > MAX_NAME:
        return name[:40] + "…", (
            f"the name has {len(name)} characters; shorten it to at most {MAX_NAME}."
        )
    return name, ""


def _read_cell(cell: object, column: str, rule: _Number) -> float | str:
    """The cell's number, NaN for an allowed blank, or a sentence on what is wrong."""
    if _is_blank(cell):
        if column == "months_since_review":
            return math.nan
        return f"the cell is empty. Enter {rule.expected}."
    text = cell
    if isinstance(cell, str) and len(cell) <= 100:
        if column == "hours_per_month":
            text = _HOURS_UNIT.sub("", cell)
        elif column == "months_since_review":
            text = _MONTHS_UNIT.sub("", cell)
    number = read_number(text)
    if isinstance(number, Unreadable):
        return f"{_show(cell)} is not a number. Enter {rule.expected}."
    found = _show(cell)
    if rule.integer and not number.is_integer():
        return f"{found} is not a whole number. Enter {rule.expected}."
    if number < rule.low:
        return f"{found} is below {rule.low:g}. Enter {rule.expected}."
    if number > rule.high:
        return f"{found} is above {rule.high:,.0f}. Enter {rule.expected}."
    return number + 0.0  # -0.0 → 0.0


# --- the audit --------------------------------------------------------------------------


def audit(table: object, hour_value: float = 60.0, time_budget: float = 60.0) -> AuditReport:
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
    partners["time_cost"] = partners["hours_per_month"] * 12 * float(hour_value)
    partners["net_value"] = partners["value"] - partners["time_cost"]
    partners["low_fit"] = partners["strategic_fit"] <= LOW_FIT
    partners["negative_net"] = partners["net_value"] < 0
    partners["high_dependence"] = partners["dependence"] >= PARTNER_DEPENDENCE
    partners["review_due"] = ~(partners["months_since_review"] <= REVIEW_MONTHS)

    current = len(partners)
    # the model's parameter ranges are narrower than the audit's (one partner may take
    # 200 hours, the model's average partner at most 100), so clip to them
    model = NetBenefit(
        value_per_partner=float(np.clip(partners["value"].mean(), 0, 1e6)),
        hours_per_partner=float(np.clip(partners["hours_per_month"].mean(), 0, 100)),
        time_budget=float(time_budget),
        core_hour_value=float(hour_value),
        reliance_per_partner=float(np.clip(partners["dependence"].mean() / 100, 0, 1)),
        max_partners=min(max(20, 2 * current), 200),
    )
    optimum = model.optimum()
    findings = (
        _selection(partners),
        _engagement(partners, model, optimum, float(time_budget)),
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
    )


def _selection(partners: pd.DataFrame) -> Finding:
    low = partners[partners["low_fit"]]
    if low.empty:
        return Finding(
            RECOMMENDATIONS[0],
            True,
            f"Every partnership fits your strategy (fit {LOW_FIT + 1} or more): your network "
            "is chosen with a purpose.",
        )
    names = [f"{row.partner} (fit {row.strategic_fit})" for row in low.itertuples()]
    hours = low["hours_per_month"].sum()
    one = len(low) == 1
    return Finding(
        RECOMMENDATIONS[0],
        False,
        f"{_names(names)} {'is' if one else 'are'} at best loosely related to your strategy, "
        f"yet {'takes' if one else 'take'} {_hours(hours)} hours a month "
        f"({_euros(low['time_cost'].sum())} of core work a year). Ask what "
        f"{'it' if one else 'each'} is for: keep it if it opens a door you want, otherwise "
        "meet less often or wind it down, and give the time to partners that serve your "
        "strategy.",
        tuple(low["partner"]),
    )


def _engagement(
    partners: pd.DataFrame, model: NetBenefit, optimum: int, time_budget: float
) -> Finding:
    current = len(partners)
    hours = partners["hours_per_month"].sum()
    over_budget = hours > time_budget
    average = (
        f"with partners like yours (on average {_euros(model.value_per_partner)} a year and "
        f"{_hours(model.hours_per_partner)} hours a month each), the net benefit peaks at "
        f"{optimum} partner{'s' if optimum != 1 else ''}; you have {current}"
    )
    parts = []
    if over_budget:
        parts.append(
            f"Your partnerships take {_hours(hours)} hours a month, {_hours(hours - time_budget)} "
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
            RECOMMENDATIONS[1],
            True,
            f"Your partnerships take {_hours(hours)} of the {_hours(time_budget)} hours a "
            f"month you can give, and {average}: a balanced engagement.",
        )
    return Finding(RECOMMENDATIONS[1], False, " ".join(parts))


def _value_adding(partners: pd.DataFrame) -> Finding:
    losing = partners[partners["negative_net"]]
    if losing.empty:
        return Finding(
            RECOMMENDATIONS[2],
            True,
            "Every partnership brings more than the core work its hours would have earned.",
        )
    details = [
        f"{row.partner} takes {_hours(row.hours_per_month)} hours a month "
        f"({_euros(row.time_cost)} a year of your time) but brings {_euros(row.value)}, "
        f"a loss of {_euros(-row.net_value)}"
        for row in losing.itertuples()
    ]
    return Finding(
        RECOMMENDATIONS[2],
        False,
        "; ".join(details)
        + ". Cut the hours (fewer, shorter meetings with a clear agenda), agree on more "
        "joint value, or end the partnership politely if neither works.",
        tuple(losing["partner"]),
    )


def _autonomy(partners: pd.DataFrame) -> Finding:
    heavy = partners[partners["high_dependence"]]
    total = partners["dependence"].sum()
    parts = []
    if not heavy.empty:
        names = [f"{row.partner} ({row.dependence:g} %)" for row in heavy.itertuples()]
        one = len(heavy) == 1
        parts.append(
            f"{_names(names)} {'carries' if one else 'each carry'} {PARTNER_DEPENDENCE:g} % "
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
            RECOMMENDATIONS[3],
            True,
            f"No partner carries {PARTNER_DEPENDENCE:g} % or more of your business, and "
            f"together they carry {total:g} %: you keep your autonomy.",
        )
    return Finding(
        RECOMMENDATIONS[3],
        False,
        " ".join(parts)
        + " Line up a second source or other customers, and keep the know-how in house.",
        tuple(heavy["partner"]),
    )


def _evaluation(partners: pd.DataFrame) -> Finding:
    due = partners[partners["review_due"]]
    if due.empty:
        return Finding(
            RECOMMENDATIONS[4],
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
            f"{_names(names)} {'was' if len(old) == 1 else 'were'} last reviewed more than "
            f"{REVIEW_MONTHS} months ago."
        )
    if not unknown.empty:
        if len(unknown) == len(partners):
            parts.append("No partnership has a review date.")
        else:
            parts.append(
                f"{_names(list(unknown['partner']))} "
                f"{'has' if len(unknown) == 1 else 'have'} no review date."
            )
    return Finding(
        RECOMMENDATIONS[4],
        False,
        " ".join(parts)
        + " Put a yearly review in the calendar: is the partner still worth its hours, does "
        "it still fit the strategy, and how much do you depend on it?",
        tuple(due["partner"]),
    )


def _summary(current: int, findings: tuple[Finding, ...]) -> str:
    passed = sum(finding.ok for finding in findings)
    firms = f"{current} partnership{'s' if current != 1 else ''}"
    if passed == len(findings):
        return f"Your {firms} pass all five checks: keep them under review once a year."
    todo = _names([finding.recommendation.lower() for finding in findings if not finding.ok])
    return f"Your {firms} pass {passed} of the five checks; look first at {todo}."


def example_audit() -> pd.DataFrame:
    """A craft bakery's six partnerships, the starting content of the notebook's table.

    The figures are invented but plausible for a small bakery with a shop and wholesale
    customers. At the default ``hour_value`` (60 €) and ``time_budget`` (60 h) it trips
    three flags: strategic network selection and value-adding collaboration (the town
    marketing club), and regular evaluation (two partnerships not reviewed for over a
    year or never).

    Returns
    -------
    DataFrame
        The columns of :data:`AUDIT_COLUMNS`, as numbers (blank review as NaN).
    """
    rows = [
        ("Hofer flour mill", 3, 20_000, 5, 25, 6),
        ("Café Central", 2, 9_000, 4, 10, 10),
        ("Organic farmers' co-op", 4, 7_500, 4, 8, 9),
        ("Town marketing club", 5, 2_000, 2, 0, 30),
        ("Hotel Seeblick", 2, 11_000, 4, 10, math.nan),
        ("Koch catering", 3, 6_000, 3, 5, 4),
    ]
    return pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
