"""Explorers of notebook 02 "Network design": structures, their trade-offs, and partner
selection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from collabkit._compat import renamed
from collabkit.analysis.network import CoordinationCost, network_metrics, node_metrics
from collabkit.analysis.partners import complementarity
from collabkit.analysis.resilience import resilience_curve
from collabkit.analysis.structures import compare_structures
from collabkit.core.words import plural
from collabkit.course import examples
from collabkit.data.cluster import load_cluster
from collabkit.data.florentine_business import load_business
from collabkit.figures import layout
from collabkit.figures import network_design as fig
from collabkit.models.structures import STRUCTURES, NetworkStructure
from collabkit.widgets.explorer import Explorer, slider

NOBODY = "nobody"
BEST_CONNECTED = "the best-connected firm"
#: Largest full mesh the explorer draws: beyond it the number of links itself is the lesson.
MESH_LIMIT = 60


@dataclass(frozen=True)
class StructureView:
    """Everything the structure explorer shows for one setting."""

    graph: nx.Graph
    positions: dict
    metrics: pd.DataFrame
    curve: pd.DataFrame
    summary: dict[str, float]
    removed: str | None


@lru_cache(maxsize=16)
def _full_network(structure: str, n_firms: int) -> tuple[nx.Graph, dict]:
    """The structure and its layout (built once per setting; never modified)."""
    graph = NetworkStructure.sized(structure, n_firms).build()
    return graph, layout.layout_positions(graph)


def structure_view(structure: str, n_firms: int, remove: str = NOBODY) -> StructureView:
    """Build the structure, take out the chosen firm, and analyse what is left.

    Raises ``ValueError`` (shown by the explorer) for a full mesh of more than
    :data:`MESH_LIMIT` firms.
    """
    if structure == "mesh" and n_firms > MESH_LIMIT:
        raise ValueError(
            f"A full mesh of {n_firms} firms needs {n_firms * (n_firms - 1) // 2:,} "
            "partnerships, far more than small firms can keep up. The explorer draws full "
            f"meshes of up to {MESH_LIMIT} firms; try a sparse mesh for larger networks."
        )
    full, positions = _full_network(structure, n_firms)
    removed = None
    if remove == BEST_CONNECTED:
        removed = max(full.nodes, key=full.degree)
    elif remove != NOBODY and remove in full:
        removed = remove
    graph = full
    if removed is not None:  # a copy: networkx subgraph views are slow to iterate
        graph = full.copy()
        graph.remove_node(removed)
    return StructureView(
        graph=graph,
        positions=positions,
        metrics=node_metrics(graph),
        curve=resilience_curve(graph, trials=10, points=11),
        summary=network_metrics(graph, connectivity=False),
        removed=removed,
    )


def _structure_summary(view: StructureView, values: Mapping[str, Any]) -> str:
    s = view.summary
    left = ""
    if view.removed is not None:
        original = values["n_firms"]
        left = (
            f"Without <b>{view.removed}</b>, the largest connected group holds "
            f"<b>{s['largest_component_share'] * s['firms']:.0f} of {original - 1}</b> "
            f"remaining firm{'' if original == 2 else 's'} "
            f"({plural(s['components'], 'separate group')}). "
        )
    hubs = int((view.metrics["role"] == "hub").sum())
    brokers = int((view.metrics["role"] == "broker").sum())
    return (
        left + f"{plural(s['links'], 'link')}, density {s['density']:.2f}; centralisation "
        f"{s['centralization']:.2f}; average path {s['avg_path_length']:.2f} links; "
        f"{s['reach']:.0%} of firm pairs within 2 links; "
        f"<b>{s['single_points_of_failure']}</b> single point"
        f"{'s' if s['single_points_of_failure'] != 1 else ''} of failure; "
        f"{plural(hubs, 'hub')}, {plural(brokers, 'broker')}; "
        f"coordination cost <b>{s['coordination_cost']:,.0f} €</b> a year."
        + (
            f" (The drawing shows an even sample of the links; all {s['links']:,} count in "
            "the measures.)"
            if s["links"] > fig.MAX_DRAWN_LINKS
            else ""
        )
    )


class StructureExplorer(Explorer):
    """Choose a structure and a size, take a firm out, and watch the network and its
    resilience change. The firm list follows the structure and size."""

    def __init__(self, structure: str = "hub-and-spoke", n_firms: int = 12) -> None:
        self._refreshing = False
        controls = {
            "structure": widgets.Dropdown(
                options=list(STRUCTURES), value=structure, description="Structure",
                style={"description_width": "initial"},
            ),
            "n_firms": slider("Number of firms", n_firms, 4, 200, 1, integer=True),
            "remove": widgets.Dropdown(
                options=self._firm_options(structure, n_firms), value=NOBODY,
                description="Firm that leaves", style={"description_width": "initial"},
            ),
        }  # fmt: skip
        controls["n_firms"].continuous_update = False
        super().__init__(
            controls=controls,
            compute=structure_view,
            traces=lambda v: fig.structure_traces(v.graph, v.metrics, v.positions, v.curve),
            figure=lambda v: fig.structure_figure(v.graph, v.metrics, v.positions, v.curve),
            summary=_structure_summary,
        )

    @staticmethod
    def _firm_options(structure: str, n_firms: int) -> list[str]:
        return [NOBODY, BEST_CONNECTED, *_full_network(structure, n_firms)[0].nodes]

    def _on_change(self, change: Mapping[str, Any]) -> None:
        if self._refreshing:
            return
        if change["owner"] is not self.controls["remove"]:
            remove = self.controls["remove"]
            keep = remove.value if remove.value in (NOBODY, BEST_CONNECTED) else NOBODY
            self._refreshing = True
            try:
                remove.options = self._firm_options(
                    self.controls["structure"].value, self.controls["n_firms"].value
                )
                remove.value = keep
            finally:
                self._refreshing = False
        self.update()


def network_structure(structure: str = "hub-and-spoke", n_firms: int = 12) -> Explorer:
    """A network of the chosen structure and size, with a firm to take out (see
    :class:`StructureExplorer`)."""
    return StructureExplorer(structure, n_firms)


@lru_cache(maxsize=32)
def _comparison(n_firms: int) -> pd.DataFrame:
    return compare_structures(n_firms)


def structure_comparison() -> Explorer:
    """Cost, reach, resilience and power concentration of every structure at one size."""

    def compute(n_firms: int, per_link: float) -> pd.DataFrame:
        table = _comparison(n_firms).copy()
        cost = CoordinationCost(per_link=per_link)
        table["coordination_cost"] = [
            cost.of(_full_network(kind, n_firms)[0])  # cached: not rebuilt per slider move
            for kind in table.index
        ]
        costliest = table["coordination_cost"].max()
        table["coordination_cost_scaled"] = (
            table["coordination_cost"] / costliest if costliest else 0
        )
        return table

    def summary(table: pd.DataFrame, values: Mapping[str, Any]) -> str:
        cells = "".join(
            f'<tr><td style="text-align:left">{kind}</td><td>{row.links:,.0f}</td>'
            f"<td>{row.coordination_cost:,.0f} €</td>"
            f"<td>{row.reach:.0%}</td><td>{row.resilience:.2f}</td><td>{row.centralization:.2f}</td></tr>"
            for kind, row in table.iterrows()
        )
        return (
            '<table style="text-align:right"><tr><th style="text-align:left">structure</th>'
            "<th>links</th><th>coordination cost per year</th><th>pairs within 2 links</th>"
            "<th>resilience (targeted)</th><th>centralisation</th></tr>" + cells + "</table>"
        )

    n = slider("Number of firms", 20, 6, 100, 2, integer=True)
    n.continuous_update = False
    return Explorer(
        controls={
            "n_firms": n,
            "per_link": slider("Cost per link (€ per year)", 1_000, 0, 5_000, 100, fmt=",.0f"),
        },
        compute=compute,
        traces=fig.comparison_traces,
        figure=fig.comparison_figure,
        summary=summary,
    )


def partner_selection() -> Explorer:
    """Rank the valley cluster's firms as partners for a chosen firm by complementarity."""
    cluster = load_cluster()
    names = {data["name"]: firm for firm, data in cluster.nodes(data=True)}

    def compute(firm: str) -> pd.DataFrame:
        return complementarity(cluster, names[firm])

    def summary(ranking: pd.DataFrame, values: Mapping[str, Any]) -> str:
        data = cluster.nodes[names[values["firm"]]]
        best = ranking[~ranking["already_partner"]].iloc[0]
        return (
            f"<b>{values['firm']}</b> ({data['sector']}, {data['town']}) can do: "
            f"{', '.join(data['capabilities'])}. Best new partner: <b>{best['name']}</b>, "
            f"which brings {best['brings'] or 'nothing new'} "
            f"(complementarity {best['complementarity']:.2f}"
            f"{', same town' if best['same_town'] else ''})."
        )

    return Explorer(
        controls={
            "firm": widgets.Dropdown(
                options=sorted(names),
                value=cluster.nodes["F01"]["name"],
                description="Firm looking for partners",
                style={"description_width": "initial"},
            )
        },  # fmt: skip
        compute=compute,
        traces=fig.partner_traces,
        figure=fig.partner_figure,
        summary=summary,
    )


