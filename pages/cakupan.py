"""Cakupan Pengawasan: which campaign activities had at least one supervision report (LHP).

Layout only. The cards, the per-area bars, the unsupervised activities and the quiet desa are
``views.cakupan`` (the briefing PDF prints the same view); the rest: ``data_access.queries.coverage``
(SQL) -> ``metrics.coverage`` (definition, shaping) -> ``charts.coverage`` (figures, table views).
"""
import streamlit as st

from charts import coverage as charts
from data_access.queries import coverage as q
from metrics import areas
from metrics import coverage as m
from metrics.periods import week_starts
from texts import catalogue, formatting
from ui import cache, components, empty_states, filters, quiet_period
from views import cakupan as view

T = catalogue.CAKUPAN
selection = filters.current()
f = selection.filters
components.page_header(catalogue.PAGES["cakupan"], selection)


def _kpis(v: view.Cakupan) -> None:
    with components.kpi_grid("cakupan_kpis"):
        for card in v.cards:
            components.view_card(card, key=f"cakupan_kpi_{card.key}")
    quiet_period.card(f, key="cakupan_kpi_quiet", widths=(1, 3))  # issue 18: whatever the date range
    components.about(catalogue.MSG["about_page"],
                     f"**Definisi.** {catalogue.CAKUPAN_DEFINITION} {T['definition_more']}",
                     key="cakupan_about")


def _by_area(v: view.Cakupan, share: float) -> None:
    bars = v.by_area
    if v.level == "desa":  # the sidebar already narrowed to one kecamatan or to desa: show desa
        st.subheader(bars.title)
        st.caption(f"{T['area_note']} {T['drill_note']}")
        components.chart(bars.figure, key="cakupan_desa", alt=bars.alt)
        return
    kec = v.by_area_rows
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(bars.title)
        st.caption(T["area_note"])
        components.chart(bars.figure, key="cakupan_kecamatan", alt=bars.alt)
    with right:
        # Drill-down: worst kecamatan first, so the default view is where attention is needed.
        ranked = kec.sort_values(["coverage", "activities"], ascending=[True, False], kind="stable")
        names = dict(zip(ranked["kecamatan_kode"], ranked["kecamatan"], strict=True))
        st.subheader(T["drill_title"])
        st.caption(T["drill_note"])
        chosen = st.selectbox(T["drill_label"], list(names), format_func=names.get, key="cakupan_rinci")
        desa = m.with_coverage(cache.load(q.activity_coverage, f.with_area(kecamatan=(chosen,)), by=("desa",)))
        components.chart(charts.coverage_bars(desa, "desa", total=share), key="cakupan_rinci_desa",
                         alt=T["area_alt"].format(level="desa/kelurahan"))


def _by_upper_area(v: view.Cakupan, share: float) -> None:
    """Several regencies in scope: one bar per provinsi or kabupaten/kota, the drill-down one level
    below it (a national database would otherwise draw thousands of kecamatan)."""
    top, below, rows, bars = v.level, v.below, v.by_area_rows, v.by_area
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(bars.title)
        st.caption(T["area_note"])
        components.chart(bars.figure, key=f"cakupan_{top}", alt=bars.alt)
    with right:
        ranked = rows.sort_values(["coverage", "activities"], ascending=[True, False], kind="stable")
        names = dict(zip(ranked[f"{top}_kode"], ranked[top], strict=True))
        st.subheader(T["drill_title_upper"][below])
        chosen = st.selectbox(T["drill_label_upper"][top], list(names), format_func=names.get,
                              key=f"cakupan_rinci_{top}")
        detail = m.with_coverage(cache.load(q.activity_coverage, areas.drill_filters(f, top, chosen), by=(below,)))
        components.chart(charts.coverage_bars(detail, below, total=share), key=f"cakupan_rinci_{below}",
                         alt=T["area_alt"].format(level=T["heatmap_level"][below].lower()))


