"""A student's progress: answered and correct questions per notebook section.

The latest answer to each question counts (a student may improve an answer); it is
re-scored with the key every time, exactly as the instructor's grading does.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from collabkit.assess.assessed import SealedQuestion
from collabkit.assess.questions import Question, instructor_graded
from collabkit.assess.session import Session
from collabkit.core.colours import CORRECT, TRACK

COLUMNS = [
    "notebook", "section", "title", "questions", "answered", "correct", "scored_later",
    "score", "max_score",
]  # fmt: skip


@dataclass(frozen=True)
class ProgressReport:
    """Progress per section as a tidy table, shown in a notebook as an HTML summary."""

    table: pd.DataFrame
    student_id: str
    #: Graded items of an assessed release: answered ones are recorded, scored after
    #: grading, and left out of the points here.
    graded_later: int = 0

    @property
    def score(self) -> float:
        return float(self.table["score"].sum())

    @property
    def max_score(self) -> float:
        return float(self.table["max_score"].sum())

    @property
    def complete(self) -> bool:
        """Every question answered, and fully correctly where the kit scores it (answers
        your instructor scores later count once answered); False without questions."""
        table = self.table
        done = (table["answered"] == table["questions"]) & (
            table["correct"] + table["scored_later"] == table["questions"]
        )
        return bool(len(table)) and bool(done.all())

    def _repr_html_(self) -> str:
        rows = []
        for row in self.table.itertuples():
            done = row.answered / row.questions if row.questions else 0
            bar = (
                f'<div style="background:{TRACK};width:120px;height:10px;display:inline-block">'
                f'<div style="background:{CORRECT};width:{done * 120:.0f}px;height:10px"></div>'
                "</div>"
            )
            rows.append(
                f'<tr><td>{row.notebook}</td><td style="text-align:left">'
                f"{html.escape(row.title)}</td>"
                f"<td>{bar} {row.answered}/{row.questions}</td><td>{row.correct}</td>"
                f"<td>{row.score:g} / {row.max_score:g}</td></tr>"
            )
        return (
            f"<p><b>Progress of {html.escape(self.student_id)}</b>: "
            f"{self.score:g} of {self.max_score:g} points.{self._later_note()}</p>"
            '<table style="text-align:left"><tr><th>Notebook</th><th>Section</th>'
            "<th>Answered</th><th>Correct</th><th>Points</th></tr>" + "".join(rows) + "</table>"
        )

    def _later_note(self) -> str:
        if not self.graded_later:
            return ""
        return (
            f" The {self.graded_later} graded-task questions are not in these points: your "
            "instructor scores them after the deadline."
        )

    def __repr__(self) -> str:
        return (
            f"Progress of {self.student_id}: {self.score:g} of {self.max_score:g} points."
            f"{self._later_note()}\n" + self.table.to_string(index=False)
        )


def summarize(
    questions: Sequence[Question],
    section_titles: Mapping[str, str],
    session: Session,
    notebook: str | None = None,
) -> ProgressReport:
    """Score the session's latest answers and summarise them per section.

    Parameters
    ----------
    questions
        The questions to report on (e.g. the whole course).
    section_titles
        Section id (``"01.pooling"``) to its title.
    session
        Whose answers.
    notebook
        Only this notebook (``"01"``), or all when None.
    """
    latest = session.latest_answers()
    rows = []
    for q in questions:
        if notebook is not None and q.notebook != notebook:
            continue
        record = latest.get(q.id)
        own = q.for_variant(q.variant_of(session.student_id))
        feedback = own.check(record.answer) if record else None
        later = isinstance(q, SealedQuestion) or instructor_graded(q)
        rows.append(
            {
                "notebook": q.notebook,
                "section": q.section,
                "title": section_titles.get(q.section, q.section),
                "questions": 1,
                "answered": int(record is not None),
                "correct": int(bool(feedback and feedback.correct and not later)),
                "scored_later": int(later),
                "score": feedback.score if feedback and not later else 0.0,
                "max_score": 0.0 if later else float(q.points),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    table = (
        frame.groupby(["notebook", "section", "title"], sort=False, as_index=False)
        .sum()
        .reindex(columns=COLUMNS)
    )
    graded_later = int(table["scored_later"].sum())
    return ProgressReport(table=table, student_id=session.student_id, graded_later=graded_later)
