"""The notice, the minutes and the calendar file open, show every item, and keep Swedish
letters and the typographic quotes and dashes pasted from Word."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from exports.ics import CalendarEntry, to_ics
from exports.meeting_documents import DocAction, DocItem, MeetingDoc, to_docx, to_pdf

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ITEMS = tuple(
    DocItem(
        n,
        f"Punkt {n}: läkarintyg – ”sena” åäö ÅÄÖ",
        "Bakgrund: vårdcentralerna i länet.",
        "Cecilia Carlsson",
        "Försäkringskassan",
        20,
        "Förslag: gemensam rutin.",
        f"Frågan är löst. Beslut {n} – ’gemensam’ rutin.",
        (DocAction("Ta fram en rutin", "Region Västmanland", "Bertil Berg", date(2027, 1, 31)),),
    )
    for n in range(1, 13)
)
DOC = MeetingDoc(
    "Samverkansgrupp för försäkringsmedicin",
    datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM),
    datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM),
    "Försäkringskassan, Stockholm",
    "https://möte.example/abc",
    (("Försäkringskassan", "Cecilia Carlsson", True), ("SKR", "Sven Ström", False)),
    ITEMS,
    "Anteckning: inget övrigt.",
    "Cecilia Carlsson",
    "Helena Holm",
    "Maja Månsson",
    "Protokollet justerat 2026-12-10 av Maja Månsson.",
)


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    """The text, lines joined by spaces (the PDF breaks long lines at spaces)."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.mark.parametrize("kind", ["notice", "minutes"])
@pytest.mark.parametrize("reader", [(to_docx, docx_text), (to_pdf, pdf_text)], ids=["docx", "pdf"])
def test_every_item_comes_through_with_swedish_text_intact(kind, reader):
    write, read = reader
    text = read(write(DOC, kind))
    for item in ITEMS:
        assert f"§ {item.number} Punkt {item.number}: läkarintyg – ”sena” åäö ÅÄÖ" in text
    assert "Samverkansgrupp för försäkringsmedicin" in text
    assert "onsdag 9 december 2026" in text and "09:00–11:00" in text
    assert "Försäkringskassan: Cecilia Carlsson" in text
    if kind == "minutes":
        assert "Beslut 12 – ’gemensam’ rutin." in text
        assert "Ta fram en rutin" in text and "Bertil Berg" in text and "2027-01-31" in text
        assert "Frånvarande" in text and "Sven Ström (SKR)" in text
        assert "Justerare" in text and "Maja Månsson" in text
    else:
        assert "Förslag till beslut" in text and "(20 min)" in text


def test_a_document_drops_control_characters_instead_of_failing():
    broken = DocItem(1, "Punkt\x00 med\x07 styrtecken")
    doc = MeetingDoc("Forum", DOC.starts_at, DOC.ends_at, items=(broken,))
    assert "Punkt med styrtecken" in docx_text(to_docx(doc, "notice"))
    assert "Punkt med styrtecken" in pdf_text(to_pdf(doc, "notice"))


def test_the_calendar_file_holds_the_meeting_in_swedish_time_with_its_zone():
    data = to_ics(
        CalendarEntry(
            "meeting-7@samverkansnavet",
            "Samverkansgruppen – möte",
            DOC.starts_at,
            DOC.ends_at,
            "Stockholm",
            "https://m.example",
            "§ 1 Läkarintyg",
            sequence=3,
        )
    )
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == "meeting-7@samverkansnavet"
    assert event.decoded("DTSTART") == DOC.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(event["SUMMARY"]) == "Samverkansgruppen – möte"
    assert int(event["SEQUENCE"]) == 3


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("reader", [(to_docx, docx_text), (to_pdf, pdf_text)], ids=["docx", "pdf"])
def test_the_signature_lines_print_each_signers_name(reader):
    write, read = reader
    text = read(write(DOC, "minutes"))
    for role, name in (
        ("Vid protokollet", "Cecilia Carlsson"),
        ("Ordförande", "Helena Holm"),
        ("Justerare", "Maja Månsson"),
    ):
        assert f"{role} ______________________________ {name}" in " ".join(text.split())


def test_a_chair_who_approves_alone_signs_once_as_chair_and_justerare():
    alone = MeetingDoc(
        "Forum",
        DOC.starts_at,
        DOC.ends_at,
        items=ITEMS[:1],
        secretary="Cecilia Carlsson",
        chair="Helena Holm",
        adjuster="",
    )
    text = " ".join(docx_text(to_docx(alone, "minutes")).split())
    assert "Ordförande, tillika justerare ______________________________ Helena Holm" in text
    assert text.count("Helena Holm") == 1
    assert "Justerare ___" not in text


def test_the_minutes_say_nobody_was_recorded_present_and_carry_the_registration_number():
    doc = MeetingDoc(
        "Forum", DOC.starts_at, DOC.ends_at, items=ITEMS[:1], registration_number="FK 2026/012345"
    )
    for text in (docx_text(to_docx(doc, "minutes")), pdf_text(to_pdf(doc, "minutes"))):
        assert "Närvarande" in text and "Inga närvarande har antecknats." in text
        assert "Diarienummer: FK 2026/012345" in text
    assert "Närvarande" not in docx_text(to_docx(doc, "notice"))


@pytest.mark.parametrize("count", range(1, 13))
def test_the_signatures_never_stand_alone_on_a_page(count):
    doc = MeetingDoc(
        "Forum",
        DOC.starts_at,
        DOC.ends_at,
        items=ITEMS[:count],
        secretary="Cecilia Carlsson",
        chair="Helena Holm",
        adjuster="Maja Månsson",
    )
    pages = pdf_pages(to_pdf(doc, "minutes"))
    last = pages[-1]
    assert "Vid protokollet" in last and "Maja Månsson" in last
    before = last.split("Vid protokollet")[0]
    assert len(before) > 20, f"{count} items: the signatures stand alone on page {len(pages)}"


def test_a_heading_is_never_the_last_line_of_a_pdf_page():
    long = tuple(
        DocItem(n, f"Punkt {n}", "Bakgrund. " * 30, decision="Antecknas. " * 10)
        for n in range(1, 15)
    )
    doc = MeetingDoc("Forum", DOC.starts_at, DOC.ends_at, items=long)
    for page in pdf_pages(to_pdf(doc, "minutes"))[:-1]:
        tail = page.rsplit("Punkt", 1)[-1]
        assert "Bakgrund" in tail or "Antecknas" in tail, f"page ends on a heading: {page[-80:]}"
