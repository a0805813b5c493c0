"""Question types and their scoring.

Every question has a stable id of the form ``"NN.section.name"`` (e.g. ``"01.pooling.q2"``),
a number of points, a prompt, a hint offered after a failed attempt and a worked
explanation that can be revealed. ``check(answer)`` accepts *any* Python value and returns
a :class:`~collabkit.assess.feedback.Feedback`; it never raises.

A question whose key is computed (by a model, from a data set, by a fit or an analysis) can
be listed as a :class:`DeferredQuestion`: its id is known at once and the question itself
is built on first use, so importing a question bank stays cheap.
"""

from __future__ import annotations

import hashlib
import importlib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard

import numpy as np

from collabkit.assess.feedback import Feedback
from collabkit.assess.records import jsonable
from collabkit.core import coerce
from collabkit.core.number_reader import SCALES, Expect, plain, read_amount

if TYPE_CHECKING:  # the sandbox (and its Unix-only ``resource``) loads on the first run
    from collabkit.assess.sandbox import Limits

_ID = re.compile(r"^\d{2}\.[a-z0-9_]+\.[a-z0-9_]+$")


def _check_id(question_id: object) -> None:
    if not isinstance(question_id, str) or not _ID.match(question_id):
        raise ValueError(
            f"question id must look like '01.section.q1' (two digits, section, name); "
            f"got {question_id!r}"
        )


class _Identified:
    """The notebook and section named by an ``id`` of the form ``"NN.section.name"``."""

    id: str

    @property
    def notebook(self) -> str:
        """The two-digit notebook number, e.g. ``"01"``."""
        return self.id.split(".")[0]

    @property
    def section(self) -> str:
        """The section part of the id, e.g. ``"01.pooling"``."""
        return self.id.rsplit(".", 1)[0]


@dataclass(frozen=True, kw_only=True)
class Question(_Identified):
    """Common fields and the never-raising ``check`` of every question type.

    Parameters
    ----------
    id
        Stable identifier ``"NN.section.name"``; records and gradebooks refer to it.
    prompt
        The question as the student reads it (plain text; units stated in it).
    points
        What a fully correct answer is worth.
    hint
        Offered after a failed attempt.
    explanation
        A worked explanation, revealed after ``reveal_after`` attempts or on request.
    reveal_after
        Attempts after which the worked explanation may be revealed.
    concepts
        Ids of the course concepts the question exercises (kebab-case, e.g.
        ``"coopetition"``); ``collabkit coverage`` counts them.
    lint_ok
        Findings of ``collabkit lint-questions`` acknowledged for this question: rule code
        → the reason the cue cannot be avoided (e.g. ``{"longest-correct": "the right
        answer must name both conditions"}``); see docs/authoring.md.
    """

    kind: ClassVar[str] = "question"
    #: True when checking an answer runs the student's code (graded only with --execute).
    executes: ClassVar[bool] = False

    id: str
    prompt: str
    points: float = 1.0
    hint: str = ""
    explanation: str = ""
    reveal_after: int = 2
    concepts: tuple[str, ...] = ()
    lint_ok: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_id(self.id)
        if not (isinstance(self.points, (int, float)) and 0 < self.points < math.inf):
            raise ValueError(f"points of {self.id} must be a positive number; got {self.points!r}")
        if not self.prompt.strip():
            raise ValueError(f"prompt of {self.id} must not be empty")

    @property
    def key(self) -> Any:
        """An answer that earns full marks (used by the solved-run tests and graders)."""
        raise NotImplementedError

    def variant_of(self, student_id: str) -> str | None:
        """The variant of this question a student gets (None: everyone sees the same)."""
        return None

    def for_variant(self, variant: str | None) -> Question:
        """The concrete question for a variant (itself, for questions without variants)."""
        return self

    def check(self, answer: object) -> Feedback:
        """Score ``answer`` of any type; never raises."""
        try:
            return self._check(answer)
        except Exception as exc:  # a scoring bug must never show a student a traceback
            return self._feedback(
                0.0,
                "collabkit could not score this answer because of an internal error "
                f"({type(exc).__name__}); your answer is recorded, please tell your instructor.",
            )

    def _check(self, answer: object) -> Feedback:
        raise NotImplementedError

    def recorded(self, answer: object) -> Any:
        """What a record keeps of ``answer``: a JSON-safe, size-bounded value that
        :meth:`check` scores as it scores ``answer`` (grading re-scores it)."""
        return jsonable(answer)

    def reads(self, answer: object) -> bool:
        """Whether ``answer`` is an attempt (not blank, readable), checked as cheaply as the
        question type allows (a code answer is not run)."""
        return self.check(answer).readable

    def _feedback(self, fraction: float, message: str) -> Feedback:
        fraction = min(max(fraction, 0.0), 1.0)
        correct = fraction >= 1.0
        return Feedback(
            score=round(fraction * self.points, 6),
            max_score=float(self.points),
            correct=correct,
            message=message,
            hint="" if correct else self.hint,
        )

    def _unreadable(self, reason: coerce.Unreadable | str) -> Feedback:
        """No points and not an attempt: the answer is blank or cannot be read."""
        message = reason if isinstance(reason, str) else reason.message
        return replace(self._feedback(0.0, message), readable=False)


