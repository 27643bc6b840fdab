"""Controlled vocabularies of the reports database: code -> official Indonesian wording.

The codes are the enumerations of the operator import format (templates/IMPORT_SPEC.md) and the
values stored in the database; the wording is what operators may also type and what the UI shows.
Kept free of Streamlit so the schema, importer and pages share one source.
"""
from __future__ import annotations

ELECTION_KINDS = {
    "bupati": "Pemilihan Bupati dan Wakil Bupati",
    "gubernur": "Pemilihan Gubernur dan Wakil Gubernur",
    "walikota": "Pemilihan Wali Kota dan Wakil Wali Kota",
}

METODE = {
    "pertemuan_terbatas": "Pertemuan terbatas",
    "tatap_muka_dialog": "Pertemuan tatap muka dan dialog",
    "debat_publik": "Debat publik",
    "penyebaran_bahan_kampanye": "Penyebaran bahan kampanye",
    "pemasangan_apk": "Pemasangan alat peraga kampanye",
    "iklan_media": "Iklan media massa",
    "rapat_umum": "Rapat umum",
    "media_sosial": "Media sosial",
    "kegiatan_lain": "Kegiatan lain",
}

ACTIVITY_SOURCES = {
    "sttp": "Pemberitahuan kepolisian (STTP)",
    "jadwal_kpu": "Jadwal KPU",
    "temuan_lapangan": "Temuan lapangan (berbau kampanye, tanpa pemberitahuan)",
}

JABATAN = {
    "panwascam": "Panwaslu Kecamatan",
    "pkd": "Panwaslu Kelurahan/Desa",
    "ptps": "Pengawas TPS",
    "bawaslu_kabupaten": "Bawaslu Kabupaten",
}

BENTUK_PENGAWASAN = {
    "langsung": "Pengawasan langsung",
    "pencegahan": "Pencegahan",
    "investigasi": "Investigasi",
}

CASE_SOURCES = {"temuan": "Temuan", "laporan": "Laporan"}

JENIS_DUGAAN = {
    "netralitas_asn": "Netralitas ASN",
    "netralitas_kades": "Netralitas kepala desa/perangkat desa",
    "netralitas_penyelenggara_adhoc": "Netralitas penyelenggara ad hoc",
    "politik_uang": "Politik uang",
    "apk": "Alat peraga kampanye",
    "fasilitas_pemerintah": "Penggunaan fasilitas pemerintah",
    "tempat_ibadah_pendidikan": "Kampanye di tempat ibadah/pendidikan",
    "kampanye_hitam_sara_hoaks": "Kampanye hitam, SARA, hoaks",
    "tanpa_sttp_tidak_sesuai_sttp": "Tanpa STTP / tidak sesuai STTP",
    "di_luar_jadwal": "Kampanye di luar jadwal",
    "pawai": "Pawai",
    "melibatkan_anak": "Melibatkan anak",
    "lainnya": "Lainnya",
}

# Case statuses in the order a case moves through them (Perbawaslu 8/2020 as amended).
CASE_STATUSES = {
    "diterima": "Diterima",
    "kajian_awal": "Kajian awal",
    "tidak_diregistrasi": "Tidak diregistrasi",
    "diregistrasi": "Diregistrasi",
    "klarifikasi": "Klarifikasi",
    "kajian": "Kajian",
    "diteruskan_kpu": "Diteruskan ke KPU",
    "diteruskan_gakkumdu": "Diteruskan ke Sentra Gakkumdu",
    "diteruskan_dkpp": "Diteruskan ke DKPP",
    "diteruskan_instansi_lain": "Diteruskan ke instansi lain",
    "bukan_pelanggaran": "Bukan pelanggaran",
    "dihentikan": "Dihentikan",
}
# A case in one of these statuses has been decided: the handling deadline no longer runs.
DECIDED_STATUSES = (
    "tidak_diregistrasi",
    "diteruskan_kpu",
    "diteruskan_gakkumdu",
    "diteruskan_dkpp",
    "diteruskan_instansi_lain",
    "bukan_pelanggaran",
    "dihentikan",
)
OPEN_STATUSES = tuple(s for s in CASE_STATUSES if s not in DECIDED_STATUSES)

KATEGORI_PELANGGARAN = {
    "administrasi": "Pelanggaran administrasi pemilihan",
    "kode_etik": "Pelanggaran kode etik",
    "pidana": "Tindak pidana pemilihan",
    "peraturan_lainnya": "Pelanggaran peraturan perundang-undangan lainnya",
    "bukan_pelanggaran": "Bukan pelanggaran",
}

# Official reasons a Formulir Model C.Pemberitahuan-KWK was not delivered (KPPS guide).
UNDELIVERED_REASONS = {
    "tidak_dikenal": "Pemilih tidak dikenal",
    "tidak_di_tempat": "Tidak berada di tempat dan tidak ada keluarga/orang terpercaya",
    "meninggal_dunia": "Pemilih meninggal dunia",
    "pindah_domisili": "Pemilih pindah alamat domisili",
    "pindah_memilih": "Pemilih pindah memilih",
    "lainnya": "Lainnya",
}

AREA_KINDS = {"desa": "Desa", "kelurahan": "Kelurahan"}
