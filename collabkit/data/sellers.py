"""A **generated** panel of platform sellers: monthly sales by channel, fees and ratings.

Forty SMBs over 24 months, in five sectors. Each sector is its own marketplace, a run of
the platform model (:mod:`collabkit.models.platform`, the model of notebook 03's explorer)
in which half the buyers already shop online, with its own share of sellers organised in
an SMB association (:data:`SECTOR_ASSOCIATION`). Each seller is one SMB in its sector's
market with a strategy drawn at random (seeded): about 30 % near the Platform Trap preset
(most of the offer on one platform, much data shared, no investment), the others a mix. Its
months are the model's, scaled to euros, with ±8 % noise on sales; its customer rating
drifts down as the platform squeezes its margin.

What the panel can show: how to compute indicators (platform share, fee rate) from raw
monthly sales with pandas, and what the model's mechanisms look like in data. What it
cannot show: anything about real sellers. Every pattern in it (dependent sellers paying
rising fees, lower fees where sellers bargain together) was put there by the model's
assumptions; finding it again is a check of the reading, not evidence.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from collabkit.data import datasets_dir
from collabkit.data.cluster import to_csv
from collabkit.models.platform import Collective, PlatformMarket, PlatformStrategy, simulate

SEED = 303
N_SELLERS = 40
MONTHS = 24
#: Share of each sector's sellers organised in an SMB association (the generator's
#: assumption; in the data it shows up as the sector's fee rate).
SECTOR_ASSOCIATION = {"food": 0.8, "crafts": 0.0, "fashion": 0.1, "home": 0.5, "books": 0.2}
SECTORS = tuple(SECTOR_ASSOCIATION)
FILES = {"platform_sellers.csv": 0}


def _strategy(rng: np.random.Generator) -> PlatformStrategy:
    """A seller's levers: near the trap preset with probability 0.3, else a channel mix."""
    if rng.random() < 0.3:
        return PlatformStrategy(
            platform_share=float(rng.uniform(0.8, 1.0)),
            n_platforms=1,
            data_sharing=float(rng.uniform(0.7, 1.0)),
        )
    return PlatformStrategy(
        platform_share=float(rng.uniform(0.1, 0.7)),
        n_platforms=int(rng.integers(1, 4)),
        data_sharing=float(rng.uniform(0.0, 0.6)),
        invest_direct=float(rng.uniform(0, 0.05)),
        invest_partners=float(rng.uniform(0, 0.05)),
    )


def generate(seed: int = SEED) -> pd.DataFrame:
    """One row per seller and month: ``seller_id``, ``sector``, ``association`` (share of
    the sector's sellers in an association), ``month`` (1–24), ``sales_direct``,
    ``sales_partners``, ``sales_platform`` and ``fees`` (€ per month, rounded), ``rating``
    (1–5 stars)."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(N_SELLERS):
        strategy = _strategy(rng)
        sector = SECTORS[int(rng.integers(len(SECTORS)))]
        market = PlatformMarket(
            periods=MONTHS, initial_reach=0.5, seed=seed + SECTORS.index(sector)
        )
        collective = Collective(association=SECTOR_ASSOCIATION[sector])
        size = float(rng.lognormal(-0.18, 0.6))
        run = simulate(strategy, market, collective=collective, size=size)
        scale = 8_000 / MARKET_SCALE  # € per month per unit of model revenue
        noise = rng.lognormal(0, 0.08, size=(MONTHS, 3))
        sales = run[["revenue_direct", "revenue_partners", "revenue_platform"]].to_numpy()
        sales = sales * scale * noise
        fees = sales[:, 2] * run["take_rate"].to_numpy()
        squeeze = run["margin"].iloc[0] - run["margin"].to_numpy()
        rating = np.clip(4.5 - 3 * squeeze + rng.normal(0, 0.1, MONTHS), 1, 5)
        frames.append(
            pd.DataFrame(
                {
                    "seller_id": f"S{i + 1:02d}",
                    "sector": sector,
                    "association": SECTOR_ASSOCIATION[sector],
                    "month": run["period"],
                    "sales_direct": sales[:, 0].round(),
                    "sales_partners": sales[:, 1].round(),
                    "sales_platform": sales[:, 2].round(),
                    "fees": fees.round(),
                    "rating": rating.round(2),
                }
            )
        )
    panel = pd.concat(frames, ignore_index=True)
    money = ["sales_direct", "sales_partners", "sales_platform", "fees"]
    panel[money] = panel[money].astype(int)
    return panel


#: Model revenue of an average seller in a month (thousand €); 8,000 € in the data.
MARKET_SCALE = 100.0


def load_sellers(folder: Path | None = None) -> pd.DataFrame:
    """The panel from ``datasets/platform_sellers.csv`` (generated if the file is missing)."""
    try:
        return pd.read_csv((folder or datasets_dir()) / "platform_sellers.csv")
    except FileNotFoundError:
        return generate()


def csv_texts(seed: int = SEED) -> dict[str, str]:
    """File name → CSV text."""
    return {"platform_sellers.csv": to_csv(generate(seed))}
