"""Parameter checks shared by every model: one clear ``ValueError`` per bad parameter."""

from __future__ import annotations

import math
from numbers import Integral, Real


def check_number(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    integer: bool = False,
    low_open: bool = False,
) -> None:
    """Raise ``ValueError`` naming the parameter unless ``value`` is a number in range.

    Parameters
    ----------
    name
        Parameter name as the user wrote it (e.g. ``"n_firms"``).
    value
        The value to check. ``bool`` is rejected: ``True`` is not a number of firms.
    low, high
        Allowed range, inclusive unless ``low_open`` is set (then ``value > low``).
    integer
        Require a whole number.
    """
    kind = "a whole number" if integer else "a number"
    interval = f"{'(' if low_open else '['}{_fmt(low)}, {_fmt(high)}]"
    wanted = f"{name} must be {kind} in {interval}; got {value!r}"
    if isinstance(value, bool) or not isinstance(value, Integral if integer else Real):
        raise ValueError(wanted)
    number = float(value)
    if math.isnan(number) or number > high or number < low or (low_open and number == low):
        raise ValueError(wanted)


def _fmt(bound: float) -> str:
    if math.isinf(bound):
        return "inf" if bound > 0 else "-inf"
    return f"{bound:g}"
