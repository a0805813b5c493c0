"""The collaboration audit of notebook 04: an editable table of a firm's partnerships
(or a CSV file), and a report with one finding per recommendation and the firm's place on
its net-benefit curve.

The table is one CSS grid, header and cells alike, so its columns line up at any width;
the columns share the width there is (the partner's name gets twice the room of a number).
Loading a CSV file replaces the table's rows; when that replaces rows that were there, the
widget says how many (and how many of them the learner typed or changed) and offers an
undo that brings them back."""

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
#: The table's columns: the partner's name twice as wide as each number, none narrower
#: than its minimum, all sharing the width of the notebook's output area.
GRID_COLUMNS = "minmax(9em, 2fr) " + " ".join(["minmax(5em, 1fr)"] * (len(AUDIT_COLUMNS) - 1))
_CELL = {"width": "auto", "min_width": "0"}
#: A header word longer than its column breaks (hyphenated where the browser can) instead
#: of running into the next column's header.
_HEADER_STYLE = "display:block;line-height:1.3;hyphens:auto;overflow-wrap:anywhere"
#: Said beside the load button, so that nobody loads a file expecting it to add rows.
LOAD_HINT = "A CSV file replaces the rows above; you can undo that."


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
        self.header = [
            widgets.HTML(
                f'<b lang="en" style="{_HEADER_STYLE}">{html.escape(label)}</b>',
                layout=widgets.Layout(**_CELL),
            )
            for label, _ in AUDIT_COLUMNS.values()
        ]
        self.grid = widgets.GridBox(
            layout=widgets.Layout(
                grid_template_columns=GRID_COLUMNS, grid_gap="2px 6px", width="100%",
                max_width="980px", align_items="flex-end",
            )
        )  # fmt: skip
        # typed numbers are read by the kit's reader, like the table ("1.000 €" is a thousand)
        self.hour_value = NumberBox("Value of a core-work hour (€)", hour_value, 0, 1000, unit="€")
        self.time_budget = NumberBox("Hours a month you can give to partners", time_budget, 1, 400)
        self.add_button = widgets.Button(description="Add a row", icon="plus")
        self.run_button = widgets.Button(
            description="Run the audit", button_style="primary", icon="check"
        )
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Load a CSV")
        self.undo_button = widgets.Button(
            description="Undo the load", icon="undo", layout=widgets.Layout(display="none")
        )
        self.load_note = widgets.HTML(f"<small>{LOAD_HINT}</small>")
        self.load_note.add_class("collabkit-audit-load")
        self.report = widgets.HTML()
        self.report.add_class("collabkit-audit-report")
        self.last: AuditReport | None = None
        self._before_load: list[dict[str, str]] | None = None
        start = table if table is not None else pd.DataFrame(columns=list(AUDIT_COLUMNS))
        self._fill(start)
        self._start = [row for row in self.records() if any(row.values())]
        self.plot = Plot(audit_figure(pd.DataFrame({"partners": [0], "net_benefit": [0.0]}), 0, 0))
        self.add_button.on_click(lambda _: self._add_row())
        self.run_button.on_click(lambda _: self.run())
        self.upload.observe(self._on_upload, names="value")
        self.undo_button.on_click(lambda _: self.undo_load())
        buttons = widgets.HBox(
            [self.add_button, self.upload, self.undo_button, self.run_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        settings = widgets.HBox(
            [self.hour_value, self.time_budget], layout=widgets.Layout(flex_flow="row wrap")
        )
        super().__init__([self.grid, buttons, self.load_note, settings, self.report, self.plot])
        self.add_class("collabkit-audit")
        keyboard_safe(self)
        if table is not None and len(table):
            self.run()

    @property
    def figure(self) -> go.Figure:
        """The audit's plot as it stands (updated in place)."""
        return self.plot.figure

    def _fill(self, table: pd.DataFrame, spare: int = SPARE_ROWS) -> None:
        self.rows = []
        for record in table.to_dict("records"):
            self._add_row(record, refresh=False)
        for _ in range(spare):
            self._add_row(refresh=False)
        self.grid.children = [*self.header, *(cell for row in self.rows for cell in row)]

    def _add_row(self, record: Mapping[str, Any] | None = None, refresh: bool = True) -> None:
        record = record or {}
        self.rows.append(
            [widgets.Text(value=_cell_text(record.get(name)), placeholder=name.replace("_", " "),
                          layout=widgets.Layout(**_CELL))
             for name in AUDIT_COLUMNS]
        )  # fmt: skip
        if refresh:
            self.grid.children = [*self.grid.children, *self.rows[-1]]

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
        self.upload.value = ()  # the same file can be loaded again
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
        self.load(table, str(files[0].get("name") or "the file"))

    def load(self, table: pd.DataFrame, source: str = "the file") -> None:
        """Replace the table's rows with ``table``'s (read by :func:`read_audit`) and run
        the audit. If rows were in the table, say how many were replaced (and how many of
        them the learner typed or changed) and offer :meth:`undo_load`."""
        before = self.records()
        kept = [row for row in before if any(value.strip() for value in row.values())]
        typed = sum(row not in self._start for row in kept)
        self.set_rows(table.to_dict("records"))
        loaded = f"Loaded {_count(len(table), 'partner')} from {html.escape(source)}."
        if kept:
            self._before_load = before
            mine = f", {typed} of them typed or changed by you" if typed else ""
            self.load_note.value = (
                f"<small>{loaded} <b>This replaced {_count(len(kept), 'row')} that "
                f"{'was' if len(kept) == 1 else 'were'} in the table{mine}.</b> "
                "“Undo the load” brings them back.</small>"
            )
            self.undo_button.layout.display = None
        else:
            self._before_load = None
            self.load_note.value = f"<small>{loaded}</small>"
            self.undo_button.layout.display = "none"
        self.run()

    def undo_load(self) -> None:
        """Put back the rows the last load replaced, exactly as they were, and rerun."""
        if self._before_load is None:
            return
        rows = self._before_load
        self._before_load = None
        self.rows = []
        for record in rows:
            self._add_row(record, refresh=False)
        self.grid.children = [*self.header, *(cell for row in self.rows for cell in row)]
        self.undo_button.layout.display = "none"
        self.load_note.value = (
            f"<small>Your rows are back; the file's rows are gone. {LOAD_HINT}</small>"
        )
        self.run()


def _aligned_table(table: pd.DataFrame, formats: Mapping[str, Any]) -> str:
    """``table`` as HTML whose headers line up with their cells: text columns to the left,
    number columns (and their headers) to the right, whatever the page's table style."""
    numeric = {c: pd.api.types.is_numeric_dtype(table[c]) for c in table.columns}

    def cell(tag: str, column: str, text: str) -> str:
        side = "right" if numeric[column] else "left"
        return f'<{tag} style="text-align:{side};padding:2px 8px">{html.escape(text)}</{tag}>'

    head = "".join(cell("th", c, str(c)) for c in table.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            cell("td", c, formats[c](v) if c in formats and pd.notna(v) else _cell_text(v))
            for c, v in record.items()
        )
        + "</tr>"
        for record in table.to_dict("records")
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


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
    table_html = _aligned_table(table, formats)
    return (
        f"<h4>Your collaboration audit</h4><p>{html.escape(report.summary)}</p>"
        f"<ul>{findings}</ul>{table_html}"
    )
