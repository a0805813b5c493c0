"""Small whole numbers written as words, as course text and rubric keywords use them."""

from __future__ import annotations

#: Zero to twelve in words.
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)  # fmt: skip
_ORDINALS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth",
)  # fmt: skip


def number_word(number: int) -> str:
    """``number`` in words up to twelve, in digits above (``6`` → ``"six"``, ``14`` →
    ``"14"``).

    Examples
    --------
    >>> number_word(6), number_word(14)
    ('six', '14')
    """
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def ordinal(number: int) -> str:
    """``number`` as an ordinal: in words up to twelfth, else ``21st``, ``13th``, …

    Examples
    --------
    >>> ordinal(7), ordinal(21), ordinal(13)
    ('seventh', '21st', '13th')
    """
    if 0 <= number < len(_ORDINALS):
        return _ORDINALS[number]
    suffix = (
        "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def plural(count: float, noun: str, nouns: str | None = None, fmt: str = ",g") -> str:
    """``count`` written with ``fmt`` and the noun in the number it calls for: singular
    only when the written number is exactly ``1`` (``nouns`` defaults to ``noun + "s"``).

    Examples
    --------
    >>> plural(1, "firm"), plural(3, "firm"), plural(0, "link")
    ('1 firm', '3 firms', '0 links')
    >>> plural(1, "family", "families"), plural(1.5, "hour"), plural(12_000, "unit")
    ('1 family', '1.5 hours', '12,000 units')
    >>> plural(1.04, "partner", fmt=".0f"), plural(1.04, "partner", fmt=".1f")
    ('1 partner', '1.0 partners')
    """
    written = format(count, fmt)
    return f"{written} {noun if written == '1' else nouns or noun + 's'}"
