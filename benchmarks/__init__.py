"""Performance benchmarks for collabkit (``make bench``); they print a report, they assert
nothing. Targets are in the design document: see the README."""
