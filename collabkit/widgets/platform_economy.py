"""Explorer of notebook 03: one SMB's levers and the sellers' collective action drive the
platform model; the plots and the trajectory verdict update in place."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from collabkit._compat import renamed
from collabkit.analysis.trajectory import explain_trajectory
from collabkit.core.colours import CORRECT, PALETTE, PARTIAL, WRONG
from collabkit.core.words import plural
from collabkit.course.platform_economy_escape import (
    brief_html,
    current_scenario,
    plan_outcome,
    run_plan,
)
from collabkit.figures import platform_economy as fig
from collabkit.models.platform import (
    COLLECTIVE_LEVERS,
    DRIFTING,
    HYBRID,
    INDEPENDENT,
    LEVERS,
    PLATFORM_PRESETS,
    PRESET_COLLECTIVE,
    SYNERGY,
    TRAP,
    Collective,
    Lever,
    PlatformMarket,
    PlatformStrategy,
    simulate_platform,
)
from collabkit.widgets.explorer import Explorer, slider
from collabkit.widgets.questions import QuestionWidget

VERDICT_COLOURS = {
    SYNERGY: CORRECT,
    HYBRID: PALETTE["blue"],
    TRAP: WRONG,
    INDEPENDENT: PALETTE["purple"],
    DRIFTING: PARTIAL,
}
#: The names of the collective levers (what the market's sellers do together).
COLLECTIVE_NAMES = tuple(lever.name for lever in COLLECTIVE_LEVERS)


def _summary(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    verdict = explain_trajectory(run)
    colour = VERDICT_COLOURS[verdict.trajectory]
    total = run["cumulative_profit"].iloc[-1]
    return (
        f'<div style="border-left:5px solid {colour};padding:4px 10px">'
        f'<b style="color:{colour};font-size:110%">{verdict.trajectory}</b><br>'
        f"{html.escape(verdict.reason)}<br>Profit over the {plural(len(run) / 12, 'year')}: "
        f"<b>{total:,.0f} thousand €</b> for your SMB. {_commission(run, values)}"
        f"{_coop(run, values)}</div>"
    )


def _coop(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    """What the co-op platform does for the SMB, or why it does nothing."""
    listed, members = float(values.get("coop_share", 0.0)), float(values.get("cooperative", 0.0))
    if members <= 0:
        return (
            f" You list {listed:.0%} of your offer on the co-op, but no sellers run one: it "
            "sells nothing until some do (the last slider)."
            if listed > 0
            else ""
        )
    return (
        f" The co-op, run by {members:.0%} of the sellers, reaches "
        f"{run['coop_reach'].iloc[-1]:.0%} of buyers (the platform: "
        f"{run['platform_reach'].iloc[-1]:.0%}); you list {listed:.0%} of your offer there, "
        f"and it carries {run['coop_share'].iloc[-1]:.0%} of your sales."
    )


def _commission(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    """What the operator charged and why: the other sellers' dependency, and how many of
    them bargain together (the SMB's own levers never move it)."""
    first, last = run["take_rate"].iloc[0], run["take_rate"].iloc[-1]
    dependency = run["market_dependency"].iloc[-1]
    organised = float(values.get("association", 0.0))
    ceiling = PlatformMarket().ceiling(Collective(association=organised))
    bargaining = (
        f"{organised:.0%} of them bargain in an association, which holds the ceiling at "
        f"{ceiling:.0%} and slows each increase"
        if organised > 0
        else f"none of them bargain together, so only the operator's maximum, {ceiling:.0%}, "
        "limits it"
    )
    why = (
        f"The other sellers end up with {dependency:.0%} of their sales on the platform; "
        f"{bargaining}. Your SMB's levers do not move the commission: one seller of many "
        "has no bargaining power."
    )
    if last > first + 1e-9:
        return f"The operator's commission rose from {first:.0%} to {last:.0%}. {why}"
    return f"The operator's commission stayed at {first:.0%}. {why}"


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


def collective_controls(start: Collective) -> dict[str, widgets.ValueWidget]:
    """One slider per lever of :class:`Collective` (what the sellers do together)."""
    return {
        lever.name: lever_control(lever, getattr(start, lever.name)) for lever in COLLECTIVE_LEVERS
    }


def _split(values: Mapping[str, Any]) -> tuple[PlatformStrategy, Collective]:
    """The SMB's strategy and the sellers' collective action from an explorer's controls."""
    own = {name: value for name, value in values.items() if name not in COLLECTIVE_NAMES}
    together = {name: value for name, value in values.items() if name in COLLECTIVE_NAMES}
    return PlatformStrategy(**own), Collective(**together)


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
    """One SMB's levers (:class:`~collabkit.models.platform.PlatformStrategy`) and, after
    them, what the market's sellers do together
    (:class:`~collabkit.models.platform.Collective`: association, co-op), starting from one
    of :data:`~collabkit.models.platform.PLATFORM_PRESETS` with the collective action it
    assumes, or from the levers' defaults (a balanced strategy, no collective action) when
    ``preset`` is None."""
    start = PlatformStrategy() if preset is None else PLATFORM_PRESETS[preset]
    together = Collective() if preset is None else PRESET_COLLECTIVE[preset]

    def compute(**values: Any) -> pd.DataFrame:
        strategy, collective = _split(values)
        return simulate_platform(
            strategy, periods=periods, n_sellers=n_sellers, collective=collective
        )

    controls = {**lever_controls(start), **collective_controls(together)}
    return Explorer(
        controls=controls,
        compute=compute,
        traces=fig.platform_traces,
        figure=fig.platform_figure,
        summary=_summary,
    )


# Old names (collabkit 0.1), kept for one release: see collabkit._compat.
__getattr__ = renamed(__name__, {"platform_explorer": "platform_trajectory"})
