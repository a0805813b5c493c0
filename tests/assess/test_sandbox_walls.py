"""The sandbox's walls hold without the answer runner's audit hook, and nothing an answer
sends back can give it marks, crash the grader or stop the batch.

The runner's audit hook refuses ctypes, processes and files outside reach, but an answer
can rewrite the runner's own objects and silence it (say, by replacing the hook's helper
functions through their closure cells). So each wall below is tested from plain Python in
the sandbox, with both seccomp filters in force and no hook: what a student who has
silenced the hook meets. The attacks come from a red-team review of the sandbox; each
one worked before the fix named in its test's docstring.
"""

from __future__ import annotations

import os
import platform
import signal
import socket
import subprocess
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess import isolation, seccomp
from collabkit.assess.grading import grade
from collabkit.assess.sandbox import _RUNNER, Limits, run_code
from tests.assess.test_grading import submission

pytestmark = pytest.mark.usefixtures("sandbox")

QUESTION = "04.costs.code"
RIGHT = "def channels(n):\n    return n * (n - 1) // 2\n"
TESTS = [f"channels({n})" for n in (0, 1, 2, 3, 8, 16, 100)]
KILLED = 128 + signal.SIGSYS  # bwrap's exit status when a seccomp filter kills the answer
LIBC = "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"


