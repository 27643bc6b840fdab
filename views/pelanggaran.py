"""The Tren Pelanggaran view: the headline cards, the weekly trend by jenis dugaan, the cases per area
(provinsi or kabupaten/kota when several regencies are in scope, else kecamatan) and the case table
with the handling deadline, as the page draws them and the briefing prints them (the PDF: the
overdue rows of the page's table, in its order).

Numbers: ``data_access.queries.cases`` (SQL, through ``load``) -> ``metrics.cases`` ->
``charts.cases``; copy from ``texts.catalogue.PELANGGARAN``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

import config
from charts import cases as case_charts
from data_access.filters import Filters
from data_access.queries import cases as case_queries
from data_access.queries import reference
from metrics import areas, periods
from metrics import cases as case_metrics
from texts import catalogue, formatting
from views.blocks import Card, Figure, Loader, Table

T = catalogue.PELANGGARAN


@dataclass(frozen=True)
class Pelanggaran:
    empty: bool
    as_of: dt.date
    total: int = 0
    cards: tuple[Card, ...] = ()
    by_sumber: pd.DataFrame | None = None
    weekly: Figure | None = None  # cases per week by jenis dugaan, through the quiet period (issue 18)
    weekly_note: str = ""  # said when the trend runs past the chosen end date
    area_level: str = "kecamatan"  # the level of ``by_area``: provinsi, kabupaten or kecamatan
    by_area: Figure | None = None  # cases per area by sumber, every area in the filter (none too)
    n_areas: int = 0  # bars in ``by_area``
    cases: Table | None = None  # the first ``screen_rows`` cases, newest first, with their deadline
    overdue: tuple[bool, ...] = ()  # per row of ``cases``: past the handling deadline
    n_overdue: int = 0  # overdue cases in the filters (``cases`` may hold only the newest of them)

    def overdue_cases(self) -> Table:
        """The overdue rows of ``cases`` in its order, without the (all "Ya") overdue column."""
        frame = self.cases.frame[list(self.overdue)].drop(columns=[catalogue.PELANGGARAN_COLUMNS["overdue"]])
        return Table(self.cases.title, frame.reset_index(drop=True), self.cases.formats, self.cases.note)


def by_area(load: Loader, f: Filters) -> tuple[str, Figure, int]:
    """Several regencies in scope: one bar per provinsi or kabupaten/kota, not thousands of
    kecamatan; else one per kecamatan (only those of a chosen kabupaten)."""
    kabupaten = load(reference.kabupaten)
    top = areas.levels_in_scope(kabupaten, f)[0]
    if areas.is_upper(top):
        rows = case_metrics.with_all_areas(
            load(case_queries.case_counts, f, by=(top, "sumber")),
            areas.upper_areas(kabupaten, top, provinsi=f.provinsi, chosen_kabupaten=f.kabupaten), top)
        figure = Figure(T["area_title"][top], case_charts.area_bars(rows, top),
                        T["area_alt"].format(level=catalogue.RINGKASAN["levels"][top]))
        return top, figure, rows[f"{top}_kode"].nunique()
    rows = case_metrics.with_all_kecamatan(
        load(case_queries.case_counts, f, by=("kecamatan", "sumber")),
        areas.areas_to_draw("kecamatan", load(reference.kecamatan), kabupaten=f.kabupaten, provinsi=f.provinsi),
        f.kecamatan, f.desa)
    return "kecamatan", Figure(T["kecamatan_title"], case_charts.kecamatan_bars(rows), T["kecamatan_alt"]), \
        rows["kecamatan_kode"].nunique()


def case_table(load: Loader, f: Filters, as_of: dt.date, deadline_days: int, *, personal: bool,
               rows: int) -> tuple[Table, tuple[bool, ...]]:
    """The newest ``rows`` cases with the handling deadline (names of pelapor and terlapor only with
    ``personal``), and which of them are overdue."""
    listed = case_metrics.with_deadline(load(case_queries.case_list, f, personal=personal, limit=rows), as_of,
                                        deadline_days)
    frame = case_charts.case_table(listed, personal=personal)
    overdue = tuple(v == T["yes"] for v in frame[catalogue.PELANGGARAN_COLUMNS["overdue"]]) \
        if len(frame) else ()
    return Table(T["table_title"], frame, note=T["table_note_personal" if personal else "table_note"]), overdue


def build(load: Loader, f: Filters, settings=None, *, personal: bool = False) -> Pelanggaran:
    """``personal``: the case table names pelapor and terlapor (the caller checked the access rules)."""
    settings = settings or config.get()
    rows = settings.screen_rows
    settings = settings.cases
    as_of = case_metrics.reference_day(load(reference.data_stamp), formatting.WIB)
    # One query for the cards: cases per status and source, with the overdue ones among them.
    counts = load(case_queries.deadline_counts, f, as_of=as_of, deadline_days=settings.deadline_days,
                  by=("status", "sumber"))
    total = int(counts["cases"].sum()) if len(counts) else 0
    if total == 0:
        return Pelanggaran(True, as_of)
    by_status, by_sumber = case_metrics.sum_by(counts, "status"), case_metrics.sum_by(counts, "sumber")
    split = case_metrics.decided_split(by_status)
    cards = (
        Card("total", T["kpi_total"], formatting.fmt_int(total), help=T["kpi_total_help"]),
        Card("temuan", T["kpi_temuan"], formatting.fmt_int(case_metrics.count_by(by_sumber, "sumber", "temuan"))),
        Card("laporan", T["kpi_laporan"], formatting.fmt_int(case_metrics.count_by(by_sumber, "sumber", "laporan"))),
        Card("decided", T["kpi_decided"], formatting.fmt_int(split["decided"]), help=T["kpi_decided_help"]),
        Card("open", T["kpi_open"], formatting.fmt_int(split["open"]), help=T["kpi_open_help"]),
        Card("overdue", T["kpi_overdue"], formatting.fmt_int(counts["overdue"].sum()), help=T["kpi_overdue_help"]),
    )
    trend = case_metrics.trend_filters(f, load(reference.elections))  # issue 18: through the quiet period
    weekly_counts = load(case_queries.case_counts, trend, by=("week", "jenis_dugaan"))
    weeks = periods.week_starts(trend.start, trend.end) if trend.start and trend.end else \
        periods.week_starts(weekly_counts["week"].min(), weekly_counts["week"].max())
    weekly = Figure(T["weekly_title"], case_charts.weekly_by_jenis(case_metrics.weekly(weekly_counts, weeks)),
                    T["weekly_alt"])
    note = catalogue.PELANGGARAN_QUIET.format(end=formatting.fmt_date(trend.end),
                                              range_end=formatting.fmt_date(f.end)) \
        if trend.end != f.end else ""
    level, bars, n_areas = by_area(load, f)
    cases, overdue = case_table(load, f, as_of, settings.deadline_days, personal=personal, rows=rows)
    return Pelanggaran(False, as_of, total, cards, by_sumber, weekly, note, level, bars, n_areas, cases, overdue,
                       int(counts["overdue"].sum()))
