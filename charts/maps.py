"""Choropleth maps of kecamatan and desa (pure: DataFrame in, plotly figure out).

Trace type: ``go.Choropleth`` on a ``geo`` subplot (SVG, drawn by d3). Why not ``choroplethmap``
(MapLibre)? Its "white-bg" style needs no tiles, but any text on it (area names) needs glyphs
from fonts.openmaptiles.org, which fails offline. The geo subplot draws names as SVG text.

Offline: a geo subplot normally downloads the world topojson from cdn.plot.ly (even with
``visible=False``). We draw no base layer, so we hand plotly.js an empty topology through the
``topojsonURL`` config (``PLOTLY_CONFIG``): a ``data:`` URL ending in "#", so the file name plotly
appends becomes a URL fragment and is ignored. Boundaries are in ``assets/geo`` (rings wound
clockwise, as d3 needs; see its SOURCE.md).

Hover and labels are pre-formatted with ``ui.i18n`` (Indonesian numbers) into ``customdata``:
``[kode, nama, value text, hover html]`` per area.
"""
from __future__ import annotations

import functools
import json
import math
import urllib.parse
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from charts import theme
from charts.memo import remembered
from metrics.areas import MEASURES, worst_first
from texts import catalogue, formatting

GEO_DIR = Path(__file__).resolve().parent.parent / "assets" / "geo"
GEO_FILES = {"kecamatan": "kecamatan_bangka_selatan.geojson", "desa": "desa_kelurahan_bangka_selatan.geojson"}

_EMPTY_TOPOLOGY = json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":"))
OFFLINE_TOPOJSON_URL = "data:application/json," + urllib.parse.quote(_EMPTY_TOPOLOGY) + "#"
PLOTLY_CONFIG = {"topojsonURL": OFFLINE_TOPOJSON_URL, "scrollZoom": False}

# Areas outside the filter or without data. A grey darker than the palest scale colour (#FFF7EC,
# CIE L* 97.5): at L* 80.5 it differs from every scale colour by a CIE76 distance of at least 19, by
# lightness alone from the palest (which survives every colour-vision deficiency); the former
# #E5E7EB (L* 91.6) was 10 from it and read as "100% covered" next to it. Explained on the map by
# a box of this grey above it (``grey_legend``).
OUTSIDE_GREY = "#C4C8CE"
# Room below the map for the boundary credit (left) and the chart stamp (right, two lines). Not
# scaled with the text: a larger bottom margin made plotly cut the stamp's second line. Above the
# map: room for the grey legend when grey areas are drawn (px at text scale 1).
MARGIN = {"l": 0, "r": 0, "t": 10, "b": 52}  # the credit on two lines (one was cut at phone width)
LEGEND_ROOM = 34
OUTLINE = "#4B5563"
DARK_TEXT, LIGHT_TEXT = "#111827", "#FFFFFF"


@functools.cache
def _read(level: str) -> str:
    return (GEO_DIR / GEO_FILES[level]).read_text(encoding="utf-8")


def load_geojson(level: str) -> dict:
    """The boundary FeatureCollection of ``level`` ("kecamatan" or "desa"); feature ``id`` = Kemendagri
    code. A fresh dict each call (callers may subset it)."""
    return json.loads(_read(level))


def subset(geojson: dict, codes) -> dict:
    """Only the features whose id is in ``codes`` (so ``fitbounds`` zooms to what is drawn)."""
    keep = set(codes)
    return {"type": "FeatureCollection",
            "features": [feature for feature in geojson["features"] if feature["id"] in keep]}


@functools.cache
def _feature_ids(level: str) -> frozenset:
    return frozenset(feature["id"] for feature in load_geojson(level)["features"])


