"""Analysis of networks and data: metrics, resilience, design rubrics, ...

Analysis functions take networkx graphs or DataFrames and return DataFrames or plain
values; they know nothing of figures or widgets.
"""
