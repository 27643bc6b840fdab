"""Peta: choropleth of kecamatan or desa coloured by one measure; clicking an area filters the dashboard.

Numbers: data_access.queries.{coverage.activity_coverage, cases.case_counts, formulir_c.delivery}
grouped by the level -> metrics.areas.area_measures -> charts.maps (figure and table).
"""
import streamlit as st

from charts import maps
from data_access.queries import cases, coverage, formulir_c, reference
from metrics import areas as area_metrics
from texts import catalogue, formatting
from ui import area_map, cache, components, empty_states, filters

selection = filters.current()
components.page_header(catalogue.PAGES["peta"], selection)
f = selection.filters

left, right = st.columns([1, 2])
level = left.segmented_control(
    catalogue.PETA["level"], list(area_metrics.LEVELS), default="kecamatan", required=True, key="peta_tingkat",
    bind="query-params", format_func=lambda k: catalogue.PETA[f"level_{k}"]) or "kecamatan"
measure = right.segmented_control(
    catalogue.PETA["measure"], list(area_metrics.MEASURES), default="coverage", required=True, key="peta_ukuran",
    bind="query-params", format_func=lambda k: catalogue.PETA_MEASURES[k][0]) or "coverage"

all_areas = cache.load(reference.kecamatan if level == "kecamatan" else reference.desa)
drawn = area_metrics.areas_to_draw(level, all_areas, f.kecamatan, f.desa, kabupaten=f.kabupaten, provinsi=f.provinsi)
table = area_metrics.area_measures(
    level, drawn,
    cache.load(coverage.activity_coverage, f, by=(level,)),
    cache.load(cases.case_counts, f, by=(level,)),
    cache.load(formulir_c.delivery, f, by=(level,)),
    kecamatan=f.kecamatan, desa=f.desa)

inside = table[table["in_filter"]]
if not len(inside) or (inside[["activities", "cases", "tps"]].fillna(0).sum().sum() == 0):
    empty_states.no_data(kinds=("activities", "cases", "formulir_c"))
    st.stop()

if measure == "undelivered_rate":
    components.not_applicable("formulir_c", selection, dates=True)
    st.caption(catalogue.PETA["formulir_c_note"])
if area_metrics.value(inside, measure).isna().all():
    components.empty_state(catalogue.PETA["empty_measure"].format(measure=catalogue.PETA_MEASURES[measure][2].lower()))
else:  # headline cards (issue 21): the measure over the whole filter, then the area most behind on it
    worst = area_metrics.worst_first(inside[area_metrics.value(inside, measure).notna()], measure).head(1)
    with components.kpi_grid("peta_kpis"):
        components.kpi(catalogue.PETA["kpi_selection"],
                       maps.value_text(area_metrics.selection_total(table), measure)[0],
                       note=catalogue.PETA_MEASURES[measure][2], key="peta_kpi_selection", stretch=True)
        components.kpi(catalogue.PETA["kpi_worst"], maps.value_text(worst, measure)[0], key="peta_kpi_worst",
                       stretch=True,
                       note=worst["nama"].iloc[0] if level == "kecamatan" else
                       catalogue.desa_label(worst["nama"].iloc[0], worst["kecamatan"].iloc[0]))

def draw_map() -> None:
    """The choropleth; clicking an area filters the dashboard to it."""
    area_map.draw(table, level, measure, f, key="peta_map",
                  labels="all" if level == "kecamatan" or len(table) <= 12 else "worst",
                  label_size=17 if level == "kecamatan" else 15,
                  alt=catalogue.PETA["map_alt"].format(level=catalogue.PETA[f"level_{level}"].lower(),
                                                  measure=catalogue.PETA_MEASURES[measure][2].lower()))
    st.caption(catalogue.PETA["click_hint"])


drawable = len(maps.with_geometry(inside, level))
if not drawable:  # no bundled boundary for these areas: the table only
    st.info(catalogue.PETA["no_geometry"], icon=":material/map:")
else:
    if drawable < len(inside):  # e.g. a national database: the map shows Bangka Selatan only, and says so
        st.info(catalogue.PETA["partial_geometry"].format(shown=formatting.fmt_int(drawable),
                                                     n=formatting.fmt_int(len(inside)),
                                                     level=catalogue.PETA[f"level_{level}"].lower()),
                icon=":material/map:")
    draw_map()

st.subheader(catalogue.PETA["table_title"])
components.table(maps.table_view(table, level, measure), title=catalogue.PETA["table_title"],
                 name=f"peta_{level}", selection=selection, key="peta_table", formats=maps.TABLE_FORMATS)
