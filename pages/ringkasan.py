"""Ringkasan: the state of supervision at a glance for leadership: KPI cards with their change
against the previous period of equal length, "Perlu perhatian" (the areas most behind on each
measure, each linking to the page that explains it, filtered to that area), a weekly trend and a
small coverage map (clicking a kecamatan filters the dashboard to it, as on the Peta page).

Layout only. Numbers: ``data_access.queries.{coverage,cases,formulir_c}`` (SQL) ->
``metrics.summary`` (KPI values, changes, rankings; built on ``metrics.coverage``, ``metrics.cases``,
``metrics.formulir_c``, ``metrics.periods``) -> ``charts.summary`` (figure); the map: ``metrics.areas``
-> ``charts.maps``, drawn and made clickable by ``ui.area_map``.

Each block of the page is one function below, called in order at the bottom: a new block (e.g. a
small map, a data-quality score per kecamatan) is a new function and one line in ``main``.
"""
import streamlit as st

import config
from charts import maps
from charts import quality as quality_charts
from charts import summary as summary_charts
from data_access.queries import cases as case_queries
from data_access.queries import coverage as coverage_queries
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import reference
from metrics import areas
from metrics import cases as case_metrics
from metrics import coverage as coverage_metrics
from metrics import summary as m
from ui import area_map, briefing, components, data, empty_states, filters, quality, quiet_period
from texts import catalogue, formatting
T = catalogue.RINGKASAN
# Colour of a change: blue = better, red = worse (a colour-blind-safe pair; the arrow carries the
# direction), grey = neither (more activities or cases is not good or bad in itself).
TONE_COLOR = {m.GOOD: "blue", m.BAD: "red", m.NEUTRAL: "gray"}
ARROW = {"up": "up", "down": "down", "flat": "off", "none": "off"}
PAGE = {"cakupan": "pages/cakupan.py", "pelanggaran": "pages/pelanggaran.py", "formulir_c": "pages/formulir_c.py"}


# ---------------------------------------------------------------- data
def attention_level_of(f) -> str:
    """The level the "Perlu perhatian" lists rank: provinsi or kabupaten/kota when several regencies
    are in scope (metrics.areas.breakdown_levels), else kecamatan, or desa once areas are chosen."""
    widest = areas.levels_in_scope(data.load(reference.kabupaten), f)[0]
    return widest if areas.is_upper(widest) else m.attention_level(f)


def case_rows(f, as_of, level: str):
    """Cases against the deadline per area of ``level``: the overdue list, and summed, the cards."""
    return data.load(case_queries.deadline_counts, f, as_of=as_of, deadline_days=config.get().cases.deadline_days,
                     by=(level,))


def formulir_c_rows(f, level: str):
    """Formulir C per area of ``level`` with the threshold count: the list, and summed, the card."""
    return data.load(formulir_c_queries.delivery, f, by=(level,), threshold=config.get().formulir_c_highlight_rate)


def load(f, previous):
    """Everything the KPI row needs, for the selected and the previous period. This period's cases
    and Formulir C are the per-area rows of the attention lists summed (m.total_of): one query each."""
    settings = config.get()
    as_of = case_metrics.reference_day(data.load(reference.data_stamp), formatting.WIB)
    level = attention_level_of(f)
    before = data.load(case_queries.deadline_counts, previous, as_of=as_of,
                       deadline_days=settings.cases.deadline_days) if previous else None
    return {
        "as_of": as_of,
        "level": level,
        "activities": m.activity_kpis(data.load(coverage_queries.activity_coverage, f),
                                      data.load(coverage_queries.activity_coverage, previous) if previous else None),
        "cases": m.case_kpis(m.total_of(case_rows(f, as_of, level), m.CASE_COUNTS), before),
        "formulir_c": m.formulir_c_kpi(m.total_of(formulir_c_rows(f, level), m.DELIVERY_COUNTS,
                                                  maxes=("last_report_date",)),
                                       data.load(formulir_c_queries.recap_calendar, f),
                                       data.load(formulir_c_queries.not_reported, f)),
    }


