"""The one number reader (``collabkit/core/number_reader.py``): formats, units, the
ambiguity rule, and that no input makes it raise or silently read a different number."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.core.coerce import Unreadable, read_number
from collabkit.core.number_reader import (
    SENSIBLE_FACTOR,
    Expect,
    Reading,
    plain,
    read_amount,
    unambiguous,
)

PLAIN = Expect()
EUROS = Expect(unit="€ per year")
SHARE = Expect(scale="share")
PERCENT = Expect(unit="%")


@pytest.mark.parametrize(
    ("text", "expect", "value"),
    [
        # decimal comma or point
        ("0,522", PLAIN, 0.522),
        ("0.522", PLAIN, 0.522),
        ("12,5", PLAIN, 12.5),
        ("-3,5", PLAIN, -3.5),
        ("1,2345", PLAIN, 1.2345),
        ("1234,567", PLAIN, 1234.567),  # four digits before: no thousands group
        (".5", PLAIN, 0.5),
        (",5", PLAIN, 0.5),
        ("1.2e3", PLAIN, 1200),
        ("+7", PLAIN, 7),
        # thousands separators
        ("1,250,000", PLAIN, 1_250_000),
        ("1.250.000", PLAIN, 1_250_000),
        ("1 000", PLAIN, 1000),
        ("1\u202f000", PLAIN, 1000),  # narrow no-break space (French typography)
        ("1\u2009000", PLAIN, 1000),  # thin space
        ("1\u00a0000", PLAIN, 1000),  # no-break space
        ("1'000", PLAIN, 1000),  # Swiss
        ("1.250,5", PLAIN, 1250.5),
        ("1,250.5", PLAIN, 1250.5),
        ("1 250,5", PLAIN, 1250.5),
        ("1.200,50", PLAIN, 1200.5),
        # money: at most two decimals, so a three-digit group is thousands
        ("1.000 €", EUROS, 1000),
        ("1.000", EUROS, 1000),
        ("1,000", EUROS, 1000),
        ("11.250", EUROS, 11_250),
        ("1.000 €", PLAIN, 1000),  # € typed: money even where the box does not say so
        ("12,50 €", EUROS, 12.5),
        ("€36,000", EUROS, 36_000),
        ("EUR 36.000", EUROS, 36_000),
        ("36 000 euros", EUROS, 36_000),
        ("36,000 € per year", EUROS, 36_000),
        ("36.000 € a year", EUROS, 36_000),
        ("36000 €/yr", EUROS, 36_000),
        ("36,000 € p.a.", EUROS, 36_000),
        ("-€5", EUROS, -5),
        ("400 €/month", Expect(unit="€ per month"), 400),
        ("400 a month", Expect(unit="€ per month"), 400),
        # percentages against the scale
        ("34 %", SHARE, 0.34),
        ("34%", SHARE, 0.34),
        ("34 percent", SHARE, 0.34),
        ("0.34", SHARE, 0.34),
        ("34", PERCENT, 34),
        ("34 %", PERCENT, 34),
        ("34 %", Expect(scale="percent"), 34),
        # fractions
        ("7/15", PLAIN, 7 / 15),
        ("1/2", SHARE, 0.5),
        ("1 / 2", PLAIN, 0.5),
        ("2,5/5", PLAIN, 0.5),
        # the question's own unit, and fillers
        ("12 partners", Expect(unit="partners"), 12),
        ("1 partner", Expect(unit="partners"), 1),
        ("about 12", PLAIN, 12),
        ("≈ 0.47", SHARE, 0.47),
        ("0.47.", SHARE, 0.47),
    ],
    ids=repr,
)
def test_formats_people_type_are_read(text, expect, value):
    reading = read_amount(text, expect)
    assert isinstance(reading, Reading), reading
    assert reading.value == pytest.approx(value, rel=1e-12)


def test_a_typographic_minus_sign_is_a_minus_sign():
    for minus in ("\u2212", "\u2013", "\u2012"):  # minus sign, en dash, figure dash
        assert read_amount(f"{minus}3,5").value == -3.5
        assert read_amount(f"{minus} 3.5").value == -3.5


@pytest.mark.parametrize(
    ("text", "expect", "value", "note"),
    [
        ("34 %", SHARE, 0.34, "“34 %” is read as the share 0.34."),
        ("7/15", PLAIN, 7 / 15, "“7/15” is read as 0.466667."),
        ("11,250", Expect(unit="partners", typical=11.27), 11.25, "“11,250” is read as 11.25."),
        ("34,500 %", SHARE, 0.345, "“34,500 %” is read as the share 0.345."),
    ],
)
def test_a_reading_that_is_not_literal_says_how_it_was_read(text, expect, value, note):
    assert read_amount(text, expect) == Reading(pytest.approx(value), note)


def test_literal_readings_carry_no_note():
    assert read_amount("1.250,5").note == ""
    assert read_amount("1.000 €", EUROS).note == ""


@pytest.mark.parametrize(
    ("value", "expect", "kind", "message"),
    [
        ("12 %", EUROS, "unit", "This question is in € per year; you typed a percentage."),
        ("12 %", Expect(unit="partners"), "unit", "This question is in partners; you typed a "),
        ("12 %", PLAIN, "unit", "This question wants a plain number; you typed a percentage."),
        ("400 €/month", EUROS, "unit", "you typed an amount per month. Convert it to per year"),
        ("400 €", Expect(unit="partners"), "unit", "is in partners; you typed an amount in €."),
        ("0.5 €", SHARE, "unit", "wants a share between 0 and 1; you typed an amount in €."),
        ("$1200", EUROS, "unit", "you typed another currency ($). Type it in €."),
        ("12 apples", Expect(unit="partners"), "unit", "“apples” is not part of it."),
        ("1,250", PLAIN, "ambiguous", "“1,250” could mean 1250 or 1.25."),
        ("11.250", PLAIN, "ambiguous", "could mean 11250 or 11.25"),
        ("1,250", SHARE, "ambiguous", "could mean 1250 or 1.25"),  # neither is a share
        ("1,000", PERCENT, "ambiguous", "could mean 1000 or 1."),  # both are percentages
        ("1,250/3", PLAIN, "ambiguous", "numbers of a fraction without thousands separators"),
        ("1/0", PLAIN, "format", "divides by zero"),
        ("1.2.3", PLAIN, "format", "separators where the kit cannot read them"),
        ("12 5", PLAIN, "format", "separators"),
        ("1,25,000", PLAIN, "format", "separators"),
        ("1.250 000", PLAIN, "format", "separators"),
        ("zzz", PLAIN, "format", "“zzz” is not a number. Type digits only"),
        ("answer: 12", PLAIN, "format", "not a number"),
        ("12 or 13", PLAIN, "format", "not a number"),
        ("<script>alert(1)</script>", PLAIN, "format", "<script>alert(1)</script>"),
        (None, EUROS, "blank", "No answer yet: type a number (in € per year)."),
        ("  ", PLAIN, "blank", "No answer yet"),
        ([], PLAIN, "blank", "No answer yet"),
        (True, PLAIN, "type", "True/False"),
        ([1, 2], PLAIN, "type", "single number, not a list"),
        ({"a": 1}, PLAIN, "type", "single number, not a dictionary"),
        (object(), PLAIN, "type", "single number"),
        (b"12", PLAIN, "type", "single number"),
        ("1" * 101, PLAIN, "long", "long piece of text"),
        ("1e400", PLAIN, "size", "Infinity"),
        ("1e308/1e-308", PLAIN, "size", "Infinity"),
        ("1/1e400", PLAIN, "size", "Infinity"),
        (10**400, PLAIN, "size", "too large"),
        (float("nan"), PLAIN, "size", "NaN"),
        (np.float64("-inf"), PLAIN, "size", "Infinity"),
    ],
    ids=repr,
)
def test_what_cannot_be_read_is_explained(value, expect, kind, message):
    reading = read_amount(value, expect)
    assert isinstance(reading, Unreadable)
    assert reading.kind == kind
    assert message in reading.message


@pytest.mark.parametrize(
    "number", [7, 7.5, np.int64(7), np.float32(7.5), Fraction(15, 2), -0.0], ids=repr
)
def test_numbers_are_taken_as_they_are(number):
    assert read_amount(number).value == float(number)
    assert read_amount(number, SHARE).value == float(number)  # no % was typed: no conversion


def test_read_number_is_the_reader_without_the_note():
    assert read_number("1,200 €", "€") == 1200
    assert read_number("34 %", scale="share") == 0.34
    assert isinstance(read_number("12 %", "€ per year"), Unreadable)


def test_an_unknown_scale_is_refused():
    with pytest.raises(ValueError, match="scale"):
        Expect(scale="shares")


# -- the ambiguity rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expect", "value"),
    [
        (EUROS, 1250),  # money: a three-digit group is thousands
        (Expect(decimals=0), 1250),  # a box of whole numbers
        (Expect(decimals=2), 1250),  # at most two decimals
        (Expect(unit="households", typical=11_000), 1250),  # within 30× of the answer
        (Expect(unit="partners", typical=6.9), 1.25),
        (Expect(low=0, high=200), 1.25),  # the range leaves one reading
        (Expect(unit="€", low=0, high=5), None),  # money, but only 1.25 € fits: asked
        (Expect(unit="€ per month", typical=1.3), None),  # as 1250 € is far from the answer
        (SHARE, None),  # neither 1250 nor 1.25 is a share: asked
        (PLAIN, None),  # nothing to tell them apart: asked
        (Expect(decimals=3), None),
    ],
    ids=repr,
)
def test_one_comma_before_three_digits_is_read_by_the_rule(expect, value):
    reading = read_amount("1,250", expect)
    if value is None:
        assert isinstance(reading, Unreadable) and reading.kind == "ambiguous"
    else:
        assert reading.value == value


def test_the_sensible_window_around_the_answer_is_narrower_than_the_two_readings():
    # 1250 and 1.25 differ 1000-fold; a window of ±30× (900-fold wide) never holds both
    assert SENSIBLE_FACTOR**2 < 1000
    expect = Expect(typical=1.0)
    assert expect.sensible(SENSIBLE_FACTOR) and not expect.sensible(SENSIBLE_FACTOR * 1.01)


def test_a_leading_zero_or_other_than_three_decimals_is_never_ambiguous():
    for text, value in (("0,522", 0.522), ("0.250", 0.25), ("1,25", 1.25), ("1,2500", 1.25)):
        assert read_amount(text).value == value


def test_numbers_in_messages_cannot_be_misread():
    """plain() writes a number for a message (six significant digits, no separators) that
    the reader reads back as exactly what it shows."""
    for number in (1250.0, 1.25, 7 / 15, -3.5, 1e20, 12345678.9, 1000.0, 0.001):
        shown = plain(number)
        assert read_amount(shown).value == float(shown)
        assert shown.count(",") == 0 and math.isclose(float(shown), number, rel_tol=1e-5)


# -- properties ---------------------------------------------------------------------------

GROUPERS = (".", ",", " ", "\u202f", "\u00a0", "'")


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, Expect, float]:
    """A number, a box that expects it, and the number written as someone might type it:
    thousands separators or none, a decimal comma or point, a unit, spaces."""
    context = draw(st.sampled_from(["plain", "money", "share", "percent", "slider", "answer"]))
    places = draw(st.sampled_from([0, 2]) if context in ("money", "slider") else st.integers(0, 4))
    top = {"share": 1, "percent": 1000, "slider": 100_000}.get(context, 10**9)
    units = draw(st.integers(0, top * 10**places))
    if context == "share" and draw(st.booleans()):  # a share typed as a percentage
        places = draw(st.integers(0, 4))
        units = draw(st.integers(0, 100 * 10**places))
        digits, typed_percent = Decimal(units).scaleb(-places), True
    else:
        digits, typed_percent = Decimal(units).scaleb(-places), context == "percent"
    negative = context in ("plain", "money", "answer") and draw(st.booleans())
    value = (
        float(digits)
        * (-1 if negative else 1)
        / (100 if context == "share" and typed_percent else 1)
    )
    expect = {
        "plain": PLAIN,
        "money": EUROS,
        "share": SHARE,
        "percent": PERCENT,
        "slider": Expect(low=0, high=100_000, decimals=2),
        "answer": Expect(unit="partners", typical=abs(value) * draw(st.floats(1 / 25, 25)) or None),
    }[context]
    point = draw(st.sampled_from([".", ","]))
    grouper = draw(st.sampled_from([g for g in (None, *GROUPERS) if g != point]))
    whole, _, fraction = f"{digits:f}".partition(".")
    if grouper:
        groups = []
        while len(whole) > 3:
            whole, groups = whole[:-3], [whole[-3:], *groups]
        whole = grouper.join([whole, *groups])
    text = ("-" if negative else "") + whole + (point + fraction if fraction else "")
    space = draw(st.sampled_from(["", " ", "\u202f"]))
    if typed_percent and (context == "share" or draw(st.booleans())):
        text += space + "%"
    elif context == "money" and draw(st.booleans()):
        text = draw(st.sampled_from([text + space + "€", "€" + space + text]))
    elif context == "answer" and draw(st.booleans()):
        text += " partners"
    padding = draw(st.sampled_from(["", " ", "  "]))
    return padding + text + padding, expect, value


@settings(max_examples=400, deadline=None)
@given(written=written_numbers())
def test_a_written_number_reads_back_or_is_reported_ambiguous(written):
    """Never silently a different number: the value (within rounding), or a question."""
    text, expect, value = written
    reading = read_amount(text, expect)
    if isinstance(reading, Unreadable):
        assert reading.kind == "ambiguous", (text, reading)
        assert expect.typical is None  # knowing the answer's size always decides
    else:
        assert math.isclose(reading.value, value, rel_tol=1e-12, abs_tol=1e-15), (text, reading)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=120) | st.text(alphabet="0123456789.,' %€/-+eE\u202f", max_size=30),
    expect=st.builds(
        Expect,
        unit=st.sampled_from(["", "€ per year", "%", "partners", "×"]),
        scale=st.sampled_from(["", "share", "percent"]),
        typical=st.none() | st.floats(0, 1e9),
        decimals=st.none() | st.integers(0, 4),
    ),
)
def test_no_text_makes_the_reader_raise(text, expect):
    reading = read_amount(text, expect)
    assert isinstance(reading, (Reading, Unreadable))
    if isinstance(reading, Reading):
        assert math.isfinite(reading.value)
    else:
        assert reading.message.strip() and len(reading.message) < 400


@settings(max_examples=200, deadline=None)
@given(
    number=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    expect=st.sampled_from([PLAIN, EUROS, SHARE, PERCENT, Expect(decimals=0)]),
)
def test_a_computed_number_put_in_a_box_reads_back_exactly(number, expect):
    """What the question widgets fill in for a number (a key, a restored answer)."""
    if expect is SHARE:
        number = abs(number) % 1
    assert read_amount(unambiguous(number), expect).value == number
    assert unambiguous(1.25) == "1.25" and unambiguous(400.125) == "400.1250"
