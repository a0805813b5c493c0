"""The question-bank linter: each rule caught on a tiny bank made to show it, a clean bank
passing, acknowledgements, and the command's exit codes."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import networkx as nx
import pytest

from collabkit.assess.lint import RULES, lint_questions, lint_report
from collabkit.assess.questions import (
    Classification,
    DeferredQuestion,
    FreeText,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
    RubricPoint,
    VariantNumeric,
)
from collabkit.assess.results import GraphResult, TableResult
from collabkit.cli import main

TAGS = {"concepts": ("cost-pooling",)}

CHOICE = MultipleChoice(
    id="99.lint.choice",
    prompt="Why do the shops share one van?",
    options={
        "a": "To split a fixed cost they could not carry alone",
        "b": "To win a bigger discount on the price of fuel",
        "c": "To hide their delivery routes from competitors",
    },
    correct="a",
    misconceptions={
        "b": "Fuel is paid per use; sharing does not lower its price.",
        "c": "Sharing a van makes routes more visible, not less.",
    },
    **TAGS,
)
MULTI = MultiSelect(
    id="99.lint.multi",
    prompt="Which costs grow with every partner?",
    options={
        "a": "Meetings with each partner",
        "b": "Contracts to negotiate",
        "c": "The van's yearly lease",
        "d": "The van's insurance",
    },  # fmt: skip
    correct=frozenset({"a", "b"}),
    misconceptions={"c": "The lease is one fixed cost.", "d": "Insurance is fixed too."},
    missed={"a": "Each partner adds meetings.", "b": "Each partner adds a contract."},
    **TAGS,
)
SORT = Classification(
    id="99.lint.sort",
    prompt="Which kind of cost is each?",
    items={
        "Weekly meeting": "coordination",
        "Contract lawyer": "coordination",
        "Van lease": "asset",
    },  # fmt: skip
    categories=("coordination", "asset", "opportunity"),
    misconceptions={
        "Weekly meeting": "Meetings coordinate partners.",
        "Contract lawyer": "A lawyer is paid to coordinate partners.",
        "Van lease": "The lease pays for the shared asset.",
    },
    **TAGS,
)
NUMBER = Numeric(
    id="99.lint.number",
    prompt="Cost per firm for a 30,000 € van shared by 3 firms, in € per year.",
    answer=10_000,
    unit="€ per year",
    misconceptions=(NumericMisconception(30_000, "that is the whole van, not one share."),),
    **TAGS,
)
TEXT = FreeText(
    id="99.lint.text",
    prompt="Why might a fourth firm not join?",
    rubric=(RubricPoint("coordination", ("coordination",)),),
    model_answer="Because every partner adds coordination with all the others.",
    min_words=5,
    **TAGS,
)
TABLE = TableResult(
    id="99.lint.table",
    prompt="Which firms are in more than two partnerships?",
    expected=["A", "B"],
    reasons={"C": "C has two partnerships, not more than two."},
    **TAGS,
)
CLEAN = (CHOICE, MULTI, SORT, NUMBER, TEXT, TABLE)


def rules_of(*questions) -> list[str]:
    return [finding.rule for finding in lint_questions(questions)]


def test_a_clean_bank_has_no_findings():
    assert lint_questions(CLEAN) == []


def test_the_longest_right_option_is_caught():
    longer = "To split one large fixed cost that none of them could carry alone"
    long_right = replace(CHOICE, options={**CHOICE.options, "a": longer})
    assert rules_of(long_right) == ["longest-correct"]
    # a margin of less than 10 % is no cue
    near = replace(CHOICE, options={**CHOICE.options, "a": CHOICE.options["b"] + "!"})
    assert rules_of(near) == []


def test_right_options_all_longer_than_the_wrong_ones_are_caught_in_a_multiselect():
    cue = replace(MULTI, options={**MULTI.options, "c": "Lease", "d": "Insurance"})
    assert "longest-correct" in rules_of(cue)


def test_options_of_very_different_lengths_are_caught():
    uneven = replace(CHOICE, options={**CHOICE.options, "c": "To hide"})
    assert rules_of(uneven) == ["uneven-options"]


def test_a_bijection_is_caught_and_a_spare_or_shared_category_is_not():
    bijection = replace(SORT, items={"Weekly meeting": "coordination", "Van lease": "asset"},
                        categories=("coordination", "asset"),
                        misconceptions={"Weekly meeting": "x", "Van lease": "y"})  # fmt: skip
    assert rules_of(bijection) == ["bijection"]
    spare = replace(bijection, categories=("coordination", "asset", "sunk"))
    assert rules_of(spare) == []
    assert rules_of(SORT) == []  # three items, one category used twice


def test_unexplained_wrong_options_placements_and_missed_options_are_caught():
    choice = replace(CHOICE, misconceptions={"b": CHOICE.misconceptions["b"]})
    findings = lint_questions([choice])
    assert [f.rule for f in findings] == ["unexplained-option"]
    assert "“To hide their delivery routes from competitors”" in findings[0].message
    multi = replace(MULTI, missed={})
    assert rules_of(multi) == ["unexplained-option", "unexplained-option"]
    sort = replace(SORT, misconceptions={})
    assert rules_of(sort) == ["unexplained-placement"] * 3


def test_a_numeric_question_without_misconceptions_is_caught_also_in_variants():
    assert rules_of(replace(NUMBER, misconceptions=())) == ["numeric-no-misconception"]
    variant = VariantNumeric(
        id="99.lint.variant", prompt="Share a {van} € van among 3.", unit="€",
        make=lambda rng: ({"van": 30_000}, 10_000.0), **TAGS,
    )  # fmt: skip
    assert rules_of(variant) == ["numeric-no-misconception"]
    explained = replace(variant, make=lambda rng: (
        {"van": 30_000}, 10_000.0, [NumericMisconception(30_000, "the whole van.")]))  # fmt: skip
    assert rules_of(explained) == []
    assert explained.for_variant("7").check(30_000).message.endswith("the whole van.")


def test_a_result_without_reasons_is_caught():
    assert rules_of(replace(TABLE, reasons={})) == ["result-no-reasons"]
    graph = GraphResult(id="99.lint.graph", prompt="Build it.", expected=nx.path_graph(3), **TAGS)
    assert rules_of(graph) == ["result-no-reasons"]


@pytest.mark.parametrize(
    "prompt",
    ["Cost for {firms} firms?", "Cost for {n:,} firms?", "TODO: write the prompt", "XXX firms?"],
)
def test_unfilled_fields_and_markers_are_caught(prompt):
    assert rules_of(replace(NUMBER, prompt=prompt)) == ["unfilled-field"]


def test_unfilled_fields_are_caught_in_feedback_texts_too():
    choice = replace(CHOICE, misconceptions={**CHOICE.misconceptions, "b": "FIXME"})
    findings = lint_questions([choice])
    assert [(f.rule, "misconceptions" in f.message) for f in findings] == [("unfilled-field", True)]
    assert rules_of(replace(CHOICE, prompt="Which of {A, B} is right?")) == []  # not a field
    latex = r"Is $x_{i} = \frac{a}{b}$ the share?"
    assert rules_of(replace(CHOICE, prompt=latex)) == []


def test_a_key_that_fails_its_own_check_is_caught():
    wrong_key = replace(TEXT, rubric=(*TEXT.rubric, RubricPoint("trust", ("trust",))))
    findings = lint_questions([wrong_key])
    assert [f.rule for f in findings] == ["key-fails"]
    assert "0.5 of 1 points" in findings[0].message


def test_a_question_that_cannot_be_built_is_caught():
    def broken(question_id: str):
        raise RuntimeError("the data set is missing")

    findings = lint_questions([DeferredQuestion("99.lint.broken", broken)])
    assert [f.rule for f in findings] == ["build-fails"]
    assert "RuntimeError: the data set is missing" in findings[0].message
    variant = VariantNumeric(id="99.lint.v", prompt="x", make=lambda rng: 1 / 0, **TAGS)
    assert rules_of(variant) == ["build-fails"]
    built = lint_questions([DeferredQuestion(NUMBER.id, lambda qid: NUMBER)])
    assert built == []


def test_duplicate_ids_are_caught_once():
    assert rules_of(CHOICE, replace(MULTI, id=CHOICE.id), NUMBER) == ["duplicate-id"]


def test_missing_and_malformed_concepts_are_caught():
    assert rules_of(replace(NUMBER, concepts=())) == ["no-concepts"]
    assert rules_of(replace(NUMBER, concepts=("Cost Pooling", "cost_pooling"))) == [
        "bad-concept",
        "bad-concept",
    ]


def test_an_acknowledged_cue_is_not_a_finding_but_is_reported_as_acknowledged():
    uneven = replace(CHOICE, options={**CHOICE.options, "c": "To hide"},
                     lint_ok={"uneven-options": "the short option is a common slogan"})  # fmt: skip
    report = lint_report([uneven])
    assert report.clean and [f.rule for f in report.acknowledged] == ["uneven-options"]


@pytest.mark.parametrize(
    ("lint_ok", "words"),
    [
        ({"longest-answer": "why"}, "which is no rule"),
        ({"uneven-options": " "}, "without a reason"),
        ({"bijection": "no longer true"}, "no longer fires"),
    ],
)
def test_an_acknowledgement_without_cause_or_reason_is_a_finding(lint_ok, words):
    findings = lint_questions([replace(CHOICE, lint_ok=lint_ok)])
    assert [f.rule for f in findings] == ["bad-ack"]
    assert words in findings[0].message


def test_every_rule_is_described_and_shown_by_a_test_above():
    """Each rule code appears in this file's assertions (a new rule needs its own test)."""
    source = open(__file__, encoding="utf-8").read()
    for code in RULES:
        assert f'"{code}"' in source, code