def with_geometry(df: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of ``df`` whose area has a boundary in the bundled map (Bangka Selatan only: a
    database of several regencies draws what it can and lists the rest in the table)."""
    return df[df["kode"].isin(_feature_ids(level))]


def label_points(geojson: dict) -> dict[str, tuple[float, float]]:
    """code -> (lon, lat) where the name is written (the source's centroid)."""
    return {feature["id"]: (feature["properties"]["lng"], feature["properties"]["lat"])
            for feature in geojson["features"]}


def bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(west, east, south, north) of all features."""
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords):
        if isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(xs), max(xs), min(ys), max(ys)


# Decimals shown for shares: coverage "88,1%"; undelivered Formulir C "5,65%" (as the Formulir C page).
DIGITS = {"coverage": 1, "undelivered_rate": 2}


def percent(shares: pd.Series, measure: str) -> pd.Series:
    """Shares 0..1 in percent, rounded as displayed (the map draws exactly what the table shows)."""
    return (shares.astype(float) * 100).round(DIGITS[measure])


def drawn_value(df: pd.DataFrame, measure: str) -> pd.Series:
    """The number drawn for each row: shares in rounded percent, counts as they are; NaN where none."""
    spec = MEASURES[measure]
    return percent(df[spec.column], measure) if spec.is_share else df[spec.column].astype(float)


def value_text(df: pd.DataFrame, measure: str) -> list[str]:
    """The measure's value per row in Indonesian format ("88,1%", "20"); "–" where none."""
    spec = MEASURES[measure]
    if spec.is_share:
        return [formatting.fmt_pct(v, DIGITS[measure]) for v in df[spec.column].astype(float)]
    return [formatting.fmt_int(v) for v in df[spec.column].astype(float)]


def _hover(df: pd.DataFrame, level: str) -> list[str]:
    out = []
    for r in df.itertuples():
        name = r.nama if level == "kecamatan" else f"{r.nama} ({r.kecamatan})"
        if not r.in_filter:
            out.append(f"<b>{name}</b><br>{catalogue.PETA['outside_filter']}")
            continue
        out.append(catalogue.peta_hover(
            name, formatting.fmt_pct(r.coverage, DIGITS["coverage"]), formatting.fmt_int(r.supervised),
            formatting.fmt_int(r.activities), formatting.fmt_int(r.unsupervised), formatting.fmt_int(r.cases),
            formatting.fmt_pct(r.undelivered_rate, DIGITS["undelivered_rate"]),
            formatting.fmt_int(r.undelivered), formatting.fmt_int(r.dpt)))
    return out


def colour_range(values: pd.Series, measure: str) -> tuple[float, float]:
    """Percent of coverage always spans 0-100 (honest at a glance); other measures 0 to their max."""
    if measure == "coverage":
        return 0.0, 100.0
    top = float(values.max()) if values.notna().any() else 0.0
    return 0.0, top if top > 0 else 1.0


def count_step(top: float) -> int:
    """Colour-bar tick step of a count measure: the smallest 1, 2 or 5 x 10^k giving at most 5
    steps up to ``top`` (plotly's own ticks for a maximum of 2 were 0, 0.5, 1, 1.5, 2, shown as
    "0 1 1 2 2" by the whole-number format)."""
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            if top / (m * magnitude) <= 5:
                return m * magnitude
        magnitude *= 10


def _colorscale(measure: str) -> list:
    """Light = fine, dark red = bad. Coverage: low is bad, so the scale runs the other way."""
    if MEASURES[measure].higher_is_worse:
        return theme.BAD_SCALE
    return [[1 - stop, colour] for stop, colour in reversed(theme.BAD_SCALE)]


def _text_colour(value: float, lo: float, hi: float, measure: str) -> str:
    if value is None or math.isnan(value):
        return DARK_TEXT
    t = (value - lo) / (hi - lo) if hi > lo else 0.0
    badness = t if MEASURES[measure].higher_is_worse else 1 - t
    return LIGHT_TEXT if badness > 0.6 else DARK_TEXT


def _labelled(df: pd.DataFrame, geojson: dict, z: pd.Series, has_value: pd.Series, measure: str,
              labels: str | None, level: str) -> list[int]:
    """Positions of the rows whose name is written, most important first: "all" (every kecamatan;
    desa except those too small to hold a name: bounding box under 1.5% of the map's, e.g. town
    kelurahan), "worst" (the 5 worst values, worst first), or none."""
    if labels is None:
        return []
    if labels == "worst":
        worse_up = MEASURES[measure].higher_is_worse
        vals = z.where(has_value)
        if worse_up:
            vals = vals.where(vals > 0)  # a count of 0 is nothing to point at
        # A stable sort: equal values stay in table (code) order.
        ranked = vals.dropna().sort_values(ascending=not worse_up, kind="stable")
        return [df.index.get_loc(i) for i in ranked.index[:5]]
    if level == "kecamatan":
        return list(range(len(df)))
    west, east, south, north = bounds(geojson)
    extent = (east - west) * (north - south)
    size = {}
    for feature in geojson["features"]:
        w, e, s, n = bounds({"features": [feature]})
        size[feature["id"]] = (e - w) * (n - s) / extent if extent else 1.0
    big = df["kode"].map(size).fillna(0) >= 0.015
    return [i for i, ok in enumerate(big) if ok]


# Size of a written name, estimated (plotly gives no text metrics before drawing): 0.55 em per
# character of its longest line, 1.25 em per line; the frame assumed no wider than this (px).
CHAR_EM, LINE_EM, ASSUMED_WIDTH = 0.55, 1.25, 1100


def clear_of_each_other(order: list[int], points: list[tuple[float, float]], texts: list[str], size: float,
                        px_per_degree: float) -> list[int]:
    """The labels of ``order`` (most important first) that overlap no label kept before them:
    ``points`` (lon, lat) and ``texts`` ("name<br>value") per position, ``size`` in px. Two names
    drawn over each other (neighbouring desa of Lepar Pongok) are unreadable; the one left out is
    still in the hover and the table."""
    def box(i: int) -> tuple[float, float, float, float]:
        lines = texts[i].split("<br>")
        w = CHAR_EM * size * max(len(line) for line in lines)
        h = LINE_EM * size * len(lines)
        x, y = points[i][0] * px_per_degree, -points[i][1] * px_per_degree
        return x - w / 2, x + w / 2, y - h / 2, y + h / 2

    kept: list[tuple[float, float, float, float]] = []
    out: list[int] = []
    for i in order:
        b = box(i)
        if all(b[1] <= k[0] or k[1] <= b[0] or b[3] <= k[2] or k[3] <= b[2] for k in kept):
            kept.append(b)
            out.append(i)
    return out


# Text on the map in briefing mode (``ui.briefing``), relative to normal: its CSS sets the page's
# root font from 16 to 20 px (x1.25) and cannot reach the text plotly draws inside its SVG, so the
# page passes this factor to ``choropleth`` (a little more than the page's, for the back of a room).
BRIEFING_TEXT_SCALE = 1.35


def _px(size: float, scale: float) -> int:
    return int(round(size * scale))


@remembered
def choropleth(df: pd.DataFrame, level: str, measure: str, *, labels: str | None = "all", height: int = 640,
               label_size: int = 17, text_scale: float = 1.0) -> go.Figure:
    """Map of the rows of ``df`` (``metrics.areas.area_measures``) coloured by ``measure``.

    Trace 0 holds the areas with a value (the colour scale); trace 1 (grey) the areas outside the
    filter or without data, explained by a grey box above the map when there are any; trace 2 the
    names (and values) written on the map (``labels``: "all", "worst" for the 5 worst only, or None).
    Both area traces carry ``customdata = [kode, nama, value text, hover]``.
    ``text_scale`` multiplies every text size drawn in the figure (names on the map, ``label_size``
    px at 1; colour-bar title and ticks; credit; hover): ``BRIEFING_TEXT_SCALE`` in briefing mode."""
    df = with_geometry(df, level).reset_index(drop=True)
    geojson = subset(load_geojson(level), df["kode"])
    z = drawn_value(df, measure)
    values = value_text(df, measure)
    hover = _hover(df, level)
    has_value = df["in_filter"].astype(bool) & z.notna()
    custom = [[k, n, v, h] for k, n, v, h in zip(df["kode"], df["nama"], values, hover, strict=True)]
    lo, hi = colour_range(z[has_value], measure)
    _, bar_title, _ = catalogue.PETA_MEASURES[measure]
    is_share = MEASURES[measure].is_share

    fig = go.Figure()
    coloured = [i for i, ok in enumerate(has_value) if ok]
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="id", locations=[df["kode"].iat[i] for i in coloured],
        z=[float(z.iat[i]) for i in coloured], customdata=[custom[i] for i in coloured],
        zmin=lo, zmax=hi, colorscale=_colorscale(measure),
        marker={"line": {"color": OUTLINE, "width": 1}},
        hovertemplate="%{customdata[3]}<extra></extra>",
        colorbar={"title": {"text": bar_title, "font": {"size": _px(16, text_scale)}},
                  "tickfont": {"size": _px(15, text_scale)},
                  **({} if is_share else {"tickmode": "linear", "tick0": 0, "dtick": count_step(hi)}),
                  "ticksuffix": "%" if is_share else "", "tickformat": ",.0f", "thickness": 22,
                  "len": 0.85, "outlinewidth": 0},
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 0.85}},
        name="nilai",
    ))
    rest = [i for i, ok in enumerate(has_value) if not ok]
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="id", locations=[df["kode"].iat[i] for i in rest],
        z=[0.0] * len(rest), customdata=[custom[i] for i in rest], zmin=0, zmax=1,
        colorscale=[[0, OUTSIDE_GREY], [1, OUTSIDE_GREY]], showscale=False,
        marker={"line": {"color": OUTLINE, "width": 1}},
        hovertemplate="%{customdata[3]}<extra></extra>",
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 0.85}},
        name="lain",
    ))
    top = MARGIN["t"] + (_px(LEGEND_ROOM, text_scale) if rest else 0)
    west, east, south, north = bounds(geojson)
    # 35% each side: on a phone the map is as wide as the screen, and a name near the edge (Simpang
    # Rimba) ran past it with 10% (20%: by 11 px, 30%: by 2 px); a wide frame is limited by the
    # height, so this costs it nothing. (Names running inward from the edge overlapped Payung.)
    pad_x, pad_y = max(0.35 * (east - west), 0.02), max(0.05 * (north - south), 0.02)
    keep = _labelled(df, geojson, z, has_value, measure, labels, level)
    if keep:
        points = label_points(geojson)
        text = [f"{n}<br>{v}" if ok else n for n, v, ok in zip(df["nama"], values, has_value, strict=True)]
        colours = [_text_colour(float(zv), lo, hi, measure) if ok else DARK_TEXT
                   for zv, ok in zip(z, has_value, strict=True)]
        if labels == "worst":  # a chosen few: never one over another (all names: each area has room)
            plot_height = height - top - MARGIN["b"]
            px_per_degree = min(plot_height / (north - south + 2 * pad_y), ASSUMED_WIDTH / (east - west + 2 * pad_x))
            keep = sorted(clear_of_each_other(keep, [points[k] for k in df["kode"]], text,
                                              _px(label_size, text_scale), px_per_degree))
        codes = [df["kode"].iat[i] for i in keep]
        fig.add_trace(go.Scattergeo(
            lon=[points[k][0] for k in codes], lat=[points[k][1] for k in codes],
            text=[text[i] for i in keep], mode="text", hoverinfo="skip", showlegend=False, name="label",
            textfont={"size": _px(label_size, text_scale), "color": [colours[i] for i in keep], "shadow": "auto"},
        ))
    theme.style(fig, height=height, legend=False)
    # Explicit lon/lat ranges (not fitbounds, which leaves the map small in a wide frame); the
    # padding keeps names near the edge (Kepulauan Pongok) inside the frame.
    fig.update_geos(visible=False, projection_type="mercator", bgcolor="white",
                    lonaxis_range=[west - pad_x, east + pad_x], lataxis_range=[south - pad_y, north + pad_y])
    fig.update_layout(
        margin={**MARGIN, "t": top}, dragmode=False, clickmode="event+select",
        hoverlabel={"font": {"size": _px(15, text_scale)}},
        annotations=[{"text": catalogue.PETA["credit"], "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                      "xanchor": "left", "yanchor": "top", "yshift": -6, "showarrow": False,
                      "font": {"size": _px(13, text_scale), "color": theme.GREY}}],
    )
    if rest:  # the legend of the grey: a box filled and outlined as the grey areas, saying what they are
        fig.add_annotation(text=catalogue.PETA["grey_legend"], xref="paper", yref="paper", x=0, y=1,
                           xanchor="left", yanchor="bottom", yshift=4, showarrow=False,
                           bgcolor=OUTSIDE_GREY, bordercolor=OUTLINE, borderwidth=1, borderpad=4,
                           font={"size": _px(14, text_scale), "color": DARK_TEXT})
    return fig


