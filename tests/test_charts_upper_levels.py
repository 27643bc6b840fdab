"""Chart builders and metrics taking the provinsi/kabupaten level generically (hand-built frames)."""
from __future__ import annotations

import pandas as pd

from charts import cases as case_charts
from charts import formulir_c as fc_charts
from metrics import cases as case_metrics
from metrics import formulir_c as fc_metrics

PROV = pd.DataFrame({"provinsi_kode": ["19", "21", "31"], "provinsi": ["Babel", "Kepri", "DKI"]})


def test_cases_per_provinsi_keep_zero_areas_and_sort_most_first():
    counts = pd.DataFrame({"provinsi_kode": ["19", "19", "21"], "provinsi": ["Babel", "Babel", "Kepri"],
                           "sumber": ["temuan", "laporan", "laporan"], "cases": [2, 1, 5]})
    per = case_metrics.with_all_areas(counts, PROV, "provinsi")
    assert per.groupby("provinsi")["cases"].sum().to_dict() == {"Babel": 3, "Kepri": 5, "DKI": 0}
    fig = case_charts.area_bars(per, "provinsi")
    assert list(fig.data[0].y) == ["Kepri", "Babel", "DKI"]  # 5, 3, 0
    temuan, laporan = fig.data[0], fig.data[1]
    assert list(temuan.x) == [0, 2, 0] and list(laporan.x) == [5, 1, 0]


def test_formulir_c_labels_and_table_at_kabupaten_level():
    df = pd.DataFrame({"kabupaten_kode": ["19.03", "21.71"], "kabupaten": ["Bangka Selatan", "Batam"],
                       "provinsi_kode": ["19", "21"], "provinsi": ["Babel", "Kepri"], "tps": [2, 1],
                       "dpt": [700, 100], "delivered": [660, 50], **{c: [0, 0] for c in fc_metrics.REASON_COLUMNS},
                       "late_reports": [0, 1]})
    df["undelivered_tidak_dikenal"] = [40, 50]
    rows = fc_metrics.ranked(fc_metrics.with_rates(df))
    assert fc_charts.area_labels(rows, "kabupaten") == ["Batam", "Bangka Selatan"]  # 50% above 5,71%
    table = fc_charts.area_table(rows, "kabupaten")
    assert list(table.columns[:3]) == ["Kode kabupaten/kota", "Kabupaten/kota", "Provinsi"]
    assert list(table["Provinsi"]) == ["Kepri", "Babel"]
    fig = fc_charts.area_rates(rows, "kabupaten", 90 / 800, line_label="Keseluruhan {pct}")
    assert any("Keseluruhan 11,25%" in a.text for a in fig.layout.annotations)


def test_tps_above_threshold_per_provinsi():
    # delivery(by=("provinsi",), threshold=...): Babel 2 TPS, 1 above; Kepri 3 TPS, 2 above.
    counts = pd.DataFrame({"provinsi_kode": ["19", "21"], "provinsi": ["Babel", "Kepri"],
                           "tps": [2, 3], "above_threshold": [1, 2]})
    out = fc_metrics.above_by_area(counts, "provinsi")
    assert out.to_dict("list") == {"provinsi_kode": ["21", "19"], "provinsi": ["Kepri", "Babel"],
                                   "tps": [3, 2], "above": [2, 1]}  # most above first
