"""Local accounts, roles and the audit log (command line: ``python -m data_access users ...``).

Passwords are hashed with argon2id through ``argon2-cffi`` (the reference implementation's Python
binding); nothing here stores or logs a plain password. Roles:

- ``admin``: everything, manages users, imports;
- ``operator``: imports data, reads everything except personal names;
- ``pimpinan`` (leadership): reads everything, including personal names;
- ``koordinator``: reads, optionally limited to a list of kecamatan (``kecamatan_scope``);
- ``layar`` (wall screen): briefing mode only (no names, no toggle, no downloads, no admin pages),
  and the one session that does not expire while left alone (``ui.session``).

No account exists on a new production database: the first admin is created on the command line.
The demo database ships one documented account per role (README).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sys
import threading
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, case, delete, insert, select, update

import config
from data_access import schema, sessions
from data_access.dialect import upsert
from data_access.queries import frame

U, AUDIT = schema.AppUser, schema.AuditLog
_HASHER = PasswordHasher()  # argon2id, library defaults (RFC 9106 low-memory profile)
# Each argon2 check holds 64 MiB while it runs: 20 people logging in at once took the server past
# 500 MB (benchmarks/load_sessions.py, issue 20). At most this many run at a time; the others wait
# their turn (about a tenth of a second each), which a 2-core server would make them do anyway.
_VERIFYING = threading.BoundedSemaphore(2)
# A hash of a random password, verified against when the user does not exist, so that a wrong
# user name costs the same time as a wrong password (no user enumeration by timing).
_DUMMY_HASH = _HASHER.hash("pantau-no-such-user-7f3a")

UNKNOWN = "(tidak dikenal)"  # the audit log's name for a login with a name that is no account
ROLE_LABELS = {"admin": "Admin", "operator": "Operator", "pimpinan": "Pimpinan", "koordinator": "Koordinator",
               "layar": "Layar"}


class AccountError(ValueError):
    """A refused account change; the message is Indonesian and safe to show."""


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    role: str
    kecamatan_scope: tuple[str, ...] = ()  # empty: every kecamatan

    @property
    def can_import(self) -> bool:
        return self.role in ("admin", "operator")

    @property
    def can_manage_users(self) -> bool:
        return self.role == "admin"

    @property
    def can_see_personal_data(self) -> bool:
        """Names of supervisors, reporters and reported persons (never in briefing mode)."""
        return self.role in ("admin", "pimpinan")

    @property
    def briefing_only(self) -> bool:
        """A wall screen: briefing mode always, no toggle to leave it, no downloads."""
        return self.role == "layar"

    @property
    def can_download(self) -> bool:
        return not self.briefing_only

    @property
    def is_scoped(self) -> bool:
        return bool(self.kecamatan_scope)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _scope_text(codes) -> str | None:
    codes = [c.strip() for c in codes or () if c and c.strip()]
    return ",".join(sorted(set(codes))) or None


def _scope_tuple(text: str | None) -> tuple[str, ...]:
    return tuple(c for c in (text or "").split(",") if c)


def _check_password(password: str) -> None:
    minimum = config.get().access.min_password_length
    if len(password) < minimum:
        raise AccountError(f"Kata sandi minimal {minimum} karakter.")
    if password.strip() != password or not password.strip():
        raise AccountError("Kata sandi tidak boleh diawali/diakhiri spasi.")


def _check_scope(conn: Connection, codes: tuple[str, ...]) -> None:
    if not codes:
        return
    known = set(conn.execute(select(schema.Kecamatan.kode)).scalars())
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise AccountError(f"Kode kecamatan tidak dikenal: {', '.join(unknown)}.")


def audit(target: Engine | Connection, username: str, action: str, detail: dict | None = None) -> None:
    """Append one audit entry (who, what, when, details such as filters or file name)."""
    row = {"at": _now(), "username": username, "action": action,
           "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None}
    if isinstance(target, Connection):
        target.execute(insert(AUDIT), row)
    else:
        with target.begin() as conn:
            conn.execute(insert(AUDIT), row)


def audit_failed_login(engine: Engine, username: str, now: dt.datetime) -> None:
    """Count a failed login in the one audit row of ``username`` and the current window of
    ``[access] audit_window_minutes`` (one atomic INSERT ... ON CONFLICT DO UPDATE on the unique
    ``window_key``), so a flood of guesses cannot push real events off the admin's page."""
    window = dt.timedelta(minutes=config.get().access.audit_window_minutes)
    start = dt.datetime.min + (now - dt.datetime.min) // window * window
    stmt = upsert(engine, AUDIT.__table__).values(
        at=now, username=username, action="login_gagal", repeat_count=1,
        window_key=f"login_gagal {start:%Y-%m-%dT%H:%M} {username}")
    with engine.begin() as conn:
        conn.execute(stmt.on_conflict_do_update(index_elements=["window_key"],
                                                set_={"repeat_count": AUDIT.repeat_count + 1}))


