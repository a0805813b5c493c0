"""The collaboration audit's input table (notebook 04): its columns, and reading it cell by cell.

A learner enters one row per partner (see :data:`AUDIT_COLUMNS`). :func:`read_audit` takes
the table in any form :func:`collabkit.core.tables.read_table` accepts, finds the audit's
columns by name or label, and either returns a clean typed DataFrame or raises
:class:`AuditError` listing *every* problem found, each naming the row and the column by
the header the learner sees in the audit widget. Numbers are read like every other answer
in the kit (:func:`collabkit.core.number_reader.read_amount`, docs/numbers.md), each
column with its own unit and range, so ``"1,200 €"``, ``"1.000 €"`` (a thousand: money has
at most two decimals), ``"12,5"`` and ``"30 %"`` all work, and so do units after the hours
(``"6 h/month"``) and the months. A unit that does not fit the column (``"12 %"`` as a
value in €) and an ambiguous ``"1,500"`` in the hours are reported, not guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd

from collabkit.core.coerce import Unreadable, read_number
from collabkit.core.number_reader import Expect, read_amount
from collabkit.core.tables import TableSpec, is_blank_cell, read_table, show_cell

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

#: A table longer than this is not a firm's own list of partners (and would make the
#: problem list unreadable).
MAX_ROWS = 200

#: Partner names longer than this are probably pasted notes, and break the report layout.
MAX_NAME = 80

#: How the generic table reader names the audit's table in its messages.
AUDIT_TABLE = TableSpec(
    reader="The audit",
    content="a list of partners",
    example_row='{"partner": "Bakery Lux", "hours_per_month": 6, ...}',
)


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


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: names as a sentence lists them."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class _Number:
    """How one numeric column is read and checked."""

    low: float
    high: float
    expected: str  # completes "Enter …"
    integer: bool = False
    optional: bool = False  # a blank cell is allowed (read as NaN)
    unit: str = ""  # the column's unit, checked against units typed in a cell

    @property
    def expect(self) -> Expect:
        """What the number reader expects in this column."""
        return Expect(
            unit=self.unit, low=self.low, high=self.high,
            decimals=0 if self.integer else None, noun="column",
        )  # fmt: skip


_NUMBERS = {
    "hours_per_month": _Number(
        0, 200, "the hours per month as a number from 0 to 200, e.g. 6", unit="hours per month"
    ),
    "value": _Number(
        0, 10_000_000, "the value in € per year as a number, e.g. 12000", unit="€ per year"
    ),
    "strategic_fit": _Number(
        1,
        5,
        "a whole number from 1 (unrelated to the strategy) to 5 (core to it)",
        integer=True,
    ),
    "dependence": _Number(0, 100, "a percentage from 0 to 100, e.g. 15", unit="%"),
    "months_since_review": _Number(
        0,
        math.inf,
        "a whole number of months, e.g. 8, or leave the cell blank",
        integer=True,
        optional=True,
    ),
}

# units a learner may type after the hours ("6 h", "6 hours/month") and the months; €, %
# and periods are read, and checked against the column's unit, by read_amount itself
_UNITS = {
    "hours_per_month": re.compile(
        r"\b(hours?|hrs?|h)\b(\s*(/|a|per)\s*(months?|mo)\b)?", re.IGNORECASE
    ),
    "months_since_review": re.compile(r"\b(months?|mo)\b", re.IGNORECASE),
}

#: Text longer than this is not searched for units (it is no number anyway).
_MAX_UNIT_TEXT = 100


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


def _quoted(columns: Sequence[str]) -> str:
    """``"a", "b", "c"``."""
    return ", ".join(f'"{column}"' for column in columns)


def read_audit(table: object) -> pd.DataFrame:
    """Read and check a collaboration-audit table.

    Parameters
    ----------
    table
        The partners, one row each, with the columns of :data:`AUDIT_COLUMNS` (named as
        there, or by their labels; case, spaces and units in brackets do not matter;
        other columns are ignored): a DataFrame, a list of dictionaries (one per row),
        CSV text (a ``str`` is always the table's text, ``,``, ``;`` or tab separated), or
        a .csv file given as a ``pathlib.Path`` (any ``os.PathLike``). Cells may be text
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
    headers, rows, problems = read_table(table, AUDIT_TABLE)
    if not headers and not problems:
        raise AuditError(
            [
                "The table is empty. Enter one row per partner with the columns "
                + _quoted(REQUIRED_COLUMNS)
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
            + join_names([f'"{column}"' for column in missing])
            + (" is" if len(missing) == 1 else " are")
            + " missing. The table needs the columns "
            + _quoted(REQUIRED_COLUMNS)
            + ' (and may have "months_since_review").'
            + (
                " It has " + join_names([f'"{header[:30]}"' for header in headers]) + "."
                if 0 < len(headers) <= 10
                else ""
            )
        )
        raise AuditError(problems)

    # rows as the learner sees them: numbered from 1, blank rows skipped but counted
    cells = [
        (number, {column: row[position] for column, position in where.items()})
        for number, row in enumerate(rows, 1)
    ]
    filled = [(number, row) for number, row in cells if not all(map(is_blank_cell, row.values()))]
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
            number_or_problem = _read_cell(row.get(column), column, rule)
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
    if is_blank_cell(cell):
        return "", "the name is missing. Enter the partner's name."
    if isinstance(cell, bool) or not isinstance(cell, (str, Real)):
        return "", f"{show_cell(cell)} is not a name. Enter the partner's name as text."
    if isinstance(cell, str):
        name = " ".join(cell.split())
    else:  # a number used as a name ("7" read from a spreadsheet as 7.0)
        number = read_number(cell)
        if isinstance(number, float) and number.is_integer():
            name = str(int(number))
        else:
            name = show_cell(cell).strip('"')
    if len(name) > MAX_NAME:
        return name[:40] + "…", (
            f"the name has {len(name)} characters; shorten it to at most {MAX_NAME}."
        )
    return name, ""


def _read_cell(cell: object, column: str, rule: _Number) -> float | str:
    """The cell's number, NaN for an allowed blank, or a sentence on what is wrong."""
    if is_blank_cell(cell):
        return math.nan if rule.optional else f"the cell is empty. Enter {rule.expected}."
    text = cell
    if isinstance(cell, str) and len(cell) <= _MAX_UNIT_TEXT and column in _UNITS:
        text = _UNITS[column].sub("", cell)
    reading = read_amount(text, rule.expect)
    if isinstance(reading, Unreadable):
        if reading.kind == "ambiguous":
            return reading.message
        if reading.kind == "unit":
            return f"{reading.message[:1].lower()}{reading.message[1:]} Enter {rule.expected}."
        return f"{show_cell(cell)} is not a number. Enter {rule.expected}."
    number = reading.value
    found = show_cell(cell)
    if rule.integer and not number.is_integer():
        return f"{found} is not a whole number. Enter {rule.expected}."
    if number < rule.low:
        return f"{found} is below {rule.low:g}. Enter {rule.expected}."
    if number > rule.high:
        return f"{found} is above {rule.high:,.0f}. Enter {rule.expected}."
    return number + 0.0  # -0.0 → 0.0
