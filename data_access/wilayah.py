"""The administrative areas of Kabupaten Bangka Selatan (Kemendagri codes), from the bundled list
``assets/wilayah/wilayah_bangka_selatan.csv`` (source and MIT licence: ``assets/wilayah/SOURCE.md``)."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, insert

from data_access import schema

WILAYAH_CSV = Path(__file__).resolve().parent.parent / "assets" / "wilayah" / "wilayah_bangka_selatan.csv"

PROVINSI = {"kode": "19", "nama": "Kepulauan Bangka Belitung"}
KABUPATEN = {"kode": "19.03", "provinsi_kode": "19", "nama": "Bangka Selatan"}


@dataclass(frozen=True)
class DesaRow:
    kode: str
    kecamatan_kode: str
    kecamatan: str
    kecamatan_kemendagri: str
    nama: str
    jenis: str


def read_wilayah(path: Path = WILAYAH_CSV) -> list[DesaRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            DesaRow(
                kode=r["kode"],
                kecamatan_kode=r["kode"].rsplit(".", 1)[0],
                kecamatan=r["kecamatan"],
                kecamatan_kemendagri=r["kecamatan_kemendagri"],
                nama=r["desa"],
                jenis=r["jenis"],
            )
            for r in csv.DictReader(fh)
        ]


def normalise_name(name: str) -> str:
    """Folding used to match area names typed by operators: case, accents, spaces, punctuation
    and the space in compounds ("Air Gegas" = "Airgegas", "Pulau Besar" = "Pulaubesar")."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _insert_areas(conn: Connection, rows: list[DesaRow]) -> None:
    conn.execute(insert(schema.Provinsi), [PROVINSI])
    conn.execute(insert(schema.Kabupaten), [KABUPATEN])
    kecamatan = {}
    for r in rows:
        kecamatan.setdefault(
            r.kecamatan_kode,
            {"kode": r.kecamatan_kode, "kabupaten_kode": KABUPATEN["kode"], "nama": r.kecamatan,
             "nama_kemendagri": r.kecamatan_kemendagri},
        )
    conn.execute(insert(schema.Kecamatan), list(kecamatan.values()))
    conn.execute(
        insert(schema.Desa),
        [{"kode": r.kode, "kecamatan_kode": r.kecamatan_kode, "nama": r.nama, "jenis": r.jenis} for r in rows],
    )


def load_areas(target: Engine | Connection) -> None:
    """Insert provinsi, kabupaten, the 8 kecamatan and 53 desa/kelurahan (into an empty database)."""
    rows = read_wilayah()
    if isinstance(target, Connection):
        _insert_areas(target, rows)
    else:
        with target.begin() as conn:
            _insert_areas(conn, rows)
