"""Assessment core: questions, feedback, answer records, sessions and progress.

One scoring path (principle 4 of ``docs/architecture.md``): a question's
``check(answer)`` gives the student's instant feedback, the instructor's grade and the
tests' verdict, and never raises. Answers are records that grading scores again (principle
5, and the section "Answer records"): the session writes each submitted answer to an atomic
sidecar file and the widgets also put it into the notebook's own output.

This package knows nothing of any course topic; the question banks live in
``collabkit.course``.
"""
