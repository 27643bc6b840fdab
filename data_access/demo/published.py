"""The real figures the demo data is true to (docs/domain.md, sections 0 and 6).

- Published regency totals (Bawaslu Basel, 3 Dec 2024; KPU Babel, 22 Sep 2024): DPT, TPS, and the
  Formulir C.Pemberitahuan not delivered, by reason;
- the elections, their calendar and candidate pairs: the shipped reference workbook
  (assets/referensi/pilkada_2024_bangka_selatan.xlsx), read by the importer's own code.
"""
from __future__ import annotations

from pathlib import Path

from data_access.importer.core import read_reference
from data_access.importer.reference import CALENDAR as REFERENCE_CALENDAR
from data_access.importer.workbook import REFERENCE_WORKBOOK

# Published regency totals (Bawaslu Basel, 3 Dec 2024; KPU Babel, 22 Sep 2024).
DPT_TOTAL = 151_742
TPS_TOTAL = 300
MAX_DPT_PER_TPS = 600
UNDELIVERED_BY_REASON = {
    "tidak_dikenal": 5_360,
    "tidak_di_tempat": 1_786,
    "meninggal_dunia": 467,
    "pindah_domisili": 467,
    # The published remainder of 186 (pindah memilih and others); this split is synthetic.
    "pindah_memilih": 121,
    "lainnya": 65,
}
UNDELIVERED_TOTAL = 8_266

# Elections, their calendar and candidate pairs: the shipped reference workbook, read by the importer's
# own code (an office imports the same file), so the demo and that file cannot drift apart.


def reference_elections(path: Path = REFERENCE_WORKBOOK) -> tuple[list[dict], dict[str, list[tuple]]]:
    """The elections (kode, jenis, wilayah_kode, nama and calendar) and, per election kode, its pairs
    as (nomor_urut, nama, kolom kosong?, partai_pengusul), in the workbook's order."""
    rows = read_reference(path.read_bytes(), path.name)
    elections = [{"kode": r["kode"], "jenis": r["jenis"], "wilayah_kode": r["kode_wilayah"], "nama": r["nama"],
                  **{field: r[column] for column, field in REFERENCE_CALENDAR.items()}} for r in rows["pemilihan"]]
    pairs: dict[str, list[tuple]] = {e["kode"]: [] for e in elections}
    for r in rows["paslon"]:
        pairs[r["pemilihan"]].append(
            (r["nomor_urut"], r["nama"], bool(r.get("kolom_kosong")), r.get("partai_pengusul")))
    return elections, pairs


ELECTIONS, PASLON = reference_elections()
# The regency's own race sets the days the synthetic activities, reports and recaps fall on.
CALENDAR_2024 = {field: next(e for e in ELECTIONS if e["kode"] == "bupati-2024")[field]
                 for field in REFERENCE_CALENDAR.values()}
CAMPAIGN_START = CALENDAR_2024["campaign_start"]
CAMPAIGN_END = CALENDAR_2024["campaign_end"]
