"""Answers shown as people read them, on the feedback pages."""

from __future__ import annotations

import collabkit
from collabkit.assess.answer_text import answer_text
from collabkit.assess.gradebook import feedback_page
from collabkit.assess.grading import GradedSubmission, QuestionResult


def test_an_option_is_shown_with_its_text():
    question = collabkit.get_question("01.what.definition")
    assert answer_text(question, "b") == f"“{question.options['b']}”"
    assert answer_text(question, "B ") == f"“{question.options['b']}”"
    assert answer_text(question, "zz") == "zz"  # not an option: as recorded


def test_ticked_options_classifications_links_and_blanks_read_as_lines():
    multi = collabkit.get_question("01.challenges.remedy")
    assert answer_text(multi, ["a", "d"]) == f"“{multi.options['a']}”; “{multi.options['d']}”"
    assert answer_text(None, {"the bakery": "participants"}) == "the bakery → participants"
    assert answer_text(None, [["A", "B"], ["B", "C"]]) == "A – B\nB – C"
    assert answer_text(None, None) == answer_text(None, "") == "—"
    assert answer_text(None, 12.5) == "12.5"


def _result(qid: str, answer: object, score: float) -> QuestionResult:
    return QuestionResult(question_id=qid, score=score, max_score=1.0, correct=score == 1,
                          attempts=1, first_correct_attempt=None, answer=answer,
                          message="m", hint="")  # fmt: skip


def test_the_page_shows_each_questions_text_and_rounded_points(tmp_path):
    own = collabkit.get_question("01.pooling.yours")
    choice = collabkit.get_question("01.what.definition")
    graded = GradedSubmission(tmp_path / "s.ipynb", "s1", [])
    graded.results["01"] = [_result(own.id, "1", 1 / 3), _result(choice.id, "b", 0.0)]
    page = feedback_page(graded, {"01": "Fundamentals"}, {},
                         {own.id: own, choice.id: choice})  # fmt: skip
    mine = own.for_variant(own.variant_of("s1"))
    assert mine.prompt.split(":")[1][:30] in page and "{" not in page.split("</style>")[1]
    assert "0.33 / 1" in page and "0.333333" not in page
    assert choice.options["b"][:30] in page
