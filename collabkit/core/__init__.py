"""The bottom layer, shared by every other: parameter validation, reading answers and table
cells of any type without raising, atomic file writes and the BLAS thread setting.

It knows no course topic, no plotting and no widgets (``make lint`` checks this).
"""
