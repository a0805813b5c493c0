"""Read a number the way people type it: ``"0,522"``, ``"1.000 €"``, ``"34 %"``, ``"7/15"``.

One reader serves every number box of the kit: numeric questions, the number boxes beside
the explorers' sliders and the cells of the collaboration audit. It never raises; it returns
a :class:`Reading` (the number, and a note when the text needed interpreting) or a
:class:`~collabkit.core.coerce.Unreadable` saying, in a sentence a student understands, why
the text is not read. docs/numbers.md is the list of formats for students and instructors.

Decimal marks and thousands separators
--------------------------------------
A decimal comma or point is read either way (``"12,5"`` and ``"12.5"``). Spaces (also
no-break and thin spaces), apostrophes and underscores only ever group thousands
(``"1 250 000"``). When both a point and a comma appear, the last one is the decimal mark
(``"1.250,5"`` and ``"1,250.5"``). A mark that appears more than once groups thousands
(``"1.250.000"``). Groups must be three digits.

**The ambiguity rule.** A single point or comma followed by exactly three digits, after one
to three digits that do not start with 0 (``"1,250"``, ``"11.250"``), can mean 1250 or
1.25. It is read

1. as thousands when the number is money (``€`` typed, or the question, slider or column
   is in €) or the box takes at most two decimals (:attr:`Expect.decimals`): nobody writes
   cents with three digits (whether 1250 is in range is then the box's business) -- unless
   the box's scale finds 1250 not sensible and 1.25 sensible, which is case 3;
2. otherwise as whichever of the two readings is sensible for the box
   (:meth:`Expect.sensible`: a share lies in 0–1, a percentage within ±1000, the box's
   range, and within a factor of 30 of the size of the right answer when that is known);
3. and when both readings or neither are sensible, or the format and the scale disagree,
   it is not read: the student is asked to type the number without a thousands separator.
   The kit never guesses.

``"0,522"`` (a leading 0) and ``"1,5"`` or ``"1,2345"`` (not three digits) are never
ambiguous.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from numbers import Real

from collabkit.core.coerce import Unreadable, describe, is_blank, kind_of
from collabkit.core.number_units import stray_symbols, typed_units, unit_problem, units_in

#: Text longer than this is not read as a number (a pasted paragraph in a number box).
MAX_NUMBER_TEXT = 100

#: A reading more than this many times larger or smaller than the right answer is not
#: sensible (used only to tell ``"1,250"`` = 1250 from 1.25; the two differ 1000-fold).
SENSIBLE_FACTOR = 30.0

#: On a percent scale a reading beyond ±this is not sensible (1250 % against 1.25 %).
PERCENT_LIMIT = 1000.0

#: The scales a box can declare (see :class:`Expect`).
SCALES = ("", "share", "percent")


@dataclass(frozen=True)
class Expect:
    """What a number box expects: unit, scale and the sensible range of its numbers.

    Parameters
    ----------
    unit
        The unit the number is in, as the box states it: ``"€ per year"``, ``"partners"``,
        ``"%"``, or ``""`` when none is stated. Units typed with the number are checked
        against it (docs/numbers.md, "Units").
    scale
        ``"share"``: the number is a share between 0 and 1, and a typed percentage is
        divided by 100 (``"34 %"`` reads 0.34). ``"percent"``: the number is in per cent
        (``"34"`` and ``"34 %"`` read 34; a unit of ``"%"`` means the same). ``""``:
        neither, and a typed percentage is refused.
    low, high
        The range of sensible numbers (only used to resolve ``"1,250"``; a number outside
        it is still read).
    typical
        The size of the right answer, if known: readings more than :data:`SENSIBLE_FACTOR`
        times larger or smaller are not sensible.
    decimals
        The most decimals a number in this box has (a slider's step), if known; below 3,
        ``"1,250"`` is 1250.
    noun
        What the number is typed into, for messages: ``"question"``, ``"slider"``,
        ``"column"``.
    """

    unit: str = ""
    scale: str = ""
    low: float = -math.inf
    high: float = math.inf
    typical: float | None = None
    decimals: int | None = None
    noun: str = "question"

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}; got {self.scale!r}")

    @property
    def scale_name(self) -> str:
        """The scale in use: a unit of ``"%"`` means ``"percent"``."""
        return "percent" if not self.scale and self.unit.strip() == "%" else self.scale

    @property
    def money(self) -> bool:
        """The box is in € (its numbers have at most two decimals)."""
        return units_in(self.unit).money == "€"

    def sensible(self, number: float) -> bool:
        """Whether ``number`` is a sensible reading for this box (see the module's rule)."""
        low, high = self.low, self.high
        if self.scale_name == "share":
            low, high = max(low, 0.0), min(high, 1.0)
        elif self.scale_name == "percent":
            low, high = max(low, -PERCENT_LIMIT), min(high, PERCENT_LIMIT)
        if not low <= number <= high:
            return False
        if self.typical:
            size = abs(self.typical)
            return size / SENSIBLE_FACTOR <= abs(number) <= size * SENSIBLE_FACTOR
        return True


@dataclass(frozen=True)
class Reading:
    """A number read from an answer.

    Attributes
    ----------
    value
        The number, on the box's scale (``"34 %"`` in a share box is 0.34).
    note
        How the text was read when that was not literal (a percentage turned into a share,
        a fraction worked out, ``"11,250"`` read as 11.25), as a sentence; else ``""``.
    """

    value: float
    note: str = ""


def unambiguous(number: float) -> str:
    """``number`` as text the reader reads back exactly, in any box: Python's shortest
    repr, with a ``0`` added where it would look like a thousands group (``"1.250"`` →
    ``"1.2500"``). For putting a computed number into a box, as a student would paste it."""
    if isinstance(number, bool):
        raise TypeError("True/False is not a number")
    text = repr(float(number))
    return text + "0" if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text) else text


def plain(number: float) -> str:
    """A number without thousands separators, so that it cannot be misread: 1250, 1.25."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.6g}"


def read_amount(value: object, expect: Expect | None = None) -> Reading | Unreadable:
    """Read one number from any answer; never raises.

    Parameters
    ----------
    value
        What was typed or given: text such as ``"1.250,5 €"``, ``"34 %"`` or ``"7/15"``, a
        Python or numpy number, or anything else (refused with a message).
    expect
        What the box expects (unit, scale, sensible range); the default expects nothing.

    Returns
    -------
    Reading or Unreadable
        The number and a note on how it was read, or why it could not be read (blank, not a
        number, a unit that does not fit, an ambiguous ``"1,250"``, NaN or infinite).

    Examples
    --------
    >>> read_amount("0,522").value
    0.522
    >>> read_amount("1.000 €", Expect(unit="€ per year")).value
    1000.0
    >>> read_amount("34 %", Expect(scale="share"))
    Reading(value=0.34, note='“34 %” is read as the share 0.34.')
    >>> read_amount("12 %", Expect(unit="€ per year")).message
    'This question is in € per year; you typed a percentage.'
    """
    expect = expect or Expect()
    unit = expect.unit.strip()
    if is_blank(value):
        return Unreadable(
            "No answer yet: type a number" + (f" (in {unit})." if unit else "."), kind="blank"
        )
    if isinstance(value, bool):
        return Unreadable("True/False is not a number: type the number itself.", kind="type")
    if isinstance(value, Real):  # int, float, Fraction and numpy's number types
        try:
            number = float(value)
        except OverflowError:
            return Unreadable(f"{describe(value)} is too large to be a sensible answer.", "size")
        except Exception:  # a number type whose conversion is broken
            return Unreadable(f"{describe(value)} is not a number: type a number.", "type")
        return _finite(number) or Reading(number)
    if isinstance(value, str):
        return _read_text(value, expect)
    return Unreadable(f"This {expect.noun} wants a single number, not {kind_of(value)}.", "type")


def _finite(number: float) -> Unreadable | None:
    if math.isnan(number):
        return Unreadable("NaN (not a number) cannot be scored: type a number.", "size")
    if math.isinf(number):
        return Unreadable("Infinity is not a finite answer: type a number.", "size")
    return None


# -- text ---------------------------------------------------------------------------------

# no-break, figure, thin and hair spaces are spaces; typographic minus signs are minus signs
_NORMAL = str.maketrans(
    {
        "\u00a0": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
        "\u202f": " ", "\t": " ", "\u2212": "-", "\u2012": "-", "\u2013": "-",
        "\u2019": "'", "\u02bc": "'",
    }
)  # fmt: skip
_BODY = r"[+-]?\s?(?:\d(?:[\d.,' _]*\d)?|[.,]\d+)(?:[eE][+-]?\d+)?"
_SHAPE = re.compile(
    rf"(?P<before>\D*?)(?P<number>{_BODY})(?:\s*/\s*(?P<under>{_BODY}))?(?P<after>\D*)"
)
_EXPONENT = re.compile(r"[eE][+-]?\d+$")
_GROUPERS = " '_"


def _read_text(value: str, expect: Expect) -> Reading | Unreadable:
    if len(value) > MAX_NUMBER_TEXT:
        return Unreadable(
            f"That is a long piece of text; this {expect.noun} wants one number.", "long"
        )
    text = " ".join(value.translate(_NORMAL).split())
    shape = _SHAPE.fullmatch(text)
    units = typed_units(shape["before"], shape["after"]) if shape else None
    if shape is None or units is None or stray_symbols(units, expect.unit):
        return Unreadable(
            f"{describe(value)} is not a number. Type digits only, e.g. 1250 or 12.5.", "format"
        )
    problem = unit_problem(units, expect.unit, expect.scale_name, expect.noun)
    if problem:
        return Unreadable(problem, "unit")
    top = _candidates(shape["number"])
    bottom = _candidates(shape["under"]) if shape["under"] else (1.0,)
    if top is None or bottom is None or (units.sign and shape["number"][0] in "+-"):
        return Unreadable(
            f"{describe(value)} has separators where the kit cannot read them. Type it without "
            "thousands separators, e.g. 1250 or 1250.5.",
            "format",
        )
    if shape["under"] and (len(top) > 1 or len(bottom) > 1):
        return Unreadable(
            f"{describe(value)}: type the numbers of a fraction without thousands "
            "separators, e.g. 7/15.",
            "ambiguous",
        )
    for number in (*top, *bottom):  # "1e400", or "1/1e400" (which is not 0)
        if (trouble := _finite(number)) is not None:
            return trouble
    if bottom[0] == 0:
        return Unreadable(f"{describe(value)} divides by zero: type a number.", "format")
    sign = -1.0 if units.sign == "-" else 1.0
    share = units.percent and expect.scale_name == "share"
    readings = [sign * number / bottom[0] / (100.0 if share else 1.0) for number in top]
    for number in readings:
        if (trouble := _finite(number)) is not None:
            return trouble
    if len(readings) == 2:
        return _resolve(value, text, readings, units.money == "€", expect, share)
    number = readings[0]
    if share:
        return Reading(number, f"{describe(text)} is read as the share {plain(number)}.")
    if shape["under"]:
        return Reading(number, f"{describe(text)} is read as {plain(number)}.")
    return Reading(number)


def _resolve(
    value: str, text: str, readings: list[float], money: bool, expect: Expect, share: bool
) -> Reading | Unreadable:
    """Decide ``"1,250"``: thousands (first reading) or decimal (second), by the rule in
    the module's docstring."""
    thousands, decimal = readings
    if money or expect.money or (expect.decimals is not None and expect.decimals < 3):
        # written as money or in a box of two decimals, it is a thousands group, unless the
        # box's scale says only the decimal reading makes sense (400.125 pasted from Python
        # where the answer is about 400 €): then the two signs disagree, and it asks
        if expect.sensible(thousands) or not expect.sensible(decimal):
            return Reading(thousands)
        fits = []
    else:
        fits = [n for n in readings if expect.sensible(n)]
    if len(fits) == 1:
        number = fits[0]
        kind = "the share " if share else ""
        if number == decimal or share:
            return Reading(number, f"{describe(text)} is read as {kind}{plain(number)}.")
        return Reading(number)
    factor = 100.0 if share else 1.0
    big, small = plain(thousands * factor), plain(decimal * factor)
    return Unreadable(
        f"{describe(value)} could mean {big} or {small}. Type it without a thousands "
        f"separator: {big}, or {small}.",
        "ambiguous",
    )


def _candidates(body: str) -> tuple[float, ...] | None:
    """What the digits of ``body`` can mean: one number, two (thousands first) for an
    ambiguous ``"1,250"``, or None when its separators make no number."""
    sign = "-" if body.startswith("-") else ""
    body = body.lstrip("+-").strip()
    exponent = _EXPONENT.search(body)
    mantissa = body[: exponent.start()] if exponent else body
    texts = _decimal_texts(mantissa)
    if texts is None:
        return None
    power = exponent.group() if exponent else ""
    return tuple(float(f"{sign}{digits}{power}") for digits in texts)


def _decimal_texts(mantissa: str) -> list[str] | None:
    """``mantissa`` as plain decimal text(s) (``"1250.5"``), or None."""
    if mantissa[:1] in (".", ","):
        return ["0." + mantissa[1:]] if mantissa[1:].isdecimal() else None
    marks = [c for c in mantissa if c in ".,"]
    groupers = {c for c in mantissa if c in _GROUPERS}
    if len(groupers) > 1:
        return None
    grouper = groupers.pop() if groupers else ""
    if not marks:
        whole = _grouped(mantissa, grouper) if grouper else mantissa
        return [whole] if whole and whole.isdecimal() else None
    point = marks[-1]  # with two kinds of mark, the last one is the decimal mark
    if marks.count(point) > 1:  # "1.250.000": the only mark, used to group thousands
        if grouper or len(set(marks)) > 1:
            return None
        whole = _grouped(mantissa, point)
        return [whole] if whole else None
    head, tail = mantissa.rsplit(point, 1)
    if not tail.isdecimal():
        return None
    other = "".join(set(marks) - {point})
    if other and grouper:
        return None
    separator = other or grouper
    whole = _grouped(head, separator) if separator else head
    if not whole or not whole.isdecimal():
        return None
    if not separator and len(tail) == 3 and len(head) <= 3 and head[0] != "0":
        return [head + tail, f"{head}.{tail}"]  # "1,250": 1250 or 1.25
    return [f"{whole}.{tail}"]


def _grouped(text: str, separator: str) -> str | None:
    """``"1.250.000"`` → ``"1250000"``; None unless the groups after the first are threes."""
    first, *rest = text.split(separator)
    if not (1 <= len(first) <= 3 and first.isdecimal()):
        return None
    if not all(len(group) == 3 and group.isdecimal() for group in rest):
        return None
    return first + "".join(rest)
