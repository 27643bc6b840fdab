"""The Cakupan Pengawasan view: the headline cards and the coverage per area at the level the page
opens on, as the page draws them and the briefing prints them.

Numbers: ``data_access.queries.coverage`` (SQL, through ``load``) -> ``metrics.coverage`` ->
``charts.coverage``; copy from ``texts.catalogue.CAKUPAN``.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts import coverage as charts
from data_access.filters import Filters
from data_access.queries import coverage as q
from data_access.queries import reference
from metrics import areas
from metrics import coverage as m
from texts import catalogue, formatting
from views.blocks import Card, Figure, Loader

T = catalogue.CAKUPAN


@dataclass(frozen=True)
class Cakupan:
    empty: bool
    total: pd.Series | None = None  # activities, supervised, unsupervised, coverage of the whole selection
    cards: tuple[Card, ...] = ()
    level: str = "kecamatan"  # the level of the per-area bars: provinsi, kabupaten, kecamatan or desa
    below: str = "desa"  # the level its drill-down shows
    by_area: Figure | None = None  # coverage per area of ``level``
    by_area_rows: pd.DataFrame | None = None


def area_level(load: Loader, f: Filters) -> tuple[str, str]:
    """Several regencies in scope: provinsi or kabupaten/kota, and the level below it; else desa
    once one kecamatan or desa are chosen, or kecamatan."""
    levels = areas.levels_in_scope(load(reference.kabupaten), f)
    if areas.is_upper(levels[0]):
        return levels[0], levels[1]
    return ("desa" if f.desa or len(f.kecamatan) == 1 else "kecamatan"), "desa"


def build(load: Loader, f: Filters) -> Cakupan:
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
    return Cakupan(False, total, cards, level, below, figure, rows)
