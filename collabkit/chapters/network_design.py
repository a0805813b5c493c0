"""What notebook 02 "Network design" uses: structures, the valley cluster, network analysis.

Explorers and figures
---------------------
network_structure(structure="hub-and-spoke", n_firms=12)
    Explorer: a network of the chosen structure and size, with a firm to take out, and
    how much of it stays connected.
valley_cluster()
    Figure: the valley cluster's 60 firms and their partnerships.
partner_selection()
    Explorer: the cluster's firms ranked as partners for a chosen firm.
mill_street()
    Figure: the six firms of Mill Street and who works with whom.
florentine_families()
    Explorer: Padgett's Florentine marriage network, families sized, coloured and
    ranked by a chosen measure.
florentine_business()
    Figure: the real business ties among sixteen Florentine families (Padgett).
business_ties()
    Data: the same business ties as a networkx graph, for your own code.
marriage_ties()
    Data: the marriage network of the same families (networkx's Florentine families).
structure_comparison()
    Explorer: cost, reach, resilience and power concentration of every structure.
design_brief()
    Text: the brief of the graded design task (your course's firms and limits).
"""

from __future__ import annotations

from collabkit.core.lazy import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "collabkit.widgets.network_design": (
            "network_structure",
            "valley_cluster",
            "partner_selection",
            "mill_street",
            "florentine_families",
            "florentine_business",
            "structure_comparison",
        ),
        "collabkit.data.florentine_business": ("business_ties", "marriage_ties"),
        "collabkit.widgets.network_design_challenge": ("design_brief",),
    },
)
