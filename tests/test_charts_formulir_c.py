"""charts.formulir_c as pure builders: figure specs and display tables, on hand-made frames."""
import datetime as dt

import pandas as pd
import pytest

from charts import formulir_c as ch
from charts import theme
from metrics import formulir_c as m
from texts import code_labels

D = dt.date
KEC_CODES = {"Toboali": "19.03.01", "Payung": "19.03.05", "Kepulauan Pongok": "19.03.08"}
REPORT_DATE = D(2024, 11, 24)


def tps_row(nomor, desa, kecamatan, dpt, late=0, report_date=REPORT_DATE, **reasons):
    row = {"tps_id": nomor, "nomor_tps": nomor, "desa_kode": f"19.03.xx.{desa}", "desa": desa,
           "kecamatan_kode": KEC_CODES[kecamatan], "kecamatan": kecamatan, "report_date": report_date,
           "tps": 1, "dpt": dpt, "late_reports": late}
    row.update({c: reasons.get(c.removeprefix("undelivered_"), 0) for c in m.REASON_COLUMNS})
    row["delivered"] = dpt - sum(reasons.values())
    return row


@pytest.fixture
def tps():
    """Rates: TPS 3 Rias 60/500 = 12%; TPS 1 Rias 50/500 = 10% (exactly the threshold);
    TPS 2 Malik 40/500 = 8%; TPS 7 Pongok 0/300 = 0%."""
    df = pd.DataFrame([
        tps_row(2, "Malik", "Payung", 500, tidak_dikenal=40),
        tps_row(1, "Rias", "Toboali", 500, tidak_di_tempat=50),
        tps_row(3, "Rias", "Toboali", 500, late=1, report_date=D(2024, 11, 25), tidak_dikenal=45,
                meninggal_dunia=15),
        tps_row(7, "Pongok", "Kepulauan Pongok", 300),
    ])
    return m.ranked(m.with_rates(df), threshold=0.10)


def test_ranking_colours_only_tps_strictly_above_the_threshold(tps):
    fig = ch.tps_ranking(tps, threshold=0.10, top=3)
    bar = fig.data[0]
    assert list(bar.y) == ["TPS 003 Rias (Toboali)", "TPS 001 Rias (Toboali)", "TPS 002 Malik (Payung)"]
    assert list(bar.x) == pytest.approx([12.0, 10.0, 8.0])
    # 12% > 10%: red; exactly 10%: not above, grey; 8%: grey.
    assert list(bar.marker.color) == [theme.BAD, theme.NEUTRAL, theme.NEUTRAL]
    assert list(bar.text) == ["12,00% · 60", "10,00% · 50", "8,00% · 40"]
    line = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(line) == 1 and line[0].x0 == pytest.approx(10.0)
    assert any(a.text == "Ambang 10%" for a in fig.layout.annotations)
    assert fig.layout.yaxis.autorange == "reversed"  # worst at the top
    assert fig.layout.separators == ",."
    assert "Tidak terdistribusi" in bar.hovertemplate


def test_ranking_follows_a_configured_threshold(tps):
    fig = ch.tps_ranking(tps, threshold=0.07)  # now 12%, 10% and 8% are all above 7%
    assert list(fig.data[0].marker.color) == [theme.BAD, theme.BAD, theme.BAD, theme.NEUTRAL]
    assert "ambang 7%" in fig.layout.title.text


def test_area_rates_in_percent_with_regency_line_and_labels():
    # Toboali 143/1400 = 10,21%; Payung 6/600 = 1%; regency (145/2000) = 7,25%.
    df = m.ranked(m.with_rates(pd.DataFrame([
        {"kecamatan_kode": "19.03.05", "kecamatan": "Payung", "tps": 1, "dpt": 600, "delivered": 594,
         "late_reports": 0, **{c: 0 for c in m.REASON_COLUMNS}, "undelivered_pindah_domisili": 6},
        {"kecamatan_kode": "19.03.01", "kecamatan": "Toboali", "tps": 3, "dpt": 1400, "delivered": 1257,
         "late_reports": 1, **{c: 0 for c in m.REASON_COLUMNS}, "undelivered_tidak_dikenal": 143},
    ])))
    fig = ch.area_rates(df, "kecamatan", regency_rate=145 / 2000)
    bar = fig.data[0]
    assert list(bar.y) == ["Toboali", "Payung"]
    assert list(bar.x) == pytest.approx([143 / 14, 1.0])
    assert list(bar.text) == ["10,21% · 143", "1,00% · 6"]
    assert bar.customdata[0] == ["143", "1.400", "10,21%", "1.257", "89,79%"]
    assert [s.x0 for s in fig.layout.shapes] == pytest.approx([7.25])
    assert any(a.text == "Kabupaten 7,25%" for a in fig.layout.annotations)
    # wrapped at the last space before 30 characters, so the title fits a phone (issue 21)
    assert fig.layout.title.text == "Tidak Terdistribusi per<br>Kecamatan (% DPT)"
    assert fig.layout.xaxis.title.text == "Tidak terdistribusi (% DPT)"
    assert not fig.layout.showlegend


def test_area_rates_draws_at_most_max_bars(tps):
    many = pd.concat([tps] * 12, ignore_index=True)  # 48 rows
    fig = ch.area_rates(many, "tps")
    assert len(fig.data[0].y) == ch.MAX_AREA_BARS
    assert "40 TPS Tertinggi dari 48" in fig.layout.title.text.replace("<br>", " ")


