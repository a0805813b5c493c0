"""Question widgets, and the notebook functions ``ask``, ``answer`` and ``solution``.

``ask(question_id)`` shows the question with an input suited to its type, a
"Check answer" button and a feedback area. Checking an answer scores it through the
question's ``check`` (the one scoring path), records it in the session's sidecar file and
updates a display in the cell's output that stores the question's records in the saved
notebook (see :mod:`collabkit.assess.records`).
"""

from __future__ import annotations

import html
import importlib
import weakref
from collections.abc import Callable, Mapping
from numbers import Real
from typing import Any

import ipywidgets as widgets
from IPython.display import HTML, display

from collabkit.assess import questions as qt
from collabkit.assess import results
from collabkit.assess.assessed import ClosedQuestion, SealedQuestion
from collabkit.assess.feedback import Feedback
from collabkit.assess.records import bundle
from collabkit.assess.session import Session, current_session
from collabkit.core import coerce
from collabkit.core.colours import BORDER, MUTED, PANEL, WARNING
from collabkit.core.number_reader import unambiguous
from collabkit.course import get_question
from collabkit.widgets.guard import keyboard_safe

_live: weakref.WeakSet[QuestionWidget] = weakref.WeakSet()


class QuestionWidget(widgets.VBox):
    """A question with its input, a check button, feedback, hint and worked solution."""

    def __init__(self, question: qt.Question, session: Session | None = None) -> None:
        self.source = question  # what is recorded; self.question is this student's variant
        self._session = session  # None: whoever the notebook's current session answers as
        self._answering_as = self.session.student_id
        self.question = self._own_variant()
        self._record_display: Any = None
        self.input = self._make_input()
        self.check_button = widgets.Button(
            description="Check answer", button_style="primary", icon="check"
        )
        self.solution_button = widgets.Button(
            description="Show worked solution", icon="book", layout=widgets.Layout(width="auto")
        )
        self.feedback = widgets.HTML()
        self.feedback.add_class("collabkit-feedback")
        self.solution = widgets.HTML()
        if isinstance(self.question, SealedQuestion):  # graded: no solution to reveal
            self.solution_button.layout.display = "none"
        self.check_button.add_class("collabkit-check")  # Enter in a text box presses it
        self.check_button.on_click(lambda _: self.submit())
        self.solution_button.on_click(lambda _: self.reveal())
        self.header = widgets.HTML(self._header_html())
        header = self.header
        super().__init__(
            [
                header,
                self.input,
                widgets.HBox([self.check_button, self.solution_button]),
                self.feedback,
                self.solution,
            ]
        )
        self.add_class("collabkit-question")
        keyboard_safe(self)
        self.layout.border = f"1px solid {BORDER}"
        self.layout.padding = "6px 10px"
        self.layout.margin = "8px 0"
        self._restore()
        for control in _answer_controls(self.input):
            control.observe(self._on_answer_edited, names="value")
        _live.add(self)

    # -- per-type input --------------------------------------------------------------
    def _make_input(self) -> widgets.Widget:
        raise NotImplementedError

    @property
    def value(self) -> Any:
        """The answer currently entered in the widget."""
        raise NotImplementedError

    def fill(self, answer: Any) -> None:
        """Put ``answer`` into the input (used to restore an answer and by tests)."""
        raise NotImplementedError

    @property
    def session(self) -> Session:
        """The session this widget answers in: the one it was given, else the current one
        (so ``collabkit.start(student_id=...)`` also applies to widgets on screen)."""
        return self._session if self._session is not None else current_session()

    def _own_variant(self) -> qt.Question:
        return self.source.for_variant(self.source.variant_of(self.session.student_id))

    def _header_html(self) -> str:
        question, limit = self.question, self.session.attempt_limit(self.question)
        graded = f" · graded: {limit} attempt{'' if limit == 1 else 's'}, the last counts"
        return (
            f"<b>{html.escape(question.id)}</b> · {question.points:g} point"
            f"{'' if question.points == 1 else 's'}{graded if limit else ''}"
            f"<br>{_paragraphs(question.prompt)}"
        )

    def _follow_student(self) -> None:
        """After a new ``start(student_id=...)``, show and check that student's variant,
        its options in that student's order."""
        if self.session.student_id != self._answering_as:
            self._answering_as = self.session.student_id
            self.question = self._own_variant()
            self.header.value = self._header_html()
            self._reorder()

    def _reorder(self) -> None:
        """Show the options (or items) in the order of the student now answering."""

    # -- behaviour ---------------------------------------------------------------------
    def attach_record_display(self, handle: Any) -> None:
        """Keep the display handle whose output stores this question's records."""
        self._record_display = handle

    def submit(self) -> Feedback:
        """Check the current answer, record it, and show the feedback."""
        self._follow_student()
        if (
            getattr(self.question, "executes", False)
            or getattr(self.question, "shape", "") == "code"
        ):
            self.feedback.value = _note("Checking your code: this can take a few seconds…")
        feedback, _ = self.session.submit(self.source, self.value)
        self._show(feedback)
        if self._record_display is not None:
            self._record_display.update(self._bundle(), raw=True)
        return feedback

    def reveal(self) -> None:
        """Show the worked explanation if the session allows it, else say when it will."""
        self._follow_student()
        self.solution.value = solution_html(self.question, self.session)

    def _bundle(self) -> dict[str, Any]:
        return bundle(self.question.id, self.session.records_for(self.question.id))

    def _show(self, feedback: Feedback) -> None:
        attempts = self.session.attempts(self.question.id)
        limit = self.session.attempt_limit(self.question)
        counted = f"Attempt {attempts}" + (f" of {limit}" if limit else "")
        if not feedback.readable:
            status = "not recorded, so it does not count as an attempt"
            if attempts:
                status += f" ({counted.lower()} is your last recorded answer)"
            status += "."
        elif self.session.save_error:
            status = f'<div style="color:{WARNING}">{html.escape(self.session.save_error)}</div>'
        else:
            status = "your answer is saved."
        if feedback.readable:
            status = f"{counted}; {status}"
        else:
            status = status[0].upper() + status[1:]
        self.feedback.value = feedback.to_html() + f'<small style="color:{MUTED}">{status}</small>'

    def _on_answer_edited(self, _change: Mapping[str, Any]) -> None:
        """An answer edited after its feedback: the feedback no longer describes it."""
        if self.feedback.value and STALE not in self.feedback.value:
            self.feedback.value = _note(STALE)

    def _restore(self) -> None:
        records = self.session.records_for(self.question.id)
        if records:
            last = records[-1]
            try:
                self.fill(last.answer)
            except Exception:  # an answer recorded in an older form must not block the question
                pass
            self._show(self.question.check(last.answer))


