"""``python -m collabkit``: the ``collabkit`` command, for when the script is not on PATH."""

from collabkit.cli import main

raise SystemExit(main())
