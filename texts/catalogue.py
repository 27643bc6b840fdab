"""The copy catalogue: every piece of Indonesian UI copy of the pages, the briefing PDF and the
login, grouped by page (the importer's messages are in ``texts.importer``). No Streamlit here.

Numbers and dates inside copy go through ``texts.formatting``; code-to-label tables are in
``texts.code_labels``.
"""
from __future__ import annotations

import datetime as dt
import math

from texts import markdown
from texts.code_labels import CASE_STATUSES, ELECTION_SHORT
from texts.formatting import fmt_date, fmt_int, fmt_pct, fmt_range

# ---------------------------------------------------------------- Ringkasan page
# (pages/ringkasan.py, metrics/summary.py, charts/summary.py)
RINGKASAN = {
    "compare_note": "Perubahan dibanding periode sebelumnya dengan panjang sama: {range}.",
    "compare_empty": " Periode itu tidak memiliki kegiatan kampanye maupun kasus, jadi perubahan dihitung dari nol.",
    "no_compare": "Pilih rentang tanggal untuk melihat perubahan dibanding periode sebelumnya.",
    "vs_previous": "vs periode sebelumnya",
    "no_previous": "tanpa pembanding",
    "kpi_activities": "Kegiatan kampanye",
    "kpi_activities_help": "Kegiatan kampanye pada rentang tanggal, pemilihan, pasangan calon, dan wilayah filter.",
    "kpi_coverage": "Cakupan pengawasan",
    "kpi_coverage_note": "{supervised} dari {activities} kegiatan diawasi",
    "kpi_activities_note": "{unsupervised} kegiatan tanpa LHP",
    "kpi_cases": "Kasus pelanggaran",
    "kpi_cases_help": ("Temuan dan laporan yang diterima dalam rentang tanggal dan wilayah filter (menurut "
                       "tanggal diterima). Status menurut status terakhir kasus."),
    "kpi_cases_note": "temuan dan laporan, menurut tanggal diterima",
    "kpi_open": "Kasus masih diproses",
    "kpi_open_help": ("Kasus yang diterima dalam rentang ini dan status terakhirnya belum berupa keputusan: "
                      "diterima, kajian awal, diregistrasi, klarifikasi, atau kajian."),
    "kpi_decided": "Kasus sudah diputus",
    "kpi_decided_help": ("Kasus yang diterima dalam rentang ini dan status terakhirnya berupa keputusan: tidak "
                         "diregistrasi, diteruskan (KPU, Sentra Gakkumdu, DKPP, instansi lain), bukan "
                         "pelanggaran, atau dihentikan."),
    "kpi_share_note": "{share} dari {total} kasus",
    "kpi_overdue": "Lewat batas waktu",
    "kpi_overdue_help": ("Kasus yang diputus setelah batas waktu penanganan, atau belum diputus padahal batasnya "
                         "sudah lewat pada tanggal acuan (hari data terbaru). Naik = memburuk."),
    "kpi_overdue_note": "batas {days} hari · acuan {as_of}",
    "kpi_formulir_c": "Formulir C tidak terdistribusi",
    "kpi_formulir_c_help": ("Formulir Model C.Pemberitahuan yang tidak sampai ke pemilih, dari rekap per TPS untuk "
                            "hari pemungutan suara {day}. Satu rekap, bukan deret waktu: tidak terpengaruh filter "
                            "tanggal dan pasangan calon, sehingga tanpa perubahan periode."),
    "kpi_formulir_c_delta": "{pct} dari DPT",
    "kpi_formulir_c_no_change": "Tanpa perubahan periode: satu rekap untuk pemungutan suara {day}",
    "late_none": "Semua {tps} rekap TPS tepat waktu (H-3: {deadline})",
    "late_some": "{late} dari {tps} rekap terlambat (H-3: {deadline})",
    "formulir_c_missing": "Belum ada rekap Formulir C",
    "attention_title": "Perlu Perhatian",
    "attention_intro": ("Wilayah yang paling tertinggal pada setiap ukuran. Klik sebuah baris untuk membuka "
                        "halaman rinciannya dengan filter wilayah itu."),
    "att_coverage_title": "Cakupan pengawasan terendah",
    "att_coverage_item": "**{name}** · {coverage} ({supervised} dari {activities} kegiatan diawasi)",
    "att_coverage_none": "Tidak ada {level} dengan kegiatan yang tidak diawasi.",
    "att_coverage_small": ("Hanya {level} dengan sedikitnya {min} kegiatan yang diperingkat: pada wilayah dengan "
                           "sedikit kegiatan, satu kegiatan saja sudah mengubah persentase secara besar. "
                           "{n} {level} di bawah batas itu tidak diperingkat."),
    "att_coverage_small_none": "Hanya {level} dengan sedikitnya {min} kegiatan yang diperingkat.",
    "att_quiet_title": "Desa sepi",
    "att_quiet_item_days": "**{name}** · {days} hari tanpa LHP",
    "att_quiet_item_never": "**{name}** · belum pernah ada LHP",
    "att_quiet_count": ("{n} desa/kelurahan tanpa Laporan Hasil Pengawasan dalam {days} hari terakhir rentang "
                        "({window})."),
    "att_quiet_none": "Semua desa/kelurahan memiliki LHP dalam {days} hari terakhir rentang ({window}).",
    "att_overdue_title": "Kasus lewat batas waktu",
    "att_overdue_item": "**{name}** · {overdue} kasus lewat batas ({open} masih diproses)",
    "att_overdue_item_closed": "**{name}** · {overdue} kasus diputus setelah batas waktu",
    "att_overdue_count": "{n} kasus lewat batas waktu penanganan ({days} hari sejak diterima).",
    "att_overdue_none": "Tidak ada kasus yang lewat batas waktu penanganan.",
    "att_formc_title": "Formulir C tidak terdistribusi tertinggi",
    "att_formc_item": "**{name}** · {rate} dari DPT ({undelivered} dari {dpt})",
    "att_formc_count": "{n} TPS dengan lebih dari {threshold} DPT tidak menerima Formulir C.",
    "att_formc_none": "Semua Formulir C terdistribusi.",
    "levels": {"provinsi": "provinsi", "kabupaten": "kabupaten/kota", "kecamatan": "kecamatan",
               "desa": "desa/kelurahan"},
    "trend_title": "Kegiatan dan Pengawasan per Minggu",
    "trend_alt": "Grafik garis jumlah kegiatan kampanye dan kegiatan yang diawasi per minggu",
    "series_activities": "Kegiatan",
    "series_supervised": "Diawasi",
    "axis_week": "Minggu kegiatan (Senin–Minggu)",
    "axis_activities": "Jumlah kegiatan",
    "hover_week": "{activities} kegiatan · {supervised} diawasi · cakupan {coverage}",
    "empty": ("Tidak ada kegiatan kampanye, kasus, maupun rekap Formulir C yang cocok dengan filter ini. "
              "Ubah rentang tanggal, wilayah, atau pasangan calon di bilah samping."),
}


def ringkasan_area(row, level: str, with_kecamatan: bool) -> str:
    """Name of an area in a "Perlu perhatian" line: "Toboali", "Rias" or "Rias (Toboali)"."""
    if level == "desa" and with_kecamatan:
        return f"{row['desa']} ({row['kecamatan']})"
    return str(row[level])


def desa_label(desa: str, kecamatan: str) -> str:
    """The desa label the filter bar writes into the URL: "Rias (Toboali)"."""
    return f"{desa} ({kecamatan})"


