"""Comparative case analysis: a structured comparison of a few cases.

A handful of cases, each asked the same questions (George & Bennett 2005, "structured,
focused comparison"), compared with J. S. Mill's (1843) two methods:

* **method of difference** (a *most similar* pair): two cases alike in every condition but
  one, with different outcomes; the one difference is the candidate cause;
* **method of agreement** (a *most different* set): cases with the same outcome; what they
  all share is the candidate cause.

With a handful of cases both methods can mislead: a shared condition may be a coincidence,
several conditions may act only together, and different routes may lead to the same
outcome (Lieberson 1991, "Small N's and big conclusions", *Social Forces* 70(2)). They
suggest explanations to check with more cases, QCA or a regression; they do not prove one.

References
----------
A. L. George and A. Bennett, *Case Studies and Theory Development in the Social Sciences*,
MIT Press, 2005. J. S. Mill, *A System of Logic*, 1843.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from collabkit.core.reading import Readable, Reading


@dataclass(frozen=True)
class CaseComparison(Readable):
    """A structured comparison of a few cases on crisp (in/out) conditions.

    Attributes
    ----------
    table : DataFrame
        One row per case (index: case id), one 0/1 column per condition and the outcome.
    outcome : str
        The outcome's column.
    differences : list of (str, str, str)
        Pairs of cases with different outcomes that differ in exactly one condition, and
        that condition (the method of difference).
    agreement : list of str
        The conditions (``name`` or ``~name``) every case with the outcome shares (the
        method of agreement).
    """

    table: pd.DataFrame
    outcome: str
    differences: list[tuple[str, str, str]]
    agreement: list[str]
    labels: dict[str, str] = field(default_factory=dict)

    def _name(self, case: str) -> str:
        return self.labels.get(case, case)

    def reading(self) -> Reading:
        """Both methods' findings in sentences, with the warning; the table behind the
        toggle."""
        name = self.outcome.replace("_", " ")
        parts = []
        for first, second, condition in self.differences:
            better = first if self.table.loc[first, self.outcome] else second
            parts.append(
                f"Method of difference: {self._name(first)} and {self._name(second)} differ "
                f"only in {condition.replace('_', ' ')}, and only {self._name(better)} has "
                f"{name}."
            )
        winners = list(self.table.index[self.table[self.outcome] == 1])
        if len(winners) > 1:
            shared = (
                " and ".join(c.replace("_", " ").replace("~", "not ") for c in self.agreement)
                or "no condition"
            )
            parts.append(
                f"Method of agreement: the cases with {name} "
                f"({', '.join(map(self._name, winners))}) share {shared}."
            )
        parts.append(
            "With so few cases a shared condition can be a coincidence: these are leads to "
            "test on more cases, not proof."
        )
        return Reading(" ".join(parts), self.table)


def compare_cases(
    members: pd.DataFrame,
    outcome: str,
    cases: Sequence[str],
    conditions: Sequence[str],
    labels: Mapping[str, str] | None = None,
) -> CaseComparison:
    """Compare ``cases`` on ``conditions`` and ``outcome``, each read as in (membership
    above 0.5) or out.

    Parameters
    ----------
    members
        Calibrated memberships, one row per case (index: case id).
    outcome
        The outcome's column.
    cases
        The case ids to compare (at least two).
    conditions
        The condition columns, in the order to show them.
    labels
        Case id → the name to use in sentences (default: the id).

    Returns
    -------
    CaseComparison

    Raises
    ------
    ValueError
        For fewer than two cases, unknown cases or columns.
    """
    if len(cases) < 2:
        raise ValueError(f"cases: compare at least two, got {len(cases)}")
    missing = [c for c in cases if c not in members.index]
    if missing:
        raise ValueError(f"cases: not in members: {', '.join(map(str, missing))}")
    columns = [*conditions, outcome]
    unknown = [c for c in columns if c not in members.columns]
    if unknown:
        raise ValueError(f"conditions/outcome: not columns of members: {', '.join(unknown)}")
    table = (members.loc[list(cases), columns] > 0.5).astype(int)
    differences = []
    for first, second in combinations(table.index, 2):
        if table.loc[first, outcome] == table.loc[second, outcome]:
            continue
        differ = [c for c in conditions if table.loc[first, c] != table.loc[second, c]]
        if len(differ) == 1:
            differences.append((first, second, differ[0]))
    winners = table[table[outcome] == 1]
    agreement = [
        c if winners[c].iloc[0] else f"~{c}"
        for c in conditions
        if len(winners) > 1 and winners[c].nunique() == 1
    ]
    return CaseComparison(table, outcome, differences, agreement, dict(labels or {}))
