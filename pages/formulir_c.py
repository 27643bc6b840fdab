"""Formulir C: delivery of Formulir Model C.Pemberitahuan-KWK to voters, per kecamatan, desa and TPS.

Layout only. The cards, the levels, the breakdown per area and the TPS above the threshold are
``views.formulir_c`` (the briefing PDF prints the same view); every other number:
``data_access.queries.formulir_c`` (sums in SQL) ->
``metrics.formulir_c`` (rates recomputed from summed counts, ranking, threshold) ->
``charts.formulir_c`` (figures and display tables). Only the area filter applies.
"""
import streamlit as st

import config
from charts import formulir_c as charts
from data_access.queries import formulir_c as q
from data_access.queries import reference
from metrics import areas
from metrics import formulir_c as m
from texts import catalogue, formatting, markdown
from ui import cache, components, empty_states, filters
from views import formulir_c as view

T = catalogue.FORMULIR_C
selection = filters.current()
f = selection.filters

v = cache.view(view.build, f)
voting_day, deadline = v.voting_day, v.deadline
components.page_header(catalogue.PAGES["formulir_c"], selection)
components.not_applicable("formulir_c", selection, dates=True)

threshold = config.get().formulir_c_highlight_rate
total, n_missing, dpt_missing = v.total, v.n_missing, v.dpt_missing
if v.empty:
    empty_states.no_data(T["empty"], ("formulir_c",))
    st.stop()


def not_reported_section() -> None:
    """TPS "belum melapor": counted and listed per area, their DPT beside the rates (never in them),
    and the days left while the H-3 deadline is ahead."""
    left = m.days_left(deadline, components.today_wib())
    if not n_missing and left is None:
        return
    st.header(T["missing_header"])
    st.caption(T["missing_intro"])
    if left is not None:
        st.info((T["days_left"] if left else T["days_left_today"]).format(
            deadline=formatting.fmt_date(deadline, "full"), days=formatting.fmt_int(left)), icon=":material/schedule:")
    known = int(total["tps"]) + n_missing
    if not n_missing:
        st.success(T["missing_none"].format(total=formatting.fmt_int(known)), icon=":material/check_circle:")
        return
    cards = [
        ("missing", T["kpi_missing"], formatting.fmt_int(n_missing),
         T["kpi_missing_note"].format(total=formatting.fmt_int(known)), T["kpi_missing_help"]),
        ("missing_dpt", T["kpi_missing_dpt"], formatting.fmt_int(dpt_missing), T["kpi_missing_dpt_note"], None),
        ("reported_share", T["kpi_reported_share"],
         formatting.fmt_pct(m.reported_share(int(total["tps"]), n_missing), 1),
         T["kpi_reported_share_note"].format(reported=formatting.fmt_int(total["tps"]),
                                             total=formatting.fmt_int(known)),
         None),
    ]
    with components.kpi_grid("fc_missing_kpis"):
        for key, label, value, note, help_text in cards:
            components.kpi(label, value, note, help=help_text, delta_color="off", delta_arrow="off",
                           key=f"fc_kpi_{key}", stretch=True)
    widest = areas.levels_in_scope(cache.load(reference.kabupaten), f)[0]
    level = widest if areas.is_upper(widest) else ("desa" if f.kecamatan or f.desa else "kecamatan")
    title = T["missing_table"].format(level=T["levels"][level].lower())
    components.table(charts.not_reported_table(cache.load(q.not_reported, f, by=(level,)), level), title=title,
                     name=f"formulir_c_belum_melapor_{level}", selection=selection, key="fc_missing_area",
                     formats=charts.TABLE_FORMATS)
    listed = cache.load(q.not_reported_tps, f, limit=components.SCREEN_ROWS)
    every = cache.deferred(q.not_reported_tps, f)
    components.table(charts.not_reported_tps_table(listed), title=T["missing_list"], total=n_missing,
                     everything=lambda: charts.not_reported_tps_table(every()), name="formulir_c_tps_belum_melapor",
                     selection=selection, key="fc_missing_tps", formats=charts.TABLE_FORMATS)


if not total["tps"]:  # a TPS list but no recap yet: what is missing, and the days left
    st.info(T["no_recap_yet"], icon=":material/hourglass_empty:")
    not_reported_section()
    st.stop()

# ---------------------------------------------------------------- headline
# The number the page exists for first (issue 21: on a phone it was below the fold).
with components.kpi_grid("fc_kpis"):
    for card in v.cards:
        components.view_card(card, key=f"fc_kpi_{card.key}", stretch=True)
components.about(catalogue.MSG["about_page"], T["caption"].format(
    voting_day=formatting.fmt_date(voting_day, "full"), deadline=formatting.fmt_date(deadline, "long")), T["scope"],
    T["rate_rule"], key="fc_about")