# ---------------------------------------------------------------- Tren Pelanggaran page
# (pages/pelanggaran.py, charts/cases.py)
PELANGGARAN = {
    "kpi_total": "Jumlah kasus",
    "kpi_total_help": ("Temuan dan laporan yang diterima dalam rentang tanggal dan wilayah filter "
                       "(menurut tanggal diterima)."),
    "kpi_temuan": "Temuan",
    "kpi_laporan": "Laporan",
    "kpi_decided": "Sudah diputus",
    "kpi_decided_help": ("Status terakhir berupa keputusan: tidak diregistrasi, diteruskan (KPU, Sentra "
                         "Gakkumdu, DKPP, instansi lain), bukan pelanggaran, atau dihentikan."),
    "kpi_open": "Masih diproses",
    "kpi_open_help": "Status terakhir: diterima, kajian awal, diregistrasi, klarifikasi, atau kajian.",
    "kpi_overdue": "Lewat batas waktu",
    "kpi_overdue_help": ("Diputus setelah batas waktu, atau belum diputus padahal batas waktunya sudah "
                         "lewat pada tanggal acuan."),
    "weekly_title": "Kasus per Minggu menurut Jenis Dugaan",
    "weekly_x": "Minggu diterima (Senin–Minggu)",
    "other_jenis": "Jenis lain",
    "sumber_title": "Temuan dan Laporan",
    "kecamatan_title": "Kasus per Kecamatan",
    "area_title": {"provinsi": "Kasus per Provinsi", "kabupaten": "Kasus per Kabupaten/Kota"},
    "area_alt": "Grafik batang jumlah kasus per {level}, temuan dan laporan",
    "paslon_title": "Kasus per Pasangan Calon",
    "paslon_top": "{n} pasangan calon dengan kasus terbanyak dari {total}.",
    "no_paslon": "Tanpa pasangan calon",
    "axis_cases": "Jumlah kasus",
    "hover_cases": "kasus",
    "funnel_title": "Alur Penanganan Kasus",
    "funnel_x": "Jumlah kasus yang pernah mencapai tahap ini",
    "funnel_note": ("Setiap baris menghitung kasus yang pernah mencapai status itu (riwayat status). "
                    "Baris merah adalah jalan keluar yang menutup kasus; baris “ke …” merinci tujuan "
                    "penerusan. Kasus yang diteruskan ke Sentra Gakkumdu dapat kemudian dihentikan."),
    "stage_diteruskan": "Diteruskan",
    "forward": {"diteruskan_kpu": "ke KPU", "diteruskan_gakkumdu": "ke Sentra Gakkumdu",
                "diteruskan_dkpp": "ke DKPP", "diteruskan_instansi_lain": "ke instansi lain"},
    "exit_prefix": "keluar: ",
    "table_title": "Daftar Kasus",
    "table_note": "Nama pelapor dan terlapor tidak ditampilkan.",
    "table_note_personal": ("Nama pelapor dan terlapor ditampilkan sesuai hak akses Anda (admin, pimpinan); "
                            "tidak pernah dalam mode briefing. Jangan diteruskan kepada pihak lain."),
    "empty": ("Tidak ada kasus (temuan atau laporan) yang diterima dalam filter ini. "
              "Ubah rentang tanggal, wilayah, atau pasangan calon di bilah samping."),
    "yes": "Ya",
    "no": "Tidak",
    "weekly_alt": "Grafik batang bertumpuk jumlah kasus per minggu menurut jenis dugaan",
    "sumber_alt": "Grafik batang jumlah temuan dan laporan",
    "kecamatan_alt": "Grafik batang jumlah kasus per kecamatan, temuan dan laporan",
    "paslon_alt": "Grafik batang jumlah kasus per pasangan calon, temuan dan laporan",
    "funnel_alt": "Grafik alur penanganan kasus dari diterima sampai diteruskan, dengan jalan keluarnya",
}
PELANGGARAN_COLUMNS = {
    "nomor": "Nomor",
    "sumber": "Sumber",
    "jenis_dugaan": "Jenis dugaan",
    "kecamatan": "Kecamatan",
    "desa": "Desa/kelurahan",
    "paslon": "Pasangan calon",
    "tanggal_diterima": "Diterima",
    "status": "Status",
    "status_date": "Tanggal status",
    "age_days": "Umur (hari)",
    "due": "Batas waktu",
    "overdue": "Lewat batas waktu",
    "pelapor": "Pelapor",
    "terlapor": "Terlapor",
}


def pelanggaran_deadline_rule(decision_days: int, extension_days: int, as_of: dt.date | None) -> str:
    """The deadline rule as shown above the case table."""
    total = decision_days + extension_days
    return (f"**Batas waktu penanganan:** keputusan paling lambat {decision_days} + {extension_days} = "
            f"{total} hari kalender setelah kasus diterima (Perpu 1/2014 Pasal 134 ayat (5)–(6), UU "
            f"Pilkada; perubahan jumlah hari oleh aturan berikutnya belum terkonfirmasi, maka angka ini "
            f"dapat diubah di `config/pantau.toml`). Kasus **lewat batas waktu** bila diputus setelah "
            f"tanggal batas, atau belum diputus dan tanggal acuan sudah melewati batas. Tanggal acuan = "
            f"tanggal data terbaru ({fmt_date(as_of)}), bukan hari ini: untuk pemilihan yang sudah lewat, "
            f"hari ini akan membuat setiap kasus terbuka tampak terlambat bertahun-tahun. Umur kasus = hari "
            f"dari diterima sampai diputus, atau sampai tanggal acuan bila belum diputus.")


def pelanggaran_paslon(jenis: str | None, nomor_urut, nama: str | None) -> str:
    """"Pilbup 2 · Riza Herdavid - Debby Vita Dewi"; no pair -> "Tanpa pasangan calon"."""
    if nama is None or (isinstance(nama, float) and math.isnan(nama)):
        return PELANGGARAN["no_paslon"]
    prefix = ELECTION_SHORT.get(jenis, "")
    number = "" if nomor_urut is None or (isinstance(nomor_urut, float) and math.isnan(nomor_urut)) \
        else f" {int(nomor_urut)}"
    return f"{prefix}{number} · {nama}" if prefix else nama


# ---------------------------------------------------------------- UI copy
APP_TITLE = "Pantau"
APP_SUBTITLE = "Pengawasan Kampanye Pilkada · Bawaslu Kabupaten Bangka Selatan"
DEMO_BADGE = "Data contoh"
DEMO_NOTE = ("Data contoh (sintetis): total kabupaten sesuai angka resmi 2024; rincian per kecamatan, desa, "
             "TPS, kegiatan dan kasus adalah rekaan untuk demonstrasi.")

PAGES = {
    "ringkasan": "Ringkasan",
    "cakupan": "Cakupan Pengawasan",
    "pelanggaran": "Tren Pelanggaran",
    "formulir_c": "Formulir C",
    "impor": "Impor Data",
    "peta": "Peta",
    "kualitas": "Kualitas Data",
}

FILTER = {
    "header": "Filter",
    "election": "Pemilihan",
    "election_all": "Semua pemilihan",
    "paslon": "Pasangan calon",
    "paslon_placeholder": "Semua pasangan calon",
    "dates": "Rentang tanggal",
    "dates_help": "Bawaan: masa kampanye. Berlaku untuk tanggal kegiatan dan tanggal kasus diterima.",
    "provinsi": "Provinsi",
    "provinsi_placeholder": "Semua provinsi",
    "kabupaten": "Kabupaten/kota",
    "kabupaten_placeholder": "Semua kabupaten/kota",
    "kecamatan_first": "{n} kecamatan: pilih provinsi atau kabupaten/kota lebih dulu untuk memilih kecamatan.",
    "desa_first": "{n} desa/kelurahan: pilih kecamatan lebih dulu untuk memilih desa/kelurahan.",
    "kecamatan": "Kecamatan",
    "kecamatan_placeholder": "Semua kecamatan",
    "desa": "Desa/kelurahan",
    "desa_placeholder": "Semua desa/kelurahan",
    "reset": "Atur ulang filter",
    "share_hint": "Tautan halaman ini menyimpan filter: salin dari bilah alamat untuk dibagikan.",
}


def url_value_dropped(what: str, values: list[str]) -> str:
    shown = ", ".join(f"“{markdown.escape(v)}”" for v in values)  # shown as markdown: a link stays text
    return f"{what} {shown} pada tautan tidak dikenal dan diabaikan."


def url_value_outside(what: str, values: list[str], within: str) -> str:
    """A known URL value outside the choice above it: "Desa “Rias (Toboali)” pada tautan tidak
    termasuk kecamatan Payung dan diabaikan."."""
    shown = ", ".join(f"“{markdown.escape(v)}”" for v in values)
    return f"{what} {shown} pada tautan tidak termasuk {markdown.escape(within)} dan diabaikan."


MSG = {
    "db_down": ("Basis data tidak dapat dihubungi saat ini. Data tidak ditampilkan agar tidak menyesatkan; "
                "halaman akan mencoba lagi secara otomatis."),
    "db_empty": "Basis data belum berisi data. Impor data melalui halaman Impor Data.",
    "empty_filter": "Tidak ada data yang cocok dengan filter ini. Ubah atau atur ulang filter di bilah samping.",
    "data_stamp": "Data per {stamp}",
    "refreshed": "diperbarui {time}",
    "not_applicable": "Filter {fields} tidak berlaku untuk data ini.",
    "download_csv": "Unduh CSV",
    "download_xlsx": "Unduh Excel",
    "table_cut": "Menampilkan {shown} baris pertama dari {n}. Unduhan CSV dan Excel berisi semua {n} baris.",
    # a page's explanatory prose behind a closed expander, below its headline figures (issue 21)
    "about_page": "Keterangan halaman ini",
}
FILTER_FIELD_NAMES = {"election_ids": "pemilihan", "paslon_ids": "pasangan calon", "start": "tanggal",
                      "end": "tanggal", "kecamatan": "kecamatan", "desa": "desa"}


