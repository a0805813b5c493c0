"""A recorded answer as a person reads it: an option with its text, a classification as
"item → category" lines, a network design as its links, a plan as its levers, a table or
network result as its size and first rows or ties.

Used by the feedback pages, where a student sees what they answered, and by anything else
that shows an answer to a person. Never raises: an answer of an unexpected form is shown
as it was recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collabkit.assess.questions import Question


def answer_text(question: Question | None, answer: Any) -> str:
    """``answer`` to ``question`` as plain text ("—" for no answer)."""
    if answer is None or answer == "":
        return "—"
    options: Mapping[str, str] = getattr(question, "options", None) or {}
    try:
        if options and isinstance(answer, str):
            return _option(options, answer)
        if options and isinstance(answer, list):
            return "; ".join(_option(options, str(choice)) for choice in answer)
        if isinstance(answer, dict) and answer.get("result") in ("table", "graph"):
            return _result(answer)
        if isinstance(answer, dict):
            return "\n".join(f"{item} → {value}" for item, value in answer.items())
        if isinstance(answer, list) and all(isinstance(p, list) and len(p) == 2 for p in answer):
            return "\n".join(f"{a} – {b}" for a, b in answer)
        if isinstance(answer, list):
            return ", ".join(map(str, answer))
    except Exception:  # an odd recorded form: show it as it is
        pass
    return str(answer)


#: Rows or ties of a result listed before "…".
SHOWN = 10


def _result(summary: Mapping[str, Any]) -> str:
    """A table or network result's record: its size and its first rows or ties."""
    if summary["result"] == "table":
        count, noun, parts = summary["n_rows"], "row", [str(r) for r in summary["rows"]]
    else:
        count, noun = summary["n_edges"], "tie"
        parts = [f"{a} – {b}" for a, b in summary["edges"]]
    size = f"{count:,} {noun}{'' if count == 1 else 's'}"
    if not parts:
        return size
    more = ", …" if count > len(parts[:SHOWN]) else ""
    return f"{size}: {', '.join(parts[:SHOWN])}{more}"


def _option(options: Mapping[str, str], choice: str) -> str:
    key = choice.strip().strip("()").casefold()
    return f"“{options[key]}”" if key in options else choice
