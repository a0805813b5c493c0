"""How many attempts a graded item of an assessed release allows.

Kept apart from :mod:`collabkit.assess.assessed` so that the command line can show these
numbers in its help without loading the question machinery (and numpy).
"""

from __future__ import annotations

#: Attempts a graded item allows in an assessed release unless the release sets another.
DEFAULT_ATTEMPTS = 3
#: The most attempts a release may allow.
MAX_ATTEMPTS = 20
