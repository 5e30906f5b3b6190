"""No document builder fails, whatever text was stored: the notice, the minutes, the calendar
file and the follow-up report are made from any text at all (control characters, line breaks
where one line is expected, typographic quotes, right-to-left marks, very long words)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.effect_report import Report, ReportEffect, ReportIndicator
from exports.effect_report import to_docx as report_docx
from exports.effect_report import to_pdf as report_pdf
from exports.ics import CalendarEntry, to_ics
from exports.meeting_documents import DocAction, DocItem, MeetingDoc, to_docx, to_pdf

STOCKHOLM = ZoneInfo("Europe/Stockholm")
START = datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM)
END = datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM)
ANY = st.text(max_size=300) | st.sampled_from(
    [
        "https://möte.example/a\nb",
        "rad ett\r\nrad två",
        "\x00\x07\x1b",
        "”citat” – ’så’",
        "\u202eabc\u202c",
        "x" * 400,
        '=HYPERLINK("https://x")',
        "<b>fet</b>",
    ]
)
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY, ANY, ANY, ANY)
def test_the_calendar_file_is_made_from_any_text(title, place, url, description):
    data = to_ics(
        CalendarEntry("meeting-1@samverkansnavet", title, START, END, place, url, description)
    )
    assert data.startswith(b"BEGIN:VCALENDAR")


@FAST
@given(ANY, ANY, ANY, ANY, ANY)
def test_the_notice_and_the_minutes_are_made_from_any_text(forum, title, text, person, link):
    item = DocItem(
        1,
        title,
        text,
        person,
        forum,
        20,
        text,
        text,
        (DocAction(title, forum, person, date(2027, 1, 1)),),
    )
    doc = MeetingDoc(
        forum,
        START,
        END,
        text,
        link,
        ((forum, person, True),),
        (item,),
        text,
        person,
        person,
        person,
        text,
        registration_number=title,
    )
    for kind in ("notice", "minutes"):
        assert to_docx(doc, kind).startswith(b"PK")
        assert to_pdf(doc, kind).startswith(b"%PDF")


@FAST
@given(ANY, ANY, ANY)
def test_the_follow_up_report_is_made_from_any_text(statement, name, text):
    indicator = ReportIndicator(
        name,
        text[:10],
        text,
        text,
        ((name, text),),
        ((date(2024, 12, 31), 1.0),),
        None,
        None,
        (),
        (text,),
    )
    report = Report(
        statement,
        text,
        text,
        (ReportEffect(statement, text, text, ((name, text),), text, text, (indicator,), (text,)),),
        {"summary": name},
    )
    assert report_docx(report).startswith(b"PK")
    assert report_pdf(report).startswith(b"%PDF")
