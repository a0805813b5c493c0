"""A hostile batch: notebook-04 code answers written to harm the grader and the class.

Each attacker below tries one thing a real student tried (or could): write into the
submissions, the output folder, site-packages or the kit's source; plant a ``.pth`` file;
leave a detached or double-forked process behind; hold the result pipe; kill the grader;
fill the disk; read other students' files, ``/etc`` or the grader's environment; reach the
network over TCP, UDP or a UNIX socket; fork-bomb. Every attacker also defines a correct
``channels``, so an attack that went unnoticed would earn full marks.

The batch is graded once, with ``--execute --workers 2``, through the command line, with
innocent students filed after the attackers. Then: nothing outside the sandbox changed
(hashes of the submissions, the output folder's own files, the kit's source and the
package folders), no process is left, every innocent scores what they score in a batch
without attackers, every attacker scores 0 with a reason in problems.csv, and nothing the
attackers read reaches any output file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

import collabkit
from collabkit.assess.isolation import package_folders
from tests.assess.test_grading import submission
from tests.conftest import REPO

pytestmark = [pytest.mark.usefixtures("sandbox"), pytest.mark.slow]

QUESTION = "04.costs.code"
RIGHT = "def channels(n):\n    return n * (n - 1) // 2\n"
#: The grader's environment holds a secret an attacker wants.
TOKEN = "canvas-token-7f3a9c1e"
KIT = Path(collabkit.__file__).parent
#: Innocent students: their answer and expected share of the question's points.
INNOCENT = {
    "zz_right": (RIGHT, 1.0),
    "zz_wrong": ("def channels(n):\n    return n * n\n", 1 / 7),
    "zz_loop_free_error": ("def channels(n):\n    return m\n", 0.0),
    "zz_numpy": ("import numpy as np\ndef channels(n):\n    return int(np.arange(n).sum())\n", 1.0),
}


def attacks(places: dict[str, str]) -> dict[str, str]:
    """Attacker name → code, with the paths the attacks aim at filled in."""
    target = places["victim"]
    return {
        "a_write_submission": f"open({target!r}, 'w').write('return 0')\n",
        "a_os_write_submission": (
            f"import os\nfd = os.open({target!r}, os.O_WRONLY | os.O_TRUNC)\n"
            "os.write(fd, b'{}')\n"
        ),
        "a_write_out": f"open({places['out_file']!r}, 'w').write('24 of ' + '22 points')\n",
        "a_plant_pth": f"open({places['pth']!r}, 'w').write('import os; os._exit(0)')\n",
        "a_edit_key": f"open({places['key']!r}, 'a').write('\\nBROKEN = True\\n')\n",
        "a_remove_submission": f"import os\nos.remove({target!r})\n",
        "a_detached": (
            "import subprocess\nsubprocess.Popen(['sleep', '31'], start_new_session=True)\n"
        ),
        "a_double_fork": (
            "import os, time\n"
            "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
            "        time.sleep(30)\n    os._exit(0)\n"
        ),
        "a_native_fork_holds_pipe": (
            "import ctypes, time\nif ctypes.CDLL(None).fork() == 0:\n    time.sleep(40)\n"
        ),
        "a_kill_grader": "import os\nos.kill(os.getppid(), 9)\nos.kill(1, 9)\n",
        "a_fork_bomb": "import os\nwhile True:\n    os.fork()\n",
        "a_fill_disk": (
            "i = 0\nwhile True:\n    with open(f'junk{i}', 'wb') as f:\n"
            "        f.write(b'x' * 2**20)\n    i += 1\n"
        ),
        "a_read_shadow": "secret = open('/etc/shadow').read()\nraise ValueError(secret)\n",
        "a_read_classmate": f"raise ValueError(open({target!r}).read())\n",
        "a_list_submissions": f"import os\nraise ValueError(str(os.listdir({places['subs']!r})))\n",
        "a_tcp": (
            "import socket\n"
            f"socket.create_connection(('127.0.0.1', {places['tcp']}), timeout=2).send(b'hi')\n"
        ),
        "a_udp": (
            "import socket\n"
            f"socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'hi', "
            f"('127.0.0.1', {places['udp']}))\n"
        ),
        "a_unix_socket": (
            "import socket\ns = socket.socket(socket.AF_UNIX)\n"
            f"s.connect({places['unix']!r})\ns.send(b'hi')\n"
        ),
    }


#: What each attacker's line in problems.csv must say it tried (or how it was stopped).
REASONS = {
    "a_write_submission": "write a file outside its scratch folder",
    "a_os_write_submission": "write a file outside its scratch folder",
    "a_write_out": "write a file outside its scratch folder",
    "a_plant_pth": "write a file outside its scratch folder",
    "a_edit_key": "write a file outside its scratch folder",
    "a_remove_submission": "change files outside its scratch folder",
    "a_detached": "start another process, thread or program",
    "a_double_fork": "start another process, thread or program",
    "a_native_fork_holds_pipe": "call native code through ctypes",
    "a_kill_grader": "signal another process",
    "a_fork_bomb": "start another process, thread or program",
    "a_fill_disk": "fill the scratch space",
    "a_read_shadow": "read a file outside the folders it may read",
    "a_read_classmate": "read a file outside the folders it may read",
    "a_list_submissions": "read a file outside the folders it may read",
    "a_tcp": "use the network",
    "a_udp": "use the network",
    "a_unix_socket": "use the network",
}


def tree_state(folder: Path, *, content: bool = True) -> dict[str, object]:
    """Every file below ``folder`` (bytecode caches aside): its hash, or its size and
    modification time when ``content`` is False (for large package folders)."""
    state: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            key = str(path.relative_to(folder))
            stat = path.stat()
            state[key] = (
                hashlib.sha256(path.read_bytes()).hexdigest()
                if content
                else (stat.st_size, stat.st_mtime_ns)
            )
    return state


def code_scores(out: Path) -> dict[str, float]:
    """Each student's share of the code question's points, from scores_long.csv."""
    with (out / "scores_long.csv").open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["question_id"] == QUESTION]
    return {r["student_id"]: float(r["score"]) / float(r["max_score"]) for r in rows}


def write_batch(folder: Path, answers: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for student, code in answers.items():
        nbformat.write(submission(student, {QUESTION: [code]}), folder / f"{student}.ipynb")


#: Grades a folder as an instructor would, as a child subreaper (Linux ``prctl``), so
#: that any process an answer left behind becomes its child; prints the exit code and the
#: command lines of the processes still running once grading has returned.
GRADER = """
import ctypes, json, os, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
from collabkit.cli import main
code = main(sys.argv[1:])
time.sleep(0.5)
me = os.getpid()
alive = []
for pid in open(f"/proc/{me}/task/{me}/children").read().split():
    try:
        if open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] == "Z":
            continue  # ended; a sandbox's first process, orphaned to this subreaper
        alive.append(open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\\0", b" ").decode())
    except OSError:
        pass
print(json.dumps({"code": code, "alive": alive}))
"""


def grade_folder(subs: Path, out: Path, environment: dict[str, str] | None = None) -> list[str]:
    """Grade ``subs`` into ``out`` with the command line; the processes left alive."""
    argv = ["grade", str(subs), "--out", str(out), "--execute", "--notebook", "04"]
    done = subprocess.run(
        [sys.executable, "-c", GRADER, *argv, "--workers", "2", "--format", "long"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, **(environment or {}), "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return report["alive"]


def listeners(tmp: Path) -> dict[str, socket.socket]:
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    unix = socket.socket(socket.AF_UNIX)
    unix.bind(str(tmp / "grader.sock"))
    unix.listen()
    for server in (tcp, udp, unix):
        server.setblocking(False)
    return {"tcp": tcp, "udp": udp, "unix": unix}


def reached(servers: dict[str, socket.socket]) -> list[str]:
    """The servers anything connected or sent to."""
    touched = []
    for name, server in servers.items():
        try:
            server.recv(16) if name == "udp" else server.accept()
        except BlockingIOError:
            continue
        touched.append(name)
    return touched


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Grade the hostile batch and, separately, the innocents alone; keep the evidence."""
    tmp = tmp_path_factory.mktemp("hostile")
    subs, out, clean_subs, clean_out = (tmp / n for n in ("subs", "out", "clean", "clean_out"))
    out.mkdir()
    (out / "gradebook.csv").write_text("last week's grades\n", encoding="utf-8")
    servers = listeners(tmp)
    places = {
        "subs": str(subs), "victim": str(subs / "zz_right.ipynb"),
        "out_file": str(out / "gradebook.csv"),
        "key": str(KIT / "course" / "over_collaboration.py"),
        "pth": str(Path(package_folders()[0]) / "zz_collabkit_attack.pth"),
        "tcp": servers["tcp"].getsockname()[1], "udp": servers["udp"].getsockname()[1],
        "unix": str(tmp / "grader.sock"),
    }  # fmt: skip
    hostile = {name: code + RIGHT for name, code in attacks(places).items()}
    write_batch(subs, {**hostile, **{s: code for s, (code, _) in INNOCENT.items()}})
    write_batch(clean_subs, {s: code for s, (code, _) in INNOCENT.items()})
    before = {
        "subs": tree_state(subs),
        "kit": tree_state(KIT),
        "packages": {p: tree_state(Path(p), content=False) for p in package_folders()},
    }
    started = time.monotonic()
    leftovers = grade_folder(subs, out, {"CANVAS_API_TOKEN": TOKEN})
    seconds = time.monotonic() - started
    after = {
        "subs": tree_state(subs),
        "kit": tree_state(KIT),
        "packages": {p: tree_state(Path(p), content=False) for p in package_folders()},
    }
    grade_folder(clean_subs, clean_out)
    touched = reached(servers)
    for server in servers.values():
        server.close()
    return {
        "out": out, "clean_out": clean_out, "before": before, "after": after,
        "leftovers": leftovers, "touched": touched, "seconds": seconds, "hostile": hostile,
    }  # fmt: skip


def test_nothing_outside_the_sandbox_changed(hostile_run):
    for tree in ("subs", "kit", "packages"):
        assert hostile_run["after"][tree] == hostile_run["before"][tree], tree
    assert not (Path(package_folders()[0]) / "zz_collabkit_attack.pth").exists()


def test_the_grader_wrote_its_own_outputs_and_nobody_else_did(hostile_run):
    gradebook = (hostile_run["out"] / "gradebook.csv").read_text(encoding="utf-8")
    assert "last week's grades" not in gradebook  # replaced by the grader, atomically
    assert "24 of 22" not in gradebook and "zz_right" in gradebook


def test_no_process_outlives_its_run(hostile_run):
    assert hostile_run["leftovers"] == []


def test_no_attacker_reached_the_network(hostile_run):
    assert hostile_run["touched"] == []


def test_innocent_students_score_exactly_as_without_the_attackers(hostile_run):
    hostile, clean = code_scores(hostile_run["out"]), code_scores(hostile_run["clean_out"])
    for student, (_, share) in INNOCENT.items():
        assert hostile[student] == pytest.approx(share, abs=1e-6), student  # CSV: 6 digits
        assert hostile[student] == clean[student], student


def test_every_attacker_scores_zero_and_is_reported_with_its_reason(hostile_run):
    scores = code_scores(hostile_run["out"])
    with (hostile_run["out"] / "problems.csv").open(encoding="utf-8") as file:
        problems = list(csv.DictReader(file))
    for attacker, reason in REASONS.items():
        assert scores[attacker] == 0, attacker
        said = [p["problem"] for p in problems if p["student_id"] == attacker]
        assert any("code answer stopped" in p and reason in p for p in said), (attacker, said)
    assert set(REASONS) == set(hostile_run["hostile"])


def test_nothing_an_attacker_read_reaches_any_output(hostile_run):
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in hostile_run["out"].rglob("*")
        if p.is_file()
    )
    assert TOKEN not in written
    assert "root:" not in written  # /etc/shadow's first line
    assert "zz_numpy.ipynb" not in written  # a classmate's file name, listed


def test_the_batch_stays_fast(hostile_run):
    # 22 answers on 2 workers; the slowest attack (a held pipe) ends at its CPU limit
    assert hostile_run["seconds"] < 60, hostile_run["seconds"]


def test_grading_with_execute_refuses_where_there_is_no_sandbox(tmp_path):
    """No bubblewrap on PATH: nothing is graded or written, exit 3, and the message says
    what to install."""
    subs = tmp_path / "subs"
    write_batch(subs, {"zz_right": RIGHT})
    empty = tmp_path / "bin"
    empty.mkdir()
    command = [
        sys.executable, "-c", "import sys; from collabkit.cli import main; sys.exit(main())",
        "grade", str(subs), "--out", str(tmp_path / "out"), "--execute",
    ]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PATH": str(empty), "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert "apt-get install bubblewrap" in done.stderr and "Nothing was graded" in done.stderr
    assert not (tmp_path / "out").exists()
