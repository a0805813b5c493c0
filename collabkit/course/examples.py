"""Small example networks shown in the notebooks and used by their questions."""

from __future__ import annotations

import networkx as nx

from collabkit.course.network_design_challenge import DesignBrief

# Kestrel Print, notebook 04's case firm, lives with the audit's other example; notebook 04
# imports it from here.
from collabkit.course.over_collaboration_audit_examples import KESTREL_PRINT as KESTREL_PRINT

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


#: The Millbrook firms of the valley cluster (``datasets/cluster_firms.csv``) that a course's
#: design challenge (notebook 02) draws its logistics providers from, in data set order.
MILLBROOK_LOGISTICS = (
    "QuickHop Delivery",
    "Willow Couriers",
    "Rowan Logistics",
    "Dale Freight",
    "Maple Freight",
    "Dale Couriers",
)

#: The other Millbrook firms of the valley cluster, which the challenge draws the rest from.
MILLBROOK_FIRMS = (
    "Sweet Crumb Bakery",
    "Corner Coffee",
    "Copper Bistro",
    "Sorrel Joinery",
    "Oak Agency",
    "Yarrow Inn",
    "Elm Store",
    "Rowan Brewery",
    "Vale Shop",
    "Hazel Forge",
    "Birch Shop",
    "Copper Inn",
    "Elm Joinery",
    "Pine Store",
    "Juniper Store",
    "Dale Market",
    "Oak Store",
    "Alder Dairy",
)

#: The design challenge of notebook 02 in practice mode: ten Millbrook firms.
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