def mill_street() -> go.Figure:
    """The six-firm Mill Street example as a static picture (names shown)."""
    graph = examples.mill_street()
    metrics = node_metrics(graph)
    figure = fig.network_figure(
        graph, metrics, layout.layout_positions(graph), title="Mill Street: who works with whom"
    )
    figure.update_layout(height=400)
    return figure


def valley_cluster() -> go.Figure:
    """The valley cluster as a static picture: one area per town (a seeded layout of the
    town's own partnerships), colour and shape by sector, size by partnerships; hover names
    each firm's partners."""
    graph = load_cluster()
    positions = layout.grouped_positions(graph, "town")
    figure = fig.network_figure(
        graph,
        node_metrics(graph),
        positions,
        title="The valley cluster (generated data): 60 firms in four towns and their partnerships",
        size_by="links",
        colour_by="sector",
        equal_aspect=False,
    )
    towns = nx.get_node_attributes(graph, "town")
    sizes = pd.Series(towns).value_counts()
    corners = layout.group_boxes(positions, towns)
    fig.label_groups(figure, {f"{t}, {sizes[t]} firms": xy for t, xy in corners.items()})
    figure.update_layout(height=560, margin={"l": 20, "r": 20, "t": 60, "b": 95})
    return figure


def florentine_business() -> go.Figure:
    """The real business ties (loans, credits, joint partnerships) among sixteen Florentine
    families in the 1430s, as a static picture; families without a tie stand apart."""
    graph = load_business()
    figure = fig.network_figure(
        graph,
        node_metrics(graph),
        layout.layout_positions(graph),
        title="Florentine families, 1430s: business ties (real data, Padgett)",
        size_by="links",
    )
    figure.update_layout(height=460)
    return figure


