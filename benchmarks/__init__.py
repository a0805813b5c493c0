"""Performance benchmarks for collabkit (``make bench``); they print a report, they assert
nothing. Each row of the report shows its target next to the measured value."""
