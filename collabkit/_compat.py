"""Old import paths and names, kept for one release so notebooks already handed out keep
working.

Deprecated in collabkit 0.2.0, removed in 0.3.0 (see ``CHANGELOG.md``). An old module path
imports a stand-in that hands every attribute on to the new module; an old function name
hands on the new function. Both give a ``DeprecationWarning`` naming the new place. The
warning is attributed to this module, not to the importing cell: IPython shows deprecation
warnings raised in the learner's own cell, and a student whose notebook was handed out
before a move must not meet a warning box about it. pytest records every warning, and the
kit's test settings turn these into errors, so the kit's own code stays on the new names.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Callable, Mapping
from typing import Any

#: Old module path → new module path.
MOVED_MODULES: dict[str, str] = {
    "collabkit.atomic": "collabkit.core.atomic",
    "collabkit.blas": "collabkit.core.blas",
    "collabkit.models.validation": "collabkit.core.validation",
    "collabkit.assess.coerce": "collabkit.core.coerce",
    "collabkit.analysis.design": "collabkit.course.network_design_challenge",
    "collabkit.analysis.escape": "collabkit.course.platform_economy_escape",
    "collabkit.analysis.audit": "collabkit.course.over_collaboration_audit",
    "collabkit.figures.network": "collabkit.figures.network_design",
    "collabkit.figures.platform": "collabkit.figures.platform_economy",
    "collabkit.widgets.network": "collabkit.widgets.network_design",
    "collabkit.widgets.design": "collabkit.widgets.network_design_challenge",
    "collabkit.widgets.platform": "collabkit.widgets.platform_economy",
    "collabkit.widgets.audit": "collabkit.widgets.over_collaboration_audit",
}


def _warn(old: str, new: str) -> None:
    warnings.warn(
        f"{old} is now {new}; the old name will be removed in collabkit 0.3",
        DeprecationWarning,
        stacklevel=1,
    )


class _MovedModule(types.ModuleType):
    """Stands in for a module that moved: every attribute comes from the new module."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, f"Moved to {target}.")
        self._target = target

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self._target), name)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module(self._target))


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old module paths of :data:`MOVED_MODULES`."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _MovedModule(spec.name, MOVED_MODULES[spec.name])

    def exec_module(self, module: types.ModuleType) -> None:
        _warn(module.__name__, MOVED_MODULES[module.__name__])


def install() -> None:
    """Make the old module paths importable (once per interpreter)."""
    if not any(isinstance(finder, _MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModuleFinder())


def renamed(module: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that hands old names (``names``: old → new) on to the new
    names of the same module, with a warning.

    Examples
    --------
    >>> __getattr__ = renamed(__name__, {"structure_explorer": "network_structure"})
    """

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        _warn(f"{module}.{name}", f"{module}.{names[name]}")
        return getattr(sys.modules[module], names[name])

    return __getattr__
