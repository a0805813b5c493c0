"""Explorer of notebook 03: strategic levers drive the platform model; the plots and the
trajectory verdict update in place."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from collabkit._compat import renamed
from collabkit.analysis.trajectory import explain_trajectory
from collabkit.core.colours import CORRECT, PALETTE, WRONG
from collabkit.core.words import plural
from collabkit.course.platform_economy_escape import (
    brief_html,
    current_scenario,
    plan_outcome,
    run_plan,
)
from collabkit.figures import platform_economy as fig
from collabkit.models.platform import (
    HYBRID,
    LEVERS,
    PLATFORM_PRESETS,
    SYNERGY,
    TRAP,
    Lever,
    PlatformMarket,
    PlatformStrategy,
    simulate_platform,
)
from collabkit.widgets.explorer import Explorer, slider
from collabkit.widgets.questions import QuestionWidget

VERDICT_COLOURS = {SYNERGY: CORRECT, HYBRID: PALETTE["blue"], TRAP: WRONG}


def _summary(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    verdict = explain_trajectory(run)
    colour = VERDICT_COLOURS[verdict.trajectory]
    total = run["cumulative_profit"].iloc[-1]
    return (
        f'<div style="border-left:5px solid {colour};padding:4px 10px">'
        f'<b style="color:{colour};font-size:110%">{verdict.trajectory}</b><br>'
        f"{html.escape(verdict.reason)}<br>Profit over the {plural(len(run) / 12, 'year')}: "
        f"<b>{total:,.0f} thousand €</b> per SMB. {_commission(run, values)}</div>"
    )


def _commission(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    """What the operator charged, and whether an association capped it (so ticking the
    association box says what it does, even when the cap does not bind)."""
    first, highest = run["take_rate"].iloc[0], run["take_rate"].max()
    cap = PlatformMarket().association_cap
    if values.get("association") and highest >= cap - 1e-9:
        return f"The association holds the operator's commission at its cap of {cap:.0%}."
    below = (
        f", below the {cap:.0%} cap the association negotiates" if values.get("association") else ""
    )
    if highest > first + 1e-9:
        return f"The operator's commission rose from {first:.0%} to {highest:.0%}{below}."
    return (
        f"The operator's commission stayed at {first:.0%}{below}: sellers depend too little "
        "on the platform for it to raise its commission."
    )


def lever_control(lever: Lever, value: Any) -> widgets.ValueWidget:
    """The control of one lever (see :data:`~collabkit.models.platform.LEVERS`) at ``value``:
    a tick box for a yes/no lever, else a slider over the lever's allowed range."""
    if lever.unit == "yes/no":
        return widgets.Checkbox(value=value, description=lever.label, indent=False)
    if lever.unit == "count":
        return slider(lever.label, value, lever.low, lever.high, lever.step, integer=True)
    return slider(lever.label, value, lever.low, lever.high, lever.step, fmt=".0%")


def lever_controls(start: PlatformStrategy) -> dict[str, widgets.ValueWidget]:
    """One widget per lever of :class:`PlatformStrategy`, starting at ``start``: the sliders,
    then the tick boxes."""
    ordered = sorted(LEVERS, key=lambda lever: lever.unit == "yes/no")
    return {lever.name: lever_control(lever, getattr(start, lever.name)) for lever in ordered}


class PlanWidget(QuestionWidget):
    """A question whose answer is a strategy: the levers as sliders, starting where the
    graded task's SMB stands (its trapped start); answer = dict."""

    def _make_input(self) -> widgets.Widget:
        self._levers = lever_controls(current_scenario().start)
        return widgets.Box(
            list(self._levers.values()),
            layout=widgets.Layout(display="flex", flex_flow="row wrap"),
        )

    @property
    def value(self) -> Any:
        return {name: control.value for name, control in self._levers.items()}

    def fill(self, answer: Any) -> None:
        if isinstance(answer, dict):
            for name, control in self._levers.items():
                if name in answer:
                    control.value = answer[name]


def escape_brief() -> HTML:
    """The brief of notebook 03's graded task as this kernel sets it (the assessed
    release's scenario, or practice): the SMB's trapped start, its market, the budget and
    the goals."""
    return HTML(brief_html(current_scenario()))


def escape_trial() -> Explorer:
    """Try a plan for notebook 03's graded task in the task's own scenario: the SMB's
    trapped years, then five years of the levers, in the task's market. The summary gives
    what the model says (trajectory, revenue kept, profit against doing nothing, spend);
    judging it against the goals is the student's part."""
    scenario = current_scenario()

    def compute(**levers: Any) -> pd.DataFrame:
        return run_plan(PlatformStrategy(**levers), scenario)

    def summary(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
        outcome = plan_outcome(PlatformStrategy(**values), scenario)
        colour = VERDICT_COLOURS[outcome.trajectory]
        return (
            f'<div style="border-left:5px solid {colour};padding:4px 10px">'
            f"After the two trapped years, these levers give "
            f'<b style="color:{colour}">{outcome.trajectory}</b> over five years: '
            f"{html.escape(outcome.reason)}<br>Revenue in the last year: "
            f"<b>{outcome.kept:.0%}</b> of the last trapped year. Five-year profit: "
            f"<b>{outcome.profit:,.0f} thousand €</b> (if nothing changed: "
            f"{outcome.profit_if_trapped:,.0f}). Investments: <b>{outcome.spend:.0%}</b> of "
            "sales.</div>"
        )

    return Explorer(
        controls=lever_controls(scenario.start),
        compute=compute,
        traces=fig.platform_traces,
        figure=fig.platform_figure,
        summary=summary,
    )


def platform_trajectory(
    preset: str | None = None,
    n_sellers: int = PlatformMarket.n_sellers,
    periods: int = PlatformMarket.periods,
) -> Explorer:
    """Levers of :class:`~collabkit.models.platform.PlatformStrategy` as widgets, starting
    from one of :data:`~collabkit.models.platform.PLATFORM_PRESETS`, or from the levers'
    defaults (a balanced strategy) when ``preset`` is None."""
    start = PlatformStrategy() if preset is None else PLATFORM_PRESETS[preset]

    def compute(**levers: Any) -> pd.DataFrame:
        return simulate_platform(PlatformStrategy(**levers), periods=periods, n_sellers=n_sellers)

    controls = lever_controls(start)
    return Explorer(
        controls=controls,
        compute=compute,
        traces=fig.platform_traces,
        figure=fig.platform_figure,
        summary=_summary,
    )


# Old names (collabkit 0.1), kept for one release: see collabkit._compat.
__getattr__ = renamed(__name__, {"platform_explorer": "platform_trajectory"})
