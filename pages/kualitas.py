"""Kualitas Data: how far to trust the numbers. Every check with its count, its threshold and the
offending rows (downloadable, with the key an operator corrects by import); a score per kecamatan.

Checks: SQL in data_access/queries/quality.py, rules and score in metrics/quality.py, assembled by
ui/quality.py; thresholds in config/pantau.toml.
"""
import streamlit as st

from charts import quality as charts
from metrics import quality as mq
from texts import catalogue, formatting
from ui import components, empty_states, filters
from ui import quality as uq

T, CHECKS = catalogue.KUALITAS, catalogue.KUALITAS_CHECKS
TABS = [
    ["missing_report", "late_report", "report_desa_mismatch", "report_conflict"],
    list(mq.DATE_CHECKS),  # issue 18: every date relation, past the date filter
    ["case_stuck"],
    ["fc_rate_high", "fc_zero_large", "fc_dpt_over"],
    ["desa_no_tps", "desa_quiet"],
    ["duplicate_activity", "name_spelling"],
]
TAB_NAMES = [T["tabs"][0], catalogue.KUALITAS_DATES["tab"], *T["tabs"][1:]]

selection = filters.current()
components.page_header(catalogue.PAGES["kualitas"], selection)
rep = uq.report(selection.filters)

if rep.as_of is None:
    empty_states.no_data(T["no_data"])
    st.stop()
if int(rep.scores["rows"].sum()) == 0:
    components.empty_state()
    st.stop()

issues = rep.summary.set_index("check")["issues"]
with components.kpi_grid("kq_kpis"):
    components.kpi(T["kpi_score"], formatting.fmt_pct(mq.overall_score(rep.scores), 1), help=T["kpi_score_help"],
                   key="kq_kpi_score")
    components.kpi(T["kpi_issues"], formatting.fmt_int(rep.total_issues), help=T["kpi_issues_help"],
                   key="kq_kpi_issues")
    components.kpi(T["kpi_checks"], T["kpi_checks_value"].format(n=int((issues > 0).sum()), total=len(issues)),
                   key="kq_kpi_checks")
    components.kpi(T["kpi_reference"], formatting.fmt_date(rep.as_of), key="kq_kpi_ref")
components.about(catalogue.MSG["about_page"], T["intro"],
                 T["reference"].format(day=formatting.fmt_date(rep.as_of, "long")),
                 key="kq_about")

st.subheader(T["overview_header"])
components.table(uq.overview_frame(rep), title=T["overview_header"], name=T["file_overview"], selection=selection,
                 key="kq_overview", column_config=uq.overview_column_config(),
                 height=40 + 35 * len(mq.CHECKS))

st.subheader(T["score_header"])
st.caption(T["score_definition"])
components.chart(charts.score_bars(rep.scores), key="kq_scores", alt=T["alt_score"])
with st.expander(T["score_table"]):
    components.table(uq.scores_frame(rep), title=T["score_header"], name=T["file_scores"], selection=selection,
                     key="kq_scores_table")

def show_check(check_id: str) -> None:
    text, df = CHECKS[check_id], rep.results[check_id]
    n = int(issues[check_id])
    st.subheader(f"{text['title']}: {T['count'].format(n=formatting.fmt_int(n), unit=text['unit'])}")
    st.caption(catalogue.kualitas_rule(check_id, rep.thresholds, rep.window))
    if "why" in text:
        st.markdown(catalogue.KUALITAS_DATES["why"].format(text=text["why"]))
    st.caption(T["threshold"].format(text=catalogue.kualitas_threshold(check_id, rep.thresholds)))
    if not mq.is_enabled(check_id, rep.thresholds):
        st.info(text["disabled"], icon=":material/toggle_off:")
        return
    if check_id == "late_report":
        st.markdown(f"**{T['delay_header']}**")
        components.chart(charts.delay_histogram(rep.delays, rep.thresholds.late_after_days), key="kq_delays",
                         alt=T["alt_delay"])
        if n:
            st.markdown(f"**{T['worst_header']}**")
    if n == 0:
        st.success(T["none"], icon=":material/check_circle:")
        return
    shown = uq.display_frame(check_id, df)
    components.table(shown, title=text["title"], name=f"kualitas_{check_id}", selection=selection,
                     key=f"kq_{check_id}", column_config=uq.column_config(),
                     height=min(420, 40 + 35 * len(shown)))


labels = [f"{name} · {formatting.fmt_int(sum(int(issues[c]) for c in checks))}"
          for name, checks in zip(TAB_NAMES, TABS, strict=True)]
for tab, checks in zip(st.tabs(labels), TABS, strict=True):
    with tab:
        if checks == TABS[1]:
            st.caption(catalogue.KUALITAS_DATES["note"])
        for check_id in checks:
            with st.container(border=True):
                show_check(check_id)
