"""What the briefing PDF ("Unduh Bahan Briefing") shows, gathered for one set of filters.

Every number comes through what the pages use: ``data_access.queries`` (SQL, through the caller's
loader), ``metrics`` (definitions, rankings), ``charts`` (figures and table views) and ``texts``
(copy and Indonesian formatting). No Streamlit and no SQL here.

No personal data: cases are read with ``case_list(personal=False)`` and no query that selects
``nama_pengawas``, ``pelapor`` or ``terlapor`` is called.

``load(fn, filters=None, **kwargs)`` is the caller's loader: ``ui.cache.load`` semantics (in the
app: clamped to the user's kecamatan scope), or ``connection_loader(conn)`` for a plain connection.
The result is a ``Briefing``: formatted strings, small string tables and plotly figures, which
``reports.briefing_pdf.build`` lays out.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

import config
from charts import maps
from data_access.filters import Filters
from data_access.queries import reference
from metrics import summary as summary_metrics
from texts import catalogue, code_labels, formatting
from views import blocks, cakupan, formulir_c, pelanggaran, peta, ringkasan

Loader = Callable[..., object]
P = catalogue.BRIEFING_PDF
TOP_ROWS = 12  # rows of each "top" table; the dashboard and its CSV/XLSX downloads have them all


# ---------------------------------------------------------------- what a briefing holds
@dataclass(frozen=True)
class Card:
    """One KPI: label, value, an optional change line (``tone`` good/bad/neutral) and a note."""

    label: str
    value: str
    delta: str = ""
    tone: str = summary_metrics.NEUTRAL
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A figure to draw as a static image. ``offline_geo``: a map (needs the offline topojson)."""

    title: str
    figure: go.Figure
    offline_geo: bool = False

    @property
    def height_px(self) -> int:
        return int(self.figure.layout.height or 450)


@dataclass(frozen=True)
class Table:
    """A table of display strings (``frame``), right-aligned where ``numeric`` is True."""

    title: str
    frame: pd.DataFrame
    numeric: tuple[bool, ...]
    note: str = ""
    widths: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Bullets:
    """A titled list; items may hold **bold** (fpdf2 markdown)."""

    title: str
    items: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section (e.g. "Perlu Perhatian"), with an optional line under it."""

    text: str
    note: str = ""


@dataclass(frozen=True)
class Row:
    """Blocks side by side; ``shares`` of the text width (sum 1)."""

    blocks: tuple
    shares: tuple[float, ...]


@dataclass
class Section:
    key: str
    title: str
    intro: str = ""
    cards: list[Card] = field(default_factory=list)
    blocks: list = field(default_factory=list)  # Chart, Table, Bullets, Note or Row, in reading order
    empty: str | None = None  # the page's "nothing matches" message instead of content


@dataclass
class Briefing:
    filters: str  # the active filters, as the page headers describe them
    data_stamp: str  # "Data per 23 Nov 2024 17.05 WIB"
    generated: str  # "Dibuat 5 Des 2026 10.15 WIB"
    demo: bool
    sections: list[Section]

    def charts(self) -> list[Chart]:
        """Every chart in reading order (the order images are drawn in)."""
        out = []
        for section in self.sections:
            for block in section.blocks:
                out += [b for b in (block.blocks if isinstance(block, Row) else (block,)) if isinstance(b, Chart)]
        return out


def connection_loader(conn) -> Loader:
    """A loader over one open connection (no cache, no scope): ``fn(conn, filters, **kwargs)``."""
    def load(fn, filters: Filters | None = None, **kwargs):
        return fn(conn, **kwargs) if filters is None else fn(conn, filters, **kwargs)
    return load


# ---------------------------------------------------------------- table cells
def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell(value) -> str:
    """A table cell as Indonesian text: 1.234 · 24 Nov 2024 · 09.30 · Ya/Tidak · "–"."""
    if _missing(value):
        return formatting.DASH
    if isinstance(value, (bool, np.bool_)):
        return code_labels.YES_NO[bool(value)]
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return formatting.fmt_date(value.date())
    if isinstance(value, dt.date):
        return formatting.fmt_date(value)
    if isinstance(value, dt.time):
        return value.strftime("%H.%M")
    if isinstance(value, (int, np.integer)):
        return formatting.fmt_int(int(value))
    if isinstance(value, (float, np.floating)):
        return formatting.fmt_num(float(value), 2)
    return str(value)


def text_table(title: str, df: pd.DataFrame, *, formats: dict | None = None, note: str = "",
               widths: tuple[float, ...] | None = None) -> Table:
    """A display frame (charts.*_table) as strings; ``formats`` maps columns to i18n formatters."""
    formats = formats or {}
    numeric = tuple(bool(pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]))
                    for c in df.columns)
    out = pd.DataFrame({c: [formats[c](None if _missing(v) else v) if c in formats else cell(v) for v in df[c]]
                        for c in df.columns}, columns=list(df.columns))
    return Table(title, out, numeric, note, widths)


def _plain(markdown: str) -> str:
    """Page copy in Streamlit markdown to the PDF's: `code` loses its backticks, **bold** stays."""
    return markdown.replace("`", "")