class ChoiceWidget(QuestionWidget):
    """One option to pick, the texts in this student's own order, without keys."""

    question: qt.MultipleChoice

    def _order(self) -> list[str]:
        return qt.option_order(list(self.question.options), self._answering_as, self.question.id)

    def _make_input(self) -> widgets.Widget:
        options = [(self.question.options[k], k) for k in self._order()]
        return widgets.RadioButtons(
            options=options, value=None, layout=widgets.Layout(width="auto")
        )

    def _reorder(self) -> None:
        value = self.input.value
        self.input.options = [(self.question.options[k], k) for k in self._order()]
        self.input.value = value

    @property
    def value(self) -> Any:
        return self.input.value

    def fill(self, answer: Any) -> None:
        key = coerce.read_choice(answer, self.question.options)
        self.input.value = None if isinstance(key, coerce.Unreadable) else key


class MultiWidget(QuestionWidget):
    """Options to tick, the texts in this student's own order, without keys."""

    question: qt.MultiSelect

    def _order(self) -> list[str]:
        return qt.option_order(list(self.question.options), self._answering_as, self.question.id)

    def _make_input(self) -> widgets.Widget:
        self._boxes = {
            k: widgets.Checkbox(
                description=self.question.options[k],
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            for k in self._order()
        }
        return widgets.VBox(list(self._boxes.values()))

    def _reorder(self) -> None:
        self.input.children = [self._boxes[k] for k in self._order()]

    @property
    def value(self) -> Any:
        return sorted(k for k, box in self._boxes.items() if box.value)

    def fill(self, answer: Any) -> None:
        chosen = set(answer or ())
        for k, box in self._boxes.items():
            box.value = k in chosen


class NumericWidget(QuestionWidget):
    question: qt.Numeric

    def _make_input(self) -> widgets.Widget:
        unit = self.question.unit
        self._text = widgets.Text(placeholder="type a number", layout=widgets.Layout(width="200px"))
        return widgets.HBox([self._text, widgets.Label(unit)])

    @property
    def value(self) -> Any:
        return self._text.value

    def fill(self, answer: Any) -> None:
        try:  # a number as "1.25", never "1.250", which a box in € reads as 1250
            number = isinstance(answer, Real) and not isinstance(answer, bool)
            text = unambiguous(float(answer)) if number else None
        except (OverflowError, TypeError, ValueError):
            text = None
        self._text.value = text or ("" if answer is None else f"{answer}")


class ClassifyWidget(QuestionWidget):
    """A category to choose for each item; items in this student's own order. Any category
    may be chosen for any number of items (some for none)."""

    question: qt.Classification

    def _order(self) -> list[str]:
        return qt.option_order(list(self.question.items), self._answering_as, self.question.id)

    def _make_input(self) -> widgets.Widget:
        choices = [("— choose —", None), *[(c, c) for c in self.question.categories]]
        self._drops = {
            item: widgets.Dropdown(options=choices, value=None) for item in self.question.items
        }
        self._rows = {
            item: widgets.HBox(
                [widgets.HTML(html.escape(item), layout=widgets.Layout(width="340px")), drop]
            )
            for item, drop in self._drops.items()
        }
        return widgets.VBox([self._rows[item] for item in self._order()])

    def _reorder(self) -> None:
        self.input.children = [self._rows[item] for item in self._order()]

    @property
    def value(self) -> Any:
        return {item: d.value for item, d in self._drops.items() if d.value is not None}

    def fill(self, answer: Any) -> None:
        given = (
            {str(k).casefold(): v for k, v in answer.items()} if isinstance(answer, dict) else {}
        )
        for item, drop in self._drops.items():
            drop.value = self.question.category_of(given.get(item.casefold()))


class TextWidget(QuestionWidget):
    question: qt.FreeText | qt.Rubric | qt.CodeAnswer  # a rubric's text too; code below

    def _make_input(self) -> widgets.Widget:
        return widgets.Textarea(
            placeholder="Write your answer in a few sentences…",
            rows=5,
            layout=widgets.Layout(width="95%"),
        )

    @property
    def value(self) -> Any:
        return self.input.value

    def fill(self, answer: Any) -> None:
        self.input.value = answer if isinstance(answer, str) else ""


class CodeWidget(TextWidget):
    """A code editor area: the student's Python, checked by running it in a sandbox."""

    question: qt.CodeAnswer

    def _make_input(self) -> widgets.Widget:
        area = widgets.Textarea(placeholder="def ...", rows=6, layout=widgets.Layout(width="95%"))
        area.add_class("collabkit-code")
        return area


class ResultWidget(QuestionWidget):
    """A task answered with a result computed in code: the prompt, how to pass the result,
    and the feedback of the last result passed (``collabkit.answer`` shows it here too)."""

    def _make_input(self) -> widgets.Widget:
        self._result: Any = None
        call = f"collabkit.answer({self.question.id!r}, your_result)"
        return widgets.HTML(
            f'<span style="color:{MUTED}">Write your code in a cell below, then pass what it '
            f"gives: <code>{html.escape(call)}</code></span>"
        )

    @property
    def value(self) -> Any:
        return self._result

    def fill(self, answer: Any) -> None:
        self._result = answer


_WIDGETS: dict[type[qt.Question], type[QuestionWidget]] = {
    qt.MultipleChoice: ChoiceWidget,
    qt.MultiSelect: MultiWidget,
    qt.Numeric: NumericWidget,
    qt.VariantNumeric: NumericWidget,
    qt.Classification: ClassifyWidget,
    qt.FreeText: TextWidget,
    qt.Rubric: TextWidget,
    qt.CodeAnswer: CodeWidget,
    results.TableResult: ResultWidget,
    results.GraphResult: ResultWidget,
    results.ResultNumber: ResultWidget,
}
#: Rubric answers with their own input: answer format → (module, widget class).
_RUBRIC_WIDGETS = {
    "pairs": ("collabkit.widgets.network_design_challenge", "PairsWidget"),
    "levers": ("collabkit.widgets.platform_economy", "PlanWidget"),
}


#: A sealed graded item's answer form → the widget of the question type it seals.
_SEALED_WIDGETS = {
    "choice": ChoiceWidget, "multi": MultiWidget, "numeric": NumericWidget,
    "classify": ClassifyWidget, "text": TextWidget, "rubric": TextWidget, "code": CodeWidget,
    "table": ResultWidget, "graph": ResultWidget,
}  # fmt: skip


def question_widget(question: qt.Question, session: Session | None = None) -> QuestionWidget:
    """The widget for ``question`` (not yet displayed)."""
    answer_format = getattr(question, "answer_format", "text")
    if isinstance(question, (qt.Rubric, SealedQuestion)) and answer_format in _RUBRIC_WIDGETS:
        module, name = _RUBRIC_WIDGETS[answer_format]
        widget_class = getattr(importlib.import_module(module), name)  # loaded on demand
        return widget_class(question, session)
    if isinstance(question, SealedQuestion):
        return _SEALED_WIDGETS[question.shape](question, session)
    return _WIDGETS[type(question)](question, session)


def live_question_widgets() -> list[QuestionWidget]:
    """Question widgets created in this kernel that are still alive (for tests)."""
    return list(_live)


def _with_question(question_id: str, action: Callable[[qt.Question], Any]) -> Any:
    try:
        question = get_question(question_id)
    except ClosedQuestion as closed:
        display(HTML(f"<b>{html.escape(str(closed.args[0]))}</b>"))
        return None
    except KeyError:
        display(
            HTML(
                f"<b>There is no question {html.escape(repr(question_id))}.</b> "
                "Check the id: it looks like <code>'01.pooling.q1'</code>."
            )
        )
        return None
    return action(question)


def ask(question_id: str) -> None:
    """Show a question widget and the saved record of its answers below it."""

    def show(question: qt.Question) -> None:
        widget = question_widget(question)
        display(widget)
        widget.attach_record_display(display(widget._bundle(), raw=True, display_id=True))

    _with_question(question_id, show)


def answer(question_id: str, value: object) -> Feedback | None:
    """Answer a question from code: records the answer and returns its feedback."""

    def submit(question: qt.Question) -> Feedback:
        session = current_session()
        feedback, _ = session.submit(question, value)
        display(bundle(question.id, session.records_for(question.id)), raw=True)
        for widget in live_question_widgets():  # the question shown above shows it too
            if widget.question.id == question.id and widget.session is session:
                widget._show(feedback)
        if session.save_error:
            display(HTML(f'<p style="color:{WARNING}">{html.escape(session.save_error)}</p>'))
        return feedback

    return _with_question(question_id, submit)


def solution(question_id: str) -> None:
    """Show a question's worked solution, if the session allows it yet."""

    def show(question: qt.Question) -> None:
        session = current_session()
        own = question.for_variant(question.variant_of(session.student_id))
        display(HTML(solution_html(own, session)))

    _with_question(question_id, show)


def solution_html(question: qt.Question, session: Session) -> str:
    """The worked explanation if ``session`` may see it (and mark it seen), else when it opens."""
    if isinstance(question, SealedQuestion):
        return (
            "<i>This is a graded question of an assessed assignment: its worked solution "
            "stays closed. Your instructor publishes the feedback after grading.</i>"
        )
    if session.may_reveal(question):
        session.mark_revealed(question.id)
        text = question.explanation or "No worked solution is written for this question."
        return (
            f'<div style="background:{PANEL};padding:6px 10px;margin-top:4px">'
            f"<b>Worked solution.</b> {_paragraphs(text)}</div>"
        )
    left = question.reveal_after - session.attempts(question.id)
    return (
        f"<i>The worked solution opens after {left} more attempt"
        f"{'' if left == 1 else 's'}. Learning alone? Run "
        "<code>collabkit.start(self_study=True)</code> to open solutions at any time.</i>"
    )


#: Shown in place of feedback once the answer it described has been edited.
STALE = "You changed your answer since it was checked: check it again."


def _note(text: str) -> str:
    """A feedback box without a verdict (the student's text escaped)."""
    return (
        f'<div class="collabkit-feedback-box" style="border-left:4px solid {MUTED};'
        f'padding:4px 10px;margin:4px 0;"><i>{html.escape(text)}</i></div>'
    )


def _answer_controls(widget: widgets.Widget) -> list[widgets.ValueWidget]:
    """The controls below ``widget`` that hold (part of) an answer: every value widget
    but text shown to the student."""
    if isinstance(widget, (widgets.HTML, widgets.Label, widgets.HTMLMath)):
        return []
    found = [widget] if isinstance(widget, widgets.ValueWidget) else []
    for child in getattr(widget, "children", ()):
        found += _answer_controls(child)
    return found


def _paragraphs(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.strip().splitlines())
