"""Hand-built test data: small, explicit rows whose right answers a test can work out by hand.

    b = Builder(db)
    e = b.election("bupati")
    p = b.paslon(e, 2, "Pasangan Uji")
    a = b.activity(p, "2024-10-01", TOBOALI)
    b.report("2024-10-01", TOBOALI, activity=a)

Every row goes through plain Core inserts on the real schema, so CHECK constraints apply.
"""
from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import Engine, insert, select

from data_access import schema, vocab

# Real Kemendagri codes of a few areas (kecamatan Toboali 19.03.01, Payung 19.03.05,
# Kepulauan Pongok 19.03.08).
TOBOALI = "19.03.01.1001"   # Kelurahan Toboali, Kec. Toboali
RIAS = "19.03.01.2008"      # Desa Rias, Kec. Toboali
PAYUNG = "19.03.05.2001"    # Desa Payung, Kec. Payung
MALIK = "19.03.05.2002"     # Desa Malik, Kec. Payung
PONGOK = "19.03.08.2001"    # Desa Pongok, Kec. Kepulauan Pongok
KEC_TOBOALI, KEC_PAYUNG, KEC_PONGOK = "19.03.01", "19.03.05", "19.03.08"

RECORDED = dt.datetime(2024, 11, 20, 3, 0)  # 10.00 WIB