def not_applicable(fields: list[str]) -> str:
    names = []
    for f in fields:
        name = FILTER_FIELD_NAMES.get(f, f)
        if name not in names:
            names.append(name)
    return MSG["not_applicable"].format(fields=" dan ".join(names))


# ---------------------------------------------------------------- Cakupan Pengawasan page
# (pages/cakupan.py, charts/coverage.py)
# What "coverage" means, in the words the pages, the PDF and the help texts use (metrics.coverage computes it)
CAKUPAN_DEFINITION = ("Cakupan pengawasan = kegiatan kampanye yang memiliki sedikitnya satu Laporan Hasil "
              "Pengawasan (Formulir Model A) ÷ seluruh kegiatan kampanye pada filter ini.")


CAKUPAN = {
    "kpi_activities": "Kegiatan kampanye",
    "kpi_activities_help": ("Seluruh kegiatan kampanye yang tercatat pada filter ini (STTP, "
                            "jadwal KPU, temuan lapangan)."),
    "kpi_supervised": "Diawasi",
    "kpi_supervised_help": "Kegiatan yang memiliki sedikitnya satu Laporan Hasil Pengawasan (Formulir Model A).",
    "kpi_unsupervised": "Tidak diawasi",
    "kpi_unsupervised_help": "Kegiatan tanpa satu pun Laporan Hasil Pengawasan.",
    "kpi_coverage": "Cakupan pengawasan",
    "definition_more": ("LHP dihitung kapan pun dibuat; kegiatan dihitung menurut tanggal, pemilihan, "
                        "pasangan calon dan desa/kelurahan kegiatan."),
    "area_title_kecamatan": "Cakupan per Kecamatan",
    "area_title_desa": "Cakupan per Desa/Kelurahan",
    "area_note": "Diurutkan dari cakupan terendah (atas). Label: cakupan (diawasi/kegiatan).",
    "drill_label": "Kecamatan (terendah lebih dulu)",
    "drill_title": "Rincian per Desa/Kelurahan",
    # A database of several regencies starts one level higher (metrics.areas.breakdown_levels).
    "area_title_upper": {"provinsi": "Cakupan per Provinsi", "kabupaten": "Cakupan per Kabupaten/Kota"},
    "drill_label_upper": {"provinsi": "Provinsi (terendah lebih dulu)",
                          "kabupaten": "Kabupaten/kota (terendah lebih dulu)"},
    "drill_title_upper": {"kabupaten": "Rincian per Kabupaten/Kota", "kecamatan": "Rincian per Kecamatan"},
    "drill_note": "Desa/kelurahan tanpa kegiatan kampanye pada filter ini tidak ditampilkan.",
    "axis_coverage": "Cakupan pengawasan (%)",
    "total_line": "Keseluruhan {value}",
    "hover_area": ("Cakupan: {coverage}<br>Diawasi {supervised} dari {activities} kegiatan<br>Tidak diawasi: "
                   "{unsupervised}"),
    "trend_title": "Tren Kegiatan dan Pengawasan",
    "period_label": "Satuan waktu",
    "period": {"week": "Per minggu", "day": "Per hari"},
    "axis_activities": "Kegiatan (jumlah)",
    "axis_period": {"week": "Minggu kegiatan (Senin–Minggu)", "day": "Tanggal kegiatan"},
    "series_supervised": "Diawasi",
    "series_unsupervised": "Tidak diawasi",
    "series_coverage": "Cakupan (%, sumbu kanan)",
    "hover_trend": "{supervised} dari {activities} kegiatan diawasi · cakupan {coverage}",
    "heatmap_title": "Kegiatan Tidak Diawasi per {level} dan Minggu",
    "heatmap_level": {"provinsi": "Provinsi", "kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan",
                      "desa": "Desa/Kelurahan"},
    "heatmap_note": "Angka = kegiatan tanpa LHP. Makin gelap makin banyak; baris teratas paling banyak.",
    "colorbar": "Tidak<br>diawasi<br>(kegiatan)",
    "hover_heatmap": "Tidak diawasi: {unsupervised} dari {activities} kegiatan",
    "metode_title": "Cakupan per Metode Kampanye",
    "paslon_title": "Cakupan per Pasangan Calon",
    "paslon_top": "{n} pasangan calon dengan kegiatan terbanyak dari {total}.",
    "table_title": "Daftar Kegiatan yang Tidak Diawasi",
    "table_note": "{n} kegiatan kampanye tanpa satu pun LHP, urut tanggal.",
    "table_none": "Semua kegiatan pada filter ini memiliki LHP.",
    "quiet_title": "Wilayah Sepi",
    "quiet_note": ("Desa/kelurahan tanpa LHP apa pun (pengawasan kegiatan maupun pencegahan) dalam "
                   "{days} hari terakhir rentang filter ({start} – {end}). Hari tanpa LHP dihitung sampai "
                   "{end}. Filter pemilihan dan pasangan calon hanya berlaku untuk kolom Kegiatan."),
    "quiet_count": "{quiet} dari {total} desa/kelurahan sepi",
    "quiet_none": ("Tidak ada wilayah sepi: setiap desa/kelurahan pada filter ini memiliki LHP "
                   "dalam {days} hari terakhir."),
    "never": "belum pernah",
    "empty": ("Tidak ada kegiatan kampanye yang cocok dengan filter ini. Ubah rentang tanggal, wilayah, "
              "atau pasangan calon di bilah samping."),
    "area_alt": "Grafik batang cakupan pengawasan per {level}, diurutkan dari yang terendah",
    "trend_alt": "Grafik batang bertumpuk kegiatan diawasi dan tidak diawasi {period}, dengan garis cakupan",
    "heatmap_alt": "Peta panas jumlah kegiatan tidak diawasi per {level} dan minggu",
    "metode_alt": "Grafik batang cakupan pengawasan per metode kampanye",
    "paslon_alt": "Grafik batang cakupan pengawasan per pasangan calon",
}
CAKUPAN_COLUMNS = {
    "tanggal": "Tanggal",
    "jam_mulai": "Jam mulai",
    "paslon": "Pasangan calon",
    "metode": "Metode",
    "kecamatan": "Kecamatan",
    "desa": "Desa/kelurahan",
    "lokasi": "Tempat",
    "sumber": "Sumber",
    "kode": "Nomor STTP/kode",
    "last_report": "LHP terakhir",
    "days_quiet": "Hari tanpa LHP",
    "activities": "Kegiatan dalam rentang",
}


def cakupan_paslon(jenis: str | None, nomor_urut, nama: str) -> str:
    """Pair label on the Cakupan page: "Pilbup 2 · Riza Herdavid - Debby Vita Dewi"."""
    prefix = ELECTION_SHORT.get(jenis, "")
    return f"{prefix} {int(nomor_urut)} · {nama}" if prefix else str(nama)


def distinct_labels(labels: list[str], keys: list, regions: list) -> list[str]:
    """Pair labels that stay apart: where different pairs (``keys``) share a label, e.g. the
    "Kolom kosong" of two regencies' elections, each gets its election's region code:
    "Pilbup 1 · Kolom kosong (19.03)". Labels only one pair has are kept as they are."""
    owners: dict[str, set] = {}
    for label, key in zip(labels, keys, strict=True):
        owners.setdefault(label, set()).add(key)
    return [f"{label} ({region})" if len(owners[label]) > 1 and region else label
            for label, region in zip(labels, regions, strict=True)]


def cakupan_bar_label(coverage, supervised, activities) -> str:
    """"87,5% (21/24)": coverage with the counts it comes from."""
    return f"{fmt_pct(coverage, 1)} ({fmt_int(supervised)}/{fmt_int(activities)})"


