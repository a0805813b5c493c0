"""A synthetic panel of platform sellers: monthly sales by channel, fees and ratings.

Forty SMBs over 24 months. Each seller follows a strategy drawn at random (seeded) and its
months come from the platform model (:mod:`collabkit.models.platform`, one seller per run,
in a market where half the buyers already shop on platforms), with multiplicative noise on
sales and a customer rating that drifts down when the platform squeezes the seller's
margin. The notebook asks which sellers look trapped.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from collabkit.data import datasets_dir
from collabkit.data.cluster import to_csv
from collabkit.models.platform import PlatformMarket, PlatformStrategy, simulate

SEED = 303
N_SELLERS = 40
MONTHS = 24
SECTORS = ("food", "crafts", "fashion", "home", "books")
FILES = {"platform_sellers.csv": 0}


def generate(seed: int = SEED) -> pd.DataFrame:
    """One row per seller and month: ``seller_id``, ``sector``, ``month`` (1–24),
    ``sales_direct``, ``sales_partners``, ``sales_platform`` and ``fees`` (€ per month,
    rounded), ``rating`` (1–5 stars)."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(N_SELLERS):
        trapped = rng.random() < 0.3
        strategy = PlatformStrategy(
            platform_share=float(rng.uniform(0.8, 1.0) if trapped else rng.uniform(0.1, 0.7)),
            n_platforms=1 if trapped else int(rng.integers(1, 4)),
            association=bool(not trapped and rng.random() < 0.5),
            data_sharing=float(rng.uniform(0.7, 1.0) if trapped else rng.uniform(0.0, 0.6)),
            invest_direct=0.0 if trapped else float(rng.uniform(0, 0.05)),
            invest_partners=0.0 if trapped else float(rng.uniform(0, 0.05)),
        )
        market = PlatformMarket(periods=MONTHS, n_sellers=1, initial_reach=0.5, seed=seed + i)
        run = simulate(strategy, market)
        scale = float(rng.lognormal(np.log(8_000), 0.5))  # € per month per unit of model revenue
        noise = rng.lognormal(0, 0.08, size=(MONTHS, 3))
        sales = run[["revenue_direct", "revenue_partners", "revenue_platform"]].to_numpy()
        sales = sales / run["revenue"].iloc[0] * scale * noise
        fees = sales[:, 2] * run["take_rate"].to_numpy()
        squeeze = run["margin"].iloc[0] - run["margin"].to_numpy()
        rating = np.clip(4.5 - 3 * squeeze + rng.normal(0, 0.1, MONTHS), 1, 5)
        frames.append(
            pd.DataFrame(
                {
                    "seller_id": f"S{i + 1:02d}",
                    "sector": SECTORS[int(rng.integers(len(SECTORS)))],
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


def load_sellers(folder: Path | None = None) -> pd.DataFrame:
    """The panel from ``datasets/platform_sellers.csv`` (generated if the file is missing)."""
    try:
        return pd.read_csv((folder or datasets_dir()) / "platform_sellers.csv")
    except FileNotFoundError:
        return generate()


def csv_texts(seed: int = SEED) -> dict[str, str]:
    """File name → CSV text."""
    return {"platform_sellers.csv": to_csv(generate(seed))}
