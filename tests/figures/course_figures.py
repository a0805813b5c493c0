"""Every figure the course shows, built the way the notebooks build it (through the chapter
facades and the widgets), by a short name.

Used by the colour and readability tests. :data:`BUILDERS` must name every figure builder
of ``collabkit/figures`` (``tests/figures/test_colour_vision.py`` checks that none is
missing), so a new figure is checked as soon as it exists.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go


def _pooling() -> go.Figure:
    from collabkit.chapters import fundamentals

    return fundamentals.cost_pooling().figure


def _reach() -> go.Figure:
    from collabkit.chapters import fundamentals

    return fundamentals.market_reach().figure


def _purchasing() -> go.Figure:
    from collabkit.chapters import fundamentals

    return fundamentals.group_purchasing().figure


def _free_riding() -> go.Figure:
    from collabkit.chapters import fundamentals

    return fundamentals.free_riding().figure


def _mutual_support() -> go.Figure:
    from collabkit.chapters import fundamentals

    return fundamentals.mutual_support().figure


def _business() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.florentine_business()


def _structure() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.network_structure().figure


def _structure_mesh() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.network_structure("sparse mesh", 20).figure


def _valley() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.valley_cluster()


def _partners() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.partner_selection().figure


def _mill_street() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.mill_street()


def _florentine() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.florentine_families().figure


def _comparison() -> go.Figure:
    from collabkit.chapters import network_design

    return network_design.structure_comparison().figure


def _resilience() -> go.Figure:
    from collabkit.analysis.resilience import resilience_curve
    from collabkit.figures.network_design import resilience_figure
    from collabkit.models.structures import NetworkStructure

    graph = NetworkStructure.sized("hub-and-spoke", 12).build()
    return resilience_figure(resilience_curve(graph, trials=5, points=11))


def _design() -> go.Figure:
    from collabkit.course import get_question
    from collabkit.widgets.questions import question_widget

    widget = question_widget(get_question("02.challenge.design"))
    names = list(widget.question.choices)
    widget.fill([[names[0], names[1]], [names[1], names[2]], [names[0], names[3]]])
    return widget._preview.figure


def _platform() -> go.Figure:
    from collabkit.chapters import platform_economy

    return platform_economy.platform_trajectory().figure


def _escape() -> go.Figure:
    from collabkit.chapters import platform_economy

    return platform_economy.escape_trial().figure


def _net_benefit() -> go.Figure:
    from collabkit.chapters import over_collaboration

    return over_collaboration.net_benefit().figure


def _partnering() -> go.Figure:
    from collabkit.chapters import over_collaboration

    explorer = over_collaboration.partnering_simulation()
    explorer.set(n_firms=50, periods=20)
    return explorer.figure


def _inverted_u() -> go.Figure:
    from collabkit.chapters import over_collaboration

    panel = over_collaboration.load_firm_panel()
    return over_collaboration.inverted_u(panel[panel.year <= 2020], "growth and partners")


def _ego() -> go.Figure:
    from collabkit.chapters import over_collaboration

    return over_collaboration.ego_network().figure


def _audit() -> go.Figure:
    from collabkit.chapters import over_collaboration

    return over_collaboration.AuditWidget(over_collaboration.example_audit()).figure


def _report() -> go.Figure:
    from collabkit.figures.report import report_figure

    items = pd.DataFrame(
        {"question_id": ["01.a.b", "01.a.c"], "difficulty": [0.8, 0.4],
         "discrimination": [0.3, -0.1]}
    )  # fmt: skip
    return report_figure(items)


#: Figure name → a function building it as the course shows it.
BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "pooling": _pooling,
    "reach": _reach,
    "purchasing": _purchasing,
    "free_riding": _free_riding,
    "mutual_support": _mutual_support,
    "florentine_business": _business,
    "structure": _structure,
    "structure_mesh": _structure_mesh,
    "valley_cluster": _valley,
    "partners": _partners,
    "mill_street": _mill_street,
    "florentine": _florentine,
    "comparison": _comparison,
    "resilience": _resilience,
    "design_preview": _design,
    "platform": _platform,
    "escape_trial": _escape,
    "net_benefit": _net_benefit,
    "partnering": _partnering,
    "inverted_u": _inverted_u,
    "ego": _ego,
    "audit": _audit,
    "report": _report,
}

#: Each ``*_figure`` builder of ``collabkit/figures`` → the entry of :data:`BUILDERS` that
#: shows it.
FIGURE_BUILDERS = {
    "fundamentals.pooling_figure": "pooling",
    "fundamentals.reach_figure": "reach",
    "fundamentals.purchasing_figure": "purchasing",
    "fundamentals.free_riding_figure": "free_riding",
    "fundamentals.support_figure": "mutual_support",
    "network_design.network_figure": "mill_street",
    "network_design.ranked_network_figure": "florentine",
    "network_design.resilience_figure": "resilience",
    "network_design.structure_figure": "structure",
    "network_design.comparison_figure": "comparison",
    "network_design.partner_figure": "partners",
    "platform_economy.platform_figure": "platform",
    "over_collaboration.net_benefit_figure": "net_benefit",
    "over_collaboration.partnering_figure": "partnering",
    "over_collaboration.ego_figure": "ego",
    "over_collaboration.inverted_u_figure": "inverted_u",
    "over_collaboration.audit_figure": "audit",
    "report.report_figure": "report",
}