def _trend() -> None:
    st.subheader(T["trend_title"])
    period = st.segmented_control(T["period_label"], list(T["period"]), format_func=T["period"].get,
                                  default="week", required=True, key="cakupan_periode")
    series = m.by_period(cache.load(q.activity_coverage, f, by=(period,)), period, f.start, f.end)
    components.chart(charts.trend(series, period), key="cakupan_tren",
                     alt=T["trend_alt"].format(period=T["period"][period].lower()))


def _heatmap(level: str) -> None:
    st.subheader(T["heatmap_title"].format(level=T["heatmap_level"][level]))
    st.caption(T["heatmap_note"])
    key = f"{level}_kode"
    cells = cache.load(q.activity_coverage, f, by=(level, "week"))
    weeks = week_starts(f.start, f.end)
    names = dict(zip(cells[key], cells[level], strict=True))
    fig = charts.unsupervised_heatmap(m.week_matrix(cells, key, weeks), m.week_matrix(cells, key, weeks, "activities"),
                                      names, level)
    components.chart(fig, key="cakupan_heatmap", alt=T["heatmap_alt"].format(level=level))


def _by_metode_and_paslon(share: float) -> None:
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(T["metode_title"])
        metode = m.with_coverage(cache.load(q.activity_coverage, f, by=("metode",)))
        components.chart(charts.metode_bars(metode, total=share), key="cakupan_metode", alt=T["metode_alt"])
    with right:
        st.subheader(T["paslon_title"])
        paslon, n_pairs = m.busiest(m.with_coverage(cache.load(q.activity_coverage, f, by=("paslon",))),
                                    charts.MAX_PAIR_BARS)
        components.chart(charts.paslon_bars(paslon, total=share), key="cakupan_paslon", alt=T["paslon_alt"])
        if n_pairs > charts.MAX_PAIR_BARS:
            st.caption(T["paslon_top"].format(n=charts.MAX_PAIR_BARS, total=formatting.fmt_int(n_pairs)))


def _unsupervised_table(v: view.Cakupan) -> None:
    st.subheader(T["table_title"])
    table = v.unsupervised  # a screen's worth from the database; the downloads read them all on click
    if table is None:
        st.success(T["table_none"], icon=":material/check_circle:")
        return
    st.caption(table.note)
    every = cache.deferred(q.unsupervised_activities, f, limit=None)
    c = catalogue.CAKUPAN_COLUMNS
    components.table(
        table.frame, title=T["table_title"], name="kegiatan-tidak-diawasi",
        selection=selection, key="cakupan_tabel", total=int(v.total.unsupervised),
        everything=lambda: charts.unsupervised_table(every()),
        column_config={c["tanggal"]: st.column_config.DateColumn(format=formatting.CAKUPAN_DATE_FORMAT),
                       c["jam_mulai"]: st.column_config.TimeColumn(format=formatting.CAKUPAN_TIME_FORMAT)},
        height=min(38 + 35 * len(table.frame), 460))


def _quiet(quiet: view.Quiet) -> None:
    st.subheader(quiet.title)
    st.caption(quiet.note)
    if quiet.table is None:
        st.success(quiet.none, icon=":material/check_circle:")
        return
    st.markdown(f"**{quiet.count}**")
    components.table(quiet.table.frame, title=T["quiet_title"], name="wilayah-sepi",
                     selection=selection, key="cakupan_sepi", height=min(38 + 35 * len(quiet.table.frame), 460))


v = cache.view(view.build, f)
if v.empty:
    empty_states.no_data(T["empty"], ("activities",))
else:
    total, level = v.total, v.level
    _kpis(v)
    if areas.is_upper(level):
        _by_upper_area(v, total.coverage)
    else:
        _by_area(v, total.coverage)
    st.divider()
    _trend()
    st.divider()
    _heatmap(level)
    st.divider()
    _by_metode_and_paslon(total.coverage)
    st.divider()
    _unsupervised_table(v)
    if v.quiet is not None:  # the sidebar always sets an end date
        st.divider()
        _quiet(v.quiet)
