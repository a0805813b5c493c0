"""Results as a business student reads them: a plain sentence with rounded numbers, and the
full table behind a toggle.

A statistical result (a U-test, a fitted curve, a QCA solution) is shown in a notebook as
its :class:`Reading`: ``str()`` gives the sentence, and Jupyter shows the sentence with the
full numbers in an HTML ``<details>`` element the reader can open. The result objects keep
their exact values as attributes; only what is shown is rounded.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

#: What the toggle of a reading's full table says.
DETAILS_LABEL = "Show the full table"


@dataclass(frozen=True, eq=False)
class Reading:
    """A sentence and, optionally, the table it summarises.

    Parameters
    ----------
    sentence
        Plain text with rounded numbers (no markup).
    details
        The full numbers, shown behind a ``<details>`` toggle; None for none.
    """

    sentence: str
    details: pd.DataFrame | None = None

    def __str__(self) -> str:
        return self.sentence

    def _repr_html_(self) -> str:
        text = f'<p class="collabkit-reading">{html.escape(self.sentence)}</p>'
        if self.details is None:
            return text
        table = self.details.to_html(border=0, escape=True, na_rep="–")
        return f"{text}<details><summary>{html.escape(DETAILS_LABEL)}</summary>{table}</details>"


def p_value(p: float) -> str:
    """A p-value as a reader writes it: ``p < 0.001``, ``p = 0.004``, ``p = 0.20``.

    Examples
    --------
    >>> p_value(0.19898), p_value(0.0041), p_value(6e-9)
    ('p = 0.20', 'p = 0.004', 'p < 0.001')
    """
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def number(value: float, digits: int = 2) -> str:
    """``value`` rounded to ``digits`` decimals for a sentence (``−`` for minus; ``∞``).

    Examples
    --------
    >>> number(-0.15111), number(6.9004), number(float("inf"))
    ('−0.15', '6.90', '∞')
    """
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:,.{digits}f}".replace("-", "−")


def rounded(table: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """``table`` with its float columns rounded to ``digits`` decimals (for the toggle)."""
    floats = table.select_dtypes("float").columns
    return table.assign(**{column: table[column].round(digits) for column in floats})


class Readable:
    """A result that shows itself to a student as its :class:`Reading`: a sentence as
    text, the sentence and a details table in a notebook. Subclasses define
    ``reading()``."""

    def reading(self) -> Reading:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.reading().sentence

    def _repr_html_(self) -> str:
        return self.reading()._repr_html_()
