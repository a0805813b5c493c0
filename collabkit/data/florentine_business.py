"""A real inter-firm network: business ties among sixteen Florentine families, 1430s.

John Padgett coded, from historical records, which leading families of early
fifteenth-century Florence had *business* ties: loans, credits and joint partnerships
between the families' firms (banks, wool and silk companies). Breiger & Pattison (1986)
published the subset of sixteen families used here; it is distributed with UCINET (matrix
``PADGB``) and with the statnet R packages (``flobusiness`` in ``ergm``/``statnet.data``).
Padgett & Ansell (1993) analyse the full data.

This module is a transcription, not a generator: :data:`BUSINESS_TIES` lists the 15 ties
as published (undirected, unweighted; as Breiger & Pattison note, credit ties were coded
symmetrically although lending has a direction). The five families with no business tie
among the sixteen (Acciaiuoli, Albizzi, Pucci, Ridolfi, Strozzi) are nodes without links.
The edge list was checked against a published copy (the ``flobusiness`` rows of the
dupNodes R package's ``data-raw/florentine-sn.csv``, whose first 20 rows are networkx's
marriage ties). ``csv_texts`` writes it in the course's CSV form so that
``collabkit datasets --check`` covers it like every other file.

Facts are not protected by copyright; the data are shipped with their citation:
J. F. Padgett & C. K. Ansell, "Robust action and the rise of the Medici, 1400–1434",
*American Journal of Sociology* 98(6), 1993; R. L. Breiger & P. E. Pattison, "Cumulated
social roles: the duality of persons and their algebras", *Social Networks* 8, 1986.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

from collabkit.data import datasets_dir
from collabkit.data.cluster import to_csv

#: Not used (a transcription draws nothing); kept so every data module has one.
SEED = 0

#: The sixteen families of Breiger & Pattison's subset.
FAMILIES = (
    "Acciaiuoli", "Albizzi", "Barbadori", "Bischeri", "Castellani", "Ginori", "Guadagni",
    "Lamberteschi", "Medici", "Pazzi", "Peruzzi", "Pucci", "Ridolfi", "Salviati", "Strozzi",
    "Tornabuoni",
)  # fmt: skip

#: The 15 business ties (loans, credits, joint partnerships), alphabetical pairs.
BUSINESS_TIES = (
    ("Barbadori", "Castellani"),
    ("Barbadori", "Ginori"),
    ("Barbadori", "Medici"),
    ("Barbadori", "Peruzzi"),
    ("Bischeri", "Guadagni"),
    ("Bischeri", "Lamberteschi"),
    ("Bischeri", "Peruzzi"),
    ("Castellani", "Lamberteschi"),
    ("Castellani", "Peruzzi"),
    ("Ginori", "Medici"),
    ("Guadagni", "Lamberteschi"),
    ("Lamberteschi", "Peruzzi"),
    ("Medici", "Pazzi"),
    ("Medici", "Salviati"),
    ("Medici", "Tornabuoni"),
)

FILES = {"florentine_business.csv": 0}


def ties() -> pd.DataFrame:
    """The business ties as a table with columns ``family_a`` and ``family_b``."""
    return pd.DataFrame(BUSINESS_TIES, columns=["family_a", "family_b"])


def csv_texts(seed: int = SEED) -> dict[str, str]:
    """File name → CSV text (``seed`` is ignored: the data are a transcription)."""
    return {"florentine_business.csv": to_csv(ties())}


def load_business(folder: Path | None = None) -> nx.Graph:
    """The business network: all sixteen families as nodes, the ties as edges.

    Reads ``florentine_business.csv`` in ``folder`` (default ``datasets/``), or uses the
    transcription when the file is not there.
    """
    folder = folder or datasets_dir()
    try:
        table = pd.read_csv(folder / "florentine_business.csv")
    except FileNotFoundError:
        table = ties()
    graph = nx.Graph(name="Florentine business ties")
    graph.add_nodes_from(FAMILIES)
    graph.add_edges_from(table[["family_a", "family_b"]].itertuples(index=False, name=None))
    return graph


def business_ties() -> nx.Graph:
    """The business network as a networkx graph (sixteen families, 15 ties), for a
    learner's own code: ``business = chapter.business_ties()``."""
    return load_business()


def marriage_ties() -> nx.Graph:
    """Padgett's marriage network of the same families (networkx's
    ``florentine_families_graph``, which leaves out the Pucci, who married none of them)."""
    return nx.florentine_families_graph()
