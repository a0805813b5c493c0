"""Contrast, colour-vision simulation and colour difference, checked against published values
and an independent computation.

WCAG 2.1 (W3C, 2018): relative luminance and contrast ratio. Machado, Oliveira & Fernandes
(2009): the simulation matrices. Sharma, Wu & Dalal (2005): the CIEDE2000 test data.
"""

from __future__ import annotations

import pytest

from collabkit.core import colour_vision as cv
from collabkit.core.colours import FILL_ONLY, LINK, OUTLINE, PALETTE


def wcag_luminance(hex_colour: str) -> float:
    """WCAG 2.1's relative luminance, written out here from the definition (not the kit's)."""
    channels = []
    for i in (1, 3, 5):
        srgb = int(hex_colour[i : i + 2], 16) / 255
        channels.append(srgb / 12.92 if srgb <= 0.03928 else ((srgb + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def wcag_contrast(first: str, second: str) -> float:
    high, low = sorted((wcag_luminance(first), wcag_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- contrast -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#000000", 21.0), ("#FFFFFF", 1.0), ("#767676", 4.54), ("#777777", 4.48), ("#959595", 3.0)],
)
def test_contrast_ratio_matches_the_published_wcag_values(colour, ratio):
    # #767676 is the lightest grey with 4.5:1 on white, #777777 just misses it; #959595 is
    # the lightest grey at 3:1 (rounded), the bar for lines and markers.
    assert cv.contrast_ratio(colour, "#FFFFFF") == pytest.approx(ratio, abs=0.005)
    assert cv.contrast_ratio("#FFFFFF", colour) == cv.contrast_ratio(colour, "#FFFFFF")


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_palette_agrees_with_an_independent_luminance_computation(name):
    colour = PALETTE[name]
    assert cv.relative_luminance(colour) == pytest.approx(wcag_luminance(colour), abs=1e-9)
    assert cv.contrast_ratio(colour) == pytest.approx(wcag_contrast(colour, "#FFFFFF"))


@pytest.mark.parametrize("name", sorted(set(PALETTE) - FILL_ONLY))
def test_every_palette_colour_for_lines_markers_and_bars_has_3_to_1_on_white(name):
    """WCAG 2.1, success criterion 1.4.11 (Non-text Contrast): at least 3:1."""
    assert wcag_contrast(PALETTE[name], "#FFFFFF") >= cv.NON_TEXT_CONTRAST, name


def test_fill_only_colours_are_light_and_their_outline_carries_the_contrast():
    for name in FILL_ONLY:
        assert wcag_contrast(PALETTE[name], "#FFFFFF") < cv.NON_TEXT_CONTRAST
    assert wcag_contrast(OUTLINE, "#FFFFFF") >= cv.NON_TEXT_CONTRAST
    assert wcag_contrast(LINK, "#FFFFFF") >= cv.NON_TEXT_CONTRAST  # links are the content


def test_the_okabe_ito_originals_failed_the_contrast_rule():
    """What the issue reported: orange, sky blue, yellow and grey under 3:1 on white."""
    originals = {"orange": "#E69F00", "sky": "#56B4E9", "yellow": "#F0E442", "grey": "#999999"}
    assert all(wcag_contrast(c, "#FFFFFF") < 3 for c in originals.values())


def test_painting_with_opacity_blends_towards_the_background():
    assert cv.over("#000000", "#FFFFFF", 0.5) in ("#7F7F7F", "#808080")
    assert cv.over("rgba(0, 0, 0, 0.5)") == cv.over("#000000", alpha=0.5)
    assert cv.over(PALETTE["blue"]) == PALETTE["blue"]


def test_parse_colour_reads_the_forms_figures_use_and_rejects_others():
    assert cv.parse_colour("#fff") == ((1.0, 1.0, 1.0), 1.0)
    assert cv.parse_colour("white") == ((1.0, 1.0, 1.0), 1.0)
    assert cv.parse_colour("rgba(0, 114, 178, 0.2)")[1] == 0.2
    with pytest.raises(ValueError, match="colour must be"):
        cv.parse_colour("Viridis")


# --- CIELAB and CIEDE2000 ------------------------------------------------------------------

# Sharma, Wu & Dalal (2005), table 1: (L*, a*, b*) pairs and their CIEDE2000 difference.
SHARMA_2005 = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.4900, -0.0010), (50.0, -2.4900, 0.0009), 7.1792),
    ((50.0, 2.4900, -0.0010), (50.0, -2.4900, 0.0011), 7.2195),
    ((50.0, -0.0010, 2.4900), (50.0, 0.0011, -2.4900), 4.7461),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
]


@pytest.mark.parametrize(("first", "second", "expected"), SHARMA_2005)
def test_ciede2000_reproduces_sharma_wu_dalal_test_data(first, second, expected):
    assert cv.delta_e_lab(first, second) == pytest.approx(expected, abs=1e-4)
    assert cv.delta_e_lab(second, first) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("colour", "lab"),
    [
        ("#FFFFFF", (100.0, 0.0, 0.0)),
        ("#000000", (0.0, 0.0, 0.0)),
        ("#FF0000", (53.24, 80.09, 67.20)),
        ("#00FF00", (87.73, -86.18, 83.18)),
        ("#0000FF", (32.30, 79.19, -107.86)),
    ],
)
def test_cielab_of_srgb_primaries(colour, lab):
    assert cv.to_lab(colour) == pytest.approx(lab, abs=0.02)


# --- Machado et al. (2009) -----------------------------------------------------------------


@pytest.mark.parametrize("deficiency", ["protanopia", "deuteranopia"])
def test_simulation_keeps_greys_and_acts_on_linear_rgb(deficiency):
    for grey in ("#000000", "#404040", "#808080", "#FFFFFF"):
        assert cv.delta_e(cv.simulate(grey, deficiency), grey) < 0.5
    # pure red: the matrix's first column, in linear RGB, then encoded (negatives clipped)
    column = [row[0] for row in cv.MACHADO_2009[deficiency]]
    expected = cv.to_hex(
        [1.055 * max(c, 0) ** (1 / 2.4) - 0.055 if c > 0.0031308 else 12.92 * max(c, 0)
         for c in column]
    )  # fmt: skip
    assert cv.simulate("#FF0000", deficiency) == expected


@pytest.mark.parametrize("deficiency", ["protanopia", "deuteranopia"])
def test_simulation_collapses_red_green_and_keeps_blue_yellow(deficiency):
    red_green = ("#D03030", "#30A030")  # a classic confusion pair
    blue_yellow = ("#2040C0", "#E0C020")
    assert cv.delta_e(*red_green, deficiency) < 0.5 * cv.delta_e(*red_green)
    assert cv.delta_e(*blue_yellow, deficiency) > 0.7 * cv.delta_e(*blue_yellow)


def test_the_old_net_benefit_bars_that_read_as_one_grey_are_below_the_threshold():
    """The issue: in a deuteranopia simulation, three categories of the 04 net-benefit bars
    (gross value, 55 % opaque green; dilution, purple; dependence, grey) read as the same
    grey. Their differences must fall below the threshold, or it would not catch them."""
    gross = cv.over("#009E73", alpha=0.55)
    dilution, dependence = "#CC79A7", "#999999"
    for first, second in ((gross, dilution), (gross, dependence), (dilution, dependence)):
        assert cv.delta_e(first, second, "deuteranopia") < cv.DISTINCT_DELTA_E
        assert cv.delta_e(first, second) > cv.DISTINCT_DELTA_E  # fine in normal vision
