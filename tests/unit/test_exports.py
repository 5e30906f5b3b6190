import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from exports.cells import defused, local_time
from exports.spreadsheets import to_csv, to_xlsx

HEADER = ("Referens", "Rubrik", "Ändrad")
ROWS = [("SAM-2026-0001", "Läkarintyg; sena", datetime(2026, 11, 24, 12, 0, 7, 123456, tzinfo=UTC))]
HOSTILE = [
    '=HYPERLINK("https://evil.example","Klicka")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "=cmd|' /C calc'!A0",
]


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_opens_in_swedish_excel_with_local_time_to_the_minute():
    data = to_csv(HEADER, ROWS)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Referens;Rubrik;Ändrad"
    assert lines[1] == 'SAM-2026-0001;"Läkarintyg; sena";2026-11-24 13:00'


def test_summer_time_is_swedish_summer_time():
    assert local_time(datetime(2026, 7, 1, 10, 30, 59, tzinfo=UTC)) == datetime(2026, 7, 1, 12, 30)  # noqa: DTZ001


def test_xlsx_holds_the_header_and_rows_in_local_time_with_a_filter_and_frozen_header():
    book = load_workbook(
        io.BytesIO(to_xlsx(HEADER, ROWS, sheet="Samverkansfrågor", widths=[16, 50, 17]))
    )
    ws = book["Samverkansfrågor"]
    assert [c.value for c in ws[1]] == list(HEADER)
    assert ws["A1"].font.bold
    assert ws["A2"].value == "SAM-2026-0001"
    assert ws["C2"].value == datetime(2026, 11, 24, 13, 0)  # noqa: DTZ001 (cells are naive)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C2"
    assert ws.column_dimensions["B"].width == 50


@pytest.mark.parametrize("text", HOSTILE)
def test_a_crafted_cell_opens_in_a_spreadsheet_as_text(text):
    rows = [("SAM-2026-0002", text, None)]
    ws = load_workbook(io.BytesIO(to_xlsx(HEADER, rows, sheet="S")))["S"]
    assert ws["B2"].data_type == "s"
    # XML keeps no carriage return; the text after it is all there, as text
    assert ws["B2"].value.lstrip("\r\n") == text.lstrip("\r")
    cell = _csv_cells(to_csv(HEADER, rows))[1][1]
    assert cell == "'" + text


def test_ordinary_text_is_left_as_it_is():
    assert defused("Läkarintyg – sena") == "Läkarintyg – sena"
    assert defused("a=b") == "a=b"


def test_control_characters_that_xml_cannot_hold_are_dropped():
    ws = load_workbook(io.BytesIO(to_xlsx(HEADER, [("x", "a\x00b\x07c", None)], sheet="S")))["S"]
    assert ws["B2"].value == "abc"
