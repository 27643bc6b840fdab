"""The reports database (SQLAlchemy 2 declarative). Alembic migrations in ``data_access/migrations``
create and upgrade it; a test checks that the migrations and these models never drift apart.

Conventions:
- areas are keyed by their Kemendagri code ("19.03.01.2004"); join on codes, never on names;
- ``recorded_at`` columns are naive UTC timestamps of when a row was last written (the UI shows
  them in WIB); business dates (``tanggal*``) are local calendar dates;
- every rule a row must satisfy on its own is a CHECK constraint, so no writer can bypass it.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from data_access import vocab

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, codes) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# ---------------------------------------------------------------- areas
class Provinsi(Base):
    __tablename__ = "provinsi"
    kode: Mapped[str] = mapped_column(String(2), primary_key=True)
    nama: Mapped[str] = mapped_column(String(100))


class Kabupaten(Base):
    __tablename__ = "kabupaten"
    kode: Mapped[str] = mapped_column(String(5), primary_key=True)
    provinsi_kode: Mapped[str] = mapped_column(ForeignKey("provinsi.kode"), index=True)
    nama: Mapped[str] = mapped_column(String(100))


class Kecamatan(Base):
    __tablename__ = "kecamatan"
    kode: Mapped[str] = mapped_column(String(8), primary_key=True)
    kabupaten_kode: Mapped[str] = mapped_column(ForeignKey("kabupaten.kode"), index=True)
    nama: Mapped[str] = mapped_column(String(100))  # display name used by Bawaslu ("Lepar Pongok")
    nama_kemendagri: Mapped[str] = mapped_column(String(100))  # as Kepmendagri 2025 spells it


class Desa(Base):
    __tablename__ = "desa"
    __table_args__ = (CheckConstraint(_in("jenis", vocab.AREA_KINDS), name="jenis"),)
    kode: Mapped[str] = mapped_column(String(13), primary_key=True)
    kecamatan_kode: Mapped[str] = mapped_column(ForeignKey("kecamatan.kode"), index=True)
    nama: Mapped[str] = mapped_column(String(100))
    jenis: Mapped[str] = mapped_column(String(10))


class Tps(Base):
    """A polling station of one voting day. TPS numbers restart at 1 in every desa."""

    __tablename__ = "tps"
    __table_args__ = (
        UniqueConstraint("desa_kode", "nomor", "voting_day"),
        CheckConstraint("nomor > 0", name="nomor_positive"),
        CheckConstraint("dpt > 0 AND dpt <= 1000", name="dpt_range"),
        # Parent key of formulir_c's (tps_id, dpt) foreign key (id alone is already unique). An index,
        # not a table constraint, so that SQLite adds it without copying tps, which formulir_c references.
        Index("uq_tps_id_dpt", "id", "dpt", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desa_kode: Mapped[str] = mapped_column(ForeignKey("desa.kode"), index=True)
    nomor: Mapped[int] = mapped_column(Integer)
    voting_day: Mapped[dt.date] = mapped_column(Date)
    dpt: Mapped[int] = mapped_column(Integer)  # registered voters (DPT) of this TPS
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------- elections
class Election(Base):
    """One pemilihan with its legal calendar: the next election is new rows, not new code."""

    __tablename__ = "election"
    __table_args__ = (
        CheckConstraint(_in("jenis", vocab.ELECTION_KINDS), name="jenis"),
        CheckConstraint("campaign_start <= campaign_end", name="campaign_ordered"),
        CheckConstraint("campaign_end < quiet_start", name="quiet_after_campaign"),
        CheckConstraint("quiet_start <= quiet_end", name="quiet_ordered"),
        CheckConstraint("quiet_end < voting_day", name="voting_after_quiet"),
        CheckConstraint("formulir_c_deadline <= voting_day", name="formulir_c_before_voting"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kode: Mapped[str] = mapped_column(String(40), unique=True)  # "bupati-2024"
    jenis: Mapped[str] = mapped_column(String(10))
    nama: Mapped[str] = mapped_column(String(200))
    wilayah_kode: Mapped[str] = mapped_column(String(13))  # "19" (province) or "19.03" (regency)
    campaign_start: Mapped[dt.date] = mapped_column(Date)
    campaign_end: Mapped[dt.date] = mapped_column(Date)
    quiet_start: Mapped[dt.date] = mapped_column(Date)
    quiet_end: Mapped[dt.date] = mapped_column(Date)
    voting_day: Mapped[dt.date] = mapped_column(Date, index=True)
    formulir_c_deadline: Mapped[dt.date] = mapped_column(Date)  # H-3 (PKPU 17/2024)


class Paslon(Base):
    """A candidate pair, or the blank box (kolom kosong) of a single-pair race."""

    __tablename__ = "paslon"
    __table_args__ = (
        UniqueConstraint("election_id", "nomor_urut"),
        UniqueConstraint("id", "election_id"),  # target of the composite keys below
        CheckConstraint("nomor_urut > 0", name="nomor_urut_positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"))
    nomor_urut: Mapped[int] = mapped_column(Integer)
    nama: Mapped[str] = mapped_column(String(200))  # "Riza Herdavid - Debby Vita Dewi"
    is_kolom_kosong: Mapped[bool] = mapped_column(Boolean, default=False)
    partai_pengusul: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------- campaign supervision
class CampaignActivity(Base):
    """A campaign activity that should be supervised (from STTP, KPU schedule or the field)."""

    __tablename__ = "campaign_activity"
    __table_args__ = (
        ForeignKeyConstraint(["paslon_id", "election_id"], ["paslon.id", "paslon.election_id"]),
        CheckConstraint(_in("metode", vocab.METODE), name="metode"),
        CheckConstraint(_in("sumber", vocab.ACTIVITY_SOURCES), name="sumber"),
        CheckConstraint("perkiraan_peserta IS NULL OR perkiraan_peserta >= 0", name="peserta"),
        Index("ix_campaign_activity_election_tanggal", "election_id", "tanggal"),
        Index("ix_campaign_activity_desa_tanggal", "desa_kode", "tanggal"),
        Index("ix_campaign_activity_paslon", "paslon_id"),
        # the unsupervised list's order (queries.coverage.unsupervised_activities): a LIMIT stops early
        Index("ix_campaign_activity_tanggal_desa_kode", "tanggal", "desa_kode", "kode"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kode: Mapped[str] = mapped_column(String(100), unique=True)  # kode_kegiatan (e.g. STTP number)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"))
    paslon_id: Mapped[int] = mapped_column(Integer)
    metode: Mapped[str] = mapped_column(String(40))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    jam_mulai: Mapped[dt.time | None] = mapped_column(Time)
    desa_kode: Mapped[str] = mapped_column(ForeignKey("desa.kode"))
    lokasi: Mapped[str | None] = mapped_column(Text)
    perkiraan_peserta: Mapped[int | None] = mapped_column(Integer)
    sumber: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SupervisionReport(Base):
    """Formulir Model A: Laporan Hasil Pengawasan (LHP). Coverage counts activities with >= 1."""

    __tablename__ = "supervision_report"
    __table_args__ = (
        CheckConstraint(_in("jabatan", vocab.JABATAN), name="jabatan"),
        CheckConstraint(f"bentuk IS NULL OR {_in('bentuk', vocab.BENTUK_PENGAWASAN)}", name="bentuk"),
        CheckConstraint("filed_on IS NULL OR filed_on >= tanggal", name="filed_after_supervision"),
        Index("ix_supervision_report_activity", "activity_id"),
        Index("ix_supervision_report_desa_tanggal", "desa_kode", "tanggal"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nomor_lhp: Mapped[str] = mapped_column(String(100), unique=True)
    tanggal: Mapped[dt.date] = mapped_column(Date)  # tanggal_pengawasan
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("campaign_activity.id"))
    desa_kode: Mapped[str] = mapped_column(ForeignKey("desa.kode"))
    nama_pengawas: Mapped[str] = mapped_column(String(200))  # personal data
    jabatan: Mapped[str] = mapped_column(String(20))
    bentuk: Mapped[str | None] = mapped_column(String(20))
    uraian: Mapped[str | None] = mapped_column(Text)
    dugaan_pelanggaran: Mapped[bool] = mapped_column(Boolean)
    filed_on: Mapped[dt.date | None] = mapped_column(Date)  # when the LHP reached Bawaslu Kabupaten
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------- violation handling
class ViolationCase(Base):
    """A temuan or laporan. ``status``/``status_date`` mirror the newest row of its history."""

    __tablename__ = "violation_case"
    __table_args__ = (
        ForeignKeyConstraint(["paslon_id", "election_id"], ["paslon.id", "paslon.election_id"]),
        CheckConstraint(_in("sumber", vocab.CASE_SOURCES), name="sumber"),
        CheckConstraint(_in("jenis_dugaan", vocab.JENIS_DUGAAN), name="jenis_dugaan"),
        CheckConstraint(_in("status", vocab.CASE_STATUSES), name="status"),
        CheckConstraint(f"kategori IS NULL OR {_in('kategori', vocab.KATEGORI_PELANGGARAN)}", name="kategori"),
        CheckConstraint("tanggal_kejadian IS NULL OR tanggal_kejadian <= tanggal_diterima",
                        name="kejadian_before_diterima"),
        CheckConstraint("status_date >= tanggal_diterima", name="status_after_diterima"),
        CheckConstraint("paslon_id IS NULL OR election_id IS NOT NULL", name="paslon_needs_election"),
        Index("ix_violation_case_diterima", "tanggal_diterima"),
        Index("ix_violation_case_desa", "desa_kode"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nomor: Mapped[str] = mapped_column(String(100), unique=True)
    sumber: Mapped[str] = mapped_column(String(10))
    tanggal_kejadian: Mapped[dt.date | None] = mapped_column(Date)
    tanggal_diterima: Mapped[dt.date] = mapped_column(Date)
    desa_kode: Mapped[str] = mapped_column(ForeignKey("desa.kode"))
    election_id: Mapped[int | None] = mapped_column(ForeignKey("election.id"))
    paslon_id: Mapped[int | None] = mapped_column(Integer)
    jenis_dugaan: Mapped[str] = mapped_column(String(40))
    kategori: Mapped[str | None] = mapped_column(String(30))
    terlapor: Mapped[str | None] = mapped_column(Text)  # personal data
    pelapor: Mapped[str | None] = mapped_column(Text)  # personal data
    status: Mapped[str] = mapped_column(String(30))
    status_date: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseStatus(Base):
    """Full status history of a case: appended, never overwritten."""

    __tablename__ = "case_status"
    __table_args__ = (
        UniqueConstraint("case_id", "status", "tanggal"),
        CheckConstraint(_in("status", vocab.CASE_STATUSES), name="status"),
        Index("ix_case_status_case", "case_id", "tanggal"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("violation_case.id"))
    status: Mapped[str] = mapped_column(String(30))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_log.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------- Formulir C.Pemberitahuan
UNDELIVERED_COLUMNS = tuple(f"undelivered_{r}" for r in vocab.UNDELIVERED_REASONS)


class FormulirC(Base):
    """Delivery recap of Formulir Model C.Pemberitahuan-KWK for one TPS."""

    __tablename__ = "formulir_c"
    __table_args__ = (
        CheckConstraint(
            "delivered >= 0 AND " + " AND ".join(f"{c} >= 0" for c in UNDELIVERED_COLUMNS),
            name="counts_not_negative",
        ),
        CheckConstraint(
            "delivered + " + " + ".join(UNDELIVERED_COLUMNS) + " = dpt", name="counts_sum_to_dpt"
        ),
        # The recap's DPT is the TPS's DPT. Deferred to COMMIT so that an import changing a TPS's DPT
        # can update tps and formulir_c in either order inside its one transaction.
        ForeignKeyConstraint(["tps_id", "dpt"], ["tps.id", "tps.dpt"], deferrable=True,
                             initially="DEFERRED"),
    )
    tps_id: Mapped[int] = mapped_column(ForeignKey("tps.id"), primary_key=True)
    dpt: Mapped[int] = mapped_column(Integer)  # as stated on the recap; must equal tps.dpt
    delivered: Mapped[int] = mapped_column(Integer)
    undelivered_tidak_dikenal: Mapped[int] = mapped_column(Integer)
    undelivered_tidak_di_tempat: Mapped[int] = mapped_column(Integer)
    undelivered_meninggal_dunia: Mapped[int] = mapped_column(Integer)
    undelivered_pindah_domisili: Mapped[int] = mapped_column(Integer)
    undelivered_pindah_memilih: Mapped[int] = mapped_column(Integer)
    undelivered_lainnya: Mapped[int] = mapped_column(Integer)
    report_date: Mapped[dt.date] = mapped_column(Date)  # tanggal_laporan
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------- imports
class ImportLog(Base):
    __tablename__ = "import_log"
    __table_args__ = (CheckConstraint("result IN ('berhasil', 'ditolak')", name="result"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    rows: Mapped[str] = mapped_column(Text)  # JSON: dataset -> {"baru": n, "berubah": n, "sama": n}
    result: Mapped[str] = mapped_column(String(10))
    problems: Mapped[str | None] = mapped_column(Text)  # JSON list when rejected


# ---------------------------------------------------------------- access control
ROLES = ("admin", "operator", "pimpinan", "koordinator", "layar")
AUDIT_ACTIONS = ("login", "login_gagal", "logout", "impor", "ekspor", "pengguna")


class AppUser(Base):
    """A local account. Passwords are stored as argon2id hashes only (data_access.users)."""

    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),
                      CheckConstraint("failed_attempts >= 0", name="failed_attempts"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    # Comma-separated kecamatan codes a koordinator may see; NULL = every area.
    kecamatan_scope: Mapped[str | None] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LoginThrottle(Base):
    """Failed logins per account and client address (``data_access.users.authenticate``): after a
    few, each further attempt from that address must wait longer. Keyed by the address too, so a
    stranger's guesses never lock the account for its owner elsewhere. ``subject`` is the account
    name, or for a name that is no account a short digest of it (never the typed text)."""

    __tablename__ = "login_throttle"
    __table_args__ = (CheckConstraint("failures >= 0", name="failures"),)
    subject: Mapped[str] = mapped_column(String(50), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)  # attempts since the last success, this one included
    last_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime)
    next_allowed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginSession(Base):
    """A browser's login (``data_access.sessions``): the cookie names it by a random token of which
    only the SHA-256 is stored here, so a copy of the database opens no session. It ends when
    revoked (logout, account disabled), at ``expires_at`` (absolute) or after idle time since
    ``last_seen_at`` (the idle rule is applied at look-up, by the account's current role)."""

    __tablename__ = "login_session"
    __table_args__ = (Index("ix_login_session_username", "username"),)
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # naive UTC, as every time here
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    address: Mapped[str | None] = mapped_column(String(64))


class AppSecret(Base):
    """Secrets the app makes for itself once per deployment (``data_access.sessions.secret_key``:
    the cookie-signing key when PANTAU_SECRET_KEY is unset), so every server process agrees."""

    __tablename__ = "app_secret"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditLog(Base):
    """Who did what and when: logins, imports, exports (with the filters), user changes."""

    __tablename__ = "audit_log"
    __table_args__ = (CheckConstraint(_in("action", AUDIT_ACTIONS), name="action"),
                      CheckConstraint("repeat_count >= 1", name="repeat_count"),
                      Index("ix_audit_log_at", "at"),
                      Index("ix_audit_log_window_key", "window_key", unique=True))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # naive UTC; of the first event of a counted row
    username: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON
    # Failed logins are one row per account and time window (data_access.users): how many, and the
    # key of that account and window (NULL for every other entry).
    repeat_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    window_key: Mapped[str | None] = mapped_column(String(100))


class Meta(Base):
    """Facts about the database itself, e.g. ``demo`` = the seed when it holds demo data."""

    __tablename__ = "pantau_meta"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# ---------------------------------------------------------------- summary tables (data_access.rollup)
# Campaign activities and how many of them have at least one LHP, summed over a set of dimensions.
# Written only by ``data_access.rollup.refresh`` (the importer, the demo generators, the app's start);
# read by ``data_access.queries.coverage`` when they are up to date. Smallest table first.
ROLLUP_DIMENSIONS = {
    "activity_rollup_kabupaten": ("provinsi_kode", "kabupaten_kode", "tanggal"),
    "activity_rollup_paslon": ("provinsi_kode", "kabupaten_kode", "tanggal", "election_id", "paslon_id"),
    "activity_rollup_metode": ("provinsi_kode", "kabupaten_kode", "tanggal", "metode", "sumber"),
    "activity_rollup_desa": ("provinsi_kode", "kabupaten_kode", "kecamatan_kode", "desa_kode", "tanggal",
                             "election_id", "paslon_id", "metode", "sumber"),
}
_ROLLUP_TYPES = {"provinsi_kode": String(2), "kabupaten_kode": String(5), "kecamatan_kode": String(8),
                 "desa_kode": String(13), "tanggal": Date, "election_id": Integer, "paslon_id": Integer,
                 "metode": String(40), "sumber": String(20)}


def _rollup_table(name: str, dims: tuple[str, ...]) -> Table:
    indexes = [Index(f"ix_{name}_{area}_tanggal", area, "tanggal")
               for area in ("kabupaten_kode", "kecamatan_kode", "desa_kode") if area in dims]
    indexes.append(Index(f"ix_{name}_tanggal", "tanggal"))
    return Table(name, Base.metadata,
                 *(Column(d, _ROLLUP_TYPES[d], nullable=False) for d in dims),
                 Column("activities", Integer, nullable=False),
                 Column("supervised", Integer, nullable=False),
                 *indexes)


ROLLUP_TABLES = {name: _rollup_table(name, dims) for name, dims in ROLLUP_DIMENSIONS.items()}

# "Newest data" (reference.data_stamp) and the summary tables' freshness check read max(recorded_at)
# of each data table: an index makes that a lookup instead of a scan of millions of rows.
for _table in (CampaignActivity, SupervisionReport, ViolationCase, CaseStatus, Tps, FormulirC):
    Index(f"ix_{_table.__tablename__}_recorded_at", _table.__table__.c.recorded_at)

DATA_TABLES = (
    CampaignActivity.__table__,
    SupervisionReport.__table__,
    ViolationCase.__table__,
    CaseStatus.__table__,
    Tps.__table__,
    FormulirC.__table__,
)
