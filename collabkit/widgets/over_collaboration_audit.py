"""The collaboration audit of notebook 04: an editable table of a firm's partnerships
(or a CSV file), and a report with one finding per recommendation and the firm's place on
its net-benefit curve."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from collabkit.core.colours import WARNING
from collabkit.course.over_collaboration_audit import (
    AUDIT_COLUMNS,
    AuditError,
    AuditReport,
    audit,
    read_audit,
)
from collabkit.figures.over_collaboration import audit_figure, audit_traces
from collabkit.widgets.guard import keyboard_safe
from collabkit.widgets.number_box import NumberBox
from collabkit.widgets.plot import Plot

#: Blank rows offered under the starting table for new partners.
SPARE_ROWS = 2
_CELL = widgets.Layout(width="118px")
_NAME_CELL = widgets.Layout(width="210px")


class AuditWidget(widgets.VBox):
    """Enter partnerships row by row (or load a CSV), then run the audit.

    Parameters
    ----------
    table
        Starting rows (columns of :data:`AUDIT_COLUMNS`), e.g. ``example_audit()``.
    hour_value, time_budget
        Starting values of the two firm-wide settings (see :func:`audit`).
    """

    def __init__(
        self, table: pd.DataFrame | None = None, hour_value: float = 60.0,
        time_budget: float = 60.0,
    ) -> None:  # fmt: skip
        self.rows: list[list[widgets.Text]] = []
        self.grid = widgets.VBox()
        # typed numbers are read by the kit's reader, like the table ("1.000 €" is a thousand)
        self.hour_value = NumberBox("Value of a core-work hour (€)", hour_value, 0, 1000, unit="€")
        self.time_budget = NumberBox("Hours a month you can give to partners", time_budget, 1, 400)
        self.add_button = widgets.Button(description="Add a row", icon="plus")
        self.run_button = widgets.Button(
            description="Run the audit", button_style="primary", icon="check"
        )
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Load a CSV")
        self.report = widgets.HTML()
        self.report.add_class("collabkit-audit-report")
        self.last: AuditReport | None = None
        self._fill(table if table is not None else pd.DataFrame(columns=list(AUDIT_COLUMNS)))
        self.plot = Plot(audit_figure(pd.DataFrame({"partners": [0], "net_benefit": [0.0]}), 0, 0))
        self.add_button.on_click(lambda _: self._add_row())
        self.run_button.on_click(lambda _: self.run())
        self.upload.observe(self._on_upload, names="value")
        header = widgets.HBox(
            [widgets.HTML(f"<b>{html.escape(label)}</b>", layout=self._layout(name))
             for name, (label, _) in AUDIT_COLUMNS.items()]
        )  # fmt: skip
        buttons = widgets.HBox([self.add_button, self.upload, self.run_button])
        settings = widgets.HBox([self.hour_value, self.time_budget])
        super().__init__([header, self.grid, buttons, settings, self.report, self.plot])
        self.add_class("collabkit-audit")
        keyboard_safe(self)
        if table is not None and len(table):
            self.run()

    @property
    def figure(self) -> go.Figure:
        """The audit's plot as it stands (updated in place)."""
        return self.plot.figure

    @staticmethod
    def _layout(name: str) -> widgets.Layout:
        return _NAME_CELL if name == "partner" else _CELL

    def _fill(self, table: pd.DataFrame) -> None:
        self.rows = []
        for record in table.to_dict("records"):
            self._add_row(record, refresh=False)
        for _ in range(SPARE_ROWS):
            self._add_row(refresh=False)
        self.grid.children = [widgets.HBox(row) for row in self.rows]

    def _add_row(self, record: Mapping[str, Any] | None = None, refresh: bool = True) -> None:
        record = record or {}
        self.rows.append(
            [widgets.Text(value=_cell_text(record.get(name)), placeholder=name.replace("_", " "),
                          layout=self._layout(name))
             for name in AUDIT_COLUMNS]
        )  # fmt: skip
        if refresh:
            self.grid.children = [*self.grid.children, widgets.HBox(self.rows[-1])]

    def records(self) -> list[dict[str, str]]:
        """The table as the learner typed it: one dict of strings per row."""
        return [
            {name: cell.value for name, cell in zip(AUDIT_COLUMNS, row, strict=True)}
            for row in self.rows
        ]

    def set_rows(self, rows: list[Mapping[str, Any]]) -> None:
        """Replace the table's content (as a learner typing it would)."""
        self._fill(pd.DataFrame(rows, columns=list(AUDIT_COLUMNS)))

    def run(self) -> AuditReport | None:
        """Audit the table; show the report, or the problems naming row and column."""
        try:
            report = audit(self.records(), self.hour_value.value, self.time_budget.value)
        except AuditError as err:
            self.report.value = _problems_html(err.problems)
            return None
        except ValueError as err:
            self.report.value = _problems_html((str(err),))
            return None
        self.last = report
        self.report.value = report_html(report)
        self.plot.update(audit_traces(report.curve, report.current, report.optimum))
        return report

    def _on_upload(self, change: Mapping[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        try:
            text = bytes(files[0]["content"]).decode("utf-8-sig")
        except UnicodeDecodeError:
            self.report.value = _problems_html(
                ("The file is not a text CSV (UTF-8). Save it from your spreadsheet as CSV.",)
            )
            return
        try:
            table = read_audit(text)
        except AuditError as err:
            self.report.value = _problems_html(err.problems)
            return
        self.set_rows(table.to_dict("records"))
        self.run()


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _problems_html(problems: tuple[str, ...]) -> str:
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return (
        f'<div style="color:{WARNING}"><b>The audit could not run. Please fix these cells:</b>'
        f"<ul>{items}</ul></div>"
    )


def report_html(report: AuditReport) -> str:
    """The report: summary, one line per recommendation, and the partner table."""
    findings = "".join(
        f"<li>{'✓' if f.ok else '⚠'} <b>{html.escape(f.recommendation)}</b>: "
        f"{html.escape(f.message)}</li>"
        for f in report.findings
    )
    table = report.partners[["partner", "hours_per_month", "value", "time_cost", "net_value",
                             "strategic_fit", "dependence"]].rename(columns={
        "partner": "Partner", "hours_per_month": "Hours a month", "value": "Value (€/year)",
        "time_cost": "Time cost (€/year)", "net_value": "Net value (€/year)",
        "strategic_fit": "Fit (1–5)", "dependence": "Dependence (%)"})  # fmt: skip
    money = ["Value (€/year)", "Time cost (€/year)", "Net value (€/year)"]
    formats = {c: "{:,.0f}".format for c in money} | {
        c: "{:g}".format for c in ("Hours a month", "Dependence (%)")
    }
    table_html = table.to_html(index=False, border=0, formatters=formats, escape=True)
    return (
        f"<h4>Your collaboration audit</h4><p>{html.escape(report.summary)}</p>"
        f"<ul>{findings}</ul>{table_html}"
    )
