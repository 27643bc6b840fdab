"""Write the reference workbook of Pilkada 2024 in Bangka Selatan (an importable file):

    .venv/bin/python scripts/make_reference_workbook.py [OUT.xlsx]

Default output: assets/referensi/pilkada_2024_bangka_selatan.xlsx. The facts and their sources are
in docs/domain.md (sections 2.1 to 2.3) and assets/referensi/SOURCE.md. The demo generator reads its
elections and pairs from the written file (data_access.demo), so change them here, run this script,
and commit both.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent.parent / "assets" / "referensi" / "pilkada_2024_bangka_selatan.xlsx"
D = dt.date

# PKPU 2/2024 as reported (docs/domain.md 2.3): campaign 25/09-23/11, masa tenang 24-26/11,
# voting 27/11, Formulir C.Pemberitahuan by H-3 (24/11, PKPU 17/2024). Both races share it.
CALENDAR = [D(2024, 9, 25), D(2024, 11, 23), D(2024, 11, 24), D(2024, 11, 26), D(2024, 11, 27), D(2024, 11, 24)]
PEMILIHAN = [
    ["kode", "jenis", "nama", "kode_wilayah", "kampanye_mulai", "kampanye_selesai", "masa_tenang_mulai",
     "masa_tenang_selesai", "hari_pemungutan", "batas_formulir_c"],
    ["bupati-2024", "bupati", "Pemilihan Bupati dan Wakil Bupati Bangka Selatan 2024", "19.03", *CALENDAR],
    ["gubernur-2024", "gubernur", "Pemilihan Gubernur dan Wakil Gubernur Kepulauan Bangka Belitung 2024", "19",
     *CALENDAR],
]
PASLON = [
    ["pemilihan", "nomor_urut", "nama", "kolom_kosong", "partai_pengusul"],
    # Single-pair race (domain.md 2.1). Ballot numbers: detik/suara.com give Riza-Debby no. 2, so the
    # kolom kosong no. 1 by implication: UNCONFIRMED against a KPU decision.
    ["bupati-2024", 1, "Kolom kosong", "ya", None],
    ["bupati-2024", 2, "Riza Herdavid - Debby Vita Dewi", "tidak",
     "PDI Perjuangan, Gerindra, Demokrat, NasDem, PKS, Golkar, PBB, PPP, Perindo, PKB, PAN"],
    # domain.md 2.2 (KPU Babel)
    ["gubernur-2024", 1, "Erzaldi Rosman - Yuri Kemal Fadlullah", "tidak",
     "Gerindra, PBB, NasDem, Demokrat, PAN, PSI, Perindo, Garuda, PKB"],
    ["gubernur-2024", 2, "Hidayat Arsani - Hellyana", "tidak", "Golkar, PDI Perjuangan, PKS, PPP"],
]
README = [
    "Data acuan Pilkada Serentak 2024 di Kabupaten Bangka Selatan (untuk diimpor di halaman Impor Data)",
    "",
    "Lembar pemilihan: Pemilihan Gubernur Kepulauan Bangka Belitung (kode wilayah 19) dan Pemilihan Bupati "
    "Bangka Selatan (19.03), dengan jadwal PKPU 2/2024: kampanye 25/09-23/11/2024, masa tenang 24-26/11/2024, "
    "pemungutan 27/11/2024, batas Formulir C.Pemberitahuan 24/11/2024 (H-3).",
    "Lembar paslon: dua pasangan calon gubernur; calon tunggal bupati Riza Herdavid - Debby Vita Dewi melawan kolom "
    "kosong. Nomor urut bupati (kolom kosong 1, pasangan calon 2) menurut pemberitaan, belum dikonfirmasi dari "
    "keputusan KPU.",
    "Sumber: docs/domain.md bagian 2 dan assets/referensi/SOURCE.md. Berkas ini ditulis oleh "
    "scripts/make_reference_workbook.py.",
    "Urutan mengisi basis data baru: pemilihan, paslon, tps, lalu laporan (docs/PANDUAN_IMPOR.md).",
]


def write(path: Path = OUT) -> Path:
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    for i, line in enumerate(README, start=1):
        readme.cell(row=i, column=1, value=line).font = Font(bold=i == 1)
    for name, rows in (("pemilihan", PEMILIHAN), ("paslon", PASLON)):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
