"""Figures and display tables of the Formulir C page (pure: DataFrame in, figure or table out).

Inputs are frames of ``data_access.queries.formulir_c`` passed through ``metrics.formulir_c``
(``with_rates``, ``ranked``, ``reason_mix``, ``reason_mix_by``): rates are shares 0..1 there and are
drawn in percent here. Areas are labelled as in the filter bar ("Rias (Toboali)") and TPS as
"TPS 003 Rias (Toboali)".
"""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.memo import remembered
from metrics import formulir_c as formulir_c_metrics
from texts import catalogue, code_labels, formatting

TEXT = catalogue.FORMULIR_C
COLUMNS = catalogue.FORMULIR_C_COLUMNS
LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa", "tps")
MAX_AREA_BARS = 40  # more bars than this are unreadable on a projector; the table has every row
TPS_TOP = 20  # TPS in the ranking chart (the page asks the database for no more than these)
# One fixed colour per official reason, the same in every figure (Okabe-Ito; vermillion is kept for
# "above threshold / late").
REASON_COLORS = {
    "tidak_dikenal": theme.BLUE, "tidak_di_tempat": theme.ORANGE, "meninggal_dunia": theme.PURPLE,
    "pindah_domisili": theme.SKY, "pindah_memilih": theme.GREEN, "lainnya": theme.GREY,
}
_DARK_TEXT = {theme.ORANGE, theme.SKY}  # light bars get dark labels
MIN_SEGMENT_LABEL = 0.08  # label a stacked segment only when it is at least this share


def _pct(share) -> float:
    return math.nan if share is None or pd.isna(share) else share * 100


def area_labels(df: pd.DataFrame, level: str) -> list[str]:
    """Display name of every row at ``level``: provinsi, kabupaten/kota or kecamatan name,
    "Rias (Toboali)", "TPS 003 Rias (Toboali)"."""
    if level in ("provinsi", "kabupaten", "kecamatan"):
        return [str(k) for k in df[level]]
    if level == "desa":
        return [catalogue.formulir_c_desa(d, k) for d, k in zip(df["desa"], df["kecamatan"], strict=True)]
    if level == "tps":
        return [catalogue.formulir_c_tps(n, d, k)
                for n, d, k in zip(df["nomor_tps"], df["desa"], df["kecamatan"], strict=True)]
    raise ValueError(f"unknown level: {level}")


def _bar_height(n: int, labels=()) -> int:
    """Figure height for ``n`` horizontal bars; rows grow with the lines their wrapped ``labels``
    take on the axis (``theme.wrap_categories``), so wrapped names do not run into each other."""
    lines = max((theme.line_count(theme.wrap(str(x), theme.CATEGORY_CHARS)) for x in labels), default=1)
    return max(300, (40 + 19 * (lines - 1)) * n + 150)


def _rate_customdata(df: pd.DataFrame) -> list[list[str]]:
    return [[formatting.fmt_int(u), formatting.fmt_int(d), formatting.fmt_pct(r), formatting.fmt_int(v),
             formatting.fmt_pct(vr)]
            for u, d, r, v, vr in zip(df["undelivered"], df["dpt"], df["undelivered_rate"], df["delivered"],
                                      df["delivered_rate"], strict=True)]


def _vline(fig: go.Figure, x: float, text: str, color: str, x_max: float) -> None:
    """A dashed line at ``x`` with its label above the plot, on the side of the line that has room
    (``x_max``: the end of the x-axis range)."""
    fig.add_vline(x=x, line_dash="dash", line_color=color, line_width=2)
    fig.add_annotation(x=x, y=1, yref="paper", yanchor="bottom", text=text, showarrow=False,
                       font={"size": 15, "color": color}, **theme.label_anchor(x / x_max if x_max else 0))


def _dark_text(colors) -> list[str]:
    """Inside-bar label colours: dark on the light bars (orange, sky blue), white on the others."""
    return ["#1F2937" if c in _DARK_TEXT else "white" for c in colors]


