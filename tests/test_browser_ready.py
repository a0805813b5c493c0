"""The kit in a browser-only notebook (JupyterLite, Pyodide): no ``resource`` module, no
JupyterLab, no way to start a process. ``import collabkit`` and every question still work;
a code answer is saved for the instructor's grading and says so.

Pyodide cannot run here, so a fresh interpreter is made to look like it: ``resource`` and
``jupyterlab`` cannot be imported, starting a process raises ``OSError``, and
``sys.platform`` reads ``emscripten`` once the libraries are loaded.
"""

from __future__ import annotations

import json

from tests.conftest import run_python

BROWSER_LIKE = """
import json, subprocess, sys
for name in ("resource", "jupyterlab", "_posixsubprocess"):
    sys.modules[name] = None
def no_processes(*args, **kwargs):
    raise OSError("a browser cannot start processes")
subprocess.Popen = no_processes
import collabkit
import collabkit.widgets.questions
from collabkit.course import all_questions
sys.platform = "emscripten"
checked = {}
for question in all_questions():
    feedback = question.check(question.key)
    checked[question.id] = [feedback.correct, feedback.submitted, feedback.message]
print(json.dumps(checked))
"""


def test_every_question_works_in_a_browser_only_notebook():
    checked = json.loads(run_python(BROWSER_LIKE).stdout.splitlines()[-1])
    code = checked.pop("04.costs.code")
    assert all(correct for correct, _, _ in checked.values()), checked
    correct, submitted, message = code
    assert (correct, submitted) == (False, True)
    assert "saved for your instructor" in message and "runs in the browser" in message