# ---------------------------------------------------------------- Formulir C page
# (pages/formulir_c.py, charts/formulir_c.py)
FORMULIR_C = {
    "caption": ("Rekap penyampaian Formulir Model C.Pemberitahuan-KWK oleh KPPS kepada pemilih, per TPS, untuk "
                "pemungutan suara **{voting_day}**. Batas penyampaian: H-3, **{deadline}** (PKPU 17/2024)."),
    "scope": ("Filter **tanggal** dan **pasangan calon** tidak berlaku di halaman ini: Formulir C adalah rekap "
              "per TPS untuk satu hari pemungutan suara. Yang berlaku hanya filter kecamatan dan desa."),
    "rate_rule": ("Persentase wilayah = jumlah formulir tidak terdistribusi ÷ jumlah DPT wilayah itu "
                  "(dihitung dari jumlah, bukan rata-rata persentase TPS)."),
    "kpi_dpt": "DPT",
    "kpi_dpt_help": "Daftar Pemilih Tetap pada TPS yang sudah menyerahkan rekap Formulir C.",
    "kpi_delivered": "Terdistribusi",
    "kpi_undelivered": "Tidak terdistribusi",
    "kpi_rate": "Tidak terdistribusi (% DPT)",
    "kpi_rate_help": "Formulir tidak terdistribusi ÷ DPT.",
    "of_dpt": "{pct} dari DPT",
    "kpi_tps": "TPS melapor",
    "kpi_tps_help": "TPS yang rekap penyampaian Formulir C-nya sudah tercatat.",
    "kpi_late": "Rekap lewat batas H-3",
    "kpi_late_help": "Rekap TPS yang bertanggal setelah batas penyampaian H-3 ({deadline}).",
    "area_header": "Terdistribusi dan Tidak Terdistribusi per Wilayah",
    "level": "Tingkat rincian",
    "levels": {"provinsi": "Provinsi", "kabupaten": "Kabupaten/kota", "kecamatan": "Kecamatan",
               "desa": "Desa/kelurahan", "tps": "TPS"},
    "level_help": ("Pilih kecamatan atau desa di bilah samping untuk menelusuri satu wilayah; "
                   "tingkat rincian mengikuti pilihan itu."),
    "area_title": "Tidak Terdistribusi per {level} (% DPT)",
    "area_title_top": "Tidak Terdistribusi: {n} {level} Tertinggi dari {total} (% DPT)",
    "axis_rate": "Tidak terdistribusi (% DPT)",
    "regency_line": "Kabupaten {pct}",
    "overall_line": "Keseluruhan {pct}",  # several regencies in scope
    "hover_area": ("<b>%{y}</b><br>Tidak terdistribusi: %{customdata[0]} dari DPT %{customdata[1]} "
                   "(%{customdata[2]})<br>Terdistribusi: %{customdata[3]} (%{customdata[4]})"
                   "<extra></extra>"),
    "area_alt": "Grafik batang persentase Formulir C tidak terdistribusi per {level}, diurutkan dari tertinggi",
    "area_table": "Formulir C per {level}",
    "reason_title": "Alasan Tidak Terdistribusi (seluruh wilayah filter)",
    "reason_x": "Formulir tidak terdistribusi (jumlah)",
    "hover_reason": "<b>%{y}</b><br>%{customdata[0]} formulir (%{customdata[1]} dari yang tidak terdistribusi)"
                    "<extra></extra>",
    "reason_alt": "Grafik batang jumlah formulir tidak terdistribusi menurut alasan resmi",
    "reason_area_title": "Komposisi Alasan per {level}",
    "reason_area_x": "Bagian dari formulir tidak terdistribusi (%)",
    "hover_reason_area": ("<b>%{y}</b><br>%{fullData.name}: %{customdata[0]} formulir (%{customdata[1]})"
                          "<extra></extra>"),
    "reason_area_alt": "Grafik batang bertumpuk 100% komposisi alasan tidak terdistribusi per {level}",
    "rank_header": "TPS dengan Persentase Tidak Terdistribusi Tertinggi",
    "rank_title": "{n} TPS Tertinggi (% DPT); merah = di atas ambang {pct}",
    "threshold_line": "Ambang {pct}",
    "hover_tps": ("<b>%{y}</b><br>Tidak terdistribusi: %{customdata[0]} dari DPT %{customdata[1]} "
                  "(%{customdata[2]})<extra></extra>"),
    "rank_alt": "Grafik batang TPS dengan persentase Formulir C tidak terdistribusi tertinggi dan garis ambang",
    "above_title": "TPS di Atas Ambang {pct}",
    "above_count": "**{n}** dari {total} TPS di atas ambang {pct} (ambang dapat diubah di `config/pantau.toml`).",
    "above_area_title": "TPS di Atas Ambang {pct} per {level}",
    "above_area_x": "TPS di atas ambang (jumlah)",
    "above_area_text": "{above} dari {tps} TPS",
    "hover_above_area": "<b>%{y}</b><br>%{customdata[0]} TPS di atas ambang<extra></extra>",
    "above_area_alt": "Grafik batang jumlah TPS di atas ambang per {level}",
    "note_dpt": "di {tps} TPS",
    "note_rate": "{undelivered} dari {dpt}",
    "note_tps": "rekap terakhir {date}",
    "note_late": "batas {date}",
    "above_none": "Tidak ada TPS di atas ambang {pct}.",
    "deadline_header": "Status Batas Penyampaian H-3",
    "deadline_note": ("Batas penyampaian kepada pemilih: **{deadline}** (H-3). Rekap TPS yang bertanggal setelah "
                      "itu dihitung lewat batas: **{late}** dari {tps} rekap."),
    "by_date_title": "Rekap TPS per Tanggal Laporan",
    "by_date_y": "Rekap TPS (jumlah)",
    "on_time": "Sampai batas H-3",
    "late": "Lewat batas H-3",
    "deadline_tick": "{date}<br>(batas H-3)",
    "hover_date": "<b>%{x}</b><br>%{fullData.name}: %{y} rekap TPS<extra></extra>",
    "by_date_alt": "Grafik batang jumlah rekap TPS per tanggal laporan, tepat waktu dan lewat batas H-3",
    "late_title": "Rekap Lewat Batas H-3 per {level}",
    "late_x": "Rekap TPS lewat batas (jumlah)",
    "late_text": "{late} dari {tps} TPS",
    "hover_late": "<b>%{y}</b><br>Lewat batas: %{customdata[0]}<extra></extra>",
    "late_alt": "Grafik batang jumlah rekap TPS lewat batas H-3 per {level}",
    "no_recap_desa": "{n} desa/kelurahan dalam filter belum memiliki rekap TPS: {names}.",
    "top_note": "Grafik menampilkan {n} {level} dengan persentase tertinggi dari {total}; semua baris ada di tabel.",
    "empty": ("Tidak ada rekap Formulir C untuk TPS di wilayah filter ini. Pilih kecamatan atau desa lain "
              "di bilah samping, atau impor rekap TPS melalui halaman Impor Data."),
    "yes": "Ya",
    "no": "Tidak",
}
FORMULIR_C_COLUMNS = {
    "provinsi_kode": "Kode provinsi",
    "provinsi": "Provinsi",
    "kabupaten_kode": "Kode kabupaten/kota",
    "kabupaten": "Kabupaten/kota",
    "kecamatan_kode": "Kode kecamatan",
    "desa_kode": "Kode desa",
    "kecamatan": "Kecamatan",
    "desa": "Desa/kelurahan",
    "tps_label": "TPS",
    "nomor_tps": "Nomor TPS",
    "tps": "Jumlah TPS",
    "dpt": "DPT",
    "delivered": "Terdistribusi",
    "delivered_pct": "Terdistribusi (% DPT)",
    "undelivered": "Tidak terdistribusi",
    "undelivered_pct": "Tidak terdistribusi (% DPT)",
    "main_reason": "Alasan terbanyak",
    "late_reports": "Rekap lewat batas H-3",
    "report_date": "Tanggal rekap",
    "late": "Lewat batas H-3",
}


def formulir_c_tps(nomor, desa: str, kecamatan: str) -> str:
    """"TPS 003 Rias (Toboali)"."""
    return f"TPS {int(nomor):03d} {desa} ({kecamatan})"


def formulir_c_desa(desa: str, kecamatan: str) -> str:
    """"Rias (Toboali)": the same wording as the filter bar."""
    return f"{desa} ({kecamatan})"


