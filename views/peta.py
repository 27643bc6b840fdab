"""The small coverage map of the Ringkasan page (issue 7; the Peta page has more): the areas it draws
with their measures, or None when there is no map to draw, as the page draws it and the briefing
prints it.

Numbers: ``data_access.queries.{coverage,cases,formulir_c}`` (SQL, through ``load``) ->
``metrics.areas.area_measures`` -> ``charts.maps`` (the bundled boundaries).
"""
from __future__ import annotations

import pandas as pd

from charts import maps
from data_access.filters import Filters
from data_access.queries import cases as case_queries
from data_access.queries import coverage as coverage_queries
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import reference
from metrics import areas
from views.blocks import Loader

LEVEL, MEASURE = "kecamatan", "coverage"


def small_map(load: Loader, f: Filters) -> pd.DataFrame | None:
    """The kecamatan of the map with their measures (``metrics.areas.area_measures``, only those with
    bundled boundaries), coloured by coverage; None when it is not drawn: several regencies in scope
    (the bundled boundaries, Bangka Selatan, would show a part only), a regency without bundled
    boundaries (the Peta page says so: no partial map), or no coverage in the filter."""
    if areas.is_upper(areas.levels_in_scope(load(reference.kabupaten), f)[0]):
        return None
    by = (LEVEL,)
    table = areas.area_measures(
        LEVEL, areas.areas_to_draw(LEVEL, load(reference.kecamatan), kabupaten=f.kabupaten, provinsi=f.provinsi),
        load(coverage_queries.activity_coverage, f, by=by),
        load(case_queries.case_counts, f, by=by), load(formulir_c_queries.delivery, f, by=by),
        kecamatan=f.kecamatan, desa=f.desa)
    inside = table[table["in_filter"]]
    if len(maps.with_geometry(inside, LEVEL)) < len(inside):
        return None
    table = maps.with_geometry(table, LEVEL)
    if table.empty or areas.value(table[table["in_filter"]], MEASURE).isna().all():
        return None
    return table
