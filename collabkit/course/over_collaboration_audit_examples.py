"""The two firms notebook 04 runs the collaboration audit on: a bakery to try it out, and
Kestrel Print, the case firm of the graded task.

Both tables have the columns of
:data:`~collabkit.course.over_collaboration_audit_table.AUDIT_COLUMNS`; their figures are
invented but plausible for small firms of their kind, so the audit's flags teach something.
"""

from __future__ import annotations

import math

import pandas as pd

from collabkit.course.over_collaboration_audit_table import AUDIT_COLUMNS


def example_audit() -> pd.DataFrame:
    """A craft bakery's six partnerships, the starting content of the notebook's table.

    The figures are invented but plausible for a small bakery with a shop and wholesale
    customers. At the default ``hour_value`` (60 €) and ``time_budget`` (60 h) it trips
    three flags: strategic network selection and value-adding collaboration (the town
    marketing club), and regular evaluation (two partnerships not reviewed for over a
    year or never).

    Returns
    -------
    DataFrame
        The columns of :data:`AUDIT_COLUMNS`, as numbers (blank review as NaN); a new frame
        on each call, so a learner editing it changes no one else's copy.
    """
    rows = [
        ("Hofer flour mill", 3, 20_000, 5, 25, 6),
        ("Café Central", 2, 9_000, 4, 10, 10),
        ("Organic farmers' co-op", 4, 7_500, 4, 8, 9),
        ("Town marketing club", 5, 2_000, 2, 0, 30),
        ("Hotel Seeblick", 2, 11_000, 4, 10, math.nan),
        ("Koch catering", 3, 6_000, 3, 5, 4),
    ]
    return pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))


#: Kestrel Print, the case firm of notebook 04's graded task: a print shop with twelve
#: partnerships, one row each in the order of :data:`AUDIT_COLUMNS` (a blank review is
#: ``None``). Five of them fit its strategy poorly or cost more time than they bring. These
#: are the practice figures; an assessed course draws its own around them.
KESTREL_PRINT_ROWS = (
    ("Northside Paper Supply", 4, 14_000, 5, 12, 6),
    ("Harbour Distribution", 6, 26_000, 5, 35, 8),
    ("Grey Owl Design Studio", 5, 9_000, 4, 5, 10),
    ("Pixel & Press", 6, 3_000, 2, 3, 14),
    ("Lindqvist Print", 5, 2_500, 2, 2, 20),
    ("City Events Office", 3, 8_000, 4, 8, 5),
    ("Bookbinders' Guild", 4, 2_000, 3, 1, 26),
    ("University Press Office", 2, 7_500, 4, 6, 3),
    ("Regional Business Forum", 6, 1_500, 1, 0, None),
    ("Ink Recycling Co.", 1, 1_800, 3, 1, 11),
    ("Summit Marketing Agency", 3, 6_500, 4, 4, 9),
    ("Old Town Traders' Association", 4, 2_400, 2, 2, 18),
)

#: :data:`KESTREL_PRINT_ROWS` as the audit's table.
KESTREL_PRINT = pd.DataFrame(KESTREL_PRINT_ROWS, columns=list(AUDIT_COLUMNS))
