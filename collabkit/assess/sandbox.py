"""Run a student's code answer where it can harm nothing, and report what it returned.

Code answers are the only answers the kit executes. Each run is a fresh Python process
(:mod:`collabkit.assess.answer_runner`), started

* **isolated** (grading always; a student's own check where it works): inside a new
  bubblewrap sandbox (:mod:`collabkit.assess.isolation`), with nothing of the machine
  writable and nothing private readable, no network, no new processes;
* **on the student's own computer** (a student's check only, where bubblewrap is missing,
  e.g. on macOS): as a plain child process with the same limits and audit hook, which
  protect the student from a slip, not the machine from an attack. Its
  :attr:`RunResult.isolated` is False and the feedback says so; grading refuses this
  mode (:class:`~collabkit.assess.isolation.SandboxUnavailable`).

Either way the run has a CPU-time limit (``RLIMIT_CPU``) and a wall-clock deadline of
:func:`deadline` seconds, after which the whole sandbox is killed; a memory limit
(``RLIMIT_AS``); a file-size limit and, in the sandbox, a scratch folder of
:data:`SCRATCH_BYTES`. The result comes back on the runner's standard output, read with
the deadline and a size cap; the feedback is composed here, from the test values and
the kit's own words for each outcome, never from text the answer printed or raised.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from collabkit.assess import isolation, seccomp
from collabkit.assess.answer_runner import BUILTIN_ERRORS, INCIDENTS

#: Results larger than this are not read (a test value should be small).
MAX_RESULT_BYTES = 100_000
#: Code answers longer than this are not run.
MAX_CODE_CHARS = 50_000
#: The sandbox's writable scratch folder, and the largest file the answer may write.
SCRATCH_BYTES = 8 * 2**20
FILE_BYTES = 4 * 2**20
#: Processes and threads the answer's user may have (binds where the grader is not root;
#: the sandbox's seccomp filter refuses new processes and threads for everyone).
PROCESSES = 16
#: Open files (and so pipes and sockets, whose buffers are memory outside RLIMIT_AS).
OPEN_FILES = 64
#: What the answer tried when its results do not fit its checks (fewer, more, or forged).
TAMPERED = "interfere with its own checks"
_RUNNER = Path(__file__).with_name("answer_runner.py").read_text(encoding="utf-8")
NO_PROCESSES = (
    "this notebook cannot run code answers (it runs in the browser, where no second Python "
    "can start), so your answer is saved for your instructor, whose grading runs it"
)
_UNISOLATED_NOTE = (
    "Checked on your own computer, without the grading sandbox (bubblewrap is not "
    "available here); grading runs your code in the sandbox."
)


@dataclass(frozen=True)
class Limits:
    """What one run may use.

    Parameters
    ----------
    seconds
        CPU time, in (0, 300]; the wall-clock deadline is :func:`deadline` of it.
    memory_mb
        Address space in MB, in [64, 16384].
    """

    seconds: float = 10.0
    memory_mb: int = 512

    def __post_init__(self) -> None:
        if not 0 < self.seconds <= 300:
            raise ValueError(f"seconds must be in (0, 300]; got {self.seconds!r}")
        if not 64 <= self.memory_mb <= 16_384:
            raise ValueError(f"memory_mb must be in [64, 16384]; got {self.memory_mb!r}")

    @property
    def cpu_seconds(self) -> int:
        """Whole CPU seconds for ``RLIMIT_CPU`` (at least 1)."""
        return max(1, round(self.seconds))


def deadline(limits: Limits) -> float:
    """Wall-clock seconds a run may take: three times its CPU time plus 2 s to start, so
    that only code that waits (a sleep, a blocked read) meets it, on a busy machine too."""
    return 3 * limits.cpu_seconds + 2


@dataclass(frozen=True)
class RunResult:
    """The outcome of one run.

    Attributes
    ----------
    status
        ``"ok"`` (the code ran; see ``values``), ``"error"`` (the code itself raised),
        ``"timeout"``, ``"memory"``, ``"refused"`` (it tried something a code answer may
        not do; see ``incidents``), ``"crashed"``, or ``"unchecked"`` (a student's check
        where no process can start, e.g. in a browser-only notebook).
    message
        What went wrong, in the kit's words for a student (empty when ``ok``).
    values
        Per test expression: ``{"value": ...}`` or ``{"error": {"type", "line"}}``.
    incidents
        What the answer tried and was refused (from :data:`INCIDENTS`).
    isolated
        Whether the run was in the sandbox (always, when grading).
    """

    status: str
    message: str = ""
    values: list[dict] = field(default_factory=list)
    incidents: tuple[str, ...] = ()
    isolated: bool = True

    @property
    def note(self) -> str:
        """A sentence for the student when the run was not isolated, else empty."""
        return "" if self.isolated else _UNISOLATED_NOTE


def run_code(
    code: str, tests: Sequence[str], limits: Limits = Limits(), *, for_grading: bool = True
) -> RunResult:
    """Execute ``code`` in a new sandbox, then evaluate each of ``tests`` after it.

    Never raises for anything the code does; returns a :class:`RunResult`. With
    ``for_grading`` (the default) the run is isolated or does not happen: raises
    :class:`~collabkit.assess.isolation.SandboxUnavailable` where the sandbox does not
    work. Without it (a student checking their own answer), the code runs unisolated
    there, and the result says so.
    """
    isolated = isolation.find_isolation().available
    if for_grading and not isolated:
        isolation.require_isolation()
    return replace(_run(code, tests, limits, isolated), isolated=isolated)


def _run(code: str, tests: Sequence[str], limits: Limits, isolated: bool) -> RunResult:
    """The run itself (see :func:`run_code`), in the sandbox if ``isolated``."""
    if len(code) > MAX_CODE_CHARS:
        return RunResult(
            "crashed", f"your code is longer than {MAX_CODE_CHARS:,} characters, too long to check"
        )
    with tempfile.TemporaryDirectory(prefix="collabkit-answer-") as own_scratch:
        scratch = isolation.SCRATCH if isolated else own_scratch
        job = {
            "code": code,
            "tests": list(tests),
            "scratch": scratch,
            "scratch_bytes": SCRATCH_BYTES if isolated else None,
            "readable": [*isolation.python_folders(), scratch, "/dev", "/proc"],
            "site": isolation.package_folders(),
            "seal": seccomp.answer_filter().hex() if isolated else None,
            "limits": {
                "cpu": limits.cpu_seconds,
                "memory": limits.memory_mb * 2**20,
                "file": FILE_BYTES,
                "processes": PROCESSES,
                "files": OPEN_FILES,
            },
        }
        program = [isolation.python_executable(), "-I", "-S", "-B", "-c", _RUNNER]
        pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL}
        started = time.monotonic()
        try:
            if isolated:
                process = isolation.sandboxed(program, scratch_bytes=SCRATCH_BYTES, **pipes)
            else:
                process = subprocess.Popen(  # type: ignore[call-overload]  # pipes: see above
                    program, cwd=scratch, env=isolation.ENVIRONMENT, start_new_session=True,
                    **pipes,
                )  # fmt: skip
        except OSError as err:
            if not isolated:  # e.g. a notebook running in the browser (JupyterLite)
                return RunResult("unchecked", NO_PROCESSES)
            return RunResult("crashed", f"the checker could not start Python: {err}")
        payload, stop = _exchange(process, json.dumps(job).encode(), started + deadline(limits))
    return _outcome(process.returncode, payload, stop, limits, isolated, len(tests))


def _exchange(process: subprocess.Popen, job: bytes, until: float) -> tuple[bytes, str]:
    """Send ``job`` and read the result until the process ends, the deadline passes
    (``"timeout"``) or the result outgrows :data:`MAX_RESULT_BYTES` (``"too much"``).
    The process (and in the sandbox everything it started) is dead on return."""
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None  # both are pipes
    received = bytearray()
    pending = memoryview(job)
    stop = ""
    with selectors.DefaultSelector() as selector:
        os.set_blocking(stdin.fileno(), False)
        selector.register(stdin, selectors.EVENT_WRITE)
        selector.register(stdout, selectors.EVENT_READ)
        while selector.get_map() and not stop:
            remaining = until - time.monotonic()
            if remaining <= 0:
                stop = "timeout"
                break
            for key, _ in selector.select(remaining):
                if key.fileobj is stdin:
                    try:
                        pending = pending[os.write(stdin.fileno(), pending[:65536]) :]
                    except BrokenPipeError:
                        pending = pending[:0]
                    if not pending:
                        selector.unregister(stdin)
                        stdin.close()
                    continue
                chunk = os.read(stdout.fileno(), 65536)
                if not chunk:
                    selector.unregister(stdout)
                received += chunk
                if len(received) > MAX_RESULT_BYTES:
                    stop = "too much"
    if not stdin.closed:
        stdin.close()
    stdout.close()
    try:
        process.wait(timeout=max(0.1, until - time.monotonic()))
    except subprocess.TimeoutExpired:
        stop = stop or "timeout"
    if stop or process.returncode is None:
        _kill(process)
    return bytes(received), stop


def _kill(process: subprocess.Popen) -> None:
    """Kill the run: its process group (in the sandbox, bwrap; the PID namespace dies
    with bwrap's first child)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


def _signal_of(returncode: int, isolated: bool) -> int | None:
    """The signal that ended the answer: bwrap reports it as 128 + the signal."""
    if returncode < 0:
        return -returncode
    if isolated and returncode > 128:
        return returncode - 128
    return None


def _outcome(
    returncode: int, payload: bytes, stop: str, limits: Limits, isolated: bool, checks: int
) -> RunResult:
    """Turn how the run ended into a :class:`RunResult` with the kit's message."""
    timeout = RunResult(
        "timeout",
        f"your code took longer than the {limits.seconds:g} s it "
        "may use and was stopped (an endless loop?)",
    )
    if stop == "timeout":
        return timeout
    if stop == "too much":
        return RunResult("crashed", "your code sent back far too much data to check")
    ended_by = _signal_of(returncode, isolated)
    out = _parse(payload)
    if out is None:
        if ended_by in (getattr(signal, "SIGXCPU", None), signal.SIGKILL):
            return timeout
        if ended_by == getattr(signal, "SIGSYS", None):  # killed by a seccomp filter
            return _refused(("start another process, thread or program",))
        return RunResult("crashed", "your code ended Python before it could be checked")
    incidents = tuple(i for i in dict.fromkeys(out["incidents"]) if i in INCIDENTS)
    if incidents:
        return _refused(incidents)
    error = out["error"]
    if error is not None:
        if error["type"] == "MemoryError":
            return RunResult(
                "memory",
                f"your code needed more than {limits.memory_mb} MB of memory and was stopped",
            )
        return RunResult("error", f"your code raised {error_words(error)}")
    if len(out["values"]) != checks:
        return _refused((TAMPERED,))
    return RunResult("ok", "", out["values"])


def _parse(payload: bytes) -> dict | None:
    """The runner's result, with every field checked and reduced to what the runner
    sends (:func:`~collabkit.assess.answer_runner.plain`); None if it is not one. The
    answer controls this stream, so nothing in it is trusted."""
    try:
        out = json.loads(payload)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python goes
        return None
    if not isinstance(out, dict) or not isinstance(out.get("values", []), list):
        return None
    incidents = out.get("incidents", [])
    return {
        "error": _error(out.get("error")),
        "values": [_outcome_value(v) for v in out.get("values", [])],
        "incidents": [i for i in incidents if isinstance(i, str)]
        if isinstance(incidents, list)
        else [],
    }


def _error(error: object) -> dict | None:
    """An error description reduced to a known built-in type and a line number."""
    if not isinstance(error, dict):
        return None
    kind, line = error.get("type"), error.get("line")
    return {
        "type": kind if isinstance(kind, str) and kind in BUILTIN_ERRORS else None,
        "line": line if isinstance(line, int) and 0 < line < 10**6 else None,
    }


def _outcome_value(outcome: object) -> dict:
    if isinstance(outcome, dict) and "error" in outcome:
        return {"error": _error(outcome["error"]) or {"type": None, "line": None}}
    return {"value": _plain(outcome.get("value") if isinstance(outcome, dict) else None)}


def _plain(value: object, depth: int = 0) -> object:
    """A test value as the runner sends it, or None: truth values, None, integers below
    2**63, floats, text of up to 200 characters, lists (3 deep, 100 long) of these."""
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else None
    if isinstance(value, str):
        return value[:200]
    if isinstance(value, list) and depth < 3:
        return [_plain(v, depth + 1) for v in value[:100]]
    return None


#: What each common error means, in words for a student.
_ERROR_MEANINGS = {
    "SyntaxError": "Python cannot read this code",
    "IndentationError": "the indentation (spaces at the start of lines) is off",
    "NameError": "a name is used that is not defined (check the spelling)",
    "TypeError": "a value has the wrong type, e.g. text where a number is needed",
    "ZeroDivisionError": "a division by zero",
    "RecursionError": "a function calls itself without end",
    "IndexError": "a position past the end of a list",
    "KeyError": "a key that is not in the dictionary",
    "ValueError": "a value of the right type but not allowed here",
    "AttributeError": "a name after a dot that the value does not have",
    "ModuleNotFoundError": "an import of a module that is not available while checking",
    "ImportError": "an import that is not available while checking",
    "PermissionError": "something a code answer may not do",
    "SystemExit": "a call that ends the program (exit or quit)",
}


def error_words(error: dict) -> str:
    """``error`` (``{"type", "line"}``) in the kit's words, e.g. "NameError on line 2
    (a name is used that is not defined (check the spelling))"."""
    kind = error.get("type") or "an error of its own type"
    where = f" on line {error['line']}" if error.get("line") else ""
    meaning = _ERROR_MEANINGS.get(error.get("type") or "")
    return f"{kind}{where}" + (f": {meaning}" if meaning else "")


def _refused(incidents: tuple[str, ...]) -> RunResult:
    return RunResult(
        "refused",
        f"your code tried to {incidents[0]}, which a code answer may not do, so it was not checked",
        incidents=incidents,
    )
