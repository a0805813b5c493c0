"""Run every benchmark and print one table: ``python -m benchmarks``."""

from __future__ import annotations

import sys

from benchmarks import abm, callbacks, grading, imports, notebooks, print_table, sandbox


def main() -> int:
    rows: list[tuple[str, str, str]] = []
    for section in (imports, callbacks, abm, notebooks, grading, sandbox):
        print(f"running {section.__name__} …", file=sys.stderr, flush=True)
        rows.extend(section.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
