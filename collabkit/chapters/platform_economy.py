"""What notebook 03 "Platform economy" uses: the platform model and the seller data.

Explorer
--------
platform_trajectory(preset=None, n_sellers=200, periods=60)
    One SMB's levers, and what the market's sellers do together (an association, a
    co-op platform), drive the platform model; the plots and the outcome (Synergistic
    Growth, Platform Trap, Hybrid Collaboration, Independent, Drifting) follow. The levers
    start balanced, or at a preset ("Platform Trap", ...) with the collective action it
    assumes.

Graded task
-----------
escape_brief()
    Where the trapped SMB of the graded task stands, its market, its budget and the
    goals (the assessed release's scenario, or the practice one).
escape_trial()
    Try a plan in the task's own scenario: the trapped years, then the levers' five years
    in the task's market, with what the model says of them.

Data
----
load_sellers()
    The generated panel of 40 online sellers over 24 months, made by the platform model
    (``datasets/platform_sellers.csv``; what it can and cannot show: datasets/README.md).

Analysis
--------
seller_summary(panel)
    Each seller's first and last months compared: platform share, fee rate, trapped or not.
"""

from __future__ import annotations

from collabkit.core.lazy import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "collabkit.widgets.platform_economy": (
            "platform_trajectory",
            "escape_brief",
            "escape_trial",
        ),
        "collabkit.data.sellers": ("load_sellers",),
        "collabkit.analysis.sellers": ("seller_summary",),
    },
)
