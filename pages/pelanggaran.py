"""Tren Pelanggaran: temuan and laporan over time, by type, area and pair; the handling funnel;
the case table with the handling deadline. Layout only: the cards and the weekly trend are
``views.pelanggaran`` (the briefing PDF prints the same view); the rest comes from
``data_access.queries.cases`` (SQL), ``metrics.cases`` (definitions) and ``charts.cases`` (figures).
"""
import streamlit as st

import config
from charts import cases as case_charts
from data_access.queries import cases as case_queries
from data_access.queries import reference
from metrics import areas
from metrics import cases as case_metrics
from ui import auth, cache, components, empty_states, filters
from texts import catalogue, formatting
from views import pelanggaran as view
T = catalogue.PELANGGARAN

selection = filters.current()
f = selection.filters
components.page_header(catalogue.PAGES["pelanggaran"], selection)
components.not_applicable("cases", selection)

settings = config.get().cases
v = cache.view(view.build, f)
as_of, total = v.as_of, v.total

if v.empty:
    empty_states.no_data(T["empty"], ("cases",))
else:
    by_sumber = v.by_sumber
    # Names of pelapor and terlapor only for roles allowed to see them, never in briefing mode.
    personal = auth.show_personal_data()
    # The table shows the first SCREEN_ROWS cases; its downloads read every case when clicked.
    listed = case_metrics.with_deadline(
        cache.load(case_queries.case_list, f, personal=personal, limit=components.SCREEN_ROWS), as_of,
        settings.deadline_days)
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
    kabupaten = cache.load(reference.kabupaten)
    left, right = st.columns(2)
    with left:
        # Several regencies in scope: one bar per provinsi or kabupaten/kota, not thousands of kecamatan.
        top = areas.levels_in_scope(kabupaten, f)[0]
        if areas.is_upper(top):
            st.subheader(T["area_title"][top])
            per_area = case_metrics.with_all_areas(
                cache.load(case_queries.case_counts, f, by=(top, "sumber")),
                areas.upper_areas(kabupaten, top, provinsi=f.provinsi, chosen_kabupaten=f.kabupaten), top)
            components.chart(case_charts.area_bars(per_area, top), key=f"pel_{top}",
                             alt=T["area_alt"].format(level=catalogue.RINGKASAN["levels"][top]))
        else:
            st.subheader(T["kecamatan_title"])
            per_kec = case_metrics.with_all_kecamatan(
                cache.load(case_queries.case_counts, f, by=("kecamatan", "sumber")),
                areas.areas_to_draw("kecamatan", cache.load(reference.kecamatan), kabupaten=f.kabupaten,
                                    provinsi=f.provinsi),  # only the kecamatan of a chosen kabupaten
                f.kecamatan, f.desa)
            components.chart(case_charts.kecamatan_bars(per_kec), key="pel_kecamatan", alt=T["kecamatan_alt"])
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
    st.caption(T["table_note_personal" if personal else "table_note"])
    c = catalogue.PELANGGARAN_COLUMNS
    components.table(
        case_charts.case_table(listed, personal=personal), title=T["table_title"], name="kasus", selection=selection,
        key="pel_cases", total=total,
        everything=lambda: case_charts.case_table(case_metrics.with_deadline(every_case(), as_of, settings.deadline_days),
                                                  personal=personal),
        column_config={c[k]: st.column_config.DateColumn(format=formatting.TABLE_DATE_FORMAT)
                       for k in ("tanggal_diterima", "status_date", "due")},
        height=36 * (min(len(listed), 20) + 1) + 3)  # up to 20 rows without an inner scroll bar
