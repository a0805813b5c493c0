"""Read a table handed over in any usual form as a header and rows of raw cells, never raising.

A learner or a notebook may give a table as a pandas DataFrame, a list of row dictionaries,
CSV text or a CSV file. :func:`read_table` turns each of them into the same
:class:`RawTable`: the column headers, the rows (each as long as the header) and, instead of
an exception, one plain sentence per problem. What the columns mean, and whether a cell
holds a usable value, is the caller's business: this module knows no course topic.

What the input is decides how it is read, never its content:

* a ``str`` is always the table's text (comma, semicolon or tab separated, with a header
  line), even when it happens to name an existing file;
* a file is read only when given as a path object (``pathlib.Path`` or any
  ``os.PathLike``). Guessing that a short string "must be" a file name made the same text
  mean two things depending on what was on the disk.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from pathlib import Path, PurePath
from typing import NamedTuple

import pandas as pd

from collabkit.core.coerce import describe

#: File endings of spreadsheets: their files are not text, so they are refused with advice
#: on saving them as CSV instead of being read as garbled text.
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".numbers")

#: File endings that make a one-line text look like a file name rather than a table.
_FILE_SUFFIXES = (".csv", ".tsv", ".txt", *SPREADSHEET_SUFFIXES)

#: The separators a CSV text may use: European spreadsheets write ";" because "," is their
#: decimal mark, and copying cells out of a spreadsheet gives tabs.
_DELIMITERS = (",", ";", "\t")

#: How long a quoted value in a message may be before it is cut.
_SHOWN = 40


@dataclass(frozen=True)
class TableSpec:
    """What a reader expects, as its messages name it to the learner.

    Parameters
    ----------
    reader
        Who needs the table, starting a sentence, e.g. ``"The audit"``.
    content
        What one such table holds, e.g. ``"a list of partners"``.
    example_row
        One row written as a dictionary, shown when a list of rows holds something else,
        e.g. ``'{"partner": "Bakery Lux", "hours_per_month": 6, ...}'``.
    max_bytes
        Larger files are refused unread: they cannot be ``content``, and reading them
        would only slow the kernel down.
    """

    reader: str
    content: str
    example_row: str
    max_bytes: int = 2_000_000


class RawTable(NamedTuple):
    """A table as read, before its cells are checked.

    Parameters
    ----------
    headers
        The column headers as text, in order; empty when nothing could be read (or the
        input was empty).
    rows
        One list of cells per row, each exactly as long as ``headers``: a short CSV line is
        padded with ``None``, cells beyond the header are dropped (and reported in
        ``problems`` when they are not blank).
    problems
        One sentence per problem found, for the learner.
    """

    headers: list[str]
    rows: list[list[object]]
    problems: list[str]


def is_blank_cell(cell: object) -> bool:
    """True for an empty cell: None, NA, NaT, NaN or text with nothing but spaces.

    Spreadsheets, pandas and CSV each write "nothing here" differently; every reader treats
    them all as the same empty cell.
    """
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


def show_cell(cell: object) -> str:
    """A found value as the learner typed it, for a message: text quoted and shortened,
    numbers without trailing zeros (``-5``, not ``-5.0``)."""
    if isinstance(cell, str):
        text = " ".join(cell.split())
        return f'"{text[:_SHOWN]}…"' if len(text) > _SHOWN else f'"{text}"'
    if isinstance(cell, Real) and not isinstance(cell, bool):
        try:
            return f"{float(cell):g}"
        except (OverflowError, ValueError, TypeError):
            pass
    return describe(cell)


def read_table(table: object, spec: TableSpec) -> RawTable:
    """Read a table from a DataFrame, a list of row dictionaries, CSV text or a CSV file.

    Parameters
    ----------
    table
        A ``pandas.DataFrame``; a list (or tuple) of dictionaries, one per row, whose keys
        are the headers (in order of first appearance); a ``str``, always read as CSV text
        (``,``, ``;`` or tab separated, with a header line; blank lines before the header
        are skipped); or a ``pathlib.Path`` / ``os.PathLike`` of a CSV file (UTF-8, or the
        cp1252 that Excel on Windows writes). Anything else is reported as not a table.
    spec
        How messages name the table and its reader, and the largest file accepted.

    Returns
    -------
    RawTable
        Headers, rows and problems. Empty headers with no problem mean an empty input.
        Never raises, whatever ``table`` is.
    """
    if isinstance(table, pd.DataFrame):
        return _read_frame(table)
    if isinstance(table, os.PathLike):
        return _read_file(Path(os.fsdecode(table)), spec)
    if isinstance(table, str):
        return _read_text(table)
    if isinstance(table, (list, tuple)):
        return _read_records(table, spec)
    return _failed(
        f"{spec.reader} needs a table (a DataFrame, a list of rows, CSV text or the path of a "
        f".csv file), not {_what(table)}."
    )


def _failed(problem: str) -> RawTable:
    """No table, for the one reason given."""
    return RawTable([], [], [problem])


def _what(thing: object) -> str:
    """``None``, ``42`` or ``a dict``: what was given instead of a table."""
    if thing is None or isinstance(thing, (bool, int, float)):
        return describe(thing)
    return f"a {type(thing).__name__}"


def _read_frame(frame: pd.DataFrame) -> RawTable:
    """A DataFrame's column names and rows (its index is not a column)."""
    try:
        headers = [str(column) for column in frame.columns]
        rows = [list(row) for row in frame.itertuples(index=False, name=None)]
    except Exception as error:  # an exotic frame (broken column objects, ...)
        return _failed(f"The DataFrame could not be read ({type(error).__name__}).")
    return RawTable(headers, rows, [])


