"""Options carry no cue: each student sees the options (and a classification's items) in an
order of their own, without keys; answers, records and grading still use the stable keys.
Classifications may offer more categories than items and use a category more than once."""

from __future__ import annotations

from collections import Counter

import pytest

import collabkit
from collabkit.assess.assessed import seal
from collabkit.assess.questions import Classification, MultipleChoice, MultiSelect, option_order
from collabkit.widgets.questions import ChoiceWidget, ClassifyWidget, MultiWidget, question_widget

CHOICE = MultipleChoice(
    id="99.order.choice",
    prompt="Which network shares a van?",
    options={
        "a": "A horizontal network sharing one asset",
        "b": "A vertical chain of supplier and buyer",
        "c": "An innovation network developing a product",
        "d": "A virtual network meeting only online",
    },
    correct="a",
    misconceptions={"b": "The shops do not supply each other."},
)
MULTI = MultiSelect(
    id="99.order.multi",
    prompt="Tick the costs that grow with partners.",
    options={"a": "Meetings", "b": "Contracts", "c": "The van itself", "d": "Fuel"},
    correct=frozenset({"a", "b"}),
    misconceptions={"c": "The van costs the same whoever shares it."},
)
#: Two items, four categories (two never right), one category right for both items.
SORT = Classification(
    id="99.order.sort",
    prompt="Where does each cost belong?",
    items={"Weekly meeting": "coordination", "Contract lawyer": "coordination"},
    categories=("coordination", "asset", "opportunity", "sunk"),
    misconceptions={"Contract lawyer": "A lawyer is paid to coordinate the partners."},
)
STUDENTS = [f"student{i:03d}" for i in range(200)]


def test_the_order_is_stable_for_a_student_and_differs_between_students():
    keys = list(CHOICE.options)
    first = option_order(keys, "ana", CHOICE.id)
    assert first == option_order(keys, "ana", CHOICE.id)
    assert sorted(first) == keys
    orders = {tuple(option_order(keys, s, CHOICE.id)) for s in STUDENTS}
    assert len(orders) > 12  # of 24 possible orders, 200 students see most
    other_question = [option_order(keys, s, "99.order.other") for s in STUDENTS[:20]]
    assert other_question != [option_order(keys, s, CHOICE.id) for s in STUDENTS[:20]]


def test_the_right_option_is_not_where_the_bank_put_it():
    """Over 200 students, the right option lands in each of the four places about equally
    often (expected 50 each; a fair draw stays within 30–70 with near certainty)."""
    keys = list(CHOICE.options)
    places = Counter(option_order(keys, s, CHOICE.id).index(CHOICE.correct) for s in STUDENTS)
    assert sorted(places) == [0, 1, 2, 3]
    assert all(30 <= n <= 70 for n in places.values()), places


def test_the_choice_widget_shows_texts_in_the_students_order_and_answers_by_key(tmp_path):
    session = collabkit.start(student_id="ana", answers_dir=tmp_path)
    widget = question_widget(CHOICE, session)
    assert isinstance(widget, ChoiceWidget)
    order = option_order(list(CHOICE.options), "ana", CHOICE.id)
    assert list(widget.input.options) == [(CHOICE.options[k], k) for k in order]
    assert not any(label.startswith("(") for label, _ in widget.input.options)  # no keys
    widget.fill("b")
    feedback = widget.submit()
    assert feedback.message == (
        "You chose “A vertical chain of supplier and buyer”. The shops do not supply each other."
    )
    assert session.records_for(CHOICE.id)[-1].answer == "b"  # the stable key is recorded
    widget.fill(CHOICE.key)
    assert widget.submit().correct


