"""Scoring rules of each question type, on small questions built for the test.

Expected scores are worked out here from the rules stated in the question types' docstrings,
not read back from the implementation.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from collabkit.assess.assessed import seal
from collabkit.assess.feedback import Feedback
from collabkit.assess.questions import (
    Classification,
    FreeText,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    RubricPoint,
    VariantNumeric,
)

CHOICE = MultipleChoice(
    id="99.test.choice",
    prompt="Pick one.",
    options={"a": "Apples", "b": "Bananas", "c": "Cherries", "d": "Dates"},
    correct="b",
    misconceptions={"a": "Apples are red herrings.", "c": "Cherries are too small."},
    praise="Yes, bananas.",
    hint="Yellow.",
)
MULTI = MultiSelect(
    id="99.test.multi",
    prompt="Tick all.",
    points=3,
    options={"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta"},
    correct=frozenset({"a", "b", "c"}),
    misconceptions={"d": "D is a decoy."},
    missed={"c": "C matters too."},
    hint="Three of them.",
)
NUMBER = Numeric(
    id="99.test.number",
    prompt="How much, in €?",
    answer=1_200.0,
    unit="€",
    rel_tol=0.01,
    misconceptions=(NumericMisconception(12_000, "you multiplied by ten."),),
    hint="Divide.",
)
SORT = Classification(
    id="99.test.sort",
    prompt="Sort.",
    points=4,
    items={"Van": "pooling", "Discount": "bargaining", "Shop window": "reach", "Lab": "innovation"},
    categories=["pooling", "bargaining", "reach", "innovation"],
    misconceptions={"Lab": "A lab brings know-how."},
)
RUBRIC = (RubricPoint("trust", ("trust",)), RubricPoint("cost", ("cost", "price")))
MODEL_ANSWER = (
    "Partners need trust, and the cost must be shared fairly among all members so that "
    "nobody feels exploited and everybody keeps contributing over time."
)
TEXT = FreeText(
    id="99.test.text",
    prompt="Explain.",
    points=2,
    rubric=RUBRIC,
    model_answer=MODEL_ANSWER,
    instructor_graded=True,
)
SELF_CHECKED_TEXT = FreeText(
    id="99.test.selfcheck", prompt="Explain.", rubric=RUBRIC, model_answer=MODEL_ANSWER
)


# -- the key earns full marks for every type ---------------------------------------------


@pytest.mark.parametrize("question", [CHOICE, MULTI, NUMBER, SORT, TEXT], ids=lambda q: q.kind)
def test_the_key_earns_full_marks_and_no_hint(question):
    feedback = question.check(question.key)
    assert feedback.correct
    assert feedback.score == question.points == feedback.max_score
    assert feedback.status == "correct"
    assert feedback.hint == ""


# -- multiple choice ---------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["b", " B ", "bananas", "  BANANAS", ["b"], ("b",), {"b"}])
def test_choice_accepts_key_or_option_text_in_any_case(answer):
    feedback = CHOICE.check(answer)
    assert feedback.correct
    assert feedback.message == "Yes, bananas."


@pytest.mark.parametrize(("wrong", "reason"), [("a", "red herrings"), ("c", "too small")])
def test_choice_names_the_misconception_of_the_chosen_option(wrong, reason):
    feedback = CHOICE.check(wrong)
    assert not feedback.correct and feedback.score == 0
    assert f"You chose “{CHOICE.options[wrong]}”." in feedback.message  # its text, no key
    assert f"({wrong})" not in feedback.message
    assert reason in feedback.message
    assert feedback.hint == "Yellow."
    # the other option's misconception is not shown
    other = {"a": "too small", "c": "red herrings"}[wrong]
    assert other not in feedback.message


def test_choice_without_a_written_misconception_still_explains():
    feedback = CHOICE.check("Dates")
    assert feedback.score == 0
    assert "You chose “Dates”." in feedback.message and "does not fit" in feedback.message


@pytest.mark.parametrize("answer", ["z", "Kiwis", ["a", "b"], 2])
def test_choice_answers_that_are_no_single_option_score_zero_with_a_reason(answer):
    feedback = CHOICE.check(answer)
    assert feedback.score == 0 and not feedback.correct
    assert "a, b, c, d" in feedback.message  # the options one may pick are listed


@pytest.mark.parametrize("answer", [None, ""])
def test_a_blank_choice_asks_for_an_option_without_letters_the_student_never_saw(answer):
    feedback = CHOICE.check(answer)
    assert feedback.score == 0 and not feedback.readable
    assert feedback.message == "No answer yet: pick one of the options."


# -- multi-select ------------------------------------------------------------------------

ALL_TICKS = [set(ticks) for n in range(1, 5) for ticks in itertools.combinations("abcd", n)]


@pytest.mark.parametrize("ticks", ALL_TICKS, ids=lambda t: "".join(sorted(t)))
def test_multiselect_partial_credit_is_right_minus_wrong_over_right_floored_at_zero(ticks):
    right = len(ticks & {"a", "b", "c"})
    wrong = len(ticks - {"a", "b", "c"})
    expected = max(0.0, (right - wrong) / 3) * MULTI.points
    feedback = MULTI.check(sorted(ticks))
    assert feedback.score == pytest.approx(expected)
    assert feedback.correct == (ticks == {"a", "b", "c"})


def test_multiselect_worked_examples():
    assert MULTI.check(["a", "b"]).score == pytest.approx(2)  # 2 right of 3, 3 points
    assert MULTI.check(["a", "b", "d"]).score == pytest.approx(1)  # (2 - 1) / 3
    assert MULTI.check(["a", "d"]).score == 0  # (1 - 1) / 3
    assert MULTI.check(["d"]).score == 0  # (0 - 1) / 3, floored at zero
    assert MULTI.check(["a", "b", "c", "d"]).score == pytest.approx(2)
    assert MULTI.check(["a", "b"]).status == "partial"


@pytest.mark.parametrize("answer", ["a, b, c", "a;b c", "C,B,A", ["Alpha", "beta", "c"]])
def test_multiselect_reads_typed_lists_and_option_texts(answer):
    assert MULTI.check(answer).correct


def test_multiselect_explains_wrong_and_missing_options():
    feedback = MULTI.check("a, d")
    assert "“Delta” does not belong: D is a decoy" in feedback.message
    assert "C matters too" in feedback.message
    assert "2 right options are missing" in feedback.message
    assert "You ticked 1 of the 3 right options" in feedback.message
    assert feedback.hint == "Three of them."


def test_multiselect_unknown_option_is_not_silently_dropped():
    feedback = MULTI.check(["a", "b", "c", "z"])
    assert not feedback.correct and feedback.score == 0
    assert "“z”" in feedback.message


# -- numeric -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        1_200,
        1_200.0,
        "1200",
        "1,200 €",
        "1,200",
        "€1200",
        "1 200",
        "1.200,50",  # a decimal comma after a thousands point: 1200.5
        "1.200 €",  # money has at most two decimals, so ".200" groups thousands
        " 1200 ",
        "1200 euros",
        "1.2e3",
        "+1200",
        np.float64(1_200),
        np.int64(1_200),
        np.float32(1_200),
        1_211.9,  # within 1 %
        1_188.2,
    ],
    ids=repr,
)
def test_numeric_reads_numbers_however_typed(answer):
    feedback = NUMBER.check(answer)
    assert feedback.correct, feedback.message
    assert feedback.score == 1


def test_numeric_reads_a_decimal_comma_and_surrounding_spaces():
    assert Numeric(id="99.t.dec", prompt="n?", answer=12.5).check("12,5").correct
    assert Numeric(id="99.t.pad", prompt="n?", answer=7).check("  7 ").correct
    assert Numeric(id="99.t.neg", prompt="n?", answer=-3.5).check("-3,5").correct


def test_numeric_relative_tolerance_boundary():
    # rel_tol = 1 %: |x − 1200| must be ≤ 1 % of the larger of |x| and 1200
    assert NUMBER.check(1_212).correct  # 12 ≤ 12.12
    assert not NUMBER.check(1_213).correct  # 13 > 12.13
    assert NUMBER.check(1_188).correct  # 12 ≤ 12
    assert not NUMBER.check(1_187).correct  # 13 > 12


def test_numeric_absolute_tolerance_boundary():
    question = Numeric(id="99.t.abs", prompt="n?", answer=6, abs_tol=0.5, rel_tol=0)
    assert question.check(6.5).correct
    assert question.check(5.5).correct
    assert not question.check(6.51).correct
    assert not question.check(5.49).correct
    near_zero = Numeric(id="99.t.zero", prompt="n?", answer=0, abs_tol=0.01, rel_tol=0)
    assert near_zero.check("0.005").correct and not near_zero.check(0.02).correct


def test_numeric_feedback_says_which_way_and_by_how_much():
    assert "too high" in NUMBER.check(1_500).message
    assert "too low" in NUMBER.check(900).message
    assert "factor of ten" not in NUMBER.check(900).message
    assert "too low by a factor of ten" in NUMBER.check(100).message
    assert "too high by a factor of ten" in NUMBER.check(50_000).message
    assert NUMBER.check(1_500).hint == "Divide."


def test_numeric_names_the_misconception_instead_of_the_direction():
    feedback = NUMBER.check("12,000 €")
    assert "multiplied by ten" in feedback.message
    assert "too high" not in feedback.message
    assert feedback.score == 0
    assert "12,000 €" in feedback.message  # the number is echoed with its unit


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (True, "True/False"),
        (float("nan"), "NaN"),
        (np.float64("nan"), "NaN"),
        (float("inf"), "Infinity"),
        (-float("inf"), "Infinity"),
        ("1e400", "Infinity"),
        (10**400, "too large"),
        ("twelve", "not a number"),
        ("1.20,0", "separators"),  # groups that are not threes: reported, not misread
        ("x" * 101, "long piece of text"),
        ([1, 2], "single number"),
        ({"a": 1}, "single number"),
        (None, "No answer yet"),
        ("   ", "No answer yet"),
    ],
    ids=repr,
)
def test_numeric_unreadable_answers_are_explained(answer, phrase):
    feedback = NUMBER.check(answer)
    assert phrase in feedback.message
    assert feedback.score == 0 and not feedback.correct


# -- numbers as students type them (docs/numbers.md) --------------------------------------

SHARE = Numeric(
    id="99.test.share",
    prompt="What share of pairs are partners? Answer as a share between 0 and 1.",
    answer=7 / 15,
    scale="share",
    abs_tol=0.005,
    rel_tol=0,
)
MEDICI = Numeric(
    id="99.test.medici", prompt="Betweenness?", answer=0.522, scale="share", abs_tol=0.002
)
PERCENT = Numeric(id="99.test.percent", prompt="In %?", answer=32, unit="%", abs_tol=0.5)
YEARLY = Numeric(id="99.test.yearly", prompt="€ a year?", answer=4_800, unit="€ per year")
PARTNERS = Numeric(
    id="99.test.partners", prompt="Partners?", answer=11.27, unit="partners", abs_tol=0.02
)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (MEDICI, "0,522"),  # was read as 522: "too high by a factor of ten"
        (MEDICI, "52,2 %"),
        (SHARE, "7/15"),
        (SHARE, "0,47"),
        (SHARE, "47 %"),
        (SHARE, "46.7%"),
        (PERCENT, "32"),
        (PERCENT, "32 %"),
        (PERCENT, "32,0%"),
        (YEARLY, "4.800"),
        (YEARLY, "4,800 € per year"),
        (YEARLY, "4 800 €/year"),
        (PARTNERS, "11,27"),
        (PARTNERS, "11,270"),  # 11270 partners is not a sensible reading; 11.27 is
        (PARTNERS, "11.27 partners"),
    ],
    ids=repr,
)
def test_numbers_are_read_as_students_type_them(question, answer):
    feedback = question.check(answer)
    assert feedback.correct, feedback.message


def test_a_percentage_on_a_share_question_is_read_as_a_share_and_the_feedback_says_so():
    right = SHARE.check("47 %")
    assert right.message == "“47 %” is read as the share 0.47. 0.47 is right."
    wrong = SHARE.check("34%")
    assert wrong.message.startswith("“34%” is read as the share 0.34. 0.34 is too low.")
    assert "factor of ten" not in wrong.message


def test_a_share_question_explains_a_number_above_1():
    feedback = SHARE.check("47")
    assert feedback.score == 0 and feedback.readable
    assert feedback.message == (
        "47 is too high by a factor of ten or more: this question wants a share between 0 "
        "and 1. If you meant 47 %, type “47 %”."
    )


def test_a_unit_that_does_not_fit_the_question_is_explained_and_costs_no_attempt():
    percent = YEARLY.check("12 %")
    assert percent.message == "This question is in € per year; you typed a percentage."
    monthly = YEARLY.check("400 €/month")
    assert monthly.message.startswith("This question is in € per year; you typed an amount per")
    assert "Convert it to per year (a year has 12 months)" in monthly.message
    money = PARTNERS.check("11 €")
    assert money.message == "This question is in partners; you typed an amount in €."
    for feedback in (percent, monthly, money):
        assert not feedback.readable and feedback.score == 0


def test_a_percent_question_reads_a_bare_number_as_per_cent():
    assert PERCENT.check("0.32").message == "0.32 % is too low by a factor of ten or more. " + (
        "Check each step of your working."
    )


def test_the_factor_of_ten_hint_follows_the_new_readings():
    assert "factor of ten" not in MEDICI.check("0,52").message  # 0.52, near 0.522
    assert "too high by a factor of ten" in YEARLY.check("48.000").message  # 48000 €
    assert "too low by a factor of ten" in YEARLY.check("480,00 €").message  # 480 €


def test_an_ambiguous_number_is_asked_about_when_the_question_cannot_decide():
    question = Numeric(id="99.test.count", prompt="How many?", answer=0.0, abs_tol=0.5)
    feedback = question.check("1,250")  # no unit, no scale, no size of the answer to go by
    assert not feedback.readable
    assert feedback.message == (
        "“1,250” could mean 1250 or 1.25. Type it without a thousands separator: 1250, or 1.25."
    )


def test_a_scale_must_be_known_and_a_share_lies_in_0_to_1():
    with pytest.raises(ValueError, match="scale"):
        Numeric(id="99.t.bad", prompt="n?", answer=0.5, scale="shares")
    with pytest.raises(ValueError, match="between 0 and 1"):
        Numeric(id="99.t.big", prompt="n?", answer=47, scale="share")
    with pytest.raises(ValueError, match="scale"):
        VariantNumeric(id="99.t.var", prompt="n?", make=lambda rng: ({}, 0.5), scale="pc")


def test_a_variant_keeps_its_scale():
    question = VariantNumeric(
        id="99.t.variant", prompt="Share?", make=lambda rng: ({}, 0.25), scale="share"
    )
    assert question.for_variant("7").scale == "share"
    assert question.check("25 %").correct


def test_a_sealed_question_reads_the_same_way_but_asks_where_only_the_key_could_decide():
    sealed = seal(SHARE)
    assert sealed.check("47 %").message.startswith("“47 %” is read as the share 0.47. Your")
    assert seal(YEARLY).check("4.800").message.startswith("Your answer: 4,800 € per year.")
    asked = seal(PARTNERS).check("11,270")  # the sealed copy knows no key: it asks
    assert "could mean 11270 or 11.27" in asked.message and not asked.readable
    assert PARTNERS.check("11,270").correct  # grading, with the key, reads 11.27


# -- classification ----------------------------------------------------------------------


def test_classification_is_case_insensitive_in_items_and_categories():
    full = {
        " van ": "Pooling",
        "DISCOUNT": "bargaining",
        "shop WINDOW": " REACH ",
        "Lab": "innovation",
    }
    feedback = SORT.check(full)
    assert feedback.correct and feedback.score == 4
    assert "All 4 placed correctly" in feedback.message


def test_classification_gives_each_item_its_share_and_names_the_rest():
    half = {"Van": "pooling", "Discount": "bargaining", "Lab": "reach"}
    feedback = SORT.check(half)
    assert feedback.score == pytest.approx(4 * 2 / 4)
    assert feedback.status == "partial"
    assert "2 of 4 placed correctly" in feedback.message
    assert "Not placed yet: “Shop window”" in feedback.message
    assert "“Lab” is not reach" in feedback.message
    assert "A lab brings know-how" in feedback.message


def test_classification_names_two_unplaced_items_and_counts_more():
    two_missing = SORT.check({"Van": "pooling", "Discount": "bargaining"})
    assert "“Shop window”" in two_missing.message and "“Lab”" in two_missing.message
    three_missing = SORT.check({"Van": "pooling"})
    assert three_missing.score == pytest.approx(1)
    assert "3 items are not placed yet" in three_missing.message


def test_classification_unknown_category_counts_as_unplaced():
    feedback = SORT.check({**SORT.key, "Van": "teleportation"})
    assert feedback.score == pytest.approx(3)
    assert "“Van”" in feedback.message


def test_classification_ignores_unknown_items_and_says_so():
    one = SORT.check({"Van": "pooling", "Spaceship": "reach"})
    assert one.score == pytest.approx(1)
    assert "1 entry matched no item and was ignored" in one.message
    two = SORT.check({"Van": "pooling", "Spaceship": "reach", "Rocket": "lab"})
    assert "2 entries matched no item and were ignored" in two.message


@pytest.mark.parametrize("answer", [["Van", "pooling"], "Van: pooling", 3, None, {}])
def test_classification_wants_a_mapping(answer):
    feedback = SORT.check(answer)
    assert feedback.score == 0
    assert "category" in feedback.message


# -- free text ---------------------------------------------------------------------------

LONG_TRUST_ONLY = (
    "Trust is what matters most, built over many months of working side by side with "
    "partners who keep their promises."
)


def test_free_text_self_check_counts_rubric_ideas():
    full = TEXT.check(MODEL_ANSWER)
    assert full.correct and full.score == 2
    partial = TEXT.check(LONG_TRUST_ONLY)
    assert len(LONG_TRUST_ONLY.split()) >= 15
    assert partial.score == pytest.approx(2 * 1 / 2)
    assert "1 of 2 key ideas" in partial.message
    assert "Covered: trust" in partial.message
    assert "Think also about: cost" in partial.message


def test_free_text_keywords_match_case_insensitively_at_word_starts():
    text = LONG_TRUST_ONLY.replace("Trust", "TRUSTWORTHY partners") + " Prices matter."
    assert TEXT.check(text).correct
    distrust = LONG_TRUST_ONLY.replace("Trust", "Distrust") + " Prices matter."
    assert not TEXT.check(distrust).correct  # "distrust" does not contain the idea "trust"


def test_short_free_text_is_capped_at_half_even_with_every_idea():
    feedback = TEXT.check("trust and cost")
    assert feedback.score == pytest.approx(2 * 0.5)
    assert not feedback.correct
    assert "at least 15 words" in feedback.message
    assert "Covered: trust; cost" in feedback.message


def test_short_free_text_missing_ideas_is_not_raised_to_half():
    assert TEXT.check("nothing relevant here").score == 0
    assert TEXT.check("only trust here").score == pytest.approx(2 * 0.5)  # min(1/2, 1/2)


def test_instructor_graded_questions_say_so_and_self_checked_ones_do_not():
    assert "instructor" in TEXT.check(LONG_TRUST_ONLY).message
    assert "instructor" not in SELF_CHECKED_TEXT.check(LONG_TRUST_ONLY).message
    assert "instructor" in TEXT.check(MODEL_ANSWER).message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (None, "No answer yet"),
        ("  ", "No answer yet"),
        (42, "sentences in words"),
        ("trust " * 2_000, "keep it under"),
    ],
    ids=["none", "blank", "number", "too long"],
)
def test_free_text_unreadable_answers(answer, phrase):
    feedback = TEXT.check(answer)
    assert feedback.score == 0 and phrase in feedback.message


# -- badly written questions are rejected when the bank is built -------------------------

CHOICE_ARGS = {"prompt": "p", "options": {"a": "A", "b": "B"}, "correct": "a"}


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: MultipleChoice(id="bad id", **CHOICE_ARGS), "id must look like"),
        (lambda: MultipleChoice(id="1.sec.q", **CHOICE_ARGS), "id must look like"),
        (lambda: MultipleChoice(id="01.Sec.q", **CHOICE_ARGS), "id must look like"),
        (lambda: MultipleChoice(id="01.sec", **CHOICE_ARGS), "id must look like"),
        (lambda: MultipleChoice(id="01.a.b", points=0, **CHOICE_ARGS), "points"),
        (lambda: MultipleChoice(id="01.a.b", points=-1, **CHOICE_ARGS), "points"),
        (lambda: MultipleChoice(id="01.a.b", points=math.nan, **CHOICE_ARGS), "points"),
        (lambda: MultipleChoice(id="01.a.b", points=math.inf, **CHOICE_ARGS), "points"),
        (lambda: MultipleChoice(id="01.a.b", points="1", **CHOICE_ARGS), "points"),
        (
            lambda: MultipleChoice(id="01.a.b", **{**CHOICE_ARGS, "prompt": "  "}),
            "prompt",
        ),
        (
            lambda: MultipleChoice(id="01.a.b", **{**CHOICE_ARGS, "correct": "z"}),
            "not an option",
        ),
        (
            lambda: MultipleChoice(id="01.a.b", misconceptions={"q": "?"}, **CHOICE_ARGS),
            "unknown option",
        ),
        (
            lambda: MultiSelect(
                id="01.a.b", prompt="p", options={"a": "A"}, correct=frozenset({"a", "z"})
            ),
            "subset",
        ),
        (
            lambda: MultiSelect(id="01.a.b", prompt="p", options={"a": "A"}, correct=frozenset()),
            "non-empty",
        ),
        (
            lambda: MultiSelect(
                id="01.a.b", prompt="p", options={"a": "A"}, correct={"a"}, missed={"x": "?"}
            ),
            "unknown option",
        ),
        (lambda: Numeric(id="01.a.b", prompt="p", answer=math.inf), "finite"),
        (lambda: Numeric(id="01.a.b", prompt="p", answer=math.nan), "finite"),
        (lambda: Numeric(id="01.a.b", prompt="p", answer=1, rel_tol=0), "tol"),
        (lambda: Numeric(id="01.a.b", prompt="p", answer=1, abs_tol=-1), "tol"),
        (lambda: Numeric(id="01.a.b", prompt="p", answer=1, rel_tol=math.nan), "tol"),
        (
            lambda: Classification(id="01.a.b", prompt="p", items={"x": "y"}, categories=["z"]),
            "categories",
        ),
        (
            lambda: Classification(id="01.a.b", prompt="p", items={}, categories=["z"]),
            "categories",
        ),
        (lambda: FreeText(id="01.a.b", prompt="p", rubric=(), model_answer="m"), "rubric"),
    ],
)
def test_badly_written_questions_are_rejected(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_multiselect_accepts_a_plain_set_as_its_key():
    question = MultiSelect(id="01.a.b", prompt="p", options={"a": "A", "b": "B"}, correct={"a"})
    assert question.correct == frozenset({"a"})
    assert question.check(["a"]).correct


def test_id_parts():
    assert SORT.notebook == "99" and SORT.section == "99.test"


# -- feedback ----------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize("question", [CHOICE, NUMBER, MULTI], ids=lambda q: q.kind)
def test_feedback_html_escapes_the_students_text(question):
    feedback = question.check(SCRIPT)
    assert "<script" in feedback.message  # the answer is quoted back to the student ...
    page = feedback.to_html()
    assert "<script" not in page  # ... but never as markup
    assert "&lt;script&gt;" in page


def test_feedback_html_escapes_message_and_hint():
    feedback = Feedback(0, 1, False, "a <b>bold</b> & claim", hint="<img src=x onerror=alert(1)>")
    page = feedback.to_html()
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt; &amp; claim" in page
    assert "<img" not in page and "&lt;img" in page


def test_feedback_html_shows_status_points_and_hint_only_when_wrong():
    wrong = MULTI.check(["a"])
    page = wrong.to_html()
    assert "Partly right" in page and "(1 of 3 points)" in page and "Three of them." in page
    right = MULTI.check(MULTI.key).to_html()
    assert "Correct" in right and "(3 of 3 points)" in right and "Hint" not in right
    assert "Not yet" in MULTI.check(["d"]).to_html()
    assert "(0 of 1 point)" in CHOICE.check("a").to_html()


def test_feedback_fraction():
    assert MULTI.check(["a"]).fraction == pytest.approx(1 / 3)
    assert Feedback(0, 0, False, "m").fraction == 0.0