# ---------------------------------------------------------------- KPI cards
def _delta(kpi: m.Kpi, fmt, previous) -> dict:
    """st.metric arguments for the change of ``kpi``; the arrow and colour are set explicitly
    (our minus sign "−" is not the ASCII "-" Streamlit looks for)."""
    if previous is None:
        return {}
    if kpi.direction == "none":
        return {"delta": T["no_previous"], "delta_arrow": "off", "delta_color": "gray"}
    return {"delta": fmt(kpi.change), "delta_arrow": ARROW[kpi.direction], "delta_color": TONE_COLOR[kpi.tone],
            "delta_description": T["vs_previous"]}


def kpi_row(d: dict, previous, selection) -> None:
    """Two rows of cards: supervision and Formulir C, then the cases (all, by status group, overdue)."""
    act, cas, fc = d["activities"], d["cases"], d["formulir_c"]
    if previous is not None:
        empty_before = not (act["activities"].previous or cas["total"].previous)
        st.caption(T["compare_note"].format(range=formatting.fmt_range(previous.start, previous.end))
                   + (T["compare_empty"] if empty_before else ""))
    else:
        st.caption(T["no_compare"])
    cols = [components.kpi_grid("ringkasan_kpis_top")] * 3  # one wrapping row: 2 cards a row on a phone
    with cols[0]:
        components.kpi(T["kpi_activities"], formatting.fmt_int(act["activities"].value), help=T["kpi_activities_help"],
                       key="ringkasan_kpi_activities", **_delta(act["activities"], formatting.fmt_signed_int, previous),
                       note=T["kpi_activities_note"].format(
                           unsupervised=formatting.fmt_int(act["activities"].value - act["supervised"].value)),
                       stretch=True)
    with cols[1]:
        components.kpi(T["kpi_coverage"], formatting.fmt_pct(act["coverage"].value, 1), help=catalogue.CAKUPAN_DEFINITION,
                       key="ringkasan_kpi_coverage", **_delta(act["coverage"], formatting.fmt_pp, previous),
                       note=T["kpi_coverage_note"].format(supervised=formatting.fmt_int(act["supervised"].value),
                                                          activities=formatting.fmt_int(act["activities"].value)),
                       stretch=True)
    with cols[2]:
        formulir_c_card(fc, selection)
    quiet_period.card(selection.filters, key="ringkasan_kpi_quiet")  # issue 18: whatever the date range
    total = cas["total"].value
    cols = [components.kpi_grid("ringkasan_kpis_cases")] * 4
    with cols[0]:
        components.kpi(T["kpi_cases"], formatting.fmt_int(total), help=T["kpi_cases_help"],
                       key="ringkasan_kpi_cases", **_delta(cas["total"], formatting.fmt_signed_int, previous),
                       note=T["kpi_cases_note"], stretch=True)
    for col, name in zip(cols[1:3], ("open", "decided")):
        with col:
            components.kpi(T[f"kpi_{name}"], formatting.fmt_int(cas[name].value), help=T[f"kpi_{name}_help"],
                           key=f"ringkasan_kpi_{name}", **_delta(cas[name], formatting.fmt_signed_int, previous),
                           note=T["kpi_share_note"].format(share=formatting.fmt_pct(m.share(cas[name].value, total), 0),
                                                           total=formatting.fmt_int(total)) if total else None,
                           stretch=True)
    with cols[3]:
        components.kpi(T["kpi_overdue"], formatting.fmt_int(cas["overdue"].value), help=T["kpi_overdue_help"],
                       key="ringkasan_kpi_overdue", **_delta(cas["overdue"], formatting.fmt_signed_int, previous),
                       note=T["kpi_overdue_note"].format(days=config.get().cases.deadline_days,
                                                         as_of=formatting.fmt_date(d["as_of"])), stretch=True)