def test_reason_charts(tps):
    mix = m.reason_mix(tps)  # 40 + 45 tidak dikenal = 85; 50 tidak di tempat; 15 meninggal: 150
    fig = ch.reason_overall(mix)
    bar = fig.data[0]
    assert list(bar.y)[:3] == ["Tidak dikenal", "Tidak di tempat", "Meninggal dunia"]
    assert list(bar.x)[:3] == [85, 50, 15]
    assert bar.text[0] == "85 · 56,67%"  # 85/150
    assert list(bar.marker.color)[:2] == [ch.REASON_COLORS["tidak_dikenal"], ch.REASON_COLORS["tidak_di_tempat"]]

    labels = ch.area_labels(tps, "tps")
    stacked = ch.reason_by_area(m.reason_mix_by(tps.assign(label=labels), "label"), "tps", labels)
    assert stacked.layout.barmode == "stack"
    assert [t.name for t in stacked.data] == [code_labels.UNDELIVERED_REASONS[r] for r in m.REASONS]
    # TPS 003 Rias: 45 tidak dikenal + 15 meninggal = 60 -> 75% + 25%; shares of each bar sum to 100.
    first = [t.x[0] for t in stacked.data]
    assert first[0] == pytest.approx(75.0) and first[2] == pytest.approx(25.0)
    assert sum(first) == pytest.approx(100.0)
    assert stacked.data[0].text[0] == "75%"
    # TPS 007 Pongok has nothing undelivered: an empty bar, not a 0% share.
    assert all(pd.isna(t.x[3]) for t in stacked.data)


def test_deadline_charts():
    by_date = pd.DataFrame({"report_date": [D(2024, 11, 23), D(2024, 11, 24), D(2024, 11, 25)],
                            "tps": [4, 5, 2], "dpt": [2000, 2500, 900], "late_reports": [0, 0, 2]})
    fig = ch.recaps_by_date(by_date, D(2024, 11, 24))
    on_time, late = fig.data
    assert list(on_time.x) == ["23 Nov 2024", "24 Nov 2024<br>(batas H-3)", "25 Nov 2024"]
    assert list(on_time.y) == [4, 5, 0] and list(late.y) == [0, 0, 2]
    assert late.marker.color == theme.BAD and on_time.marker.color == theme.GOOD
    assert fig.layout.barmode == "stack"

    per_kec = pd.DataFrame({"kecamatan_kode": ["19.03.01", "19.03.05", "19.03.08"],
                            "kecamatan": ["Toboali", "Payung", "Kepulauan Pongok"],
                            "tps": [3, 1, 1], "late_reports": [1, 0, 1]})
    fig = ch.late_by_area(per_kec, "kecamatan")
    assert list(fig.data[0].y) == ["Toboali", "Kepulauan Pongok", "Payung"]  # most late first, then code
    assert list(fig.data[0].text) == ["1 dari 3 TPS", "1 dari 1 TPS", "0 dari 1 TPS"]


def test_above_by_area_chart():
    # delivery(by=("kecamatan",), threshold=0.10) of the fixture's TPS: only TPS 003 Rias (Toboali) is
    # above 10%: Toboali 1 of 2, Payung 0 of 1, Pongok 0 of 1 (given in code order, as SQL returns them).
    counts = pd.DataFrame({"kecamatan_kode": ["19.03.01", "19.03.05", "19.03.08"],
                           "kecamatan": ["Toboali", "Payung", "Kepulauan Pongok"],
                           "tps": [2, 1, 1], "above_threshold": [1, 0, 0], "dpt": [1000, 500, 300]})
    per_kec = m.above_by_area(counts)
    assert per_kec[["kecamatan", "tps", "above"]].values.tolist() == [
        ["Toboali", 2, 1], ["Payung", 1, 0], ["Kepulauan Pongok", 1, 0]]
    fig = ch.above_by_area(per_kec, 0.10)
    assert list(fig.data[0].text) == ["1 dari 2 TPS", "0 dari 1 TPS", "0 dari 1 TPS"]


def test_tables(tps):
    table = ch.area_table(tps, "tps")
    assert table["TPS"].tolist()[0] == "TPS 003 Rias (Toboali)"
    assert table["Tidak terdistribusi (% DPT)"].tolist() == [12.0, 10.0, 8.0, 0.0]
    assert table["Terdistribusi (% DPT)"].tolist() == [88.0, 90.0, 92.0, 100.0]
    assert table["Lewat batas H-3"].tolist() == ["Ya", "Tidak", "Tidak", "Tidak"]
    assert table["Tidak dikenal"].tolist() == [45, 0, 40, 0]

    above = ch.above_table(tps)
    assert above["TPS"].tolist() == ["TPS 003 Rias (Toboali)"]  # 10% exactly is not above
    assert above["Alasan terbanyak"].tolist() == ["Tidak dikenal"]

    assert ch.TABLE_FORMATS["DPT"](151742) == "151.742"
    assert ch.TABLE_FORMATS["Tidak terdistribusi (% DPT)"](5.45) == "5,45%"
    assert ch.TABLE_FORMATS["Tanggal rekap"](D(2024, 11, 24)) == "24 Nov 2024"
