"""Code answers run in a limited, separate process, and grading runs them only when asked.

Each hostile answer below is one a real batch of submissions will contain sooner or later:
an endless loop, a sleep, an allocation without end, a gigabyte of printing, a network
call, a process that kills itself. Each must come back as a result, quickly, and leave the
batch going.
"""

from __future__ import annotations

import time

import nbformat
import pytest

import collabkit
from collabkit.assess.grading import NOT_EXECUTED, grade
from collabkit.assess.sandbox import Limits, deadline, run_code
from collabkit.cli import main
from tests.assess.test_grading import submission

pytestmark = pytest.mark.usefixtures("sandbox")

LIMITS = Limits(seconds=2, memory_mb=256)
CODE_QUESTION = "04.costs.code"
RIGHT = "def channels(n):\n    return n * (n - 1) // 2"


def test_a_correct_function_returns_its_values():
    result = run_code(RIGHT, ["channels(8)", "channels(0)", "[channels(2)]"], LIMITS)
    assert result.status == "ok"
    assert result.values == [{"value": 28}, {"value": 0}, {"value": [1]}]


def test_an_error_in_one_test_is_reported_for_that_test():
    result = run_code(RIGHT, ["channels('x')", "channels(3)"], LIMITS)
    assert result.status == "ok"
    assert result.values == [{"error": {"type": "TypeError", "line": 2}}, {"value": 3}]


@pytest.mark.parametrize(
    ("code", "status"),
    [
        pytest.param("while True:\n    pass", "timeout", marks=pytest.mark.slow),
        pytest.param("import time\ntime.sleep(60)", "timeout", marks=pytest.mark.slow),
        ("x = bytearray(10**10)", "memory"),
        ("x = []\nwhile True:\n    x.append('a' * 10**6)", "memory"),
        ("def channels(n) return", "error"),
        ("import os\nos._exit(0)", "crashed"),
        ("raise SystemExit(3)", "error"),
    ],
    ids=["loop", "sleep", "huge allocation", "growing list", "syntax", "exit", "SystemExit"],
)
def test_hostile_code_comes_back_as_a_result_within_the_limits(code, status):
    started = time.monotonic()
    result = run_code(code, ["channels(8)"], LIMITS)
    assert result.status == status, result
    assert time.monotonic() - started < deadline(LIMITS) + 2
    assert result.message  # every failure says what happened


@pytest.mark.slow  # writes a gigabyte through a pipe
def test_a_gigabyte_of_printing_costs_time_not_memory():
    code = "import sys\nfor _ in range(1024):\n    sys.stdout.write('x' * 2**20)\n" + RIGHT
    result = run_code(code, ["channels(4)"], Limits(seconds=20, memory_mb=256))
    assert result.status == "ok" and result.values == [{"value": 6}]


def test_the_network_is_out_of_reach():
    code = (
        "import socket\n"
        "def reach():\n"
        "    s = socket.socket()\n"
        "    s.settimeout(2)\n"
        "    return s.connect_ex(('1.1.1.1', 80))\n"
    )
    result = run_code(code, ["reach()"], LIMITS)
    assert result.status == "refused" and result.incidents == ("use the network",)
    assert "use the network" in result.message


@pytest.mark.slow  # one answer runs into the 5 s limit
def test_the_code_question_scores_passes_and_explains_failures():
    question = collabkit.get_question(CODE_QUESTION)
    assert question.check(RIGHT).correct
    wrong = question.check("def channels(n):\n    return n * n")
    assert 0 < wrong.score < 1 and "channels(2) should give 1; your code gives 4" in wrong.message
    looping = question.check("def channels(n):\n    while True:\n        pass\n\nchannels(1)")
    assert looping.score == 0 and "stopped" in looping.message
    assert "Python code as text" in question.check(42).message


@pytest.mark.parametrize("bad", [{"seconds": 0}, {"seconds": 301}, {"memory_mb": 10}])
def test_limits_are_checked(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        Limits(**bad)


@pytest.fixture(scope="module")
def code_submissions(tmp_path_factory):
    """Notebook 04 submissions whose code answer is right, wrong, or hostile."""
    folder = tmp_path_factory.mktemp("code_submissions")
    answers = {
        "right": (RIGHT, 1.0, None),
        "wrong": ("def channels(n):\n    return n * n", 1 / 7, None),
        "loop": ("while True:\n    pass", 0.0, "timeout"),
        "memory": ("x = bytearray(10**11)", 0.0, "memory"),
        "printer": ("print('x' * 10**8)\n" + RIGHT, 1.0, None),
    }
    for student, (code, _, _) in answers.items():
        nbformat.write(submission(student, {CODE_QUESTION: [code]}), folder / f"{student}.ipynb")
    return folder, answers


def _code_scores(run):
    return {
        g.student_id: next(r for r in g.results["04"] if r.question_id == CODE_QUESTION)
        for g in run.graded
    }


def test_without_execute_code_answers_score_zero_and_are_reported(code_submissions):
    folder, answers = code_submissions
    run = grade(sorted(folder.glob("*.ipynb")), notebooks=["04"])
    scores = _code_scores(run)
    assert {s: r.score for s, r in scores.items()} == dict.fromkeys(answers, 0.0)
    assert all(r.message == NOT_EXECUTED for r in scores.values())
    reported = [p for _, _, p in run.problems if "--execute" in p]
    assert len(reported) == len(answers)


@pytest.mark.slow  # runs five answers, two up to their limits
def test_with_execute_every_answer_is_scored_and_stopped_runs_are_reported(code_submissions):
    folder, answers = code_submissions
    started = time.monotonic()
    run = grade(sorted(folder.glob("*.ipynb")), notebooks=["04"], execute=True, workers=2)
    assert time.monotonic() - started < 60
    scores = _code_scores(run)
    for student, (_, expected, stopped) in answers.items():
        assert scores[student].score == pytest.approx(expected, abs=1e-6), student
        reasons = [p for _, who, p in run.problems if who == student and CODE_QUESTION in p]
        if stopped:
            assert any(f"stopped ({stopped})" in p for p in reasons), reasons
        else:
            assert not any("stopped" in p for p in reasons), reasons


@pytest.mark.slow  # runs five answers, two up to their limits
def test_command_line_execute_option(code_submissions, tmp_path, capsys):
    folder, _ = code_submissions
    assert (
        main(["grade", str(folder), "--out", str(tmp_path), "--execute", "--notebook", "04"]) == 0
    )
    problems = (tmp_path / "problems.csv").read_text(encoding="utf-8")
    assert "stopped (timeout)" in problems and "stopped (memory)" in problems
    assert "graded 5 student(s)" in capsys.readouterr().out
