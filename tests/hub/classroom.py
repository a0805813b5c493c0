"""A term on a real JupyterHub: release, pull, answer, fix, re-pull, collect, grade.

:func:`run_term` is what ``scripts/classroom_demo.py`` runs and what
``tests/hub/test_classroom.py`` checks: the instructor releases a notebook as an assessed
assignment into a local git repository; every student (a hub user) follows the nbgitpuller
link, runs the notebook in their own kernel through the hub's proxy and answers its
questions following a seeded plan (right, wrong or blank); the instructor pushes a fix and
one student follows the link again; the instructor collects the home folders and grades
them with the hub users as the roster. The result holds the plan's expected scores and the
gradebook's, to be compared exactly.
"""

from __future__ import annotations

import asyncio
import csv
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from collabkit.assess.questions import Classification, MultipleChoice, MultiSelect, Question
from tests.hub.hub import REPO, Hub
from tests.hub.student import Run, git_pull, pull_link, run_notebook

NOTEBOOK = "01_fundamentals.ipynb"
TARGET = "course"
BRANCH = "main"
FIX = "\n\n*Corrected by your instructor after release.*"


def collabkit(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run the ``collabkit`` command of this checkout; raise with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "collabkit", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    if result.returncode != 0:
        raise RuntimeError(f"collabkit {' '.join(map(str, args))}: {result.stderr}")
    return result


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` as the instructor (a fixed identity, no user configuration)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Instructor", "GIT_AUTHOR_EMAIL": "i@example.org",
           "GIT_COMMITTER_NAME": "Instructor", "GIT_COMMITTER_EMAIL": "i@example.org"}  # fmt: skip
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr}")
    return result.stdout


def release(workdir: Path) -> tuple[Path, Path]:
    """Make the course secret, release notebook 01 as an assessed assignment, and commit the
    release to a new git repository; returns the repository and the secret file."""
    secret = workdir / "course.key"
    collabkit("secret", secret, cwd=workdir)
    repo = workdir / "release"
    collabkit("release", REPO / "notebooks" / NOTEBOOK, repo, "--assessed", "--secret-file",
              secret, cwd=workdir)  # fmt: skip
    git("init", "--quiet", "--initial-branch", BRANCH, cwd=repo)
    git("add", ".", cwd=repo)
    git("commit", "--quiet", "-m", "Notebook 01 for this week", cwd=repo)
    return repo, secret


def push_fix(repo: Path) -> str:
    """The instructor corrects the notebook's first text cell and commits; returns the text
    the students should now see."""
    import nbformat

    path = repo / NOTEBOOK
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "markdown")
    cell.source += FIX
    nbformat.write(notebook, path)
    git("commit", "--quiet", "-am", "Fix the introduction", cwd=repo)
    return FIX.strip()


def course_questions(secret: Path) -> list[Question]:
    """The questions notebook 01 asks, keyed as the grader keys them (graded ones with the
    course secret)."""
    from collabkit.assess.assessed import read_secret
    from collabkit.course import all_questions, assessed_questions, graded_question_ids

    graded = {q.id: q for q in assessed_questions(read_secret(secret))}
    practice = [q for q in all_questions() if q.notebook == "01"]
    return [graded.get(q.id, q) if q.id in graded_question_ids() else q for q in practice]


def wrong_answer(question: Question) -> object | None:
    """An answer the question reads as an attempt and scores 0, or None if none is found."""
    key = question.key
    candidates: list[object] = []
    if isinstance(question, MultipleChoice):
        candidates = [option for option in question.options if option != key]
    elif isinstance(question, MultiSelect):
        candidates = [[option] for option in question.options if option not in key]
    elif isinstance(question, Classification):
        candidates = [
            {item: question.categories[(question.categories.index(c) + shift)
                                       % len(question.categories)] for item, c in key.items()}
            for shift in range(1, len(question.categories))
        ]  # fmt: skip
    elif isinstance(key, (int, float)):
        candidates = [key * 3 + 1, key + 1000, -abs(key) - 7]
    else:
        candidates = ["I do not know."]
    for candidate in candidates:
        feedback = question.check(candidate)
        if feedback.readable and feedback.score == 0:
            return candidate
    return None


@dataclass
class Plan:
    """Who answers what: ``answers[user][question_id]`` is the code the student types, and
    ``expected[user][question_id]`` the score the grader must give."""

    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    expected: dict[str, dict[str, float]] = field(default_factory=dict)


def make_plan(users: list[str], questions: list[Question], seed: int) -> Plan:
    """A seeded mix of right (half), wrong (a quarter) and blank (a quarter) answers."""
    rng = np.random.default_rng(seed)
    plan = Plan()
    for user in users:
        plan.answers[user], plan.expected[user] = {}, {}
        for shared in questions:
            question = shared.for_variant(shared.variant_of(user))
            choice = rng.choice(["right", "right", "wrong", "blank"])
            value = question.key if choice == "right" else wrong_answer(question)
            if choice == "blank" or value is None:
                plan.expected[user][question.id] = 0.0
                continue
            plan.answers[user][question.id] = f"collabkit.answer({question.id!r}, {value!r})"
            plan.expected[user][question.id] = float(question.points) if choice == "right" else 0
    return plan


def collect(hub: Hub, users: list[str], into: Path) -> Path:
    """Copy every student's home folder into ``into/<user>``, as an instructor collects
    from the hub's /home."""
    for user in users:
        shutil.copytree(hub.home(user), into / user, ignore=shutil.ignore_patterns(".git"))
    return into


def mark_by_hand(manual: Path, questions: list[Question]) -> Path:
    """The instructor's pass over ``manual.csv``: full points to an answer that says what the
    worked answer says, none (with a comment) to any other; returns the filled-in file."""
    keys = {q.id: q.key for q in questions}
    with manual.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        right = row["answer"] == keys[row["question_id"]]
        row["score"] = row["points_possible"] if right else "0"
        row["comment"] = "Clear and complete." if right else "Say what the shops should do."
    marked = manual.with_name("manual-marked.csv")
    with marked.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["student_id"])
        writer.writeheader()
        writer.writerows(rows)
    return marked


def grade(
    collected: Path, users: list[str], secret: Path, out: Path, questions: list[Question]
) -> dict[str, dict[str, float]]:
    """Grade the collected homes with the hub users as the roster, mark the instructor-graded
    answers by hand and grade again with them; returns the scores of ``scores_long.csv`` by
    student and question."""
    roster = out.parent / "roster.csv"
    with roster.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "name", "section"])
        writer.writerows([user, f"Student {user}", "A"] for user in users)
    options = ["--layout", "hub", "--roster", roster, "--secret-file", secret,
               "--notebook", "01", "--format", "long"]  # fmt: skip
    collabkit("grade", collected, "--out", out, *options, cwd=out.parent)
    marked = mark_by_hand(out / "manual.csv", questions)
    collabkit("grade", collected, "--out", out, *options, "--manual", marked, cwd=out.parent)
    scores: dict[str, dict[str, float]] = {user: {} for user in users}
    with (out / "scores_long.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            scores[row["student_id"]][row["question_id"]] = float(row["score"] or 0)
    return scores


@dataclass
class Term:
    """What happened in a term: the plan, the gradebook, the runs and the re-pull."""

    plan: Plan
    scores: dict[str, dict[str, float]]
    runs: list[Run]
    repull_kept_answers: bool
    repull_has_fix: bool
    link: str
    workdir: Path
    problems: str = ""
    notes: list[str] = field(default_factory=list)


async def _student(hub: Hub, client: Any, user: str, repo: Path, plan: Plan) -> Run:
    token = await hub.add_student(client, user)
    await git_pull(client, user, token, f"file://{repo}", BRANCH, TARGET)
    run, _ = await run_notebook(client, user, token, f"{TARGET}/{NOTEBOOK}", plan.answers[user])
    return run


def _recorded_answers(path: Path) -> int:
    text = path.read_text()
    return text.count("collabkit.answer(")


def browser_plan(user: str, questions: list[Question]) -> tuple[dict[str, str], dict[str, float]]:
    """What the Chromium student types: the key of the first graded number question, into
    its text box; every other question stays blank. Returns the typing and the scores."""
    from collabkit.assess.questions import Numeric
    from collabkit.course import graded_question_ids

    graded = graded_question_ids()
    question = next(q for q in questions if q.id in graded and isinstance(q, Numeric))
    expected = {q.id: 0.0 for q in questions}
    expected[question.id] = float(question.points)
    return {question.id: f"{question.key:g}"}, expected


async def run_term(
    hub: Hub, users: list[str], workdir: Path, seed: int = 2026, browser_user: str | None = None
) -> Term:
    """Run a whole term on ``hub`` with ``users`` as the class (see the module's docstring);
    ``browser_user``, if given, also takes the term in Chromium."""
    repo, secret = release(workdir)
    questions = course_questions(secret)
    plan = make_plan(users, questions, seed)
    link = pull_link(f"file://{repo}", BRANCH, TARGET, NOTEBOOK)
    notes = []
    if browser_user is not None:
        from tests.hub.browser_student import browser_student

        typed, plan.expected[browser_user] = browser_plan(browser_user, questions)
        shot = workdir / "browser-student.png"
        feedback = await asyncio.to_thread(
            browser_student, hub.url, browser_user, link, typed, shot
        )
        notes.append(f"{browser_user} saw: {feedback}")
    async with hub.client() as client:
        runs = await asyncio.gather(*(_student(hub, client, u, repo, plan) for u in users))
        fix = push_fix(repo)
        first = users[0]
        mine = hub.home(first) / TARGET / NOTEBOOK
        before = _recorded_answers(mine)
        await git_pull(client, first, hub.user_tokens[first], f"file://{repo}", BRANCH, TARGET)
        after = mine.read_text()
    everyone = [*users, *([browser_user] if browser_user else [])]
    collected = collect(hub, everyone, workdir / "collected")
    scores = grade(collected, everyone, secret, workdir / "grades", questions)
    problems = (workdir / "grades" / "problems.csv").read_text()
    return Term(
        plan=plan,
        scores=scores,
        runs=list(runs),
        repull_kept_answers=_recorded_answers(mine) == before,
        repull_has_fix=fix in after,
        link=link,
        workdir=workdir,
        problems=problems,
        notes=notes,
    )