# --- the command ------------------------------------------------------------------------


BANK = """
from collabkit.assess.questions import MultipleChoice

QUESTIONS = (
    MultipleChoice(
        id="07.own.q1", prompt="Pick the right one.", concepts=("trust",),
        options={{"a": "A careful, complete and qualified answer",
                  "b": "A wrong answer written out", "c": "Another wrong answer here"}},
        correct="a",
        misconceptions={{"b": "Because.", "c": "Because too."}},
        lint_ok={lint_ok},
    ),
)
"""


def write_bank(tmp_path, lint_ok: str) -> str:
    path = tmp_path / "my_bank.py"
    path.write_text(textwrap.dedent(BANK.format(lint_ok=lint_ok)), encoding="utf-8")
    return str(path)


def test_the_command_exits_1_with_findings_and_names_them(tmp_path, capsys):
    assert main(["lint-questions", write_bank(tmp_path, "{}")]) == 1
    out = capsys.readouterr().out
    assert "07.own.q1  longest-correct  The right option (40 characters) is the longest" in out
    assert "1 finding in 1 questions (0 acknowledged)" in out


def test_the_command_exits_0_on_a_clean_or_acknowledged_bank(tmp_path, capsys):
    bank = write_bank(tmp_path, '{"longest-correct": "the answer must be qualified"}')
    assert main(["lint-questions", bank, "--acknowledged"]) == 0
    out = capsys.readouterr().out
    assert "0 findings in 1 questions (1 acknowledged)" in out
    assert "(acknowledged) 07.own.q1  longest-correct" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["lint-questions", "no_such_bank.py"],
        ["lint-questions", "no.such.module"],
        ["lint-questions", "--notebook", "77"],
        ["lint-questions", "--no-such-option"],
    ],
)
def test_the_command_exits_2_on_a_usage_error(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's own usage errors
        code = stop.code
    assert code == 2
    assert capsys.readouterr().err.strip()


def test_a_bank_without_questions_or_that_raises_is_a_usage_error(tmp_path, capsys):
    empty = tmp_path / "empty.py"
    empty.write_text("X = 1\n", encoding="utf-8")
    assert main(["lint-questions", str(empty)]) == 2
    assert "defines no QUESTIONS" in capsys.readouterr().err
    broken = tmp_path / "broken.py"
    broken.write_text("raise ValueError('oops')\n", encoding="utf-8")
    assert main(["lint-questions", str(broken)]) == 2
    assert "ValueError: oops" in capsys.readouterr().err


def test_the_command_lists_its_rules_and_has_help(capsys):
    assert main(["lint-questions", "--rules"]) == 0
    assert capsys.readouterr().out.count("\n") == len(RULES)
    with pytest.raises(SystemExit) as stop:
        main(["lint-questions", "--help"])
    assert stop.value.code == 0
    assert "lint_ok" in capsys.readouterr().out
