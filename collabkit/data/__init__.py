"""Seeded generators of the data sets shipped in ``datasets/``, and their loaders.

Every CSV file is written by a generator here; ``collabkit datasets --check`` (and a test)
regenerates each one and compares the bytes.
"""
