"""The question-bank linter: cues that let a student answer by form, and gaps in feedback.

``collabkit lint-questions`` runs :func:`lint_questions` on every bank of the course, or on
an instructor's own bank module (a Python file defining ``QUESTIONS``), and prints one line
per finding: the question id, the rule's code and a sentence that says what is wrong and
what to do. The rules (:data:`RULES`) are topic-agnostic:

- answer-by-form cues: the right option is the longest (``longest-correct``), the options'
  lengths differ greatly (``uneven-options``), a classification is a bijection, n items
  into n categories each used once, so the last placement follows from the others
  (``bijection``);
- feedback gaps: a wrong option, a right option left out of a multi-select or a wrong
  placement without a sentence naming the mistake (``unexplained-option``,
  ``unexplained-placement``), a numeric question with no common wrong number
  (``numeric-no-misconception``), a table or network result that explains no row or tie
  (``result-no-reasons``);
- slips: a template field or TODO left in a text (``unfilled-field``), a key that fails
  its own check (``key-fails``), a question that cannot be built (``build-fails``), two
  questions with one id (``duplicate-id``), no concept tags or malformed ones
  (``no-concepts``, ``bad-concept``).

A cue that cannot be avoided is acknowledged on the question itself, with the reason:
``lint_ok={"longest-correct": "the right answer must name both conditions"}``. An
acknowledgement of a rule that does not exist or no longer fires, or without a reason, is a
finding too (``bad-ack``), so acknowledgements do not outlive their cause.

Examples
--------
>>> from collabkit.assess.questions import MultipleChoice
>>> question = MultipleChoice(
...     id="99.demo.q1", prompt="Which one?", concepts=("demo",), correct="a",
...     options={"a": "The careful, complete and qualified answer", "b": "No", "c": "Yes"},
...     misconceptions={"b": "Not so.", "c": "Not so either."})
>>> [finding.rule for finding in lint_questions([question])]
['longest-correct', 'uneven-options']
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Question,
    VariantNumeric,
)
from collabkit.assess.results import GraphResult, TableResult

#: Rule code → what it finds, in one sentence (``collabkit lint-questions --rules``).
RULES: Mapping[str, str] = {
    "longest-correct": "The right option is the longest by a margin (in a multi-select: "
    "every right option is longer than every wrong one), so it can be picked by its length.",
    "uneven-options": "The options differ greatly in length (the longest at least twice the "
    "shortest), so the odd one stands out.",
    "bijection": "A classification puts n items into n categories, each category right for "
    "exactly one item: the last placement follows from the others.",
    "unexplained-option": "A wrong option (or, in a multi-select, a right option left out) "
    "has no sentence naming the mistake it reveals.",
    "unexplained-placement": "A classification item has no sentence explaining where it "
    "belongs, so a wrong placement is not explained.",
    "numeric-no-misconception": "A numeric question lists no common wrong number "
    "(NumericMisconception): a wrong answer only hears 'too high' or 'too low'.",
    "result-no-reasons": "A table or network result explains no row or tie (reasons=...): "
    "a wrong one is only named, not explained.",
    "unfilled-field": "A text still holds a template field such as {name}, or a TODO, XXX, "
    "FIXME or TBD marker.",
    "key-fails": "The question's own key does not earn full marks.",
    "build-fails": "The question cannot be built (its bank's code raises).",
    "duplicate-id": "Two questions share one id; records and gradebooks would mix them.",
    "no-concepts": "The question names no course concept (concepts=...), so the coverage "
    "table cannot count it.",
    "bad-concept": "A concept id is not kebab-case (lower-case words joined by hyphens).",
    "bad-ack": "A lint_ok entry names no rule, gives no reason, or acknowledges a cue the "
    "question no longer has.",
}

#: How much longer than every other option the right one must be to be a cue.
LONGEST_MARGIN = 0.10
#: Options whose longest is at least this many times the shortest, and ...
UNEVEN_RATIO = 2.0
#: ... at least this many characters longer, differ greatly in length.
UNEVEN_CHARACTERS = 20

#: A str.format field left in a text ("{name}", "{van:,}"), not LaTeX ("x_{i}", "\frac{a}").
_FIELD = re.compile(r"(?<![\\\w^_}])\{[A-Za-z_]\w*(?:\.\w+|\[[^\]{}]*\])*(?:![rsa])?(?::[^{}]*)?\}")
_MARKER = re.compile(r"\b(?:TODO|XXX|FIXME|TBD)\b")
_CONCEPT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Fields whose text is no course text (ids, tags, computed summaries, acknowledgements).
_NOT_TEXT = {"id", "concepts", "lint_ok", "expected", "kind", "correct", "scale"}


@dataclass(frozen=True)
class Finding:
    """One finding: the question, the rule (a key of :data:`RULES`) and what to do."""

    question_id: str
    rule: str
    message: str

    @property
    def notebook(self) -> str:
        """The question's notebook number (the first part of its id)."""
        return self.question_id.split(".", 1)[0]

    def __str__(self) -> str:
        return f"{self.question_id}  {self.rule}  {self.message}"


