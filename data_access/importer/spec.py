"""The datasets of the import format (IMPORT_SPEC.md) as data: columns, whether required, parser,
and the README text the blank template shows for each column."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from data_access import vocab
from data_access.importer import values as v
from texts import importer as msg

AREA_COLUMNS = ("kecamatan", "desa", "kode_wilayah")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    parse: Callable | None  # None: area columns (resolved together)
    help: str
    vocabulary: dict[str, str] | None = None
    kind: str = "text"  # text, date, time, whole, yes_no, enum, area


def _enum(name, required, vocabulary, help_text):
    return Column(name, required, v.enum_parser(vocabulary), help_text, vocabulary, "enum")


def _text(name, required, help_text, max_length=None):
    return Column(name, required, partial(v.parse_text, max_length=max_length), help_text)


def _date(name, required, help_text):
    return Column(name, required, v.parse_date, help_text, kind="date")


def _whole(name, required, help_text):
    return Column(name, required, v.parse_whole, help_text, kind="whole")


AREA_HELP = {
    "kecamatan": "Nama kecamatan (mis. Toboali, Air Gegas, Lepar Pongok). Wajib, kecuali kode_wilayah diisi.",
    "desa": "Nama desa/kelurahan di kecamatan tersebut. Wajib, kecuali kode_wilayah diisi.",
    "kode_wilayah": "Boleh menggantikan kecamatan dan desa: kode Kemendagri desa, mis. 19.03.01.2004.",
}
AREA = [Column(name, False, None, AREA_HELP[name], kind="area") for name in AREA_COLUMNS]
PEMILIHAN_HELP = ("Pemilihan: kode pemilihan (mis. bupati-2024), atau jenisnya (bupati, gubernur, walikota): "
                  "jenis berarti satu-satunya pemilihan jenis itu yang meliputi desa baris ini pada tanggalnya.")
REASON_WORDING = vocab.UNDELIVERED_REASONS


def _election(name, required, help_text):
    """An election named by its ``kode`` or its ``jenis`` (resolved against the database later)."""
    return Column(name, required, v.parse_election_ref, help_text, vocab.ELECTION_KINDS, "enum")


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    columns: list[Column] = field(default_factory=list)

    @property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def has_area(self) -> bool:
        """Whether rows name a desa (kecamatan + desa, or kode_wilayah of a desa)."""
        return any(c.kind == "area" for c in self.columns)


PEMILIHAN = Dataset("pemilihan", "Pemilihan dan jadwal tahapannya (data acuan, diimpor sekali per pemilihan)", [
    _text("kode", True, "Kode unik pemilihan, mis. bupati-2024. Kunci: baris dengan kode yang sama di berkas "
          "berikutnya mengoreksi pemilihan ini.", 40),
    _enum("jenis", True, vocab.ELECTION_KINDS, "Jenis pemilihan."),
    _text("nama", True, "Nama resmi, mis. Pemilihan Bupati dan Wakil Bupati Bangka Selatan 2024.", 200),
    _text("kode_wilayah", True, "Kode Kemendagri wilayah yang memilih: provinsi (19) untuk gubernur, "
          "kabupaten/kota (19.03) untuk bupati/wali kota.", 100),
    _date("kampanye_mulai", True, "Hari pertama masa kampanye."),
    _date("kampanye_selesai", True, "Hari terakhir masa kampanye; tidak sebelum kampanye_mulai."),
    _date("masa_tenang_mulai", True, "Hari pertama masa tenang; sesudah kampanye_selesai."),
    _date("masa_tenang_selesai", True, "Hari terakhir masa tenang; tidak sebelum masa_tenang_mulai."),
    _date("hari_pemungutan", True, "Hari pemungutan suara; sesudah masa tenang."),
    _date("batas_formulir_c", True, "Batas penyampaian Formulir Model C.Pemberitahuan oleh KPPS (H-3); "
          "tidak sesudah hari pemungutan."),
])

PASLON = Dataset("paslon", "Pasangan calon, dan kolom kosong pada pemilihan dengan satu pasangan calon", [
    _text("pemilihan", True, "Kode pemilihan (mis. bupati-2024), dari basis data atau lembar pemilihan "
          "berkas yang sama.", 40),
    _whole("nomor_urut", True, "Nomor urut, mulai 1; unik dalam satu pemilihan. Kunci koreksi bersama "
           "pemilihan."),
    _text("nama", True, "Calon - Wakil, mis. Riza Herdavid - Debby Vita Dewi; kolom kosong: Kolom Kosong.", 200),
    Column("kolom_kosong", False, v.parse_yes_no, "Kolom kosong? ya/tidak (kosong = tidak, kecuali nama "
           "'Kolom Kosong'). Paling banyak satu per pemilihan, dan hanya bila pemilihan itu punya tepat satu "
           "pasangan calon.", kind="yes_no"),
    Column("partai_pengusul", False, v.parse_long_text, "Partai pengusul (teks bebas)."),
])


KEGIATAN = Dataset("kegiatan", "Kegiatan kampanye (STTP, jadwal KPU, temuan lapangan)", [
    _text("kode_kegiatan", True, "Kode unik kegiatan, mis. nomor STTP. Kunci: baris dengan kode yang sama "
          "di berkas berikutnya mengoreksi kegiatan ini.", 100),
    _election("pemilihan", True, PEMILIHAN_HELP),
    _whole("nomor_urut", True, "Nomor urut pasangan calon pada pemilihan tersebut (bukan kolom kosong: kolom "
           "kosong tidak berkampanye)."),
    _enum("metode", True, vocab.METODE, "Metode kampanye."),
    _date("tanggal", True, "Tanggal kegiatan; harus di dalam masa kampanye pemilihan (2024: 25/09 s.d. 23/11). "
          "Kegiatan bersumber temuan_lapangan boleh juga di masa tenang, sampai sehari sebelum pemungutan."),
    Column("jam_mulai", False, v.parse_time, "Jam mulai, JJ:MM (24 jam) atau JJ.MM.", kind="time"),
    *AREA,
    Column("lokasi", False, v.parse_long_text, "Tempat kegiatan (teks bebas)."),
    _whole("perkiraan_peserta", False, "Perkiraan jumlah peserta (bilangan bulat)."),
    _enum("sumber", True, vocab.ACTIVITY_SOURCES, "Sumber data kegiatan."),
])

PENGAWASAN = Dataset("pengawasan", "Laporan hasil pengawasan (Formulir Model A, LHP)", [
    _text("nomor_lhp", True, "Nomor LHP, unik. Kunci koreksi.", 100),
    _date("tanggal_pengawasan", True, "Tanggal pengawasan dilakukan; tidak sebelum tanggal kegiatan yang diawasi, "
          "dan di sekitar masa pemilihan (2024: 26/08 s.d. 27/12)."),
    _text("kode_kegiatan", False, "Kode kegiatan yang diawasi; harus ada di basis data atau di lembar "
          "kegiatan berkas yang sama. Kosongkan untuk patroli/pencegahan tanpa kegiatan.", 100),
    *AREA,
    _text("nama_pengawas", True, "Nama pengawas (data pribadi: tidak tampil pada mode paparan).", 200),
    _enum("jabatan", True, vocab.JABATAN, "Jabatan pengawas."),
    _enum("bentuk", False, vocab.BENTUK_PENGAWASAN, "Bentuk pengawasan."),
    Column("uraian", False, v.parse_long_text, "Uraian singkat hasil pengawasan (teks bebas)."),
    Column("dugaan_pelanggaran", True, v.parse_yes_no, "Ada dugaan pelanggaran? ya/tidak.", kind="yes_no"),
    _date("tanggal_lapor", False, "Tambahan (opsional): tanggal LHP diterima Bawaslu Kabupaten; tidak boleh "
          "sebelum tanggal_pengawasan."),
])

PELANGGARAN = Dataset("pelanggaran", "Dugaan pelanggaran (temuan dan laporan) dan status penanganannya", [
    _text("nomor", True, "Nomor temuan/laporan. Satu baris = status kasus pada tanggal_status; baris "
          "dengan nomor sama menambah riwayat status.", 100),
    _enum("sumber", True, vocab.CASE_SOURCES, "temuan atau laporan."),
    _date("tanggal_kejadian", False, "Tanggal kejadian; tidak boleh sesudah tanggal_diterima."),
    _date("tanggal_diterima", True, "Tanggal temuan ditetapkan atau laporan diterima; di sekitar masa pemilihan "
          "(2024: 26/08 s.d. 27/12)."),
    *AREA,
    _election("pemilihan", False, "Pemilihan yang terkait (boleh kosong): kode atau jenisnya."),
    _whole("nomor_urut", False, "Nomor urut pasangan calon terkait (boleh kosong; perlu kolom pemilihan)."),
    _enum("jenis_dugaan", True, vocab.JENIS_DUGAAN, "Jenis dugaan pelanggaran."),
    _enum("status", True, vocab.CASE_STATUSES, "Status penanganan pada tanggal_status."),
    _date("tanggal_status", True, "Tanggal status; tidak boleh sebelum tanggal_diterima."),
    _enum("kategori", False, vocab.KATEGORI_PELANGGARAN, "Kategori pelanggaran (jika sudah diputuskan)."),
    Column("terlapor", False, v.parse_long_text, "Terlapor (data pribadi)."),
    Column("pelapor", False, v.parse_long_text, "Pelapor (data pribadi)."),
])

FORMULIR_C = Dataset("formulir_c", "Penyampaian Formulir Model C.Pemberitahuan-KWK per TPS", [
    *AREA,
    _whole("nomor_tps", True, "Nomor TPS di desa tersebut (1, 2, ...). (desa, nomor_tps) unik; kunci koreksi."),
    _whole("jumlah_dpt", True, "Jumlah pemilih DPT di TPS, 1 s.d. 1000."),
    _whole("terdistribusi", True, "Jumlah formulir yang tersampaikan."),
    *[_whole(f"tidak_terdistribusi_{code}", True, f"Tidak tersampaikan: {wording}.")
      for code, wording in (("meninggal_dunia", REASON_WORDING["meninggal_dunia"]),
                            ("pindah_domisili", REASON_WORDING["pindah_domisili"]),
                            ("pindah_memilih", REASON_WORDING["pindah_memilih"]),
                            ("tidak_dikenal", REASON_WORDING["tidak_dikenal"]),
                            ("tidak_di_tempat", REASON_WORDING["tidak_di_tempat"]),
                            ("lainnya", REASON_WORDING["lainnya"]))],
    _date("tanggal_laporan", True, "Tanggal rekap dilaporkan."),
])

TPS = Dataset("tps", "Daftar TPS dan DPT-nya, diketahui sebelum pemungutan (data acuan, opsional)", [
    *AREA,
    _whole("nomor_tps", True, "Nomor TPS di desa tersebut (1, 2, ...). (desa, nomor_tps) unik; kunci koreksi."),
    _whole("jumlah_dpt", True, "Jumlah pemilih DPT di TPS, 1 s.d. 1000."),
])

REFERENCE = ("pemilihan", "paslon", "tps")
DATASETS: dict[str, Dataset] = {d.name: d for d in (PEMILIHAN, PASLON, TPS, KEGIATAN, PENGAWASAN, PELANGGARAN,
                                                    FORMULIR_C)}
# write order: reference data first, activities before the reports that point to them
ORDER = tuple(DATASETS)
OPTIONAL_EXTENSIONS = {"pengawasan": ("tanggal_lapor",)}  # not in the spec; old files still import


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. ``row`` is the row number the operator sees (None: whole
    sheet/file); ``column`` the header as written in the file (or the spec name)."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    level: str = "error"  # "error" rejects the file; "warning" is only reported

    def as_dict(self) -> dict:
        return {"lembar": self.sheet, "baris": self.row, "kolom": self.column, "masalah": self.message,
                "tingkat": msg.LEVEL_ERROR if self.level == "error" else msg.LEVEL_WARNING}

    def __str__(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += msg.PROBLEM_ROW.format(row=self.row)
        if self.column:
            where += msg.PROBLEM_COLUMN.format(column=self.column)
        prefix = "" if self.level == "error" else msg.WARNING_PREFIX
        return msg.PROBLEM_PLACE.format(where=where, prefix=prefix, message=self.message)


def normalise_header(text) -> str:
    """'  Nomor LHP ' -> 'nomor_lhp' (case, surrounding spaces, spaces vs underscores ignored)."""
    if text is None:
        return ""
    return "_".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
