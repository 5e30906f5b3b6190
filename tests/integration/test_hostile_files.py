"""Files made to hurt: a workbook that unpacks to hundreds of megabytes, one of millions of
empty rows, cells too long or full of control characters. Each is refused in well under a
second with its reason, or cleaned exactly as storing would clean it, on both databases."""

import io
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook
from sqlmodel import select

from models import Measurement, unit_of_work
from models.stored_text import TEXT_LIMIT, TextTooLongError
from services.effects.imports import check_import, import_measurements
from services.uploads import MAX_ROWS, UploadRefusedError, table_rows
from tests.integration.conftest import act
from tests.integration.test_effects import FK_OFFICER, TODAY, effect  # noqa: F401 - fixture

HEADER = "indikator;datum;värde;kommentar\n"


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one part replaced or added (deflate packs repetition very small)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        target.writestr(name, content)
    return out.getvalue()


def refused_fast(data: bytes, filename: str) -> str:
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(UploadRefusedError) as refused:
            table_rows(data, filename)
        seconds = time.monotonic() - started
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < 1, f"{seconds:.1f} s"
    assert peak < 200 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
    return refused.value.code


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_unopened():
    plain = workbook([["indikator", "datum", "värde", "kommentar"], ["Planer", 2024, 1, "x"]])
    bomb = with_part(
        plain,
        "xl/sharedStrings.xml",
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><si><t>' + b"A" * 300_000_000 + b"</t></si></sst>",
    )
    assert len(bomb) < 2 * 1024 * 1024
    assert refused_fast(bomb, "bomb.xlsx") == "unpacks_too_large"


def test_a_workbook_of_millions_of_empty_rows_stops_at_the_row_limit():
    plain = workbook([["indikator", "datum", "värde"]])
    rows = b"".join(b'<row r="%d"/>' % n for n in range(2, 2_000_000))
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        b"indikator</t></is></c></row>" + rows + b"</sheetData></worksheet>"
    )
    empty = with_part(plain, "xl/worksheets/sheet1.xml", sheet)
    assert refused_fast(empty, "tomma.xlsx") in ("too_large", "too_many_rows", "unpacks_too_large")
    few = with_part(
        plain,
        "xl/worksheets/sheet1.xml",
        sheet.replace(rows, b"".join(b'<row r="%d"/>' % n for n in range(2, MAX_ROWS + 10))),
    )
    assert refused_fast(few, "tomma.xlsx") == "too_many_rows"


@pytest.mark.parametrize("count", [2_000_000, 20_000_000])
def test_a_small_workbook_of_millions_of_bare_empty_rows_is_refused_at_once(count):
    """As found: 60 kB held 2 million empty rows, 584 kB 20 million."""
    plain = workbook([["indikator", "datum", "värde"]])
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + b"<row/>" * count + b"</sheetData></worksheet>"
    )
    data = with_part(plain, "xl/worksheets/sheet1.xml", sheet)
    assert len(data) < 1024 * 1024
    assert refused_fast(data, "tomma.xlsx") in ("too_many_rows", "unpacks_too_large")


def test_a_csv_of_empty_lines_past_the_limit_is_refused():
    data = (HEADER + "\n" * (MAX_ROWS + 5)).encode()
    assert refused_fast(data, "tomma.csv") == "too_many_rows"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_cell_longer_than_a_stored_text_may_be_is_refused(kind):
    long = "x" * (TEXT_LIMIT + 1)
    data = (
        (HEADER + f"Planer;2024;1;{long}\n").encode()
        if kind == "csv"
        else workbook([["indikator", "datum", "värde", "kommentar"], ["Planer", 2024, 1, long]])
    )
    assert refused_fast(data, f"lång.{kind}") == "cell_too_long"


def test_a_nul_byte_is_cleaned_in_the_check_as_in_the_import_on_both_databases(effect):  # noqa: F811
    engine, effect_id, indicator = effect
    data = (HEADER + "Inkomna planer;2023;10;före\x00efter\x07\n").encode()
    with unit_of_work(engine) as s:
        check = check_import(
            s, data=data, filename="nul.csv", effect_id=effect_id, by=FK_OFFICER, today=TODAY
        )
    assert [r.comment for r in check.good] == ["föreefter"]  # what will be stored, shown
    act(engine, import_measurements, check=check, by=FK_OFFICER, today=TODAY)
    with unit_of_work(engine) as s:
        assert s.exec(
            select(Measurement.comment).where(Measurement.indicator_id == indicator)
        ).all() == ["föreefter"]


def test_no_write_path_stores_a_text_longer_than_its_column(effect):  # noqa: F811
    from services.effects.measurements import record_measurement

    engine, _effect_id, indicator = effect
    with pytest.raises(TextTooLongError) as refused:
        act(
            engine,
            record_measurement,
            indicator_id=indicator,
            measured_on=TODAY,
            value=1,
            by=FK_OFFICER,
            today=TODAY,
            comment="x" * (TEXT_LIMIT + 1),
        )
    assert (refused.value.table, refused.value.field) == ("measurement", "comment")
    with unit_of_work(engine) as s:
        assert s.exec(select(Measurement).where(Measurement.indicator_id == indicator)).all() == []


def test_a_line_break_in_a_one_line_field_is_refused_by_the_service(seeded):
    from datetime import UTC, datetime, timedelta

    from models import Meeting
    from models.stored_text import LineBreakError
    from services.meetings.meetings import MeetingInput, update_meeting
    from tests.integration.test_meetings import SECRETARY, meeting_in, version

    meeting = meeting_in(seeded, 30)
    starts = datetime.now(UTC) + timedelta(days=30)
    with pytest.raises(LineBreakError) as refused:
        act(
            seeded,
            update_meeting,
            meeting_id=meeting,
            by=SECRETARY,
            expected_version=version(seeded, meeting),
            data=MeetingInput(
                starts, starts + timedelta(hours=2), video_link="https://möte.example/a\nb"
            ),
        )
    assert (refused.value.table, refused.value.field) == ("meeting", "video_link")
    with unit_of_work(seeded) as s:
        assert s.get(Meeting, meeting).video_link == ""


def test_a_personal_number_is_caught_where_text_is_stored_whoever_writes_it(seeded):
    """A use case that forgot the guard, or a script writing rows itself, still cannot store
    one: every free-text column and the texts in a JSON column are checked at the flush."""
    from models import AgreedAction, Forum, ItemDecision
    from services.personal_data import PersonalDataError

    with unit_of_work(seeded) as s:
        forum = s.exec(select(Forum.id)).first()
        s.add(AgreedAction(forum_id=forum, title="Rutin", note="Gäller 19121212-1212."))
        with pytest.raises(PersonalDataError) as caught:
            s.flush()
    assert [(h.field, h.text) for h in caught.value.hits] == [("note", "19121212-1212")]
    with unit_of_work(seeded) as s:
        s.add(
            ItemDecision(
                item_id=1,
                kind="actions",
                actions=[{"title": "Ring 121212-1212", "organisation": "fk"}],
            )
        )
        with pytest.raises(PersonalDataError):
            s.flush()
    with unit_of_work(seeded) as s:
        assert s.exec(select(AgreedAction)).all() == []
