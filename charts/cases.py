"""Figures (and the case table view) of the Tren Pelanggaran page: pure functions, DataFrame in,
plotly figure (or display frame) out. Inputs come from ``metrics.cases`` / ``queries.cases``;
nothing here counts or decides anything, it only labels, orders and colours.

Colours: temuan orange and laporan blue everywhere; in the funnel the main path is blue, the
forwarding destinations sky blue and the exits vermillion.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import remembered
from charts.theme import (
    BLUE,
    GREY,
    ORANGE,
    PALETTE,
    SKY,
    VERMILLION,
    bar_labels,
    label_zero_bars,
    style,
    wrap_categories,
)
from texts import catalogue, code_labels, formatting

TEXT = catalogue.PELANGGARAN
SUMBER_COLOURS = {"temuan": ORANGE, "laporan": BLUE}
SUMBER_ORDER = ("temuan", "laporan")
ELECTION_ORDER = {"bupati": 0, "walikota": 0, "gubernur": 1}
MAX_JENIS = 7  # stacked series beyond this fold into "Jenis lain" (PALETTE has 7 colours + grey)


def _hover(what: str) -> str:
    return f"<b>%{{{what}}}</b><br>%{{fullData.name}}: %{{value:,d}} {TEXT['hover_cases']}<extra></extra>"


@remembered
def weekly_by_jenis(df: pd.DataFrame, *, max_series: int = MAX_JENIS) -> go.Figure:
    """Stacked bars of cases per week by jenis dugaan, from ``metrics.cases.weekly`` (week,
    jenis_dugaan, cases; every week of the range present). The biggest ``max_series`` types keep
    their own colour, the rest fold into "Jenis lain"; the week total is written above each bar."""
    weeks = sorted(df["week"].unique())
    labels = [formatting.week_label(w) for w in weeks]
    data = df.dropna(subset=["jenis_dugaan"])
    totals = data.groupby("jenis_dugaan")["cases"].sum().sort_values(ascending=False, kind="stable")
    totals = totals[totals > 0]
    order = sorted(totals.index, key=lambda k: (-totals[k], code_labels.label(code_labels.JENIS_DUGAAN, k)))
    keep = order if len(order) <= max_series else order[: max_series - 1]
    series = [(code_labels.label(code_labels.JENIS_DUGAAN, k), [k], PALETTE[i]) for i, k in enumerate(keep)]
    rest = [k for k in order if k not in keep]
    if rest:
        series.append((f"{TEXT['other_jenis']} ({len(rest)})", rest, GREY))
    fig = go.Figure()
    for name, codes, colour in series:
        per_week = data[data["jenis_dugaan"].isin(codes)].groupby("week")["cases"].sum()
        fig.add_bar(x=labels, y=[int(per_week.get(w, 0)) for w in weeks], name=name, marker_color=colour,
                    hovertemplate=_hover("x"))
    week_total = data.groupby("week")["cases"].sum()
    fig.add_scatter(x=labels, y=[int(week_total.get(w, 0)) for w in weeks], mode="text",
                    text=[formatting.fmt_int(week_total.get(w, 0)) for w in weeks], textposition="top center",
                    textfont={"size": 16}, showlegend=False, hoverinfo="skip", cliponaxis=False)
    style(fig, height=500, x_title=TEXT["weekly_x"], y_title=TEXT["axis_cases"])
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(rangemode="tozero", dtick=1 if float(week_total.max() or 0) <= 8 else None)
    return fig


@remembered
def sumber_bars(df: pd.DataFrame) -> go.Figure:
    """Temuan vs laporan (``case_counts(by=("sumber",))``): one bar each, labelled "7 (43,75%)"."""
    n = dict(zip(df["sumber"], df["cases"], strict=True)) if len(df) else {}
    total = sum(n.values())
    codes = list(SUMBER_ORDER)
    values = [int(n.get(c, 0)) for c in codes]
    text = [f"{formatting.fmt_int(v)} ({formatting.fmt_pct(v / total if total else float('nan'), 0)})" for v in values]
    fig = go.Figure(go.Bar(
        x=[code_labels.label(code_labels.CASE_SOURCES, c) for c in codes], y=values, text=text, textposition="outside",
        marker_color=[SUMBER_COLOURS[c] for c in codes], cliponaxis=False,
        hovertemplate=f"<b>%{{x}}</b>: %{{y:,d}} {TEXT['hover_cases']}<extra></extra>"))
    style(fig, height=420, legend=False, y_title=TEXT["axis_cases"])
    fig.update_yaxes(rangemode="tozero", range=[0, max(values + [1]) * 1.25])
    return fig


def _stacked_by_sumber(df: pd.DataFrame, label_col: str, order: list[str], *, height: int) -> go.Figure:
    """Horizontal bars per ``label_col`` in ``order`` (first on top), stacked temuan/laporan."""
    fig = go.Figure()
    for code in SUMBER_ORDER:
        part = df[df["sumber"] == code].groupby(label_col)["cases"].sum()
        fig.add_bar(y=order, x=[int(part.get(k, 0)) for k in order], orientation="h",
                    name=code_labels.label(code_labels.CASE_SOURCES, code), marker_color=SUMBER_COLOURS[code],
                    hovertemplate=_hover("y"))
    total = df.groupby(label_col)["cases"].sum()
    fig.add_scatter(y=order, x=[int(total.get(k, 0)) for k in order], mode="text",
                    text=["  " + formatting.fmt_int(total.get(k, 0)) for k in order], textposition="middle right",
                    textfont={"size": 16}, showlegend=False, hoverinfo="skip", cliponaxis=False)
    style(fig, height=height, x_title=TEXT["axis_cases"])
    top = int(total.max()) if len(total) else 0
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, autorange="reversed")
    fig.update_xaxes(rangemode="tozero", range=[0, max(top, 1) * 1.15], dtick=1 if top <= 8 else None)
    return wrap_categories(fig)


@remembered
def kecamatan_bars(df: pd.DataFrame) -> go.Figure:
    """Cases per kecamatan stacked by sumber, from ``metrics.cases.with_all_kecamatan`` (every
    kecamatan of the area filter, zeros included). Most cases on top; ties in Kemendagri order."""
    return area_bars(df, "kecamatan")


@remembered
def area_bars(df: pd.DataFrame, level: str) -> go.Figure:
    """Cases per area of ``level`` (columns ``<level>_kode``, ``<level>``, sumber, cases, as from
    ``metrics.cases.with_all_areas``) stacked by sumber. Most cases on top; ties in code order."""
    key = f"{level}_kode"
    total = df.groupby([key, level])["cases"].sum().reset_index()
    total = total.sort_values(["cases", key], ascending=[False, True])
    order = total[level].tolist()
    return _stacked_by_sumber(df, level, order, height=max(300, 110 + 44 * len(order)))


MAX_PAIR_BARS = 30  # a province has about 25 pairs; nationally the page shows the 30 with most cases


@remembered
def paslon_bars(df: pd.DataFrame, *, by_count: bool = False) -> go.Figure:
    """Cases per candidate pair stacked by sumber (``case_counts(by=("paslon", "sumber"))``);
    cases without a pair as "Tanpa pasangan calon", last. Order: Pilbup, Pilgub, by nomor urut;
    with ``by_count`` (a top list, ``metrics.cases.busiest_pairs``) most cases first."""
    df = df.copy()
    # Two lines per pair ("Pilbup 2" over the names) so long names fit a half-width chart.
    labels = [catalogue.pelanggaran_paslon(j, n, p).replace(" · ", "<br>")
              for j, n, p in zip(df["election_jenis"], df["nomor_urut"], df["paslon"], strict=True)]
    df["label"] = catalogue.distinct_labels(labels, list(df["paslon_id"].fillna(-1)), list(df["election_wilayah"]))
    keys = df.drop_duplicates("label")
    keys = keys.assign(_none=keys["paslon"].isna(), _e=keys["election_jenis"].map(ELECTION_ORDER).fillna(9),
                       _n=keys["nomor_urut"].fillna(0))
    order = keys.sort_values(["_none", "_e", "_n"])["label"].tolist()
    if by_count:
        totals = df.groupby("label")["cases"].sum()
        order = sorted(order, key=lambda label: -int(totals[label]))  # stable: ties keep the order above
    return _stacked_by_sumber(df, "label", order, height=max(280, 130 + 76 * len(order)))  # 3 lines each


@remembered
def funnel(df: pd.DataFrame) -> go.Figure:
    """The handling funnel with its exits, from ``metrics.cases.funnel`` (stage, kind, cases):
    main-path bars in blue with their share of the cases received, forwarding destinations in
    sky blue, exits in vermillion under the stage they leave from."""
    received = int(df.loc[df["stage"] == "diterima", "cases"].sum())
    labels, colours, text = [], [], []
    for stage, kind, cases in zip(df["stage"], df["kind"], df["cases"], strict=True):
        if kind == "path":
            name = (TEXT["stage_diteruskan"] if stage == "diteruskan"
                    else code_labels.label(code_labels.CASE_STATUSES, stage))
            share = formatting.fmt_pct(cases / received, 0) if received else formatting.DASH
            labels.append(f"<b>{name}</b>")
            colours.append(BLUE)
            text.append(f"{formatting.fmt_int(cases)} ({share})")
        elif kind == "forward":
            labels.append(f"→ {TEXT['forward'][stage]}")
            colours.append(SKY)
            text.append(formatting.fmt_int(cases))
        else:
            labels.append(f"↳ {TEXT['exit_prefix']}{code_labels.label(code_labels.CASE_STATUSES, stage).lower()}")
            colours.append(VERMILLION)
            text.append(formatting.fmt_int(cases))
    fig = go.Figure(go.Bar(
        y=labels, x=df["cases"].astype(int).tolist(), orientation="h", marker_color=colours, text=text,
        **bar_labels({"insidetextfont": {"color": ["#1F2937" if c == SKY else "white" for c in colours]}}),
        hovertemplate=f"%{{y}}: %{{x:,d}} {TEXT['hover_cases']}<extra></extra>"))
    style(fig, height=120 + 40 * len(labels), legend=False, x_title=TEXT["funnel_x"])
    top = int(df["cases"].max()) if len(df) else 0
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(rangemode="tozero", range=[0, max(top, 1) * 1.2], dtick=1 if top <= 8 else None)
    return wrap_categories(label_zero_bars(fig))


def case_table(df: pd.DataFrame, *, personal: bool = False) -> pd.DataFrame:
    """The case table as shown and downloaded, from ``metrics.cases.with_deadline`` over
    ``case_list``: Indonesian headers and labels, dates kept as dates (they sort), newest case first.
    Pelapor and terlapor only with ``personal=True`` (the caller has checked the access rules,
    ``ui.auth.show_personal_data``); otherwise never, even if the input had them."""
    c = catalogue.PELANGGARAN_COLUMNS
    # The deadline columns come right after the number so the flag is visible without scrolling.
    out = pd.DataFrame({
        c["nomor"]: df["nomor"],
        c["overdue"]: [TEXT["yes"] if o else TEXT["no"] for o in df["overdue"]],
        c["tanggal_diterima"]: df["tanggal_diterima"],
        c["due"]: df["due"],
        c["age_days"]: df["age_days"].astype(int),
        c["status"]: [code_labels.label(code_labels.CASE_STATUSES, s) for s in df["status"]],
        c["status_date"]: df["status_date"],
        c["sumber"]: [code_labels.label(code_labels.CASE_SOURCES, s) for s in df["sumber"]],
        c["jenis_dugaan"]: [code_labels.label(code_labels.JENIS_DUGAAN, j) for j in df["jenis_dugaan"]],
        c["kecamatan"]: df["kecamatan"],
        c["desa"]: df["desa"],
        c["paslon"]: [catalogue.pelanggaran_paslon(j, None, p)
                      for j, p in zip(df["election_jenis"], df["paslon"], strict=True)],
    })
    if personal:
        out[c["pelapor"]] = df["pelapor"].to_numpy()
        out[c["terlapor"]] = df["terlapor"].to_numpy()
    return out.iloc[::-1].reset_index(drop=True) if len(out) else out
