"""ipywidgets front ends: explorers that wire models to figures, and question widgets.

Widgets hold no model or scoring logic; they call ``collabkit.models``,
``collabkit.figures`` and ``collabkit.assess`` and update figures in place.

Naming rule
-----------
A function that shows something to the learner is named after what the learner sees, as a
noun phrase, with no ``_explorer``/``_view``/``_widget`` suffix: ``cost_pooling``,
``network_structure``, ``valley_cluster``, ``platform_trajectory``, ``inverted_u``. It
returns an :class:`~collabkit.widgets.explorer.Explorer` when it has controls and a
``plotly.graph_objects.Figure`` when it has none. Classes keep the kind of widget in their
name (``StructureExplorer``, ``AuditWidget``, ``QuestionWidget``). Names that broke the
rule before collabkit 0.2 still work for one release, with a ``DeprecationWarning``
(``__getattr__ = renamed(...)`` at the end of each module; see :mod:`collabkit._compat`).
"""
