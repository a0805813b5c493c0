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
mutual_support()
    Orders a firm hit by a shock keeps as partners in a support pact lend capacity.

Tables for your own code
------------------------
pooling_table(asset_cost=36_000, coordination_cost=1_500)
    The cost-pooling model, one row per network size (a pandas DataFrame).
free_riding_table(monitoring=0.0, fine=0.0)
    The free-riding model without and with governance, one row per period and world.
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
            "mutual_support",
            "pooling_table",
            "free_riding_table",
        ),
    },
)