@remembered
def area_rates(df: pd.DataFrame, level: str, regency_rate: float | None = None, *,
               line_label: str | None = None) -> go.Figure:
    """Undelivered share of DPT per area, worst at the top, labelled "6,12% · 1.234". ``df`` is
    ``ranked(with_rates(delivery(by=(level,))))``; only the first ``MAX_AREA_BARS`` rows are drawn.
    ``regency_rate`` adds a dashed reference line "Kabupaten 5,45%" (``line_label``: another
    template than ``TEXT["regency_line"]``, e.g. "Keseluruhan {pct}" over several regencies)."""
    shown = df.head(MAX_AREA_BARS)
    labels = area_labels(shown, level)
    x = [_pct(r) for r in shown["undelivered_rate"]]
    fig = go.Figure(go.Bar(
        x=x, y=labels, orientation="h", marker_color=theme.WARN,
        text=[f"{formatting.fmt_pct(r)} · {formatting.fmt_int(u)}" for r, u in zip(shown["undelivered_rate"],
                                                                      shown["undelivered"], strict=True)],
        **theme.bar_labels({"insidetextfont": {"color": "#1F2937"}}), customdata=_rate_customdata(shown),
        hovertemplate=TEXT["hover_area"]))
    name = TEXT["levels"][level]
    title = TEXT["area_title"].format(level=name) if len(df) <= MAX_AREA_BARS else \
        TEXT["area_title_top"].format(n=len(shown), level=name, total=len(df))
    top = max([v for v in x if not math.isnan(v)] + [_pct(regency_rate) if regency_rate is not None else 0, 1])
    theme.style(fig, title=title, height=_bar_height(len(shown), labels), legend=False, x_title=TEXT["axis_rate"])
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, top * 1.3], ticksuffix="%")
    if regency_rate is not None and not pd.isna(regency_rate):
        _vline(fig, _pct(regency_rate),
               (line_label or TEXT["regency_line"]).format(pct=formatting.fmt_pct(regency_rate)),
               theme.GREY, top * 1.3)
    return theme.wrap_categories(theme.label_zero_bars(fig))


@remembered
def reason_overall(mix: pd.DataFrame) -> go.Figure:
    """Undelivered forms per official reason (``metrics.formulir_c.reason_mix``), largest at the top,
    labelled "5.360 · 64,84%"."""
    mix = mix.sort_values("count", ascending=False, kind="mergesort")
    labels = [code_labels.label(code_labels.UNDELIVERED_REASONS, r) for r in mix["reason"]]
    fig = go.Figure(go.Bar(
        x=mix["count"], y=labels, orientation="h", marker_color=[REASON_COLORS[r] for r in mix["reason"]],
        text=[f"{formatting.fmt_int(c)} · {formatting.fmt_pct(s)}"
              for c, s in zip(mix["count"], mix["share"], strict=True)],
        **theme.bar_labels({"insidetextfont": {"color": _dark_text(REASON_COLORS[r] for r in mix["reason"])}}),
        customdata=[[formatting.fmt_int(c), formatting.fmt_pct(s)]
                    for c, s in zip(mix["count"], mix["share"], strict=True)],
        hovertemplate=TEXT["hover_reason"]))
    theme.style(fig, title=TEXT["reason_title"], height=_bar_height(len(mix)), legend=False, x_title=TEXT["reason_x"])
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(float(mix["count"].max() or 0), 1) * 1.45], tickformat=",d")
    return theme.wrap_categories(theme.label_zero_bars(fig))


