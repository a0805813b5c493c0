"""Scoring a learner's network design against a brief.

A :class:`DesignBrief` lists the firms, which of them provide logistics, a budget of
links and a limit on links per firm. :func:`evaluate_design` checks four goals, each worth
a quarter of the points if it is met and nothing if it is not, so the score is
proportional to the goals a design meets (a plain hub-and-spoke design, which fails two,
earns half). How far a design misses a goal is told in the message, which names what
fails:

1. **reach**: every firm is within ``reach_steps`` links of a logistics provider
   (message: the firms cut off);
2. **no single point of failure**: the network is connected and stays connected when any
   one firm leaves, i.e. it has no articulation point (message: the critical firms or the
   separate groups);
3. **budget**: at most ``max_links`` links (message: the overrun);
4. **load**: no firm has more than ``max_links_per_firm`` links (message: the overloaded
   firms).

Partial credit within a goal would reward a design for coming close to a goal it fails:
a star meets reach and budget, "almost" meets load (only the hub is overloaded) and is
connected, and scored 5.1 of 6 that way although it is the fragile structure notebook 02
warns against.

Answers are read leniently: a list of pairs, a networkx graph, or text with one link per
line (``"Bakery - Café"``). Unknown firms, self-links and repeated links are reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from collabkit.assess.questions import CriterionScore
from collabkit.core.coerce import describe


@dataclass(frozen=True)
class DesignBrief:
    """The goals of a network design.

    Parameters
    ----------
    firms
        The firms that must be in the network (names as the learner writes them).
    logistics
        The firms that provide logistics.
    max_links
        Budget: most links allowed.
    max_links_per_firm
        Most links any one firm can manage.
    reach_steps
        Every firm must be within this many links of a logistics provider.
    """

    firms: tuple[str, ...]
    logistics: frozenset[str]
    max_links: int
    max_links_per_firm: int
    reach_steps: int = 2

    def __post_init__(self) -> None:
        if len(set(self.firms)) != len(self.firms) or len(self.firms) < 3:
            raise ValueError("firms must be at least 3 distinct names")
        if not self.logistics or not set(self.logistics) <= set(self.firms):
            raise ValueError("logistics must be a non-empty subset of firms")
        if self.max_links < len(self.firms) - 1 or self.max_links_per_firm < 2:
            raise ValueError(
                "max_links must allow a connected network (at least len(firms) − 1) and "
                "max_links_per_firm must be at least 2"
            )


_SPLIT = re.compile(r"\s*(?:–|—|-|->|<->|,|\t|/|&| and | to )\s*")


def read_links(answer: object, brief: DesignBrief) -> tuple[nx.Graph, list[str]] | str:
    """The design as a graph on the brief's firms, plus notes on what was ignored; or a
    sentence saying why the answer cannot be read."""
    lookup = {name.casefold(): name for name in brief.firms}
    if isinstance(answer, nx.Graph):
        pairs: list[object] = list(answer.edges)
    elif isinstance(answer, str):
        if len(answer) > 20_000:
            return "That text is too long to be a list of links."
        pairs = [line for line in re.split(r"[\n;]+", answer) if line.strip()]
    elif isinstance(answer, (list, tuple, set, frozenset)):
        pairs = list(answer)
    else:
        return (
            "A design is a list of links between firms, like [('A', 'B'), ('B', 'C')], "
            f"or one link per line; {describe(answer)} is neither."
        )
    graph = nx.Graph()
    graph.add_nodes_from(brief.firms)
    unknown: set[str] = set()
    notes: list[str] = []
    unreadable = repeated = loops = 0
    for pair in pairs[:5_000]:
        if isinstance(pair, str):
            pair = [part for part in _SPLIT.split(pair.strip()) if part]
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            unreadable += 1
            continue
        ends = []
        for end in pair:
            name = lookup.get(end.strip().casefold()) if isinstance(end, str) else None
            if name is None:
                unknown.add(end if isinstance(end, str) else type(end).__name__)
            ends.append(name)
        if None in ends:
            continue
        a, b = ends
        if a == b:
            loops += 1
        elif graph.has_edge(a, b):
            repeated += 1
        else:
            graph.add_edge(a, b)
    if unknown:
        shown = ", ".join(sorted(str(u)[:30] for u in unknown)[:5])
        notes.append(f"Ignored links with unknown firms: {shown}.")
    if unreadable:
        notes.append(
            f"Ignored {unreadable} entr{'ies' if unreadable > 1 else 'y'} that "
            f"{'are' if unreadable > 1 else 'is'} not a pair of firms."
        )
    if loops:
        notes.append(f"Ignored {loops} link{'s' if loops > 1 else ''} from a firm to itself.")
    if repeated:
        notes.append(f"Counted {repeated} repeated link{'s' if repeated > 1 else ''} once.")
    if graph.number_of_edges() == 0:
        return " ".join(["No valid link between two listed firms was found.", *notes])
    return graph, notes


def evaluate_design(brief: DesignBrief, answer: object) -> Sequence[CriterionScore] | str:
    """Score a design against the brief's four goals (see the module docstring)."""
    read = read_links(answer, brief)
    if isinstance(read, str):
        return read
    graph, notes = read
    scores = [
        _reach(brief, graph),
        _robustness(graph),
        _budget(brief, graph),
        _load(brief, graph),
    ]
    if notes:
        first = scores[0]
        scores[0] = CriterionScore(
            first.criterion, first.fraction, f"{first.message} {' '.join(notes)}"
        )
    return scores


