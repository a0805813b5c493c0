"""The ``collabkit`` command: course utilities for instructors and maintainers."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from collabkit._version import __version__
from collabkit.assess.attempts import DEFAULT_ATTEMPTS, MAX_ATTEMPTS
from collabkit.assess.gradebook import FORMATS
from collabkit.assess.identity import LAYOUTS

if TYPE_CHECKING:  # the grading machinery loads only when a command needs it
    from collabkit.assess.grading import GradeRun


class _UsageError(Exception):
    """A one-line error for the user; the command exits with status 2."""


def _cmd_questions(args: argparse.Namespace) -> int:
    from collabkit.course import all_questions

    selected = [q for q in all_questions() if q.id.startswith(args.prefix)]
    if not selected:
        raise _UsageError(f"no question id starts with {args.prefix!r}")
    for q in selected:
        print(f"{q.id}\t{q.kind}\t{q.points:g}")
    return 0


def _cmd_lint_questions(args: argparse.Namespace) -> int:
    from collabkit.assess.lint import RULES, lint_report

    if args.rules:
        for code, text in RULES.items():
            print(f"{code}\t{text}")
        return 0
    banks = [_question_bank(path) for path in args.banks] or _course_banks(args.notebook)
    total = acknowledged = questions = 0
    for name, bank in banks:
        report = lint_report(bank)
        total += len(report.findings)
        acknowledged += len(report.acknowledged)
        questions += report.questions
        count = f"{len(report.findings)} finding{'' if len(report.findings) == 1 else 's'}"
        print(f"{name} ({report.questions} questions): {count}")
        for finding in report.findings:
            print(f"  {finding}")
        if args.acknowledged:
            for finding in report.acknowledged:
                print(f"  (acknowledged) {finding}")
    summary = f"{total} finding{'' if total == 1 else 's'} in {questions} questions"
    print(f"collabkit lint-questions: {summary} ({acknowledged} acknowledged).")
    if total:
        print("What each rule means: collabkit lint-questions --rules; how to fix or "
              "acknowledge a finding: docs/authoring.md.")  # fmt: skip
    return 1 if total else 0


def _course_banks(notebook: str | None) -> list[tuple[str, list]]:
    """The course's banks (one notebook's with ``notebook``), as (title, questions)."""
    from collabkit.course import NOTEBOOKS

    chosen = [n for n in NOTEBOOKS if notebook in (None, n.number)]
    if not chosen:
        numbers = ", ".join(n.number for n in NOTEBOOKS)
        raise _UsageError(f"there is no notebook {notebook!r}; the notebooks are {numbers}")
    return [
        (f"Notebook {n.number} {n.title}", list(importlib.import_module(n.bank).QUESTIONS))
        for n in chosen
    ]


def _question_bank(source: str) -> tuple[str, list]:
    """An instructor's bank: a Python file, or a module name, that defines ``QUESTIONS``."""
    import importlib.util

    path = Path(source)
    try:
        if path.suffix == ".py":
            if not path.is_file():
                raise _UsageError(f"{source}: no such file")
            spec = importlib.util.spec_from_file_location(f"_collabkit_bank_{path.stem}", path)
            if spec is None or spec.loader is None:
                raise _UsageError(f"{source}: cannot be loaded as a Python module")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(source)
    except _UsageError:
        raise
    except Exception as exc:  # an instructor's bank that does not import
        raise _UsageError(f"{source} cannot be imported: {type(exc).__name__}: {exc}") from exc
    questions = getattr(module, "QUESTIONS", None)
    if not isinstance(questions, (list, tuple)):
        raise _UsageError(f"{source} defines no QUESTIONS (a tuple of questions)")
    return source, list(questions)


