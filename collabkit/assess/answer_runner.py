"""The program that runs one code answer: the sandbox starts it as
``python -I -S -B -c <the text of this file>``, never by importing it.

Protocol. The job arrives as JSON on standard input: ``code``, ``tests`` (expressions),
``limits`` (``cpu`` seconds, ``memory`` and ``file`` bytes, ``processes``), ``scratch``
(the one folder the code may write, of ``scratch_bytes`` in the sandbox, else null),
``readable`` (the folders it may read), ``site`` (folders to import packages from,
added without running their ``.pth`` files) and ``seal`` (a seccomp filter to add, as
hex, or null). The
result goes to standard output once, at the end, as JSON::

    {"error": null | {"type": "NameError" | null, "line": 3 | null},
     "values": [{"value": ...} | {"error": {...}}, ...],
     "incidents": ["start another process, thread or program", ...]}

Before the answer runs, the program

* closes the answer's view of the result stream (its prints go to ``/dev/null``);
* sets the resource limits (``RLIMIT_CPU``, ``RLIMIT_AS``, ``RLIMIT_FSIZE``,
  ``RLIMIT_NPROC``, ``RLIMIT_NOFILE``, no core files), which no code can raise again;
* in the sandbox, adds the seccomp filter ``seal`` (no new program from here on);
* installs an audit hook (PEP 578) that refuses, with ``PermissionError``, and records
  as an incident: starting a program, any socket, calling native code through ``ctypes``,
  writing or changing files outside ``scratch``, reading or listing files outside
  ``readable``, and signalling another process. The hook is a reporter,
  not the wall: code that rewrites the runner's own objects can silence it. The wall is
  the sandbox around this process (see :mod:`collabkit.assess.isolation`) and its
  seccomp filters, which nothing in the process can lift.

An error is described by its built-in exception type (a type of the answer's own is
``null``) and the line of the answer it came from: never by its message, so nothing the
code read or composed can reach the feedback.
"""

import builtins
import ctypes  # loaded before the audit hook (see NATIVE_EVENTS); also for seal()
import errno
import json
import os
import sys

