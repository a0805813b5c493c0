"""The ``collabkit`` command: course utilities for instructors and maintainers."""

from __future__ import annotations

import argparse
import importlib
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


def _cmd_datasets(args: argparse.Namespace) -> int:
    from pathlib import Path

    from collabkit.atomic import write_text_atomic
    from collabkit.data import GENERATORS, datasets_dir

    folder = Path(args.out) if args.out else datasets_dir()
    stale = []
    for module in map(importlib.import_module, GENERATORS):
        for name, text in module.csv_texts().items():
            path = folder / name
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(name)
            else:
                write_text_atomic(path, text)
                print(f"wrote {path}")
    if stale:
        print(f"collabkit: out of date with their generators: {', '.join(stale)}", file=sys.stderr)
        return 1
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
    datasets = sub.add_parser(
        "datasets",
        help="regenerate the CSV data sets from their seeded generators",
        description="Write every data set in datasets/ from its seeded generator, or with "
        "--check only verify that the files match (exit 1 if not).",
    )
    datasets.add_argument("--check", action="store_true", help="verify, do not write")
    datasets.add_argument("--out", metavar="DIR", help="folder to write to (default datasets/)")
    datasets.set_defaults(handler=_cmd_datasets)
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