@remembered
def reason_by_area(long: pd.DataFrame, level: str, order: list[str]) -> go.Figure:
    """100% stacked bars: reason shares of each area's undelivered forms. ``long`` is
    ``reason_mix_by(df, "label")`` (a ``label`` column of area names); ``order`` is the top-to-bottom
    order of the areas (areas with nothing undelivered have empty bars)."""
    fig = go.Figure()
    for reason in formulir_c_metrics.REASONS:
        part = long[long["reason"] == reason].set_index("label").reindex(order)
        shares = [_pct(s) for s in part["share"]]
        color = REASON_COLORS[reason]
        fig.add_trace(go.Bar(
            name=code_labels.UNDELIVERED_REASONS[reason], x=shares, y=order, orientation="h", marker_color=color,
            text=[formatting.fmt_pct(s, 0) if not pd.isna(s) and s >= MIN_SEGMENT_LABEL else "" for s in part["share"]],
            textposition="inside", insidetextanchor="middle",
            textfont={"color": "#1F2937" if color in _DARK_TEXT else "white", "size": 15},
            customdata=[[formatting.fmt_int(c), formatting.fmt_pct(s)]
                        for c, s in zip(part["count"], part["share"], strict=True)],
            hovertemplate=TEXT["hover_reason_area"]))
    theme.style(fig, title=TEXT["reason_area_title"].format(level=TEXT["levels"][level]),
                height=_bar_height(len(order), order) + 100, x_title=TEXT["reason_area_x"])  # + the legend at its foot
    fig.update_layout(barmode="stack", uniformtext={"minsize": 13, "mode": "hide"}, legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    return theme.wrap_categories(theme.legend_below(fig))


@remembered
def tps_ranking(df: pd.DataFrame, threshold: float, top: int = TPS_TOP) -> go.Figure:
    """The ``top`` TPS by undelivered share of DPT (``ranked(..., threshold)`` at TPS level), worst at
    the top; bars above ``threshold`` in ``theme.BAD``, the others grey; dashed threshold line."""
    shown = df.head(top)
    labels = area_labels(shown, "tps")
    above = [formulir_c_metrics.above_threshold(r, threshold) for r in shown["undelivered_rate"]]
    x = [_pct(r) for r in shown["undelivered_rate"]]
    fig = go.Figure(go.Bar(
        x=x, y=labels, orientation="h", marker_color=[theme.BAD if a else theme.NEUTRAL for a in above],
        text=[f"{formatting.fmt_pct(r)} · {formatting.fmt_int(u)}" for r, u in zip(shown["undelivered_rate"],
                                                                      shown["undelivered"], strict=True)],
        **theme.bar_labels(), customdata=_rate_customdata(shown), hovertemplate=TEXT["hover_tps"]))
    theme.style(fig, title=TEXT["rank_title"].format(n=len(shown), pct=formatting.fmt_pct(threshold, 0)),
                height=_bar_height(len(shown), labels), legend=False, x_title=TEXT["axis_rate"])
    top_x = max([v for v in x if not math.isnan(v)] + [_pct(threshold)])
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, top_x * 1.3], ticksuffix="%")
    _vline(fig, _pct(threshold), TEXT["threshold_line"].format(pct=formatting.fmt_pct(threshold, 0)), theme.BAD,
           top_x * 1.3)
    return theme.wrap_categories(theme.label_zero_bars(fig))


@remembered
def recaps_by_date(df: pd.DataFrame, deadline: dt.date | None) -> go.Figure:
    """TPS recaps per report date (``queries.formulir_c.recaps_by_date``), stacked: up to the H-3
    deadline (blue) and after it (vermillion); the deadline's tick says "(batas H-3)"."""
    ticks = [TEXT["deadline_tick"].format(date=formatting.fmt_date(d)) if d == deadline else formatting.fmt_date(d)
             for d in df["report_date"]]
    on_time = df["tps"] - df["late_reports"]
    fig = go.Figure()
    for name, values, color in ((TEXT["on_time"], on_time, theme.GOOD), (TEXT["late"], df["late_reports"], theme.BAD)):
        fig.add_trace(go.Bar(x=ticks, y=values, name=name, marker_color=color,
                             text=[formatting.fmt_int(v) if v else "" for v in values], textposition="outside",
                             cliponaxis=False, hovertemplate=TEXT["hover_date"]))
    theme.style(fig, title=TEXT["by_date_title"], height=440, y_title=TEXT["by_date_y"])
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, max(float(df["tps"].max() or 0), 1) * 1.2], tickformat=",d")
    return fig


