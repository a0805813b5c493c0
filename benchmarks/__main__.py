"""Run every benchmark and print one table: ``python -m benchmarks``."""

from __future__ import annotations

import sys

from benchmarks import abm, callbacks, grading, imports, notebooks, sandbox


def main() -> int:
    rows: list[tuple[str, str, str]] = []
    for section in (imports, callbacks, abm, notebooks, grading, sandbox):
        print(f"running {section.__name__} …", file=sys.stderr, flush=True)
        rows.extend(section.run())
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"\n{'measure':<{width}}  {'value':>{value_width}}  target")
    print(f"{'-' * width}  {'-' * value_width}  ------")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
