"""Reference data for filters and labels: areas, elections, candidate pairs; and data freshness."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, false, func, or_, select, union_all

from data_access.filters import Filters, area_clause
from data_access.queries import frame
from data_access.schema import (
    DATA_TABLES,
    Desa,
    Election,
    FormulirC,
    Kabupaten,
    Kecamatan,
    Meta,
    Paslon,
    Provinsi,
    Tps,
    ViolationCase,
)
from data_access.schema import CampaignActivity as Activity
from data_access.schema import SupervisionReport as Report


def kecamatan(conn: Connection) -> pd.DataFrame:
    """kode, nama, nama_kemendagri in Kemendagri code order."""
    return frame(conn, select(Kecamatan.kode, Kecamatan.nama, Kecamatan.nama_kemendagri).order_by(Kecamatan.kode))


def kabupaten(conn: Connection) -> pd.DataFrame:
    """kode, nama, provinsi_kode, provinsi of every kabupaten/kota, in code order."""
    return frame(conn, select(Kabupaten.kode, Kabupaten.nama, Kabupaten.provinsi_kode, Provinsi.nama.label("provinsi"))
                 .join(Provinsi, Provinsi.kode == Kabupaten.provinsi_kode).order_by(Kabupaten.kode))


def desa(conn: Connection) -> pd.DataFrame:
    """kode, nama, jenis, kecamatan_kode, kecamatan in code order."""
    stmt = (select(Desa.kode, Desa.nama, Desa.jenis, Desa.kecamatan_kode, Kecamatan.nama.label("kecamatan"))
            .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode).order_by(Desa.kode))
    return frame(conn, stmt)


def desa_count(conn: Connection, filters: Filters) -> int:
    """How many desa lie in the area filter (all of them without one)."""
    return conn.execute(select(func.count()).select_from(Desa).where(area_clause(Desa.kode, filters))).scalar_one()


def desa_of(conn: Connection, *, kecamatan: tuple[str, ...] = (), names: tuple[str, ...] = (),
            kode: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of ``desa`` (same columns, code order) that lie in one of ``kecamatan``, are named
    one of ``names`` or coded one of ``kode``; none when all three are empty. The filter bar asks
    for these instead of every desa (84,000 nationally, 0.6 s to read and as much to label)."""
    matches = [column.in_(values) for column, values in ((Desa.kecamatan_kode, kecamatan), (Desa.nama, names),
                                                         (Desa.kode, kode)) if values]
    stmt = (select(Desa.kode, Desa.nama, Desa.jenis, Desa.kecamatan_kode, Kecamatan.nama.label("kecamatan"))
            .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
            .where(or_(*matches) if matches else false()).order_by(Desa.kode))
    return frame(conn, stmt)


def desa_per_kecamatan(conn: Connection) -> pd.DataFrame:
    """kecamatan_kode, desa (how many desa it has), for every kecamatan with desa."""
    return frame(conn, select(Desa.kecamatan_kode, func.count().label("desa")).group_by(Desa.kecamatan_kode)
                 .order_by(Desa.kecamatan_kode))


def elections(conn: Connection) -> pd.DataFrame:
    """Every election with its legal calendar, newest voting day first."""
    stmt = (select(Election.id, Election.kode, Election.jenis, Election.nama, Election.wilayah_kode,
                   Election.campaign_start, Election.campaign_end, Election.quiet_start, Election.quiet_end,
                   Election.voting_day, Election.formulir_c_deadline)
            .order_by(Election.voting_day.desc(), Election.jenis))
    return frame(conn, stmt)


def paslon(conn: Connection) -> pd.DataFrame:
    """Candidate pairs (and kolom kosong) with their election."""
    stmt = (select(Paslon.id, Paslon.election_id, Election.jenis.label("election_jenis"), Paslon.nomor_urut,
                   Paslon.nama, Paslon.is_kolom_kosong)
            .join(Election, Election.id == Paslon.election_id)
            .order_by(Election.voting_day.desc(), Election.jenis, Paslon.nomor_urut))
    return frame(conn, stmt)


def data_stamp(conn: Connection) -> dt.datetime | None:
    """Newest ``recorded_at`` over all data tables (naive UTC), or None on an empty database."""
    parts = [select(func.max(table.c.recorded_at).label("t")) for table in DATA_TABLES]
    sub = union_all(*parts).subquery()
    value = conn.execute(select(func.max(sub.c.t))).scalar()
    if isinstance(value, str):  # SQLite returns text from an aggregate over a UNION
        value = dt.datetime.fromisoformat(value)
    return value


def demo_seed(conn: Connection) -> str | None:
    """The demo seed when the database holds generated demo data, else None."""
    return conn.execute(select(Meta.value).where(Meta.key == "demo")).scalar()


# The kinds of report an office imports (the Ringkasan, Peta and Kualitas Data pages use them all).
REPORT_KINDS = ("activities", "reports", "cases", "formulir_c")


def report_presence(conn: Connection, filters: Filters) -> pd.DataFrame:
    """One row: for each of ``REPORT_KINDS`` (campaign activities, LHP, cases, Formulir C recaps)
    whether the database holds at least one in the area part of ``filters`` (dates, elections and pairs
    ignored): 1 or 0. A page whose data is missing says "belum ada laporan" rather than "change the
    filter". EXISTS probes: an index lookup each, however large the tables."""
    probes = {
        "activities": select(Activity.id).where(area_clause(Activity.desa_kode, filters)),
        "reports": select(Report.id).where(area_clause(Report.desa_kode, filters)),
        "cases": select(ViolationCase.id).where(area_clause(ViolationCase.desa_kode, filters)),
        "formulir_c": (select(FormulirC.tps_id).join(Tps, Tps.id == FormulirC.tps_id)
                       .where(area_clause(Tps.desa_kode, filters))),
    }
    row = conn.execute(select(*[stmt.exists().label(kind) for kind, stmt in probes.items()])).one()
    return pd.DataFrame([{kind: int(bool(value)) for kind, value in zip(REPORT_KINDS, row, strict=True)}])
