"""The collaboration audit of notebook 04: reading the learner's table, the five flags."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabkit.course.over_collaboration_audit import (
    AUDIT_COLUMNS,
    MAX_ROWS,
    RECOMMENDATIONS,
    AuditError,
    AuditReport,
    audit,
    example_audit,
    read_audit,
)
from collabkit.models.net_benefit import NetBenefit

COLUMNS = list(AUDIT_COLUMNS)


def partner(name: str, **changes: object) -> dict[str, object]:
    """A healthy partner: 3 h a month, 10,000 € a year, fit 4, 5 % dependence, reviewed."""
    row: dict[str, object] = {
        "partner": name,
        "hours_per_month": 3,
        "value": 10_000,
        "strategic_fit": 4,
        "dependence": 5,
        "months_since_review": 6,
    }
    row.update(changes)
    return row


def healthy(count: int = 6) -> list[dict[str, object]]:
    return [partner(f"Partner {k}") for k in range(1, count + 1)]


def finding(report: AuditReport, recommendation: str):
    return report.findings[RECOMMENDATIONS.index(recommendation)]


def problems_of(table: object) -> tuple[str, ...]:
    with pytest.raises(AuditError) as caught:
        read_audit(table)
    return caught.value.problems


# --- the report --------------------------------------------------------------------------


def test_a_healthy_firm_passes_all_five():
    report = audit(healthy())
    assert [f.recommendation for f in report.findings] == list(RECOMMENDATIONS)
    assert all(f.ok for f in report.findings), [f.message for f in report.findings]
    assert report.passed == 5
    assert report.current == 6
    assert abs(report.current - report.optimum) <= 1
    assert "all five" in report.summary


def test_time_cost_and_net_value_by_hand():
    table = healthy(5) + [partner("Town club", hours_per_month=5, value=2_000)]
    report = audit(table, hour_value=60)
    row = report.partners.set_index("partner").loc["Town club"]
    assert row["time_cost"] == 5 * 12 * 60 == 3_600
    assert row["net_value"] == 2_000 - 3_600 == -1_600
    message = finding(report, "Value-adding collaboration").message
    assert "Town club" in message
    assert "3,600 €" in message and "2,000 €" in message and "1,600 €" in message


def test_partner_table_is_tidy_and_typed():
    report = audit(example_audit())
    frame = report.partners
    assert list(frame.columns[: len(COLUMNS)]) == COLUMNS
    assert {"time_cost", "net_value", "low_fit", "negative_net", "high_dependence"} <= set(
        frame.columns
    )
    assert len(frame) == report.current == 6
    assert frame["strategic_fit"].dtype.kind == "i"
    assert frame["value"].dtype.kind == "f"


@pytest.mark.parametrize("fit", [1, 2, 3, 4, 5])
def test_strategic_selection_flags_fit_two_or_less(fit):
    report = audit(healthy(5) + [partner("Golf club", strategic_fit=fit)])
    result = finding(report, "Strategic network selection")
    assert result.ok == (fit > 2)
    if not result.ok:
        assert "Golf club" in result.message and result.flagged == ("Golf club",)


def test_time_budget_flag_fires_just_above_the_budget():
    table = healthy()  # 6 partners x 3 h = 18 h a month
    assert finding(audit(table, time_budget=18), "Balanced engagement").ok
    over = finding(audit(table, time_budget=17.5), "Balanced engagement")
    assert not over.ok
    assert "18 hours a month" in over.message and "17.5" in over.message


def test_partner_count_flag_fires_more_than_one_off_the_optimum():
    # identical partners keep the means, so the calibrated optimum stays the same
    optimum = audit(healthy(), time_budget=400).optimum
    assert optimum >= 3
    for count in range(1, 16):
        result = finding(audit(healthy(count), time_budget=400), "Balanced engagement")
        assert result.ok == (abs(count - optimum) <= 1), count
        if count > optimum + 1:
            assert "over-collaborating" in result.message
        if count < optimum - 1:
            assert "room for more" in result.message


def test_value_adding_flags_exactly_negative_net_value():
    # 4 h x 12 x 50 € = 2,400 € of time a year
    even = healthy(5) + [partner("Print shop", hours_per_month=4, value=2_400)]
    assert finding(audit(even, hour_value=50), "Value-adding collaboration").ok
    losing = healthy(5) + [partner("Print shop", hours_per_month=4, value=2_399)]
    result = finding(audit(losing, hour_value=50), "Value-adding collaboration")
    assert not result.ok and result.flagged == ("Print shop",)
    assert "a loss of 1 €" in result.message


@pytest.mark.parametrize(("share", "flagged"), [(29.9, False), (30, True), (45, True)])
def test_autonomy_flags_one_partner_at_thirty_percent(share, flagged):
    table = healthy(5) + [partner("Mill", dependence=share)]  # total stays below 60 %
    result = finding(audit(table), "Strategic autonomy")
    assert result.ok is not flagged
    if flagged:
        assert "Mill" in result.message and result.flagged == ("Mill",)


@pytest.mark.parametrize(("each", "flagged"), [(19.9, False), (20, True)])
def test_autonomy_flags_sixty_percent_in_total(each, flagged):
    # three partners at `each` %, three at 0 %: the total is 3 x each
    table = [partner(f"P{k}", dependence=each if k < 3 else 0) for k in range(6)]
    result = finding(audit(table), "Strategic autonomy")
    assert result.ok is not flagged
    if flagged:
        assert "60 %" in result.message and result.flagged == ()


@pytest.mark.parametrize(("months", "flagged"), [(0, False), (12, False), (13, True)])
def test_evaluation_flags_reviews_older_than_a_year(months, flagged):
    result = finding(
        audit(healthy(5) + [partner("Bank", months_since_review=months)]), "Regular evaluation"
    )
    assert result.ok is not flagged
    if flagged:
        assert "Bank" in result.message and "yearly review" in result.message


def test_evaluation_flags_missing_review_data():
    blank = finding(
        audit(healthy(5) + [partner("Bank", months_since_review="")]), "Regular evaluation"
    )
    assert not blank.ok and "Bank has no review date" in blank.message
    without_column = [
        {key: value for key, value in row.items() if key != "months_since_review"}
        for row in healthy()
    ]
    report = audit(without_column)
    assert report.partners["months_since_review"].isna().all()
    assert not finding(report, "Regular evaluation").ok


def test_higher_hours_make_fewer_partners_optimal():
    optima = [
        audit([partner(f"P{k}", hours_per_month=hours) for k in range(6)]).optimum
        for hours in (1, 3, 6, 10, 20)
    ]
    assert optima == sorted(optima, reverse=True)
    assert optima[0] > optima[-1]


def test_curve_is_the_calibrated_model():
    table = healthy(5) + [partner("Big", value=40_000, hours_per_month=9, dependence=35)]
    report = audit(table, hour_value=45, time_budget=80)
    model = NetBenefit(
        value_per_partner=(5 * 10_000 + 40_000) / 6,
        hours_per_partner=(5 * 3 + 9) / 6,
        time_budget=80,
        core_hour_value=45,
        reliance_per_partner=(5 * 5 + 35) / 600,
        max_partners=20,
    )
    assert report.model == model
    pd.testing.assert_frame_equal(report.curve, model.run())
    assert report.optimum == model.optimum()
    assert report.current_net_benefit == pytest.approx(model.net_benefit(6))


def test_the_curve_is_calibrated_to_the_partners_worth_keeping():
    """Partners with a weak fit or a negative net value are left out of the average the
    curve is calibrated to (the other checks say to end them); the finding says so."""
    good = healthy(4)
    weak = [partner("Weak", strategic_fit=1), partner("Costly", value=1_000, hours_per_month=5)]
    report = audit(good + weak)
    assert report.calibrated_on == tuple(row["partner"] for row in good)
    assert report.model.value_per_partner == 10_000
    assert report.optimum == audit(good).optimum
    assert (
        "partners like the four that fit your strategy"
        in finding(report, "Balanced engagement").message
    )
    only_weak = audit(weak)  # nobody qualifies: the curve describes the partners there are
    assert only_weak.calibrated_on == ("Weak", "Costly")


def test_one_hour_is_one_hour():
    report = audit(healthy(3) + [partner("Tiny", hours_per_month=1, value=100, strategic_fit=1)])
    messages = " ".join(f.message for f in report.findings)
    assert "Tiny takes 1 hour a month" in messages
    assert "1 hours" not in messages


def test_model_ranges_are_respected_for_extreme_firms():
    table = [
        partner(f"P{k}", hours_per_month=200, value=10_000_000, dependence=100) for k in range(150)
    ]
    report = audit(table)
    assert report.model.hours_per_partner == 100
    assert report.model.value_per_partner == 1_000_000
    assert report.model.max_partners == 200
    assert len(report.curve) == 201


def test_example_firm_trips_two_or_three_flags():
    report = audit(example_audit())
    assert 2 <= 5 - report.passed <= 3
    assert len(example_audit()) == 6
    for result in report.findings:
        assert result.message.endswith((".", "?"))


@pytest.mark.parametrize(("hour_value", "time_budget"), [(-1, 60), (60, 0), (2_000, 60), (60, "x")])
def test_settings_are_checked(hour_value, time_budget):
    with pytest.raises(ValueError, match="hour_value|time_budget"):
        audit(healthy(), hour_value=hour_value, time_budget=time_budget)


# --- reading the table --------------------------------------------------------------------

STRING_ROWS = [
    {
        "partner": "Hofer mill",
        "hours_per_month": "3",
        "value": "20,000 €",
        "strategic_fit": "5",
        "dependence": "25 %",
        "months_since_review": "6",
    },
    {
        "partner": "Café Central",
        "hours_per_month": "2,5",
        "value": "9000",
        "strategic_fit": "4",
        "dependence": "10",
        "months_since_review": "",
    },
]
CSV_TEXT = (
    "partner,hours_per_month,value,strategic_fit,dependence,months_since_review\n"
    'Hofer mill,3,"20,000 €",5,25 %,6\n'
    'Café Central,"2,5",9000,4,10,\n'
)


def expected_frame() -> pd.DataFrame:
    return read_audit(
        pd.DataFrame(
            {
                "partner": ["Hofer mill", "Café Central"],
                "hours_per_month": [3, 2.5],
                "value": [20_000, 9_000],
                "strategic_fit": [5, 4],
                "dependence": [25, 10],
                "months_since_review": [6, math.nan],
            }
        )
    )


def test_every_input_kind_gives_the_same_frame(tmp_path):
    expected = expected_frame()
    assert expected["value"].tolist() == [20_000, 9_000]
    assert expected["hours_per_month"].tolist() == [3, 2.5]
    path = tmp_path / "partners.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    excel = tmp_path / "excel.csv"  # semicolons, decimal commas, cp1252 €, Windows lines
    excel.write_bytes(
        (
            "Partner;Hours per month (h);Value (€ per year);Strategic fit (1–5);Dependence (%);"
            "Months since review\r\nHofer mill;3;20000 €;5;25;6\r\n"
            "Café Central;2,5;9000;4;10;\r\n"
        ).encode("cp1252")
    )
    inputs = {
        "records": STRING_ROWS,
        "frame of strings": pd.DataFrame(STRING_ROWS),
        "csv text": CSV_TEXT,
        "Path": path,
        "PathLike": PathLike(path),
        "excel csv": excel,
    }
    for kind, table in inputs.items():
        pd.testing.assert_frame_equal(read_audit(table), expected, obj=kind)


class PathLike:
    """A path object that is not a pathlib.Path (like a py.path or an upload's temp file)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_a_string_naming_an_existing_file_is_text_not_the_file(tmp_path, monkeypatch):
    path = tmp_path / "partners.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in (str(path), "partners.csv"):
        (problem,) = problems_of(name)
        assert problem.startswith(f'The text "{name[:40]}')
        assert "looks like the name of a file" in problem and "pathlib.Path" in problem
    # a one-line text that is a header, not a file name, is read as a table without rows
    (problem,) = problems_of("partner")
    assert '"hours_per_month", "value", "strategic_fit" and "dependence" are missing' in problem
    assert 'It has "partner".' in problem
    pd.testing.assert_frame_equal(read_audit(Path("partners.csv")), expected_frame())


def test_blank_rows_are_ignored_but_counted():
    blank = {column: "" for column in COLUMNS}
    rows = [blank, STRING_ROWS[0], {"partner": None}, blank, STRING_ROWS[1], {}]
    pd.testing.assert_frame_equal(read_audit(rows), expected_frame())
    rows[4] = {**STRING_ROWS[1], "value": "lots"}
    assert problems_of(rows) == (
        'Row 5 (Café Central), column "Value (€ per year)": "lots" is not a number. '
        "Enter the value in € per year as a number, e.g. 12000.",
    )
    with_blank_lines = CSV_TEXT.replace("\nCafé", "\n,,,,,\n   \nCafé")
    pd.testing.assert_frame_equal(read_audit(with_blank_lines), expected_frame())


def test_extra_columns_are_ignored():
    rows = [{**row, "notes": "call in May", "contact": None} for row in STRING_ROWS]
    pd.testing.assert_frame_equal(read_audit(rows), expected_frame())


def test_all_bad_cells_are_reported_with_row_and_column():
    rows = [
        partner("Bakery Lux", hours_per_month="lots"),
        partner("Mill", value=-5, strategic_fit="4.5"),
        partner("", dependence="130 %"),
        partner("Shop", months_since_review="soon"),
    ]
    problems = problems_of(rows)
    assert problems == (
        'Row 1 (Bakery Lux), column "Hours per month (h)": "lots" is not a number. Enter the '
        "hours per month as a number from 0 to 200, e.g. 6.",
        'Row 2 (Mill), column "Value (€ per year)": -5 is below 0. '
        "Enter the value in € per year as a number, e.g. 12000.",
        'Row 2 (Mill), column "Strategic fit (1–5)": "4.5" is not a whole number. Enter a whole '
        "number from 1 (unrelated to the strategy) to 5 (core to it).",
        'Row 3, column "Partner": the name is missing. Enter the partner\'s name.',
        'Row 3, column "Dependence (%)": "130 %" is above 100. Enter a percentage from 0 to 100, '
        "e.g. 15.",
        'Row 4 (Shop), column "Months since review": "soon" is not a number. Enter a whole '
        "number of months, e.g. 8, or leave the cell blank.",
    )
    with pytest.raises(AuditError) as caught:
        read_audit(rows)
    assert all(problem in str(caught.value) for problem in problems)
    assert isinstance(caught.value, ValueError)


def test_messy_numbers_are_read():
    row = partner("Mill", hours_per_month="6 h", value="1.200.000", dependence=" 12,5 % ")
    for value in ("1.200.000", "1 200 000 €", "1,200,000", "1.200.000,00 €"):
        row["value"] = value
        frame = read_audit([row])
        assert frame.loc[0, ["hours_per_month", "value", "dependence"]].tolist() == [
            6,
            1_200_000,
            12.5,
        ], value


@pytest.mark.parametrize(
    ("value", "euros"),
    [("1.000 €", 1_000), ("1.000", 1_000), ("1,000 €", 1_000), ("11.250", 11_250),
     ("11.250,50 €", 11_250.5), ("12,50 €", 12.5), ("1 000 €", 1_000), ("€ 1,000", 1_000)],
)  # fmt: skip
def test_a_value_in_euros_reads_a_three_digit_group_as_thousands(value, euros):
    """Money has at most two decimals, so "1.000 €" is a thousand euros, never one."""
    assert read_audit([partner("Mill", value=value)]).loc[0, "value"] == euros


def test_a_unit_that_does_not_fit_the_column_is_reported():
    (percent,) = problems_of([partner("Mill", value="12 %")])
    assert percent == (
        'Row 1 (Mill), column "Value (€ per year)": this column is in € per year; you typed a '
        "percentage. Enter the value in € per year as a number, e.g. 12000."
    )
    (monthly,) = problems_of([partner("Mill", value="400 €/month")])
    assert "you typed an amount per month. Convert it to per year" in monthly
    (money,) = problems_of([partner("Mill", dependence="30 €")])
    assert "this column is in %; you typed an amount in €" in money


def test_hours_read_a_three_digit_decimal_only_where_thousands_cannot_be_meant():
    # 1500 hours a month is beyond the column's 200: "1,500" is one and a half hours
    assert read_audit([partner("Mill", hours_per_month="1,500 h")]).loc[0, "hours_per_month"] == 1.5
    assert read_audit([partner("Mill", hours_per_month="100,000")]).loc[0, "hours_per_month"] == 100
    # neither 250000 nor 250 hours fit the column: the learner is asked, not guessed for
    (problem,) = problems_of([partner("Mill", hours_per_month="250,000")])
    assert problem == (
        'Row 1 (Mill), column "Hours per month (h)": “250,000” could mean 250000 or 250. Type '
        "it without a thousands separator: 250000, or 250."
    )


def test_duplicate_partners_are_reported():
    problems = problems_of(healthy(2) + [partner("  partner 1 ")])
    assert problems == (
        'Row 3 (partner 1), column "Partner": "partner 1" is already the partner of row 1. '
        "Give each partner one row (add up the hours and value), or make the names different.",
    )


def test_missing_columns_empty_tables_and_non_tables():
    (missing,) = problems_of([{"partner": "A", "hours": 3, "value": 5}])
    assert '"hours_per_month", "strategic_fit" and "dependence" are missing' in missing
    assert '"hours"' in missing  # what the table does have
    for empty in ([], "", pd.DataFrame(columns=COLUMNS), [{column: "" for column in COLUMNS}]):
        (problem,) = problems_of(empty)
        assert "empty" in problem or "no partners" in problem
    for thing in (None, 42, {"partner": "A"}, object(), [1, 2]):
        (problem,) = problems_of(thing)
        assert "table" in problem or "dictionary" in problem
    (too_long,) = problems_of([partner("x" * 81)])
    assert "81 characters" in too_long


def test_too_many_rows():
    rows = [partner(f"P{k}") for k in range(MAX_ROWS + 1)]
    (problem,) = problems_of(rows)
    assert f"{MAX_ROWS + 1} partners" in problem
    assert len(read_audit(rows[:MAX_ROWS])) == MAX_ROWS


def test_files_that_are_not_csv_tables(tmp_path):
    (problem,) = problems_of(tmp_path / "nowhere.csv")
    assert "no file" in problem
    (problem,) = problems_of(tmp_path)
    assert "folder" in problem
    sheet = tmp_path / "partners.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    (problem,) = problems_of(sheet)
    assert "save it as CSV" in problem


def test_a_comma_splitting_a_csv_cell_is_explained():
    text = CSV_TEXT.replace('"20,000 €"', "20,000 €")
    problems = problems_of(text)
    assert problems[0].startswith("Row 1: has 7 cells but the header names 6 columns.")


# --- never another exception ---------------------------------------------------------------

CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["", " ", "3", "12,5", "1,200 €", "30 %", "-1", "nan", "inf", "1e400"]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
VALID = {
    "partner": st.text(min_size=1, max_size=12),
    "hours_per_month": st.integers(0, 200).map(str),
    "value": st.integers(0, 10_000_000).map(lambda v: f"{v:,} €"),
    "strategic_fit": st.integers(1, 5),
    "dependence": st.floats(0, 100),
    "months_since_review": st.one_of(st.none(), st.integers(0, 10**6)),
}
KEY = st.one_of(st.sampled_from([*COLUMNS, "notes", "Hours per month (h)"]), st.text(max_size=6))
ROW = st.one_of(
    st.dictionaries(KEY, CELL, max_size=8),
    st.fixed_dictionaries({k: st.one_of(v, CELL) for k, v in VALID.items()}),
    st.fixed_dictionaries(VALID),
)


def report_or_audit_error(table: object) -> AuditReport | AuditError:
    try:
        report = audit(table)
    except AuditError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        return error
    assert len(report.findings) == 5 and len(report.partners) == report.current > 0
    assert all(isinstance(f.message, str) and f.message for f in report.findings)
    return report


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, max_size=8))
def test_any_table_gives_a_report_or_an_audit_error(rows):
    report_or_audit_error(rows)
    try:
        frame = pd.DataFrame(rows)
    except Exception:  # pandas itself refuses some dictionaries; not the audit's concern
        return
    report_or_audit_error(frame)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_report_or_an_audit_error(text):
    report_or_audit_error(text)
    header = ",".join(COLUMNS) + "\n"
    report_or_audit_error(header + text)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(VALID),
        min_size=1,
        max_size=10,
        unique_by=lambda r: " ".join(r["partner"].split()).casefold(),
    )
)
def test_valid_tables_always_give_a_report(rows):
    if any(not " ".join(row["partner"].split()) for row in rows):
        return
    assert isinstance(report_or_audit_error(rows), AuditReport)
