"""Every colour the course shows, as CSS colour strings: the figures' palette, the colour
of each answer status, and the greys of feedback pages and widgets.

Plain strings, so the assessment core (which draws no figures) and the figures use the
same colours. The colours of HTML (statuses, borders, panels, small print) are JupyterLab
theme variables with a light-theme fallback, ``var(--jp-…, #hex)``: in JupyterLab's dark
theme they follow the theme, and on a static page (a feedback page) the fallback applies.
The figures' palette is plain hex (plotly draws on its own white background).
"""

from __future__ import annotations

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
    "black": "#000000",
}

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
#: Links between firms in network drawings.
LINK = "#bbbbbb"


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
