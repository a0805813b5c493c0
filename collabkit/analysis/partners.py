"""Member selection: how much a candidate partner's capabilities complement a firm's own.

For a focal firm with capability set A and a candidate with set B:

* ``new_capabilities`` = |B \\ A| (what the partner brings that the firm lacks);
* ``overlap`` = |A ∩ B| / |A ∪ B| (Jaccard similarity: duplicated skills);
* ``complementarity`` = |B \\ A| / |A ∪ B|, the share of the pair's joint capabilities that
  only the partner brings (0: nothing new; 1: everything the pair can do comes from the
  partner's side).

The idea that partners create value through *complementary* resources rather than
similar ones follows the resource-based view of alliances (J. H. Dyer and H. Singh, "The
relational view", *Academy of Management Review* 23(4), 1998).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd


def complementarity(graph: nx.Graph, focal: str) -> pd.DataFrame:
    """Rank every other firm as a partner for ``focal``.

    Parameters
    ----------
    graph
        Firms as nodes with a ``capabilities`` list attribute (and optionally ``name``,
        ``sector`` and ``town``), partnerships as edges.
    focal
        The firm looking for partners.

    Returns
    -------
    DataFrame
        Indexed by candidate firm, sorted best first, with ``name``, ``sector``, ``town``,
        ``new_capabilities`` (count), ``brings`` (the new capabilities, text),
        ``overlap``, ``complementarity``, ``same_town`` and ``already_partner``.
    """
    if focal not in graph:
        raise ValueError(f"focal must be a firm of the network; got {focal!r}")
    own = set(graph.nodes[focal].get("capabilities", ()))
    town = graph.nodes[focal].get("town")
    rows = []
    for firm, data in graph.nodes(data=True):
        if firm == focal:
            continue
        theirs = set(data.get("capabilities", ()))
        union = own | theirs
        new = sorted(theirs - own)
        rows.append(
            {
                "firm": firm,
                "name": data.get("name", str(firm)),
                "sector": data.get("sector", ""),
                "town": data.get("town", ""),
                "new_capabilities": len(new),
                "brings": ", ".join(new),
                "overlap": len(own & theirs) / len(union) if union else 0.0,
                "complementarity": len(new) / len(union) if union else 0.0,
                "same_town": data.get("town") == town,
                "already_partner": graph.has_edge(focal, firm),
            }
        )
    frame = pd.DataFrame(rows).set_index("firm")
    return frame.sort_values(
        ["complementarity", "same_town", "name"], ascending=[False, False, True], kind="stable"
    )
