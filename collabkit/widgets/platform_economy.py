"""Explorer of notebook 03: strategic levers drive the platform model; the plots and the
trajectory verdict update in place."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd

from collabkit._compat import renamed
from collabkit.analysis.trajectory import explain_trajectory
from collabkit.figures import platform_economy as fig
from collabkit.models.platform import PLATFORM_PRESETS, PlatformStrategy, simulate_platform
from collabkit.widgets.explorer import Explorer, slider
from collabkit.widgets.questions import QuestionWidget

VERDICT_COLOURS = {
    "Synergistic Growth": "#1b7837",
    "Hybrid Collaboration": "#0072B2",
    "Platform Trap": "#b2182b",
}


def _summary(run: pd.DataFrame, values: Mapping[str, Any]) -> str:
    verdict = explain_trajectory(run)
    colour = VERDICT_COLOURS[verdict.trajectory]
    total = run["cumulative_profit"].iloc[-1]
    return (
        f'<div style="border-left:5px solid {colour};padding:4px 10px">'
        f'<b style="color:{colour};font-size:110%">{verdict.trajectory}</b><br>'
        f"{html.escape(verdict.reason)}<br>Profit over the {len(run) / 12:g} years: "
        f"<b>{total:,.0f} thousand €</b> per SMB.</div>"
    )


def lever_controls(start: PlatformStrategy) -> dict[str, widgets.ValueWidget]:
    """One widget per lever of :class:`PlatformStrategy`, starting at ``start``."""
    percent = {"fmt": ".0%"}
    return {
        "platform_share": slider("Share of offer on platforms", start.platform_share, 0, 1,
                                 0.05, **percent),
        "n_platforms": slider("Number of platforms", start.n_platforms, 1, 5, 1, integer=True),
        "data_sharing": slider("Data shared with platforms", start.data_sharing, 0, 1, 0.05,
                               **percent),
        "invest_direct": slider("Invest in own channel (% of sales)", start.invest_direct, 0,
                                0.2, 0.01, **percent),
        "invest_data": slider("Invest in data skills (% of sales)", start.invest_data, 0, 0.2,
                              0.01, **percent),
        "invest_partners": slider("Invest in partner network (% of sales)",
                                  start.invest_partners, 0, 0.2, 0.01, **percent),
        "association": widgets.Checkbox(value=start.association,
                                        description="Member of an SMB association",
                                        indent=False),
    }  # fmt: skip


class PlanWidget(QuestionWidget):
    """A question whose answer is a strategy: the levers as sliders; answer = dict."""

    def _make_input(self) -> widgets.Widget:
        self._levers = lever_controls(PLATFORM_PRESETS["Platform Trap"])
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


def platform_trajectory(
    preset: str = "Hybrid Collaboration", n_sellers: int = 200, periods: int = 60
) -> Explorer:
    """Levers of :class:`~collabkit.models.platform.PlatformStrategy` as widgets, starting
    from one of :data:`~collabkit.models.platform.PLATFORM_PRESETS`."""
    start = PLATFORM_PRESETS[preset]

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