# ---------------------------------------------------------------- Peta page (pages/peta.py, charts/maps.py)
PETA = {
    "no_geometry": "Batas peta untuk wilayah ini belum tersedia (Pantau memuat batas wilayah Kabupaten "
                   "Bangka Selatan). Angka per wilayah ada di tabel di bawah.",
    "partial_geometry": ("Peta hanya menggambar {shown} dari {n} {level} dalam filter: Pantau baru memuat batas "
                         "wilayah Kabupaten Bangka Selatan. Angka semua wilayah ada di tabel di bawah."),
    "level": "Tingkat wilayah",
    "level_kecamatan": "Kecamatan",
    "level_desa": "Desa/kelurahan",
    "measure": "Warna peta menurut",
    "click_hint": ("Klik wilayah pada peta untuk memfilter seluruh dasbor ke wilayah itu "
                   "(kosongkan lewat “Atur ulang filter” di bilah samping)."),
    "credit": ("Batas wilayah: cahyadsn/wilayah_boundaries (MIT),<br>turunan data Kemendagri/BIG; "
               "bukan batas definitif."),  # two lines: one was cut on a phone
    "outside_filter": "di luar filter",
    "no_data": "tidak ada data",
    "grey_legend": "Abu-abu: di luar filter atau tanpa data",
    "table_title": "Ukuran per wilayah",
    "map_alt": "Peta {level} Kabupaten Bangka Selatan diwarnai menurut {measure}",
    "empty_measure": "Tidak ada data {measure} untuk filter ini.",
    "formulir_c_note": "Formulir C: rekap TPS hari pemungutan suara; filter tanggal dan pasangan calon tidak berlaku.",
    "ringkasan_header": "Peta cakupan pengawasan",
    "ringkasan_link": "Buka halaman Peta",
    # headline cards above the map (issue 21): the measure over the whole filter, and its worst area
    "kpi_selection": "Seluruh wilayah filter",
    "kpi_worst": "Wilayah paling perlu perhatian",
}
# measure key -> (menu label, colour-bar title with unit, hover label)
PETA_MEASURES = {
    "coverage": ("Cakupan pengawasan (%)", "Cakupan<br>pengawasan<br>(%)", "Cakupan pengawasan"),
    "unsupervised": ("Kegiatan tidak diawasi (jumlah)", "Kegiatan<br>tidak diawasi<br>(jumlah)",
                     "Kegiatan tidak diawasi"),
    "cases": ("Kasus temuan dan laporan (jumlah)", "Kasus<br>(jumlah)", "Kasus"),
    "undelivered_rate": ("Formulir C tidak terdistribusi (% DPT)", "Formulir C<br>tidak terdistribusi<br>(% DPT)",
                         "Formulir C tidak terdistribusi"),
}
PETA_COLUMNS = {
    "kode": "Kode",
    "kecamatan": "Kecamatan",
    "desa": "Desa/kelurahan",
    "activities": "Kegiatan",
    "supervised": "Diawasi",
    "unsupervised": "Tidak diawasi",
    "coverage_pct": "Cakupan (%)",
    "cases": "Kasus",
    "tps": "TPS",
    "dpt": "DPT",
    "undelivered": "Formulir C tidak terdistribusi",
    "undelivered_pct": "Tidak terdistribusi (% DPT)",
}


def peta_hover(name: str, coverage: str, supervised: str, activities: str, unsupervised: str, cases: str,
               undelivered_rate: str, undelivered: str, dpt: str) -> str:
    """Hover text of one area (all values already formatted)."""
    return (f"<b>{name}</b><br>Cakupan pengawasan: {coverage} ({supervised} dari {activities} kegiatan)"
            f"<br>Kegiatan tidak diawasi: {unsupervised}<br>Kasus: {cases}"
            f"<br>Formulir C tidak terdistribusi: {undelivered_rate} DPT ({undelivered} dari {dpt})")


# ---------------------------------------------------------------- login and access (ui/auth.py)
AUTH = {
    "username": "Nama pengguna",
    "password": "Kata sandi",
    "submit": "Masuk",
    "logout": "Keluar",
    "help": "Akun dibuat oleh admin Bawaslu Kabupaten. Lupa kata sandi? Hubungi admin.",
    "expired": "Sesi berakhir karena tidak ada aktivitas. Silakan masuk kembali.",
    "ended": ("Sesi telah berakhir (keluar dari tab lain, waktu sesi habis, atau akun dinonaktifkan). "
              "Silakan masuk kembali."),
    "refused": "Permintaan ditolak: formulir tidak sah atau kedaluwarsa. Muat ulang halaman lalu coba lagi.",
    "forbidden": "Halaman ini tidak tersedia untuk peran Anda.",
    "scope": "wilayah terbatas",
    "outside_scope": "Kecamatan {names} pada tautan di luar wilayah akun Anda dan diabaikan.",
}

# ---------------------------------------------------------------- Impor Data page (pages/impor.py)
IMPOR = {
    "caption": ("Unggah berkas Excel (.xlsx, satu lembar per dataset) atau CSV (satu berkas per dataset). "
                "Setiap berkas diperiksa lebih dulu; berkas disimpan utuh atau tidak sama sekali. "
                "Panduan: docs/PANDUAN_IMPOR.md."),
    "template": "Unduh templat kosong (.xlsx)",
    "upload": "Berkas laporan",
    "upload_help": "Boleh beberapa berkas sekaligus. Berkas Excel diproses lebih dulu, lalu CSV pemilihan, "
                   "paslon, tps, kegiatan, pengawasan, pelanggaran, formulir_c. Ukuran maksimum {mb} MB per berkas.",
    "reference": "Unduh data acuan Pilkada 2024 Bangka Selatan (.xlsx)",
    "reference_help": "Pemilihan gubernur dan bupati 2024 beserta pasangan calonnya. Basis data baru diisi "
                      "berurutan: pemilihan, paslon, tps, lalu laporan.",
    "checking": "Memeriksa {name}",
    "ok": "{name}: lolos pemeriksaan.",
    "rejected": "{name}: ditolak, {n} masalah. Perbaiki berkas lalu unggah ulang; tidak ada yang disimpan.",
    "preview": "Pratinjau: baris baru / berubah / sama per dataset",
    "changed_rows": "Baris yang akan ditambah atau diubah ({n})",
    "problems": "Masalah",
    "download_problems": "Unduh daftar masalah (CSV)",
    "warnings": "Peringatan ({n})",
    "save": "Simpan ke basis data",
    "blocked": "Simpan tidak tersedia: masih ada berkas yang ditolak. Hapus atau perbaiki berkas itu.",
    "nothing": "Tidak ada perubahan: semua baris sudah sama dengan basis data.",
    "saved": "{name}: tersimpan ({summary}).",
    "save_failed": "{name}: tidak disimpan.",
    "recent": "Impor terakhir",
    "recent_empty": "Belum ada impor.",
    "recent_columns": {"waktu_utc": "Waktu (WIB)", "pengguna": "Pengguna", "berkas": "Berkas", "hasil": "Hasil",
                       "baris": "Baris per dataset", "masalah": "Masalah", "sha256": "SHA-256"},
    "columns": {"berkas": "Berkas", "dataset": "Dataset", "baru": "Baru", "berubah": "Berubah", "sama": "Sama",
                "baris": "Baris", "kunci": "Kunci", "perubahan": "Perubahan", "kolom_berubah": "Kolom berubah",
                "lembar": "Lembar/berkas", "kolom": "Kolom", "masalah": "Masalah", "tingkat": "Tingkat"},
}


# ---------------------------------------------------------------- admin page (pages/pengguna.py)
PAGES["pengguna"] = "Pengguna & Audit"
ADMIN = {
    "intro": ("Akun dibuat, dinonaktifkan dan diatur ulang kata sandinya melalui baris perintah "
              "`python -m data_access users`. Log audit mencatat masuk, impor dan unduhan beserta filternya."),
    "accounts": "Akun",
    "audit": "Log audit",
    "audit_empty": "Belum ada catatan audit.",
    "account_columns": {"username": "Nama pengguna", "full_name": "Nama", "role": "Peran",
                        "kecamatan_scope": "Batas kecamatan", "active": "Status", "created_at": "Dibuat",
                        "last_login_at": "Terakhir masuk"},
    "audit_columns": {"at": "Waktu", "username": "Pengguna", "action": "Kegiatan", "detail": "Rincian"},
    "actions": {"login": "Masuk", "login_gagal": "Gagal masuk", "logout": "Keluar", "impor": "Impor",
                "ekspor": "Unduh", "pengguna": "Ubah akun"},
    "failed": "Gagal masuk",
    "failed_intro": ("Satu baris per akun dan {minutes} menit, dengan jumlah percobaan. Nama yang bukan akun "
                     "dicatat sebagai “(tidak dikenal)”: yang diketik bisa saja kata sandi."),
    "failed_empty": "Belum ada percobaan masuk yang gagal.",
    "failed_columns": {"at": "Mulai", "username": "Pengguna", "repeat_count": "Jumlah percobaan"},
    "active_labels": {True: "Aktif", False: "Nonaktif"},
}

# Tren Pelanggaran's weekly chart reaching through the quiet period (issue 18; pages/pelanggaran.py)
PELANGGARAN_QUIET = ("Grafik mingguan berlanjut sampai akhir masa tenang ({end}) walaupun rentang tanggal berakhir "
                     "{range_end}: kampanye di luar jadwal pada masa tenang tetap terlihat. Kartu dan tabel mengikuti "
                     "rentang tanggal.")