@remembered
def late_by_area(df: pd.DataFrame, level: str) -> go.Figure:
    """Recaps dated after the deadline per area (``delivery(by=(level,))``), most at the top,
    labelled "2 dari 40 TPS"."""
    df = df.assign(_pos=range(len(df))).sort_values(["late_reports", "_pos"], ascending=[False, True],
                                                     kind="mergesort")
    labels = area_labels(df, level)
    fig = go.Figure(go.Bar(
        x=df["late_reports"], y=labels, orientation="h", marker_color=theme.BAD,
        text=[TEXT["late_text"].format(late=formatting.fmt_int(lt), tps=formatting.fmt_int(n))
              for lt, n in zip(df["late_reports"], df["tps"], strict=True)],
        **theme.bar_labels(),
        customdata=[[formatting.fmt_int(v)] for v in df["late_reports"]], hovertemplate=TEXT["hover_late"]))
    theme.style(fig, title=TEXT["late_title"].format(level=TEXT["levels"][level]), height=_bar_height(len(df), labels),
                legend=False, x_title=TEXT["late_x"])
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(float(df["late_reports"].max() or 0), 1) * 1.6], dtick=1
                     if float(df["late_reports"].max() or 0) <= 10 else None)
    return theme.wrap_categories(theme.label_zero_bars(fig))


@remembered
def above_by_area(df: pd.DataFrame, threshold: float, level: str = "kecamatan") -> go.Figure:
    """TPS above the threshold per kecamatan or desa (``metrics.formulir_c.above_by_area``), most at
    the top, labelled "6 dari 113 TPS"."""
    labels = area_labels(df, level)
    fig = go.Figure(go.Bar(
        x=df["above"], y=labels, orientation="h", marker_color=theme.BAD,
        text=[TEXT["above_area_text"].format(above=formatting.fmt_int(a), tps=formatting.fmt_int(n))
              for a, n in zip(df["above"], df["tps"], strict=True)],
        **theme.bar_labels(),
        customdata=[[formatting.fmt_int(a)] for a in df["above"]], hovertemplate=TEXT["hover_above_area"]))
    theme.style(fig, title=TEXT["above_area_title"].format(pct=formatting.fmt_pct(threshold, 0),
                                                           level=TEXT["levels"][level]),
                height=_bar_height(len(df), labels), legend=False, x_title=TEXT["above_area_x"])
    top = max(float(df["above"].max()) if len(df) else 0, 1)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, top * 1.6], dtick=1 if top <= 10 else None)
    return theme.wrap_categories(theme.label_zero_bars(fig))


# ---------------------------------------------------------------- display tables
def _yes_no(flag) -> str:
    return TEXT["yes"] if flag else TEXT["no"]


def area_table(df: pd.DataFrame, level: str) -> pd.DataFrame:
    """Every row at ``level`` (in the order of ``df``) with counts, shares in percent (2 decimals)
    and the official reasons; Indonesian column names. ``df`` is ``with_rates(delivery(...))``."""
    out = pd.DataFrame()
    if level == "kabupaten":
        out[COLUMNS["kabupaten_kode"]] = df["kabupaten_kode"]
        out[COLUMNS["kabupaten"]] = df["kabupaten"]
        out[COLUMNS["provinsi"]] = df["provinsi"]
    elif level == "provinsi":
        out[COLUMNS["provinsi_kode"]] = df["provinsi_kode"]
        out[COLUMNS["provinsi"]] = df["provinsi"]
    elif level == "kecamatan":
        out[COLUMNS["kecamatan_kode"]] = df["kecamatan_kode"]
        out[COLUMNS["kecamatan"]] = df["kecamatan"]
    elif level == "desa":
        out[COLUMNS["desa_kode"]] = df["desa_kode"]
        out[COLUMNS["desa"]] = df["desa"]
        out[COLUMNS["kecamatan"]] = df["kecamatan"]
    else:
        out[COLUMNS["tps_label"]] = area_labels(df, "tps")
        out[COLUMNS["kecamatan"]] = df["kecamatan"]
        out[COLUMNS["desa"]] = df["desa"]
    if level != "tps":
        out[COLUMNS["tps"]] = df["tps"].astype(int)
    out[COLUMNS["dpt"]] = df["dpt"].astype(int)
    out[COLUMNS["delivered"]] = df["delivered"].astype(int)
    out[COLUMNS["delivered_pct"]] = [round(_pct(r), 2) for r in df["delivered_rate"]]
    out[COLUMNS["undelivered"]] = df["undelivered"].astype(int)
    out[COLUMNS["undelivered_pct"]] = [round(_pct(r), 2) for r in df["undelivered_rate"]]
    for reason, col in zip(formulir_c_metrics.REASONS, formulir_c_metrics.REASON_COLUMNS, strict=True):
        out[code_labels.UNDELIVERED_REASONS[reason]] = df[col].astype(int)
    if level == "tps":
        out[COLUMNS["report_date"]] = df["report_date"]
        out[COLUMNS["late"]] = [_yes_no(v > 0) for v in df["late_reports"]]
    else:
        out[COLUMNS["late_reports"]] = df["late_reports"].astype(int)
    return out.reset_index(drop=True)


