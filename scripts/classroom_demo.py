"""A term of collabkit on a real JupyterHub, run on this computer in about a minute.

What it does, with the exact commands an instructor uses (docs/instructor.md, "Running the
course on JupyterHub"):

1. ``collabkit secret`` and ``collabkit release --assessed`` put notebook 01 into a new git
   repository (the instructor's assignment repository);
2. a JupyterHub starts on 127.0.0.1 (dummy logins, one local server per student);
3. every student follows the nbgitpuller link, runs the notebook in their own kernel and
   answers its questions following a seeded plan (right, wrong or blank);
4. the instructor pushes a fix and one student follows the link again (their answers stay);
5. the instructor copies the home folders, grades them with ``collabkit grade --layout hub
   --roster``, marks the memo by hand in ``manual.csv`` and grades again with ``--manual``.

It prints the gradebook next to the plan and exits 0 if they agree exactly, 1 if not, 2 if
the hub cannot run here (configurable-http-proxy, git or Chromium missing).

Run from the repository root after ``make test`` (which installs the hub and its proxy)::

    .venv/bin/python scripts/classroom_demo.py --students 8 --browser --keep /tmp/term
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hub.classroom import run_term  # noqa: E402
from tests.hub.hub import start_hub  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the demo term; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=6, help="students (default 6)")
    parser.add_argument("--browser", action="store_true",
                        help="one more student takes the term in headless Chromium")  # fmt: skip
    parser.add_argument("--seed", type=int, default=2026, help="seed of the answer plan")
    parser.add_argument("--keep", metavar="DIR", help="keep the hub, homes, release and "
                        "grades in DIR (default: a temporary folder, removed)")  # fmt: skip
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200:
        parser.error("--students must be between 1 and 200")
    missing = [name for name in ("git", *(["chromium"] if args.browser else []))
               if shutil.which(name) is None]  # fmt: skip
    if missing:
        print(f"classroom_demo: {' and '.join(missing)} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="collabkit-term-") as scratch:
        workdir = Path(args.keep) if args.keep else Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            hub = start_hub(workdir / "hub")
        except RuntimeError as err:
            print(f"classroom_demo: {err}", file=sys.stderr)
            return 2
        try:
            users = [f"student{n:03d}" for n in range(1, args.students + 1)]
            browser = "student-browser" if args.browser else None
            term = asyncio.run(run_term(hub, users, workdir, args.seed, browser))
        finally:
            hub.stop()
    print(f"hub: {hub.url}\nlink: {term.link}\n")
    print(f"{'student':<16}{'plan':>8}{'graded':>8}")
    for user, expected in term.plan.expected.items():
        print(f"{user:<16}{sum(expected.values()):>8g}{sum(term.scores[user].values()):>8g}")
    runs = sorted(term.runs, key=lambda run: run.idle)
    print(f"\nRun All to idle: {runs[0].idle:.1f} s (fastest) to {runs[-1].idle:.1f} s (slowest)")
    print(f"fix reached the re-pulling student: {term.repull_has_fix}; "
          f"answers kept: {term.repull_kept_answers}")  # fmt: skip
    for note in term.notes:
        print(note)
    agree = term.scores == term.plan.expected
    print("gradebook equals the plan" if agree else "GRADEBOOK DIFFERS FROM THE PLAN")
    return 0 if agree and term.repull_has_fix and term.repull_kept_answers else 1


if __name__ == "__main__":
    raise SystemExit(main())