# ---------------------------------------------------------------- "kegiatan di masa tenang" (ui/quiet_period.py;
# Cakupan and Ringkasan, issue 18)
MASA_TENANG = {
    "label": "Kegiatan di masa tenang",
    "help": ("Kegiatan kampanye yang ditemukan pada masa tenang pemilihan yang dipilih. Pada masa tenang tidak boleh "
             "ada kampanye: setiap kegiatan di sini adalah dugaan kampanye di luar jadwal yang harus diawasi dan "
             "ditindaklanjuti. Dihitung apa pun rentang tanggal filter; filter wilayah, pemilihan dan pasangan calon "
             "berlaku. Cakupan pengawasan menghitung kegiatan di dalam rentang tanggal, jadi kegiatan ini ikut "
             "dihitung bila rentang tanggal mencakup masa tenang."),
    "note": "{supervised} diawasi · masa tenang {period}",
    "outside_coverage": "Di luar rentang tanggal: tidak termasuk cakupan.",
    "inside_coverage": "Dalam rentang tanggal: termasuk cakupan.",
    "partly_coverage": "{n} dalam rentang tanggal: termasuk cakupan.",
    "explain": ("Pada masa tenang tidak boleh ada kampanye: setiap kegiatan yang ditemukan adalah dugaan kampanye di "
                "luar jadwal. Daftarnya, dengan ada tidaknya LHP, ada di Kualitas Data (tab Tanggal); kasusnya di Tren "
                "Pelanggaran (jenis dugaan: kampanye di luar jadwal)."),
    "link": "Lihat kegiatan di masa tenang",
}

# ---------------------------------------------------------------- Kualitas Data page (pages/kualitas.py,
# ui/quality.py, charts/quality.py) and its block on Ringkasan
KUALITAS = {
    "intro": ("Pemeriksaan otomatis atas data yang diimpor. Setiap baris bermasalah dicantumkan dengan kuncinya "
              "(kode kegiatan, nomor LHP, nomor kasus, desa + nomor TPS) agar operator dapat memperbaikinya "
              "melalui impor ulang. Ambang batas diatur di config/pantau.toml."),
    "reference": ("**Hari acuan: {day}.** Lama waktu (kegiatan tanpa LHP, kasus tertahan) dihitung sampai hari "
                  "data terakhir ditulis (“Data per” di atas), bukan sampai hari ini, agar data lama tidak tampak "
                  "memburuk hanya karena waktu berlalu. Hari yang sama dipakai untuk tenggat penanganan kasus."),
    "no_data": "Basis data belum berisi data bertanggal; belum ada yang dapat diperiksa.",
    "kpi_reference": "Hari acuan",
    "kpi_issues": "Temuan kualitas data",
    "kpi_issues_help": "Jumlah temuan semua pemeriksaan (satu baris dapat muncul pada lebih dari satu pemeriksaan).",
    "kpi_checks": "Pemeriksaan dengan temuan",
    "kpi_checks_value": "{n} dari {total}",
    "kpi_score": "Skor kualitas",
    "kpi_score_help": "Bagian baris data tanpa temuan apa pun, seluruh wilayah pada filter ini.",
    "score_header": "Skor Kualitas per Kecamatan",
    "score_table": "Tabel skor per kecamatan",
    "score_definition": ("Skor = baris tanpa temuan ÷ seluruh baris yang diperiksa. Baris = kegiatan, LHP, kasus, "
                         "rekap Formulir C per TPS dan desa/kelurahan pada filter ini, menurut desanya; baris dengan "
                         "beberapa temuan dihitung sekali."),
    "overview_header": "Ringkasan Pemeriksaan",
    "tabs": ["Kegiatan & LHP", "Kasus", "Formulir C", "Desa", "Duplikat ejaan"],
    "threshold": "Ambang batas: {text}",
    "none": "Tidak ada temuan.",
    "count": "{n} {unit}",
    "delay_header": "Sebaran selang pelaporan LHP",
    "worst_header": "LHP paling terlambat",
    "chart_x_delay": "Selang tanggal lapor − tanggal kegiatan (hari)",
    "chart_y_reports": "Jumlah LHP",
    "chart_limit": "batas {n} hari",
    "hover_delay": "Selang %{x} hari<br>%{y:,d} LHP<extra></extra>",
    "chart_x_score": "Skor kualitas (%)",
    "hover_score": ("%{y}<br>Skor %{customdata[0]}<br>%{customdata[1]} dari %{customdata[2]} baris "
                    "bermasalah<extra></extra>"),
    "alt_delay": "Diagram batang jumlah LHP menurut selang hari antara kegiatan dan pelaporan.",
    "alt_score": "Diagram batang skor kualitas data per kecamatan.",
    "file_overview": "ringkasan-kualitas-data",
    "file_scores": "skor-kualitas-kecamatan",
    "ringkasan_header": "Kualitas Data",
    "ringkasan_caption": ("Seberapa jauh angka di halaman ini dapat dipercaya. Rincian dan baris yang perlu "
                          "diperbaiki: halaman Kualitas Data."),
    "ringkasan_link": "Buka Kualitas Data",
    "ringkasan_upper": ("Skor kualitas per kecamatan ditampilkan di sini setelah satu kabupaten/kota dipilih. "
                        "Untuk wilayah yang lebih luas, buka halaman Kualitas Data."),
    "any_status": "status terbuka",
}
# Per check: title, unit of its count, rule (with its threshold) and the threshold in short.
KUALITAS_CHECKS = {
    "missing_report": {
        "title": "Kegiatan tanpa LHP", "unit": "kegiatan",
        "rule": ("Kegiatan kampanye yang belum memiliki Laporan Hasil Pengawasan (LHP) {n} hari atau lebih setelah "
                 "berlangsung, dihitung sampai hari acuan."),
        "threshold": "tanpa LHP ≥ {n} hari setelah kegiatan"},
    "late_report": {
        "title": "LHP terlambat dilaporkan", "unit": "LHP",
        "rule": ("LHP yang diterima Bawaslu Kabupaten (tanggal lapor) lebih dari {n} hari setelah kegiatan yang "
                 "diawasinya (tanggal kegiatan; LHP tanpa kegiatan, mis. pencegahan: tanggal pengawasan). LHP "
                 "tanpa tanggal lapor tidak dinilai."),
        "threshold": "tanggal lapor − tanggal kegiatan > {n} hari"},
    "report_outside_period": {
        "title": "LHP bertanggal di luar masa tahapan", "unit": "LHP",
        "rule": ("LHP atas kegiatan kampanye yang bertanggal di luar masa kampanye dan masa tenang pemilihannya; LHP "
                 "tanpa kegiatan (mis. pencegahan) yang bertanggal di luar rentang awal kampanye sampai hari "
                 "pemungutan suara pemilihan mana pun."),
        "why": "Pengawasan tidak mungkin terjadi di luar masa tahapan: tanggalnya salah ketik atau LHP tertukar.",
        "threshold": "masa kampanye + masa tenang (LHP kegiatan); awal kampanye – hari pemungutan suara (LHP lain)"},
    "report_desa_mismatch": {
        "title": "Desa LHP berbeda dengan desa kegiatan", "unit": "LHP",
        "rule": "LHP yang mencatat desa/kelurahan lain daripada desa kegiatan yang diawasinya.",
        "threshold": "desa LHP = desa kegiatan"},
    "report_conflict": {
        "title": "LHP saling bertentangan", "unit": "kegiatan",
        "rule": ("Kegiatan dengan dua LHP atau lebih yang berbeda pada isian dugaan pelanggaran (satu menyatakan ada, "
                 "yang lain tidak). Jumlah = kegiatan; tabel memuat semua LHP kegiatan itu."),
        "threshold": "semua LHP satu kegiatan sepakat"},
    "case_stuck": {
        "title": "Kasus tertahan pada satu status", "unit": "kasus",
        "rule": ("Kasus yang status terakhirnya masih terbuka dan sudah berlangsung lebih lama dari batas status itu, "
                 "dihitung sampai hari acuan."),
        "threshold": "{limits}"},
    "fc_rate_high": {
        "title": "Formulir C: tidak terdistribusi terlalu tinggi", "unit": "TPS",
        "rule": "Rekap TPS yang formulirnya tidak terdistribusi lebih dari {pct} DPT.",
        "threshold": "tidak terdistribusi > {pct} DPT"},
    "fc_zero_large": {
        "title": "Formulir C: 0% pada TPS besar", "unit": "TPS",
        "rule": ("Rekap TPS dengan DPT {n} atau lebih yang menyatakan semua formulir "
                 "terdistribusi (0 tidak terdistribusi)."),
        "threshold": "0 tidak terdistribusi pada DPT ≥ {n}"},
    "fc_dpt_over": {
        "title": "Formulir C: DPT melebihi batas per TPS", "unit": "TPS",
        "rule": "Rekap TPS dengan DPT lebih dari {n} pemilih (batas pemilih per TPS Pilkada 2024).",
        "threshold": "DPT > {n}"},
    "desa_no_tps": {
        "title": "Desa tanpa data TPS", "unit": "desa",
        "rule": ("Desa/kelurahan tanpa rekap Formulir C untuk satu TPS pun pada hari pemungutan suara yang "
                 "ditampilkan."),
        "threshold": "sedikitnya 1 TPS per desa"},
    "desa_quiet": {
        "title": "Desa pernah sepi LHP", "unit": "desa",
        "rule": ("Desa/kelurahan yang {n} hari berturut-turut atau lebih tanpa LHP apa pun (kegiatan maupun "
                 "pencegahan) dalam {window}: masa kampanye, dibatasi filter tanggal dan hari acuan. Hari sebelum "
                 "LHP pertama dan sesudah LHP terakhir ikut dihitung. Jumlah = desa; tabel memuat setiap masa sepi."),
        "threshold": "≥ {n} hari berturut-turut tanpa LHP"},
    "duplicate_activity": {
        "title": "Kegiatan ganda (beda ejaan lokasi)", "unit": "kelompok",
        "rule": ("Kegiatan dengan tanggal, pasangan calon, desa dan jam mulai yang sama yang lokasinya hanya berbeda "
                 "huruf besar/kecil, spasi atau tanda baca. Jumlah = kelompok; tabel memuat semua kegiatan "
                 "kelompok itu."),
        "threshold": "lokasi sama setelah dinormalkan"},
    "name_spelling": {
        "title": "Nama pengawas beda ejaan", "unit": "LHP",
        "rule": ("LHP dalam satu desa yang nama pengawasnya sama tetapi ditulis berbeda (huruf besar/kecil, spasi, "
                 "tanda baca). Dicantumkan LHP dengan ejaan yang lebih jarang dipakai; nama tidak ditampilkan "
                 "karena data pribadi."),
        "threshold": "satu ejaan per pengawas"},
    # date relations (issue 18); "why": one line on why the check matters
    "report_activity_gap": {
        "title": "Tanggal LHP jauh dari tanggal kegiatan", "unit": "LHP",
        "rule": ("LHP yang tanggal pengawasannya lebih dari {n} hari sesudah tanggal kegiatan yang diawasinya, atau "
                 "sebelum kegiatan itu."),
        "why": ("Pengawasan melekat berarti pengawas hadir saat kegiatan berlangsung: LHP bertanggal jauh sesudahnya "
                "salah ketik atau melaporkan kegiatan yang tidak diawasi, dan cakupan menjadi terlalu tinggi."),
        "threshold": "tanggal LHP − tanggal kegiatan antara 0 dan {n} hari"},
    "report_without_activity": {
        "title": "LHP tanpa kegiatan pada hari tanpa kegiatan", "unit": "LHP",
        "rule": ("LHP yang tidak menyebut kegiatan, bertanggal pada hari ketika desanya tidak memiliki kegiatan "
                 "kampanye sama sekali."),
        "why": ("Bila setiap LHP seharusnya menyebut kegiatannya, LHP seperti ini menunjukkan kode kegiatan yang "
                "terlupa atau tanggal yang salah."),
        "threshold": "LHP tanpa kegiatan hanya pada hari desanya berkegiatan",
        "disabled": ("Pemeriksaan ini tidak aktif: patroli pencegahan sah tanpa kegiatan. Aktifkan dengan "
                     "lhp_without_activity_check = true di config/pantau.toml bila setiap LHP harus menyebut "
                     "kegiatannya.")},
    "case_outside_period": {
        "title": "Kasus dengan tanggal kejadian di luar masa tahapan", "unit": "kasus",
        "rule": ("Kasus yang tanggal kejadiannya di luar rentang awal masa kampanye sampai hari pemungutan suara "
                 "pemilihannya (kasus tanpa pemilihan: di luar rentang pemilihan mana pun). Kasus tetap disimpan."),
        "why": ("Kejadian sebelum kampanye atau sesudah pemungutan suara bisa sah, tetapi lebih sering salah tahun "
                "atau salah bulan; periksa sebelum tenggat dan rekap dipercaya."),
        "threshold": "awal kampanye ≤ tanggal kejadian ≤ hari pemungutan suara"},
    "fc_report_after_voting": {
        "title": "Formulir C: rekap sesudah hari pemungutan suara", "unit": "TPS",
        "rule": "Rekap TPS yang tanggal rekapnya sesudah hari pemungutan suara TPS itu.",
        "why": ("Formulir C dibagikan paling lambat H-3; rekap bertanggal sesudah hari pemungutan suara salah ketik "
                "dan membuat rekap tepat waktu keliru."),
        "threshold": "tanggal rekap ≤ hari pemungutan suara"},
    "activity_outside_campaign": {
        "title": "Kegiatan di luar masa kampanye", "unit": "kegiatan",
        "rule": ("Kegiatan yang bertanggal di luar masa kampanye pemilihannya: pada masa tenang, pada atau sesudah "
                 "hari pemungutan suara, atau sebelum masa kampanye."),
        "why": ("Kampanye pada masa tenang adalah pelanggaran tersendiri (kampanye di luar jadwal): pastikan "
                "tanggalnya benar dan ada LHP serta tindak lanjutnya. Sesudah hari pemungutan suara: salah ketik."),
        "threshold": "tanggal kegiatan dalam masa kampanye"},
}
# Where a date-relation row lies (ui/quality.py, column "masa").
KUALITAS_MASA = {"masa_tenang": "Masa tenang", "hari_pemungutan": "Hari pemungutan suara",
                 "sesudah_pemungutan": "Sesudah pemungutan suara", "sebelum_kampanye": "Sebelum masa kampanye",
                 "sesudah_kampanye": "Sesudah masa kampanye"}
