"""The generic table reader: every input kind gives the same header and rows, and anything
that is not a usable table gives a sentence, never a traceback."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabkit.core.tables import RawTable, TableSpec, is_blank_cell, read_table, show_cell

SPEC = TableSpec(
    reader="The shop list",
    content="a list of shops",
    example_row='{"shop": "Corner Coffee", "staff": 3}',
)
HEADERS = ["shop", "staff", "note"]
CSV_TEXT = "shop,staff,note\nCorner Coffee,3,\nDeli Rosa,5,opens at 8\n"
ROWS = [["Corner Coffee", "3", ""], ["Deli Rosa", "5", "opens at 8"]]


class FsPath:
    """A path object that is not a pathlib.Path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def read(table: object, spec: TableSpec = SPEC) -> RawTable:
    return read_table(table, spec)


def only_problem(table: object, spec: TableSpec = SPEC) -> str:
    headers, rows, problems = read(table, spec)
    assert (headers, rows) == ([], [])
    (problem,) = problems
    return problem


# --- each input kind ----------------------------------------------------------------------


def test_every_input_kind_gives_the_same_header_and_rows(tmp_path):
    path = tmp_path / "shops.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    inputs = {
        "csv text": CSV_TEXT,
        "semicolons": CSV_TEXT.replace(",", ";"),
        "tabs and Windows lines": CSV_TEXT.replace(",", "\t").replace("\n", "\r\n"),
        "byte order mark": "\ufeff" + CSV_TEXT,
        "records": [dict(zip(HEADERS, row, strict=True)) for row in ROWS],
        "frame": pd.DataFrame(ROWS, columns=HEADERS),
        "Path": path,
        "os.PathLike": FsPath(path),
    }
    for kind, table in inputs.items():
        assert read(table) == RawTable(HEADERS, ROWS, []), kind


def test_records_take_their_headers_in_order_of_first_appearance():
    headers, rows, problems = read([{"shop": "A"}, {"staff": 2, "shop": "B"}, {7: "x"}])
    assert headers == ["shop", "staff", "7"]
    assert rows == [["A", None, None], ["B", 2, None], [None, None, "x"]]
    assert problems == []


def test_a_list_of_other_things_names_the_items_and_shows_a_row():
    problem = only_problem([{"shop": "A"}, "B", 3])
    assert problem == (
        'A list of rows must hold one dictionary per row, like {"shop": "Corner Coffee", '
        '"staff": 3}; item(s) 2, 3 are not.'
    )
    assert "item(s) 1, 2, 3, 4, 5 …" in only_problem(list(range(7)))


def test_a_cp1252_file_from_excel_is_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("shop;price\r\nCafé;3 €\r\n".encode("cp1252"))
    assert read(path) == RawTable(["shop", "price"], [["Café", "3 €"]], [])


@pytest.mark.parametrize("empty", ["", "  \n\t\n", "\ufeff", [], (), pd.DataFrame(), ",,\n\n"])
def test_empty_inputs_give_no_header_and_no_problem(empty):
    assert read(empty) == RawTable([], [], [])


@pytest.mark.parametrize(
    ("thing", "shown"), [(None, "None"), (42, "42"), ({"shop": "A"}, "a dict"), (b"a,b", "a bytes")]
)
def test_what_is_not_a_table_is_named(thing, shown):
    assert only_problem(thing) == (
        "The shop list needs a table (a DataFrame, a list of rows, CSV text or the path of a "
        f".csv file), not {shown}."
    )


# --- a str is text, a file needs a path object ----------------------------------------------


def test_a_string_naming_an_existing_file_is_text_not_the_file(tmp_path, monkeypatch):
    path = tmp_path / "shops.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("shops.csv", str(path), "SHOPS.XLSX"):
        problem = only_problem(name)
        assert "looks like the name of a file" in problem and "pathlib.Path" in problem
    assert read(Path("shops.csv")) == RawTable(HEADERS, ROWS, [])


@pytest.mark.parametrize(
    ("text", "headers"),
    [("shop", ["shop"]), ("shop,notes.csv", ["shop", "notes.csv"]), ("3.5", ["3.5"])],
)
def test_a_one_line_header_is_a_table_without_rows(text, headers):
    assert read(text) == RawTable(headers, [], [])


# --- files that are not CSV tables ---------------------------------------------------------


def test_missing_files_and_folders_are_explained(tmp_path):
    assert only_problem(tmp_path / "nowhere.csv").startswith("There is no file ")
    assert only_problem(tmp_path).endswith("is a folder, not a .csv file.")


@pytest.mark.parametrize("name", ["shops.xlsx", "shops.XLS", "shops.ods", "shops.numbers"])
def test_spreadsheets_are_refused_with_advice(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not text")
    problem = only_problem(path)
    assert "is a spreadsheet file; save it as CSV" in problem


def test_a_file_larger_than_the_limit_is_not_read(tmp_path):
    path = tmp_path / "shops.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    size = path.stat().st_size
    small = TableSpec(SPEC.reader, SPEC.content, SPEC.example_row, max_bytes=size - 1)
    assert only_problem(path, small).endswith("is too large to be a list of shops.")
    exact = TableSpec(SPEC.reader, SPEC.content, SPEC.example_row, max_bytes=size)
    assert read(path, exact) == RawTable(HEADERS, ROWS, [])


def test_a_file_name_the_system_refuses_is_explained(tmp_path):
    problem = only_problem(tmp_path / ("x" * 300 + ".csv"))
    assert problem.startswith("The file ") and "could not be opened (OSError)" in problem


# --- malformed CSV -------------------------------------------------------------------------


def test_short_rows_are_padded_and_blank_extra_cells_dropped():
    text = "\n\nshop,staff\nA\nB,2,, \n"
    assert read(text) == RawTable(["shop", "staff"], [["A", None], ["B", "2"]], [])


def test_a_row_with_more_cells_than_the_header_is_reported():
    headers, rows, problems = read("shop,price\nA,1,200\nB,3\n")
    assert rows == [["A", "1"], ["B", "3"]]
    assert problems == [
        "Row 1: has 3 cells but the header names 2 columns. A number written with a comma "
        "(1,200 or 12,5) splits the cell in two: write it without the comma, or put the cell "
        "in quotes."
    ]


def test_a_cell_the_csv_module_refuses_is_a_problem_not_a_traceback():
    problem = only_problem("shop\n" + "x" * 200_000)
    assert problem.startswith("The CSV text could not be read: field larger than field limit")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_rows_as_long_as_the_header_or_a_problem(text):
    headers, rows, problems = read(text)
    assert all(isinstance(problem, str) and problem for problem in problems)
    assert all(len(row) == len(headers) for row in rows)


# --- cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", [None, pd.NA, pd.NaT, math.nan, np.float32("nan"), "", "  \t", "\n"]
)
def test_blank_cells(cell):
    assert is_blank_cell(cell)


@pytest.mark.parametrize("cell", [0, 0.0, "0", False, "x", 10**400, math.inf, [], "nan"])
def test_cells_that_are_not_blank(cell):
    assert not is_blank_cell(cell)


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("  a   b ", '"a b"'),
        ("x" * 41, '"' + "x" * 40 + '…"'),
        (-5.0, "-5"),
        (np.int64(12), "12"),
        (True, "True"),
        (None, "None"),
        (10**400, "1" + "0" * 39 + "…"),
    ],
)
def test_cells_are_shown_as_typed_and_shortened(cell, shown):
    assert show_cell(cell) == shown
