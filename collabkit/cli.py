"""The ``collabkit`` command: course utilities for instructors and maintainers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from collabkit._version import __version__


def _cmd_questions(args: argparse.Namespace) -> int:
    from collabkit.course import all_questions

    selected = [q for q in all_questions() if q.id.startswith(args.prefix)]
    if not selected:
        print(f"collabkit: no question id starts with {args.prefix!r}", file=sys.stderr)
        return 2
    for q in selected:
        print(f"{q.id}\t{q.kind}\t{q.points:g}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="collabkit",
        description="collabkit: a Jupyter course on collaborative networks of small and "
        "medium-sized businesses. Open the course with `make lab`.",
    )
    parser.add_argument("--version", action="version", version=f"collabkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    questions = sub.add_parser(
        "questions",
        help="list the course's questions (id, type, points)",
        description="List every question of the course as tab-separated id, type and points.",
    )
    questions.add_argument(
        "prefix", nargs="?", default="", help="only ids that start with this, e.g. 01.pooling"
    )
    questions.set_defaults(handler=_cmd_questions)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
