"""Reading the platform sellers panel: which sellers look trapped?

A seller *looks trapped* when, over its last six months, platforms carry at least 55 % of
its sales (the Platform Trap threshold of :mod:`collabkit.analysis.trajectory`) and its
fees per € of platform sales are higher than in its first six months (the operator is
raising its take).
"""

from __future__ import annotations

import pandas as pd

from collabkit.analysis.trajectory import TRAP_SHARE


def seller_summary(panel: pd.DataFrame, months: int = 6) -> pd.DataFrame:
    """Per seller: platform share of sales and fee rate in the first and last ``months``,
    and whether it looks trapped."""
    panel = panel.assign(
        sales=panel["sales_direct"] + panel["sales_partners"] + panel["sales_platform"]
    )
    last_month = panel["month"].max()
    early = panel[panel["month"] <= months].groupby("seller_id")
    late = panel[panel["month"] > last_month - months].groupby("seller_id")
    summary = pd.DataFrame(
        {
            "platform_share": late["sales_platform"].sum() / late["sales"].sum(),
            "fee_rate_start": early["fees"].sum() / early["sales_platform"].sum(),
            "fee_rate_end": late["fees"].sum() / late["sales_platform"].sum(),
        }
    )
    summary["looks_trapped"] = (summary["platform_share"] >= TRAP_SHARE) & (
        summary["fee_rate_end"] > summary["fee_rate_start"]
    )
    return summary