def _cmd_coverage(args: argparse.Namespace) -> int:
    from collabkit.core.atomic import write_text_atomic
    from collabkit.core.shipped import course_folder
    from collabkit.course.coverage import course_tags, coverage_markdown, coverage_table, shortfalls

    notebooks = sorted(course_folder("notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise _UsageError("this installation has no course notebooks to read tags from")
    tags = course_tags(notebooks)
    table = coverage_table(tags)
    page = coverage_markdown(table)
    problems = shortfalls(table, tags)
    if args.output and args.check:
        output = Path(args.output)
        if not output.is_file() or output.read_text(encoding="utf-8") != page:
            problems.append(f"{output} is out of date: run collabkit coverage --output {output}")
    elif args.output:
        write_text_atomic(Path(args.output), page)
        print(f"wrote {args.output}")
    else:
        print(page, end="")
    for problem in problems:
        print(f"coverage: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _cmd_datasets(args: argparse.Namespace) -> int:
    from collabkit.core.atomic import write_text_atomic
    from collabkit.core.shipped import checkout_root
    from collabkit.data import GENERATORS, datasets_dir

    if args.out:
        folder = Path(args.out)
    elif args.check or checkout_root() is not None:
        folder = datasets_dir()
    else:
        raise _UsageError(
            "this collabkit is installed, not a source checkout, and the command does not "
            "write into the installed package: pass --out DIR to write the data sets to DIR"
        )
    stale = []
    for module in map(importlib.import_module, GENERATORS):
        for name, text in module.csv_texts().items():
            path = folder / name
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(name)
            else:
                write_text_atomic(path, text)
                print(f"wrote {path}")
    if stale:
        print(f"collabkit: out of date with their generators: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    import shlex

    from collabkit.core.course_copy import CourseCopyError, Outcome, copy_course
    from collabkit.core.shipped import course_files

    files = course_files()
    if not files:
        print(
            "collabkit: this installation holds no course files (a package built without "
            "notebooks/ and datasets/); install collabkit from a wheel or a source checkout",
            file=sys.stderr,
        )
        return 1
    dest = Path(args.dest)
    try:
        report = copy_course(files, dest, update=args.update, kit_version=__version__)
    except CourseCopyError as err:
        raise _UsageError(str(err)) from err
    except OSError as err:
        print(f"collabkit: the copy stopped: {err}", file=sys.stderr)
        return 1
    if report.manifest_problem:
        print(
            f"note: {report.manifest_problem}; every file that differs from the course was "
            "kept, and the record of the copy was written anew"
        )
    for name, outcome in report.outcomes.items():
        if outcome is not Outcome.UNCHANGED:
            print(f"{name}: {outcome.value}")
    print(f"{dest}: {report.summary()}")
    if report.kept:
        print(
            f"{len(report.kept)} file(s) kept as they were; to get the course's version of "
            "one, rename or delete your file and run the command again"
        )
    print(f"open the course with: jupyter lab {shlex.quote(str(dest))}")
    return 0


def _notebook_files(target: Path) -> list[Path]:
    """``target`` itself, or every notebook below it; a one-line error if there is none."""
    if not target.exists():
        raise _UsageError(f"{target} does not exist")
    if target.is_file():
        return [target]
    files = sorted(p for p in target.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not files:
        raise _UsageError(f"no .ipynb files in {target}")
    return files


def _cmd_grade(args: argparse.Namespace) -> int:
    from collabkit.assess.assessed import SecretError
    from collabkit.assess.gradebook import write_outputs
    from collabkit.assess.grading import grade
    from collabkit.assess.lms import canvas_columns
    from collabkit.course import (
        NOTEBOOK_TITLES,
        all_questions,
        assessed_questions,
        graded_question_ids,
        section_titles,
    )

    files = _notebook_files(Path(args.submissions))
    unknown = sorted(set(args.notebook or ()) - set(NOTEBOOK_TITLES))
    if unknown:  # a filter that matches nothing: nothing to grade, as for an empty batch
        print(
            f"collabkit: no notebook {', '.join(unknown)} in this course, so nothing was "
            f"graded; --notebook takes one of {', '.join(sorted(NOTEBOOK_TITLES))}",
            file=sys.stderr,
        )
        return 1
    roster = _grading_identity(args)
    secret = _secret(args.secret_file)
    if args.execute and not _sandbox_works():
        return 3
    try:
        from tqdm import tqdm

        def progress(items):
            return tqdm(items, total=len(files), unit="notebook", disable=len(files) < 20)
    except ImportError:  # pragma: no cover - tqdm is a dependency
        progress = iter
    try:
        run = grade(
            files, notebooks=args.notebook, workers=args.workers, scheduler=args.scheduler,
            max_bytes=int(args.max_size * 1e6), execute=args.execute,
            secret=secret, progress=progress, layout=args.layout,
            roster=roster, root=Path(args.submissions),
        )  # fmt: skip
    except (RuntimeError, SecretError) as err:
        raise _UsageError(str(err)) from err
    try:
        canvas_columns(run.notebooks, args.canvas_assignment)
    except ValueError as err:
        raise _UsageError(f"{err}. Nothing was written.") from err
    run = _with_instructor_scores(run, args.manual, args.overrides)
    maxima: dict[str, float] = {}
    for question in all_questions():
        maxima[question.notebook] = maxima.get(question.notebook, 0.0) + question.points
    shown = {q.id: q for q in all_questions()}
    if secret is not None:  # graded tasks as this course's release showed them
        shown |= {q.id: q for q in assessed_questions(secret)}
    write_outputs(
        run, Path(args.out), args.format, NOTEBOOK_TITLES, maxima, section_titles(), roster,
        args.canvas_assignment, shown,
    )  # fmt: skip
    print(
        f"graded {len(run.graded)} student(s) from {len(files)} file(s); "
        f"{len(run.problems)} problem(s) listed in {Path(args.out) / 'problems.csv'}"
    )
    _print_awaiting(run, Path(args.out))
    if not run.graded:
        print(
            f"collabkit: nobody was graded: none of the {len(files)} file(s) held answers "
            f"that could be graded; see {Path(args.out) / 'problems.csv'} for why",
            file=sys.stderr,
        )
        return 1
    tasks = sorted({qid[:2] for qid in graded_question_ids()} & set(run.notebooks))
    if args.secret_file is None and tasks:
        print(
            f"note: the graded tasks of notebook {', '.join(tasks)} were scored with the open "
            "practice keys; for an assessed release, grade with --secret-file"
        )
    return 0


def _sandbox_works() -> bool:
    """Whether code answers can run in the sandbox here; if not, say why on stderr."""
    from collabkit.assess.isolation import find_isolation

    isolation = find_isolation()
    if not isolation.available:
        print(
            f"collabkit: --execute runs code answers only in a sandbox, and "
            f"{isolation.description}. Nothing was graded.",
            file=sys.stderr,
        )
    return isolation.available


def _cmd_doctor(args: argparse.Namespace) -> int:
    import platform

    print(f"collabkit {__version__}, Python {platform.python_version()} on {sys.platform} "
          f"({platform.machine()})")  # fmt: skip
    from collabkit.assess.isolation import find_isolation

    isolation = find_isolation()
    state = "in force" if isolation.available else "NOT AVAILABLE"
    print(f"code answers: sandbox {state}: {isolation.description}")
    return 0 if isolation.available else 1


def _grading_identity(args: argparse.Namespace):
    """The roster of ``collabkit grade`` (None without ``--roster``), after checking that
    ``--layout``, ``--roster`` and ``--canvas-assignment`` fit together."""
    from collabkit.assess.identity import RosterError, check_layout, read_roster
    from collabkit.assess.lms import check_canvas_assignment

    if args.canvas_assignment is not None:
        if args.format != "canvas":
            raise _UsageError("--canvas-assignment is for --format canvas")
        problem = check_canvas_assignment(args.canvas_assignment)
        if problem:
            raise _UsageError(problem)
    if args.layout != "records" and not Path(args.submissions).is_dir():
        raise _UsageError(f"--layout {args.layout} needs the collection folder, not one file")
    try:
        roster = read_roster(Path(args.roster)) if args.roster else None
    except RosterError as err:
        raise _UsageError(str(err)) from err
    problem = check_layout(args.layout, roster)
    if problem:
        raise _UsageError(problem)
    return roster


def _with_instructor_scores(run: GradeRun, manual: str | None, overrides: str | None) -> GradeRun:
    """``run`` with the scores of ``--manual`` and ``--overrides`` merged (both checked in
    full first; any problem is a usage error and nothing is written)."""
    from collabkit.assess.manual import ManualError, merge, read_manual, read_overrides

    try:
        marks = read_manual(Path(manual), run) if manual else {}
        changes = read_overrides(Path(overrides), run) if overrides else {}
    except ManualError as err:
        raise _UsageError(str(err)) from err
    return merge(run, marks, changes) if marks or changes else run


def _print_awaiting(run: GradeRun, out: Path) -> None:
    """Say how many instructor-graded answers still await the instructor's score."""
    from collabkit.assess.manual import awaiting_count

    waiting = awaiting_count(run)
    if waiting:
        print(
            f"{waiting} instructor-graded answer(s) await your grading (counted as 0 until "
            f"then): fill in score (and comment) in {out / 'manual.csv'}, then grade again "
            f"with --manual {out / 'manual.csv'}"
        )


def _secret(path: str | None) -> bytes | None:
    """The course secret in ``path`` (None without a path); a one-line error if unusable."""
    from collabkit.assess.assessed import SecretError, read_secret

    if path is None:
        return None
    try:
        return read_secret(path)
    except SecretError as err:
        raise _UsageError(str(err)) from err


def _cmd_secret(args: argparse.Namespace) -> int:
    from collabkit.assess.assessed import SecretError, new_secret, read_secret, release_id

    try:
        path = new_secret(args.file)
    except SecretError as err:
        raise _UsageError(str(err)) from err
    print(
        f"wrote a new course secret to {path} (release id {release_id(read_secret(path))}).\n"
        "Keep it private and back it up: never commit it or share it with students; without "
        "it the graded tasks of releases made with it cannot be graded."
    )
    return 0


def _release_token(notebook: str, secret: bytes, attempts: int) -> tuple[str | None, list]:
    """The signed release token of ``notebook`` and its keyed graded questions."""
    from collabkit.assess.assessed import Release, release_id
    from collabkit.course import graded_task

    task = graded_task(notebook)
    if task is None:
        return None, []
    parameters = task.course_parameters(secret)
    release = Release(notebook, release_id(secret), attempts, parameters)
    keyed = [task.question(parameters, qid) for qid in task.question_ids]
    return release.token(secret), keyed


def _cmd_release(args: argparse.Namespace) -> int:
    import json

    from collabkit.assess.release import leaks, publish, release_notebook
    from collabkit.course import all_questions

    source, out = Path(args.source), Path(args.out)
    files = _notebook_files(source)
    if args.assessed and args.secret_file is None:
        raise _UsageError("--assessed needs --secret-file (make one with `collabkit secret`)")
    if args.secret_file is not None and not args.assessed:
        raise _UsageError(
            "--secret-file is for assessed releases: add --assessed (or leave out the secret "
            "for a practice release)"
        )
    if not 1 <= args.attempts <= MAX_ATTEMPTS:
        raise _UsageError(f"--attempts must be from 1 to {MAX_ATTEMPTS}; got {args.attempts}")
    root = source if source.is_dir() else source.parent
    if out.resolve() == root.resolve() or (
        source.is_dir() and out.resolve().is_relative_to(source.resolve())
    ):
        raise _UsageError(
            f"OUT ({out}) must not be the source folder or inside it: a release would "
            f"overwrite or mix with the notebooks in {root}; choose a folder outside it"
        )
    secret = _secret(args.secret_file) if args.assessed else None
    practice = all_questions()
    releases, found = {}, []
    for path in files:
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise _UsageError(f"cannot read {path}: {err}") from err
        token, keyed = (
            _release_token(path.name[:2], secret, args.attempts) if secret else (None, [])
        )
        try:
            released = release_notebook(notebook, assignment=path.name[:2], token=token)
        except ValueError as err:
            raise _UsageError(f"{path}: {err}") from err
        found += [f"{path}: {leak}" for leak in leaks(released, practice, keyed)]
        releases[path.relative_to(root)] = released
    if found:
        print(
            "collabkit: nothing was released: these notebooks give answers away:",
            *found,
            sep="\n  ",
            file=sys.stderr,
        )
        return 1
    texts = {
        name: json.dumps(nb, indent=1, ensure_ascii=False) + "\n" for name, nb in releases.items()
    }
    for target in publish(texts, out):
        print(f"released {target}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    import pandas as pd

    from collabkit.assess.report import item_analysis
    from collabkit.assess.spreadsheet import neutralise
    from collabkit.core.atomic import write_text_atomic
    from collabkit.figures.report import report_html

    results = Path(args.results)
    scores_file = results / "scores_long.csv" if results.is_dir() else results
    if not scores_file.is_file():
        raise _UsageError(f"{scores_file} not found; run collabkit grade first")
    scores = pd.read_csv(scores_file, dtype={"notebook": str})
    if scores.empty:
        raise _UsageError(f"{scores_file} holds no graded answers")
    items = item_analysis(scores)
    out = Path(args.out) if args.out else scores_file.parent
    write_text_atomic(
        out / "item_analysis.csv", items.map(neutralise).to_csv(index=False, lineterminator="\n")
    )
    write_text_atomic(out / "report.html", report_html(items))
    print(f"wrote {out / 'item_analysis.csv'} and {out / 'report.html'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="collabkit",
        description="collabkit: a Jupyter course on collaborative networks of small and "
        "medium-sized businesses. Open the course with `make lab` in a source checkout; "
        "installed from a wheel, copy it with `collabkit notebooks my-course` and open it "
        "with `jupyter lab my-course`.",
    )
    parser.add_argument("--version", action="version", version=f"collabkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    questions = sub.add_parser(
        "questions",
        help="list the course's questions (id, type, points)",
        description="List every question of the course as tab-separated id, type and points.",
    )
    questions.add_argument(
        "prefix", nargs="?", default="", help="only ids that start with this, e.g. 01.pooling"
    )
    questions.set_defaults(handler=_cmd_questions)
    lint = sub.add_parser(
        "lint-questions",
        help="find answer-by-form cues and feedback gaps in question banks",
        description="Check question banks for cues that let a student answer by form (the "
        "right option is the longest, options of very different lengths, a classification "
        "with one item per category), for wrong answers without feedback naming the "
        "mistake, and for slips (template fields or TODO left in a text, keys that fail "
        "their own check, duplicate ids, missing concept tags). Prints one line per "
        "finding: question id, rule, what to do. Without BANK, checks the course's banks. "
        "Exit 0 when clean, 1 with findings, 2 on a usage error. A cue that cannot be "
        "avoided is acknowledged on the question: lint_ok={'rule': 'reason'} "
        "(docs/authoring.md).",
    )
    lint.add_argument(
        "banks", nargs="*", metavar="BANK",
        help="a question bank: a Python file (my_questions.py) or a module name that "
        "defines QUESTIONS",
    )  # fmt: skip
    lint.add_argument("--notebook", metavar="NN", help="only the course's notebook NN")
    lint.add_argument("--rules", action="store_true", help="list the rules and exit")
    lint.add_argument("--acknowledged", action="store_true",
                      help="also list the findings acknowledged with lint_ok")  # fmt: skip
    lint.set_defaults(handler=_cmd_lint_questions)
    coverage = sub.add_parser(
        "coverage",
        help="which concepts the course teaches, explores, exercises and grades",
        description="Build the concept coverage table from the notebooks' cell tags "
        "(teaches:ID, explores:ID) and the questions' concepts. Prints it as Markdown, or "
        "writes it to --output; exits 1 when the course misses a target (every concept "
        "taught, at least 80 %% exercised, every course-map concept exercised), when a tag "
        "names no concept, or with --check when --output is out of date.",
    )
    coverage.add_argument("--output", metavar="FILE", help="write the table here "
                          "(e.g. docs/coverage.md)")  # fmt: skip
    coverage.add_argument("--check", action="store_true", help="with --output: only check "
                          "that FILE is up to date")  # fmt: skip
    coverage.set_defaults(handler=_cmd_coverage)
    datasets = sub.add_parser(
        "datasets",
        help="regenerate the CSV data sets from their seeded generators",
        description="Write every data set in datasets/ from its seeded generator, or with "
        "--check only verify that the files match (exit 1 if not). Installed from a wheel, "
        "it writes only to --out DIR, and --check verifies the data sets the package "
        "ships.",
    )
    datasets.add_argument("--check", action="store_true", help="verify, do not write")
    datasets.add_argument(
        "--out", metavar="DIR",
        help="folder to write to (default: datasets/ of the source checkout; required "
        "when collabkit is installed from a wheel, exit 2 without it)",
    )  # fmt: skip
    datasets.set_defaults(handler=_cmd_datasets)
    notebooks = sub.add_parser(
        "notebooks",
        help="copy the course (notebooks and data sets) into a folder of your own",
        description="Copy the course's notebooks, and its data sets under datasets/, into "
        "DEST (created if missing), then open it with `jupyter lab DEST`. A file you "
        "already have is never overwritten: each one that differs from the course is kept "
        "and listed. With --update, the copy merges like nbgitpuller: new files are added, "
        "files you have not changed since the last copy get the course's new version, and "
        "files you changed are kept. The record of what was copied is "
        "DEST/.collabkit-course.json. Exits 0 when done, 1 if a file could not be written, "
        "2 on a usage error (DEST is a file or the course's own folder).",
    )
    notebooks.add_argument("dest", metavar="DEST", help="your folder for the course, e.g. "
                           "my-course")  # fmt: skip
    notebooks.add_argument(
        "--update", action="store_true",
        help="also update the files you have not changed since the last copy",
    )  # fmt: skip
    notebooks.set_defaults(handler=_cmd_notebooks)
    grade = sub.add_parser(
        "grade",
        help="grade submitted notebooks from their answer records",
        description="Grade submitted notebooks without running them (code answers run only "
        "with --execute, in a sandbox): read the answer records "
        "in every .ipynb, re-score them with the answer key (scores written in the files are "
        "ignored), and write gradebook.csv, scores_long.csv, problems.csv, manual.csv (the "
        "instructor-graded answers, to score and merge with --manual) and one feedback "
        "page per student in feedback/. Files that cannot be graded fully are listed in "
        "problems.csv; the batch always goes on. Exits 1 if nobody could be graded, 2 on "
        "a usage error (such as a --notebook the course does not have), 3 if --execute is "
        "asked for where code answers cannot be sandboxed.",
    )
    grade.add_argument("submissions", help="a folder of submitted .ipynb files (searched "
                       "recursively) or one file")  # fmt: skip
    grade.add_argument("--out", required=True, metavar="DIR", help="folder for the results")
    layouts = [f"{name} ({purpose})" for name, purpose in FORMATS.items()]
    grade.add_argument(
        "--format", choices=tuple(FORMATS), default="canvas",
        help=f"gradebook.csv layout: {', '.join(layouts[:-1])} or {layouts[-1]}; "
        "default %(default)s",
    )  # fmt: skip
    grade.add_argument(
        "--notebook", action="append", metavar="NN",
        help="grade only this notebook, e.g. 01 (repeatable); files answering none of them "
        "are reported as from another assignment",
    )  # fmt: skip
    grade.add_argument("--workers", type=int, default=1, metavar="N",
                       help="local processes to grade with (default 1)")  # fmt: skip
    grade.add_argument("--scheduler", metavar="ADDRESS",
                       help="grade on a Dask distributed cluster at this address "
                       "(needs dask[distributed])")  # fmt: skip
    grade.add_argument("--max-size", type=float, default=50, metavar="MB",
                       help="skip (and report) files larger than this; default 50")  # fmt: skip
    grade.add_argument(
        "--execute", action="store_true",
        help="run code answers (questions whose answer is Python code), each in a new "
        "bubblewrap sandbox with the question's time and memory limits (Linux; see "
        "`collabkit doctor`; exit 3 where there is none); without it they score 0 and are "
        "listed in problems.csv",
    )  # fmt: skip
    grade.add_argument(
        "--manual", metavar="CSV",
        help="merge the instructor's scores and comments of instructor-graded items: the "
        "manual.csv an earlier run wrote, with score (0 to points_possible; empty: still "
        "awaiting) and comment filled in. Every row is checked first; any problem stops the "
        "run (exit 2) and nothing is written",
    )  # fmt: skip
    grade.add_argument(
        "--overrides", metavar="CSV",
        help="set the score of any item (e.g. after a regrade request): columns student_id, "
        "question_id, score, reason; the reason is shown on the student's feedback page and "
        "every override is listed in problems.csv. Checked like --manual",
    )  # fmt: skip
    grade.add_argument(
        "--secret-file", metavar="FILE",
        help="the course secret an assessed release was made with: graded tasks are keyed "
        "with it (required for assessed notebooks; a wrong secret stops the run)",
    )  # fmt: skip
    grade.add_argument(
        "--roster", metavar="CSV",
        help="the course's students: columns student_id, name, section and optionally "
        "canvas_id, sis_login_id, moodle_username; files of anyone else are listed in "
        "problems.csv and get no gradebook row",
    )  # fmt: skip
    kinds = [f"{name} ({purpose})" for name, purpose in LAYOUTS.items()]
    grade.add_argument(
        "--layout", choices=tuple(LAYOUTS), default="records",
        help=f"how a file's place names its student: {'; '.join(kinds)}. With hub or "
        "canvas, records naming anyone else are ignored and listed. Default %(default)s",
    )  # fmt: skip
    grade.add_argument(
        "--canvas-assignment", metavar="'TITLE (ID)'",
        help="with --format canvas and one notebook: the column title of the existing Canvas "
        "assignment to write the grades into (as in a Canvas gradebook export), instead of "
        "a new assignment",
    )  # fmt: skip
    grade.set_defaults(handler=_cmd_grade)
    secret = sub.add_parser(
        "secret",
        help="make a new course secret for assessed releases",
        description="Write a new random course secret to FILE (readable by you only). "
        "Assessed releases draw the numbers of their graded tasks from it, and grading "
        "needs it to compute the keys. Make it once per course, keep a backup, never "
        "commit it. Refuses to overwrite an existing file.",
    )
    secret.add_argument("file", help="where to write the secret, e.g. course.key")
    secret.set_defaults(handler=_cmd_secret)
    release = sub.add_parser(
        "release",
        help="make the student versions of notebooks and check they leak no answers",
        description="Copy notebooks from SOURCE to OUT with outputs cleared, cells tagged "
        "'solution' removed, and the assignment and kit version stamped in the metadata. "
        "With --assessed, graded tasks use numbers drawn from the course secret, record "
        "answers without marking them, allow --attempts attempts and show no solutions. "
        "If any notebook still gives an answer away (a cell tagged solution in any case, "
        "an nbgrader solution marker, or answer key text or a graded key in any cell's "
        "source, output, metadata or attachment), nothing is written and the command "
        "exits 1 naming each notebook, cell and reason. OUT must not be SOURCE or inside "
        "it (exit 2).",
    )
    release.add_argument("source", help="a notebook or a folder of notebooks")
    release.add_argument("out", help="folder for the student versions (not the source "
                         "folder or a folder inside it)")  # fmt: skip
    release.add_argument("--assessed", action="store_true",
                         help="release for grades (needs --secret-file)")  # fmt: skip
    release.add_argument("--secret-file", metavar="FILE",
                         help="the course secret, made once with `collabkit secret`")  # fmt: skip
    release.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS, metavar="N",
                         help="attempts per graded question in an assessed release; the "
                         "last one counts (default %(default)s)")  # fmt: skip
    release.set_defaults(handler=_cmd_release)
    doctor = sub.add_parser(
        "doctor",
        help="say whether this machine can grade code answers safely",
        description="Print the kit's and Python's versions and the isolation code answers run "
        "under here: a bubblewrap sandbox (Linux with the bubblewrap package), or none, "
        "and then what to install. Exits 1 if there is no sandbox (grade --execute would "
        "refuse to run).",
    )
    doctor.set_defaults(handler=_cmd_doctor)
    report = sub.add_parser(
        "report",
        help="item analysis of a graded class (difficulty, discrimination, wrong answers)",
        description="Read scores_long.csv written by 'collabkit grade' and write "
        "item_analysis.csv and report.html: per question the difficulty (mean share of "
        "points), the discrimination (item-rest correlation), the attempts before the first "
        "correct answer, and the most common wrong answers with their feedback.",
    )
    report.add_argument("results", help="the output folder of collabkit grade, or its "
                        "scores_long.csv")  # fmt: skip
    report.add_argument("--out", metavar="DIR", help="folder for the report (default: "
                        "next to scores_long.csv)")  # fmt: skip
    report.set_defaults(handler=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.handler(args)
    except _UsageError as err:
        print(f"collabkit: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
