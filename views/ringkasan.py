"""The Ringkasan view: KPI cards with their change against the previous period of equal length, the
four "Perlu perhatian" lists and the weekly trend, as the page draws them and the briefing prints them.

Numbers: ``data_access.queries.{coverage,cases,formulir_c}`` (SQL, through ``load``) ->
``metrics.summary`` (KPI values, changes, rankings) -> ``charts.summary`` (figure); copy from
``texts.catalogue.RINGKASAN``. The lists rank the level of ``attention_level``: provinsi or
kabupaten/kota when several regencies are in scope, else kecamatan, or desa once areas are chosen.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go

import config
from charts import summary as summary_charts
from data_access.filters import Filters
from data_access.queries import cases as case_queries
from data_access.queries import coverage as coverage_queries
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import reference
from metrics import areas
from metrics import cases as case_metrics
from metrics import coverage as coverage_metrics
from metrics import summary as m
from texts import catalogue, formatting
from views.blocks import Card, Item, Loader, RankedList, area_of

T = catalogue.RINGKASAN


@dataclass(frozen=True)
class Ringkasan:
    empty: bool  # nothing in the filters: the page shows its "no data" notice
    as_of: dt.date
    level: str  # the level the "Perlu perhatian" lists rank
    previous: Filters | None  # the period the changes compare against
    intro: str = ""  # which period the changes compare against
    cards: tuple[Card, ...] = ()  # activities, coverage, formulir_c, cases, open, decided, overdue
    formulir_c_reported: bool = False  # a recap exists (the card then says which filters do not apply)
    attention: tuple[RankedList, ...] = ()  # coverage, quiet, overdue, formulir_c
    trend: go.Figure | None = None  # the weekly trend (None: no activity in the period)

    def card(self, key: str) -> Card:
        return next(c for c in self.cards if c.key == key)

    def ranked(self, key: str) -> RankedList:
        return next(a for a in self.attention if a.key == key)


def attention_level(load: Loader, f: Filters) -> str:
    """Provinsi or kabupaten/kota when several regencies are in scope (metrics.areas.levels_in_scope),
    else kecamatan, or desa once areas are chosen (metrics.summary.attention_level)."""
    widest = areas.levels_in_scope(load(reference.kabupaten), f)[0]
    return widest if areas.is_upper(widest) else m.attention_level(f)


def _change(key: str, label: str, kpi: m.Kpi, value: str, fmt, previous, **extra) -> Card:
    """A card whose change line compares with the previous period (none without one)."""
    if previous is None:
        return Card(key, label, value, **extra)
    if kpi.direction == "none":
        return Card(key, label, value, T["no_previous"], "none", m.NEUTRAL, **extra)
    return Card(key, label, value, fmt(kpi.change), kpi.direction, kpi.tone, T["vs_previous"], **extra)


def _formulir_c_card(fc: m.FormulirCKpi) -> Card:
    """Undelivered Formulir C: a snapshot of one voting day, so the card says why it has no change."""
    missing = {"n": formatting.fmt_int(fc.not_reported), "dpt": formatting.fmt_int(fc.not_reported_dpt)}
    if not fc.tps:
        return Card("formulir_c", T["kpi_formulir_c"], formatting.DASH, notes=(
            T["formulir_c_none_reported"].format(**missing) if fc.not_reported else T["formulir_c_missing"],))
    late = (T["late_some"] if fc.late_reports else T["late_none"]).format(
        late=formatting.fmt_int(fc.late_reports), tps=formatting.fmt_int(fc.tps),
        deadline=formatting.fmt_date(fc.deadline))
    if fc.not_reported:  # the TPS still to report, beside the rate (which is over the reported TPS only)
        late += " · " + T["formulir_c_not_reported"].format(**missing)
    day = formatting.fmt_date(fc.voting_day)
    return Card("formulir_c", T["kpi_formulir_c"], formatting.fmt_int(fc.undelivered),
                T["kpi_formulir_c_delta"].format(pct=formatting.fmt_pct(fc.rate)),
                notes=(T["kpi_formulir_c_no_change"].format(day=day), late),
                help=T["kpi_formulir_c_help"].format(day=day))


def _cards(act, cas, fc, previous, as_of, settings) -> tuple[Card, ...]:
    total = cas["total"].value
    shares = {name: T["kpi_share_note"].format(share=formatting.fmt_pct(m.share(cas[name].value, total), 0),
                                               total=formatting.fmt_int(total)) for name in ("open", "decided")}
    return (
        _change("activities", T["kpi_activities"], act["activities"], formatting.fmt_int(act["activities"].value),
                formatting.fmt_signed_int, previous, help=T["kpi_activities_help"],
                notes=(T["kpi_activities_note"].format(
                    unsupervised=formatting.fmt_int(act["activities"].value - act["supervised"].value)),)),
        _change("coverage", T["kpi_coverage"], act["coverage"], formatting.fmt_pct(act["coverage"].value, 1),
                formatting.fmt_pp, previous, help=catalogue.CAKUPAN_DEFINITION,
                notes=(T["kpi_coverage_note"].format(supervised=formatting.fmt_int(act["supervised"].value),
                                                     activities=formatting.fmt_int(act["activities"].value)),)),
        _formulir_c_card(fc),
        _change("cases", T["kpi_cases"], cas["total"], formatting.fmt_int(total), formatting.fmt_signed_int,
                previous, help=T["kpi_cases_help"], notes=(T["kpi_cases_note"],)),
        *(_change(name, T[f"kpi_{name}"], cas[name], formatting.fmt_int(cas[name].value), formatting.fmt_signed_int,
                  previous, help=T[f"kpi_{name}_help"], notes=(shares[name],) if total else ())
          for name in ("open", "decided")),
        _change("overdue", T["kpi_overdue"], cas["overdue"], formatting.fmt_int(cas["overdue"].value),
                formatting.fmt_signed_int, previous, help=T["kpi_overdue_help"],
                notes=(T["kpi_overdue_note"].format(days=settings.cases.deadline_days,
                                                    as_of=formatting.fmt_date(as_of)),)),
    )


# ---------------------------------------------------------------- "Perlu perhatian"
def _coverage_list(load: Loader, f: Filters, level: str, many_kec: bool) -> RankedList:
    rows, small = m.lowest_coverage(load(coverage_queries.activity_coverage, f, by=(level,)), level)
    lvl = T["levels"][level]
    items = tuple(Item(T["att_coverage_item"].format(
        name=catalogue.ringkasan_area(r, level, many_kec), coverage=formatting.fmt_pct(r["coverage"], 1),
        supervised=formatting.fmt_int(r["supervised"]), activities=formatting.fmt_int(r["activities"])),
        level, area_of(r, level)) for _, r in rows.iterrows())
    note = (T["att_coverage_small"] if small else T["att_coverage_small_none"]).format(
        level=lvl, min=m.MIN_ACTIVITIES[level], n=formatting.fmt_int(small))
    return RankedList("coverage", T["att_coverage_title"], items, T["att_coverage_none"].format(level=lvl), note)


def _quiet_list(load: Loader, f: Filters, many_kec: bool, days: int) -> RankedList:
    if f.end is None:
        return RankedList("quiet", T["att_quiet_title"])
    start, end = coverage_metrics.quiet_window(f.end, days)
    rows, count = m.quiet_areas(load(coverage_queries.last_report_per_desa, f, quiet_since=start), f.end, days)
    window = formatting.fmt_range(start, end)
    items = []
    for _, r in rows.iterrows():
        never = r["days_quiet"] is None or r["days_quiet"] != r["days_quiet"]
        # linked to the kecamatan: the Cakupan page lists its quiet desa ("wilayah sepi")
        items.append(Item((T["att_quiet_item_never"] if never else T["att_quiet_item_days"]).format(
            name=catalogue.ringkasan_area(r, "desa", many_kec), days=formatting.fmt_int(r["days_quiet"])),
            "kecamatan", area_of(r, "desa")))
    if count == 0:
        return RankedList("quiet", T["att_quiet_title"], (), T["att_quiet_none"].format(days=days, window=window))
    return RankedList("quiet", T["att_quiet_title"], tuple(items),
                      note=T["att_quiet_count"].format(n=formatting.fmt_int(count), days=days, window=window))


def _overdue_list(case_rows, level: str, many_kec: bool, days: int) -> RankedList:
    rows, count = m.overdue_by_area(case_rows, level)
    items = tuple(Item((T["att_overdue_item"] if r["open_overdue"] else T["att_overdue_item_closed"]).format(
        name=catalogue.ringkasan_area(r, level, many_kec), overdue=formatting.fmt_int(r["overdue"]),
        open=formatting.fmt_int(r["open_overdue"])), level, area_of(r, level)) for _, r in rows.iterrows())
    return RankedList("overdue", T["att_overdue_title"], items, "" if count else T["att_overdue_none"],
                      T["att_overdue_count"].format(n=formatting.fmt_int(count), days=days) if count else "")


def _formulir_c_list(per_area, level: str, many_kec: bool, threshold: float) -> RankedList:
    if not len(per_area) or not int(per_area["tps"].sum()):
        return RankedList("formulir_c", T["att_formc_title"], (), T["formulir_c_missing"])  # no recap yet
    rows = m.highest_undelivered(per_area)
    items = tuple(Item(T["att_formc_item"].format(
        name=catalogue.ringkasan_area(r, level, many_kec), rate=formatting.fmt_pct(r["undelivered_rate"]),
        undelivered=formatting.fmt_int(r["undelivered"]), dpt=formatting.fmt_int(r["dpt"])), level, area_of(r, level))
        for _, r in rows.iterrows())
    above = int(per_area["above_threshold"].sum())
    return RankedList("formulir_c", T["att_formc_title"], items, T["att_formc_none"], T["att_formc_count"].format(
        n=formatting.fmt_int(above), threshold=formatting.fmt_pct(threshold, 0)))


# ---------------------------------------------------------------- the view
def build(load: Loader, f: Filters, settings=None) -> Ringkasan:
    """The Ringkasan of filters ``f``. This period's cases and Formulir C are the per-area rows of the
    attention lists summed (``metrics.summary.total_of``): one query each for cards and lists."""
    settings = settings or config.get()
    days = settings.cases.deadline_days
    as_of = case_metrics.reference_day(load(reference.data_stamp), formatting.WIB)
    previous = f.shifted_back() if f.start is not None and f.end is not None else None
    level = attention_level(load, f)
    case_rows = load(case_queries.deadline_counts, f, as_of=as_of, deadline_days=days, by=(level,))
    formulir_c_rows = load(formulir_c_queries.delivery, f, by=(level,), threshold=settings.formulir_c_highlight_rate)
    before = load(case_queries.deadline_counts, previous, as_of=as_of, deadline_days=days) if previous else None
    act = m.activity_kpis(load(coverage_queries.activity_coverage, f),
                          load(coverage_queries.activity_coverage, previous) if previous else None)
    cas = m.case_kpis(m.total_of(case_rows, m.CASE_COUNTS), before)
    fc = m.formulir_c_kpi(m.total_of(formulir_c_rows, m.DELIVERY_COUNTS, maxes=("last_report_date",)),
                          load(formulir_c_queries.recap_calendar, f), load(formulir_c_queries.not_reported, f))
    if not m.has_data(act["activities"], cas["total"], fc):
        return Ringkasan(True, as_of, level, previous)

    if previous is not None:
        empty_before = not (act["activities"].previous or cas["total"].previous)
        intro = (T["compare_note"].format(range=formatting.fmt_range(previous.start, previous.end))
                 + (T["compare_empty"] if empty_before else ""))
    else:
        intro = T["no_compare"]
    many_kec = len(f.kecamatan) != 1
    attention = (_coverage_list(load, f, level, many_kec), _quiet_list(load, f, many_kec, settings.quiet_days),
                 _overdue_list(case_rows, level, many_kec, days),
                 _formulir_c_list(formulir_c_rows, level, many_kec, settings.formulir_c_highlight_rate))
    series = coverage_metrics.by_period(load(coverage_queries.activity_coverage, f, by=("week",)), "week",
                                        f.start, f.end)
    trend = summary_charts.weekly_trend(series) if len(series) and int(series["activities"].sum()) else None
    return Ringkasan(False, as_of, level, previous, intro, _cards(act, cas, fc, previous, as_of, settings),
                     bool(fc.tps), attention, trend)
