"""The briefing PDF: a ``reports.briefing_data.Briefing`` in, PDF bytes out (no Streamlit).

A4 landscape (the shape of a projected slide), one section per dashboard page: Ringkasan on the
first page under the title and the stamp (filters, "Data per ... WIB", when the document was made,
"Data contoh" on demo data), then Cakupan Pengawasan, Tren Pelanggaran and Formulir C, each from a
new page. Every page after the first repeats the section and the data time at the top; every page
has the filters, the time of making and "Halaman X dari Y" at the foot. PDF outline entries let a
reader jump to a section.

Library: fpdf2 (see requirements.txt). Fonts: DejaVu Sans from ``assets/fonts`` (embedded as a
subset: the PDF looks the same everywhere and holds –, ·, −, ▲ that the standard PDF fonts lack).

Charts are drawn as PNG by kaleido through the machine's Chromium, all in one browser session
(``reports.chart_images.render_images``). When that fails (no browser on the server), the document still holds every
number and table and says so on its first page and where each chart would stand.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, XPos, YPos

from charts import theme
from reports.briefing_data import Briefing, Bullets, Card, Chart, Heading, Note, Row, Section, Table
from reports.chart_images import render_images
from texts import catalogue

log = logging.getLogger(__name__)
P = catalogue.BRIEFING_PDF
FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FONT = "DejaVu"

# Page geometry (mm): A4 landscape.
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 12.0, 16.0, 14.0
TEXT_W = PAGE_W - 2 * MARGIN_X
GAP = 4.0  # between blocks side by side
PX_PER_MM = 5.2  # chart images are laid out at this many CSS pixels per mm (16 px type -> ~8.7 pt)
MAX_CHART_MM = 118.0  # tallest chart: leaves room for a heading and a table start on its page

INK, MUTED, RULE, PANEL = "#111827", "#4B5563", "#D1D5DB", "#F3F4F6"
HEAD_FILL, ZEBRA = "#E5EDF5", "#F8FAFC"
TONE = {"good": theme.GOOD, "bad": theme.BAD, "neutral": MUTED}

Renderer = Callable[[list[tuple[Chart, int, int]]], list[bytes]]


# ---------------------------------------------------------------- the document
class _Document(FPDF):
    def __init__(self, briefing: Briefing):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.briefing = briefing
        self.section_title = ""
        self.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        self.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_title(f"{P['title']} · {briefing.filters}")
        self.set_author("Pantau · Bawaslu Kabupaten Bangka Selatan")
        self.set_subject(f"{briefing.filters} · {briefing.data_stamp}")
        self.set_creator("Pantau")
        self.set_lang("id")

    # ---- helpers
    def multi_cell(self, *args, **kwargs):
        kwargs.setdefault("align", "L")  # fpdf2 justifies by default: ragged right reads better here
        return super().multi_cell(*args, **kwargs)

    def style(self, size: float, bold: bool = False, color: str = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(color)

    def room(self) -> float:
        return self.page_break_trigger - self.get_y()

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.room() < height:
            self.add_page()

    def text_height(self, text: str, width: float, size: float, bold: bool = False, line: float | None = None,
                    markdown: bool = False) -> float:
        self.style(size, bold)
        return self.multi_cell(width, line or size * 0.5, text, dry_run=True, output=MethodReturnValue.HEIGHT,
                               markdown=markdown)

    def paragraph(self, text: str, size: float = 8.5, color: str = MUTED, width: float = TEXT_W,
                  bold: bool = False, markdown: bool = True, after: float = 1.5) -> None:
        self.style(size, bold, color)
        self.multi_cell(width, size * 0.5, text, markdown=markdown, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    # ---- every page
    def header(self) -> None:
        if self.page_no() == 1:
            self.set_fill_color(theme.BLUE)
            self.rect(0, 0, PAGE_W, 3, style="F")
            return
        self.set_y(6)
        self.style(8, color=MUTED)
        left = f"{P['title']} · {self.section_title}" if self.section_title else P["title"]
        self.cell(TEXT_W / 2, 5, left)
        right = (f"{catalogue.DEMO_BADGE} · " if self.briefing.demo else "") + self.briefing.data_stamp
        self.cell(TEXT_W / 2, 5, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(RULE)
        self.set_line_width(0.2)
        self.line(MARGIN_X, 12, PAGE_W - MARGIN_X, 12)
        self.set_y(MARGIN_TOP)

    def footer(self) -> None:
        self.set_y(-10)
        self.style(7.5, color=MUTED)
        left = f"{P['filters']}: {self.briefing.filters} · {self.briefing.generated}"
        width = TEXT_W - 40
        while self.get_string_width(left) > width and len(left) > 10:
            left = left[:-2].rstrip() + "…" if not left.endswith("…") else left[:-2] + "…"
        self.cell(width, 5, left)
        self.cell(40, 5, P["page"].format(page=self.page_no(), pages=self.alias_nb_pages_text()), align="R")

    def alias_nb_pages_text(self) -> str:
        return self.str_alias_nb_pages

    # ---- first page
    def cover(self, charts_missing: bool) -> None:
        b = self.briefing
        self.add_page()
        self.set_y(10)
        top = self.get_y()
        left_w, box_w = TEXT_W - 112, 108
        self.style(21, bold=True)
        self.multi_cell(left_w, 10, P["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.style(11, color=MUTED)
        self.multi_cell(left_w, 6, P["subtitle"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        title_end = self.get_y()

        lines = [(P["filters"], b.filters), ("", b.data_stamp), ("", b.generated), ("", P["no_personal"])]
        x = PAGE_W - MARGIN_X - box_w
        heights = [self.text_height(f"{k}: {v}" if k else v, box_w - 6, 8.5) for k, v in lines]
        box_h = sum(heights) + 6 + (6 if b.demo else 0)
        self.set_fill_color(PANEL)
        self.set_draw_color(RULE)
        self.rect(x, top, box_w, box_h, style="DF", round_corners=True, corner_radius=1.5)
        self.set_xy(x + 3, top + 3)
        if b.demo:
            self.style(8, bold=True, color="#9A3412")
            self.set_fill_color("#FFEDD5")
            self.cell(self.get_string_width(catalogue.DEMO_BADGE) + 4, 5, catalogue.DEMO_BADGE, fill=True, align="C",
                      new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_xy(x + 3, self.get_y() + 1)
        for (key, value), strong in zip(lines, (True, True, False, False), strict=True):
            self.style(8.5, bold=strong and not key, color=INK if strong else MUTED)
            text = f"**{key}:** {value}" if key else value
            self.set_x(x + 3)
            self.multi_cell(box_w - 6, 4.25, text, markdown=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_y(max(title_end, top + box_h) + 4)
        if b.demo:
            self.paragraph(catalogue.DEMO_NOTE, size=7.5, width=left_w, after=0)
            self.set_y(max(self.get_y(), top + box_h) + 3)
        if charts_missing:
            self.notice(P["charts_missing"], color=theme.BAD)

    def notice(self, text: str, color: str = MUTED) -> None:
        height = self.text_height(text, TEXT_W - 8, 9) + 5
        self.need(height + 2)
        y = self.get_y()
        self.set_draw_color(color)
        self.set_fill_color(PANEL)
        self.rect(MARGIN_X, y, TEXT_W, height, style="DF", round_corners=True, corner_radius=1.5)
        self.set_xy(MARGIN_X + 4, y + 2.5)
        self.style(9, color=INK)
        self.multi_cell(TEXT_W - 8, 4.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(y + height + 3)

    # ---- sections
    def section(self, s: Section, images: dict[int, bytes | None], first: bool) -> None:
        self.section_title = s.title
        if not first:
            self.add_page()
        self.start_section(s.title)
        self.style(15, bold=True)
        self.cell(TEXT_W, 8, s.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(theme.BLUE)
        self.set_line_width(0.6)
        self.line(MARGIN_X, self.get_y(), MARGIN_X + 24, self.get_y())
        self.set_line_width(0.2)
        self.ln(2)
        if s.intro:
            self.paragraph(s.intro, size=8)
        if s.empty:
            self.notice(s.empty)
            return
        if s.cards:
            self.cards(s.cards)
        for i, block in enumerate(s.blocks):
            if isinstance(block, Heading) and i + 1 < len(s.blocks):
                self.need(12 + self.block_height(s.blocks[i + 1], images))  # a heading stays with its block
            self.block(block, images)

    def block_height(self, block, images: dict[int, bytes | None]) -> float:
        """Height a block needs before it may break (tables: their title and first rows)."""
        if isinstance(block, Row):
            widths = [share * (TEXT_W - GAP * (len(block.blocks) - 1)) for share in block.shares]
            return max(self.chart_height(b, w, images) if isinstance(b, Chart) else self.bullets_height(b, w)
                       for b, w in zip(block.blocks, widths, strict=True))
        if isinstance(block, Chart):
            return self.chart_height(block, TEXT_W, images)
        if isinstance(block, Bullets):
            return self.bullets_height(block, TEXT_W)
        if isinstance(block, Table):
            return 6 + 8 * min(len(block.frame) + 1, 5)
        return 10

    def cards(self, cards: list[Card]) -> None:
        n = len(cards)
        width = (TEXT_W - GAP * (n - 1)) / n
        inner = width - 6
        label_h = max(self.text_height(c.label, inner, 8) for c in cards)
        extra_h = max(self.text_height(c.delta, inner, 7.5) if c.delta else 0 for c in cards) + \
            max(self.text_height(c.note, inner, 7.5) if c.note else 0 for c in cards)
        height = 3 + label_h + 9 + extra_h + 3
        self.need(height + 3)
        y = self.get_y()
        for i, c in enumerate(cards):
            x = MARGIN_X + i * (width + GAP)
            self.set_fill_color(PANEL)
            self.set_draw_color(RULE)
            self.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=1.5)
            self.set_xy(x + 3, y + 3)
            self.style(8, color=MUTED)
            self.multi_cell(inner, 4, c.label, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_xy(x + 3, y + 3 + label_h)
            self.style(17, bold=True)
            self.cell(inner, 9, c.value, new_x=XPos.LEFT, new_y=YPos.NEXT)
            if c.delta:
                self.style(7.5, bold=c.tone != "neutral", color=TONE.get(c.tone, MUTED))
                self.multi_cell(inner, 3.75, c.delta, new_x=XPos.LEFT, new_y=YPos.NEXT)
            if c.note:
                self.style(7.5, color=MUTED)
                self.multi_cell(inner, 3.75, c.note, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_xy(MARGIN_X, y + height + 4)

    def block(self, block, images: dict[int, bytes | None]) -> None:
        if isinstance(block, Row):
            self.row(block, images)
        elif isinstance(block, Chart):
            self.chart(block, images, MARGIN_X, TEXT_W)
        elif isinstance(block, Table):
            self.table_block(block)
        elif isinstance(block, Bullets):
            self.need(self.bullets_height(block, TEXT_W) + 2)
            self.bullets(block, MARGIN_X, TEXT_W)
        elif isinstance(block, Note):
            self.paragraph(block.text)
        elif isinstance(block, Heading):
            self.style(12, bold=True)
            self.cell(TEXT_W, 7, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if block.note:
                self.paragraph(block.note, size=8)
        else:
            raise TypeError(f"unknown block: {type(block).__name__}")

    def row(self, row: Row, images: dict[int, bytes | None]) -> None:
        widths = [share * (TEXT_W - GAP * (len(row.blocks) - 1)) for share in row.shares]
        heights = [self.chart_height(b, w, images) if isinstance(b, Chart) else self.bullets_height(b, w)
                   for b, w in zip(row.blocks, widths, strict=True)]
        self.need(max(heights) + 2)
        y, x, bottom = self.get_y(), MARGIN_X, self.get_y()
        for b, w in zip(row.blocks, widths, strict=True):
            self.set_xy(x, y)
            if isinstance(b, Chart):
                self.chart(b, images, x, w, check=False)
            else:
                self.bullets(b, x, w, height=max(heights))
            bottom = max(bottom, self.get_y())
            x += w + GAP
        self.set_xy(MARGIN_X, bottom + 2)

    # ---- charts
    def _caption(self, chart: Chart) -> bool:
        """Charts without a title of their own get the block title above them."""
        return not chart.figure.layout.title.text

    def chart_size(self, chart: Chart, width_mm: float) -> tuple[int, int, float]:
        """Pixel size to draw ``chart`` at for ``width_mm``, and its height in mm (capped)."""
        width_px = round(width_mm * PX_PER_MM)
        height_mm = min(chart.height_px / PX_PER_MM, MAX_CHART_MM)
        return width_px, round(height_mm * PX_PER_MM), height_mm

    def chart_height(self, chart: Chart, width_mm: float, images: dict[int, bytes | None]) -> float:
        caption = 7 if self._caption(chart) else 0
        if images.get(id(chart)) is None:
            return caption + 16
        return caption + self.chart_size(chart, width_mm)[2]

    def chart(self, chart: Chart, images: dict[int, bytes | None], x: float, width: float, *,
              check: bool = True) -> None:
        if check:
            self.need(self.chart_height(chart, width, images) + 2)
        y = self.get_y()
        if self._caption(chart):
            self.set_xy(x, y)
            self.style(10.5, bold=True)
            self.cell(width, 6, chart.title)
            y += 7
        png = images.get(id(chart))
        if png is None:
            self.set_draw_color(RULE)
            self.set_fill_color(PANEL)
            self.rect(x, y, width, 14, style="DF", round_corners=True, corner_radius=1.5)
            self.set_xy(x + 3, y + 3)
            self.style(8.5, color=MUTED)
            self.multi_cell(width - 6, 4, P["chart_missing"].format(title=chart.title), new_x=XPos.LEFT,
                            new_y=YPos.NEXT)
            self.set_y(y + 16)
            return
        height = self.chart_size(chart, width)[2]
        self.image(png, x=x, y=y, w=width, h=height, alt_text=chart.title)
        self.set_y(y + height + 2)

    # ---- lists
    def bullets_height(self, b: Bullets, width: float) -> float:
        inner = width - 6
        h = 3 + self.text_height(b.title, inner, 9.5, bold=True, line=5) + 1
        h += sum(self.text_height(f"• {item}", inner, 8.5, markdown=True, line=4.25) + 1 for item in b.items)
        if b.note:
            h += self.text_height(b.note, inner, 7.5, line=3.6) + 1
        return h + 3

    def bullets(self, b: Bullets, x: float, width: float, height: float | None = None) -> None:
        y = self.get_y()
        height = height or self.bullets_height(b, width)
        self.set_draw_color(RULE)
        self.rect(x, y, width, height, style="D", round_corners=True, corner_radius=1.5)
        inner = width - 6
        self.set_xy(x + 3, y + 3)
        self.style(9.5, bold=True)
        self.multi_cell(inner, 5, b.title, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.ln(1)
        for item in b.items:
            self.set_x(x + 3)
            self.style(8.5)
            self.multi_cell(inner, 4.25, f"• {item}", markdown=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.ln(1)
        if b.note:
            self.set_x(x + 3)
            self.style(7.5, color=MUTED)
            self.multi_cell(inner, 3.6, b.note, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_y(y + height)

    # ---- tables
    def table_block(self, t: Table) -> None:
        self.need(self.block_height(t, {}))  # the title and the first rows stay together
        self.style(10.5, bold=True)
        self.cell(TEXT_W, 6, t.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.5)
        align = tuple("RIGHT" if num else "LEFT" for num in t.numeric)
        self.style(7.5)
        self.set_draw_color(RULE)
        with self.table(width=TEXT_W, col_widths=t.widths, text_align=align, line_height=3.8,
                        padding=(1.1, 1.4), borders_layout="HORIZONTAL_LINES", cell_fill_color=ZEBRA,
                        cell_fill_mode="ROWS", headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
                        first_row_as_headings=True, repeat_headings=1) as table:
            table.row([str(c) for c in t.frame.columns])
            for record in t.frame.itertuples(index=False):
                table.row([str(v) for v in record])
        self.ln(1.5)
        if t.note:
            self.paragraph(t.note, size=7.5)
        self.ln(2)


def _jobs(briefing: Briefing) -> list[tuple[Chart, int, int]]:
    """Every chart with the pixel size its slot in the layout gives it."""
    doc_widths: dict[int, float] = {}
    for section in briefing.sections:
        for block in section.blocks:
            if isinstance(block, Row):
                usable = TEXT_W - GAP * (len(block.blocks) - 1)
                doc_widths.update({id(b): share * usable for b, share in zip(block.blocks, block.shares, strict=True)
                                   if isinstance(b, Chart)})
            elif isinstance(block, Chart):
                doc_widths[id(block)] = TEXT_W
    out = []
    for chart in briefing.charts():
        width_mm = doc_widths[id(chart)]
        width_px = round(width_mm * PX_PER_MM)
        height_px = round(min(chart.height_px / PX_PER_MM, MAX_CHART_MM) * PX_PER_MM)
        out.append((chart, width_px, height_px))
    return out


def build(briefing: Briefing, *, render: Renderer | None = None) -> bytes:
    """The PDF of ``briefing``. ``render`` draws the chart images (default: ``render_images``,
    kaleido/Chromium); when it raises, the document holds no images and says so."""
    jobs = _jobs(briefing)
    images: dict[int, bytes | None] = {id(chart): None for chart, _, _ in jobs}
    charts_missing = False
    if jobs:
        try:
            for (chart, _, _), png in zip(jobs, (render or render_images)(jobs), strict=True):
                images[id(chart)] = png
        except Exception as exc:
            log.warning("briefing PDF without charts: %s", exc)
            charts_missing = True
    doc = _Document(briefing)
    doc.cover(charts_missing)
    for i, section in enumerate(briefing.sections):
        doc.section(section, images, first=i == 0)
    return bytes(doc.output())
