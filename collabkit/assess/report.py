"""Item analysis of a graded class, from ``scores_long.csv`` (written by ``collabkit grade``).

Per question:

* ``not_answered``: students with no counted answer (none, or only blank or unreadable
  ones); ``wrong``: students whose counted answer is not fully right;
* ``difficulty``: mean share of the points earned (classical test theory's p value;
  low = hard);
* ``discrimination``: item–rest correlation, the Pearson correlation between the item's
  score and each student's total on the *other* items of the notebook (how well the item
  separates strong from weak students; near 0 or negative = look at the item);
* ``attempts_before_correct``: mean number of failed attempts before the first correct one,
  among students who got there (code answers leave it empty: grading does not run their
  earlier attempts);
* ``answered_after_solution``: students whose counted answer came after they opened the
  worked solution of a graded item (scored 0);
* the most common wrong answers, with the feedback they received (which names the
  misconception).

The chart and the HTML page of the analysis are drawn by :mod:`collabkit.figures.report`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collabkit.assess.gradebook import AWAITING

COLUMNS = [
    "notebook", "question_id", "students", "not_answered", "wrong", "difficulty",
    "discrimination", "attempts_before_correct", "answered_after_solution",
    "common_wrong_answers",
]  # fmt: skip


def item_analysis(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per question (see module docstring); instructor-graded answers still
    awaiting the instructor's score are left out (their 0 is not a score yet)."""
    if "status" in scores:
        scores = scores[scores["status"].astype(str) != AWAITING]
    scores = scores.assign(fraction=scores["score"] / scores["max_score"])
    totals = scores.groupby(["student_id", "notebook"])["score"].transform("sum")
    scores = scores.assign(rest=totals - scores["score"])
    rows = []
    for (notebook, qid), item in scores.groupby(["notebook", "question_id"], sort=False):
        fraction = item["fraction"].to_numpy(dtype=float)
        rest = item["rest"].to_numpy(dtype=float)
        varies = fraction.std() > 0 and rest.std() > 0
        discrimination = float(np.corrcoef(fraction, rest)[0, 1]) if varies else float("nan")
        correct = item[item["correct"].astype(str) == "True"]
        firsts = pd.to_numeric(correct["first_correct_attempt"], errors="coerce").dropna()
        answered = pd.to_numeric(item["attempts"], errors="coerce").fillna(0) > 0
        wrong = item[(item["correct"].astype(str) != "True") & answered]
        common = (
            wrong.groupby("answer")["feedback"].agg(["size", "first"])
            .sort_values("size", ascending=False).head(3)
        )  # fmt: skip
        described = " | ".join(
            f"{answer!s:.40} ×{row['size']}: {row['first']:.120}"
            for answer, row in common.iterrows()
        )
        after = item.get("after_solution", pd.Series(dtype=str)).astype(str) == "True"
        rows.append(
            [notebook, qid, len(item), int((~answered).sum()), len(wrong),
             float(fraction.mean()), discrimination,
             float((firsts - 1).mean()) if len(firsts) else float("nan"), int(after.sum()),
             described]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)
