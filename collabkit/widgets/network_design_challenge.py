"""The graded design task of notebook 02: its brief, and a question widget for answers that
are links between named items (the learner builds a network with two menus and sees it
drawn as they go)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import networkx as nx
import plotly.graph_objects as go
from IPython.display import Markdown

from collabkit.analysis.network import node_metrics
from collabkit.assess import questions as qt
from collabkit.course import task_parameters
from collabkit.course.network_design import design_brief as brief_of
from collabkit.figures import layout
from collabkit.figures import network_design as fig
from collabkit.widgets.plot import Plot
from collabkit.widgets.questions import QuestionWidget


def design_brief() -> Markdown:
    """The brief of the graded design task this kernel works with (notebook 02, section 8).

    An assessed release gives each course its own firms and limits; practice mode shows the
    open brief.
    """
    parameters = task_parameters("02")
    brief = brief_of(parameters)
    providers = " and ".join(f"**{firm}**" for firm in parameters["logistics"])
    return Markdown(
        f"These {len(brief.firms)} Millbrook firms of the valley cluster want a shared "
        f"delivery network: {', '.join(brief.firms)}. Two of them, {providers}, do the "
        "deliveries. The brief:\n\n"
        f"1. every firm is at most **{brief.reach_steps} links** from a logistics provider;\n"
        "2. the network **stays connected whichever single firm leaves** (no single point of "
        "failure);\n"
        f"3. at most **{brief.max_links} links** in total (each costs time to maintain);\n"
        f"4. no firm has more than **{brief.max_links_per_firm} links**.\n\n"
        "Each goal met earns a quarter of the points; a goal missed earns none for it. "
        "(The firms are made up: the valley cluster is generated data.)"
    )


class PairsWidget(QuestionWidget):
    """Build a set of links between the question's ``choices``; answer = list of pairs."""

    question: qt.Rubric

    def _make_input(self) -> widgets.Widget:
        names = list(self.question.choices)
        style = {"description_width": "initial"}
        self._first = widgets.Dropdown(
            options=names, value=names[0], description="Link", style=style
        )
        self._second = widgets.Dropdown(
            options=names, value=names[1], description="with", style=style
        )
        add = widgets.Button(description="Add link", icon="plus")
        remove = widgets.Button(description="Remove link", icon="minus")
        clear = widgets.Button(description="Clear all", icon="trash")
        add.on_click(lambda _: self._edit(add=True))
        remove.on_click(lambda _: self._edit(add=False))
        clear.on_click(lambda _: self.fill([]))
        self._status = widgets.HTML()
        self._links: list[tuple[str, str]] = []
        self._positions = layout.circle_positions(names, 1.0)
        self._preview = Plot(self._figure())
        return widgets.VBox(
            [
                widgets.HBox([self._first, self._second, add, remove, clear]),
                self._status,
                self._preview,
            ]
        )

    def _graph(self) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(self.question.choices)
        graph.add_edges_from(self._links)
        return graph

    def _figure(self) -> go.Figure:
        graph = self._graph()
        figure = fig.network_figure(
            graph, node_metrics(graph), self._positions, title="Your design", size_by="links"
        )
        figure.update_layout(height=380, margin={"l": 10, "r": 10, "t": 50, "b": 30})
        return figure

    def _redraw(self) -> None:
        graph = self._graph()
        updates = fig.network_traces(graph, node_metrics(graph), self._positions, "links")
        self._preview.update(updates)
        count = len(self._links)
        self._status.value = f"{count} link{'s' if count != 1 else ''} so far."

    def _edit(self, *, add: bool) -> None:
        a, b = self._first.value, self._second.value
        pair = tuple(sorted((a, b)))
        if a == b:
            self._status.value = (
                "<i>A firm cannot be linked to itself: pick two different firms.</i>"
            )
            return
        if add and pair not in self._links:
            self._links.append(pair)
        elif not add and pair in self._links:
            self._links.remove(pair)
        self._redraw()

    @property
    def value(self) -> Any:
        return [list(pair) for pair in self._links]

    def fill(self, answer: Any) -> None:
        names = set(self.question.choices)
        pairs = answer if isinstance(answer, (list, tuple)) else []
        self._links = []
        for pair in pairs:
            if isinstance(pair, (list, tuple)) and len(pair) == 2 and set(pair) <= names:
                key = tuple(sorted(pair))
                if key[0] != key[1] and key not in self._links:
                    self._links.append(key)
        self._redraw()
