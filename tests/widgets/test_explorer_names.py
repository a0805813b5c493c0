"""Explorers follow one naming rule (``collabkit/widgets/__init__.py``), and the names they
had before it still work for one release, with a deprecation warning."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import typing

import plotly.graph_objects as go
import pytest

import collabkit.widgets
from collabkit.widgets.explorer import Explorer

#: (module, old name) → new name, for every explorer renamed in collabkit 0.2.
RENAMED = {
    ("collabkit.widgets.network_design", "structure_explorer"): "network_structure",
    ("collabkit.widgets.network_design", "mill_street_view"): "mill_street",
    ("collabkit.widgets.network_design", "cluster_view"): "valley_cluster",
    ("collabkit.widgets.platform_economy", "platform_explorer"): "platform_trajectory",
    ("collabkit.widgets.over_collaboration", "net_benefit_explorer"): "net_benefit",
    ("collabkit.widgets.over_collaboration", "partnering_explorer"): "partnering_simulation",
    ("collabkit.widgets.over_collaboration", "ego_network_explorer"): "ego_network",
    ("collabkit.widgets.over_collaboration", "inverted_u_view"): "inverted_u",
}
WIDGET_MODULES = [
    f"collabkit.widgets.{info.name}" for info in pkgutil.iter_modules(collabkit.widgets.__path__)
]


def shows_something(function: object) -> bool:
    """A public function that returns an explorer or a figure."""
    shown = typing.get_type_hints(function).get("return")
    return inspect.isclass(shown) and issubclass(shown, Explorer | go.Figure)


@pytest.mark.parametrize("module_name", WIDGET_MODULES)
def test_a_function_that_shows_something_is_named_after_it(module_name):
    module = importlib.import_module(module_name)
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if function.__module__ == module_name and shows_something(function):
            assert not name.endswith(("_explorer", "_view", "_widget")), f"{module_name}.{name}"


def test_the_rule_sees_every_explorer():
    shown = {
        name
        for module_name in WIDGET_MODULES
        for name, function in inspect.getmembers(
            importlib.import_module(module_name), inspect.isfunction
        )
        if function.__module__ == module_name and shows_something(function)
    }
    assert set(RENAMED.values()) | {"cost_pooling", "florentine_families"} <= shown


@pytest.mark.parametrize(("module_name", "old"), list(RENAMED), ids=lambda v: v)
def test_an_old_explorer_name_still_works_with_a_deprecation_warning(module_name, old):
    module = importlib.import_module(module_name)
    new = RENAMED[module_name, old]
    message = rf"{module_name}\.{old} is now {module_name}\.{new}; .* removed in collabkit 0\.3"
    with pytest.warns(DeprecationWarning, match=message):
        found = getattr(module, old)
    assert found is getattr(module, new)


def test_a_handed_out_notebook_reaches_a_renamed_explorer_through_its_old_module():
    sys.modules.pop("collabkit.widgets.network", None)
    with pytest.warns(DeprecationWarning) as warned:
        explore = importlib.import_module("collabkit.widgets.network")  # as `from ... import`
        explorer = explore.structure_explorer
    assert explorer is importlib.import_module("collabkit.widgets.network_design").network_structure
    messages = [str(w.message) for w in warned]
    assert any("widgets.network is now collabkit.widgets.network_design" in m for m in messages)
    assert any("structure_explorer is now" in m for m in messages)


def test_a_name_that_never_existed_is_still_an_attribute_error():
    from collabkit.widgets import over_collaboration

    with pytest.raises(AttributeError, match="has no attribute 'cost_explorer'"):
        over_collaboration.cost_explorer  # noqa: B018