def _top_note(shown: int, total: int) -> str:
    return P["top_rows"].format(n=formatting.fmt_int(shown), total=formatting.fmt_int(total)) if total > shown else ""


# ---------------------------------------------------------------- from views to blocks
def card(c: blocks.Card) -> Card:
    """A view's card as printed: the change line with its arrow as a character, the notes on a line."""
    return Card(c.label, c.value, c.delta_text, c.tone, " · ".join(c.notes))


def bullets(ranked: blocks.RankedList) -> Bullets:
    return Bullets(ranked.title, ranked.lines(), ranked.note)


# ---------------------------------------------------------------- Ringkasan
PDF_SUMMARY_CARDS = ("activities", "coverage", "cases", "overdue", "formulir_c")  # one row on paper


def _summary(v: ringkasan.Ringkasan) -> Section:
    section = Section("ringkasan", catalogue.PAGES["ringkasan"])
    if v.empty:
        section.empty = catalogue.RINGKASAN["empty"]
        return section
    section.intro = v.intro
    section.cards = [card(v.card(key)) for key in PDF_SUMMARY_CARDS]
    section.blocks.append(Heading(catalogue.RINGKASAN["attention_title"]))
    section.blocks.append(Row(tuple(bullets(r) for r in v.attention), (0.31, 0.23, 0.23, 0.23)))
    return section


def top(table: blocks.Table, title: str | None = None, *, total: int | None = None, note: str = "",
        columns: list[str] | None = None, widths: tuple[float, ...] | None = None) -> Table:
    """The first ``TOP_ROWS`` rows of a view's table (the page's rows, in its order, with its column
    formats), said so when it has more (``total``: how many there are, when the view holds only the
    first screen); ``columns``: those that fit on paper."""
    frame = table.frame if columns is None else table.frame[columns]
    shown = frame.head(TOP_ROWS)
    note = " ".join(x for x in (note, _top_note(len(shown), max(total or 0, len(frame)))) if x)
    return text_table(title or table.title, shown, formats=dict(table.formats), note=note, widths=widths)


# ---------------------------------------------------------------- Cakupan Pengawasan
def _coverage(load: Loader, f: Filters, settings, summary: ringkasan.Ringkasan) -> Section:
    T = catalogue.CAKUPAN
    section = Section("cakupan", catalogue.PAGES["cakupan"])
    v = cakupan.build(load, f, settings)
    if v.empty:
        section.empty = T["empty"]
        return section
    section.intro = catalogue.CAKUPAN_DEFINITION
    section.cards = [card(c) for c in v.cards]
    bars = Chart(v.by_area.title, v.by_area.figure)
    areas = peta.small_map(load, f)  # the Ringkasan page's map: none where the page draws none
    if areas is not None:
        figure = maps.choropleth(areas, peta.LEVEL, peta.MEASURE, height=bars.height_px, label_size=15)
        section.blocks.append(Row((bars, Chart(P["map_title"], figure, offline_geo=True)), (0.5, 0.5)))
    else:
        section.blocks.append(bars)

    # The Ringkasan page's weekly trend: on the first page the KPIs and "Perlu perhatian" fill it.
    if summary.trend is not None:
        trend = go.Figure(summary.trend).update_layout(height=330)
        section.blocks.append(Chart(catalogue.RINGKASAN["trend_title"], trend))

    quiet = v.quiet
    if quiet is not None and quiet.table is not None:
        section.blocks.append(top(quiet.table, note=f"{quiet.count}. {quiet.note}", widths=(1.2, 1.4, 1, 1, 1.2)))
    elif quiet is not None:
        section.blocks.append(Bullets(quiet.title, (quiet.none,)))

    if v.unsupervised is not None:
        section.blocks.append(top(v.unsupervised, P["unsupervised_title"], total=int(v.total.unsupervised),
                                  note=v.unsupervised.note, widths=(0.9, 0.6, 2.2, 1.1, 0.9, 1.0, 1.6, 0.9, 1.1)))
    else:
        section.blocks.append(Bullets(T["table_title"], (T["table_none"],)))
    return section


