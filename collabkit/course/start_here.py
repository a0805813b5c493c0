"""Questions of notebook 00 "Start here": practice with the question widgets.

The slider question's key comes from the cost-pooling model the notebook shows; it is
computed when the question is first asked.
"""

from __future__ import annotations

from collabkit.assess.questions import (
    DeferredQuestion,
    MultipleChoice,
    MultiSelect,
    Numeric,
    NumericMisconception,
)
from collabkit.models.pooling import CostPooling

#: Why notebook 00's questions name no concept: they practise the notebook, not the course.
NOT_A_CONCEPT = "practice with the notebook and its widgets; the course's concepts start in 01"

#: The explorer of notebook 00 starts from the model's defaults; the slider question uses 4.
POOLING = CostPooling()

SECTIONS = {
    "00.basics": "Running a notebook",
    "00.practice": "Practising with questions",
}


def _slider(question_id: str) -> Numeric:
    at_four = POOLING.run().set_index("n_firms").loc[4]
    return Numeric(
        id=question_id,
        prompt="Move the 'Number of firms' slider in the explorer above to 4. "
        "What does the cost per firm become, in euros per year? Type the number only.",
        answer=float(at_four["cost_per_firm"]),
        unit="€ per year",
        rel_tol=0.005,
        misconceptions=(
            NumericMisconception(
                float(at_four["asset_share"]),
                "that is only the van's share; add the coordination cost.",
            ),
            NumericMisconception(
                POOLING.asset_cost, "that is the cost of a firm that runs the van alone."
            ),
        ),
        hint="Hover over the line at 4 firms: the label shows the cost per firm.",
        lint_ok={"no-concepts": NOT_A_CONCEPT},
        explanation="With 4 firms the van costs 36,000 / 4 = 9,000 € each, and each firm "
        "carries 1,500 × (4 − 1) / 2 = 2,250 € of coordination: 11,250 € per firm.",
    )


QUESTIONS = (
    MultipleChoice(
        id="00.basics.run",
        prompt="Which keys run the selected cell and move to the next one?",
        options={
            "a": "Ctrl + Enter",
            "b": "Shift + Enter",
            "c": "Alt + Enter",
            "d": "Shift + Tab",
        },
        correct="b",
        misconceptions={
            "a": "Ctrl + Enter runs the cell but stays on it, so you would run the same cell "
            "again with the next press.",
            "c": "Alt + Enter runs the cell and inserts a new empty cell below it, instead of "
            "moving on to the next cell of the notebook.",
            "d": "Shift + Tab shows help on the code the cursor is in; it runs nothing.",
        },
        praise="Shift + Enter runs the cell and moves on; you will use it all the time.",
        hint="Look at the table of keys just above this question.",
        explanation="Shift + Enter runs the cell and selects the next one. Ctrl + Enter runs "
        "it and stays on it, Alt + Enter runs it and adds a new cell, and Enter alone only "
        "starts a new line.",
        lint_ok={"no-concepts": NOT_A_CONCEPT},
    ),
    DeferredQuestion("00.practice.slider", _slider),
    MultiSelect(
        id="00.practice.help",
        prompt="Where can you get help when you are stuck? Tick every option that works.",
        options={
            "a": "Read the hint that appears after a wrong answer",
            "b": "Click 'Show worked solution' after two attempts",
            "c": "Restart the kernel and lose all your answers",
            "d": "Run collabkit.progress() to see which questions are left",
        },
        correct=frozenset({"a", "b", "d"}),
        misconceptions={
            "c": "restarting the kernel does not lose your answers: they are saved in a file "
            "and come back when you run the cells again. It is also not a way to get help.",
        },
        missed={
            "a": "Hints appear under the feedback after a wrong attempt.",
            "b": "The worked solution button opens after two attempts.",
            "d": "collabkit.progress() lists what you have answered so far.",
        },
        hint="Three of the four options help you.",
        lint_ok={"no-concepts": NOT_A_CONCEPT},
        explanation="Hints, worked solutions and the progress table all help. Restarting the "
        "kernel only clears the computer's memory; your saved answers stay.",
    ),
)
