"""What notebook 00 "Start here" uses: the first model a learner meets.

Explorers
---------
cost_pooling()
    Cost per firm of sharing a delivery van, against the number of firms
    (the same explorer opens notebook 01).
"""

from __future__ import annotations

from collabkit.core.lazy import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__, {"collabkit.widgets.fundamentals": ("cost_pooling",)}
)