def create_user(engine: Engine, username: str, full_name: str, role: str, password: str,
                kecamatan_scope: tuple[str, ...] = (), *, by: str = "cli") -> None:
    username = username.strip().lower()
    if not username or len(username) > 50 or not username.replace(".", "").replace("_", "").isalnum():
        raise AccountError("Nama pengguna hanya boleh huruf, angka, titik dan garis bawah (maks. 50).")
    if role not in schema.ROLES:
        raise AccountError(f"Peran harus salah satu dari: {', '.join(schema.ROLES)}.")
    if kecamatan_scope and role != "koordinator":
        raise AccountError("Batas kecamatan hanya untuk peran koordinator.")
    _check_password(password)
    with engine.begin() as conn:
        if conn.execute(select(U.id).where(U.username == username)).first():
            raise AccountError(f"Pengguna {username} sudah ada.")
        _check_scope(conn, tuple(kecamatan_scope))
        conn.execute(insert(U), {"username": username, "full_name": full_name.strip() or username, "role": role,
                                 "kecamatan_scope": _scope_text(kecamatan_scope),
                                 "password_hash": _HASHER.hash(password), "active": True, "failed_attempts": 0,
                                 "created_at": _now()})
        audit(conn, by, "pengguna", {"buat": username, "peran": role, "kecamatan": list(kecamatan_scope)})


def set_password(engine: Engine, username: str, password: str, *, by: str = "cli") -> None:
    _check_password(password)
    with engine.begin() as conn:
        done = conn.execute(update(U).where(U.username == username.lower())
                            .values(password_hash=_HASHER.hash(password), failed_attempts=0, locked_until=None))
        if done.rowcount != 1:
            raise AccountError(f"Pengguna {username} tidak ditemukan.")
        _forget(conn, username.lower())  # and unlocks it from every address
        audit(conn, by, "pengguna", {"reset_sandi": username})


def set_active(engine: Engine, username: str, active: bool, *, by: str = "cli") -> None:
    with engine.begin() as conn:
        done = conn.execute(update(U).where(U.username == username.lower()).values(active=active))
        if done.rowcount != 1:
            raise AccountError(f"Pengguna {username} tidak ditemukan.")
        if not active:  # logged out everywhere at once (every tab, every server process)
            sessions.revoke_user(conn, username.lower())
        audit(conn, by, "pengguna", {"aktif" if active else "nonaktif": username})


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    message: str | None = None  # Indonesian, safe to show (never says which part was wrong)


LOCAL = "lokal"  # the client address when Streamlit gives none (a browser on the server itself)
T = schema.LoginThrottle


def _subject(row, typed: str) -> str:
    """Whose failures an attempt counts towards: the account's name, or for a name that is no
    account a 16-bit digest of it, so unknown names are throttled exactly like real ones (no way to
    tell them apart) without the typed text, perhaps a password typed in the wrong box, being kept."""
    if row is not None:
        return row["username"]
    return "?" + hashlib.sha256(typed.encode("utf-8")).hexdigest()[:4]


def _delay(failures: int) -> dt.timedelta:
    """The wait before the next attempt after ``failures`` in a row from one address: none for the
    first ``max_failed_logins - 1``, then ``first_delay_seconds`` doubling up to ``lockout_minutes``."""
    s = config.get().access
    if failures < s.max_failed_logins:
        return dt.timedelta(0)
    seconds = s.first_delay_seconds * 2 ** min(failures - s.max_failed_logins, 20)
    return dt.timedelta(seconds=min(seconds, s.lockout_minutes * 60))


def _reserve(engine: Engine, subject: str, address: str, now: dt.datetime) -> dt.datetime | None:
    """Count this attempt BEFORE the password is checked, in one atomic statement (INSERT ... ON
    CONFLICT DO UPDATE SET failures = failures + 1 ... RETURNING), and only when the address may try
    again now. Returns None when the attempt may go ahead, else the time it may. A success deletes
    the row (``_forget``); so parallel guesses each get their own count and cannot overwrite one another."""
    stale = now - dt.timedelta(hours=config.get().access.throttle_reset_hours)
    key = (T.subject == subject) & (T.address == address)
    stmt = upsert(engine, T.__table__).values(subject=subject, address=address, failures=1,
                                              last_attempt_at=now, next_allowed_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=["subject", "address"],
        set_={"failures": case((T.last_attempt_at < stale, 1), else_=T.failures + 1), "last_attempt_at": now},
        where=T.next_allowed_at <= now,
    ).returning(T.failures)
    with engine.begin() as conn:
        failures = conn.execute(stmt).scalar()
        if failures is None:  # still waiting: the row is there and its time has not come
            return conn.execute(select(T.next_allowed_at).where(key)).scalar_one()
        wait = _delay(failures)
        if wait:
            conn.execute(update(T).where(key).values(next_allowed_at=now + wait))
    return None


