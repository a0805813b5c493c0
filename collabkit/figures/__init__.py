"""Plotly figure builders: a DataFrame in, a ``plotly.graph_objects.Figure`` out.

Each figure comes as a pair: ``<name>_traces(frame)`` returns the per-trace data (in a
fixed order and number) and ``<name>_figure(frame)`` builds the complete figure from it. A
widget builds the figure once and later copies fresh ``_traces`` output into it in place.
Figures know nothing of widgets.
"""