@dataclass(frozen=True)
class DeferredQuestion(_Identified):
    """A question built on first use and kept: for a question whose key (and the feedback
    written around it) comes from a model, a data set, a fit or an analysis that should not
    run when its bank is imported.

    Parameters
    ----------
    id
        The question's id, known before the question is built (a course indexes it).
    build
        Makes the question with this id; called once, by :attr:`question`.
    """

    id: str
    build: Callable[[str], Question]

    def __post_init__(self) -> None:
        _check_id(self.id)

    @cached_property
    def question(self) -> Question:
        """The question, built on the first access."""
        built = self.build(self.id)
        if built.id != self.id:
            raise ValueError(f"the question deferred as {self.id} was built as {built.id}")
        return built


#: Longest option text quoted whole in feedback.
QUOTED_LENGTH = 90


def quoted(text: str) -> str:
    """An option's text as feedback quotes it (“…”, long texts cut): feedback names the
    option by its words, since each student sees the options in an order of their own and
    without the keys."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= QUOTED_LENGTH else text[: QUOTED_LENGTH - 1] + '…'}”"


def option_order(keys: Sequence[str], student_id: str, question_id: str) -> list[str]:
    """The order in which a student sees ``keys`` (a question's options, or a
    classification's items): a permutation drawn from :func:`variant_seed`, the same for a
    student on every machine and run, different between students, and independent of where
    the bank put the right option. Only what is shown moves: answers and records use the
    keys, so grading is unchanged.

    Examples
    --------
    >>> option_order(["a", "b", "c", "d"], "s1", "01.x.q") == option_order(
    ...     ["a", "b", "c", "d"], "s1", "01.x.q")
    True
    >>> sorted(option_order(["a", "b", "c", "d"], "s1", "01.x.q"))
    ['a', 'b', 'c', 'd']
    """
    rng = np.random.default_rng(variant_seed(student_id, question_id))
    return [keys[i] for i in rng.permutation(len(keys))]


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(Question):
    """Pick exactly one option.

    ``options`` maps a short key (``"a"``) to the option's text; ``misconceptions`` maps a
    wrong key to the sentence that explains the mistake that option reveals. The widget
    shows each student the option texts in an order of their own (:func:`option_order`),
    without the keys; feedback quotes an option's text. Write distractors of about the
    length of the right option, each a real misconception (``collabkit lint-questions``
    checks the lengths).
    """

    kind: ClassVar[str] = "choice"

    options: Mapping[str, str]
    correct: str
    misconceptions: Mapping[str, str] = field(default_factory=dict)
    praise: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.correct not in self.options:
            raise ValueError(f"{self.id}: correct option {self.correct!r} is not an option")
        _check_keys(self.id, self.misconceptions, self.options, "misconception")

    @property
    def key(self) -> str:
        return self.correct

    def _check(self, answer: object) -> Feedback:
        choice = coerce.read_choice(answer, self.options)
        if isinstance(choice, coerce.Unreadable):
            return self._unreadable(choice)
        if choice == self.correct:
            return self._feedback(1.0, self.praise or "Well reasoned.")
        reason = self.misconceptions.get(choice, "That option does not fit the situation.")
        return self._feedback(0.0, f"You chose {quoted(self.options[choice])}. {reason}")


@dataclass(frozen=True, kw_only=True)
class MultiSelect(Question):
    """Tick every option that applies; partial credit.

    Score = max(0, (right ticks − wrong ticks) / number of right options). ``misconceptions``
    explains a wrongly ticked option; ``missed`` explains a right option left out.
    """

    kind: ClassVar[str] = "multi"

    options: Mapping[str, str]
    correct: frozenset[str]
    misconceptions: Mapping[str, str] = field(default_factory=dict)
    missed: Mapping[str, str] = field(default_factory=dict)
    praise: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "correct", frozenset(self.correct))
        if not self.correct or not self.correct <= set(self.options):
            raise ValueError(f"{self.id}: correct options must be a non-empty subset of options")
        _check_keys(self.id, self.misconceptions, self.options, "misconception")
        _check_keys(self.id, self.missed, self.options, "missed-option message")

    @property
    def key(self) -> list[str]:
        return sorted(self.correct)

    def _check(self, answer: object) -> Feedback:
        chosen = coerce.read_choices(answer, self.options)
        if isinstance(chosen, coerce.Unreadable):
            return self._unreadable(chosen)
        right = chosen & self.correct
        wrong = chosen - self.correct
        missing = self.correct - chosen
        fraction = (len(right) - len(wrong)) / len(self.correct)
        if not wrong and not missing:
            return self._feedback(1.0, self.praise or "All the right options and nothing else.")
        notes = [f"You ticked {len(right)} of the {len(self.correct)} right options."]
        for key in sorted(wrong):
            notes.append(
                f"{quoted(self.options[key])} does not belong: "
                + self.misconceptions.get(key, "it does not apply here.")
            )
        if missing:
            explained = [self.missed[k] for k in sorted(missing) if k in self.missed]
            notes.append(
                f"{len(missing)} right option{'s are' if len(missing) > 1 else ' is'} missing."
            )
            notes.extend(explained)
        return self._feedback(fraction, " ".join(notes))


@dataclass(frozen=True)
class NumericMisconception:
    """A common wrong number and the mistake it reveals.

    An answer matches when it is within ``rel_tol`` of ``value`` or within ``abs_tol`` (at
    least the question's own ``abs_tol``), by ``math.isclose`` rules. A misconception at the
    key itself with a wide ``abs_tol`` answers an imprecise answer ("close, but the question
    wants two decimals"); the right answer is checked first.
    """

    value: float
    message: str
    rel_tol: float = 0.01
    abs_tol: float = 0.0


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    """A number, accepted within ``abs_tol`` or ``rel_tol`` (``math.isclose`` rules).

    The prompt must state the unit; ``unit`` is repeated in feedback, and units typed with
    the answer are checked against it (``"12 %"`` where the unit is ``"€ per year"`` is
    refused with a message, not read as 12 €). ``scale="share"`` declares an answer between
    0 and 1 (``"34 %"`` then reads 0.34); ``scale="percent"``, or ``unit="%"``, an answer
    in per cent (``"34"`` and ``"34 %"`` read 34). Answers are read by
    :func:`collabkit.core.number_reader.read_amount` (docs/numbers.md): the size of the
    key helps it tell ``"11,250"`` = 11.25 from 11250.
    """

    kind: ClassVar[str] = "numeric"

    answer: float
    unit: str = ""
    scale: str = ""
    abs_tol: float = 0.0
    rel_tol: float = 0.01
    misconceptions: Sequence[NumericMisconception] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if not math.isfinite(self.answer):
            raise ValueError(f"{self.id}: answer must be finite")
        tols = (self.abs_tol, self.rel_tol)
        if not all(t >= 0 for t in tols) or not any(t > 0 for t in tols):  # NaN fails both
            raise ValueError(f"{self.id}: give a positive abs_tol or rel_tol")
        _check_scale(self.id, self.scale)
        if self.scale == "share" and not 0 <= self.answer <= 1:
            raise ValueError(f"{self.id}: a share's answer lies between 0 and 1")

    @property
    def key(self) -> float:
        return self.answer

    @property
    def expect(self) -> Expect:
        """What the answer box expects: unit, scale and the size of the right answer."""
        return Expect(unit=self.unit, scale=self.scale, typical=abs(self.answer) or None)

    def _unit(self, number: float) -> str:
        return f"{number:,.6g} {self.unit}".strip()

    def _check(self, answer: object) -> Feedback:
        reading = read_amount(answer, self.expect)
        if isinstance(reading, coerce.Unreadable):
            return self._unreadable(reading)
        number, note = reading.value, f"{reading.note} " if reading.note else ""
        shown = note + self._unit(number)
        if math.isclose(number, self.answer, rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return self._feedback(1.0, f"{shown} is right.")
        for wrong in self.misconceptions:
            tolerance = max(self.abs_tol, wrong.abs_tol)
            if math.isclose(number, wrong.value, rel_tol=wrong.rel_tol, abs_tol=tolerance):
                return self._feedback(0.0, f"{shown}: {wrong.message}")
        direction = "too high" if number > self.answer else "too low"
        size = abs(number / self.answer) if self.answer else math.inf
        scale = " by a factor of ten or more" if size >= 10 or size <= 0.1 else ""
        if self.expect.scale_name == "share" and not 0 <= number <= 1:
            meant = f" If you meant {plain(number)} %, type “{plain(number)} %”." * (number <= 100)
            return self._feedback(
                0.0,
                f"{shown} is {direction}{scale}: this question wants a share between 0 and 1."
                + meant,
            )
        return self._feedback(
            0.0, f"{shown} is {direction}{scale}. Check each step of your working."
        )


def _check_scale(question_id: str, scale: object) -> None:
    if scale not in SCALES:
        raise ValueError(f"{question_id}: scale must be one of {SCALES}; got {scale!r}")


@dataclass(frozen=True, kw_only=True)
class Classification(Question):
    """Put each item into a category; each item placed right earns its share of the points.

    ``misconceptions`` maps an item to the sentence that explains where it belongs and why.
    """

    kind: ClassVar[str] = "classify"

    items: Mapping[str, str]
    categories: Sequence[str]
    misconceptions: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        unknown = {c for c in self.items.values() if c not in self.categories}
        if unknown or not self.items:
            raise ValueError(f"{self.id}: items must map to the listed categories: {unknown}")
        _check_keys(self.id, self.misconceptions, self.items, "misconception")

    @property
    def key(self) -> dict[str, str]:
        return dict(self.items)

    def category_of(self, value: object) -> str | None:
        """The category ``value`` names (any letter case), or None."""
        return category_named(value, self.categories)

    def _check(self, answer: object) -> Feedback:
        mapping = coerce.read_mapping(answer)
        if isinstance(mapping, coerce.Unreadable):
            return self._unreadable(mapping)
        lookup = {name.casefold(): name for name in self.items}
        given = {lookup[k.casefold()]: v for k, v in mapping.items() if k.casefold() in lookup}
        right, notes = 0, []
        unplaced = [item for item in self.items if self.category_of(given.get(item)) is None]
        for item, category in self.items.items():
            placed = self.category_of(given.get(item))
            if placed == category:
                right += 1
            elif placed is not None:
                why = self.misconceptions.get(item, "")
                notes.append(f"“{item}” is not {placed}. {why}".strip())
        total = len(self.items)
        if right == total:
            return self._feedback(1.0, f"All {total} placed correctly.")
        summary = f"{right} of {total} placed correctly."
        if len(unplaced) > 2:
            summary += f" {len(unplaced)} items are not placed yet."
        elif unplaced:
            summary += f" Not placed yet: {' and '.join(f'“{item}”' for item in unplaced)}."
        extra = len(mapping) - len(given)
        if extra:
            summary += (
                f" {extra} entr{'ies' if extra > 1 else 'y'} matched no item and "
                f"{'were' if extra > 1 else 'was'} ignored."
            )
        return self._feedback(right / total, " ".join([summary, *notes]))


def category_named(value: object, categories: Sequence[str]) -> str | None:
    """The one of ``categories`` that ``value`` names (any letter case), or None."""
    if not isinstance(value, str):
        return None
    wanted = value.strip().casefold()
    return next((c for c in categories if c.casefold() == wanted), None)


@dataclass(frozen=True)
class RubricPoint:
    """One idea a good free-text answer mentions, recognised by any of its keywords."""

    idea: str
    keywords: tuple[str, ...]

    def found_in(self, text: str) -> bool:
        lowered = text.casefold()
        return any(re.search(rf"\b{re.escape(word.casefold())}", lowered) for word in self.keywords)


@dataclass(frozen=True, kw_only=True)
class FreeText(Question):
    """A short written answer, self-checked against rubric ideas.

    The self-check score is the share of rubric ideas the answer mentions. When
    ``instructor_graded`` is true the answer counts for credit and the instructor's
    reading is the grade; the self-check is only a guide.
    """

    kind: ClassVar[str] = "text"

    rubric: Sequence[RubricPoint]
    model_answer: str
    instructor_graded: bool = False
    min_words: int = 15

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.rubric:
            raise ValueError(f"{self.id}: a free-text question needs at least one rubric idea")

    @property
    def key(self) -> str:
        return self.model_answer

    def _check(self, answer: object) -> Feedback:
        text = coerce.read_text(answer)
        if isinstance(text, coerce.Unreadable):
            return self._unreadable(text)
        words = len(text.split())
        found = self.ideas_found(text)
        missing = [point.idea for point in self.rubric if not point.found_in(text)]
        fraction = len(found) / len(self.rubric)
        if words < self.min_words:
            fraction = min(fraction, 0.5)
        heading = "Self-check (a guide, not your grade)" if self.instructor_graded else "Self-check"
        parts = [f"{heading}: your answer touches {len(found)} of {len(self.rubric)} key ideas."]
        if found:
            parts.append("Covered: " + "; ".join(found) + ".")
        if missing:
            parts.append("Think also about: " + "; ".join(missing) + ".")
        if words < self.min_words:
            parts.append(f"Write at least {self.min_words} words to explain your reasoning.")
        if self.instructor_graded:
            parts.append("Your instructor reads and grades this answer.")
            return replace(self._feedback(fraction, " ".join(parts)), submitted=True)
        return self._feedback(fraction, " ".join(parts))

    def ideas_found(self, answer: object) -> list[str]:
        """The rubric ideas ``answer`` mentions (what the keyword self-check found)."""
        text = coerce.read_text(answer)
        if isinstance(text, coerce.Unreadable):
            return []
        return [point.idea for point in self.rubric if point.found_in(text)]


def instructor_graded(question: Question) -> TypeGuard[FreeText]:
    """True for an item whose grade is the instructor's reading (never scored automatically)."""
    return isinstance(question, FreeText) and question.instructor_graded


def _check_keys(qid: str, mapping: Mapping[str, str], allowed: Mapping[str, str], what: str):
    stray = set(mapping) - set(allowed)
    if stray:
        raise ValueError(f"{qid}: {what} for unknown option(s) {sorted(stray)}")


@dataclass(frozen=True)
class CriterionScore:
    """How well an answer meets one criterion of a rubric."""

    criterion: str
    fraction: float
    message: str


#: A rubric's evaluator: scores per criterion, or a sentence saying why the answer
#: cannot be read.
Evaluator = Callable[[object], "Sequence[CriterionScore] | str"]


@dataclass(frozen=True, kw_only=True)
class Rubric(Question):
    """An answer scored against several criteria, each with partial credit.

    ``evaluate(answer)`` returns a :class:`CriterionScore` per criterion (equal weights) or
    a sentence explaining why the answer cannot be read. ``answer_format`` tells the
    widgets which input to show: ``"text"``, ``"pairs"`` (a set of pairs drawn from
    ``choices``, e.g. links between firms) or ``"levers"`` (a dict of strategy levers).
    """

    kind: ClassVar[str] = "rubric"

    evaluate: Evaluator
    model_answer: Any
    answer_format: str = "text"
    choices: Sequence[str] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.answer_format not in ("text", "pairs", "levers"):
            raise ValueError(f"{self.id}: answer_format must be 'text', 'pairs' or 'levers'")

    @property
    def key(self) -> Any:
        return self.model_answer

    def _check(self, answer: object) -> Feedback:
        if coerce.is_blank(answer):
            return self._unreadable("No answer yet: build your answer, then check it.")
        scores = self.evaluate(answer)
        if isinstance(scores, str):
            return self._unreadable(scores)
        met = sum(s.fraction >= 1 for s in scores)
        lines = [f"{met} of {len(scores)} goals met."]
        lines += [f"{'✓' if s.fraction >= 1 else '✗'} {s.criterion}: {s.message}" for s in scores]
        fraction = sum(min(max(s.fraction, 0.0), 1.0) for s in scores) / len(scores)
        return self._feedback(fraction, "\n".join(lines))


def variant_seed(student_id: str, question_id: str) -> int:
    """A stable seed per student and question (the same on every machine and run)."""
    digest = hashlib.sha256(f"{student_id}\x1f{question_id}".encode()).hexdigest()
    return int(digest[:12], 16)


@dataclass(frozen=True, kw_only=True)
class VariantNumeric(Question):
    """A numeric question whose numbers differ per student, so neighbours cannot copy.

    ``make(rng)`` draws the variant's values with a ``numpy.random.Generator`` seeded from
    the student id and question id, and returns ``(values, answer)``, or ``(values,
    answer, misconceptions)`` with the variant's common wrong numbers (a sequence of
    :class:`NumericMisconception`, computed from the same values); the prompt is a
    template filled with ``values`` (e.g. ``"a van costing {van:,} € a year"``). The
    variant is recorded with each answer, and grading recomputes the key from the
    student's own id (:meth:`variant_of`), so editing the recorded variant changes nothing.
    Without a student the default variant (seed 0) is used.
    """

    kind: ClassVar[str] = "numeric"

    make: Callable[[np.random.Generator], tuple[Any, ...]]
    unit: str = ""
    scale: str = ""
    abs_tol: float = 0.0
    rel_tol: float = 0.01

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_scale(self.id, self.scale)

    def variant_of(self, student_id: str) -> str:
        return str(variant_seed(student_id, self.id))

    def for_variant(self, variant: str | None) -> Numeric:
        """The concrete question a student with this variant sees."""
        seed = int(variant) if variant is not None and str(variant).isdigit() else 0
        values, answer, *wrong = self.make(np.random.default_rng(seed))
        return Numeric(
            id=self.id, prompt=self.prompt.format(**values), points=self.points,
            hint=self.hint, explanation=self.explanation.format(**values, answer=answer),
            reveal_after=self.reveal_after, answer=float(answer), unit=self.unit,
            scale=self.scale, abs_tol=self.abs_tol, rel_tol=self.rel_tol,
            misconceptions=tuple(wrong[0]) if wrong else (), concepts=self.concepts,
            lint_ok=self.lint_ok,
        )  # fmt: skip

    @property
    def key(self) -> float:
        return self.for_variant(None).key

    def _check(self, answer: object) -> Feedback:
        return self.for_variant(None).check(answer)


@dataclass(frozen=True)
class CodeTest:
    """One check of a code answer: ``expression`` evaluated after the student's code must
    give ``expected`` (numbers within ``tolerance``)."""

    expression: str
    expected: float | int | str | bool
    tolerance: float = 1e-9

    def passes(self, value: object) -> bool:
        if isinstance(self.expected, bool) or isinstance(self.expected, str):
            return type(value) is type(self.expected) and value == self.expected
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        try:
            return math.isclose(
                value, self.expected, rel_tol=self.tolerance, abs_tol=self.tolerance
            )
        except OverflowError:  # an integer too large for a float: not the expected number
            return False


@dataclass(frozen=True, kw_only=True)
class CodeAnswer(Question):
    """A short piece of Python the student writes (e.g. a function), checked by running
    ``tests`` on it in a separate, limited process (:mod:`collabkit.assess.sandbox`: time
    and memory limits, no network). The score is the share of tests passed.
    """

    kind: ClassVar[str] = "code"
    executes: ClassVar[bool] = True

    tests: Sequence[CodeTest]
    model_answer: str
    limits: Limits = field(default_factory=lambda: _sandbox().Limits(seconds=5, memory_mb=512))

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.tests:
            raise ValueError(f"{self.id}: a code question needs at least one test")

    @property
    def key(self) -> str:
        return self.model_answer

    def _check(self, answer: object) -> Feedback:
        return self.check_and_run(answer)[0]

    def reads(self, answer: object) -> bool:
        """Whether ``answer`` is code to run (it is not run)."""
        return not isinstance(self._code(answer), coerce.Unreadable)

    def _code(self, answer: object) -> str | coerce.Unreadable:
        return coerce.read_text(
            answer, "Python code as text", "No answer yet: write your function, then check it."
        )

    def check_and_run(self, answer: object, for_grading: bool = False) -> tuple[Feedback, str]:
        """The feedback, and how the run ended: a :class:`~collabkit.assess.sandbox.RunResult`
        status (``"ok"``, ``"error"``, ``"timeout"``, ``"memory"``, ``"refused"``,
        ``"crashed"``) or ``"unread"`` when the answer was not code to run. Never raises for
        anything in the answer; ``for_grading`` runs it only in the sandbox (raising
        :class:`~collabkit.assess.isolation.SandboxUnavailable` where there is none)."""
        code = self._code(answer)
        if isinstance(code, coerce.Unreadable):
            return self._unreadable(code), "unread"
        sandbox = _sandbox()
        expressions = [t.expression for t in self.tests]
        run = sandbox.run_code(code, expressions, self.limits, for_grading=for_grading)
        note = f" {run.note}" if run.note else ""
        if run.status == "unchecked":  # saved for the instructor's grading
            return replace(self._feedback(0.0, _sentence(run.message)), submitted=True), "unchecked"
        if run.status != "ok":
            return self._feedback(0.0, _sentence(run.message) + note), run.status
        failures = []
        for test, outcome in zip(self.tests, run.values, strict=True):
            if "error" in outcome:
                failures.append(f"{test.expression} raised {sandbox.error_words(outcome['error'])}")
            elif not test.passes(outcome.get("value")):
                failures.append(
                    f"{test.expression} should give {test.expected!r}; your code gives "
                    f"{_shown(outcome.get('value'))}"
                )
        passed = len(self.tests) - len(failures)
        if not failures:
            return self._feedback(1.0, f"All {len(self.tests)} checks pass.{note}"), run.status
        message = f"{passed} of {len(self.tests)} checks pass. " + "; ".join(failures[:3]) + "."
        return self._feedback(passed / len(self.tests), message + note), run.status


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _shown(value: object) -> str:
    """A test value as feedback may show it: truth values, None and numbers below a
    million (6 significant digits) as they are; anything else by its kind only, so no text
    (or long number) an answer chose reaches the feedback."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float)):  # small numbers as they are; others carry too much
        if math.isfinite(value) and abs(value) < 1e6:
            return repr(value) if isinstance(value, int) else f"{value:.6g}"
        return "a number far from it"
    if isinstance(value, str):
        return "a piece of text"
    if isinstance(value, list):
        return "a list"
    return "a value that is not a number"


def _sandbox() -> ModuleType:
    """:mod:`collabkit.assess.sandbox`, imported when a code answer is first checked."""
    return importlib.import_module("collabkit.assess.sandbox")