def d(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


class Builder:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._seq = itertools.count(1)

    def _insert(self, table, row: dict) -> int | None:
        with self.engine.begin() as conn:
            result = conn.execute(insert(table).returning(*table.primary_key.columns), row)
            return result.scalar()

    def election(self, jenis: str = "bupati", *, kode: str | None = None, campaign=("2024-09-25", "2024-11-23"),
                 quiet=("2024-11-24", "2024-11-26"), voting_day="2024-11-27", formulir_c_deadline="2024-11-24",
                 wilayah: str | None = None) -> int:
        return self._insert(schema.Election.__table__, {
            "kode": kode or f"{jenis}-{next(self._seq)}", "jenis": jenis, "nama": vocab.ELECTION_KINDS[jenis],
            "wilayah_kode": wilayah or ("19.03" if jenis == "bupati" else "19"),
            "campaign_start": d(campaign[0]), "campaign_end": d(campaign[1]), "quiet_start": d(quiet[0]),
            "quiet_end": d(quiet[1]), "voting_day": d(voting_day), "formulir_c_deadline": d(formulir_c_deadline)})

    def region(self, desa: str, *, provinsi_nama: str = "Provinsi Uji") -> str:
        """Add a desa (and its kecamatan, kabupaten and provinsi when missing) outside Bangka Selatan,
        from its code alone: ``region("21.71.01.1001")``. Returns the desa code."""
        prov, kab, kec = desa[:2], desa[:5], desa[:8]
        with self.engine.begin() as conn:
            for table, key, row in (
                    (schema.Provinsi, prov, {"kode": prov, "nama": provinsi_nama}),
                    (schema.Kabupaten, kab, {"kode": kab, "provinsi_kode": prov, "nama": f"Kab. {kab}"}),
                    (schema.Kecamatan, kec, {"kode": kec, "kabupaten_kode": kab, "nama": f"Kec. {kec}",
                                             "nama_kemendagri": f"KEC. {kec}"}),
                    (schema.Desa, desa, {"kode": desa, "kecamatan_kode": kec, "nama": f"Desa {desa}",
                                         "jenis": "desa"})):
                if conn.execute(select(table.kode).where(table.kode == key)).first() is None:
                    conn.execute(insert(table), row)
        return desa

    def paslon(self, election_id: int, nomor_urut: int, nama: str | None = None, *, kolom_kosong=False) -> int:
        return self._insert(schema.Paslon.__table__, {
            "election_id": election_id, "nomor_urut": nomor_urut, "nama": nama or f"Pasangan {nomor_urut}",
            "is_kolom_kosong": kolom_kosong, "partai_pengusul": None})

    def election_of(self, paslon_id: int) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.Paslon.election_id).where(schema.Paslon.id == paslon_id)).scalar()

    def activity(self, paslon_id: int, tanggal, desa: str, *, metode="tatap_muka_dialog", sumber="sttp",
                 kode: str | None = None, lokasi: str | None = "Balai desa", recorded_at=RECORDED) -> int:
        return self._insert(schema.CampaignActivity.__table__, {
            "kode": kode or f"KGT-{next(self._seq):04d}", "election_id": self.election_of(paslon_id),
            "paslon_id": paslon_id, "metode": metode, "tanggal": d(tanggal), "jam_mulai": dt.time(10, 0),
            "desa_kode": desa, "lokasi": lokasi, "perkiraan_peserta": 50, "sumber": sumber,
            "recorded_at": recorded_at})

    def report(self, tanggal, desa: str, *, activity: int | None = None, filed_on=None, dugaan=False,
               jabatan="pkd", bentuk="langsung", nomor: str | None = None, nama="Pengawas Uji",
               recorded_at=RECORDED) -> int:
        return self._insert(schema.SupervisionReport.__table__, {
            "nomor_lhp": nomor or f"{next(self._seq):03d}/LHP/UJI", "tanggal": d(tanggal), "activity_id": activity,
            "desa_kode": desa, "nama_pengawas": nama, "jabatan": jabatan, "bentuk": bentuk, "uraian": None,
            "dugaan_pelanggaran": dugaan, "filed_on": d(filed_on) if filed_on else d(tanggal),
            "recorded_at": recorded_at})

    def case(self, nomor: str, diterima, desa: str, statuses: list[tuple[str, str]], *, sumber="laporan",
             jenis="politik_uang", paslon_id: int | None = None, election_id: int | None = None,
             kategori: str | None = None, pelapor: str | None = None, terlapor: str | None = None,
             kejadian=None, recorded_at=RECORDED) -> int:
        """A case with its status history ``[(status, date), ...]`` (oldest first)."""
        if paslon_id is not None and election_id is None:
            election_id = self.election_of(paslon_id)
        last_status, last_date = statuses[-1]
        case_id = self._insert(schema.ViolationCase.__table__, {
            "nomor": nomor, "sumber": sumber, "tanggal_kejadian": d(kejadian) if kejadian else None,
            "tanggal_diterima": d(diterima), "desa_kode": desa, "election_id": election_id,
            "paslon_id": paslon_id, "jenis_dugaan": jenis, "kategori": kategori, "terlapor": terlapor,
            "pelapor": pelapor, "status": last_status, "status_date": d(last_date), "recorded_at": recorded_at})
        with self.engine.begin() as conn:
            conn.execute(insert(schema.CaseStatus), [
                {"case_id": case_id, "status": s, "tanggal": d(t), "recorded_at": recorded_at}
                for s, t in statuses])
        return case_id

    def tps(self, desa: str, nomor: int, dpt: int, *, reasons: dict[str, int] | None = None,
            report_date="2024-11-24", voting_day="2024-11-27", recorded_at=RECORDED) -> int:
        """A TPS and its Formulir C recap; delivered = dpt - sum(reasons)."""
        reasons = reasons or {}
        tps_id = self._insert(schema.Tps.__table__, {
            "desa_kode": desa, "nomor": nomor, "voting_day": d(voting_day), "dpt": dpt,
            "recorded_at": recorded_at})
        row = {"tps_id": tps_id, "dpt": dpt, "delivered": dpt - sum(reasons.values()),
               "report_date": d(report_date), "recorded_at": recorded_at}
        row.update({f"undelivered_{r}": reasons.get(r, 0) for r in vocab.UNDELIVERED_REASONS})
        self._insert(schema.FormulirC.__table__, row)
        return tps_id

    def tps_only(self, desa: str, nomor: int, dpt: int, *, voting_day="2024-11-27", recorded_at=RECORDED) -> int:
        """A TPS of the TPS list with no Formulir C recap yet ("belum melapor")."""
        return self._insert(schema.Tps.__table__, {
            "desa_kode": desa, "nomor": nomor, "voting_day": d(voting_day), "dpt": dpt, "recorded_at": recorded_at})
