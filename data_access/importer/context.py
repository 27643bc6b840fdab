"""What validation needs from the database (areas, elections, candidate pairs), and the clock
the checks read ("today" in WIB)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Connection, select

import config
from data_access import schema
from data_access.importer.values import area_key

WIB = dt.timedelta(hours=7)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def today_wib() -> dt.date:
    return (utc_now() + WIB).date()


def covers(election: dict, desa_kode: str) -> bool:
    """Whether the election is held over the desa: its wilayah code is a prefix of the desa code."""
    w = election["wilayah_kode"]
    return desa_kode == w or desa_kode.startswith(w + ".")


class Context:
    """What validation needs from the database: areas, elections, candidate pairs."""

    def __init__(self, conn: Connection):
        K, D = schema.Kecamatan, schema.Desa
        self.kecamatan = {k: n for k, n in conn.execute(select(K.kode, K.nama))}
        self.kec_by_key: dict[str, str] = {}
        for kode, nama, nama_k in conn.execute(select(K.kode, K.nama, K.nama_kemendagri)):
            for name in (nama, nama_k):
                self.kec_by_key[area_key(name)] = kode
        self.desa = {k: (kec, n) for k, kec, n in conn.execute(select(D.kode, D.kecamatan_kode, D.nama))}
        self.desa_by_key: dict[tuple[str, str], str] = {}
        self.desa_anywhere: dict[str, list[str]] = defaultdict(list)
        for kode, (kec, nama) in self.desa.items():
            self.desa_by_key[(kec, area_key(nama))] = kode
            self.desa_anywhere[area_key(nama)].append(kode)
        self.provinsi = dict(conn.execute(select(schema.Provinsi.kode, schema.Provinsi.nama)).all())
        self.kabupaten = dict(conn.execute(select(schema.Kabupaten.kode, schema.Kabupaten.nama)).all())
        E, P = schema.Election, schema.Paslon
        self.paslon = {(e, n): i for i, e, n in conn.execute(select(P.id, P.election_id, P.nomor_urut))}
        self.kolom_kosong = set(conn.execute(select(P.id).where(P.is_kolom_kosong)).scalars())
        self.today = today_wib()
        settings = config.get().imports
        self.days_before, self.days_after = settings.days_before_campaign, settings.days_after_voting
        self.apply_elections([dict(r._mapping) for r in conn.execute(select(E))])

    def apply_elections(self, elections: list[dict]) -> None:
        """Lay elections over the known ones, by kode (the file's pemilihan sheet: new ones carry
        provisional negative ids until they are written)."""
        by_kode = {e["kode"]: e for e in getattr(self, "elections", [])}
        by_kode.update({e["kode"]: e for e in elections})
        self.elections = sorted(by_kode.values(), key=lambda e: (e["voting_day"], e["id"] < 0, abs(e["id"])))
        self.by_kode = by_kode
        self._over_desa: dict[tuple[str, str], list[dict]] = {}
        self.voting_days = sorted({e["voting_day"] for e in self.elections})
        # Dates an LHP or a case may have: around each election (config [import]).
        self.periods = sorted({self.window(e) for e in self.elections})

    def apply_pair(self, election_id: int, nomor_urut: int, paslon_id: int, kolom_kosong: bool) -> None:
        self.paslon[(election_id, nomor_urut)] = paslon_id
        (self.kolom_kosong.add if kolom_kosong else self.kolom_kosong.discard)(paslon_id)

    def window(self, e: dict) -> tuple[dt.date, dt.date]:
        """The dates an LHP or a case of election ``e`` may have (config [import])."""
        return (e["campaign_start"] - dt.timedelta(days=self.days_before),
                e["voting_day"] + dt.timedelta(days=self.days_after))

    def of_kind(self, jenis: str) -> list[dict]:
        return [e for e in self.elections if e["jenis"] == jenis]

    def over_desa(self, jenis: str, desa_kode: str) -> list[dict]:
        """The elections of a kind held over a desa (asked once per row: kept per kind and desa)."""
        key = (jenis, desa_kode)
        if key not in self._over_desa:
            self._over_desa[key] = [e for e in self.of_kind(jenis) if covers(e, desa_kode)]
        return self._over_desa[key]
