"""collabkit: an interactive course on collaborative networks of small and medium-sized businesses.

The package is imported by every notebook, so importing it is cheap: the public names
below are loaded on first use (PEP 562 module ``__getattr__``), and plotly, ipywidgets
and pandas are only imported by the parts that need them.

Public entry points
-------------------
start(student_id=None, self_study=False)
    Begin a session: who is answering and where answers are kept.
ask(question_id)
    Show a question widget in a notebook.
answer(question_id, value)
    Answer a question from code; shows feedback and records the answer.
progress(notebook=None)
    Answered and correct questions per notebook section.
all_questions()
    Every question of the course, each with ``.id``, ``.points`` and ``.check(answer)``.
node_metrics(G), network_metrics(G)
    Social network analysis of a networkx graph of firms (see ``collabkit.analysis``).
turning_point(x, y), u_test(x, y)
    Where an inverted U turns, with a confidence interval, and the Lind–Mehlum U-test.

Examples
--------
>>> import collabkit
>>> collabkit.get_question("00.practice.slider").check("11250").correct
True
"""

from __future__ import annotations

import importlib
from typing import Any

from collabkit import _compat
from collabkit._version import __version__

_compat.install()  # old module paths of notebooks already handed out

_LAZY: dict[str, str] = {
    "Feedback": "collabkit.assess.feedback",
    "start": "collabkit.assess.session",
    "progress": "collabkit.course",
    "answer": "collabkit.widgets.questions",
    "ask": "collabkit.widgets.questions",
    "solution": "collabkit.widgets.questions",
    "all_questions": "collabkit.course",
    "get_question": "collabkit.course",
    "node_metrics": "collabkit.analysis.network",
    "network_metrics": "collabkit.analysis.network",
    "simulate_platform": "collabkit.models.platform",
    "PLATFORM_PRESETS": "collabkit.models.platform",
    "classify_trajectory": "collabkit.analysis.trajectory",
    "explain_trajectory": "collabkit.analysis.trajectory",
    "turning_point": "collabkit.analysis.inverted_u",
    "u_test": "collabkit.analysis.inverted_u",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    try:
        module = importlib.import_module(_LAZY[name])
    except KeyError:
        raise AttributeError(f"module 'collabkit' has no attribute {name!r}") from None
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
