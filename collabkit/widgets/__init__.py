"""ipywidgets front ends: explorers that wire models to figures, and question widgets.

Widgets hold no model or scoring logic; they call ``collabkit.models``,
``collabkit.figures`` and ``collabkit.assess`` and update figures in place.
"""
