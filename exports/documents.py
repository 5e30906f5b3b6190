"""Documents as lines of (style, content), written to Word or PDF the same way: the meeting
documents and the effect report share it. Styles: title, heading, item, label, fact, para,
sign, and image (PNG bytes, shown at the page's width).

The PDF embeds DejaVu Sans, which matplotlib ships, so Swedish letters and the typographic
quotes and dashes pasted from Word come through on any machine.
"""

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib
from docx import Document
from docx.shared import Cm, Pt
from fpdf import FPDF

from exports.cells import ILLEGAL

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
Line = tuple[str, str | bytes]


def clean(value: object) -> str:
    """Text a document can hold: no control characters."""
    return ILLEGAL.sub("", "" if value is None else str(value))


def to_docx(lines: Sequence[Line]) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    writers: dict[str, Callable[[str | bytes], object]] = {
        "title": lambda text: document.add_heading(text, level=0),
        "heading": lambda text: document.add_heading(text, level=1),
        "item": lambda text: document.add_heading(text, level=2),
        "label": lambda text: document.add_paragraph().add_run(text).__setattr__("bold", True),
        "fact": document.add_paragraph,
        "para": document.add_paragraph,
        "sign": document.add_paragraph,
        "image": lambda png: document.add_picture(io.BytesIO(png), width=Cm(16)),
    }
    for style, content in lines:
        writers[style](content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


SIZES = {"title": (18, "B", 4), "heading": (14, "B", 3), "item": (12, "B", 3),
         "label": (10, "B", 1), "fact": (10, "", 1), "para": (10, "", 2), "sign": (10, "", 6)}


def to_pdf(lines: Sequence[Line], title: str) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(title)
    pdf.add_page()
    for style, content in lines:
        if style == "image":
            pdf.image(io.BytesIO(content), w=pdf.epw)
            pdf.ln(2)
            continue
        size, weight, space = SIZES[style]
        pdf.set_font("DejaVu", weight, size)
        pdf.multi_cell(0, size * 0.55, content, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space)
    return bytes(pdf.output())
