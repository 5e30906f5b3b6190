"""Pure exports: a header and rows of plain values -> CSV or Excel bytes, safe to open."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from exports.cells import ILLEGAL, csv_value, local_time

MAX_WIDTH = 60


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, so Swedish Excel opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([csv_value(h) for h in header])
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet: str,
    widths: Sequence[int] | None = None,
) -> bytes:
    """A sheet with a bold, frozen header row and a filter; text cells are typed as text, so
    a title starting with "=" stays text (openpyxl would otherwise write it as a formula)."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    widths = widths or [max(10, min(MAX_WIDTH, len(h) + 4)) for h in header]
    for number, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    ws.freeze_panes = "A2"
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    cells = []
    for name in header:
        cell = _cell(ws, name)
        cell.font, cell.fill = head_font, head_fill
        cells.append(cell)
    ws.append(cells)
    count = 0
    for row in rows:
        ws.append([_cell(ws, v) for v in row])
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(ws: object, value: object) -> WriteOnlyCell:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=local_time(value))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=ILLEGAL.sub("", value))
        cell.data_type = "s"  # text, even where openpyxl took a leading "=" for a formula
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell
    return WriteOnlyCell(ws, value=value)
