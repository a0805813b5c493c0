"""Seeded generators of the data sets shipped in ``datasets/``, and their loaders.

Every CSV file is written by a generator here; ``collabkit datasets --check`` (and a test)
regenerates each one and compares the bytes.
"""

from __future__ import annotations

from pathlib import Path

from collabkit.core.shipped import course_folder


def datasets_dir() -> Path:
    """The folder the loaders read the data sets from.

    In a source checkout (editable installs included) it is the repository's ``datasets/``;
    installed from a wheel, the copy shipped in the package (``collabkit/_course/datasets``,
    see :mod:`collabkit.core.shipped`). A loader that finds no file there generates the data.
    """
    return course_folder("datasets")


#: Modules with a ``csv_texts()`` generator, one per data set.
GENERATORS = (
    "collabkit.data.cluster",
    "collabkit.data.sellers",
    "collabkit.data.network_cases",
    "collabkit.data.firm_panel",
    "collabkit.data.florentine_business",
)
