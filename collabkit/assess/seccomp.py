"""A seccomp filter that lets a code answer run threads but never start a process.

bubblewrap (``bwrap --seccomp FD``) installs this filter just before it starts Python in
the sandbox. It is a classic-BPF program over ``struct seccomp_data`` (Linux
``Documentation/userspace-api/seccomp_filter.rst``):

* a system call of another architecture than the machine's (32-bit ``int 0x80`` and x32
  calls on x86-64) kills the process, so no second numbering can get round the rules;
* ``fork``, ``vfork`` and a ``clone`` without ``CLONE_THREAD`` kill the process: a code
  answer cannot start a program, fork a child that outlives the run, or fork-bomb the
  machine, whatever user the grader runs as (``RLIMIT_NPROC`` does not bind root);
* ``clone3``, whose flags sit in memory a filter cannot read, fails with ``ENOSYS``, and
  the C library falls back to ``clone`` for threads;
* everything else is allowed: the namespaces, read-only mounts and resource limits of
  :mod:`collabkit.assess.isolation` bound it.

Only x86-64 and AArch64 are supported (both little-endian, so the low 32 bits of a system
call's first argument sit at offset 16).
"""

from __future__ import annotations

import platform
import struct

#: ``struct seccomp_data`` offsets: system call number, architecture, first argument.
_NR, _ARCH, _ARG0_LOW = 0, 4, 16

_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS: load a 32-bit word of seccomp_data
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_JSET_K = 0x45  # BPF_JMP | BPF_JSET | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K

_KILL_PROCESS = 0x80000000  # SECCOMP_RET_KILL_PROCESS (Linux 4.14+)
_ALLOW = 0x7FFF0000  # SECCOMP_RET_ALLOW
_ENOSYS = 0x00050000 | 38  # SECCOMP_RET_ERRNO | ENOSYS
_CLONE_THREAD = 0x00010000
_X32_BIT = 0x40000000

#: Per machine: the audit architecture, the process-starting system calls, and whether
#: the x32 numbering (system call number with bit 30 set) must be refused.
_MACHINES: dict[str, tuple[int, dict[str, int], bool]] = {
    "x86_64": (0xC000003E, {"clone": 56, "fork": 57, "vfork": 58, "clone3": 435}, True),
    "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435}, False),
}


def supported() -> bool:
    """Whether this machine's architecture has a filter (x86-64 or AArch64)."""
    return _machine() in _MACHINES


def no_new_processes_filter() -> bytes:
    """The filter as the bytes of a ``struct sock_filter`` array, for ``bwrap --seccomp``.

    Raises ``RuntimeError`` on an architecture without a filter (see :func:`supported`).
    """
    machine = _machine()
    if machine not in _MACHINES:
        raise RuntimeError(f"no seccomp filter for the {machine or 'unknown'} architecture")
    arch, calls, refuse_x32 = _MACHINES[machine]
    program = [(_LD_W_ABS, 0, 0, _ARCH), (_JEQ_K, 1, 0, arch), (_RET_K, 0, 0, _KILL_PROCESS)]
    program.append((_LD_W_ABS, 0, 0, _NR))
    if refuse_x32:
        program += [(_JGE_K, 0, 1, _X32_BIT), (_RET_K, 0, 0, _KILL_PROCESS)]
    program += [(_JEQ_K, 0, 1, calls["clone3"]), (_RET_K, 0, 0, _ENOSYS)]
    for name in ("fork", "vfork"):
        if name in calls:
            program += [(_JEQ_K, 0, 1, calls[name]), (_RET_K, 0, 0, _KILL_PROCESS)]
    program += [
        (_JEQ_K, 1, 0, calls["clone"]),  # clone: go and look at its flags
        (_RET_K, 0, 0, _ALLOW),  # any other system call
        (_LD_W_ABS, 0, 0, _ARG0_LOW),
        (_JSET_K, 0, 1, _CLONE_THREAD),
        (_RET_K, 0, 0, _ALLOW),  # a thread
        (_RET_K, 0, 0, _KILL_PROCESS),  # a process
    ]
    return b"".join(struct.pack("<HBBI", *instruction) for instruction in program)


def _machine() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