ANSWER = "<your answer>"
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2  # linux/prctl.h, linux/seccomp.h
#: Audit events that start a program.
PROCESS_EVENTS = frozenset(
    {"os.fork", "os.forkpty", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
     "subprocess.Popen", "pty.spawn"}
)  # fmt: skip
#: Audit events that change the file system, with the positions of their path arguments.
CHANGE_EVENTS = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1),
    "os.link": (0, 1), "os.symlink": (1,), "os.truncate": (0,), "os.chmod": (0,),
    "os.chown": (0,), "os.utime": (0,), "os.chflags": (0,), "os.mkfifo": (0,),
    "os.mknod": (0,), "shutil.rmtree": (0,), "shutil.copyfile": (1,),
    "shutil.copytree": (1,), "shutil.move": (1,),
}  # fmt: skip
#: Audit events of ctypes reaching native code or raw memory (``ctypes`` is imported before
#: the hook, so importing it again, as numpy does, raises none of them).
NATIVE_EVENTS = frozenset(
    {"ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.call_function",
     "ctypes.cdata", "ctypes.cdata/buffer", "ctypes.addressof", "ctypes.string_at",
     "ctypes.wstring_at"}
)  # fmt: skip
FILLED = "fill the scratch space it may write to"
#: Everything the runner may report an answer tried (the grader ignores anything else).
INCIDENTS = (
    "start another process, thread or program", "call native code through ctypes",
    "use the network",
    "write a file outside its scratch folder", "change files outside its scratch folder",
    "read a file outside the folders it may read", "signal another process",
    FILLED,
)  # fmt: skip
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
#: The built-in exception types, as they were before the answer could rebind any name.
BUILTIN_ERRORS = {
    name: value
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    limit(job["limits"])
    seal(job["seal"])
    sys.path.extend(job["site"])
    os.chdir(job["scratch"])
    incidents: list[str] = []
    sys.addaudithook(guard(job["scratch"], job["readable"], incidents))
    out = run(job["code"], job["tests"], incidents)
    if job["scratch_bytes"] and full(job["scratch"]):
        incidents.append(FILLED)
    out["incidents"] = list(dict.fromkeys(incidents))
    results.write(json.dumps(out))
    results.close()


def limit(limits: dict) -> None:
    """Resource limits for this process and anything it could start (none on Windows)."""
    try:
        import resource
    except ImportError:  # Windows: only the wall-clock deadline applies
        return
    cpu = limits["cpu"]
    for name, value in (
        ("RLIMIT_CPU", (cpu, cpu + 1)),
        ("RLIMIT_AS", (limits["memory"],) * 2),
        ("RLIMIT_FSIZE", (limits["file"],) * 2),
        ("RLIMIT_NPROC", (limits["processes"],) * 2),
        ("RLIMIT_NOFILE", (limits["files"],) * 2),
        ("RLIMIT_CORE", (0, 0)),
        # per-user quotas the host's root shares with an answer running as root
        ("RLIMIT_SIGPENDING", (64, 64)),
        ("RLIMIT_MSGQUEUE", (0, 0)),
        ("RLIMIT_RTPRIO", (0, 0)),
        ("RLIMIT_NICE", (0, 0)),
    ):
        if hasattr(resource, name):  # RLIMIT_AS and RLIMIT_NPROC are not everywhere
            try:
                resource.setrlimit(getattr(resource, name), value)
            except (ValueError, OSError):  # above a hard limit set outside: that one holds
                pass


def seal(program: str | None) -> None:
    """Add the answer's seccomp filter (hex of a BPF program; none outside the sandbox):
    from here on, no system call can start another program. Raises ``OSError`` if the
    kernel refuses it, so that no answer runs without it."""
    if not program:
        return
    code = bytes.fromhex(program)
    instructions = ctypes.create_string_buffer(code, len(code))

    class FilterProgram(ctypes.Structure):  # struct sock_fprog
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    whole = FilterProgram(len(code) // 8, ctypes.addressof(instructions))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(whole), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "the kernel refused the answer's seccomp filter")


def guard(scratch: str, readable: list[str], incidents: list[str]):
    """The audit hook: refuse and record what a code answer may not do."""
    getpid, fsdecode, absolute = os.getpid, os.fsdecode, os.path.abspath
    unix_family = 1  # socket.AF_UNIX

    def within(path: object, roots: list[str]) -> bool:
        if isinstance(path, int):  # an open file descriptor: checked when it was opened
            return True
        if not isinstance(path, (str, bytes, os.PathLike)):
            return False
        try:
            full = absolute(fsdecode(path))
        except (TypeError, ValueError):
            return False
        return any(full == root or full.startswith(root.rstrip("/") + "/") for root in roots)

    def local_socket(event: str, args: tuple) -> bool:
        """A UNIX-family socket that stays in the sandbox: a socket pair (asyncio's
        self-pipe), or one bound or connected to a path in the scratch folder. Anything
        else (a host service's socket path, an abstract address) counts as network."""
        sock = args[0] if args else None
        family = args[1] if event == "socket.__new__" and len(args) > 1 else None
        family = family if family is not None else getattr(sock, "family", None)
        if family != unix_family:
            return False
        if event in ("socket.__new__", "socket.socketpair"):
            return True
        address = args[1] if len(args) > 1 else None
        return isinstance(address, (str, bytes)) and within(address, [scratch])

    def refuse(what: str) -> None:
        incidents.append(what)
        raise PermissionError(f"a code answer may not {what}")

    def hook(event: str, args: tuple) -> None:
        if event in PROCESS_EVENTS:
            refuse("start another process, thread or program")
        elif event in NATIVE_EVENTS:
            refuse("call native code through ctypes")
        elif (
            event.startswith("socket.")
            and event != "socket.gethostname"
            and not local_socket(event, args)
        ):
            refuse("use the network")
        elif event == "open":
            path, mode, flags = args
            writes = bool((flags or 0) & WRITE_FLAGS) or any(c in (mode or "") for c in "wax+")
            if writes and not within(path, [scratch]):
                refuse("write a file outside its scratch folder")
            if not within(path, readable):
                refuse("read a file outside the folders it may read")
        elif event in CHANGE_EVENTS:
            paths = [args[i] for i in CHANGE_EVENTS[event] if i < len(args)]
            # an open file's mode, owner or times: which file it is cannot be told here
            if any(isinstance(p, int) for p in paths) or not all(
                within(p, [scratch]) for p in paths
            ):
                refuse("change files outside its scratch folder")
        elif event in ("os.listdir", "os.scandir") and not within(args[0] or ".", readable):
            refuse("read a file outside the folders it may read")
        elif event in ("os.kill", "os.killpg") and args[0] not in (0, getpid()):
            refuse("signal another process")

    return hook


def run(code: str, tests: list[str], incidents: list[str]) -> dict:
    """Execute the answer, then evaluate each test expression in its namespace; an
    error of a full scratch folder or a too-large file is also an incident."""
    namespace = {"__name__": "__answer__"}
    out: dict = {"error": None, "values": []}
    try:
        exec(compile(code, ANSWER, "exec"), namespace)
    except BaseException as error:  # noqa: BLE001 - every way an answer can fail is a result
        out["error"] = describe(error, incidents)
        return out
    for expression in tests:
        try:
            out["values"].append({"value": plain(eval(expression, namespace))})
        except BaseException as error:  # noqa: BLE001
            out["values"].append({"error": describe(error, incidents)})
    return out


def full(scratch: str) -> bool:
    """Whether the sandbox's scratch folder (a tmpfs of its own) has under 64 KiB left."""
    stats = os.statvfs(scratch)
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def plain(value: object, depth: int = 0) -> object:
    """A JSON value for a test result: numbers, short text, truth values, None, lists."""
    if value is None or isinstance(value, (bool, int, float)):
        return value if not isinstance(value, int) or abs(value) < 2**63 else float(value)
    if isinstance(value, str):
        return value[:200]
    if isinstance(value, (list, tuple)) and depth < 3:
        return [plain(v, depth + 1) for v in list(value)[:100]]
    try:
        return float(value)  # type: ignore[arg-type]  # numpy numbers; others raise
    except Exception:  # noqa: BLE001
        return {"kind": "other"}  # not named: a class name is text the answer chose


def describe(error: BaseException, incidents: list[str]) -> dict:
    """A built-in error's type and the answer's line it came from; never its message."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG):
        incidents.append(FILLED)
    kind = type(error).__name__
    line = error.lineno if isinstance(error, SyntaxError) and error.filename == ANSWER else None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == ANSWER:
            line = trace.tb_lineno
        trace = trace.tb_next
    return {
        "type": kind if BUILTIN_ERRORS.get(kind) is type(error) else None,
        "line": line if isinstance(line, int) else None,
    }


if __name__ == "__main__":
    main()
