import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from exports.tables import to_csv, to_xlsx

HEADER = ("Referens", "Rubrik", "Ändrad")
ROWS = [("SAM-2026-0001", "Läkarintyg; sena", datetime(2026, 11, 24, 12, 0, tzinfo=UTC))]


def test_csv_opens_in_swedish_excel():
    data = to_csv(HEADER, ROWS)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Referens;Rubrik;Ändrad"
    assert lines[1] == 'SAM-2026-0001;"Läkarintyg; sena";2026-11-24 12:00:00'


def test_xlsx_holds_the_header_and_rows():
    book = load_workbook(io.BytesIO(to_xlsx(HEADER, ROWS, sheet="Samverkansfrågor")))
    ws = book["Samverkansfrågor"]
    assert [c.value for c in ws[1]] == list(HEADER)
    assert ws["A2"].value == "SAM-2026-0001"
    assert ws["C2"].value == datetime(2026, 11, 24, 12, 0)
