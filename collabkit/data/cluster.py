"""A synthetic regional cluster of small firms and their partnerships.

Sixty firms in four towns of a fictional valley, in six sectors, each with a few
capabilities. Partnerships form more often between firms that are close (same town),
whose sectors trade with each other (food producers supply cafés and shops; logistics
firms serve everyone) and whose capabilities complement each other. The three firms of the
course's running example (a bakery, a coffee shop and a delivery firm) are firms 1–3.

The generator is seeded: the same seed always gives the same bytes, which a test checks
against the files in ``datasets/``.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from collabkit.data import datasets_dir

SEED = 2026
N_FIRMS = 60
TOWNS = ("Millbrook", "Eastford", "Kingsley", "Harrow Vale")
SECTOR_CAPABILITIES = {
    "food production": ("baking", "butchery", "dairy", "brewing", "cold storage"),
    "hospitality": ("coffee", "catering", "events", "accommodation"),
    "retail": ("retail space", "web shop", "customer loyalty"),
    "logistics": ("delivery", "warehousing", "cold storage", "route planning"),
    "manufacturing": ("woodwork", "metalwork", "packaging", "repairs"),
    "business services": ("marketing", "accounting", "IT support", "design"),
}
SECTORS = tuple(SECTOR_CAPABILITIES)
#: Which sectors trade with which (symmetric affinity added to the link propensity).
TRADE = {
    ("food production", "hospitality"): 1.2,
    ("food production", "retail"): 1.0,
    ("logistics", "food production"): 1.0,
    ("logistics", "retail"): 1.0,
    ("logistics", "hospitality"): 0.8,
    ("logistics", "manufacturing"): 0.8,
    ("manufacturing", "retail"): 0.6,
    ("business services", "retail"): 0.5,
    ("business services", "hospitality"): 0.5,
    ("business services", "manufacturing"): 0.4,
}
LINK_TYPES = ("supply", "shared logistics", "joint marketing", "knowledge exchange")
RUNNING_EXAMPLE = (
    ("Sweet Crumb Bakery", "food production", ("baking", "catering"), "Millbrook"),
    ("Corner Coffee", "hospitality", ("coffee", "events"), "Millbrook"),
    ("QuickHop Delivery", "logistics", ("delivery", "route planning"), "Millbrook"),
)
_FIRST = (
    "Alder", "Birch", "Copper", "Dale", "Elm", "Fern", "Granite", "Hazel", "Iris", "Juniper",
    "Kestrel", "Linden", "Maple", "Nettle", "Oak", "Pine", "Quarry", "Rowan", "Sorrel",
    "Thistle", "Upland", "Vale", "Willow", "Yarrow",
)  # fmt: skip
_KIND = {
    "food production": ("Bakery", "Dairy", "Brewery", "Butchers", "Mill"),
    "hospitality": ("Café", "Bistro", "Inn", "Kitchen"),
    "retail": ("Shop", "Market", "Store", "Books"),
    "logistics": ("Couriers", "Freight", "Logistics", "Haulage"),
    "manufacturing": ("Works", "Joinery", "Forge", "Print"),
    "business services": ("Studio", "Digital", "Accounts", "Agency"),
}


def generate(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cluster's firms and partnerships.

    Returns
    -------
    firms : DataFrame
        One row per firm: ``firm_id`` (F01…), ``name``, ``sector``, ``capabilities``
        (semicolon-separated), ``employees`` (headcount), ``town``.
    partnerships : DataFrame
        One row per partnership: ``source`` and ``target`` (firm ids, source < target),
        ``type`` (one of supply, shared logistics, joint marketing, knowledge exchange),
        ``strength`` (1 weak … 5 strong), ``start_year``.
    """
    rng = np.random.default_rng(seed)
    firms = _firms(rng)
    return firms, _partnerships(firms, rng)