def test_a_new_student_in_the_same_kernel_sees_their_own_order(tmp_path):
    collabkit.start(student_id="ana", answers_dir=tmp_path)
    widget = question_widget(CHOICE)
    multi = question_widget(MULTI)
    sort = question_widget(SORT)
    student = next(s for s in STUDENTS if option_order(list("abcd"), s, CHOICE.id)
                   != option_order(list("abcd"), "ana", CHOICE.id))  # fmt: skip
    collabkit.start(student_id=student, answers_dir=tmp_path)
    widget.fill("a")
    assert widget.submit().correct
    assert [k for _, k in widget.input.options] == option_order(list("abcd"), student, CHOICE.id)
    multi.submit()
    texts = [box.description for box in multi.input.children]
    assert texts == [MULTI.options[k] for k in option_order(list("abcd"), student, MULTI.id)]
    sort.submit()
    items = [row.children[0].value for row in sort.input.children]
    assert items == option_order(list(SORT.items), student, SORT.id)


def test_the_multi_widget_ticks_by_key_and_feedback_quotes_texts(tmp_path):
    session = collabkit.start(student_id="ben", answers_dir=tmp_path)
    widget = question_widget(MULTI, session)
    assert isinstance(widget, MultiWidget)
    order = option_order(list(MULTI.options), "ben", MULTI.id)
    assert [box.description for box in widget.input.children] == [MULTI.options[k] for k in order]
    widget.fill(["a", "c"])
    assert widget.value == ["a", "c"]
    feedback = widget.submit()
    assert "“The van itself” does not belong: The van costs the same" in feedback.message
    assert "(c)" not in feedback.message
    assert session.records_for(MULTI.id)[-1].answer == ["a", "c"]


def shown(widget) -> list[str]:
    """What a widget lists, top to bottom: option texts, or a classification's items."""
    if isinstance(widget, ChoiceWidget):
        return [label for label, _ in widget.input.options]
    if isinstance(widget, MultiWidget):
        return [box.description for box in widget.input.children]
    return [row.children[0].value for row in widget.input.children]


@pytest.mark.parametrize("question", [CHOICE, MULTI, SORT], ids=lambda q: q.id)
def test_a_sealed_item_is_shown_in_the_same_order_as_in_practice(question, tmp_path):
    session = collabkit.start(student_id="cem", answers_dir=tmp_path)
    practice, sealed = question_widget(question, session), question_widget(seal(question), session)
    assert shown(practice) == shown(sealed)
    listed = question.items if isinstance(question, Classification) else question.options.values()
    assert sorted(shown(practice)) == sorted(listed)


def test_sealed_feedback_quotes_the_options_text():
    sealed = seal(CHOICE)
    assert "Your answer: “An innovation network developing a product”." in (
        sealed.check("c").message
    )
    assert "You ticked “Meetings”; “Fuel”." in seal(MULTI).check(["a", "d"]).message


def test_grading_a_record_does_not_depend_on_who_saw_which_order():
    for student in STUDENTS[:5]:
        own = CHOICE.for_variant(CHOICE.variant_of(student))
        assert own.check("a").correct and not own.check("b").correct


# --- classification with spare and repeated categories --------------------------------------


def test_a_classification_may_offer_spare_categories_and_repeat_one():
    assert SORT.check(SORT.key).correct
    both_asset = SORT.check({"Weekly meeting": "asset", "Contract lawyer": "sunk"})
    assert both_asset.score == 0
    assert "“Contract lawyer” is not sunk. A lawyer is paid to coordinate" in both_asset.message
    half = SORT.check({"Weekly meeting": "coordination", "Contract lawyer": "opportunity"})
    assert half.score == pytest.approx(0.5)


def test_the_classify_widget_offers_every_category_to_every_item(tmp_path):
    session = collabkit.start(student_id="dee", answers_dir=tmp_path)
    widget = question_widget(SORT, session)
    assert isinstance(widget, ClassifyWidget)
    for row in widget.input.children:
        drop = row.children[1]
        assert [value for _, value in drop.options][1:] == list(SORT.categories)
    widget.fill(SORT.key)  # the same category for both items
    assert widget.value == SORT.key
    assert widget.submit().correct
    sealed = question_widget(seal(SORT), session)
    sealed.fill(SORT.key)
    assert sealed.submit().message.startswith("2 of 2 items placed.")
