"""Read a student's answer of any type without ever raising.

Each reader returns either the parsed value or an :class:`Unreadable` explaining, in a
sentence a student understands, why the answer could not be read. Questions turn an
``Unreadable`` into zero-point feedback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Answers longer than this are not read (a pasted essay in a number box, a 1 MB string).
MAX_TEXT = 5000


@dataclass(frozen=True)
class Unreadable:
    """Why an answer could not be read.

    Attributes
    ----------
    message
        The reason, in a sentence a student understands.
    kind
        What went wrong, for callers that word their own message: ``"blank"``, ``"type"``
        (not text or a number), ``"long"``, ``"format"`` (no number), ``"unit"`` (a unit
        that does not fit), ``"ambiguous"`` (``"1,250"`` could be 1250 or 1.25), ``"size"``
        (NaN, infinite, too large), or ``""``.
    """

    message: str
    kind: str = ""


def describe(value: object, limit: int = 40) -> str:
    """A short, safe description of any value for use inside a feedback message."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit] + "…"
        return f"“{text}”"
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not break feedback
        text = f"a {type(value).__name__} object"
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def is_blank(value: object) -> bool:
    """True for "no answer yet": None, an empty or whitespace string, an empty container."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value) == 0
    return False


def read_number(value: object, unit: str = "", *, scale: str = "") -> float | Unreadable:
    """Read one number from any answer: a Python or numpy number, or text as people type it
    (``"1.250,5 €"``, ``"0,522"``, ``"34 %"``, ``"7/15"``).

    The reader is :func:`collabkit.core.number_reader.read_amount` (its docstring and
    docs/numbers.md list the formats); this returns only the number. Booleans, NaN,
    infinities, numbers too large for a float, units that do not fit ``unit`` and an
    ambiguous ``"1,250"`` are refused, each with its own message.

    Parameters
    ----------
    value
        The answer.
    unit
        The unit the answer is in (``"€ per year"``, ``"%"``, ``"partners"``).
    scale
        ``"share"``, ``"percent"`` or ``""`` (see
        :class:`~collabkit.core.number_reader.Expect`).
    """
    from collabkit.core.number_reader import Expect, read_amount  # it reads this module

    reading = read_amount(value, Expect(unit=unit, scale=scale))
    return reading if isinstance(reading, Unreadable) else reading.value


def read_choice(value: object, options: Mapping[str, str]) -> str | Unreadable:
    """Match an answer to one option key, by key (``"b"``) or by the option's text."""
    keys = ", ".join(options)
    if is_blank(value):
        return Unreadable("No answer yet: pick one of the options.")
    if isinstance(value, (list, tuple, set, frozenset)) and len(value) == 1:
        value = next(iter(value))
    if not isinstance(value, str):
        return Unreadable(f"Pick exactly one option ({keys}); {describe(value)} is not one.")
    wanted = value.strip().casefold()
    for key, text in options.items():
        if wanted in (key.casefold(), text.strip().casefold()):
            return key
    return Unreadable(f"{describe(value)} is not one of the options; pick one of {keys}.")


def read_choices(value: object, options: Mapping[str, str]) -> frozenset[str] | Unreadable:
    """Match an answer to a set of option keys (a list, a set, or ``"a, c"``)."""
    if is_blank(value):
        return Unreadable("No answer yet: tick every option that applies.")
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return Unreadable("That text is too long to be a list of options.")
        single = read_choice(value, options)
        if not isinstance(single, Unreadable):
            return frozenset({single})
        items: Iterable[object] = [part for part in re.split(r"[,;\s]+", value) if part]
        if not all(isinstance(read_choice(part, options), str) for part in items):
            keys = ", ".join(options)
            return Unreadable(
                f"{describe(value)} is not a list of options. Tick the boxes, or type the "
                f"letters of the options separated by commas (from {keys})."
            )
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        return Unreadable(f"Tick the options that apply; {describe(value)} is not a list.")
    chosen: set[str] = set()
    for item in items:
        key = read_choice(item, options)
        if isinstance(key, Unreadable):
            return key
        chosen.add(key)
    return frozenset(chosen)


def read_mapping(value: object) -> dict[str, object] | Unreadable:
    """Read an item → category assignment (a dict with text keys)."""
    if is_blank(value):
        return Unreadable("No answer yet: put each item into a category.")
    if not isinstance(value, Mapping):
        return Unreadable(
            "This question wants each item matched to a category, "
            f"like {{'item': 'category'}}; {describe(value)} is not such a matching."
        )
    return {_key(key): category for key, category in value.items()}


def _key(key: object) -> str:
    """An item name as text; a key whose ``str`` fails (or a huge int) matches no item."""
    try:
        return str(key).strip()
    except Exception:
        return describe(key)


def read_text(
    value: object,
    wanted: str = "sentences in words",
    blank: str = "No answer yet: write a few sentences.",
) -> str | Unreadable:
    """Read a free-text answer (or code: ``wanted`` and ``blank`` word the messages)."""
    if is_blank(value):
        return Unreadable(blank)
    if not isinstance(value, str):
        return Unreadable(f"This question wants {wanted}, not {kind_of(value)}.")
    if len(value) > MAX_TEXT:
        return Unreadable(
            f"Your answer has {len(value):,} characters; keep it under {MAX_TEXT:,} "
            "(a short paragraph is enough)."
        )
    return value.strip()


def kind_of(value: object) -> str:
    """What ``value`` is, for a message: "a list", "a dictionary", or the value itself."""
    names: dict[type, str] = {dict: "a dictionary", list: "a list", tuple: "a list", set: "a set"}
    return names.get(type(value), describe(value))