def _firms(rng: np.random.Generator) -> pd.DataFrame:
    rows = [
        (name, sector, list(caps), town, int(rng.integers(3, 15)))
        for name, sector, caps, town in RUNNING_EXAMPLE
    ]
    used = {row[0] for row in rows}
    sectors = rng.choice(len(SECTORS), size=N_FIRMS - len(rows), p=[0.2, 0.2, 0.2, 0.1, 0.15, 0.15])
    for s in sectors:
        sector = SECTORS[s]
        while True:
            name = f"{rng.choice(_FIRST)} {rng.choice(_KIND[sector])}"
            if name not in used:
                used.add(name)
                break
        own = list(SECTOR_CAPABILITIES[sector])
        caps = list(rng.choice(own, size=int(rng.integers(1, 3)), replace=False))
        if rng.random() < 0.6:  # many firms have one skill of a sector they trade with
            related = sorted({b if a == sector else a for a, b in TRADE if sector in (a, b)})
            other = SECTOR_CAPABILITIES[related[rng.integers(len(related))]]
            extra = str(rng.choice(other))
            if extra not in caps:
                caps.append(extra)
        town = TOWNS[rng.choice(len(TOWNS), p=[0.35, 0.25, 0.25, 0.15])]
        employees = int(np.clip(np.round(rng.lognormal(2.0, 0.8)), 1, 249))
        rows.append((name, sector, caps, town, employees))
    return pd.DataFrame(
        {
            "firm_id": [f"F{i:02d}" for i in range(1, len(rows) + 1)],
            "name": [r[0] for r in rows],
            "sector": [r[1] for r in rows],
            "capabilities": [";".join(r[2]) for r in rows],
            "employees": [r[4] for r in rows],
            "town": [r[3] for r in rows],
        }
    )


def _partnerships(firms: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(firms)
    sector = firms["sector"].to_numpy()
    town = firms["town"].to_numpy()
    caps = [set(c.split(";")) for c in firms["capabilities"]]
    i, j = np.triu_indices(n, k=1)
    trade = np.array(
        [TRADE.get((sector[a], sector[b]), TRADE.get((sector[b], sector[a]), 0.0))
         for a, b in zip(i, j, strict=True)]
    )  # fmt: skip
    complement = np.array(
        [len(caps[a] ^ caps[b]) / len(caps[a] | caps[b]) for a, b in zip(i, j, strict=True)]
    )
    same_town = town[i] == town[j]
    logit = -4.6 + 1.6 * same_town + 1.3 * trade + 1.0 * complement
    linked = rng.random(i.size) < 1 / (1 + np.exp(-logit))
    linked[(i < 3) & (j < 3)] = True  # the running example's three firms work together
    a, b = i[linked], j[linked]
    kinds = np.where(
        (sector[a] == "logistics") | (sector[b] == "logistics"),
        "shared logistics",
        np.where(
            trade[linked] > 0,
            "supply",
            rng.choice(["joint marketing", "knowledge exchange"], size=a.size),
        ),
    )
    return pd.DataFrame(
        {
            "source": firms["firm_id"].to_numpy()[a],
            "target": firms["firm_id"].to_numpy()[b],
            "type": kinds,
            "strength": rng.integers(1, 6, size=a.size),
            "start_year": rng.integers(2012, 2026, size=a.size),
        }
    )


def to_csv(frame: pd.DataFrame) -> str:
    """The canonical CSV text of a data set (UTF-8, ``\\n`` line ends, no index)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


FILES = {"cluster_firms.csv": 0, "cluster_partnerships.csv": 1}


def csv_texts(seed: int = SEED) -> dict[str, str]:
    """File name → CSV text for every file of this data set."""
    frames = generate(seed)
    return {name: to_csv(frames[index]) for name, index in FILES.items()}


def load_cluster(folder: Path | None = None) -> nx.Graph:
    """The cluster as a graph: nodes are firm ids with the firms' columns as attributes
    (``capabilities`` as a list), edges carry the partnership columns.

    Reads the CSV files in ``folder`` (default ``datasets/``); when they are not there
    (an installed package without the repository), generates the same data.
    """
    folder = folder or datasets_dir()
    try:
        firms = pd.read_csv(folder / "cluster_firms.csv")
        links = pd.read_csv(folder / "cluster_partnerships.csv")
    except FileNotFoundError:
        firms, links = generate()
    graph = nx.Graph(name="Valley cluster")
    for row in firms.to_dict("records"):
        row["capabilities"] = row["capabilities"].split(";")
        graph.add_node(row.pop("firm_id"), **row)
    for row in links.to_dict("records"):
        graph.add_edge(row.pop("source"), row.pop("target"), **row)
    return graph
