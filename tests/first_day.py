"""An office's first day on a new database (issue 16), as files an operator would bring: the TPS
list and a first operator workbook, to be imported after the shipped reference workbook
(assets/referensi/pilkada_2024_bangka_selatan.xlsx). The right answers on the pages are worked out
by hand below; tests/test_first_day.py and tests/e2e/test_first_day_browser.py check them.

TPS list (tps.csv), voting day 27 Nov 2024 (the one election day over these desa):
    Toboali / Toboali  TPS 1  DPT 500
    Toboali / Toboali  TPS 2  DPT 400
    Toboali / Rias     TPS 1  DPT 300
    Payung  / Malik    TPS 1  DPT 250          4 TPS, DPT 1.450

Operator workbook (laporan_pertama.xlsx):
    kegiatan    BS/001  bupati-2024 (by kode) no. 2   1 Oct  Rias (Toboali)      sttp
                BS/002  gubernur (by kind)    no. 1   2 Oct  Toboali (Toboali)   jadwal_kpu
                BS/003  gubernur              no. 2   3 Oct  Malik (Payung)      sttp
                BS/004  bupati                no. 2   3 Oct  Airgegas (Air Gegas) temuan_lapangan
    pengawasan  LHP/001 -> BS/001, LHP/002 -> BS/002, LHP/003 -> BS/003 (each on its activity's day)
    pelanggaran 001/LP: laporan received 4 Oct (Malik), diterima, then kajian_awal 5 Oct: undecided
                001/TM: temuan received 6 Oct (Rias), diterima, then tidak_diregistrasi 8 Oct
    formulir_c  Toboali TPS 1: DPT 500, delivered 480, meninggal dunia 8, tidak dikenal 12 (20)
                Rias TPS 1:    DPT 300, delivered 296, pindah domisili 4                 (4)

Right answers (default filters: the whole regency, the campaign period):
    Cakupan      4 activities, 3 supervised (LHP/001-003), 1 not (BS/004): 3/4 = 75,0%.
                 Koordinator of Payung: 1 activity (BS/003), supervised: 100,0%.
    Pelanggaran  2 cases. Deadline 3 + 2 = 5 days: 001/LP due 9 Oct and still undecided on the data
                 day (the import day, after 9 Oct): past its deadline; 001/TM decided 8 Oct <= due
                 11 Oct: in time. So 1 past the deadline.
    Formulir C   reported: 2 TPS, DPT 500 + 300 = 800; undelivered 20 + 4 = 24 -> 24/800 = 3,00%;
                 delivered 776 -> 97,00%. Not reported ("belum melapor"): Toboali TPS 2 (DPT 400)
                 and Malik TPS 1 (DPT 250): 2 TPS, DPT 650, never in the rate. 2 of 4 TPS reported: 50,0%.
"""
from __future__ import annotations

import datetime as dt

from tests.fixtures_import import FORMULIR_HEADER, KEGIATAN_HEADER, PELANGGARAN_HEADER, csv_bytes, xlsx

TPS_CSV = csv_bytes([
    ["kecamatan", "desa", "nomor_tps", "jumlah_dpt"],
    ["Toboali", "Toboali", 1, 500],
    ["Toboali", "Toboali", 2, 400],
    ["Toboali", "Rias", 1, 300],
    ["Payung", "Malik", 1, 250],
])

PENGAWASAN_HEADER = ["nomor_lhp", "tanggal_pengawasan", "kode_kegiatan", "kecamatan", "desa", "nama_pengawas",
                     "jabatan", "bentuk", "uraian", "dugaan_pelanggaran"]


def operator_workbook() -> bytes:
    return xlsx({
        "kegiatan": [
            KEGIATAN_HEADER,
            ["BS/001", "bupati-2024", 2, "tatap_muka_dialog", "01/10/2024", "14.00", "Toboali", "Rias",
             "Balai Desa Rias", 120, "sttp"],
            ["BS/002", "gubernur", 1, "pertemuan_terbatas", "2024-10-02", "09:00", "Toboali", "Toboali",
             "Gedung Serbaguna", 60, "jadwal_kpu"],
            ["BS/003", "Gubernur", 2, "rapat_umum", dt.datetime(2024, 10, 3), "", "Payung", "Malik",
             "Lapangan Malik", 800, "sttp"],
            ["BS/004", "bupati", 2, "pemasangan_apk", "03/10/2024", "", "Air Gegas", "Airgegas", "", "",
             "temuan_lapangan"],
        ],
        "pengawasan": [
            PENGAWASAN_HEADER,
            ["LHP/001", "01/10/2024", "BS/001", "Toboali", "Rias", "Pengawas Satu", "pkd", "langsung", "Tertib",
             "tidak"],
            ["LHP/002", "02/10/2024", "BS/002", "Toboali", "Toboali", "Pengawas Dua", "panwascam", "langsung", "",
             "tidak"],
            ["LHP/003", "03/10/2024", "BS/003", "Payung", "Malik", "Pengawas Tiga", "pkd", "langsung",
             "Pembagian uang", "ya"],
        ],
        "pelanggaran": [
            PELANGGARAN_HEADER,
            ["001/LP", "laporan", "2024-10-03", "2024-10-04", "Payung", "Malik", "bupati", 2, "politik_uang",
             "diterima", "2024-10-04", "", "Terlapor Satu", "Pelapor Satu"],
            ["001/LP", "laporan", "2024-10-03", "2024-10-04", "Payung", "Malik", "bupati", 2, "politik_uang",
             "kajian_awal", "2024-10-05", "", "Terlapor Satu", "Pelapor Satu"],
            ["001/TM", "temuan", "", "2024-10-06", "Toboali", "Rias", "", "", "apk", "diterima", "2024-10-06",
             "", "", ""],
            ["001/TM", "temuan", "", "2024-10-06", "Toboali", "Rias", "", "", "apk", "tidak_diregistrasi",
             "2024-10-08", "", "", ""],
        ],
        "formulir_c": [
            FORMULIR_HEADER,
            ["Toboali", "Toboali", 1, 500, 480, 8, 0, 0, 12, 0, 0, "23/11/2024"],
            ["Toboali", "Rias", 1, 300, 296, 0, 4, 0, 0, 0, 0, "24/11/2024"],
        ],
    })


# What the pages must show (worked out in the module docstring).
CAKUPAN = {"Kegiatan kampanye": "4", "Diawasi": "3", "Tidak diawasi": "1", "Cakupan pengawasan": "75,0%"}
CAKUPAN_PAYUNG = {"Kegiatan kampanye": "1", "Diawasi": "1", "Tidak diawasi": "0", "Cakupan pengawasan": "100,0%"}
CASES, CASES_LATE = "2", "1"
FORMULIR_C = {
    "DPT": ("800", "di 2 TPS melapor; 2 TPS belum melapor (DPT 650) tidak dihitung"),
    "Terdistribusi": ("776", "97,00% dari DPT"),
    "Tidak terdistribusi": ("24", "3,00% dari DPT"),
    "TPS belum melapor": ("2", "dari 4 TPS dalam daftar"),
    "TPS sudah melapor": ("50,0%", "2 dari 4 TPS"),
}
NOT_REPORTED_TPS = ["TPS 002 Toboali (Toboali)", "TPS 001 Malik (Payung)"]
