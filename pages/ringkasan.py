"""Ringkasan: the state of supervision at a glance for leadership: KPI cards with their change
against the previous period of equal length, "Perlu perhatian" (the areas most behind on each
measure, each linking to the page that explains it, filtered to that area), a weekly trend and a
small coverage map (clicking a kecamatan filters the dashboard to it, as on the Peta page).

Layout only. The cards, the lists and the trend are ``views.ringkasan`` (the briefing PDF prints the
same view); the map: ``views.peta.small_map`` (the PDF's Cakupan map too), drawn and made clickable
by ``ui.area_map``.

Each block of the page is one function below, called in order at the bottom: a new block (e.g. a
small map, a data-quality score per kecamatan) is a new function and one line in ``main``.
"""
import streamlit as st

from charts import quality as quality_charts
from data_access.queries import reference
from metrics import areas
from texts import catalogue
from ui import area_map, briefing, cache, components, empty_states, filters, quality, quiet_period
from views import peta
from views import ringkasan as view
from views.blocks import RankedList

T = catalogue.RINGKASAN
PAGE = {"coverage": "pages/cakupan.py", "quiet": "pages/cakupan.py", "overdue": "pages/pelanggaran.py",
        "formulir_c": "pages/formulir_c.py"}
# the filters a list does not follow, said in its box (any LHP counts, whatever election or pair)
NOT_APPLICABLE = {"quiet": {"field": "reports"}, "formulir_c": {"field": "formulir_c", "dates": True}}


# ---------------------------------------------------------------- KPI cards
def kpi_row(v: view.Ringkasan, selection) -> None:
    """Two rows of cards: supervision and Formulir C, then the cases (all, by status group, overdue)."""
    st.caption(v.intro)
    with components.kpi_grid("ringkasan_kpis_top"):  # one wrapping row: 2 cards a row on a phone
        for key in ("activities", "coverage"):
            components.view_card(v.card(key), key=f"ringkasan_kpi_{key}", stretch=True)
        components.view_card(v.card("formulir_c"), key="ringkasan_kpi_formulir_c", stretch=True,
                             not_applicable=components.not_applicable_fields("formulir_c", selection, dates=True)
                             if v.formulir_c_reported else None)
    quiet_period.card(selection.filters, key="ringkasan_kpi_quiet")  # issue 18: whatever the date range
    with components.kpi_grid("ringkasan_kpis_cases"):
        for key in ("cases", "open", "decided", "overdue"):
            components.view_card(v.card(key), key=f"ringkasan_kpi_{key}", stretch=True)


# ---------------------------------------------------------------- "Perlu perhatian"
def _link(page: str, item) -> None:
    """One line of a list: a link to ``page`` with the filter bar narrowed to the item's area."""
    row, level = item.area, item.level
    if level == "provinsi":
        params = filters.link_params(prov=[row["provinsi"]], kab=None, kec=None, desa=None)
    elif level == "kabupaten":
        kab_label = filters.kabupaten_labels(cache.load(reference.kabupaten))[row["kabupaten_kode"]]
        params = filters.link_params(kab=[kab_label], kec=None, desa=None)
    else:
        desa = [catalogue.desa_label(row["desa"], row["kecamatan"])] if level == "desa" else None
        params = filters.link_params(kec=[row["kecamatan"]], desa=desa)
    st.page_link(page, label=item.text, icon=":material/arrow_forward:", query_params=params)


def attention_list(ranked: RankedList, selection) -> None:
    st.markdown(f"#### {ranked.title}")
    if ranked.key in NOT_APPLICABLE:
        rule = NOT_APPLICABLE[ranked.key]
        components.not_applicable(rule["field"], selection, dates=rule.get("dates", False))
    if not ranked.items and ranked.empty:
        st.write(ranked.empty)
    for item in ranked.items:
        _link(PAGE[ranked.key], item)
    if ranked.note:
        st.caption(ranked.note)


