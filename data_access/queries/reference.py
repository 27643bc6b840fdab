"""Reference data for filters and labels: areas, elections, candidate pairs; and data freshness."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, false, func, or_, select, union_all

from data_access import schema
from data_access.filters import Filters, area_clause
from data_access.queries import frame


def kecamatan(conn: Connection) -> pd.DataFrame:
    """kode, nama, nama_kemendagri in Kemendagri code order."""
    k = schema.Kecamatan
    return frame(conn, select(k.kode, k.nama, k.nama_kemendagri).order_by(k.kode))


def kabupaten(conn: Connection) -> pd.DataFrame:
    """kode, nama, provinsi_kode, provinsi of every kabupaten/kota, in code order."""
    kb, pv = schema.Kabupaten, schema.Provinsi
    return frame(conn, select(kb.kode, kb.nama, kb.provinsi_kode, pv.nama.label("provinsi"))
                 .join(pv, pv.kode == kb.provinsi_kode).order_by(kb.kode))


def desa(conn: Connection) -> pd.DataFrame:
    """kode, nama, jenis, kecamatan_kode, kecamatan in code order."""
    d, k = schema.Desa, schema.Kecamatan
    return frame(conn, select(d.kode, d.nama, d.jenis, d.kecamatan_kode, k.nama.label("kecamatan"))
                 .join(k, k.kode == d.kecamatan_kode).order_by(d.kode))


def desa_count(conn: Connection, f: Filters) -> int:
    """How many desa lie in the area filter (all of them without one)."""
    return conn.execute(select(func.count()).select_from(schema.Desa).where(area_clause(schema.Desa.kode, f))).scalar()


def desa_of(conn: Connection, *, kecamatan: tuple[str, ...] = (), names: tuple[str, ...] = (),
            kode: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of ``desa`` (same columns, code order) that lie in one of ``kecamatan``, are named
    one of ``names`` or coded one of ``kode``; none when all three are empty. The filter bar asks
    for these instead of every desa (84,000 nationally, 0.6 s to read and as much to label)."""
    d, k = schema.Desa, schema.Kecamatan
    matches = [column.in_(values) for column, values in ((d.kecamatan_kode, kecamatan), (d.nama, names),
                                                         (d.kode, kode)) if values]
    stmt = (select(d.kode, d.nama, d.jenis, d.kecamatan_kode, k.nama.label("kecamatan"))
            .join(k, k.kode == d.kecamatan_kode).where(or_(*matches) if matches else false()).order_by(d.kode))
    return frame(conn, stmt)


def desa_per_kecamatan(conn: Connection) -> pd.DataFrame:
    """kecamatan_kode, desa (how many desa it has), for every kecamatan with desa."""
    d = schema.Desa
    return frame(conn, select(d.kecamatan_kode, func.count().label("desa")).group_by(d.kecamatan_kode)
                 .order_by(d.kecamatan_kode))


def elections(conn: Connection) -> pd.DataFrame:
    """Every election with its legal calendar, newest voting day first."""
    e = schema.Election
    return frame(conn, select(e.id, e.kode, e.jenis, e.nama, e.wilayah_kode, e.campaign_start, e.campaign_end,
                              e.quiet_start, e.quiet_end, e.voting_day, e.formulir_c_deadline)
                 .order_by(e.voting_day.desc(), e.jenis))


def paslon(conn: Connection) -> pd.DataFrame:
    """Candidate pairs (and kolom kosong) with their election."""
    p, e = schema.Paslon, schema.Election
    return frame(conn, select(p.id, p.election_id, e.jenis.label("election_jenis"), p.nomor_urut, p.nama,
                              p.is_kolom_kosong)
                 .join(e, e.id == p.election_id).order_by(e.voting_day.desc(), e.jenis, p.nomor_urut))


def data_stamp(conn: Connection) -> dt.datetime | None:
    """Newest ``recorded_at`` over all data tables (naive UTC), or None on an empty database."""
    parts = [select(func.max(t.c.recorded_at).label("t")) for t in schema.DATA_TABLES]
    sub = union_all(*parts).subquery()
    value = conn.execute(select(func.max(sub.c.t))).scalar()
    if isinstance(value, str):  # SQLite returns text from an aggregate over a UNION
        value = dt.datetime.fromisoformat(value)
    return value


def demo_seed(conn: Connection) -> str | None:
    """The demo seed when the database holds generated demo data, else None."""
    return conn.execute(select(schema.Meta.value).where(schema.Meta.key == "demo")).scalar()


# The kinds of report an office imports (the Ringkasan, Peta and Kualitas Data pages use them all).
REPORT_KINDS = ("activities", "reports", "cases", "formulir_c")


def report_presence(conn: Connection, f: Filters) -> pd.DataFrame:
    """One row: for each of ``REPORT_KINDS`` (campaign activities, LHP, cases, Formulir C recaps)
    whether the database holds at least one in the area part of ``f`` (dates, elections and pairs
    ignored): 1 or 0. A page whose data is missing says "belum ada laporan" rather than "change the
    filter". EXISTS probes: an index lookup each, however large the tables."""
    A, R, C = schema.CampaignActivity, schema.SupervisionReport, schema.ViolationCase
    F, T = schema.FormulirC, schema.Tps
    probes = {
        "activities": select(A.id).where(area_clause(A.desa_kode, f)),
        "reports": select(R.id).where(area_clause(R.desa_kode, f)),
        "cases": select(C.id).where(area_clause(C.desa_kode, f)),
        "formulir_c": select(F.tps_id).join(T, T.id == F.tps_id).where(area_clause(T.desa_kode, f)),
    }
    row = conn.execute(select(*[stmt.exists().label(kind) for kind, stmt in probes.items()])).one()
    return pd.DataFrame([{kind: int(bool(value)) for kind, value in zip(REPORT_KINDS, row)}])
