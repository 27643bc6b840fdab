"""One row per area (kecamatan or desa) with every measure the map can show.

The numbers come from the existing query functions, grouped by area:
``queries.coverage.activity_coverage(by=(level,))``, ``queries.cases.case_counts(by=(level,))`` and
``queries.formulir_c.delivery(by=(level,))``; the metrics are the existing definitions
(``metrics.coverage.with_coverage``, ``metrics.formulir_c.with_rates``). This module only joins them
onto the list of areas, so an area with no rows still appears (with 0 counts and no rate).

An area is ``in_filter`` when the area filter selects it (or no area filter is set). Areas outside
the filter stay in the table (the map draws them grey so they can be clicked) with no numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from metrics.coverage import with_coverage
from metrics.formulir_c import undelivered_rate, with_rates

LEVELS = ("kecamatan", "desa")


@dataclass(frozen=True)
class Measure:
    column: str  # column of ``area_measures`` holding the value (shares are 0..1)
    higher_is_worse: bool  # colour direction: True for counts of problems, False for coverage
    is_share: bool  # drawn and tabled in percent


MEASURES = {
    "coverage": Measure("coverage", higher_is_worse=False, is_share=True),
    "unsupervised": Measure("unsupervised", higher_is_worse=True, is_share=False),
    "cases": Measure("cases", higher_is_worse=True, is_share=False),
    "undelivered_rate": Measure("undelivered_rate", higher_is_worse=True, is_share=True),
}


def _key(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown level: {level}")
    return f"{level}_kode"


def in_filter(level: str, areas: pd.DataFrame, kecamatan: tuple[str, ...], desa: tuple[str, ...]) -> pd.Series:
    """Which of ``areas`` (``reference.kecamatan`` or ``reference.desa`` rows) the area filter keeps,
    following ``data_access.filters.area_clause``: a desa filter wins over a kecamatan filter."""
    if level == "kecamatan":
        if desa:
            kec_of_desa = {d.rsplit(".", 1)[0] for d in desa}  # "19.03.01.2004" lies in "19.03.01"
            return areas["kode"].isin(kec_of_desa)
        return areas["kode"].isin(kecamatan) if kecamatan else pd.Series(True, index=areas.index)
    if desa:
        return areas["kode"].isin(desa)
    if kecamatan:
        return areas["kecamatan_kode"].isin(kecamatan)
    return pd.Series(True, index=areas.index)


def areas_to_draw(level: str, areas: pd.DataFrame, kecamatan: tuple[str, ...] = (),
                  desa: tuple[str, ...] = (), *, kabupaten: tuple[str, ...] = (),
                  provinsi: tuple[str, ...] = ()) -> pd.DataFrame:
    """The areas a map of ``level`` shows: all 8 kecamatan; at desa level the desa of the chosen
    kecamatan (or of the chosen desa's kecamatan), all 53 when no area is chosen. A chosen
    kabupaten or provinsi (several regencies in one database) limits both levels to it."""
    _key(level)
    if kabupaten or provinsi:  # Kemendagri codes start with their kabupaten (5) and provinsi (2) codes
        kec_code = areas["kode"] if level == "kecamatan" else areas["kecamatan_kode"]
        areas = areas[kec_code.str[:5].isin(kabupaten) if kabupaten else kec_code.str[:2].isin(provinsi)]
    if level == "kecamatan":
        return areas
    parents = set(kecamatan) or {d.rsplit(".", 1)[0] for d in desa}
    return areas[areas["kecamatan_kode"].isin(parents)] if parents else areas


def area_measures(level: str, areas: pd.DataFrame, coverage: pd.DataFrame, cases: pd.DataFrame,
                  delivery: pd.DataFrame, *, kecamatan: tuple[str, ...] = (),
                  desa: tuple[str, ...] = ()) -> pd.DataFrame:
    """Join the per-area query results onto ``areas``.

    ``areas``: ``reference.kecamatan()`` (kode, nama) or ``reference.desa()`` (kode, nama,
    kecamatan_kode, kecamatan). The three frames are the query results grouped ``by=(level,)``
    with the same filters. ``kecamatan``/``desa``: the area filter (for ``in_filter``).

    Columns: kode, nama, kecamatan_kode, kecamatan, in_filter, activities, supervised,
    unsupervised, coverage (share, NaN without activities), cases, tps, dpt, undelivered,
    undelivered_rate (share, NaN without DPT). Counts of areas outside the filter are NaN.
    """
    key = _key(level)
    out = areas[["kode", "nama"]].copy()
    if level == "kecamatan":
        out["kecamatan_kode"], out["kecamatan"] = out["kode"], out["nama"]
    else:
        out["kecamatan_kode"], out["kecamatan"] = areas["kecamatan_kode"].values, areas["kecamatan"].values
    out["in_filter"] = in_filter(level, areas, kecamatan, desa).values

    cov = coverage[[key, "activities", "supervised"]].rename(columns={key: "kode"})
    cas = cases[[key, "cases"]].rename(columns={key: "kode"})
    dlv = with_rates(delivery) if len(delivery) else delivery.assign(undelivered=[])
    dlv = dlv[[key, "tps", "dpt", "undelivered"]].rename(columns={key: "kode"})
    for part in (cov, cas, dlv):
        if part["kode"].duplicated().any():
            raise ValueError("a query returned more than one row per area")
        out = out.merge(part, on="kode", how="left", validate="one_to_one")

    counts = ["activities", "supervised", "cases", "tps", "dpt", "undelivered"]
    # Inside the filter, an area the queries did not return has none of that data (0);
    # outside the filter nothing was counted (NaN).
    for col in counts:
        out[col] = out[col].astype(float)
        out.loc[out["in_filter"], col] = out.loc[out["in_filter"], col].fillna(0)
    out = with_coverage(out.fillna({"activities": 0, "supervised": 0}))
    out.loc[~out["in_filter"], ["activities", "supervised", "unsupervised", "coverage"]] = math.nan
    out["undelivered_rate"] = [undelivered_rate(u, d) for u, d in zip(out["undelivered"], out["dpt"], strict=True)]
    return out.reset_index(drop=True)


def value(df: pd.DataFrame, measure: str) -> pd.Series:
    """The measure's value per row (shares stay 0..1)."""
    return df[MEASURES[measure].column]


COUNTS = ("activities", "supervised", "cases", "tps", "dpt", "undelivered")


def selection_total(df: pd.DataFrame) -> pd.DataFrame:
    """One row for the whole area filter: the counts of the in-filter rows of ``df``
    (``area_measures``) summed, and the shares worked out from those sums (supervised / activities,
    undelivered / DPT), never averaged over areas. Same columns as ``area_measures``' measures."""
    inside = df[df["in_filter"]]
    out = with_coverage(pd.DataFrame([{c: float(inside[c].fillna(0).sum()) for c in COUNTS}]))
    out["undelivered_rate"] = [undelivered_rate(u, d) for u, d in zip(out["undelivered"], out["dpt"], strict=True)]
    return out


def worst_first(df: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Rows ordered worst first for ``measure`` (areas with no value last, then by code)."""
    spec = MEASURES[measure]
    return df.sort_values([spec.column, "kode"], ascending=[not spec.higher_is_worse, True],
                          na_position="last").reset_index(drop=True)


# ---------------------------------------------------------------- where an area breakdown starts
# Every area level a breakdown can show, widest first. A database of one regency starts at kecamatan;
# a province or Bawaslu RI at the widest level that still has more than one area in scope.
BREAKDOWN_LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa", "tps")


def upper_counts(kabupaten: pd.DataFrame, *, provinsi: tuple[str, ...] = (),
                 chosen_kabupaten: tuple[str, ...] = ()) -> tuple[int, int]:
    """How many provinsi and kabupaten/kota the area filter keeps in scope. ``kabupaten``:
    ``reference.kabupaten()`` (kode, provinsi_kode, ...). A chosen kabupaten wins over a chosen
    provinsi, as in ``data_access.filters.area_clause``."""
    rows = _kabupaten_in_scope(kabupaten, provinsi, chosen_kabupaten)
    return int(rows["provinsi_kode"].nunique()), int(rows["kode"].nunique())


def _kabupaten_in_scope(kabupaten: pd.DataFrame, provinsi: tuple[str, ...],
                        chosen_kabupaten: tuple[str, ...]) -> pd.DataFrame:
    """The rows of ``reference.kabupaten()`` the area filter keeps (a chosen kabupaten wins)."""
    if chosen_kabupaten:
        return kabupaten[kabupaten["kode"].isin(chosen_kabupaten)]
    if provinsi:
        return kabupaten[kabupaten["provinsi_kode"].isin(provinsi)]
    return kabupaten


def upper_areas(kabupaten: pd.DataFrame, level: str, *, provinsi: tuple[str, ...] = (),
                chosen_kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """The provinsi or kabupaten/kota in scope (``level``), from ``reference.kabupaten()``, with the
    columns the queries name them by: ``<level>_kode``, ``<level>``, in code order."""
    rows = _kabupaten_in_scope(kabupaten, provinsi, chosen_kabupaten)
    if level == "provinsi":
        out = rows[["provinsi_kode", "provinsi"]].drop_duplicates("provinsi_kode")
    elif level == "kabupaten":
        out = rows.rename(columns={"kode": "kabupaten_kode", "nama": "kabupaten"})[["kabupaten_kode", "kabupaten"]]
    else:
        raise ValueError(f"not a level above the kecamatan: {level}")
    return out.sort_values(f"{level}_kode").reset_index(drop=True)


def breakdown_levels(n_provinsi: int, n_kabupaten: int, *, kecamatan: tuple[str, ...] = (),
                     desa: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The levels an area breakdown shows, top first, with the drill-down levels below it.

    ``n_provinsi``/``n_kabupaten``: how many are in scope (``upper_counts``). The top is the widest
    level with more than one area: provinsi, else kabupaten, else kecamatan (one regency: as always).
    Once kecamatan or desa are chosen the top is kecamatan, and each page narrows further by its
    own rule (desa of one kecamatan, TPS of chosen desa), as it did before there were upper levels.
    Examples: (38, 514) -> provinsi, kabupaten, kecamatan, desa, tps; (1, 7) -> kabupaten, ...;
    (1, 1) -> kecamatan, desa, tps."""
    if kecamatan or desa or n_kabupaten <= 1:
        top = "kecamatan"
    elif n_provinsi > 1:
        top = "provinsi"
    else:
        top = "kabupaten"
    return BREAKDOWN_LEVELS[BREAKDOWN_LEVELS.index(top):]


def levels_in_scope(kabupaten: pd.DataFrame, filters) -> tuple[str, ...]:
    """``breakdown_levels`` for the area filter of ``filters`` (``data_access.filters.Filters``), counting
    the provinsi and kabupaten/kota in scope from ``reference.kabupaten()``: what every page with an
    area breakdown asks."""
    return breakdown_levels(*upper_counts(kabupaten, provinsi=filters.provinsi, chosen_kabupaten=filters.kabupaten),
                            kecamatan=filters.kecamatan, desa=filters.desa)


def is_upper(level: str) -> bool:
    """True for the levels above the kecamatan."""
    return level in ("provinsi", "kabupaten")


def drill_filters(filters, level: str, code: str):
    """``filters`` narrowed to one area ``code`` of ``level`` (a drill-down below it). Chosen kabupaten
    inside a drilled provinsi stay chosen (two kabupaten of two provinsi: drilling into one provinsi
    shows only its chosen kabupaten)."""
    if level == "provinsi":
        inside = tuple(k for k in filters.kabupaten if k.startswith(code + "."))
        return filters.with_area(kabupaten=inside, provinsi=(code,))
    if level == "kabupaten":
        return filters.with_area(kabupaten=(code,))
    if level == "kecamatan":
        return filters.with_area(kecamatan=(code,))
    raise ValueError(f"no drill-down from level {level}")