def behind_the_walls(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a sandbox with the answer runner's seccomp filter added, as the
    runner adds it, but no audit hook and no limits but the sandbox's."""
    program = (
        "import sys\nrunner = {'__name__': 'runner'}\nexec(sys.stdin.read(), runner)\n"
        f"runner['seal']({seccomp.answer_filter().hex()!r})\n"
        f"exec({code!r})\n"
    )
    process = isolation.sandboxed(
        [isolation.python_executable(), "-I", "-S", "-c", program], scratch_bytes=1 << 20,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    out, err = process.communicate(_RUNNER, timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def printed(code: str) -> str:
    done = behind_the_walls(code)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def score(code: str) -> tuple[float, str, str]:
    feedback, status = collabkit.get_question(QUESTION).check_and_run(code, for_grading=True)
    return feedback.score, status, feedback.message


# -- the host ----------------------------------------------------------------------------


def test_there_is_no_proc_so_no_host_sysctl_can_be_written():
    """Was: as root, the answer wrote /proc/sys/vm/swappiness (and could have written
    kernel.core_pattern, a way to root on the host)."""
    code = "import os\nprint(os.path.exists('/proc'), os.path.exists('/sys'))"
    assert printed(code) == "False False"


@pytest.mark.parametrize("path", ["/x", "/dev/shm/x", "/dev/x", "/usr/x", "/scratch/../x"])
def test_nothing_outside_the_scratch_folder_is_writable(path):
    """Was: /dev was a tmpfs without a size limit (4 GB written in a second), and the
    sandbox's root a writable tmpfs."""
    code = (
        f"try:\n    open({path!r}, 'wb').write(b'x')\n    print('written')\n"
        "except OSError as e:\n    print(e.errno)"
    )
    assert printed(code) != "written"


def test_memory_outside_the_address_space_limit_is_refused():
    """Was: memfd_create and System V shared memory held gigabytes past RLIMIT_AS."""
    code = LIBC + (
        "import os\ntry:\n    os.memfd_create('m')\nexcept OSError as e:\n    print(e.errno)\n"
        "print(libc.shmget(0, 2**30, 0o1000 | 0o600), ctypes.get_errno())"
    )
    assert printed(code).split() == ["1", "-1", "1"]  # EPERM twice


@pytest.mark.parametrize(
    "start",
    [
        "libc.fork()",
        "libc.syscall(56, 17, 0, 0, 0, 0)",  # clone(SIGCHLD): a process
        "libc.syscall(56, 0x10F00, 0, 0, 0, 0)",  # clone(CLONE_VM | ... | CLONE_THREAD)
        "__import__('threading').Thread(target=print).start()",
        "libc.execve(b'/usr/bin/sh', (ctypes.c_char_p * 2)(b'sh', None), None)",
    ],
    ids=["fork", "clone process", "clone thread", "thread", "execve"],
)
def test_no_process_thread_or_program_starts(start):
    """Was: raw clone threads took 3,000 host process ids in 33 ms, and execve ran
    /usr/bin/sh in place of Python."""
    done = behind_the_walls(f"{LIBC}{start}\nprint('started')")
    assert done.returncode == KILLED and "started" not in done.stdout, done


@pytest.mark.skipif(platform.machine() != "x86_64", reason="x86-64 machine code")
def test_raw_machine_code_cannot_spawn_threads_either():
    """Was: twelve bytes of machine code in an executable mmap called clone in a loop."""
    code = LIBC + (
        "import mmap\n"
        "CODE = bytes.fromhex('4989f84531c94d85c07429b838000000bf000f050031d24531d20f05"
        "4885c0740a781149ffc149ffc8ebdbb8220000000f05ebf74c89c8c3')\n"
        "m = mmap.mmap(-1, 8192, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
        "m.write(CODE)\n"
        "base = ctypes.addressof(ctypes.c_char.from_buffer(m))\n"
        "spawn = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_long, ctypes.c_void_p)(base)\n"
        "print(spawn(2000, base + 8000))\n"
    )
    done = behind_the_walls(code)
    assert done.returncode == KILLED and done.stdout == "", done


@pytest.mark.parametrize(
    "call",
    [
        "libc.ptrace(0x4206, 1, 0, 0)",  # PTRACE_SEIZE the sandbox's first process
        "libc.syscall(250, 0, -4, 0)",  # keyctl(KEYCTL_GET_KEYRING_ID, user keyring): root's
        "libc.syscall(425, 8, ctypes.create_string_buffer(120))",  # io_uring_setup
        "libc.unshare(0x10000000)",  # a new user namespace
    ],
    ids=["ptrace", "keyctl", "io_uring", "unshare"],
)
def test_calls_that_reach_shared_kernel_state_are_refused(call):
    if platform.machine() != "x86_64" and "syscall(" in call:
        pytest.skip("x86-64 system call numbers")
    assert printed(f"{LIBC}print({call}, ctypes.get_errno())").split()[0] == "-1"


def test_the_network_is_out_of_reach_without_the_hook(tmp_path):
    """TCP to a listener of the host, UDP, and an abstract UNIX socket, by libc calls."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    code = (
        "import socket\nresults = []\n"
        "for family, kind, address in [(socket.AF_INET, socket.SOCK_STREAM, ('127.0.0.1', "
        f"{port})), (socket.AF_INET, socket.SOCK_DGRAM, ('1.1.1.1', 53)), "
        "(socket.AF_UNIX, socket.SOCK_STREAM, '\\0collabkit')]:\n"
        "    s = socket.socket(family, kind)\n"
        "    results.append(s.connect_ex(address))\n"
        "print(all(r != 0 for r in results))"
    )
    try:
        assert printed(code) == "True"
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


def test_the_kit_is_hidden_where_it_lies_inside_a_bound_folder(monkeypatch):
    """An installed (not editable) kit sits in site-packages, which the sandbox shows:
    its folder is covered, so its answer keys are out of sight."""
    inside = Path(isolation.package_folders()[0]) / "collabkit"
    monkeypatch.setattr(isolation, "KIT", inside)
    command = isolation.sandbox_command("bwrap", scratch_bytes=1, seccomp_fd=None)
    at = command.index(str(inside))
    assert command[at - 1] == "--tmpfs" and command[at + 1 : at + 3] == [
        "--remount-ro",
        str(inside),
    ]


@pytest.mark.parametrize("where", ["/", "home"])
def test_a_python_installed_across_the_home_folder_is_not_shown_whole(monkeypatch, where):
    """Was: the folder above the Python binary was bound, the whole home folder for a
    Python in ~/bin."""
    folder = str(Path.home()) if where == "home" else "/"
    monkeypatch.setattr(isolation, "python_folders", lambda: ["/usr", folder])
    with pytest.raises(isolation.SandboxUnavailable, match="holds everything below it"):
        isolation.readable_folders()


# -- what comes back ---------------------------------------------------------------------

#: The runner's result stream is file 3 (a copy of its standard output).
FORGE = "import os\nos.write(3, {payload!r})\nos._exit(0)\n"


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nsys._getframe(1).f_locals['tests'].clear()\n",
        FORGE.format(payload=b'{"values": []}'),
        "import json\njson.dumps = lambda o, **k: '{\"values\": []}'\n",
        FORGE.format(payload=b'{"values": [{"value": 28}]}'),
    ],
    ids=["cleared tests", "forged empty result", "patched json", "too few values"],
)
def test_results_that_do_not_fit_the_checks_earn_nothing(code):
    """Was: an answer that emptied its list of checks, or sent back an empty result,
    passed "all 7 checks"."""
    points, status, message = score(code)
    assert (points, status) == (0, "refused") and "interfere with its own checks" in message


@pytest.mark.parametrize(
    "payload",
    [b'{"values": [{"value": ' + b"[" * 99_000, b'{"values": [{"value": ' + b"7" * 400 + b"}]}"],
    ids=["nested 99,000 deep", "400-digit number"],
)
def test_hostile_results_are_scored_not_raised_and_the_batch_goes_on(payload, tmp_path):
    """Was: a result nested 99,000 deep (RecursionError) or a 400-digit number
    (OverflowError) stopped the whole batch with no output for anyone."""
    attack = FORGE.format(payload=payload)
    assert score(attack)[0] == 0
    for student, code in (("s001", RIGHT), ("s002", RIGHT), ("evil", attack)):
        nbformat.write(submission(student, {QUESTION: [code]}), tmp_path / f"{student}.ipynb")
    run = grade(sorted(tmp_path.glob("*.ipynb")), notebooks=["04"], execute=True, workers=2)
    scores = {
        g.student_id: next(r.score for r in g.results["04"] if r.question_id == QUESTION)
        for g in run.graded
    }
    assert scores == {"s001": 1.0, "s002": 1.0, "evil": 0.0}


@pytest.mark.parametrize(
    "body",
    [
        "return True",
        "return float('nan')",
        "return str(n * (n - 1) // 2)",
        "return 10**400",
        "class Any:\n        def __eq__(self, other):\n            return True\n    return Any()",
    ],
)
def test_values_that_only_pretend_to_be_right_score_zero(body):
    assert score(f"def channels(n):\n    {body}\n")[0] == 0


def test_a_silenced_hook_still_meets_the_walls():
    """The hook's helpers replaced through their closure cells: ctypes then works, and the
    seccomp filter still kills the fork."""
    silence = (
        "import gc\n"
        "for f in gc.get_objects():\n"
        "    if getattr(f, '__name__', '') == 'hook' and f.__closure__:\n"
        "        for cell in f.__closure__:\n"
        "            if callable(cell.cell_contents):\n"
        "                cell.cell_contents = lambda *a, **k: True\n"
    )
    points, status, _ = score(silence + LIBC + "libc.fork()\n" + RIGHT)
    assert (points, status) == (0, "refused")
    result = run_code(silence + LIBC + "libc.getpid()\n" + RIGHT, TESTS, Limits(seconds=2))
    assert result.status == "ok"  # silenced indeed: ctypes ran, and the answer was checked


def test_the_syscall_numbers_are_the_kernel_headers():
    """The filters' numbers for this machine, against its kernel headers when installed."""
    headers = {
        "x86_64": Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
        "aarch64": Path("/usr/include/asm-generic/unistd.h"),
    }.get(seccomp.machine())
    if headers is None or not headers.exists():
        pytest.skip("no kernel headers for this machine")
    text = headers.read_text()
    for name, number in seccomp.syscall_numbers().items():
        if f"_{name} " not in text:
            continue  # newer than these headers (fchmodat2: Linux 6.6)
        assert f"__NR_{name} {number}\n" in text or f"__NR3264_{name} {number}\n" in text, name


# -- second review: the answer's user may be the host's root ---------------------------


@pytest.mark.parametrize(
    "change",
    [
        "os.fchmod(os.open('/dev/null', os.O_RDONLY), 0o666)",
        "os.chmod('/dev/urandom', 0o666)",
        "os.chown('/dev/null', 0, 0)",
        "os.utime('/dev/zero')",
    ],
    ids=["fchmod", "chmod", "chown", "utime"],
)
def test_no_file_changes_mode_owner_or_times(change):
    """Was: as the host's root, the owner of /dev/null, an answer could set its mode (0:
    /dev/null broken for the host's users and every later sandbox)."""
    before = os.stat("/dev/null").st_ctime_ns, os.stat("/dev/urandom").st_ctime_ns
    done = behind_the_walls(
        f"import os\ntry:\n    {change}\nexcept OSError as e:\n    print(e.errno)"
    )
    assert done.stdout.strip() in ("1", "30"), done  # EPERM, or EROFS on the read-only root
    assert (os.stat("/dev/null").st_ctime_ns, os.stat("/dev/urandom").st_ctime_ns) == before


def test_no_lease_can_stall_other_processes():
    """Was: a lease on a module every runner imports made every other sandbox (and the
    grader) wait up to 45 s on opening it: innocent answers timed out."""
    code = (
        "import fcntl, json, os\nfd = os.open(json.__cached__ or json.__file__, os.O_RDONLY)\n"
        "try:\n    fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)\n    print('leased')\n"
        "except OSError as e:\n    print(e.errno)"
    )
    assert printed(code) == "1"


@pytest.mark.parametrize(
    "call",
    ["libc.inotify_init1(0)", "libc.syscall(206, 1, ctypes.byref(ctypes.c_ulong()))",
     "libc.syscall(434, 1, 0)"],
    ids=["inotify", "io_setup", "pidfd_open"],
)  # fmt: skip
def test_quotas_shared_with_the_hosts_root_are_out_of_reach(call):
    """Was: inotify watches and the system's AIO contexts ran out for the host's root, and
    bwrap's first process's descriptors could be copied through a pidfd."""
    if platform.machine() != "x86_64" and "syscall(" in call:
        pytest.skip("x86-64 system call numbers")
    assert printed(f"{LIBC}print({call}, ctypes.get_errno())") == "-1 1"


def test_the_answer_reads_but_cannot_raise_its_limits():
    code = (
        "import resource\nLIMIT = resource.getrlimit(resource.RLIMIT_SIGPENDING)[1]\n"
        "try:\n    resource.setrlimit(resource.RLIMIT_CPU, (3600, 3600))\n    CHANGED = True\n"
        "except (OSError, ValueError):\n    CHANGED = False\n"
    )
    assert run_code(code, ["LIMIT", "CHANGED"], Limits(seconds=2)).values == [
        {"value": 64},
        {"value": False},
    ]


@pytest.mark.parametrize(
    "code",
    [
        "import asyncio\nasyncio.run(asyncio.sleep(0))",
        "import getpass\nassert getpass.getuser() == 'student'",
        "import tempfile\nwith tempfile.TemporaryFile() as f:\n    f.write(b'x')",
        "import socket\nassert socket.gethostname() == 'collabkit'",
    ],
    ids=["asyncio", "getpass", "tempfile", "hostname"],
)
def test_innocent_answers_still_work(code):
    """Were refused or failed: asyncio's socket pair, getpass without /etc/passwd."""
    assert score(code + "\n" + RIGHT)[:2] == (1.0, "ok")


def test_feedback_does_not_echo_long_numbers():
    """A returned number can carry host facts out: only numbers below a million show."""
    message = score("def channels(n):\n    return 15250437673202740 + n")[2]
    assert "15250437673202740" not in message and "a number far from it" in message
    assert "should give 1; your code gives 3" in score("def channels(n):\n    return n + 1")[2]
