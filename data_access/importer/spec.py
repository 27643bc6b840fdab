"""The datasets of the import format (IMPORT_SPEC.md) as data: columns, whether required, parser,
and (from texts/importer.py) the README text the blank template shows for each column."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

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


AREA = [Column(name, False, None, msg.AREA_HELP[name], kind="area") for name in AREA_COLUMNS]
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


PEMILIHAN = Dataset("pemilihan", msg.DATASET_TITLES["pemilihan"], [
    _text("kode", True, msg.COLUMN_HELP["pemilihan"]["kode"], 40),
    _enum("jenis", True, vocab.ELECTION_KINDS, msg.COLUMN_HELP["pemilihan"]["jenis"]),
    _text("nama", True, msg.COLUMN_HELP["pemilihan"]["nama"], 200),
    _text("kode_wilayah", True, msg.COLUMN_HELP["pemilihan"]["kode_wilayah"], 100),
    _date("kampanye_mulai", True, msg.COLUMN_HELP["pemilihan"]["kampanye_mulai"]),
    _date("kampanye_selesai", True, msg.COLUMN_HELP["pemilihan"]["kampanye_selesai"]),
    _date("masa_tenang_mulai", True, msg.COLUMN_HELP["pemilihan"]["masa_tenang_mulai"]),
    _date("masa_tenang_selesai", True, msg.COLUMN_HELP["pemilihan"]["masa_tenang_selesai"]),
    _date("hari_pemungutan", True, msg.COLUMN_HELP["pemilihan"]["hari_pemungutan"]),
    _date("batas_formulir_c", True, msg.COLUMN_HELP["pemilihan"]["batas_formulir_c"]),
])

PASLON = Dataset("paslon", msg.DATASET_TITLES["paslon"], [
    _text("pemilihan", True, msg.COLUMN_HELP["paslon"]["pemilihan"], 40),
    _whole("nomor_urut", True, msg.COLUMN_HELP["paslon"]["nomor_urut"]),
    _text("nama", True, msg.COLUMN_HELP["paslon"]["nama"], 200),
    Column("kolom_kosong", False, v.parse_yes_no, msg.COLUMN_HELP["paslon"]["kolom_kosong"], kind="yes_no"),
    Column("partai_pengusul", False, v.parse_long_text, msg.COLUMN_HELP["paslon"]["partai_pengusul"]),
])


KEGIATAN = Dataset("kegiatan", msg.DATASET_TITLES["kegiatan"], [
    _text("kode_kegiatan", True, msg.COLUMN_HELP["kegiatan"]["kode_kegiatan"], 100),
    _election("pemilihan", True, msg.PEMILIHAN_HELP),
    _whole("nomor_urut", True, msg.COLUMN_HELP["kegiatan"]["nomor_urut"]),
    _enum("metode", True, vocab.METODE, msg.COLUMN_HELP["kegiatan"]["metode"]),
    _date("tanggal", True, msg.COLUMN_HELP["kegiatan"]["tanggal"]),
    Column("jam_mulai", False, v.parse_time, msg.COLUMN_HELP["kegiatan"]["jam_mulai"], kind="time"),
    *AREA,
    Column("lokasi", False, v.parse_long_text, msg.COLUMN_HELP["kegiatan"]["lokasi"]),
    _whole("perkiraan_peserta", False, msg.COLUMN_HELP["kegiatan"]["perkiraan_peserta"]),
    _enum("sumber", True, vocab.ACTIVITY_SOURCES, msg.COLUMN_HELP["kegiatan"]["sumber"]),
])

PENGAWASAN = Dataset("pengawasan", msg.DATASET_TITLES["pengawasan"], [
    _text("nomor_lhp", True, msg.COLUMN_HELP["pengawasan"]["nomor_lhp"], 100),
    _date("tanggal_pengawasan", True, msg.COLUMN_HELP["pengawasan"]["tanggal_pengawasan"]),
    _text("kode_kegiatan", False, msg.COLUMN_HELP["pengawasan"]["kode_kegiatan"], 100),
    *AREA,
    _text("nama_pengawas", True, msg.COLUMN_HELP["pengawasan"]["nama_pengawas"], 200),
    _enum("jabatan", True, vocab.JABATAN, msg.COLUMN_HELP["pengawasan"]["jabatan"]),
    _enum("bentuk", False, vocab.BENTUK_PENGAWASAN, msg.COLUMN_HELP["pengawasan"]["bentuk"]),
    Column("uraian", False, v.parse_long_text, msg.COLUMN_HELP["pengawasan"]["uraian"]),
    Column("dugaan_pelanggaran", True, v.parse_yes_no, msg.COLUMN_HELP["pengawasan"]["dugaan_pelanggaran"],
           kind="yes_no"),
    _date("tanggal_lapor", False, msg.COLUMN_HELP["pengawasan"]["tanggal_lapor"]),
])

PELANGGARAN = Dataset("pelanggaran", msg.DATASET_TITLES["pelanggaran"], [
    _text("nomor", True, msg.COLUMN_HELP["pelanggaran"]["nomor"], 100),
    _enum("sumber", True, vocab.CASE_SOURCES, msg.COLUMN_HELP["pelanggaran"]["sumber"]),
    _date("tanggal_kejadian", False, msg.COLUMN_HELP["pelanggaran"]["tanggal_kejadian"]),
    _date("tanggal_diterima", True, msg.COLUMN_HELP["pelanggaran"]["tanggal_diterima"]),
    *AREA,
    _election("pemilihan", False, msg.COLUMN_HELP["pelanggaran"]["pemilihan"]),
    _whole("nomor_urut", False, msg.COLUMN_HELP["pelanggaran"]["nomor_urut"]),
    _enum("jenis_dugaan", True, vocab.JENIS_DUGAAN, msg.COLUMN_HELP["pelanggaran"]["jenis_dugaan"]),
    _enum("status", True, vocab.CASE_STATUSES, msg.COLUMN_HELP["pelanggaran"]["status"]),
    _date("tanggal_status", True, msg.COLUMN_HELP["pelanggaran"]["tanggal_status"]),
    _enum("kategori", False, vocab.KATEGORI_PELANGGARAN, msg.COLUMN_HELP["pelanggaran"]["kategori"]),
    Column("terlapor", False, v.parse_long_text, msg.COLUMN_HELP["pelanggaran"]["terlapor"]),
    Column("pelapor", False, v.parse_long_text, msg.COLUMN_HELP["pelanggaran"]["pelapor"]),
])

FORMULIR_C = Dataset("formulir_c", msg.DATASET_TITLES["formulir_c"], [
    *AREA,
    _whole("nomor_tps", True, msg.COLUMN_HELP["formulir_c"]["nomor_tps"]),
    _whole("jumlah_dpt", True, msg.COLUMN_HELP["formulir_c"]["jumlah_dpt"]),
    _whole("terdistribusi", True, msg.COLUMN_HELP["formulir_c"]["terdistribusi"]),
    *[_whole(f"tidak_terdistribusi_{code}", True, msg.UNDELIVERED_HELP.format(wording=wording))
      for code, wording in (("meninggal_dunia", REASON_WORDING["meninggal_dunia"]),
                            ("pindah_domisili", REASON_WORDING["pindah_domisili"]),
                            ("pindah_memilih", REASON_WORDING["pindah_memilih"]),
                            ("tidak_dikenal", REASON_WORDING["tidak_dikenal"]),
                            ("tidak_di_tempat", REASON_WORDING["tidak_di_tempat"]),
                            ("lainnya", REASON_WORDING["lainnya"]))],
    _date("tanggal_laporan", True, msg.COLUMN_HELP["formulir_c"]["tanggal_laporan"]),
])

TPS = Dataset("tps", msg.DATASET_TITLES["tps"], [
    *AREA,
    _whole("nomor_tps", True, msg.COLUMN_HELP["tps"]["nomor_tps"]),
    _whole("jumlah_dpt", True, msg.COLUMN_HELP["tps"]["jumlah_dpt"]),
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