@dataclass(frozen=True)
class LintReport:
    """The findings of one run, and the findings acknowledged by ``lint_ok``."""

    findings: tuple[Finding, ...]
    acknowledged: tuple[Finding, ...]
    questions: int

    @property
    def clean(self) -> bool:
        return not self.findings


def lint_questions(questions: Iterable[Question | DeferredQuestion]) -> list[Finding]:
    """The findings for ``questions`` (a bank's ``QUESTIONS``), acknowledged ones left out."""
    return list(lint_report(questions).findings)


def lint_report(questions: Iterable[Question | DeferredQuestion]) -> LintReport:
    """Lint ``questions`` in their order; see :data:`RULES`."""
    listed = list(questions)
    findings: list[Finding] = []
    acknowledged: list[Finding] = []
    counts = Counter(q.id for q in listed)
    reported: set[str] = set()
    for entry in listed:
        if counts[entry.id] > 1 and entry.id not in reported:
            reported.add(entry.id)
            findings.append(
                Finding(
                    entry.id,
                    "duplicate-id",
                    f"{counts[entry.id]} questions have this id; give each its own.",
                )
            )
        try:
            source = entry.question if isinstance(entry, DeferredQuestion) else entry
            raw = list(_findings(source))
        except Exception as exc:  # a bank's builder (or a variant's make) that raises
            message = f"building it raises {type(exc).__name__}: {str(exc)[:200]}"
            findings.append(Finding(entry.id, "build-fails", message[:1].upper() + message[1:]))
            continue
        acks = dict(source.lint_ok)
        fired = {f.rule for f in raw}
        for finding in raw:
            (acknowledged if finding.rule in acks else findings).append(finding)
        findings += _bad_acks(source.id, acks, fired)
    return LintReport(tuple(findings), tuple(acknowledged), len(listed))


def _bad_acks(question_id: str, acks: Mapping[str, Any], fired: set[str]) -> Iterator[Finding]:
    for rule, reason in acks.items():
        if rule not in RULES or rule == "bad-ack":
            yield Finding(question_id, "bad-ack", f"lint_ok names {rule!r}, which is no rule; "
                          f"the rules are {', '.join(RULES)}.")  # fmt: skip
        elif not isinstance(reason, str) or not reason.strip():
            yield Finding(question_id, "bad-ack", f"lint_ok acknowledges {rule!r} without a "
                          "reason; say why the cue cannot be avoided.")  # fmt: skip
        elif rule not in fired:
            yield Finding(question_id, "bad-ack", f"lint_ok acknowledges {rule!r}, which no "
                          "longer fires here; remove the acknowledgement.")  # fmt: skip


