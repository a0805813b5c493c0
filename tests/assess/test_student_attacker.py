"""A student who wants the grade without the work, in the kernel of an assessed release.

Each route a student has is tried in a real kernel running a released notebook: the public
API, the question objects' attributes, objects left in memory, self-study, blank attempts,
attempts past the limit, and reading the package's files and the notebook's metadata. None
may yield a graded key of the release (in any usual number format) or its worked solution.
The same routes in practice mode still give students their worked solutions.
"""

from __future__ import annotations

import json
import re

import pytest

import collabkit
from collabkit.assess.release import numeric_key_forms
from collabkit.course import NOTEBOOKS as COURSE
from collabkit.course import graded_task
from tests.assessed_release import AssessedRelease, execute, make_release, printed

pytestmark = pytest.mark.slow  # runs released notebooks in a kernel

GRADED_NOTEBOOKS = [n.number for n in COURSE if graded_task(n.number) is not None]

ATTACK = """
import dataclasses, gc, json, pathlib
import collabkit
from collabkit.assess.questions import Question
from collabkit.assess.session import current_session
import collabkit.widgets.questions as wq
GRADED = GRADED_IDS
loot = {}

def grab(name, thunk):
    try:
        loot[name] = repr(thunk())
    except Exception as err:
        loot[name] = f"refused: {type(err).__name__}: {err}"

for q in collabkit.all_questions():
    if q.id in GRADED:
        grab(f"{q.id} key", lambda: q.key)
        grab(f"{q.id} fields", lambda: dataclasses.asdict(q))
        grab(f"{q.id} vars", lambda: vars(q))
        grab(f"{q.id} variant", lambda: vars(q.for_variant(q.variant_of("classmate"))))
for qid in GRADED:
    grab(f"{qid} get_question", lambda: vars(collabkit.get_question(qid)))
    for _ in range(5):  # blank clicks are not attempts and unlock nothing
        collabkit.answer(qid, "")
    grab(f"{qid} solution after blanks",
         lambda: wq.solution_html(collabkit.get_question(qid), current_session()))
collabkit.start(self_study=True)
loot["self_study notice"] = current_session()._repr_html_()
for qid in GRADED:
    q = collabkit.get_question(qid)
    loot[f"{qid} self-study solution"] = wq.solution_html(q, current_session())
    some = {"numeric": "1", "choice": next(iter(q.options), "a"),
            "multi": list(q.options)[:1], "text": "an answer in my own words",
            "classify": dict(zip(q.items[:1], q.categories[:1])),
            "table": ["a row"], "graph": [["a firm", "another firm"]],
            "rubric": {"pairs": [list(q.choices[:2])], "levers": {"platform_share": 0.5}}.get(
                q.answer_format, "my answer")}[q.shape]
    for n in range(5):  # past the limit nothing more is recorded
        collabkit.answer(qid, some)
    loot[f"{qid} attempts recorded"] = current_session().attempts(qid)
gc.collect()
loot["memory"] = repr([vars(o) for o in gc.get_objects()
                       if isinstance(o, Question) and getattr(o, "id", "") in GRADED])
loot["dataclasses in memory"] = repr([o for o in gc.get_objects()
                                      if dataclasses.is_dataclass(o) and not isinstance(o, type)
                                      and type(o).__module__.startswith("collabkit")])
package = pathlib.Path(collabkit.__file__).parent
loot["package files"] = "\\n".join(
    p.read_text(errors="ignore") for p in package.rglob("*") if p.is_file()
    and p.suffix in (".py", ".csv", ".json", ".txt", ".md")
)
print("LOOT" + json.dumps(loot))
"""


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> AssessedRelease:
    return make_release(tmp_path_factory.mktemp("attacked"))


def _windows(text: str, size: int = 8) -> set[str]:
    words = text.split()
    return {" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 1))}


def _key_texts(question) -> set[str]:
    """How a key of ``question`` would show if it leaked: its numeric key in the usual
    formats, and every stretch of its worked explanation or model answer that is specific
    to this course (text shared with the open practice version is public anyway)."""
    practice_task = graded_task(question.notebook)
    practice = practice_task.question(practice_task.practice, question.id)
    texts = set()
    if isinstance(question.key, float) and question.key != practice.key:
        texts |= numeric_key_forms(question.key)
    if isinstance(question.key, dict) and question.key != practice.key:  # e.g. a plan's levers
        texts.add(", ".join(f"{name}={value!r}" for name, value in question.key.items()))
    for field in ("explanation", "model_answer"):
        mine, open_text = getattr(question, field, ""), getattr(practice, field, "")
        if isinstance(mine, str) and isinstance(open_text, str):
            texts |= _windows(mine) - _windows(open_text)
    return texts


@pytest.fixture(scope="module", params=GRADED_NOTEBOOKS)
def attacked(request, release, tmp_path_factory):
    number = request.param
    graded = sorted(release.keys(number))
    code = ATTACK.replace("GRADED_IDS", repr(graded))
    nb = execute(release.notebook(number), [code], tmp_path_factory.mktemp(f"attack{number}"))
    return number, printed(nb, "LOOT")


def _shows(text: str, key_text: str) -> bool:
    """``key_text`` appears in ``text``; a number only where a number starts (``9.39`` is
    found in ``estimate=9.3912`` but not in a clock reading such as ``1764739.394``)."""
    if re.fullmatch(r"[\d.,]+", key_text):
        return re.search(rf"(?<![\d.,]){re.escape(key_text)}", text) is not None
    return key_text in text


def test_no_route_gives_a_graded_key(attacked, release):
    number, loot = attacked
    secrets = {t for q in release.keyed.values() if q.notebook == number for t in _key_texts(q)}
    assert len(secrets) > 10, "the release has course-specific keys to look for"
    for route, found in loot.items():
        leaked = sorted(t for t in secrets if _shows(str(found), t))
        assert not leaked, f"{route} gives away {leaked}"


def test_graded_items_have_no_key_and_no_solution(attacked):
    number, loot = attacked
    keys = {route: text for route, text in loot.items() if route.endswith(" key")}
    assert keys and all(text.startswith("refused: AttributeError") for text in keys.values())
    for route, text in loot.items():
        if "solution" in route:
            assert "Worked solution" not in text and "stays closed" in text, route
    assert "solutions are closed for graded tasks" in loot["self_study notice"]


def test_attempts_past_the_limit_are_not_recorded(attacked, release):
    _, loot = attacked
    counts = [n for route, n in loot.items() if route.endswith("attempts recorded")]
    assert counts and all(n == 3 for n in counts)


def test_the_released_notebook_file_holds_no_key(release):
    for number in sorted({q.notebook for q in release.keyed.values()}):
        text = release.notebook(number).read_text()
        metadata = json.dumps(json.loads(text)["metadata"])
        assert '"mode": "assessed"' in metadata
        for question in (q for q in release.keyed.values() if q.notebook == number):
            leaked = sorted(t for t in _key_texts(question) if _shows(text, t))
            assert not leaked, f"{release.notebook(number).name} shows {leaked}"


def test_practice_mode_still_opens_worked_solutions(tmp_path):
    """The same routes in the open course give a self-learner the solution."""
    from collabkit.widgets.questions import solution_html

    session = collabkit.start("learner", self_study=True, answers_dir=tmp_path)
    for qid in ("01.task.size", "04.task.turning"):
        question = collabkit.get_question(qid)
        assert "Worked solution" in solution_html(question, session)
        assert question.key is not None