def _forget(conn: Connection, subject: str, address: str | None = None) -> None:
    where = T.subject == subject
    conn.execute(delete(T).where(where if address is None else where & (T.address == address)))


def _verify(password_hash: str, password: str) -> bool:
    try:
        with _VERIFYING:
            return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(engine: Engine, username: str, password: str, *, address: str | None = None,
                 now: dt.datetime | None = None) -> LoginResult:
    """Check a login from client ``address`` (None: the server itself).

    Failures are counted per account and address (``login_throttle``); past ``max_failed_logins``
    that address waits longer before each attempt, while the owner elsewhere still logs in.
    Every attempt that is let through runs argon2 once, against the account's hash or, for an
    unknown name, a dummy one: an unknown name, a disabled account and a wrong password give the
    same answer after the same work, and a held-up attempt the same answer without any."""
    now = now or _now()
    typed = (username or "").strip().lower()[:50]
    address = (address or LOCAL)[:64]
    with engine.connect() as conn:
        row = conn.execute(select(U).where(U.username == typed)).mappings().first()
    subject = _subject(row, typed)
    allowed_at = _reserve(engine, subject, address, now)
    if allowed_at is not None:
        minutes = max(1, math.ceil((allowed_at - now).total_seconds() / 60))
        audit_failed_login(engine, row["username"] if row is not None else UNKNOWN, now)
        return LoginResult(None, f"Terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit.")
    ok = _verify(row["password_hash"] if row is not None else _DUMMY_HASH, password or "")
    if row is None or not ok or not row["active"]:
        # never the typed name of no account: it may be a password typed in the wrong box
        audit_failed_login(engine, row["username"] if row is not None else UNKNOWN, now)
        return LoginResult(None, "Nama pengguna atau kata sandi salah.")
    values = {"failed_attempts": 0, "locked_until": None, "last_login_at": now}
    if _HASHER.check_needs_rehash(row["password_hash"]):
        values["password_hash"] = _HASHER.hash(password)
    with engine.begin() as conn:
        _forget(conn, subject, address)
        conn.execute(update(U).where(U.id == row["id"]).values(**values))
        audit(conn, row["username"], "login")
    return LoginResult(User(username=row["username"], full_name=row["full_name"], role=row["role"],
                            kecamatan_scope=_scope_tuple(row["kecamatan_scope"])))


def get_user(conn: Connection, username: str) -> User | None:
    """The account as it is now (None when missing or disabled): sessions re-check it."""
    row = conn.execute(select(U).where(U.username == username, U.active)).mappings().first()
    if row is None:
        return None
    return User(username=row["username"], full_name=row["full_name"], role=row["role"],
                kecamatan_scope=_scope_tuple(row["kecamatan_scope"]))


def has_users(conn: Connection) -> bool:
    return conn.execute(select(U.id).limit(1)).first() is not None


def users(conn: Connection) -> pd.DataFrame:
    """All accounts without their hashes: username, full_name, role, kecamatan_scope, active, ..."""
    return frame(conn, select(U.username, U.full_name, U.role, U.kecamatan_scope, U.active, U.created_at,
                              U.last_login_at, U.locked_until).order_by(U.username))


def recent_audit(conn: Connection, limit: int = 500, *, failed_logins: bool | None = None) -> pd.DataFrame:
    """The newest entries: at, username, action, detail, repeat_count. ``failed_logins``: only
    the failed-login rows (True), every entry but them (False, so guesses never push real events
    off a page), or everything (None)."""
    stmt = select(AUDIT.at, AUDIT.username, AUDIT.action, AUDIT.detail, AUDIT.repeat_count)
    if failed_logins is not None:
        stmt = stmt.where((AUDIT.action == "login_gagal") if failed_logins else (AUDIT.action != "login_gagal"))
    return frame(conn, stmt.order_by(AUDIT.at.desc(), AUDIT.id.desc()).limit(limit))


if __name__ == "__main__":  # the command's old name: say where it went instead of silently doing nothing
    sys.exit("Perintah ini sudah pindah: python -m data_access users (semua perintah: python -m data_access --help).")