def selected_codes(selection, codes) -> list[str]:
    """Area codes clicked on the map, from a Streamlit plotly selection (``event.selection``),
    in click order, kept only when they are among ``codes`` (labels and stray points ignored)."""
    known = set(codes)
    points = (selection or {}).get("points", []) if isinstance(selection, dict) else getattr(selection, "points", [])
    out: list[str] = []
    for p in points or []:
        code = p.get("location") if isinstance(p, dict) else None
        if code in known and code not in out:
            out.append(code)
    return out


def table_view(df: pd.DataFrame, level: str, measure: str) -> pd.DataFrame:
    """The areas inside the filter, worst first for ``measure``, with Indonesian headers; shares in
    rounded percent (the very numbers the map draws)."""
    rows = worst_first(df[df["in_filter"].astype(bool)], measure)
    out = pd.DataFrame({"kode": rows["kode"]})
    if level == "desa":
        out["desa"] = rows["nama"]
    out["kecamatan"] = rows["kecamatan"]
    for col in ("activities", "supervised", "unsupervised"):
        out[col] = rows[col].astype("Int64")
    out["coverage_pct"] = percent(rows["coverage"], "coverage")
    out["cases"] = rows["cases"].astype("Int64")
    for col in ("tps", "dpt", "undelivered"):
        out[col] = rows[col].astype("Int64")
    out["undelivered_pct"] = percent(rows["undelivered_rate"], "undelivered_rate")
    return out.rename(columns=catalogue.PETA_COLUMNS)