not_reported_section()

# ---------------------------------------------------------------- per area, with drill-down
st.header(T["area_header"])
# Several regencies in scope: start at provinsi or kabupaten/kota and offer the levels down to the
# kecamatan (desa and TPS once one area is chosen in the sidebar); one regency: as always.
upper, default_level = v.upper, v.level
level = st.segmented_control(T["level"], list(v.levels), default=default_level, required=True,
                             format_func=T["levels"].get, key=f"fc_level_{default_level}",
                             help=T["level_help"]) or default_level
level_name = T["levels"][level]
by_area = view.by_area(cache.load, f, v, level)
rows = by_area.rows
labels = charts.area_labels(rows, level)
# for counts per area further down
area_level = view.count_level(level)

left, right = st.columns([3, 2], gap="large")
with left:
    components.chart(by_area.rates.figure, key="fc_area", alt=by_area.rates.alt)
    if len(rows) > charts.MAX_AREA_BARS:
        st.caption(T["top_note"].format(n=charts.MAX_AREA_BARS, level=level_name, total=len(rows)))
with right:
    components.chart(by_area.reasons.figure, key="fc_reason", alt=by_area.reasons.alt)
components.table(by_area.table.frame, title=by_area.table.title, name=f"formulir_c_{level}", selection=selection,
                 key="fc_area_table", formats=by_area.table.formats)

order = labels[:charts.MAX_AREA_BARS]
components.chart(charts.reason_by_area(m.reason_mix_by(rows.assign(label=labels), "label"), level, order),
                 key="fc_reason_area", alt=T["reason_area_alt"].format(level=level_name.lower()))
if len(rows) > charts.MAX_AREA_BARS:
    st.caption(T["top_note"].format(n=charts.MAX_AREA_BARS, level=level_name, total=len(rows)))

missing = cache.load(q.desa_without_tps, f)
if len(missing):
    st.caption(T["no_recap_desa"].format(n=len(missing), names=markdown.escape(", ".join(
        catalogue.formulir_c_desa(d, k) for d, k in zip(missing["desa"], missing["kecamatan"], strict=True)))))

# ---------------------------------------------------------------- TPS ranking against the threshold
st.header(T["rank_header"])
# Ranked in SQL: the worst TPS for the chart and those above the threshold for the table, never
# every TPS (420,000 nationally); the per-area counts come summed from the database.
tps_by = view.tps_by(area_level)  # TPS rows name their provinsi/kabupaten
worst = m.ranked(m.with_rates(cache.load(q.tps_ranking, f, by=tps_by, limit=charts.TPS_TOP)), threshold)
n_above = int(total["above_threshold"])
pct = formatting.fmt_pct(threshold, 0)
left, right = st.columns([1, 1], gap="large")
with left:
    components.chart(charts.tps_ranking(worst, threshold), key="fc_rank", alt=T["rank_alt"])
with right:
    per_area = cache.load(q.delivery, f, by=(area_level,), threshold=threshold)
    components.chart(charts.above_by_area(m.above_by_area(per_area, area_level), threshold, area_level),
                     key="fc_above_area", alt=T["above_area_alt"].format(level=T["levels"][area_level].lower()))
st.subheader(T["above_title"].format(pct=pct))
above = view.above(cache.load, f, v, area_level, components.SCREEN_ROWS)
if above is not None:
    # the first SCREEN_ROWS on screen; the downloads read every TPS above the threshold when clicked
    every_above = cache.deferred(q.tps_ranking, f, by=tps_by, threshold=threshold)
    st.markdown(above.note)
    components.table(above.frame, title=above.title, total=n_above,
                     everything=lambda: charts.above_table(m.ranked(m.with_rates(every_above()), threshold)),
                     name="formulir_c_tps_di_atas_ambang", selection=selection, key="fc_above_table",
                     formats=above.formats)
else:
    st.success(T["above_none"].format(pct=pct), icon=":material/check_circle:")

# ---------------------------------------------------------------- H-3 delivery deadline
st.header(T["deadline_header"])
st.markdown(T["deadline_note"].format(deadline=formatting.fmt_date(deadline, "full"),
                                      late=formatting.fmt_int(total["late_reports"]),
                                      tps=formatting.fmt_int(total["tps"])))
late_rows = rows if level == area_level else per_area
left, right = st.columns([1, 1], gap="large")
with left:
    components.chart(charts.recaps_by_date(cache.load(q.recaps_by_date, f), deadline), key="fc_dates",
                     alt=T["by_date_alt"])
with right:
    components.chart(charts.late_by_area(late_rows, area_level), key="fc_late",
                     alt=T["late_alt"].format(level=T["levels"][area_level].lower()))
