"""Documents as lines of (style, content), written to Word or PDF the same way: the meeting
documents and the effect report share it. Styles: title, heading, item, label, fact, para,
sign, image (PNG bytes, shown at the page's width) and page (a page break).

The PDF embeds DejaVu Sans, which matplotlib ships, so Swedish letters and the typographic
quotes and dashes pasted from Word come through on any machine.
"""

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF

from exports.cells import ILLEGAL

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
Line = tuple[str, str | bytes]


def clean(value: object) -> str:
    """Text a document can hold: no control characters."""
    return ILLEGAL.sub("", "" if value is None else str(value))


KEEP_WITH_NEXT = {"title", "heading", "item", "label"}
"""A heading never ends a page: it stays with what it heads (a chart, a decision)."""


LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def to_docx(lines: Sequence[Line], title: str = "", lang: str = "sv") -> bytes:
    """A Word document that says its title and language (a screen reader reads Swedish as
    Swedish), with real headings and each chart's heading as its alternative text."""
    document = Document()
    tag = LANGUAGE_TAGS.get(lang, lang)
    document.core_properties.title = clean(title)[:255]  # what Word's property holds
    document.core_properties.language = tag
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).set(qn("w:val"), tag)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    heading = [title]

    def picture(png: str | bytes) -> object:
        shape = document.add_picture(io.BytesIO(png), width=Cm(16))
        shape._inline.docPr.set("descr", clean(heading[-1]))  # the alternative text (WCAG 1.1.1)
        return shape

    def titled(level: int) -> Callable[[str | bytes], object]:
        def write(text: str | bytes) -> object:
            heading.append(str(text))
            return document.add_heading(text, level=level)

        return write

    writers: dict[str, Callable[[str | bytes], object]] = {
        "title": titled(0),
        "heading": titled(1),
        "item": titled(2),
        "label": lambda text: _bold(document.add_paragraph(), text),
        "fact": document.add_paragraph,
        "para": document.add_paragraph,
        "sign": document.add_paragraph,
        "image": picture,
        "page": lambda _text: document.add_page_break(),
    }
    for n, (style, content) in enumerate(lines):
        writers[style](content)
        following = lines[n + 1][0] if n + 1 < len(lines) else None
        if following is not None and (style in KEEP_WITH_NEXT or following == "sign"):
            document.paragraphs[-1].paragraph_format.keep_with_next = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _bold(paragraph: object, text: str) -> object:
    paragraph.add_run(text).bold = True
    return paragraph


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


SIZES = {
    "title": (18, "B", 4),
    "heading": (14, "B", 3),
    "item": (12, "B", 3),
    "label": (10, "B", 1),
    "fact": (10, "", 1),
    "para": (10, "", 2),
    "sign": (10, "", 6),
}


def to_pdf(lines: Sequence[Line], title: str, lang: str = "sv") -> bytes:
    pdf = _Pdf(format="A4")
    pdf.set_lang(LANGUAGE_TAGS.get(lang, lang))
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(title)
    pdf.add_page()
    for block in _blocks(lines):
        height = sum(_height(pdf, line) for line in block)
        room = pdf.h - pdf.b_margin - pdf.get_y()
        if height > room and height <= pdf.h - pdf.t_margin - pdf.b_margin:
            pdf.add_page()
        for line in block:
            _write(pdf, line)
    return bytes(pdf.output())


def _blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines that must share a page: a heading with what follows it, and the signatures with
    the line before them, so they never stand alone on the last page."""
    blocks: list[list[Line]] = []
    keep = False
    for line in lines:
        style = line[0]
        if style == "page":
            blocks.append([line])
            keep = False
            continue
        joins = keep or (style == "sign" and blocks and blocks[-1][-1][0] != "page")
        if joins and blocks:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        keep = style in KEEP_WITH_NEXT
    return blocks


def _height(pdf: FPDF, line: Line) -> float:
    style, content = line
    if style == "page":
        return 0
    if style == "image":
        width, height = _png_size(content)
        return pdf.epw * height / width + 2
    size, weight, space = SIZES[style]
    pdf.set_font("DejaVu", weight, size)
    return pdf.multi_cell(0, size * 0.55, content, align="L", dry_run=True, output="HEIGHT") + space


def _write(pdf: FPDF, line: Line) -> None:
    style, content = line
    if style == "page":
        pdf.add_page()
        return
    if style == "image":
        pdf.image(io.BytesIO(content), w=pdf.epw)
        pdf.ln(2)
        return
    size, weight, space = SIZES[style]
    pdf.set_font("DejaVu", weight, size)
    # left-aligned: fpdf2 justifies by default, which stretches the gaps in short headings
    pdf.multi_cell(0, size * 0.55, content, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(space)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
