"""Seccomp filters for code answers: no new process, thread or program, and no system call
that reaches beyond the sandbox.

Two classic-BPF programs over ``struct seccomp_data`` (Linux
``Documentation/userspace-api/seccomp_filter.rst``), as bytes of a ``struct sock_filter``
array:

* :func:`sandbox_filter`, which bubblewrap (``bwrap --seccomp FD``) installs just before
  it starts Python in the sandbox:

  - a system call of another architecture than the machine's (32-bit ``int 0x80`` and x32
    calls on x86-64) kills the process, so no second numbering can get round the rules;
  - ``fork``, ``vfork`` and ``clone`` kill the process: a code answer cannot start a
    process that outlives its run, fork-bomb the machine, or use up its process ids with
    threads, whatever user the grader runs as (``RLIMIT_NPROC`` does not bind root);
    ``clone3``, whose flags a filter cannot read, fails with ``ENOSYS``, and the C library
    falls back to ``clone``;
  - system calls that reach other processes, the kernel's state or memory outside the
    answer's limits fail with ``EPERM``: ``ptrace``, ``process_vm_*``, pidfds and ``kcmp``;
    keyrings, inotify, fanotify and AIO contexts (quotas shared by every process of a
    user id, the host root's included); ``memfd_create`` and System V IPC (memory that
    ``RLIMIT_AS`` does not count), ``io_uring``, ``bpf``, ``perf_event_open``,
    ``userfaultfd``; changing files' modes, owners and times (the answer's user may be the
    host's root, the owner of the system's files: a read-only mount stops writes but not
    these), and ``fcntl(F_SETLEASE)`` (a lease would make every other process opening
    that file wait); mounts and namespaces, modules, swap, reboot and accounting;

* :func:`answer_filter`, which the answer runner adds on top once Python is running and
  has set its resource limits, before the answer runs: ``execve`` and ``execveat`` kill
  the process, so the answer cannot replace Python by another program, and ``prlimit64``
  works on the answer's own process only.

Only x86-64 and AArch64 are supported (both little-endian); their system call numbers
below are those of the kernel's ``unistd_64.h`` and ``asm-generic/unistd.h`` (a test
checks them against the headers where they are installed).
"""

from __future__ import annotations

import platform
import struct

_NR, _ARCH, _ARG0_LOW, _ARG1_LOW = 0, 4, 16, 24  # offsets in struct seccomp_data
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS: load a 32-bit word of seccomp_data
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K

KILL_PROCESS = 0x80000000  # SECCOMP_RET_KILL_PROCESS (Linux 4.14+)
ALLOW = 0x7FFF0000  # SECCOMP_RET_ALLOW
_ERRNO = 0x00050000  # SECCOMP_RET_ERRNO | errno
ENOSYS, EPERM = 38, 1
_X32_BIT = 0x40000000

#: System calls that start a process or thread (killed in the sandbox).
NEW_PROCESS = ("clone", "fork", "vfork")
#: System calls that run another program (killed once the answer runner is running).
NEW_PROGRAM = ("execve", "execveat")
#: System calls refused with EPERM (see the module's docstring).
REFUSED = (
    # other processes, and the kernel's state shared by every process of a user id
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_open", "pidfd_getfd",
    "pidfd_send_signal", "kcmp", "process_madvise", "add_key", "request_key", "keyctl",
    "inotify_init", "inotify_init1", "inotify_add_watch", "fanotify_init", "fanotify_mark",
    "io_setup",
    # memory that RLIMIT_AS does not count, and ways round the other limits
    "memfd_create", "shmget", "semget", "msgget", "mq_open", "io_uring_setup",
    "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "userfaultfd",
    # owners' rights over files: the answer's user may be the host's root, owner of the
    # system's files (a read-only mount stops writes, not these)
    "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "lchown", "fchownat",
    "utime", "utimes", "utimensat", "futimesat",
    # the system itself
    "mount", "umount2", "pivot_root", "unshare", "setns", "init_module", "finit_module",
    "delete_module", "kexec_load", "swapon", "swapoff", "reboot", "acct",
    "open_by_handle_at",
)  # fmt: skip
#: fcntl's F_SETLEASE: a lease on a file the answer's user owns makes every other process
#: that opens it wait (e.g. a module every run imports).
F_SETLEASE = 1024