# ---------------------------------------------------------------- Tren Pelanggaran
def _cases(load: Loader, f: Filters, settings) -> Section:
    T = catalogue.PELANGGARAN
    section = Section("pelanggaran", catalogue.PAGES["pelanggaran"])
    v = pelanggaran.build(load, f, settings)  # personal=False: no names of pelapor or terlapor on paper
    if v.empty:
        section.empty = T["empty"]
        return section
    section.intro = T["table_note"]
    section.cards = [card(c) for c in v.cards]
    weekly = Chart(v.weekly.title, go.Figure(v.weekly.figure))
    weekly.figure.update_xaxes(tickangle=-30)  # its slot is narrower than the page's: week labels would overlap
    if v.n_areas > 1:
        section.blocks.append(Row((weekly, Chart(v.by_area.title, v.by_area.figure)), (0.6, 0.4)))
    else:  # one kecamatan chosen: a per-area chart would be one bar
        weekly.figure.update_xaxes(tickangle=0)
        section.blocks.append(weekly)

    overdue = v.overdue_cases()  # the page's case table, its overdue rows, in its order
    if len(overdue.frame):
        section.blocks.append(top(overdue, P["overdue_title"], total=v.n_overdue, note=T["kpi_overdue_help"],
                                  widths=(2.3, 0.9, 0.9, 0.6, 1.1, 0.9, 0.8, 1.3, 1.05, 1.1, 1.9)))
    else:
        section.blocks.append(Bullets(P["overdue_title"], (catalogue.RINGKASAN["att_overdue_none"],)))
    return section


# ---------------------------------------------------------------- Formulir C
def _formulir_c(load: Loader, f: Filters, settings) -> Section:
    T, C = catalogue.FORMULIR_C, catalogue.FORMULIR_C_COLUMNS
    section = Section("formulir_c", catalogue.PAGES["formulir_c"])
    v = formulir_c.build(load, f, settings)
    if not v.reported:
        section.empty = T["empty"]
        return section
    section.intro = _plain(T["caption"].format(voting_day=formatting.fmt_date(v.voting_day, "full"),
                                               deadline=formatting.fmt_date(v.deadline, "long"))) \
        + " " + T["rate_rule"] + " " + T["scope"]
    section.cards = [card(c) for c in v.cards]
    a = formulir_c.by_area(load, f, v, v.level, settings)  # the level the page opens on
    section.blocks.append(Row((Chart(a.rates.title, a.rates.figure), Chart(a.reasons.title, a.reasons.figure)),
                              (0.55, 0.45)))
    # on paper: the area, its counts and shares of the undelivered, not the codes and the reasons
    left_out = {C[k] for k in ("provinsi_kode", "kabupaten_kode", "kecamatan_kode", "desa_kode", "delivered_pct",
                               "report_date")} | set(code_labels.UNDELIVERED_REASONS.values())
    section.blocks.append(top(a.table, note=P["area_table_note"],
                              columns=[c for c in a.table.frame.columns if c not in left_out]))

    pct = formatting.fmt_pct(settings.formulir_c_highlight_rate, 0)
    above = formulir_c.above(load, f, v, formulir_c.count_level(v.level), settings.screen_rows, settings)
    if above is not None:
        section.blocks.append(top(above, total=int(v.total["above_threshold"]), note=_plain(above.note),
                                  widths=(2.2, 1, 1.2, 0.7, 0.9, 1, 2.4, 1, 0.8)))
    else:
        section.blocks.append(Bullets(T["above_title"].format(pct=pct), (T["above_none"].format(pct=pct),)))
    return section


# ---------------------------------------------------------------- the whole briefing
def gather(load: Loader, f: Filters, *, filters_text: str, now: dt.datetime | None = None,
           settings=None) -> Briefing:
    """Everything the briefing shows for filters ``f`` (``filters_text``: how the page headers
    describe them). ``now``: when the document is made (aware; default: the clock)."""
    settings = settings or config.get()
    stamp = load(reference.data_stamp)
    now = now or dt.datetime.now(dt.UTC)
    summary = ringkasan.build(load, f, settings)
    sections = [_summary(summary), _coverage(load, f, settings, summary), _cases(load, f, settings),
                _formulir_c(load, f, settings)]
    generated = P["generated"].format(time=formatting.fmt_datetime_wib(now.astimezone(dt.UTC).replace(tzinfo=None)))
    return Briefing(filters=filters_text,
                    data_stamp=catalogue.MSG["data_stamp"].format(stamp=formatting.fmt_datetime_wib(stamp)),
                    generated=generated, demo=load(reference.demo_seed) is not None, sections=sections)