def above_table(df: pd.DataFrame) -> pd.DataFrame:
    """TPS above the threshold (rows of ``ranked(..., threshold)`` at TPS level with
    ``above_threshold``), worst first, with their main reason and recap date."""
    rows = df[df["above_threshold"]]
    return pd.DataFrame({
        COLUMNS["tps_label"]: area_labels(rows, "tps"),
        COLUMNS["kecamatan"]: rows["kecamatan"].tolist(),
        COLUMNS["desa"]: rows["desa"].tolist(),
        COLUMNS["dpt"]: rows["dpt"].astype(int).tolist(),
        COLUMNS["undelivered"]: rows["undelivered"].astype(int).tolist(),
        COLUMNS["undelivered_pct"]: [round(_pct(r), 2) for r in rows["undelivered_rate"]],
        COLUMNS["main_reason"]: [code_labels.label(code_labels.UNDELIVERED_REASONS, formulir_c_metrics.main_reason(r))
                                 for _, r in rows.iterrows()],
        COLUMNS["report_date"]: rows["report_date"].tolist(),
        COLUMNS["late"]: [_yes_no(v > 0) for v in rows["late_reports"]],
    })


def _int(v) -> str:
    return formatting.fmt_int(v)


TABLE_FORMATS = {
    COLUMNS["tps"]: _int, COLUMNS["dpt"]: _int, COLUMNS["delivered"]: _int, COLUMNS["undelivered"]: _int,
    COLUMNS["late_reports"]: _int,
    COLUMNS["delivered_pct"]: formatting.fmt_pct_points, COLUMNS["undelivered_pct"]: formatting.fmt_pct_points,
    COLUMNS["report_date"]: formatting.fmt_date,
    **{label: _int for label in code_labels.UNDELIVERED_REASONS.values()},
}


# ---------------------------------------------------------------- TPS not reported yet ("belum melapor")
def not_reported_table(df: pd.DataFrame, level: str) -> pd.DataFrame:
    """Rows of ``queries.formulir_c.not_reported(by=(level,))`` for display: the area (kecamatan, or
    desa with its kecamatan), its code, TPS not reported and their DPT, in code order."""
    out = {}
    if level == "desa":
        out[COLUMNS["kecamatan"]] = df["kecamatan"].tolist()
        out[COLUMNS["desa"]] = df["desa"].tolist()
        out[COLUMNS["desa_kode"]] = df["desa_kode"].tolist()
    else:
        out[COLUMNS[level]] = df[level].tolist()
        out[COLUMNS[f"{level}_kode"]] = df[f"{level}_kode"].tolist()
    out[COLUMNS["tps_not_reported"]] = df["tps_not_reported"].astype(int).tolist()
    out[COLUMNS["dpt_not_reported"]] = df["dpt_not_reported"].astype(int).tolist()
    return pd.DataFrame(out)


def not_reported_tps_table(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``queries.formulir_c.not_reported_tps``: each TPS without a recap, with its DPT."""
    return pd.DataFrame({
        COLUMNS["kecamatan"]: df["kecamatan"].tolist(),
        COLUMNS["desa"]: df["desa"].tolist(),
        COLUMNS["tps_label"]: area_labels(df, "tps"),
        COLUMNS["dpt"]: df["dpt"].astype(int).tolist(),
    })


TABLE_FORMATS[COLUMNS["tps_not_reported"]] = _int
TABLE_FORMATS[COLUMNS["dpt_not_reported"]] = _int
