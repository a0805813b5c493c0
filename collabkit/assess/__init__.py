"""Assessment core: questions, feedback, answer records, sessions and progress.

One scoring path: a question's ``check(answer)`` gives the student's instant feedback,
the instructor's grade and the tests' verdict, and never raises. Answers are records that
grading scores again: the session writes each submitted answer to an atomic sidecar file
and the widgets also put it into the notebook's own output. ``docs/architecture.md``
("Principles", "Answer records") explains both rules.

This package knows nothing of any course topic; the question banks live in
``collabkit.course``.
"""
