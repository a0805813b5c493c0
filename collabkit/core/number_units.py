"""The units typed around a number (``"€"``, ``"%"``, ``"per month"``, ``"partners"``), and
whether they fit the unit a question, a slider or a table column is in.

:func:`typed_units` reads the text before and after the number of an answer such as
``"400 €/month"``; :func:`unit_problem` compares those units with what is expected and
returns a sentence for the student when they do not fit. The same grammar reads the
expected unit itself (``"€ per year"`` is money per year). docs/numbers.md lists what is
understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: One token of unit text; tried in this order at each position.
_TOKEN = re.compile(
    r"""
     (?P<space>\s+)
    |(?P<euro>€|eur(?:os?)?\b)
    |(?P<foreign>\$|£|¥|usd\b|gbp\b|chf\b|dollars?\b|pounds?\b)
    |(?P<percent>%|per\s?cent\b|pct\b)
    |(?P<period>(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*
        (?P<when>months?\b|mo\b|mths?\b|years?\b|yrs?\b|annum\b)
        |\bmonthly\b|\byearly\b|\bannually\b|\bp\.\s?a\.?|\bp\.\s?m\.?)
    |(?P<filler>[=≈~:]|\babout\b|\bapprox(?:imately\b|\.)?|\bca\.|\.)
    |(?P<sign>[+-])
    |(?P<word>[^\W\d_]+)
    |(?P<symbol>.)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_MONTHLY = re.compile(r"mo|mths?|months?|monthly|p\.\s?m\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Units:
    """The units found in a piece of text.

    Attributes
    ----------
    money
        ``"€"``, another currency as typed (``"$"``, ``"dollars"``), or ``""``.
    percent
        A ``%`` (or "percent", "per cent", "pct") was typed.
    period
        ``"month"``, ``"year"`` or ``""``.
    words
        Other words, lower case (``("partners",)``).
    symbols
        Other characters that are not part of a number (``("#",)``).
    sign
        A ``+`` or ``-`` typed before a currency symbol (``"-€5"``).
    """

    money: str = ""
    percent: bool = False
    period: str = ""
    words: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    sign: str = ""

    @property
    def empty(self) -> bool:
        """Nothing but the number was typed."""
        return self == Units()


def units_in(text: str) -> Units:
    """The units in ``text`` (the words around a number, or a question's unit)."""
    money, percent, period, sign = "", False, "", ""
    words: list[str] = []
    symbols: list[str] = []
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "euro":
            money = money or "€"
        elif kind == "foreign":
            money = token
        elif kind == "percent":
            percent = True
        elif kind == "period":
            period = "month" if _MONTHLY.search(match.group("when") or token) else "year"
        elif kind == "sign":
            sign = token
        elif kind == "word":
            words.append(token.casefold())
        elif kind == "symbol":
            symbols.append(token)
    return Units(money, percent, period, tuple(words), tuple(symbols), sign)


def typed_units(before: str, after: str) -> Units:
    """The units typed before and after a number. A sign is only read before it, and a
    word only after it (``"12 partners"``; ``"answer: 12"`` is refused)."""
    first, last = units_in(before), units_in(after)
    stray = ("-",) if last.sign else ()  # "12-": a sign after the number is no sign
    return Units(
        money=last.money or first.money,
        percent=first.percent or last.percent,
        period=last.period or first.period,
        words=last.words,
        symbols=first.words + first.symbols + last.symbols + stray,  # "answer: 12"
        sign=first.sign,
    )


def stray_symbols(typed: Units, unit: str) -> bool:
    """Whether ``typed`` has characters or leading words that belong to no unit (then the
    text is not a number with a unit at all: ``"<b>1</b>"``, ``"answer: 12"``)."""
    return any(symbol not in units_in(unit).symbols for symbol in typed.symbols)


def _stem(word: str) -> str:
    return word.casefold().removesuffix("s")


def unit_problem(typed: Units, unit: str, scale: str, noun: str) -> str:
    """Why the ``typed`` units do not fit, or ``""`` when they do.

    Parameters
    ----------
    typed
        The units typed around the number (:func:`typed_units`).
    unit
        The unit the answer is in (``"€ per year"``, ``"%"``, ``"partners"``, ``""``).
    scale
        ``"share"``, ``"percent"`` or ``""`` (see :class:`~collabkit.core.number_reader.Expect`).
    noun
        What the answer is typed into, for the message (``"question"``, ``"slider"``).

    Returns
    -------
    str
        ``""``, or one or two sentences for the student. A percentage on a share scale fits
        (the caller divides by 100); an amount per month where the unit is per year does not:
        the student is asked to convert it (docs/numbers.md, "Units").
    """
    wanted = units_in(unit)
    known = bool(unit.strip() or scale)
    subject = f"This {noun} {_is_in(unit, scale)}"
    if typed.money and typed.money != "€":
        if wanted.money:
            return f"{subject}; you typed another currency ({typed.money}). Type it in €."
        return f"{subject}; you typed an amount of money."
    if typed.money and not wanted.money and known:
        return f"{subject}; you typed an amount in €."
    if typed.percent and not (wanted.percent or scale in ("share", "percent")):
        return f"{subject}; you typed a percentage."
    if typed.period and wanted.period and typed.period != wanted.period:
        return (
            f"{subject}; you typed an amount per {typed.period}. Convert it to per "
            f"{wanted.period} (a year has 12 months) and type that."
        )
    if typed.period and not wanted.period and not wanted.money and known:
        return f"{subject}; you typed an amount per {typed.period}."
    allowed = {_stem(word) for word in wanted.words}
    strangers = [w for w in typed.words if known and _stem(w) not in allowed]
    if strangers:
        return f"{subject}; “{strangers[0][:20]}” is not part of it."
    return ""


def _is_in(unit: str, scale: str) -> str:
    """``is in € per year``, ``wants a share between 0 and 1``, …"""
    if unit.strip():
        return f"is in {unit.strip()}"
    if scale == "share":
        return "wants a share between 0 and 1"
    if scale == "percent":
        return "is in %"
    return "wants a plain number"
