"""Where the course's notebooks and data sets are: the source checkout, or the package.

The repository keeps one copy of the course, in ``notebooks/`` and ``datasets/`` beside the
package. A wheel carries the same files as package data, in ``collabkit/_course/notebooks``
and ``collabkit/_course/datasets``: ``[tool.setuptools.package-dir]`` in ``pyproject.toml``
maps the two folders there when the wheel is built. Imported from a source checkout
(``make lab``, an editable install, ``PYTHONPATH``), the kit reads the repository's folders;
installed from a wheel, the package's.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

#: The course's two folders, by their name in the repository.
KINDS = ("notebooks", "datasets")
#: The folder of the package that holds the course in a wheel.
PACKAGE_FOLDER = "_course"


def checkout_root() -> Path | None:
    """The root of the source checkout the package was imported from, else ``None``.

    A checkout is the folder above the package when it holds collabkit's
    ``pyproject.toml`` and both course folders; an installed wheel has none of them.
    """
    root = Path(__file__).resolve().parents[2]
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if project.get("project", {}).get("name") != "collabkit":
        return None
    return root if all((root / kind).is_dir() for kind in KINDS) else None


def course_folder(kind: str) -> Path:
    """The folder of the course's ``kind`` (``"notebooks"`` or ``"datasets"``).

    Parameters
    ----------
    kind
        One of :data:`KINDS`.

    Returns
    -------
    pathlib.Path
        ``<checkout>/<kind>`` in a source checkout, else ``collabkit/_course/<kind>`` of the
        installed package (read through :mod:`importlib.resources`). The folder may be
        missing, in a package built without the course.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    root = checkout_root()
    if root is not None:
        return root / kind
    shipped = files("collabkit") / PACKAGE_FOLDER / kind
    return shipped if isinstance(shipped, Path) else Path(str(shipped))


def course_files() -> dict[str, Path]:
    """Every file a learner's copy of the course gets: its name in the copy → its source.

    The notebooks, and any files beside them, keep their names (``00_start_here.ipynb``);
    the data sets and their dictionary go under ``datasets/``. Hidden files and folders
    (``.ipynb_checkpoints``, the ``.collabkit`` answer folders) and ``__pycache__`` are
    never part of the course. Empty when this installation has no course files.
    """
    found: dict[str, Path] = {}
    for kind in KINDS:
        folder = course_folder(kind)
        if not folder.is_dir():
            continue
        prefix = "" if kind == "notebooks" else f"{kind}/"
        for path in sorted(folder.rglob("*")):
            parts = path.relative_to(folder).parts
            if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in parts):
                found[prefix + "/".join(parts)] = path
    return found