def formulir_c_card(fc: m.FormulirC, selection) -> None:
    """Undelivered Formulir C: a snapshot of one voting day, so the card says why it has no change,
    and, when a pair or other dates are chosen, that those filters do not apply to it."""
    missing = {"n": formatting.fmt_int(fc.not_reported), "dpt": formatting.fmt_int(fc.not_reported_dpt)}
    if not fc.tps:
        components.kpi(T["kpi_formulir_c"], formatting.DASH, key="ringkasan_kpi_formulir_c", stretch=True,
                       note=T["formulir_c_none_reported"].format(**missing) if fc.not_reported
                       else T["formulir_c_missing"])
        return
    late = (T["late_some"] if fc.late_reports else T["late_none"]).format(
        late=formatting.fmt_int(fc.late_reports), tps=formatting.fmt_int(fc.tps), deadline=formatting.fmt_date(fc.deadline))
    if fc.not_reported:  # the TPS still to report, beside the rate (which is over the reported TPS only)
        late += " · " + T["formulir_c_not_reported"].format(**missing)
    components.kpi(T["kpi_formulir_c"], formatting.fmt_int(fc.undelivered),
                   T["kpi_formulir_c_delta"].format(pct=formatting.fmt_pct(fc.rate)), delta_arrow="off",
                   delta_color="off", key="ringkasan_kpi_formulir_c",
                   help=T["kpi_formulir_c_help"].format(day=formatting.fmt_date(fc.voting_day)),
                   notes=(T["kpi_formulir_c_no_change"].format(day=formatting.fmt_date(fc.voting_day)), late),
                   not_applicable=components.not_applicable_fields("formulir_c", selection, dates=True),
                   stretch=True)


# ---------------------------------------------------------------- "Perlu perhatian"
def _link(page: str, label: str, row, level: str, *, key_desa: bool = True) -> None:
    """One line of a list: a link to ``page`` with the filter bar narrowed to the row's area."""
    if level == "provinsi":
        params = filters.link_params(prov=[row["provinsi"]], kab=None, kec=None, desa=None)
    elif level == "kabupaten":
        kab_label = filters.kabupaten_labels(data.load(reference.kabupaten))[row["kabupaten_kode"]]
        params = filters.link_params(kab=[kab_label], kec=None, desa=None)
    else:
        desa = [catalogue.desa_label(row["desa"], row["kecamatan"])] if level == "desa" and key_desa else None
        params = filters.link_params(kec=[row["kecamatan"]], desa=desa)
    st.page_link(page, label=label, icon=":material/arrow_forward:", query_params=params)


def attention_coverage(f, level: str, many_kec: bool) -> None:
    st.markdown(f"#### {T['att_coverage_title']}")
    rows, small = m.lowest_coverage(data.load(coverage_queries.activity_coverage, f, by=(level,)), level)
    lvl, minimum = T["levels"][level], m.MIN_ACTIVITIES[level]
    if len(rows) == 0:
        st.write(T["att_coverage_none"].format(level=lvl))
    for _, r in rows.iterrows():
        _link(PAGE["cakupan"], T["att_coverage_item"].format(
            name=catalogue.ringkasan_area(r, level, many_kec), coverage=formatting.fmt_pct(r["coverage"], 1),
            supervised=formatting.fmt_int(r["supervised"]), activities=formatting.fmt_int(r["activities"])), r, level)
    st.caption((T["att_coverage_small"] if small else T["att_coverage_small_none"]).format(
        level=lvl, min=minimum, n=formatting.fmt_int(small)))


