"""The follow-up report as Word and PDF, read back: every figure in words and a chart each."""

import io
from datetime import date

from docx import Document
from pypdf import PdfReader

from exports.effect_report import Report, ReportEffect, ReportIndicator, to_docx, to_pdf


def test_the_report_opens_as_word_and_pdf_with_charts_and_no_browser():
    """Built from the same values the page shows; matplotlib draws the charts, so the report
    needs no browser and nothing downloaded (this test runs where Chromium is absent too)."""
    indicator = ReportIndicator(
        "Planer för återgång",
        "planer",
        "I fas",
        "Trenden går åt rätt håll.",
        (("Källa", "FK 2025/000536"),),
        ((date(2024, 12, 31), 57_600.0),),
        (date(2020, 12, 31), 14_200.0),
        (date(2026, 12, 31), 80_000.0),
        ((date(2024, 12, 31), 57_600.0), (date(2026, 12, 31), 79_300.0)),
        ("2024-12-31: 57 600",),
    )
    report = Report(
        "Uppföljningsrapport",
        "Utskriven 2026-11-30",
        "Regeln ”i ord” – så här.",
        (
            ReportEffect(
                "Fler planer",
                "I fas",
                "I fas: 1 i fas.",
                (("Ägare", "FK"),),
                "Beskrivning",
                "2026-11-30: I fas.",
                (indicator,),
            ),
        ),
        {"rule": "Regeln", "status": "Status", "review": "Senaste avstämning"},
    )
    document = Document(io.BytesIO(to_docx(report)))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "Fler planer" in words and "Regeln ”i ord” – så här." in words
    assert "2024-12-31: 57 600" in words
    assert len(document.inline_shapes) == 1  # the chart
    # accessible: title and language declared, real headings, the chart's text alternative
    assert document.core_properties.title == "Uppföljningsrapport"
    assert document.core_properties.language == "sv-SE"
    assert 'w:val="sv-SE"' in document.styles.element.xml
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    alt = document.inline_shapes[0]._inline.docPr.get("descr")
    assert alt == "Planer för återgång"
    pdf = PdfReader(io.BytesIO(to_pdf(report)))
    assert pdf.metadata.title == "Uppföljningsrapport"
    assert pdf.trailer["/Root"]["/Lang"] == "sv-SE"
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Planer för återgång" in text and "FK 2025/000536" in text
    assert any(page.images for page in pdf.pages)


def _report(effects: int, indicators: int) -> Report:
    def indicator(n: int) -> ReportIndicator:
        return ReportIndicator(
            f"Indikator {n}",
            "planer",
            "I fas",
            "Trenden går åt rätt håll. " * 4,
            (("Källa", "FK 2025/000536"),),
            tuple((date(2020 + y, 12, 31), 14_200.0 + 9_000 * y) for y in range(5)),
            (date(2020, 12, 31), 14_200.0),
            (date(2026, 12, 31), 80_000.0),
            (),
            tuple(f"{2020 + y}-12-31: {14_200 + 9_000 * y}" for y in range(5)),
        )

    return Report(
        "Uppföljningsrapport",
        "Utskriven 2026-12-01",
        "Regeln.",
        tuple(
            ReportEffect(
                f"Effekt {e}",
                "Inga aktuella data",
                "Skäl.",
                (),
                "",
                "",
                tuple(indicator(n) for n in range(indicators)),
            )
            for e in range(effects)
        ),
        {"summary": "Sammanfattning", "rule": "Regeln", "status": "Status"},
    )


def test_the_report_opens_with_a_summary_page_of_every_effects_status():
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(to_pdf(_report(3, 2)))).pages]
    first = " ".join(pages[0].split())
    assert "Sammanfattning" in first
    for e in range(3):
        assert f"Effekt {e}: Inga aktuella data" in first
    assert "Indikator 1: I fas" in first
    assert "Effekt 0 Status" not in first  # the details start on the next page


def test_no_chart_is_parted_from_its_heading_by_a_page_break():
    reader = PdfReader(io.BytesIO(to_pdf(_report(2, 6))))
    for page in reader.pages[1:]:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if "/" not in line or not line.strip()[0].isdigit()]
        assert not body[-1].startswith("Indikator "), f"a heading ends a page: {body[-3:]}"
        if page.images:
            assert any(line.startswith("Indikator ") for line in lines), "a chart without a name"
