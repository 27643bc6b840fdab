"""Tren Pelanggaran: temuan and laporan over time, by type, area and pair; the handling funnel;
the case table with the handling deadline. Layout only: the cards, the weekly trend, the cases per
area and the case table are ``views.pelanggaran`` (the briefing PDF prints the same view); the rest
comes from ``data_access.queries.cases`` (SQL), ``metrics.cases`` (definitions) and ``charts.cases`` (figures).
"""
import streamlit as st

import config
from charts import cases as case_charts
from data_access.queries import cases as case_queries
from metrics import cases as case_metrics
from texts import catalogue, formatting
from ui import auth, cache, components, empty_states, filters
from views import pelanggaran as view

T = catalogue.PELANGGARAN

selection = filters.current()
f = selection.filters
components.page_header(catalogue.PAGES["pelanggaran"], selection)
components.not_applicable("cases", selection)

settings = config.get().cases
# Names of pelapor and terlapor only for roles allowed to see them, never in briefing mode.
personal = auth.show_personal_data()
v = cache.view(view.build, f, personal=personal)
as_of, total = v.as_of, v.total

if v.empty:
    empty_states.no_data(T["empty"], ("cases",))
else:
    by_sumber = v.by_sumber
    # The table shows the first SCREEN_ROWS cases; its downloads read every case when clicked.
    every_case = cache.deferred(case_queries.case_list, f, personal=personal)

    # ---- headline
    with components.kpi_grid("pel_kpis"):
        for card in v.cards:
            components.view_card(card, key=f"pel_kpi_{card.key}")

    # ---- trend by week and temuan vs laporan
    left, right = st.columns([2, 1])
    with left:
        st.subheader(v.weekly.title)
        components.chart(v.weekly.figure, key="pel_weekly", alt=v.weekly.alt)
        if v.weekly_note:
            st.caption(v.weekly_note)
    with right:
        st.subheader(T["sumber_title"])
        components.chart(case_charts.sumber_bars(by_sumber), key="pel_sumber", alt=T["sumber_alt"])

    # ---- by area and by pair
    left, right = st.columns(2)
    with left:
        # Several regencies in scope: one bar per provinsi or kabupaten/kota, not thousands of kecamatan.
        st.subheader(v.by_area.title)
        components.chart(v.by_area.figure, key=f"pel_{v.area_level}", alt=v.by_area.alt)
    with right:
        st.subheader(T["paslon_title"])
        pairs, n_pairs = case_metrics.busiest_pairs(cache.load(case_queries.case_counts, f, by=("paslon", "sumber")),
                                                    case_charts.MAX_PAIR_BARS)
        cut = n_pairs > case_charts.MAX_PAIR_BARS
        components.chart(case_charts.paslon_bars(pairs, by_count=cut), key="pel_paslon", alt=T["paslon_alt"])
        if cut:
            st.caption(T["paslon_top"].format(n=case_charts.MAX_PAIR_BARS, total=formatting.fmt_int(n_pairs)))

    # ---- handling funnel
    st.subheader(T["funnel_title"])
    stages = case_metrics.funnel(
        cache.load(case_queries.status_reached, f),
        int(cache.load(case_queries.cases_reaching_any, f, statuses=case_metrics.FORWARD_STATUSES)["cases"].sum()))
    left, right = st.columns([3, 2])
    with left:
        components.chart(case_charts.funnel(stages), key="pel_funnel", alt=T["funnel_alt"])
    with right:
        st.markdown(T["funnel_note"])

    # ---- case table with the handling deadline
    st.subheader(T["table_title"])
    st.markdown(catalogue.pelanggaran_deadline_rule(settings.decision_days, settings.extension_days, as_of))
    st.caption(v.cases.note)
    c = catalogue.PELANGGARAN_COLUMNS
    components.table(
        v.cases.frame, title=T["table_title"], name="kasus", selection=selection,
        key="pel_cases", total=total,
        everything=lambda: case_charts.case_table(
            case_metrics.with_deadline(every_case(), as_of, settings.deadline_days), personal=personal),
        column_config={c[k]: st.column_config.DateColumn(format=formatting.TABLE_DATE_FORMAT)
                       for k in ("tanggal_diterima", "status_date", "due")},
        height=36 * (min(len(v.cases.frame), 20) + 1) + 3)  # up to 20 rows without an inner scroll bar
