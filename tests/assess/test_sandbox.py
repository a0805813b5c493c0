"""Code answers run in a limited, separate process, and grading runs them only when asked.

Each hostile answer below is one a real batch of submissions will contain sooner or later:
an endless loop, a sleep, an allocation without end, a gigabyte of printing, a network
call, a process that kills itself. Each must come back as a result, quickly, and leave the
batch going.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess import isolation
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


def _in_bare_sandbox(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` with plain Python in a sandbox, without the answer runner and its audit
    hook: what the namespaces and the seccomp filter alone allow."""
    process = isolation.sandboxed(
        [isolation.python_executable(), "-I", "-S", "-c", code], scratch_bytes=1 << 20,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    out, err = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize(
    "start",
    ["os.fork()", "os.system('true')", "subprocess.run(['true'])", "os.posix_spawn("
     "'/usr/bin/true', ['true'], {})"],
)  # fmt: skip
def test_the_seccomp_filter_kills_any_new_process_without_the_runner(start):
    done = _in_bare_sandbox(f"import os, subprocess\n{start}\nprint('started')")
    assert done.returncode == 128 + signal.SIGSYS, done  # bwrap: 128 + the signal
    assert "started" not in done.stdout


def test_numpy_works_in_the_sandbox():
    numpy = "import numpy as np\ndef channels(n):\n    return int(np.arange(n).sum())"
    assert run_code(numpy, ["channels(8)"], LIMITS).values == [{"value": 28}]


def test_the_sandbox_sees_no_home_no_etc_and_a_fixed_environment(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    done = _in_bare_sandbox(
        "import os\nprint(sorted(os.listdir('/')))\nprint(sorted(os.environ))\n"
        f"print(os.getcwd(), os.path.exists({str(secret)!r}), os.path.exists('/etc/passwd'))\n"
        "open('/usr/zz', 'w')"
    )
    root, environment, where = done.stdout.splitlines()
    # the root holds the top folders of what is bound (a venv in /tmp/ci binds /tmp/ci/.venv
    # only), the devices and the scratch folder, and nothing else: no /etc, /home, /proc
    bound = {Path(f).parts[1] for f in isolation.readable_folders() if os.path.lexists(f)}
    assert root == str(sorted(bound | {"dev", "scratch"}))
    assert environment == str(sorted([*isolation.ENVIRONMENT, "PWD"]))  # PWD: from bwrap
    assert where == "/scratch False False"
    assert "Read-only file system" in done.stderr


def test_feedback_never_repeats_text_the_code_chose():
    question = collabkit.get_question(CODE_QUESTION)
    leaky = (
        "class TopSecret(Exception):\n    pass\n"
        "def channels(n):\n    if n == 0:\n        raise ValueError('hunter2')\n"
        "    if n == 1:\n        raise TopSecret('hunter2')\n    return 'hunter2'\n"
    )
    message = question.check(leaky).message
    assert "hunter2" not in message and "TopSecret" not in message
    assert "channels(0) raised ValueError on line 5" in message
    assert "channels(1) raised an error of its own type on line 7" in message
    assert "channels(2) should give 1; your code gives a piece of text" in message


def test_a_students_check_without_a_sandbox_runs_on_their_computer_and_says_so(monkeypatch):
    monkeypatch.setattr(isolation, "find_isolation", lambda: isolation.Isolation(False, "none"))
    question = collabkit.get_question(CODE_QUESTION)
    feedback = question.check(RIGHT)
    assert feedback.correct and "without the grading sandbox" in feedback.message
    with pytest.raises(isolation.SandboxUnavailable, match="none"):
        run_code(RIGHT, ["channels(3)"], LIMITS)  # grading's way: sandbox or nothing
    with pytest.raises(isolation.SandboxUnavailable):
        grade([], execute=True)


@pytest.mark.slow  # keeps both cores busy for a few seconds
def test_a_correct_answer_passes_on_a_busy_machine():
    """CPU time limits do not depend on the load: with both cores busy, the reference
    answer still passes every time, well inside its limit."""
    question = collabkit.get_question(CODE_QUESTION)
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        started = time.monotonic()
        outcomes = [question.check_and_run(RIGHT, for_grading=True)[1] for _ in range(5)]
        each = (time.monotonic() - started) / 5
    finally:
        for process in busy:
            process.kill()
    assert outcomes == ["ok"] * 5
    assert each < question.limits.seconds / 5, each
