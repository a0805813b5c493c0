"""Keyboard-safe, announced kit widgets in JupyterLab.

JupyterLab's notebook shortcuts fire on keys pressed inside widgets (ipywidgets issue
#3912): ``m`` on a focused slider turns its cell into Markdown, ``a`` on a checkbox
inserts a cell, arrow keys on radio buttons jump to another cell. :func:`keyboard_safe`
adds a hidden :class:`OutputGuard` (a small anywidget, ``guard.js``) to a kit widget; in
the browser it marks the widget with ``data-lm-suppress-shortcuts``, the attribute
JupyterLab's command registry (Lumino) honours, and makes the widget's feedback boxes
(class ``collabkit-feedback``) ``aria-live`` regions.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as widgets


class OutputGuard(anywidget.AnyWidget):
    """Hidden: marks the kit widget it is placed in (see the module's docstring)."""

    _esm = Path(__file__).with_name("guard.js")


def keyboard_safe(box: widgets.Box) -> None:
    """Make ``box`` keep its keys from the notebook's shortcuts and announce its feedback."""
    box.add_class("collabkit-guarded")
    box.children = (*box.children, OutputGuard())