#: Per machine: the audit architecture, its system call numbers, and whether the x32
#: numbering (bit 30 set) must be refused.
_MACHINES: dict[str, tuple[int, dict[str, int], bool]] = {
    "x86_64": (0xC000003E, {
        "clone": 56, "fork": 57, "vfork": 58, "clone3": 435, "execve": 59, "execveat": 322,
        "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "add_key": 248,
        "request_key": 249, "keyctl": 250, "memfd_create": 319, "shmget": 29, "semget": 64,
        "msgget": 68, "mq_open": 240, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "bpf": 321, "perf_event_open": 298, "userfaultfd": 323,
        "mount": 165, "umount2": 166, "pivot_root": 155, "unshare": 272, "setns": 308,
        "init_module": 175, "finit_module": 313, "delete_module": 176, "kexec_load": 246,
        "swapon": 167, "swapoff": 168, "reboot": 169, "acct": 163, "open_by_handle_at": 304,
        "pidfd_open": 434, "pidfd_getfd": 438, "pidfd_send_signal": 424, "kcmp": 312,
        "process_madvise": 440, "inotify_init": 253, "inotify_init1": 294,
        "inotify_add_watch": 254, "fanotify_init": 300, "fanotify_mark": 301, "io_setup": 206,
        "chmod": 90, "fchmod": 91, "fchmodat": 268, "fchmodat2": 452, "chown": 92,
        "fchown": 93, "lchown": 94, "fchownat": 260, "utime": 132, "utimes": 235,
        "utimensat": 280, "futimesat": 261, "prlimit64": 302, "fcntl": 72,
    }, True),
    "aarch64": (0xC00000B7, {
        "clone": 220, "clone3": 435, "execve": 221, "execveat": 281, "ptrace": 117,
        "process_vm_readv": 270, "process_vm_writev": 271, "add_key": 217,
        "request_key": 218, "keyctl": 219, "memfd_create": 279, "shmget": 194, "semget": 190,
        "msgget": 186, "mq_open": 180, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282,
        "mount": 40, "umount2": 39, "pivot_root": 41, "unshare": 97, "setns": 268,
        "init_module": 105, "finit_module": 273, "delete_module": 106, "kexec_load": 104,
        "swapon": 224, "swapoff": 225, "reboot": 142, "acct": 89, "open_by_handle_at": 265,
        "pidfd_open": 434, "pidfd_getfd": 438, "pidfd_send_signal": 424, "kcmp": 272,
        "process_madvise": 440, "inotify_init1": 26, "inotify_add_watch": 27,
        "fanotify_init": 262, "fanotify_mark": 263, "io_setup": 0, "fchmod": 52,
        "fchmodat": 53, "fchmodat2": 452, "fchown": 55, "fchownat": 54, "utimensat": 88,
        "prlimit64": 261, "fcntl": 25,
    }, False),
}  # fmt: skip


def supported() -> bool:
    """Whether this machine's architecture has filters (x86-64 or AArch64)."""
    return machine() in _MACHINES


def syscall_numbers() -> dict[str, int]:
    """This machine's numbers of the system calls the filters name (empty if unsupported)."""
    return dict(_MACHINES.get(machine(), (0, {}, False))[1])


def sandbox_filter() -> bytes:
    """The filter bubblewrap installs (see the module's docstring).

    Raises ``RuntimeError`` on an architecture without filters (see :func:`supported`).
    """
    calls = syscall_numbers()
    rules = [(calls["clone3"], _ERRNO | ENOSYS)]
    rules += [(calls[name], KILL_PROCESS) for name in NEW_PROCESS if name in calls]
    rules += [(calls[name], _ERRNO | EPERM) for name in REFUSED if name in calls]
    no_lease = (calls["fcntl"], _ARG1_LOW, F_SETLEASE, _ERRNO | EPERM, ALLOW)
    return _program(rules, [no_lease])


def answer_filter() -> bytes:
    """The filter the answer runner adds before the answer runs: no new program."""
    calls = syscall_numbers()
    own_limits_only = (calls["prlimit64"], _ARG0_LOW, 0, ALLOW, _ERRNO | EPERM)  # pid 0: self
    return _program([(calls[name], KILL_PROCESS) for name in NEW_PROGRAM], [own_limits_only])


def _program(
    rules: list[tuple[int, int]], by_argument: list[tuple[int, int, int, int, int]]
) -> bytes:
    """A filter that checks the architecture, then returns the action of the first rule
    ``(number, action)`` whose system call number matches; then, for each
    ``(number, offset, value, if_equal, otherwise)`` of ``by_argument``, decides that call
    by the 32-bit argument word at ``offset``; and allows anything else."""
    if not supported():
        raise RuntimeError(f"no seccomp filter for the {machine() or 'unknown'} architecture")
    arch, _, refuse_x32 = _MACHINES[machine()]
    program = [(_LD_W_ABS, 0, 0, _ARCH), (_JEQ_K, 1, 0, arch), (_RET_K, 0, 0, KILL_PROCESS)]
    program.append((_LD_W_ABS, 0, 0, _NR))
    if refuse_x32:
        program += [(_JGE_K, 0, 1, _X32_BIT), (_RET_K, 0, 0, KILL_PROCESS)]
    for number, action in rules:
        program += [(_JEQ_K, 0, 1, number), (_RET_K, 0, 0, action)]
    for number, offset, value, if_equal, otherwise in by_argument:
        program += [
            (_LD_W_ABS, 0, 0, _NR),
            (_JEQ_K, 0, 4, number),  # another call: on to the next rule
            (_LD_W_ABS, 0, 0, offset),
            (_JEQ_K, 0, 1, value),
            (_RET_K, 0, 0, if_equal),
            (_RET_K, 0, 0, otherwise),
        ]
    program.append((_RET_K, 0, 0, ALLOW))
    return b"".join(struct.pack("<HBBI", *instruction) for instruction in program)


def machine() -> str:
    """This machine's architecture as the kernel names it (``x86_64``, ``aarch64``)."""
    name = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(name, name)
