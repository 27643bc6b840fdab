"""The Cakupan Pengawasan view: the headline cards, the coverage per area at the level the page opens
on, the table of unsupervised activities and the quiet desa ("wilayah sepi"), as the page draws
them and the briefing prints them (the PDF: the first rows of each table, in the page's order).

Numbers: ``data_access.queries.coverage`` (SQL, through ``load``) -> ``metrics.coverage`` ->
``charts.coverage``; copy from ``texts.catalogue.CAKUPAN``.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import config
from charts import coverage as charts
from data_access.filters import Filters
from data_access.queries import coverage as q
from data_access.queries import reference
from metrics import areas
from metrics import coverage as m
from texts import catalogue, formatting
from views.blocks import Card, Figure, Loader, Table

T = catalogue.CAKUPAN


@dataclass(frozen=True)
class Quiet:
    """The quiet desa: ``table`` worst first (None: none is quiet, ``none`` says so), ``count`` the
    bold line above it ("3 dari 53 desa/kelurahan sepi"), ``note`` the window it looks at."""

    title: str
    note: str
    count: str = ""
    none: str = ""
    table: Table | None = None


@dataclass(frozen=True)
class Cakupan:
    empty: bool
    total: pd.Series | None = None  # activities, supervised, unsupervised, coverage of the whole selection
    cards: tuple[Card, ...] = ()
    level: str = "kecamatan"  # the level of the per-area bars: provinsi, kabupaten, kecamatan or desa
    below: str = "desa"  # the level its drill-down shows
    by_area: Figure | None = None  # coverage per area of ``level``
    by_area_rows: pd.DataFrame | None = None
    unsupervised: Table | None = None  # the first screen of them, by date (None: every activity supervised)
    quiet: Quiet | None = None  # None without an end date


def area_level(load: Loader, f: Filters) -> tuple[str, str]:
    """Several regencies in scope: provinsi or kabupaten/kota, and the level below it; else desa
    once one kecamatan or desa are chosen, or kecamatan."""
    levels = areas.levels_in_scope(load(reference.kabupaten), f)
    if areas.is_upper(levels[0]):
        return levels[0], levels[1]
    return ("desa" if f.desa or len(f.kecamatan) == 1 else "kecamatan"), "desa"


def unsupervised(load: Loader, f: Filters, n: int, rows: int) -> Table | None:
    """The first ``rows`` of the ``n`` activities without an LHP, oldest first (the query's order)."""
    listed = load(q.unsupervised_activities, f, limit=rows)
    if listed is None or not len(listed):
        return None
    return Table(T["table_title"], charts.unsupervised_table(listed),
                 note=T["table_note"].format(n=formatting.fmt_int(n)))


def quiet(load: Loader, f: Filters, days: int) -> Quiet | None:
    """Desa without any LHP in the ``days`` up to the end date, longest quiet first."""
    if f.end is None:
        return None
    start, end = m.quiet_window(f.end, days)
    note = T["quiet_note"].format(days=days, start=formatting.fmt_date(start), end=formatting.fmt_date(end))
    # only the quiet desa come from the database; quiet_desa applies the same rule and adds days_quiet
    rows = m.rank_quiet(m.quiet_desa(load(q.last_report_per_desa, f, quiet_since=start), f.end, days))
    if not len(rows):
        return Quiet(T["quiet_title"], note, none=T["quiet_none"].format(days=days))
    count = T["quiet_count"].format(quiet=formatting.fmt_int(len(rows)),
                                    total=formatting.fmt_int(load(reference.desa_count, f)))
    return Quiet(T["quiet_title"], note, count, table=Table(T["quiet_title"], charts.quiet_table(rows)))


def build(load: Loader, f: Filters, settings=None) -> Cakupan:
    settings = settings or config.get()
    total = m.with_coverage(load(q.activity_coverage, f)).iloc[0]
    if not total.activities:
        return Cakupan(True)
    cards = (
        Card("activities", T["kpi_activities"], formatting.fmt_int(total.activities), help=T["kpi_activities_help"]),
        Card("supervised", T["kpi_supervised"], formatting.fmt_int(total.supervised), help=T["kpi_supervised_help"]),
        Card("unsupervised", T["kpi_unsupervised"], formatting.fmt_int(total.unsupervised),
             help=T["kpi_unsupervised_help"]),
        Card("coverage", T["kpi_coverage"], formatting.fmt_pct(total.coverage, 1), help=catalogue.CAKUPAN_DEFINITION),
    )
    level, below = area_level(load, f)
    rows = m.with_coverage(load(q.activity_coverage, f, by=(level,)))
    title = T["area_title_upper"][level] if areas.is_upper(level) else T[f"area_title_{level}"]
    level_name = T["heatmap_level"][level].lower() if areas.is_upper(level) else \
        ("desa/kelurahan" if level == "desa" else "kecamatan")
    figure = Figure(title, charts.coverage_bars(rows, level, total=total.coverage),
                    T["area_alt"].format(level=level_name))
    return Cakupan(False, total, cards, level, below, figure, rows,
                   unsupervised(load, f, int(total.unsupervised), settings.screen_rows),
                   quiet(load, f, settings.quiet_days))
