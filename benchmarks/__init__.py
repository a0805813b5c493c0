"""Performance benchmarks for collabkit (``make bench``); they print a report, they assert
nothing. Each row of the report shows its target next to the measured value."""


def print_table(rows: list[tuple[str, str, str]]) -> None:
    """Print ``(measure, value, target)`` rows as an aligned table."""
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"\n{'measure':<{width}}  {'value':>{value_width}}  target")
    print(f"{'-' * width}  {'-' * value_width}  ------")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {target}")
