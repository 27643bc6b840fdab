"""Indonesian labels of the stored codes (election kinds, campaign methods, case sources and
statuses, Formulir C reasons). The codes themselves are defined in ``data_access.vocab``."""
from __future__ import annotations

import math

from data_access import vocab

ELECTION_SHORT = {"bupati": "Pilbup", "gubernur": "Pilgub", "walikota": "Pilwalkot"}
ELECTION_LABEL = {"bupati": "Pemilihan Bupati", "gubernur": "Pemilihan Gubernur",
                  "walikota": "Pemilihan Wali Kota"}
METODE = vocab.METODE
ACTIVITY_SOURCES = {"sttp": "STTP", "jadwal_kpu": "Jadwal KPU", "temuan_lapangan": "Temuan lapangan"}
JABATAN = vocab.JABATAN
CASE_SOURCES = vocab.CASE_SOURCES
JENIS_DUGAAN = vocab.JENIS_DUGAAN
CASE_STATUSES = vocab.CASE_STATUSES
KATEGORI = vocab.KATEGORI_PELANGGARAN
UNDELIVERED_REASONS = {
    "tidak_dikenal": "Tidak dikenal",
    "tidak_di_tempat": "Tidak di tempat",
    "meninggal_dunia": "Meninggal dunia",
    "pindah_domisili": "Pindah domisili",
    "pindah_memilih": "Pindah memilih",
    "lainnya": "Lainnya",
}


def label(mapping: dict[str, str], code) -> str:
    """The Indonesian label of a code, or the code itself when unknown (never raises)."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return "Tidak ada"
    return mapping.get(code, str(code))
YES_NO = {True: "Ya", False: "Tidak"}