KUALITAS_DATES = {
    "tab": "Tanggal",
    "note": ("Pemeriksaan tanggal melihat semua tanggal, tidak dibatasi filter tanggal (yang bawaannya masa "
             "kampanye), agar baris di luar masa tahapan tetap terlihat; filter wilayah, pemilihan dan pasangan "
             "calon tetap berlaku."),
    "why": "Mengapa penting: {text}",
}
KUALITAS_COLUMNS = {
    "check": "Pemeriksaan", "threshold": "Ambang batas", "issues": "Jumlah temuan",
    "kode": "Kode kegiatan", "kode_kegiatan": "Kode kegiatan", "nomor_lhp": "Nomor LHP", "nomor": "Nomor kasus",
    "tanggal": "Tanggal", "days_since": "Hari tanpa LHP", "paslon": "Pasangan calon", "metode": "Metode",
    "kecamatan_kode": "Kode kecamatan", "kecamatan": "Kecamatan", "desa_kode": "Kode desa", "desa": "Desa/kelurahan",
    "lokasi": "Lokasi", "filed_on": "Tanggal lapor", "delay_days": "Selang (hari)", "jabatan": "Jabatan",
    "tanggal_kegiatan": "Tanggal kegiatan",
    "period_start": "Awal masa kampanye", "period_end": "Akhir masa kampanye", "bentuk": "Bentuk",
    "activity_desa_kode": "Kode desa kegiatan", "activity_desa": "Desa kegiatan",
    "dugaan_pelanggaran": "Dugaan pelanggaran", "sumber": "Sumber", "jenis_dugaan": "Jenis dugaan",
    "tanggal_diterima": "Tanggal diterima", "status": "Status", "status_date": "Sejak", "days_in_status": "Lama (hari)",
    "max_days": "Batas (hari)", "nomor_tps": "Nomor TPS", "dpt": "DPT", "delivered": "Terdistribusi",
    "undelivered": "Tidak terdistribusi", "undelivered_rate": "Tidak terdistribusi (%)", "report_date": "Tanggal rekap",
    "spell_start": "Sepi sejak", "spell_end": "Sepi sampai", "quiet_days": "Lama sepi (hari)",
    "jam_mulai": "Jam mulai", "group": "Kelompok", "majority_reports": "LHP dengan ejaan umum",
    "rows": "Baris diperiksa", "flagged": "Baris bermasalah", "score": "Skor kualitas",
    "masa_awal": "Awal masa yang sah", "masa_akhir": "Akhir masa yang sah", "days_outside": "Hari di luar masa",
    "gap_days": "Selang (hari)", "nearest_activity": "Kegiatan terakhir di desa",
    "tanggal_kejadian": "Tanggal kejadian", "voting_day": "Hari pemungutan suara", "days_after": "Hari sesudahnya",
    "masa": "Masa", "supervised": "Ada LHP",
}