def export_image(fig: go.Figure, fmt: str = "png", *, width: int = 1600, height: int = 900) -> bytes:
    """PNG/PDF/SVG bytes of a map through kaleido (Debian chromium), offline: plotly's topojson
    default is pointed at the empty data: topology for this call only."""
    before = pio.defaults.topojson
    pio.defaults.topojson = OFFLINE_TOPOJSON_URL
    try:
        return pio.to_image(fig, format=fmt, width=width, height=height)
    finally:
        pio.defaults.topojson = before


def _pct_formatter(measure: str):
    return lambda v: formatting.fmt_pct_points(None if pd.isna(v) else v, DIGITS[measure])


def _int_formatter(v) -> str:
    return formatting.fmt_int(None if pd.isna(v) else v)


# Display formats of ``table_view`` columns (components.table(formats=...)): Indonesian numbers on
# screen, raw numbers for sorting and in the CSV/XLSX downloads.
TABLE_FORMATS = {
    **{catalogue.PETA_COLUMNS[c]: _int_formatter
       for c in ("activities", "supervised", "unsupervised", "cases", "tps", "dpt", "undelivered")},
    catalogue.PETA_COLUMNS["coverage_pct"]: _pct_formatter("coverage"),
    catalogue.PETA_COLUMNS["undelivered_pct"]: _pct_formatter("undelivered_rate"),
}
