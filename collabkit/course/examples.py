"""Small example networks shown in the notebooks and used by their questions."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from collabkit.course.network_design_challenge import DesignBrief

#: Six firms of Mill Street and who works with whom (notebook 02, section 3).
MILL_STREET_LINKS = (
    ("Sweet Crumb Bakery", "Corner Coffee"),
    ("Sweet Crumb Bakery", "QuickHop Delivery"),
    ("Corner Coffee", "QuickHop Delivery"),
    ("QuickHop Delivery", "Deli Rosa"),
    ("QuickHop Delivery", "Bloom Florist"),
    ("Deli Rosa", "Page Turner Books"),
    ("Bloom Florist", "Page Turner Books"),
)


def mill_street() -> nx.Graph:
    """The six-firm example network."""
    graph = nx.Graph(name="Mill Street")
    graph.add_edges_from(MILL_STREET_LINKS)
    return graph


#: The design challenge of notebook 02: ten Millbrook firms of the valley cluster.
DESIGN_BRIEF = DesignBrief(
    firms=(
        "QuickHop Delivery",
        "Sweet Crumb Bakery",
        "Corner Coffee",
        "Copper Bistro",
        "Sorrel Joinery",
        "Willow Couriers",
        "Oak Agency",
        "Elm Store",
        "Rowan Brewery",
        "Alder Dairy",
    ),
    logistics=frozenset({"QuickHop Delivery", "Willow Couriers"}),
    max_links=13,
    max_links_per_firm=4,
)

#: A design meeting every goal: a ring with the two logistics firms opposite each other.
MODEL_DESIGN = tuple(
    (DESIGN_BRIEF.firms[i], DESIGN_BRIEF.firms[(i + 1) % len(DESIGN_BRIEF.firms)])
    for i in range(len(DESIGN_BRIEF.firms))
)


#: Kestrel Print, the case firm of notebook 04's graded task: a print shop with twelve
#: partnerships (columns of :data:`collabkit.course.over_collaboration_audit.AUDIT_COLUMNS`;
#: a blank review is ``None``). Five of them fit its strategy poorly or cost more time than
#: they bring.
KESTREL_PRINT = pd.DataFrame(
    [
        ("Northside Paper Supply", 4, 14_000, 5, 12, 6),
        ("Harbour Distribution", 6, 26_000, 5, 35, 8),
        ("Grey Owl Design Studio", 5, 9_000, 4, 5, 10),
        ("Pixel & Press", 6, 3_000, 2, 3, 14),
        ("Lindqvist Print", 5, 2_500, 2, 2, 20),
        ("City Events Office", 3, 8_000, 4, 8, 5),
        ("Bookbinders' Guild", 4, 2_000, 3, 1, 26),
        ("University Press Office", 2, 7_500, 4, 6, 3),
        ("Regional Business Forum", 6, 1_500, 1, 0, None),
        ("Ink Recycling Co.", 1, 1_800, 3, 1, 11),
        ("Summit Marketing Agency", 3, 6_500, 4, 4, 9),
        ("Old Town Traders' Association", 4, 2_400, 2, 2, 18),
    ],
    columns=["partner", "hours_per_month", "value", "strategic_fit", "dependence",
             "months_since_review"],
)  # fmt: skip