def _findings(question: Question) -> Iterator[Finding]:
    """Every rule's findings for one built question (acknowledged or not)."""
    content = question.for_variant(None) if isinstance(question, VariantNumeric) else question

    def finding(rule: str, message: str) -> Finding:
        return Finding(question.id, rule, message[:1].upper() + message[1:])

    if isinstance(content, MultipleChoice):
        yield from _choice_cues(content, finding)
    if isinstance(content, MultiSelect):
        yield from _multi_cues(content, finding)
    if isinstance(content, Classification):
        yield from _classification_cues(content, finding)
    if isinstance(content, Numeric) and not content.misconceptions:
        yield finding("numeric-no-misconception", "no NumericMisconception: list the wrong "
                      "numbers students reach (a step left out, a wrong base, per cent for a "
                      "share), computed from the same model as the key, each with the "
                      "mistake it reveals.")  # fmt: skip
    if isinstance(content, (TableResult, GraphResult)) and not content.reasons:
        yield finding("result-no-reasons", "no reasons: for the rows (or ties) a student is "
                      "likely to add or miss, say why they are in or out of the answer, "
                      "computed from the data.")  # fmt: skip
    for where, text in _texts(content):
        for match in (_FIELD.search(text), _MARKER.search(text)):
            if match:
                yield finding("unfilled-field", f"the {where} still holds "
                              f"{match.group(0)!r}: fill it in.")  # fmt: skip
    if not question.executes:  # a code answer's key would be run: not here
        feedback = content.check(content.key)
        if feedback.score < content.points:
            yield finding("key-fails", f"checking the key gives {feedback.score:g} of "
                          f"{content.points:g} points: {feedback.message[:200]}")  # fmt: skip
    if not question.concepts:
        yield finding("no-concepts", "name the course concepts it exercises, e.g. "
                      "concepts=(\"free-riding\",).")  # fmt: skip
    for concept in question.concepts:
        if not isinstance(concept, str) or not _CONCEPT.match(concept):
            yield finding("bad-concept", f"{concept!r} is not a kebab-case concept id "
                          "(e.g. \"structural-holes\").")  # fmt: skip


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _choice_cues(question: MultipleChoice, finding: Any) -> Iterator[Finding]:
    lengths = {key: _length(text) for key, text in question.options.items()}
    others = [n for key, n in lengths.items() if key != question.correct]
    right = lengths[question.correct]
    if others and right > max(others) * (1 + LONGEST_MARGIN):
        yield finding("longest-correct", f"the right option ({right} characters) is the "
                      f"longest; the longest other has {max(others)}. Shorten it or write "
                      "distractors as long and as qualified.")  # fmt: skip
    yield from _uneven(lengths, finding)
    for key, text in question.options.items():
        if key != question.correct and key not in question.misconceptions:
            yield finding("unexplained-option", f"wrong option {_quote(text)} has no "
                          "misconception sentence.")  # fmt: skip


def _multi_cues(question: MultiSelect, finding: Any) -> Iterator[Finding]:
    lengths = {key: _length(text) for key, text in question.options.items()}
    right = [lengths[k] for k in question.correct]
    wrong = [n for k, n in lengths.items() if k not in question.correct]
    if wrong and min(right) > max(wrong) * (1 + LONGEST_MARGIN):
        yield finding("longest-correct", f"every right option is longer than every wrong "
                      f"one ({min(right)} against at most {max(wrong)} characters). Vary "
                      "the lengths of right and wrong options alike.")  # fmt: skip
    yield from _uneven(lengths, finding)
    for key, text in question.options.items():
        if key not in question.correct and key not in question.misconceptions:
            yield finding("unexplained-option", f"wrong option {_quote(text)} has no "
                          "misconception sentence.")  # fmt: skip
        if key in question.correct and key not in question.missed:
            yield finding("unexplained-option", f"right option {_quote(text)} has no "
                          "'missed' sentence for a student who leaves it out.")  # fmt: skip


def _uneven(lengths: Mapping[str, int], finding: Any) -> Iterator[Finding]:
    longest, shortest = max(lengths.values()), min(lengths.values())
    if longest >= UNEVEN_RATIO * shortest and longest - shortest >= UNEVEN_CHARACTERS:
        yield finding("uneven-options", f"the options run from {shortest} to {longest} "
                      "characters; write them of similar length.")  # fmt: skip


def _classification_cues(question: Classification, finding: Any) -> Iterator[Finding]:
    used = Counter(question.items.values())
    if len(question.items) == len(question.categories) and all(
        used[c] == 1 for c in question.categories
    ):
        yield finding("bijection", f"{len(question.items)} items into {len(question.categories)}"
                      " categories, each used once: add a category no item belongs to, or "
                      "an item that shares a category with another.")  # fmt: skip
    for item in question.items:
        if item not in question.misconceptions:
            yield finding("unexplained-placement", f"item {_quote(item)} has no sentence "
                          "explaining where it belongs and why.")  # fmt: skip


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _texts(question: Question) -> Iterator[tuple[str, str]]:
    """Every piece of course text of a question, with where it is (``"prompt"``,
    ``"options"``, ``"misconceptions"``...)."""
    code = {"model_answer", "tests"} if question.executes else set()  # Python, not prose
    for field in dataclasses.fields(question):
        if field.name in _NOT_TEXT or field.name in code:
            continue
        yield from ((field.name, text) for text in _strings(getattr(question, field.name)))


def _strings(value: object, depth: int = 0) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif depth >= 3:
        return
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key, depth + 1)
            yield from _strings(item, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name), depth + 1)
