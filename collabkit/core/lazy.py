"""Public names that load on first use (PEP 562), for the modules every notebook imports.

``import collabkit`` and the chapter facades (``collabkit.chapters``) list their public
names but import the modules behind a name only when it is first used, so a notebook's
first cell stays fast and each cell pays only for what it shows.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_exports(
    module: str, sources: Mapping[str, Iterable[str]]
) -> tuple[list[str], Callable[[str], Any], Callable[[], list[str]]]:
    """The public names, ``__getattr__`` and ``__dir__`` of a module whose names come from
    other modules, imported on first use.

    Parameters
    ----------
    module
        Name of the module that offers the names (its ``__name__``).
    sources
        Module path → the names that module provides.

    Returns
    -------
    names : list of str
        Every name offered, sorted (for the module's ``__all__``).
    __getattr__ : callable
        Imports the module of a name on first use, keeps the value in ``module`` (later
        lookups are plain attribute reads) and returns it; ``AttributeError`` for any
        other name.
    __dir__ : callable
        The module's ``__all__``, sorted (what tab completion offers).

    Raises
    ------
    ValueError
        If two source modules provide the same name.

    Examples
    --------
    >>> names, __getattr__, __dir__ = lazy_exports(
    ...     __name__, {"collabkit.analysis.inverted_u": ("turning_point", "u_test")}
    ... )
    >>> __all__ = names
    """
    origin: dict[str, str] = {}
    for source, provided in sources.items():
        for name in provided:
            if name in origin:
                raise ValueError(f"{module}: {name!r} comes from {origin[name]} and {source}")
            origin[name] = source

    def __getattr__(name: str) -> Any:
        try:
            source = origin[name]
        except KeyError:
            raise AttributeError(f"module {module!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(source), name)
        setattr(sys.modules[module], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(sys.modules[module].__all__)

    return sorted(origin), __getattr__, __dir__
