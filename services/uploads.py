"""What a file someone uploads must be before anything reads it: small enough, and text in
UTF-8. Checked on the server whatever the browser let through; the refusal names the problem
(its size, or the encoding it seems to be in) so the user can fix the file.

A table (CSV or Excel) is read within bounds, whatever the file holds: a workbook is a zip
archive, and a few hundred kilobytes can unpack to gigabytes (one 300-million-character cell)
or to millions of empty rows that take minutes to walk. So the archive's unpacked size is
checked before it is opened, reading stops at the row limit whatever the rows hold, no cell is
longer than a stored text may be, and the whole read has a time limit. Control characters are
dropped from every cell, exactly as they are dropped when text is stored (models.stored_text).
"""

import csv
import io
import time
import zipfile
from collections.abc import Iterable, Iterator

from openpyxl import load_workbook

from models.refusals import RefusedError
from models.stored_text import TEXT_LIMIT, without_controls

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""2 MB: the whole national structure is about 40 kB, a year of measurements less."""
SERVER_LIMIT_MB = 5
"""Streamlit's own `server.maxUploadSize` (.streamlit/config.toml) stops anything larger
before it reaches the app; keep the two in step."""


MAX_ROWS = 10_000
"""Rows below the header, empty ones included."""
MAX_COLUMNS = 50
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
"""What a workbook's parts may unpack to: a full 10,000-row sheet is a few megabytes."""
MAX_PARTS = 500
MAX_SECONDS = 5.0


class UploadRefusedError(RefusedError):
    """too_large, empty, wrong_encoding, not_xlsx, not_csv, unpacks_too_large, too_many_rows,
    too_many_columns, cell_too_long or too_slow"""

    section = "upload"


def check_size(data: bytes, *, limit: int = MAX_UPLOAD_BYTES) -> None:
    """UploadRefusedError naming the size and the limit, for a file too large to read."""
    if len(data) > limit:
        raise UploadRefusedError(
            "too_large", {"size": _megabytes(len(data)), "limit": _megabytes(limit)}
        )


def upload_text(data: bytes, *, limit: int = MAX_UPLOAD_BYTES) -> str:
    """The file's text, or UploadRefusedError."""
    check_size(data, limit=limit)
    if not data.strip():
        raise UploadRefusedError("empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRefusedError("wrong_encoding", {"encoding": "UTF-16", "position": "1"})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise UploadRefusedError(
            "wrong_encoding", {"encoding": _likely_encoding(data), "position": str(bad.start + 1)}
        ) from None


def _likely_encoding(data: bytes) -> str:
    """Swedish files that are not UTF-8 are almost always saved as Windows-1252 ("ANSI") or
    Latin-1 by older tools; say so, so the user knows what to convert from."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "okänd / unknown"
    return "Windows-1252 / Latin-1"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def table_rows(data: bytes, filename: str) -> list[tuple[int, list[object]]]:
    """(line number, cells) of every non-empty row of a CSV or .xlsx file, the header first,
    read within the bounds above; UploadRefusedError naming the bound a file breaks."""
    check_size(data)
    rows = _xlsx_rows(data) if filename.lower().endswith(".xlsx") else _csv_rows(data)
    return list(_bounded(rows))


def _csv_rows(data: bytes) -> Iterator[list[object]]:
    text = upload_text(data)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.replace("\x00", "")), dialect)
    try:
        yield from reader
    except csv.Error:
        raise UploadRefusedError("not_csv", {"line": str(reader.line_num)}) from None


def _xlsx_rows(data: bytes) -> Iterator[list[object]]:
    _check_archive(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a file that is not a workbook)
        raise UploadRefusedError("not_xlsx") from None
    try:
        for cells in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            yield list(cells)
    except UploadRefusedError:
        raise
    except Exception:  # noqa: BLE001 (a broken sheet part: answered as a broken archive)
        raise UploadRefusedError("not_xlsx") from None
    finally:
        book.close()


def _check_archive(data: bytes) -> None:
    """The workbook's parts, unpacked, stay small: checked from the archive's directory before
    anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise UploadRefusedError("not_xlsx") from None
    unpacked = sum(p.file_size for p in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise UploadRefusedError(
            "unpacks_too_large",
            {"size": _megabytes(unpacked), "limit": _megabytes(MAX_UNPACKED_BYTES)},
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in parts:
            if (
                part.filename.startswith("xl/worksheets/")
                and _rows_in(archive, part) > MAX_ROWS + 1
            ):
                raise UploadRefusedError(
                    "too_many_rows", {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
                )


def _rows_in(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """How many rows a sheet holds, empty ones too, counted in its unpacked XML as it streams
    by (the workbook reader would walk each, and yields none of the empty ones)."""
    count, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            block = tail + chunk
            count += block.count(b"<row") - tail.count(b"<row")
            tail = block[-4:]
            if count > MAX_ROWS + 1:
                break
    return count


def _bounded(rows: Iterable[list[object]]) -> Iterator[tuple[int, list[object]]]:
    deadline = time.monotonic() + MAX_SECONDS
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise UploadRefusedError(
                "too_many_rows", {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
            )
        if time.monotonic() > deadline:
            raise UploadRefusedError("too_slow", {"line": str(number)})
        if len(cells) > MAX_COLUMNS:
            if any(c not in (None, "") for c in cells[MAX_COLUMNS:]):
                raise UploadRefusedError("too_many_columns", {"limit": str(MAX_COLUMNS)})
            cells = cells[:MAX_COLUMNS]
        cleaned = [_cell(c, number) for c in cells]
        if any(c is not None and str(c).strip() for c in cleaned):
            yield number, cleaned


def _cell(value: object, line: int) -> object:
    if not isinstance(value, str):
        return value
    if len(value) > TEXT_LIMIT:
        raise UploadRefusedError(
            "cell_too_long", {"line": str(line), "limit": f"{TEXT_LIMIT:,}".replace(",", "\u00a0")}
        )
    return without_controls(value)
