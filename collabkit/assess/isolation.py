"""Which isolation code answers run under here, and the bubblewrap command that gives it.

Grading runs a code answer only inside a bubblewrap sandbox (``bwrap``, Debian package
``bubblewrap``), made for each answer with

* ``--unshare-all --unshare-user --disable-userns``: new user, PID, IPC, UTS, cgroup and
  network namespaces (the network has only an unconfigured loopback, so no TCP, UDP,
  abstract UNIX socket or host service is reachable), and no further user namespaces;
* ``--cap-drop ALL``: no capabilities, even when the grader runs as root;
* ``--die-with-parent`` and ``--new-session``: the sandbox dies with the grader, and the
  answer gets no controlling terminal; killing ``bwrap`` at the deadline kills the PID
  namespace's first process and so, by the kernel's rule, every process in it;
* ``--clearenv`` and a fixed environment: no variable of the grader's (a token, a path)
  reaches the answer; ``--hostname``: not the host's name;
* a read-only root of binds of ``/usr`` (with ``/lib``, ``/lib64``, ``/bin`` and ``/sbin``
  as the host has them) and of the Python installation and environment the grader runs
  in, with the kit's own package folder covered (its answer keys stay out of sight); four
  devices (``/dev/null``, ``zero``, ``random``, ``urandom``; when the grader is root the
  answer's user owns them, so the seccomp filter refuses changing any file's mode, owner
  or times) and no ``/dev`` tmpfs, which would be writable without a limit; no ``/proc``
  and no ``/sys`` (a grader running as root would leave the answer root's power over
  ``/proc/sys``); and a private ``tmpfs``
  of limited size at ``/scratch`` (also ``HOME``, ``TMPDIR`` and the working folder) as
  the only writable place: not at ``/tmp``, so that a path of the grader's own ``/tmp``
  means nothing inside and an attempt at it is reported. No home folder, no submissions,
  no output folder, no ``/etc``;
* ``--seccomp``: :func:`collabkit.assess.seccomp.sandbox_filter` (no new process or
  thread; no system call reaching shared kernel state or memory outside the limits).

Inside, :mod:`collabkit.assess.answer_runner` adds the resource limits and reports.
Outside Linux, without bubblewrap, or where the kernel refuses the namespaces (Ubuntu
23.10 and later restrict unprivileged user namespaces with AppArmor; many containers do
too), :func:`find_isolation` says why and grading refuses to run code answers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from collabkit.assess import seccomp

#: Where the sandbox's private scratch folder is mounted (see the module's docstring).
SCRATCH = "/scratch"
#: The answer's environment: nothing of the grader's.
ENVIRONMENT = {
    "PATH": "/usr/bin:/bin",
    "HOME": SCRATCH,
    "TMPDIR": SCRATCH,
    "USER": "student",
    "LOGNAME": "student",
    "LANG": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
#: The only devices in the sandbox (no /dev tmpfs: it would be writable without a limit).
DEVICES = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
#: The kit's own package folder, hidden inside the sandbox if it is below a bound folder.
KIT = Path(__file__).resolve().parents[1]
#: Top-level system folders a Linux Python may load libraries from.
SYSTEM_FOLDERS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")
INSTALL_HINT = (
    "install bubblewrap (Debian or Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo "
    "dnf install bubblewrap; Arch: sudo pacman -S bubblewrap)"
)


class SandboxUnavailable(RuntimeError):
    """Code answers cannot be isolated here; the message says what to install or change."""


@dataclass(frozen=True)
class Isolation:
    """How code answers run on this machine.

    Attributes
    ----------
    available
        Whether the bubblewrap sandbox works here (checked by starting one).
    description
        In words: the tool and its version, or why there is none and what to do.
    """

    available: bool
    description: str


@cache
def find_isolation() -> Isolation:
    """The isolation in force here (checked once per process by starting a sandbox)."""
    if not sys.platform.startswith("linux"):
        return Isolation(
            False,
            f"code answers can be isolated only on Linux, with "
            f"bubblewrap; this is {sys.platform}: grade code answers in a Linux "
            "container or virtual machine",
        )
    if not seccomp.supported():
        return Isolation(False, "the sandbox supports x86-64 and AArch64 machines only")
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return Isolation(False, f"bubblewrap (bwrap) is not installed: {INSTALL_HINT}")
    try:
        probe = sandboxed(
            [python_executable(), "-I", "-S", "-B", "-c", "print('ok')"],
            scratch_bytes=1 << 20,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said, complaint = probe.communicate(timeout=30)
        version = subprocess.run(
            [bwrap, "--version"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as err:
        return Isolation(False, f"bubblewrap could not be started: {err}")
    except SandboxUnavailable as err:
        return Isolation(False, str(err))
    if said.strip() != "ok":
        reason = (complaint.strip().splitlines() or ["no message"])[-1]
        return Isolation(
            False,
            f"bubblewrap is installed but could not make a sandbox here "
            f"({reason}). Unprivileged user namespaces are probably switched off: "
            "on Ubuntu 23.10 and later allow them for bwrap in AppArmor; in a "
            "container, run it with user namespaces allowed",
        )
    return Isolation(
        True,
        f"{version or 'bubblewrap'} sandbox: no network, read-only system, private "
        "scratch folder, no new process, thread or program",
    )


def require_isolation() -> None:
    """Raise :class:`SandboxUnavailable` (saying what to do) unless the sandbox works."""
    isolation = find_isolation()
    if not isolation.available:
        raise SandboxUnavailable(
            f"code answers are run only in a sandbox, and {isolation.description}"
        )


def sandboxed(program: list[str], *, scratch_bytes: int, **popen) -> subprocess.Popen:
    """Start ``program`` in a new bubblewrap sandbox (``popen``: more ``Popen`` arguments).

    Raises ``OSError`` if bubblewrap cannot be started at all.
    """
    bwrap = shutil.which("bwrap") or "bwrap"
    rules = os.memfd_create("collabkit-seccomp")  # bwrap reads the filter from it
    try:
        os.write(rules, seccomp.sandbox_filter())
        os.lseek(rules, 0, os.SEEK_SET)
        command = sandbox_command(bwrap, scratch_bytes=scratch_bytes, seccomp_fd=rules)
        return subprocess.Popen(
            [*command, *program],
            pass_fds=(rules,),
            env=ENVIRONMENT,
            start_new_session=True,
            **popen,
        )
    finally:
        os.close(rules)


def python_executable() -> str:
    """The real Python binary (a virtual environment's ``python`` is a link to it)."""
    return os.path.realpath(sys.executable)


def python_folders() -> list[str]:
    """The folders an answer may read: the system's, Python's and its packages'."""
    paths = sysconfig.get_paths()
    wanted = [
        sys.base_prefix, sys.prefix, paths["stdlib"], paths["platstdlib"], *package_folders()
    ]  # fmt: skip
    return _outermost([*SYSTEM_FOLDERS, *(os.path.realpath(p) for p in wanted)])


def readable_folders() -> list[str]:
    """:func:`python_folders`, checked for binding into the sandbox.

    Raises :class:`SandboxUnavailable` if one of them is ``/``, the home folder or a
    folder above it (a sandbox showing it would show everything in it)."""
    folders = python_folders()
    home = Path.home().resolve()
    too_wide = [f for f in folders if f == "/" or home.is_relative_to(f)]
    if too_wide:
        raise SandboxUnavailable(
            f"Python is installed in {too_wide[0]}, which holds everything below it; the "
            "sandbox would have to show it whole. Grade from a Python installed elsewhere "
            "(a system Python, or one in its own folder, with a virtual environment)"
        )
    return folders


def package_folders() -> list[str]:
    """The folders this Python imports installed packages from (numpy and the like)."""
    paths = sysconfig.get_paths()
    return list(dict.fromkeys(os.path.realpath(paths[k]) for k in ("purelib", "platlib")))


def sandbox_command(bwrap: str, *, scratch_bytes: int, seccomp_fd: int | None) -> list[str]:
    """The ``bwrap`` arguments up to the program to run (see the module's docstring)."""
    command = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
    ]
    for name, value in ENVIRONMENT.items():
        command += ["--setenv", name, value]
    folders = readable_folders()
    for folder in folders:
        if os.path.islink(folder):  # e.g. /lib -> usr/lib on a merged-/usr system
            command += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            command += ["--ro-bind", folder, folder]
    executable = python_executable()
    if not _inside(executable, folders):
        command += ["--ro-bind", executable, executable]
    if _inside(str(KIT), folders):  # an installed kit: its answer keys stay out of sight
        command += ["--size", "4096", "--tmpfs", str(KIT), "--remount-ro", str(KIT)]
    for device in DEVICES:  # their modes and owners: see seccomp.REFUSED
        command += ["--dev-bind", device, device]
    command += ["--hostname", "collabkit"]
    command += ["--size", str(scratch_bytes), "--tmpfs", SCRATCH, "--chdir", SCRATCH]
    command += ["--remount-ro", "/"]  # bwrap's root is a tmpfs without a size limit
    if seccomp_fd is not None:
        command += ["--seccomp", str(seccomp_fd)]
    return command


def _inside(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def _outermost(folders: list[str]) -> list[str]:
    """``folders`` without duplicates or folders inside another of them, in order."""
    kept: list[str] = []
    for folder in sorted(set(folders), key=len):
        if not _inside(folder, kept):
            kept.append(folder)
    return kept
