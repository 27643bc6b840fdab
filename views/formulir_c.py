"""The Formulir C view: the headline cards (undelivered forms first), the TPS still to report, the
levels the per-area breakdown offers and the one it opens on, the breakdown at a level (rates,
reasons, table) and the TPS above the threshold, as the page draws them and the briefing prints
them (the PDF: the level the page opens on, the first rows of each table in the page's order).

Numbers: ``data_access.queries.formulir_c`` (sums in SQL, through ``load``) -> ``metrics.formulir_c``
(rates recomputed from summed counts); copy from ``texts.catalogue.FORMULIR_C``.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import config
from charts import formulir_c as charts
from data_access.filters import Filters
from data_access.queries import formulir_c as q
from data_access.queries import reference
from metrics import areas
from metrics import formulir_c as m
from texts import catalogue, formatting
from views.blocks import Card, Figure, Loader, Table

T = catalogue.FORMULIR_C


@dataclass(frozen=True)
class FormulirC:
    empty: bool  # neither a recap nor a TPS list: the page shows its "no data" notice
    total: pd.Series  # the recap summed, with rates and the count above the threshold
    voting_day: object
    deadline: object
    n_missing: int  # TPS in the TPS list without a recap, and their DPT
    dpt_missing: int
    cards: tuple[Card, ...] = ()  # empty while no recap exists
    levels: tuple[str, ...] = ("kecamatan", "desa", "tps")  # the levels the breakdown offers
    level: str = "kecamatan"  # the one it opens on
    upper: bool = False  # several regencies in scope

    @property
    def reported(self) -> bool:
        return bool(self.total["tps"])


@dataclass(frozen=True)
class Areas:
    """The breakdown at ``level``: ``rows`` worst first, the rates (the first ``MAX_AREA_BARS``
    areas), the reasons over all of them and the table of every row."""

    level: str
    rows: pd.DataFrame
    rates: Figure
    reasons: Figure
    table: Table


def levels(load: Loader, f: Filters) -> tuple[tuple[str, ...], str, bool]:
    """Several regencies in scope: start at provinsi or kabupaten/kota and offer the levels down to
    the kecamatan; one regency: kecamatan, desa and TPS, starting at the desa once kecamatan are
    chosen and at the TPS once desa are. Returns (levels, the one to open on, several regencies)."""
    scope = areas.levels_in_scope(load(reference.kabupaten), f)
    if areas.is_upper(scope[0]):
        return tuple(scope[:scope.index("kecamatan") + 1]), scope[0], True
    return ("kecamatan", "desa", "tps"), ("tps" if f.desa else ("desa" if f.kecamatan else "kecamatan")), False


def by_area(load: Loader, f: Filters, v: FormulirC, level: str, settings=None) -> Areas:
    settings = settings or config.get()
    name = T["levels"][level]
    # with the threshold count: the same call (one query, cached) serves the page's TPS-above chart
    rows = m.ranked(m.with_rates(load(q.delivery, f, by=(level,), threshold=settings.formulir_c_highlight_rate)))
    # The dashed line: the regency's rate; over several regencies, the rate of the whole selection.
    line = v.total if v.upper else m.with_rates(load(q.delivery, f.with_area())).iloc[0]
    title = T["area_title"].format(level=name) if len(rows) <= charts.MAX_AREA_BARS else \
        T["area_title_top"].format(n=charts.MAX_AREA_BARS, level=name, total=len(rows))
    rates = Figure(title, charts.area_rates(rows, level, line["undelivered_rate"],
                                            line_label=T["overall_line"] if v.upper else None),
                   T["area_alt"].format(level=name.lower()))
    reasons = Figure(T["reason_title"], charts.reason_overall(m.reason_mix(rows)), T["reason_alt"])
    table = Table(T["area_table"].format(level=name), charts.area_table(rows, level), charts.TABLE_FORMATS)
    return Areas(level, rows, rates, reasons, table)


def count_level(level: str) -> str:
    """The level the counts further down the page are per (TPS above the threshold, late reports):
    ``level`` itself from kecamatan up, else desa."""
    return level if areas.is_upper(level) or level == "kecamatan" else "desa"


def tps_by(level: str) -> tuple[str, ...]:
    """The area columns TPS rows carry at ``level`` (their provinsi or kabupaten/kota above it)."""
    return (level,) if areas.is_upper(level) else ()


def above(load: Loader, f: Filters, v: FormulirC, level: str, rows: int, settings=None) -> Table | None:
    """The first ``rows`` TPS above the threshold, worst first (ranked in SQL); None when none is."""
    threshold = (settings or config.get()).formulir_c_highlight_rate
    n_above = int(v.total["above_threshold"])
    if not n_above:
        return None
    pct = formatting.fmt_pct(threshold, 0)
    listed = m.ranked(m.with_rates(load(q.tps_ranking, f, by=tps_by(level), threshold=threshold, limit=rows)),
                      threshold)
    return Table(T["above_title"].format(pct=pct), charts.above_table(listed), charts.TABLE_FORMATS,
                 T["above_count"].format(n=formatting.fmt_int(n_above), total=formatting.fmt_int(v.total["tps"]),
                                         pct=pct))


def build(load: Loader, f: Filters, settings=None) -> FormulirC:
    settings = settings or config.get()
    calendar = load(q.recap_calendar, f).iloc[0]
    voting_day, deadline = calendar["voting_day"], calendar["formulir_c_deadline"]
    total = m.with_rates(load(q.delivery, f, threshold=settings.formulir_c_highlight_rate)).iloc[0]
    missing = load(q.not_reported, f).iloc[0]  # TPS in the TPS list without a recap
    n_missing, dpt_missing = int(missing["tps_not_reported"]), int(missing["dpt_not_reported"])
    empty = not total["tps"] and not n_missing
    if not total["tps"]:
        return FormulirC(empty, total, voting_day, deadline, n_missing, dpt_missing)
    # Every card has a grey line under the value (no arrow): a note, not a change against a period.
    cards = (
        Card("undelivered", T["kpi_undelivered"], formatting.fmt_int(total["undelivered"]),
             T["of_dpt"].format(pct=formatting.fmt_pct(total["undelivered_rate"]))),
        Card("rate", T["kpi_rate"], formatting.fmt_pct(total["undelivered_rate"]), T["note_rate"].format(
            undelivered=formatting.fmt_int(total["undelivered"]), dpt=formatting.fmt_int(total["dpt"])),
            help=T["kpi_rate_help"]),
        Card("dpt", T["kpi_dpt"], formatting.fmt_int(total["dpt"]), T["note_dpt_missing"].format(
            tps=formatting.fmt_int(total["tps"]), missing=formatting.fmt_int(n_missing),
            dpt=formatting.fmt_int(dpt_missing)) if n_missing
            else T["note_dpt"].format(tps=formatting.fmt_int(total["tps"])),
            help=T["kpi_dpt_help"]),
        Card("delivered", T["kpi_delivered"], formatting.fmt_int(total["delivered"]),
             T["of_dpt"].format(pct=formatting.fmt_pct(total["delivered_rate"]))),
        Card("tps", T["kpi_tps"], formatting.fmt_int(total["tps"]),
             T["note_tps"].format(date=formatting.fmt_date(total["last_report_date"])), help=T["kpi_tps_help"]),
        Card("late", T["kpi_late"], formatting.fmt_int(total["late_reports"]),
             T["note_late"].format(date=formatting.fmt_date(deadline)),
             help=T["kpi_late_help"].format(deadline=formatting.fmt_date(deadline, "long"))),
    )
    return FormulirC(False, total, voting_day, deadline, n_missing, dpt_missing, cards, *levels(load, f))
