"""How readable a colour is: contrast against a background, and colour differences as people
with the common colour-vision deficiencies see them.

Plain Python (no plotly), used by the figures' tests and by anyone choosing a colour for the
kit (:mod:`collabkit.core.colours`).

* **Contrast.** WCAG 2.1 (W3C Recommendation, 5 June 2018), success criterion 1.4.11
  *Non-text Contrast* (level AA): the parts of a graphic needed to understand it (lines,
  markers, bars) have a contrast ratio of at least 3:1 against adjacent colours, here the
  plot's background. :func:`relative_luminance` and :func:`contrast_ratio` follow WCAG 2.1's
  definitions of *relative luminance* and *contrast ratio*.
* **Colour-vision deficiency.** :func:`simulate` applies the model of G. M. Machado, M. M.
  Oliveira and L. A. F. Fernandes, "A physiologically-based model for simulation of color
  vision deficiency", *IEEE Transactions on Visualization and Computer Graphics* 15(6),
  1291–1298 (2009), at severity 1.0 (protanopia, deuteranopia: a missing L or M cone type;
  together about 2 % of men, and the milder anomalous forms about 6 % more). The matrices
  act on linear RGB.
* **Colour difference.** :func:`delta_e` is CIEDE2000 (CIE 142-2001), implemented after
  G. Sharma, W. Wu and E. N. Dalal, "The CIEDE2000 color-difference formula: implementation
  notes, supplementary test data, and mathematical observations", *Color Research and
  Application* 30(1), 21–30 (2005), on CIELAB under D65.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

Deficiency = Literal["protanopia", "deuteranopia"]
RGB = tuple[float, float, float]
Lab = tuple[float, float, float]

#: WCAG 2.1 SC 1.4.11: lines, markers and bars against the plot's background.
NON_TEXT_CONTRAST = 3.0

#: Smallest CIEDE2000 difference at which two series of one figure count as told apart by
#: colour alone, in normal vision and under each simulated deficiency. A just-noticeable
#: difference between large patches side by side is about 1–2; series are thin lines and
#: small markers matched against a small legend key, which needs far more (M. Stone,
#: D. Albers Szafir and V. Setlur, "An engineering model for color difference as a function
#: of size", Color and Imaging Conference 2014). Under the old palette's deuteranopia
#: simulation, the net-benefit bars reported to "read as the same grey" differed by 6–11;
#: 15 lies clearly above that. Pairs closer than this need a second cue (dash, marker
#: symbol, bar pattern or a direct label).
DISTINCT_DELTA_E = 15.0

#: Machado, Oliveira & Fernandes (2009), table "severity 1.0" (rows: R, G, B out).
MACHADO_2009: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}

_NAMED: dict[str, RGB] = {"white": (1.0, 1.0, 1.0), "black": (0.0, 0.0, 0.0)}
_RGBA = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)")


def parse_colour(colour: str) -> tuple[RGB, float]:
    """A CSS colour as sRGB components from 0 to 1, and its opacity.

    Parameters
    ----------
    colour
        Six or three hex digits after ``#``, the CSS functions ``rgb`` and ``rgba`` (0–255
        per channel, opacity 0–1), ``"white"`` or ``"black"``.

    Returns
    -------
    tuple
        ``((r, g, b), alpha)``.
    """
    text = colour.strip()
    if text.lower() in _NAMED:
        return _NAMED[text.lower()], 1.0
    if text.startswith("#") and len(text) in (4, 7):
        digits = text[1:] if len(text) == 7 else "".join(c * 2 for c in text[1:])
        red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return (red, green, blue), 1.0
    match = _RGBA.fullmatch(text)
    if match is None:
        raise ValueError(
            f"colour must be # and six or three hex digits, or CSS rgb or rgba; got {colour!r}"
        )
    red, green, blue = (float(match.group(i)) / 255 for i in (1, 2, 3))
    alpha = float(match.group(4)) if match.group(4) is not None else 1.0
    return (red, green, blue), alpha


def to_hex(rgb: Sequence[float]) -> str:
    """sRGB components from 0 to 1 as ``"#RRGGBB"`` (clipped to the gamut)."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in rgb)


def over(colour: str, background: str = "white", alpha: float = 1.0) -> str:
    """The colour seen when ``colour`` (with its own opacity, times ``alpha``) is painted on
    ``background``: the browser's sRGB compositing, as ``"#RRGGBB"``."""
    rgb, own = parse_colour(colour)
    base, _ = parse_colour(background)
    a = own * alpha
    return to_hex([a * c + (1 - a) * b for c, b in zip(rgb, base, strict=True)])


def _linear(channel: float) -> float:
    """sRGB → linear RGB (IEC 61966-2-1)."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _encode(channel: float) -> float:
    """Linear RGB → sRGB (IEC 61966-2-1)."""
    channel = min(max(channel, 0.0), 1.0)
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance: 0 for black, 1 for white.

    ``L = 0.2126 R + 0.7152 G + 0.0722 B`` of the linearised channels (WCAG 2.1 writes the
    sRGB threshold as 0.03928, the sRGB standard as 0.04045; no 8-bit value lies between).
    """
    red, green, blue = (_linear(c) for c in parse_colour(colour)[0])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str = "white") -> float:
    """WCAG 2.1 contrast ratio ``(L1 + 0.05) / (L2 + 0.05)``, lighter over darker: from 1
    (no contrast) to 21 (black on white); the mid grey 118, 118, 118 has 4.54 on white."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def simulate(colour: str, deficiency: Deficiency) -> str:
    """How ``colour`` looks with a colour-vision deficiency (Machado et al. 2009, severity
    1.0, applied in linear RGB), as ``"#RRGGBB"``.

    Parameters
    ----------
    colour
        Any colour :func:`parse_colour` reads (its opacity is ignored).
    deficiency
        ``"protanopia"`` or ``"deuteranopia"``.
    """
    matrix = MACHADO_2009[deficiency]
    linear = [_linear(c) for c in parse_colour(colour)[0]]
    out = [sum(m * c for m, c in zip(row, linear, strict=True)) for row in matrix]
    return to_hex([_encode(c) for c in out])


def to_lab(colour: str) -> Lab:
    """CIELAB (D65 white) of an sRGB colour."""
    red, green, blue = (_linear(c) for c in parse_colour(colour)[0])
    x = (0.4124564 * red + 0.3575761 * green + 0.1804375 * blue) / 0.95047
    y = 0.2126729 * red + 0.7151522 * green + 0.0721750 * blue
    z = (0.0193339 * red + 0.1191920 * green + 0.9503041 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_lab(first: Lab, second: Lab) -> float:
    """CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu & Dalal 2005)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2 + r_t * (dc / s_c) * (dh_big / s_h)
    )


def delta_e(first: str, second: str, deficiency: Deficiency | None = None) -> float:
    """CIEDE2000 difference of two colours, as seen with ``deficiency`` (or normal vision)."""
    if deficiency is not None:
        first, second = simulate(first, deficiency), simulate(second, deficiency)
    return delta_e_lab(to_lab(first), to_lab(second))


def least_difference(first: str, second: str) -> float:
    """The smallest CIEDE2000 difference of two colours in normal vision, protanopia and
    deuteranopia: compare it with :data:`DISTINCT_DELTA_E`."""
    return min(delta_e(first, second, d) for d in (None, "protanopia", "deuteranopia"))
