"""Seeded generators of the data sets shipped in ``datasets/``, and their loaders.

Every CSV file is written by a generator here; ``collabkit datasets --check`` (and a test)
regenerates each one and compares the bytes.
"""

from __future__ import annotations

from pathlib import Path


def datasets_dir() -> Path:
    """The repository's ``datasets/`` folder (next to the package in a source checkout)."""
    return Path(__file__).resolve().parents[2] / "datasets"


#: Modules with a ``csv_texts()`` generator, one per data set.
GENERATORS = (
    "collabkit.data.cluster",
    "collabkit.data.sellers",
    "collabkit.data.network_cases",
    "collabkit.data.firm_panel",
)
