"""Run a student's code in a separate, limited process and report what it returned.

Code answers are the only answers the kit executes. Each run is a fresh Python process
(``python -I``, so no user site or environment variables steer it) with

* a **time limit**: CPU seconds (``RLIMIT_CPU``) and a wall-clock timeout after which the
  whole process group is killed (a ``sleep`` or a blocked read uses no CPU);
* a **memory limit**: the address space (``RLIMIT_AS``), so a runaway allocation fails
  with ``MemoryError`` or kills only the child;
* **no network**: where unprivileged user namespaces work (most Linux machines), the child
  runs under ``unshare --net`` in an empty network namespace; elsewhere the child replaces
  ``socket`` connections with an error before the student's code runs (weaker: native
  code could still reach the network), and :data:`NETWORK_ISOLATED` says which;
* **no output to keep**: the student's stdout and stderr go to ``/dev/null``, so printing
  a gigabyte costs time, not memory; results come back on a separate pipe, capped.

The child executes the code, then evaluates each test expression in the code's namespace
and returns ``repr``-free JSON: the values (numbers, strings, booleans, None, lists) or
the error of each expression.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

#: Results larger than this are not read (a test value should be small).
MAX_RESULT_BYTES = 100_000

_CHILD = r"""
import json, os, socket, sys
results = os.fdopen(RESULT_FD, "w")
if not NETWORK_ISOLATED:
    def _refuse(*args, **kwargs):
        raise OSError("network access is switched off while grading")
    socket.socket.connect = socket.socket.connect_ex = _refuse
    socket.create_connection = socket.getaddrinfo = _refuse
job = json.loads(sys.stdin.read())
namespace = {"__name__": "__answer__"}

def plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    try:
        return float(value)
    except Exception:
        return "<" + type(value).__name__ + ">"

def describe(error):
    return type(error).__name__ + ": " + str(error)[:300]

out = {"error": None, "values": []}
try:
    exec(compile(job["code"], "<your answer>", "exec"), namespace)
except BaseException as error:
    out["error"] = describe(error)
else:
    for expression in job["tests"]:
        try:
            out["values"].append({"value": plain(eval(expression, namespace))})
        except BaseException as error:
            out["values"].append({"error": describe(error)})
results.write(json.dumps(out))
results.close()
"""


@dataclass(frozen=True)
class Limits:
    """What one run may use.

    Parameters
    ----------
    seconds
        CPU and wall-clock time, in (0, 300].
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


@dataclass(frozen=True)
class RunResult:
    """The outcome of one run.

    Attributes
    ----------
    status
        ``"ok"`` (the code ran; see ``values``), ``"error"`` (the code itself raised),
        ``"timeout"``, ``"memory"`` or ``"crashed"``.
    message
        What went wrong, in words for a student (empty when ``ok``).
    values
        Per test expression: ``{"value": ...}`` or ``{"error": "..."}``.
    """

    status: str
    message: str = ""
    values: list[dict] = field(default_factory=list)


@cache
def network_isolated() -> bool:
    """Whether ``unshare --net`` works here (checked once)."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return False
    try:
        done = subprocess.run(
            [unshare, "--user", "--map-root-user", "--net", "true"], capture_output=True,
            timeout=10,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def run_code(code: str, tests: Sequence[str], limits: Limits = Limits()) -> RunResult:
    """Execute ``code`` in a limited child process, then evaluate each of ``tests``.

    Never raises for anything the code does; returns a :class:`RunResult`.
    """
    isolated = network_isolated()
    unshare = shutil.which("unshare") if isolated else None  # found, when isolated is True
    prefix = [unshare, "--user", "--map-root-user", "--net"] if unshare else []
    read_end, write_end = os.pipe()
    child = _CHILD.replace("NETWORK_ISOLATED", str(isolated), 1)
    child = child.replace("RESULT_FD", str(write_end), 1)
    command = [*prefix, sys.executable, "-I", "-c", child]
    job = json.dumps({"code": code, "tests": list(tests)}).encode()
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, pass_fds=(write_end,), start_new_session=True,
            preexec_fn=lambda: _limit(limits),
            env={"PATH": os.environ.get("PATH", ""), "OPENBLAS_NUM_THREADS": "1",
                 "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0"},
        )  # fmt: skip
    except OSError as err:
        os.close(read_end)
        os.close(write_end)
        return RunResult("crashed", f"the grader could not start Python: {err}")
    os.close(write_end)
    started = time.monotonic()
    try:
        process.communicate(job, timeout=limits.seconds + 2)
    except subprocess.TimeoutExpired:
        _kill(process)
        os.close(read_end)
        return RunResult("timeout", f"your code ran longer than {limits.seconds:g} s and was "
                         "stopped (an endless loop?)")  # fmt: skip
    with os.fdopen(read_end, "rb") as results:
        payload = results.read(MAX_RESULT_BYTES + 1)
    return _outcome(process.returncode, payload, limits, time.monotonic() - started)


def _limit(limits: Limits) -> None:
    """In the child, before exec: the resource limits."""
    import resource  # Unix only; imported where it is used so the module loads anywhere

    cpu = _cpu_seconds(limits)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    size = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cpu_seconds(limits: Limits) -> int:
    return max(1, int(limits.seconds))


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


def _outcome(returncode: int, payload: bytes, limits: Limits, elapsed: float) -> RunResult:
    ran_out = elapsed >= 0.9 * _cpu_seconds(limits)
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL) and not payload and ran_out:
        return RunResult("timeout", f"your code used more than {limits.seconds:g} s of "
                         "computing time and was stopped (an endless loop?)")  # fmt: skip
    if len(payload) > MAX_RESULT_BYTES:
        return RunResult("crashed", "your code returned far too much data to check")
    try:
        out = json.loads(payload)
    except ValueError:
        if returncode != 0:
            return RunResult("memory" if returncode in (-signal.SIGSEGV, 1) else "crashed",
                             f"your code stopped Python (exit code {returncode}); it may have "
                             f"needed more than {limits.memory_mb} MB of memory")  # fmt: skip
        return RunResult("crashed", "your code ended without a result")
    error = out.get("error")
    if error:
        if error.startswith("MemoryError"):
            return RunResult("memory", f"your code needed more than {limits.memory_mb} MB of "
                             "memory and was stopped")  # fmt: skip
        return RunResult("error", f"your code raised {error}")
    return RunResult("ok", "", list(out.get("values", [])))
