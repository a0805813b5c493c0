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
collabkit.chapters.<chapter>
    What one notebook's cells use (explorers, data, analysis), e.g.
    ``from collabkit.chapters import fundamentals as chapter``.

Examples
--------
>>> import collabkit
>>> collabkit.get_question("00.practice.slider").check("11250").correct
True
"""

from __future__ import annotations

from collabkit import _compat
from collabkit._version import __version__
from collabkit.core.lazy import lazy_exports

_compat.install()  # old module paths of notebooks already handed out

_PUBLIC, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "collabkit.assess.feedback": ("Feedback",),
        "collabkit.assess.session": ("start",),
        "collabkit.course": ("all_questions", "get_question", "progress"),
        "collabkit.widgets.questions": ("answer", "ask", "solution"),
        "collabkit.analysis.network": ("network_metrics", "node_metrics"),
        "collabkit.models.platform": ("PLATFORM_PRESETS", "simulate_platform"),
        "collabkit.analysis.trajectory": ("classify_trajectory", "explain_trajectory"),
        "collabkit.analysis.inverted_u": ("turning_point", "u_test"),
    },
)
__all__ = ["__version__", *_PUBLIC]
