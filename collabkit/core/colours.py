"""Every colour the course shows, as CSS colour strings: the figures' palette, the colour
of each answer status, and the greys of feedback pages and widgets.

Plain strings, so the assessment core (which draws no figures) and the figures use the
same colours. The colours of HTML (statuses, borders, panels, small print) are JupyterLab
theme variables with a light-theme fallback, ``var(--jp-…, #hex)``: in JupyterLab's dark
theme they follow the theme, and on a static page (a feedback page) the fallback applies.
The figures' palette is plain hex (plotly draws on its own white background).
"""

from __future__ import annotations

#: The figures' palette: the hues of Okabe & Ito's (2008) colour-blind-safe palette, each made
#: dark enough for a contrast of at least 3:1 against the white plot background (WCAG 2.1,
#: success criterion 1.4.11 "Non-text Contrast"; the originals' orange, sky blue, yellow and
#: grey had 1.3–2.9:1), with the confusable pairs pulled apart in lightness (orange and
#: vermillion, purple and grey) so that they differ under protanopia and deuteranopia too.
#: Contrast against white, from :func:`collabkit.core.colour_vision.contrast_ratio`: blue
#: 5.2, orange 3.1, green 4.3, vermillion 5.4, sky 3.2, purple 6.0, grey 3.4, black 21.
#: ``yellow`` (1.3:1) is a fill only: a mark filled with it needs a dark outline
#: (:data:`OUTLINE`), which carries the contrast (the figures' "best" stars).
#: Figures that put two close colours side by side add a second cue (dash, marker symbol
#: or bar pattern): ``tests/figures/test_colour_vision.py`` checks every figure of the course.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#C68400",
    "green": "#008B62",
    "vermillion": "#B74500",
    "sky": "#3399CC",
    "purple": "#964875",
    "yellow": "#F0E442",
    "grey": "#8B8B8B",
    "black": "#000000",
}
#: Palette colours too light for a mark on their own: use them only with :data:`OUTLINE`.
FILL_ONLY = frozenset({"yellow"})
#: The outline of a mark filled with a :data:`FILL_ONLY` colour (or with a colour scale).
OUTLINE = "#000000"

#: A fully correct answer, or a result that is going well.
CORRECT = "var(--jp-success-color1, #1b7837)"
#: A partly right answer.
PARTIAL = "var(--jp-warn-color1, #b35806)"
#: A wrong answer, or a result that is going badly.
WRONG = "var(--jp-error-color1, #b2182b)"
#: Something the learner must fix: impossible settings, an answer that was not saved.
WARNING = WRONG
#: An answer recorded without a verdict (a graded item of an assessed release).
NEUTRAL = "var(--jp-brand-color1, #0072B2)"
#: Colour of each answer status (see ``Feedback.status``).
STATUS_COLOURS = {"correct": CORRECT, "partial": PARTIAL, "incorrect": WRONG}

#: Lines between table rows and around a question.
BORDER = "var(--jp-border-color2, #ddd)"
#: The empty part of a progress bar.
TRACK = "var(--jp-layout-color3, #eee)"
#: Small print, such as the attempt counter under feedback.
MUTED = "var(--jp-content-font-color2, #595959)"
#: Background of a worked solution (its text takes the theme's text colour).
PANEL = "var(--jp-layout-color2, #f4f6fb)"
#: Links between firms in network drawings (3.2:1 against white: the links are the content).
LINK = "#909090"


def translucent(colour: str, alpha: float) -> str:
    """``colour`` (``"#RRGGBB"``) as a CSS ``rgba(...)`` string with opacity ``alpha``.

    Parameters
    ----------
    colour
        A six-digit hex colour, e.g. ``PALETTE["blue"]``.
    alpha
        Opacity from 0 (invisible) to 1 (opaque).

    Returns
    -------
    str
        E.g. ``"rgba(0, 114, 178, 0.2)"``.
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha:g})"