def attention_quiet(f, many_kec: bool, selection) -> None:
    days = config.get().quiet_days
    st.markdown(f"#### {T['att_quiet_title']}")
    components.not_applicable("reports", selection)  # any LHP counts, whatever election or pair
    if f.end is None:
        return
    start, end = coverage_metrics.quiet_window(f.end, days)
    rows, count = m.quiet_areas(data.load(coverage_queries.last_report_per_desa, f, quiet_since=start), f.end, days)
    window = formatting.fmt_range(start, end)
    if count == 0:
        st.write(T["att_quiet_none"].format(days=days, window=window))
    for _, r in rows.iterrows():
        template = T["att_quiet_item_never"] if r["days_quiet"] is None or r["days_quiet"] != r["days_quiet"] \
            else T["att_quiet_item_days"]
        # The Cakupan page lists the quiet desa of the kecamatan ("wilayah sepi").
        _link(PAGE["cakupan"], template.format(name=catalogue.ringkasan_area(r, "desa", many_kec),
                                               days=formatting.fmt_int(r["days_quiet"])), r, "desa", key_desa=False)
    if count:
        st.caption(T["att_quiet_count"].format(n=formatting.fmt_int(count), days=days, window=window))


def attention_overdue(f, level: str, many_kec: bool, as_of) -> None:
    st.markdown(f"#### {T['att_overdue_title']}")
    rows, count = m.overdue_by_area(case_rows(f, as_of, level), level)
    if count == 0:
        st.write(T["att_overdue_none"])
    for _, r in rows.iterrows():
        template = T["att_overdue_item"] if r["open_overdue"] else T["att_overdue_item_closed"]
        _link(PAGE["pelanggaran"], template.format(
            name=catalogue.ringkasan_area(r, level, many_kec), overdue=formatting.fmt_int(r["overdue"]),
            open=formatting.fmt_int(r["open_overdue"])), r, level)
    if count:
        st.caption(T["att_overdue_count"].format(n=formatting.fmt_int(count), days=config.get().cases.deadline_days))


def attention_formulir_c(f, level: str, many_kec: bool, selection) -> None:
    st.markdown(f"#### {T['att_formc_title']}")
    components.not_applicable("formulir_c", selection, dates=True)
    threshold = config.get().formulir_c_highlight_rate
    per_area = formulir_c_rows(f, level)
    rows = m.highest_undelivered(per_area)
    above = int(per_area["above_threshold"].sum()) if len(per_area) else 0
    if not len(per_area) or not int(per_area["tps"].sum()):
        st.write(T["formulir_c_missing"])  # no recap yet: not "every form delivered"
        return
    if len(rows) == 0:
        st.write(T["att_formc_none"])
    for _, r in rows.iterrows():
        _link(PAGE["formulir_c"], T["att_formc_item"].format(
            name=catalogue.ringkasan_area(r, level, many_kec), rate=formatting.fmt_pct(r["undelivered_rate"]),
            undelivered=formatting.fmt_int(r["undelivered"]), dpt=formatting.fmt_int(r["dpt"])), r, level)
    st.caption(T["att_formc_count"].format(n=formatting.fmt_int(above), threshold=formatting.fmt_pct(threshold, 0)))


def attention(selection, as_of, level: str) -> None:
    f = selection.filters
    st.subheader(T["attention_title"])
    st.caption(T["attention_intro"])
    many_kec = len(f.kecamatan) != 1
    top = st.columns(2, gap="medium")
    with top[0], st.container(border=True, key="ringkasan_att_coverage", height="stretch"):
        attention_coverage(f, level, many_kec)
    with top[1], st.container(border=True, key="ringkasan_att_quiet", height="stretch"):
        attention_quiet(f, many_kec, selection)
    bottom = st.columns(2, gap="medium")
    with bottom[0], st.container(border=True, key="ringkasan_att_overdue", height="stretch"):
        attention_overdue(f, level, many_kec, as_of)
    with bottom[1], st.container(border=True, key="ringkasan_att_formulir_c", height="stretch"):
        attention_formulir_c(f, level, many_kec, selection)


