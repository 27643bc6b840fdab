"""The Tren Pelanggaran view: the headline cards and the weekly trend by jenis dugaan, as the page
draws them and the briefing prints them.

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
from metrics import cases as case_metrics
from metrics import periods
from texts import catalogue, formatting
from views.blocks import Card, Figure, Loader

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


def build(load: Loader, f: Filters, settings=None) -> Pelanggaran:
    settings = (settings or config.get()).cases
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
    note = catalogue.PELANGGARAN_QUIET.format(end=formatting.fmt_date(trend.end), range_end=formatting.fmt_date(f.end)) \
        if trend.end != f.end else ""
    return Pelanggaran(False, as_of, total, cards, by_sumber, weekly, note)
