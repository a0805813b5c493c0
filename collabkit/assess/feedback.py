"""The result of checking one answer."""

from __future__ import annotations

import html
from dataclasses import dataclass

from collabkit.core.colours import NEUTRAL, STATUS_COLOURS


@dataclass(frozen=True)
class Feedback:
    """What a student (and the gradebook) learns from one checked answer.

    Attributes
    ----------
    score
        Points earned, ``0 <= score <= max_score``.
    max_score
        Points the question is worth.
    correct
        True only for a fully correct answer.
    message
        Why the answer earned what it did; names the misconception behind a wrong answer.
    hint
        A nudge for the next attempt (empty when the answer is correct).
    readable
        False when the answer was blank or could not be read: it is not an attempt and is
        not recorded.
    recorded
        True for a graded item of an assessed release: the answer was recorded and only
        its format was checked; its score comes when the instructor publishes feedback.
    submitted
        True for an instructor-graded answer: the instructor's reading is the grade, so no
        verdict and no points are shown; ``message`` is the keyword self-check, a guide.

    Examples
    --------
    >>> feedback = Feedback(score=0.5, max_score=2.0, correct=False, message="One of four.")
    >>> feedback.fraction, feedback.status
    (0.25, 'partial')
    """

    score: float
    max_score: float
    correct: bool
    message: str
    hint: str = ""
    readable: bool = True
    recorded: bool = False
    submitted: bool = False

    @property
    def fraction(self) -> float:
        """Share of the points earned, in [0, 1]."""
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def status(self) -> str:
        """``"correct"``, ``"partial"`` or ``"incorrect"``."""
        if self.correct:
            return "correct"
        return "partial" if self.score > 0 else "incorrect"

    def to_html(self, *, show_hint: bool = True) -> str:
        """Feedback as a small coloured HTML box (used by widgets and in notebooks)."""
        if self.recorded or self.submitted or not self.readable:  # no verdict
            if not self.readable:
                label = "Not recorded."
            else:
                label = "Submitted for your instructor." if self.submitted else "Recorded."
            return (
                f'<div class="collabkit-feedback-box" style="border-left:4px solid {NEUTRAL};'
                f'padding:4px 10px;margin:4px 0;"><b>{label}</b> '
                f"{html.escape(self.message).replace(chr(10), '<br>')}</div>"
            )
        labels = {"correct": "Correct", "partial": "Partly right", "incorrect": "Not yet"}
        colour = STATUS_COLOURS[self.status]
        parts = [
            f'<div class="collabkit-feedback-box" style="border-left:4px solid {colour};'
            'padding:4px 10px;margin:4px 0;">',
            f'<b style="color:{colour}">{labels[self.status]}</b> '
            f"({round(self.score, 2):g} of {self.max_score:g} "
            f"point{'' if self.max_score == 1 else 's'}). "
            f"{html.escape(self.message).replace(chr(10), '<br>')}",
        ]
        if show_hint and self.hint and not self.correct:
            parts.append(f"<br><i>Hint:</i> {html.escape(self.hint)}")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()