def attention(v: view.Ringkasan, selection) -> None:
    st.subheader(T["attention_title"])
    st.caption(T["attention_intro"])
    for row in (v.attention[:2], v.attention[2:]):
        cols = st.columns(2, gap="medium")
        for col, ranked in zip(cols, row, strict=True):
            with col, st.container(border=True, key=f"ringkasan_att_{ranked.key}", height="stretch"):
                attention_list(ranked, selection)


# ---------------------------------------------------------------- weekly trend
def weekly_trend(v: view.Ringkasan) -> None:
    if v.trend is None:
        return
    st.subheader(T["trend_title"])
    components.chart(v.trend, key="ringkasan_trend", alt=T["trend_alt"])


# ---------------------------------------------------------------- data quality (issue 8)
def quality_scores(f) -> None:
    """How far to trust the numbers above: the quality score per kecamatan (metrics.quality), details
    and the rows to correct on the Kualitas Data page."""
    if areas.is_upper(areas.levels_in_scope(cache.load(reference.kabupaten), f)[0]):
        # Several regencies in scope: a score per kecamatan (7,300 bars nationally) says nothing
        # here, and its checks read every LHP (a minute at national size). The link keeps the way.
        st.divider()
        st.subheader(catalogue.KUALITAS["ringkasan_header"])
        st.caption(catalogue.KUALITAS["ringkasan_upper"])
        st.page_link("pages/kualitas.py", label=catalogue.KUALITAS["ringkasan_link"], icon=":material/rule:",
                     query_params=filters.link_params())
        return
    rep = quality.report(f)
    if rep.as_of is None or int(rep.scores["rows"].sum()) == 0:
        return
    st.divider()
    st.subheader(catalogue.KUALITAS["ringkasan_header"])
    st.caption(catalogue.KUALITAS["ringkasan_caption"] + " " + catalogue.KUALITAS["score_definition"])
    components.chart(quality_charts.score_bars(rep.scores), key="ringkasan_quality",
                     alt=catalogue.KUALITAS["alt_score"])
    st.page_link("pages/kualitas.py", label=catalogue.KUALITAS["ringkasan_link"], icon=":material/rule:",
                 query_params=filters.link_params())


# ---------------------------------------------------------------- small map (issue 7; the Peta page has more)
def coverage_map(f) -> None:
    """Supervision coverage per kecamatan on the map, names and values written on it; clicking a
    kecamatan filters the dashboard to it, as on the Peta page (which adds the other measures and
    the desa level)."""
    table = cache.view(peta.small_map, f)
    if table is None:
        return
    st.divider()
    st.subheader(catalogue.PETA["ringkasan_header"])
    # In briefing mode the names are larger (maps.BRIEFING_TEXT_SCALE): at 500 px high Simpang Rimba
    # ran into Payung; the Peta page's height gives them room.
    height = 640 if briefing.is_active() else 500
    with st.container(key="ringkasan_map"):  # hidden on a phone (ui.responsive)
        area_map.draw(table, peta.LEVEL, peta.MEASURE, f, key="ringkasan_map", height=height, label_size=16,
                      alt=catalogue.PETA["map_alt"].format(level="kecamatan", measure="cakupan pengawasan"))
        st.caption(catalogue.PETA["click_hint"])
    st.page_link("pages/peta.py", label=catalogue.PETA["ringkasan_link"], icon=":material/map:",
                 query_params=filters.link_params())


# ---------------------------------------------------------------- page
def main() -> None:
    selection = filters.current()
    f = selection.filters
    components.page_header(catalogue.PAGES["ringkasan"], selection)
    v = cache.view(view.build, f)
    if v.empty:
        empty_states.no_data(T["empty"], ("activities", "cases", "formulir_c"))
        return
    kpi_row(v, selection)
    attention(v, selection)
    weekly_trend(v)
    coverage_map(f)
    quality_scores(f)  # last: how far to trust everything above


main()