def _read_records(records: Sequence[object], spec: TableSpec) -> RawTable:
    """A list of row dictionaries: the keys in order of first appearance are the headers,
    and a key missing from a row is an empty cell."""
    bad = [number for number, row in enumerate(records, 1) if not isinstance(row, Mapping)]
    if bad:
        shown = ", ".join(str(number) for number in bad[:5]) + (" …" if len(bad) > 5 else "")
        return _failed(
            f"A list of rows must hold one dictionary per row, like {spec.example_row}; "
            f"item(s) {shown} are not."
        )
    mappings = [row for row in records if isinstance(row, Mapping)]  # all of them, by now
    keys: dict[object, str] = {}
    for row in mappings:
        for key in row:
            if key not in keys:
                keys[key] = key if isinstance(key, str) else describe(key)
    rows = [[row.get(key) for key in keys] for row in mappings]
    return RawTable(list(keys.values()), rows, [])


def _read_text(text: str) -> RawTable:
    """A string as CSV text; a lone file name is explained rather than read as a header."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        return RawTable([], [], [])
    if _is_a_file_name(text):
        return _failed(
            f"The text {show_cell(text)} looks like the name of a file, but text is read as "
            "the table itself (CSV with a header line). To read the file, give its path as "
            "a pathlib.Path instead of text, or paste the table as CSV text."
        )
    return _read_csv(text)


def _is_a_file_name(text: str) -> bool:
    """True for one line with no cell separator that ends like a file (``partners.csv``).

    Such a text could only be the header of a one-column table with no rows, so saying
    how to read a file loses nothing. Whether the file exists does not matter.
    """
    line = text.strip()
    if "\n" in line or "\r" in line or any(mark in line for mark in _DELIMITERS):
        return False
    return PurePath(line).suffix.lower() in _FILE_SUFFIXES


def _read_file(path: Path, spec: TableSpec) -> RawTable:
    """A CSV file's text, read as :func:`_read_csv` reads text (folders, spreadsheets,
    missing and oversized files are refused with a sentence saying what to do)."""
    shown = show_cell(str(path))
    try:
        if not path.exists():
            return _failed(
                f"There is no file {shown}. Give the path of a .csv file, or paste the "
                "table as CSV text with a header line."
            )
        if not path.is_file():
            return _failed(f"{shown} is a folder, not a .csv file.")
        if path.suffix.lower() in SPREADSHEET_SUFFIXES:
            return _failed(
                f"{shown} is a spreadsheet file; save it as CSV (File → Save as → CSV) "
                "and give the .csv file."
            )
        if path.stat().st_size > spec.max_bytes:
            return _failed(f"{shown} is too large to be {spec.content}.")
        data = path.read_bytes()
    except (OSError, ValueError) as error:  # unreadable, embedded NUL, name too long, ...
        return _failed(f"The file {shown} could not be opened ({type(error).__name__}).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel on Windows saves CSV as cp1252 (€ is byte 0x80)
        text = data.decode("cp1252", errors="replace")
    return _read_csv(text)


def _read_csv(text: str) -> RawTable:
    """CSV text (comma, semicolon or tab separated) as headers and rows.

    The separator is the one the header line uses most. A data line with more non-blank
    cells than the header has is reported: most often a decimal or thousands comma that
    split a number in two.
    """
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first.count)
    if not first.count(delimiter):
        delimiter = ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return _failed(f"The CSV text could not be read: {error}.")
    # blank lines before the header are skipped; the header is the first line with text
    while lines and all(is_blank_cell(cell) for cell in lines[0]):
        lines.pop(0)
    if not lines:
        return RawTable([], [], [])
    headers, rows, problems = lines[0], lines[1:], []
    for number, row in enumerate(rows, 1):
        extra = row[len(headers) :]
        if any(not is_blank_cell(cell) for cell in extra):
            problems.append(
                f"Row {number}: has {len(row)} cells but the header names {len(headers)} "
                "columns. A number written with a comma (1,200 or 12,5) splits the cell in "
                "two: write it without the comma, or put the cell in quotes."
            )
    padded: list[list[object]] = [
        row[: len(headers)] + [None] * (len(headers) - len(row)) for row in rows
    ]
    return RawTable(headers, padded, problems)
