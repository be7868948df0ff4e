"""A client's record as a printable A4 document (fpdf2): the practice's name, who the record is
about, then each registered section (craniocare/clients/records.py) under its heading, written
through `PdfRecordWriter`, the `RecordWriter` every section's renderer uses.

The text is set in DejaVu Sans (shipped in fonts/, see its README), so accented names and other
scripts print as typed. Page footers number the pages and name the client, so a loose page is
still recognisable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from craniocare.bookings.session_times import format_when, practice_zone
from craniocare.clients.models import Client
from craniocare.clients.records import record_sections

from .export import practice_data

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"

INK = (38, 50, 56)
MUTED = (96, 108, 112)
ACCENT = (46, 94, 88)
RULE = (208, 200, 188)

LABEL_WIDTH = 42.0  # mm, the labels' column of a fields block
LINE = 5.2  # mm, body line height


class RecordPdf(FPDF):
    def __init__(self, *, practice_name: str, client_name: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.practice_name = practice_name
        self.client_name = client_name
        self.set_margins(left=20, top=20, right=20)
        self.set_auto_page_break(auto=True, margin=22)
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(f"Client record: {client_name}")
        self.set_author(practice_name)
        self.set_creator("CranioCare")
        self.alias_nb_pages()
        self._widths: dict[tuple[str, str, float], dict[str, float]] = {}

    def text_block(self, width: float, height: float, text: str, *, beside: bool = False) -> None:
        """`text` in a block `width` wide (0: to the right margin), wrapped when it does not fit
        on one line. Lines are set with `cell`, many times cheaper than `multi_cell`'s line
        breaking (a record of a hundred sessions has thousands of them): each line of the text
        is broken at spaces from the widths of its words, measured once per font.
        `beside`: stay on this line, to the right of the block (a label)."""
        room = width or (self.w - self.r_margin - self.x)
        new_x, new_y = (XPos.RIGHT, YPos.TOP) if beside else (XPos.LMARGIN, YPos.NEXT)
        usable = room - 2 * self.c_margin
        lines: list[str] | None = []
        for part in text.split("\n"):
            fits = self._width(part) <= usable  # labels and many values repeat: measured once
            wrapped = [part] if fits else self._wrapped(part, usable)
            if wrapped is None or lines is None:
                lines = None
                break
            lines.extend(wrapped)
        if lines is None or (beside and len(lines) > 1):
            self.multi_cell(room, height, text, new_x=new_x, new_y=new_y, align="L")
            return
        for line in lines[:-1]:
            self.cell(room, height, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.cell(room, height, lines[-1], new_x=new_x, new_y=new_y)

    def _width(self, word: str) -> float:
        widths = self._widths.setdefault((self.font_family, self.font_style, self.font_size_pt), {})
        found = widths.get(word)
        if found is None:
            found = widths[word] = self.get_string_width(word)
        return found

    def _wrapped(self, text: str, usable: float) -> list[str] | None:
        """`text` broken at spaces into lines that fit `usable` mm; None when one word alone is
        wider (multi_cell then breaks inside it)."""
        space = self._width(" ")
        lines: list[str] = []
        line: list[str] = []
        used = 0.0
        for word in text.split(" "):
            size = self._width(word)
            if size > usable:
                return None
            if line and used + space + size > usable:
                lines.append(" ".join(line))
                line, used = [word], size
            else:
                used = used + space + size if line else size
                line.append(word)
        lines.append(" ".join(line))
        return lines

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(
            0,
            5,
            f"{self.practice_name} · Record of {self.client_name} · "
            f"Page {self.page_no()} of {{nb}}",
            align="C",
        )


class PdfRecordWriter:
    """The `RecordWriter` (clients/records.py) of the printable copy."""

    def __init__(self, pdf: RecordPdf) -> None:
        self.pdf = pdf

    def heading(self, text: str, description: str) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 60:  # no heading alone at the foot of a page
            pdf.add_page()
        pdf.ln(4)
        pdf.set_font(FAMILY, "B", 14)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        y = pdf.get_y() + 0.5
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.ln(2)
        pdf.set_font(FAMILY, "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.4, description, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.ln(2)

    def subheading(self, text: str) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 45:
            pdf.add_page()
        pdf.ln(1.5)
        pdf.set_font(FAMILY, "B", 10.5)
        pdf.set_text_color(*INK)
        pdf.text_block(0, LINE + 0.4, text)
        pdf.ln(0.5)

    def fields(self, pairs: Sequence[tuple[str, str]]) -> None:
        pdf = self.pdf
        for label, value in pairs:
            if pdf.get_y() > pdf.h - 30:
                pdf.add_page()
            top, page = pdf.get_y(), pdf.page
            pdf.set_font(FAMILY, "", 9)
            pdf.set_text_color(*MUTED)
            label_height = LINE
            if pdf.get_string_width(label) > LABEL_WIDTH - 2 * pdf.c_margin:  # a long label wraps
                height = pdf.multi_cell(
                    LABEL_WIDTH, LINE, label, dry_run=True, output=MethodReturnValue.HEIGHT
                )
                label_height = float(height)  # type: ignore[arg-type]
            pdf.text_block(LABEL_WIDTH, LINE, label, beside=True)
            pdf.set_font(FAMILY, "", 10)
            pdf.set_text_color(*INK)
            pdf.text_block(0, LINE, value or "—")
            if pdf.page == page and pdf.get_y() < top + label_height:
                pdf.set_y(top + label_height)
        pdf.ln(1.5)

    def paragraph(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "", 10)
        pdf.set_text_color(*INK)
        pdf.text_block(0, LINE, text)
        pdf.ln(1.5)

    def note(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "", 9)
        pdf.set_text_color(*MUTED)
        pdf.text_block(0, LINE, text)
        pdf.ln(1.5)


def _title_block(pdf: RecordPdf, practice: dict[str, Any], client: Client, now: datetime) -> None:
    pdf.set_font(FAMILY, "B", 11)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 6, practice["name"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    contact = [*practice["address"], practice["phone"], practice["email"]]
    pdf.set_font(FAMILY, "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0,
        4.4,
        " · ".join(part for part in contact if part),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
        align="L",
    )
    pdf.ln(8)
    pdf.set_font(FAMILY, "B", 20)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 9, f"Record of {client.name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.ln(1)
    zone = ZoneInfo(practice_zone())
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0,
        LINE,
        f"Prepared on {format_when(now, zone)} ({now.astimezone(zone).tzname()}) at your "
        "request. "
        "It holds everything the practice keeps about you, section by section.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
        align="L",
    )
    pdf.ln(2)


def record_pdf(*, client: Client, now: datetime, compress: bool = True) -> bytes:
    """The client's record as PDF bytes. `compress=False` leaves the page streams readable
    (the tests read the text)."""
    practice = practice_data()
    pdf = RecordPdf(practice_name=practice["name"], client_name=client.name)
    pdf.set_compression(compress)
    pdf.add_page()
    _title_block(pdf, practice, client, now)
    writer = PdfRecordWriter(pdf)
    for section in record_sections():
        writer.heading(section.title, section.description)
        section.render(writer, section.collect(client))
    return bytes(pdf.output())