# ---------------------------------------------------------------- weekly trend
def weekly_trend(f) -> None:
    series = coverage_metrics.by_period(data.load(coverage_queries.activity_coverage, f, by=("week",)), "week",
                                        f.start, f.end)
    if len(series) == 0 or int(series["activities"].sum()) == 0:
        return
    st.subheader(T["trend_title"])
    components.chart(summary_charts.weekly_trend(series), key="ringkasan_trend", alt=T["trend_alt"])


# ---------------------------------------------------------------- data quality (issue 8)
def quality_scores(f) -> None:
    """How far to trust the numbers above: the quality score per kecamatan (metrics.quality), details
    and the rows to correct on the Kualitas Data page."""
    if areas.is_upper(areas.levels_in_scope(data.load(reference.kabupaten), f)[0]):
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
    components.chart(quality_charts.score_bars(rep.scores), key="ringkasan_quality", alt=catalogue.KUALITAS["alt_score"])
    st.page_link("pages/kualitas.py", label=catalogue.KUALITAS["ringkasan_link"], icon=":material/rule:",
                 query_params=filters.link_params())


# ---------------------------------------------------------------- small map (issue 7; the Peta page has more)
def coverage_map(f) -> None:
    """Supervision coverage per kecamatan on the map, names and values written on it; clicking a
    kecamatan filters the dashboard to it, as on the Peta page (which adds the other measures and
    the desa level)."""
    if areas.is_upper(areas.levels_in_scope(data.load(reference.kabupaten), f)[0]):
        return  # several regencies in scope: the bundled boundaries (Bangka Selatan) would show a part only
    by = ("kecamatan",)
    table = areas.area_measures(
        "kecamatan", areas.areas_to_draw("kecamatan", data.load(reference.kecamatan), kabupaten=f.kabupaten,
                                         provinsi=f.provinsi),
        data.load(coverage_queries.activity_coverage, f, by=by),
        data.load(case_queries.case_counts, f, by=by), data.load(formulir_c_queries.delivery, f, by=by),
        kecamatan=f.kecamatan, desa=f.desa)
    inside = table[table["in_filter"]]
    if len(maps.with_geometry(inside, "kecamatan")) < len(inside):
        return  # a regency without bundled boundaries (the Peta page says so): no partial map here
    table = maps.with_geometry(table, "kecamatan")
    if table.empty or areas.value(table[table["in_filter"]], "coverage").isna().all():
        return
    st.divider()
    st.subheader(catalogue.PETA["ringkasan_header"])
    # In briefing mode the names are larger (maps.BRIEFING_TEXT_SCALE): at 500 px high Simpang Rimba
    # ran into Payung; the Peta page's height gives them room.
    height = 640 if briefing.is_active() else 500
    with st.container(key="ringkasan_map"):  # hidden on a phone (ui.responsive)
        area_map.draw(table, "kecamatan", "coverage", f, key="ringkasan_map", height=height, label_size=16,
                      alt=catalogue.PETA["map_alt"].format(level="kecamatan", measure="cakupan pengawasan"))
        st.caption(catalogue.PETA["click_hint"])
    st.page_link("pages/peta.py", label=catalogue.PETA["ringkasan_link"], icon=":material/map:",
                 query_params=filters.link_params())


# ---------------------------------------------------------------- page
def main() -> None:
    selection = filters.current()
    f = selection.filters
    previous = f.shifted_back() if f.start is not None and f.end is not None else None
    components.page_header(catalogue.PAGES["ringkasan"], selection)
    d = load(f, previous)
    if not m.has_data(d["activities"]["activities"], d["cases"]["total"], d["formulir_c"]):
        empty_states.no_data(T["empty"], ("activities", "cases", "formulir_c"))
        return
    kpi_row(d, previous, selection)
    attention(selection, d["as_of"], d["level"])
    weekly_trend(f)
    coverage_map(f)
    quality_scores(f)  # last: how far to trust everything above


main()
