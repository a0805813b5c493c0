"""What notebook 01 "Fundamentals" uses: the explorers of the bakery, café and courier.

Explorers
---------
cost_pooling()
    Cost per firm of sharing an asset, against the number of partners.
market_reach()
    Households reached as the bakery, the café and the courier join forces.
group_purchasing()
    Monthly packaging cost of each firm alone and in a buying group.
free_riding()
    Contributions to a shared fund over time, without and with governance.
"""

from __future__ import annotations

from collabkit.core.lazy import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "collabkit.widgets.fundamentals": (
            "cost_pooling",
            "market_reach",
            "group_purchasing",
            "free_riding",
        ),
    },
)