FLORENTINE_MEASURES = {
    "betweenness": "betweenness",
    "links (marriages)": "links",
    "closeness": "closeness",
    "effective size": "effective_size",
    "constraint": "constraint",
}


def florentine_families() -> Explorer:
    """Padgett's Florentine marriage network: size, colour and rank the families by a
    chosen measure (the caption names it), for the section on brokers."""
    graph = nx.florentine_families_graph()
    metrics = node_metrics(graph)
    positions = layout.layout_positions(graph)

    def compute(measure: str) -> tuple[str, pd.DataFrame]:
        return FLORENTINE_MEASURES[measure], metrics

    def summary(result: tuple[str, pd.DataFrame], values: Mapping[str, Any]) -> str:
        column, table = result
        ranked = table.sort_values(column, ascending=column == "constraint").head(5)
        rows = "".join(
            f"<tr><td>{family}</td><td>{row.links}</td><td>{row.betweenness:.3f}</td>"
            f"<td>{row.effective_size:.2f}</td><td>{row.constraint:.2f}</td></tr>"
            for family, row in ranked.iterrows()
        )
        order = "lowest" if column == "constraint" else "highest"
        return (
            f"<b>Top five families by {values['measure']}</b> ({order} first):"
            '<table style="text-align:right"><tr><th>family</th><th>marriages</th>'
            "<th>betweenness</th><th>effective size</th><th>constraint</th></tr>"
            + rows
            + "</table>"
        )

    return Explorer(
        controls={
            "measure": widgets.Dropdown(
                options=list(FLORENTINE_MEASURES),
                value="betweenness",
                description="Size and colour show",
                style={"description_width": "initial"},
            )
        },  # fmt: skip
        compute=compute,
        traces=lambda r: fig.ranked_network_traces(graph, r[1], positions, r[0], _label(r[0])),
        figure=lambda r: fig.ranked_network_figure(
            graph,
            r[1],
            positions,
            r[0],
            _label(r[0]),
            title="Florentine families, 1430s: marriages",
        ),  # fmt: skip
        summary=summary,
        layout=lambda r: {"annotations[0].text": fig.ranked_caption(_label(r[0]), r[0])},
    )


def _label(column: str) -> str:
    """The Florentine explorer's name of a measure column."""
    return next(label for label, c in FLORENTINE_MEASURES.items() if c == column)


# Old names (collabkit 0.1), kept for one release: see collabkit._compat.
__getattr__ = renamed(
    __name__,
    {
        "structure_explorer": "network_structure",
        "mill_street_view": "mill_street",
        "cluster_view": "valley_cluster",
    },
)
