"""Figures of the Cakupan Pengawasan page: pure functions, DataFrame in, plotly figure out.

Inputs are shaped by ``metrics.coverage`` (``with_coverage``, ``by_period``, ``week_matrix``); nothing
here counts or decides anything, it only labels, orders and colours.

Colours: supervised blue, unsupervised vermillion, the coverage line dark grey; the heatmap of
unsupervised activities uses ``theme.BAD_SCALE`` (darker = more activities without an LHP).
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.memo import remembered
from charts.theme import (
    BAD_SCALE,
    BLUE,
    CATEGORY_CHARS,
    GREY,
    VERMILLION,
    bar_labels,
    label_anchor,
    label_zero_bars,
    line_count,
    style,
    wrap,
    wrap_categories,
)
from texts import catalogue, code_labels, formatting

TEXT = catalogue.CAKUPAN
LINE = "#1F2937"
PCT_TICKS = [0, 0.25, 0.5, 0.75, 1]
# The x-axis ends a little past 100%: the "87,5% (21/24)" labels stand inside their bar when they
# fit, else just after it (theme.bar_labels). A column of labels right of 100% (the former layout)
# was cut at phone width: its room was a share of the axis, not of pixels.
X_MAX = 1.04


def _nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@remembered
def coverage_bars(df: pd.DataFrame, label_col: str, *, total: float | None = None,
                  title: str | None = None, min_height: int = 300) -> go.Figure:
    """Horizontal coverage bars, one per row of ``df`` (``label_col``, activities, supervised,
    unsupervised, coverage as from ``metrics.coverage.with_coverage``; rows without activities are
    left out). Lowest coverage on top, ties: more activities first. Each bar is labelled
    "87,5% (21/24)"; ``total`` (the coverage of the whole filter) is drawn as a dashed line."""
    data = df[df["activities"] > 0].copy()
    data = data.sort_values(["coverage", "activities", label_col], ascending=[True, False, True], kind="stable")
    labels = [str(v) for v in data[label_col]]
    text = [catalogue.cakupan_bar_label(c, s, a) for c, s, a in zip(data["coverage"], data["supervised"],
                                                                 data["activities"], strict=True)]
    hover = [TEXT["hover_area"].format(coverage=formatting.fmt_pct(c, 1), supervised=formatting.fmt_int(s),
                                    activities=formatting.fmt_int(a), unsupervised=formatting.fmt_int(u))
             for c, s, a, u in zip(data["coverage"], data["supervised"], data["activities"], data["unsupervised"],
                                   strict=True)]
    fig = go.Figure(go.Bar(
        y=labels, x=list(data["coverage"]), orientation="h", marker_color=BLUE, text=text,
        **bar_labels({"textfont": {"size": 16}}),
        customdata=[[h, int(a), int(s)] for h, a, s in zip(hover, data["activities"], data["supervised"], strict=True)],
        hovertemplate="<b>%{y}</b><br>%{customdata[0]}<extra></extra>"))
    lines = max((line_count(wrap(x, CATEGORY_CHARS)) for x in labels), default=1)  # wrapped names need room
    height = max(min_height, 110 + (44 + 19 * (lines - 1)) * len(labels))
    style(fig, title=title, height=height, legend=False, x_title=TEXT["axis_coverage"])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed",
                     title_text=None)
    fig.update_xaxes(range=[0, X_MAX], tickvals=PCT_TICKS, ticktext=[formatting.fmt_pct(v, 0) for v in PCT_TICKS],
                     showgrid=True)
    if not _nan(total):
        fig.add_vline(x=total, line_dash="dash", line_color=GREY, line_width=2)
        fig.add_annotation(x=total, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=TEXT["total_line"].format(value=formatting.fmt_pct(total, 1)),
                           font={"size": 15, "color": GREY}, **label_anchor(total / X_MAX))
    fig.update_layout(margin={"t": fig.layout.margin.t + 10 if title else 40})
    return wrap_categories(label_zero_bars(fig))


@remembered
def trend(df: pd.DataFrame, period: str) -> go.Figure:
    """Activities per day or week (``metrics.coverage.by_period``: period, activities, supervised,
    unsupervised, coverage; every period of the range present) as stacked bars supervised +
    unsupervised (= all activities), with the coverage line on the right axis (gaps where a period
    had no activities). Weeks are labelled "23–29 Sep"."""
    periods = list(df["period"])
    if period == "week":
        x = [formatting.week_label(p) for p in periods]
        hover_x = x
    else:
        x = [formatting.fmt_day_month(p) for p in periods]
        hover_x = [formatting.fmt_date(p, "full") for p in periods]
    detail = [TEXT["hover_trend"].format(supervised=formatting.fmt_int(s), activities=formatting.fmt_int(a),
                                      coverage=formatting.fmt_pct(c, 1))
              for s, a, c in zip(df["supervised"], df["activities"], df["coverage"], strict=True)]
    custom = [[h, d] for h, d in zip(hover_x, detail, strict=True)]
    fig = go.Figure()
    fig.add_bar(x=x, y=[int(v) for v in df["supervised"]], name=TEXT["series_supervised"], marker_color=BLUE,
                customdata=custom,
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{TEXT['series_supervised']}: %{{y:,d}}<br>"
                              "%{customdata[1]}<extra></extra>")
    fig.add_bar(x=x, y=[int(v) for v in df["unsupervised"]], name=TEXT["series_unsupervised"],
                marker_color=VERMILLION, customdata=custom,
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{TEXT['series_unsupervised']}: %{{y:,d}}<br>"
                              "%{customdata[1]}<extra></extra>")
    coverage = [None if _nan(c) else float(c) for c in df["coverage"]]
    weekly = period == "week"
    fig.add_scatter(x=x, y=coverage, name=TEXT["series_coverage"], yaxis="y2", mode="lines+markers+text" if weekly
                    else "lines+markers", line={"color": LINE, "width": 3 if weekly else 2},
                    marker={"size": 8 if weekly else 4},
                    text=[formatting.fmt_pct(c, 0) if c is not None else "" for c in coverage] if weekly else None,
                    textposition="top center", textfont={"size": 15, "color": LINE}, cliponaxis=False,
                    connectgaps=False, customdata=custom,
                    hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>")
    style(fig, height=480, x_title=TEXT["axis_period"][period], y_title=TEXT["axis_activities"])
    top = max([int(v) for v in df["activities"]] + [1])
    fig.update_layout(barmode="stack", bargap=0.25 if weekly else 0.1, legend={"traceorder": "normal"},
                      yaxis2={"overlaying": "y", "side": "right", "range": [0, 1.12], "tickvals": PCT_TICKS,
                              "ticktext": [formatting.fmt_pct(v, 0) for v in PCT_TICKS], "showgrid": False,
                              "title": {"text": TEXT["axis_coverage"], "font": {"size": 16}},
                              "tickfont": {"size": 15}})
    fig.update_layout(yaxis={"range": [0, top * 1.7]})
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    if not weekly and len(x) > 21:  # one tick per week keeps day labels readable
        fig.update_xaxes(tickmode="array", tickvals=x[::7], ticktext=x[::7])
    return fig


@remembered
def unsupervised_heatmap(unsupervised: pd.DataFrame, activities: pd.DataFrame, names: dict[str, str],
                         level: str) -> go.Figure:
    """Area x week heatmap of activities without an LHP (``metrics.coverage.week_matrix``: index area
    codes in display order, columns Mondays), the count written in each cell; ``activities`` is
    the same matrix of all activities (for the hover); ``names`` maps area codes to labels."""
    weeks = list(unsupervised.columns)
    x = [formatting.week_label(w) for w in weeks]
    y = [names.get(k, k) for k in unsupervised.index]
    z = unsupervised.to_numpy().tolist()
    acts = activities.reindex(index=unsupervised.index, columns=weeks, fill_value=0).to_numpy().tolist()
    custom = [[TEXT["hover_heatmap"].format(unsupervised=formatting.fmt_int(u), activities=formatting.fmt_int(a))
               for u, a in zip(zrow, arow, strict=True)] for zrow, arow in zip(z, acts, strict=True)]
    zmax = max([max(r) for r in z if r] + [1])
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=y, colorscale=BAD_SCALE, zmin=0, zmax=zmax, xgap=3, ygap=3,
        texttemplate="%{z}", textfont={"size": 16}, customdata=custom,
        colorbar={"title": {"text": TEXT["colorbar"], "font": {"size": 15}}, "tickfont": {"size": 14},
                  "thickness": 18},
        hovertemplate="<b>%{y}</b> · %{x}<br>%{customdata}<extra></extra>"))
    style(fig, height=max(320, 130 + 40 * len(y)), legend=False,
          x_title=TEXT["axis_period"]["week"], y_title=None)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    fig.update_xaxes(type="category", showgrid=False, side="bottom")
    return fig


@remembered
def metode_bars(df: pd.DataFrame, *, total: float | None = None) -> go.Figure:
    """``coverage_bars`` per campaign method (``activity_coverage(by=("metode",))`` + ``with_coverage``),
    labelled with the official method names."""
    data = df.assign(label=[code_labels.label(code_labels.METODE, m) for m in df["metode"]])
    return coverage_bars(data, "label", total=total)


MAX_PAIR_BARS = 30  # a province has about 25 pairs; nationally the page shows the 30 busiest


@remembered
def paslon_bars(df: pd.DataFrame, *, total: float | None = None) -> go.Figure:
    """``coverage_bars`` per candidate pair (``activity_coverage(by=("paslon",))`` + ``with_coverage``),
    labelled "Pilbup 2 · Nama - Nama"."""
    labels = [catalogue.cakupan_paslon(j, n, p)
              for j, n, p in zip(df["election_jenis"], df["nomor_urut"], df["paslon"], strict=True)]
    data = df.assign(label=catalogue.distinct_labels(labels, list(df["paslon_id"]), list(df["election_wilayah"])))
    return coverage_bars(data, "label", total=total)


# ---------------------------------------------------------------- table views
def unsupervised_table(df: pd.DataFrame) -> pd.DataFrame:
    """Display frame of ``queries.coverage.unsupervised_activities`` with Indonesian column names
    (dates stay dates so the table sorts; the page formats them)."""
    c = catalogue.CAKUPAN_COLUMNS
    return pd.DataFrame({
        c["tanggal"]: df["tanggal"],
        c["jam_mulai"]: df["jam_mulai"],
        c["paslon"]: [catalogue.cakupan_paslon(j, n, p) for j, n, p in
                      zip(df["election_jenis"], df["nomor_urut"], df["paslon"], strict=True)],
        c["metode"]: [code_labels.label(code_labels.METODE, m) for m in df["metode"]],
        c["kecamatan"]: df["kecamatan"],
        c["desa"]: df["desa"],
        c["lokasi"]: df["lokasi"],
        c["sumber"]: [code_labels.label(code_labels.ACTIVITY_SOURCES, s) for s in df["sumber"]],
        c["kode"]: df["kode"],
    })


def quiet_table(df: pd.DataFrame) -> pd.DataFrame:
    """Display frame of ``metrics.coverage.rank_quiet(quiet_desa(...))``: kecamatan, desa, date of
    the last LHP ("belum pernah" when none), days without an LHP, activities in the range."""
    c = catalogue.CAKUPAN_COLUMNS
    return pd.DataFrame({
        c["kecamatan"]: df["kecamatan"],
        c["desa"]: df["desa"],
        c["last_report"]: [TEXT["never"] if _nan(d) or pd.isna(d) else formatting.fmt_date(d)
                           for d in df["last_report"]],
        c["days_quiet"]: pd.array([None if _nan(v) or pd.isna(v) else int(v) for v in df["days_quiet"]],
                                  dtype="Int64"),
        c["activities"]: [int(v) for v in df["activities"]],
    })