def kualitas_threshold(check_id: str, th) -> str:
    """The threshold of one check in words, from ``metrics.quality.Thresholds``."""
    text = KUALITAS_CHECKS[check_id]["threshold"]
    limits = "; ".join(f"{CASE_STATUSES.get(s, s)} > {fmt_int(n)} hari" for s, n in th.status_max_days)
    return text.format(n=_kualitas_n(check_id, th), pct=fmt_pct(th.implausible_rate, 0), limits=limits)


def _kualitas_n(check_id: str, th) -> str:
    n = {"missing_report": th.missing_after_days, "late_report": th.late_after_days,
         "fc_zero_large": th.zero_min_dpt, "fc_dpt_over": th.max_dpt, "desa_quiet": th.quiet_days,
         "report_activity_gap": th.lhp_after_activity_days}.get(check_id)
    return "" if n is None else fmt_int(n)


def kualitas_rule(check_id: str, th, window=None) -> str:
    """The rule of one check in a sentence, with its threshold (and, for quiet desa, its window)."""
    span = fmt_range(*window) if window else "masa kampanye"
    return KUALITAS_CHECKS[check_id]["rule"].format(n=_kualitas_n(check_id, th), pct=fmt_pct(th.implausible_rate, 0),
                                                    window=span)

# ---------------------------------------------------------------- live view and briefing mode
# (ui/live.py, ui/briefing.py, the header stamp in ui/components.page_header)
BRIEFING = {
    "toggle": "Mode briefing",
    "help": ("Tampilan rapat untuk proyektor: huruf besar, panel samping diciutkan, tanpa nama orang. "
             "Filter tetap berlaku. Tautan dengan ?mode=briefing membuka langsung mode ini."),
    "refreshed": "diperbarui {time}",
}


def chart_stamp(filters: str, data_stamp: str, demo: bool = False) -> str:
    """The stamp written into every chart and its PNG, on two lines so that a chart a third of the
    page wide holds it: "Data contoh · <filters>" / "Data per ... WIB · Pantau"."""
    return " · ".join(([DEMO_BADGE] if demo else []) + [filters]) + "<br>" + f"{data_stamp} · {APP_TITLE}"


# ---------------------------------------------------------------- briefing PDF ("Unduh Bahan Briefing")
# (reports/briefing_data.py, reports/briefing_pdf.py, ui/export.py)
BRIEFING_PDF = {
    "button": "Unduh Bahan Briefing",
    "button_help": ("Satu berkas PDF untuk rapat sesuai filter yang aktif: angka utama, grafik utama setiap halaman "
                    "dan tabel teratas, tanpa nama orang. Pembuatannya memerlukan beberapa detik."),
    "file_name": "bahan-briefing_{slug}.pdf",
    "audit_what": "Bahan Briefing",
    "title": "Bahan Briefing Pengawasan Kampanye",
    "subtitle": "Bawaslu Kabupaten Bangka Selatan · Pilkada Serentak",
    "filters": "Filter",
    "generated": "Dibuat {time}",
    "no_personal": "Tanpa data pribadi: nama pengawas, pelapor dan terlapor tidak dimuat.",
    "page": "Halaman {page} dari {pages}",
    "contents": "Isi",
    "charts_missing": ("Grafik tidak dapat digambar: server tidak memiliki peramban (Chromium) untuk membuat gambar "
                       "grafik. Angka dan tabel dalam dokumen ini tetap lengkap."),
    "chart_missing": "Grafik “{title}” tidak dapat digambar di server ini.",
    "top_rows": "Ditampilkan {n} teratas dari {total}; daftar lengkap ada di dasbor (Unduh CSV/Excel).",
    "map_title": "Peta Cakupan per Kecamatan",
    "unsupervised_title": "Kegiatan Tanpa LHP",
    "overdue_title": "Kasus Lewat Batas Waktu",
    "area_table_note": "Diurutkan dari persentase tidak terdistribusi tertinggi.",
    "attention": "Perlu Perhatian",
}


# ---------------------------------------------------------------- a new office's database (ui/empty_states.py)
REFERENCE_WORKBOOK = "assets/referensi/pilkada_2024_bangka_selatan.xlsx"
SETUP = {
    "no_election_title": "Belum ada pemilihan di basis data",
    "no_election_importer": (
        "Pantau baru berisi daftar wilayah. Angka halaman ini muncul setelah pemilihan, pasangan calon, dan TPS "
        "dicatat. Impor buku kerja referensi **`{workbook}`** (pemilihan, pasangan calon, dan kalender Pilkada "
        "2024) melalui halaman **Impor Data**, lalu daftar TPS dan laporan pertama. Urutannya ada di "
        "docs/PANDUAN_IMPOR.md."),
    "no_election_reader": (
        "Pantau baru berisi daftar wilayah: belum ada pemilihan, pasangan calon, maupun laporan. Angka halaman ini "
        "muncul setelah admin atau operator mengimpor data referensi dan laporan pertama. Hubungi admin Pantau "
        "di kantor Anda."),
    "import_link": "Buka Impor Data",
    "no_reports_title": "Belum ada laporan",
    "no_reports_importer": (
        "**Belum ada laporan** {what} di basis data untuk wilayah Anda: pemilihan sudah tercatat, tetapi laporan "
        "pertama belum diimpor. Angka dan grafik muncul setelah operator mengimpor laporan melalui halaman "
        "Impor Data."),
    "no_reports_reader": (
        "**Belum ada laporan** {what} di basis data untuk wilayah Anda: pemilihan sudah tercatat, tetapi laporan "
        "pertama belum diimpor oleh operator. Angka dan grafik muncul di sini setelahnya."),
    "kinds": {"activities": "kegiatan kampanye", "reports": "Laporan Hasil Pengawasan (LHP)",
              "cases": "kasus (temuan atau laporan)", "formulir_c": "rekap Formulir C"},
    "cards": {"activities": "Kegiatan kampanye", "reports": "Laporan Hasil Pengawasan", "cases": "Kasus pelanggaran",
              "formulir_c": "Rekap Formulir C (TPS)"},
    "card_note": "belum ada laporan",
}


def kinds_text(kinds) -> str:
    """"kegiatan kampanye, LHP, dan kasus" for the report kinds a notice is about."""
    names = [SETUP["kinds"][k] for k in kinds]
    return (names[0] if len(names) == 1
            else ", ".join(names[:-1]) + (", dan " if len(names) > 2 else " dan ") + names[-1])

# --------------------------------------------------------------- Formulir C: TPS not reported yet (pages/formulir_c.py)
FORMULIR_C_COLUMNS["tps_not_reported"] = "TPS belum melapor"
FORMULIR_C_COLUMNS["dpt_not_reported"] = "DPT TPS belum melapor"
FORMULIR_C.update({
    "missing_header": "TPS Belum Melapor",
    "missing_intro": ("TPS dalam daftar TPS yang belum menyerahkan rekap Formulir C. Persentase di halaman ini "
                      "dihitung atas DPT TPS yang sudah melapor saja; DPT TPS yang belum melapor ditampilkan "
                      "terpisah dan tidak dicampurkan ke dalam persentase."),
    "days_left": "Batas penyampaian H-3 **{deadline}**: **{days} hari lagi**.",
    "days_left_today": "Batas penyampaian H-3 adalah **hari ini**, {deadline}.",
    "kpi_missing": "TPS belum melapor",
    "kpi_missing_note": "dari {total} TPS dalam daftar",
    "kpi_missing_help": ("TPS hari pemungutan suara ini yang ada dalam daftar TPS tetapi belum "
                         "memiliki rekap Formulir C."),
    "kpi_missing_dpt": "DPT TPS belum melapor",
    "kpi_missing_dpt_note": "tidak dihitung dalam persentase",
    "kpi_reported_share": "TPS sudah melapor",
    "kpi_reported_share_note": "{reported} dari {total} TPS",
    "missing_table": "TPS belum melapor per {level}",
    "missing_list": "Daftar TPS belum melapor",
    "missing_none": "Semua {total} TPS dalam daftar sudah menyerahkan rekap Formulir C.",
    "no_recap_yet": ("Belum ada rekap Formulir C yang masuk: persentase penyampaian muncul setelah rekap pertama "
                     "diimpor."),
    "note_dpt_missing": "di {tps} TPS melapor; {missing} TPS belum melapor (DPT {dpt}) tidak dihitung",
})
RINGKASAN.update({
    "formulir_c_not_reported": "{n} TPS belum melapor (DPT {dpt}, tidak dihitung)",
    "formulir_c_none_reported": "Belum ada rekap; {n} TPS belum melapor (DPT {dpt})",
})