def out_of_reach(brief: DesignBrief, graph: nx.Graph) -> list[str]:
    """The firms more than ``brief.reach_steps`` links from every logistics provider."""
    near = set()
    for provider in brief.logistics:
        near |= set(nx.single_source_shortest_path_length(graph, provider, brief.reach_steps))
    return [firm for firm in brief.firms if firm not in near]


def model_design(brief: DesignBrief) -> tuple[tuple[str, str], ...]:
    """A design meeting the brief's reach and no-single-point-of-failure goals with few links.

    A ring of all firms, the logistics providers spread evenly around it (the other firms
    keep the brief's order); then each firm still out of reach gets one link to the
    provider with the fewest links. Whether it keeps the budget and the load limit depends
    on the brief: :func:`evaluate_design` tells.
    """
    providers = [firm for firm in brief.firms if firm in brief.logistics]
    others = iter(firm for firm in brief.firms if firm not in brief.logistics)
    size = len(brief.firms)
    slots = {round(i * size / len(providers)): provider for i, provider in enumerate(providers)}
    ring = [slots[i] if i in slots else next(others) for i in range(size)]
    links = list(zip(ring, ring[1:] + ring[:1], strict=True))
    graph = nx.Graph(links)
    while far := out_of_reach(brief, graph):
        provider = min(providers, key=graph.degree)
        graph.add_edge(provider, far[0])
        links.append((provider, far[0]))
    return tuple(links)


def _reach(brief: DesignBrief, graph: nx.Graph) -> CriterionScore:
    far = out_of_reach(brief, graph)
    label = f"every firm within {brief.reach_steps} links of logistics"
    if not far:
        return CriterionScore(label, 1.0, "every firm can be served.")
    return CriterionScore(
        label,
        0.0,
        f"cut off (more than {brief.reach_steps} links from a logistics provider): "
        + ", ".join(far)
        + ".",
    )


def _robustness(graph: nx.Graph) -> CriterionScore:
    label = "no single point of failure"
    groups = list(nx.connected_components(graph))
    if len(groups) > 1:
        small = sorted(groups, key=len)[:-1]
        listed = "; ".join(", ".join(sorted(g)) for g in small[:3])
        return CriterionScore(
            label,
            0.0,
            f"the network is already split into {len(groups)} groups (cut off: {listed}).",
        )
    critical = sorted(nx.articulation_points(graph))
    if critical:
        named = " or ".join(critical[:4]) + (
            f" (or {len(critical) - 4} more)" if len(critical) > 4 else ""
        )
        return CriterionScore(
            label,
            0.0,
            f"if {named} left, the network would split: "
            f"{'they are single points' if len(critical) > 1 else 'a single point'} of failure.",
        )
    return CriterionScore(label, 1.0, "the network stays connected whichever firm leaves.")


def _budget(brief: DesignBrief, graph: nx.Graph) -> CriterionScore:
    used = graph.number_of_edges()
    label = f"at most {brief.max_links} links"
    if used <= brief.max_links:
        return CriterionScore(label, 1.0, f"{used} link{'s' if used != 1 else ''} used.")
    over = used - brief.max_links
    return CriterionScore(
        label,
        0.0,
        f"{used} links is {over} over the budget of {brief.max_links}.",
    )


def _load(brief: DesignBrief, graph: nx.Graph) -> CriterionScore:
    limit = brief.max_links_per_firm
    label = f"no firm with more than {limit} links"
    heavy = {firm: d for firm, d in graph.degree if d > limit}
    if not heavy:
        return CriterionScore(label, 1.0, "no firm is overloaded.")
    listed = ", ".join(f"{firm} ({d} links)" for firm, d in sorted(heavy.items()))
    return CriterionScore(label, 0.0, f"overloaded: {listed}.")
