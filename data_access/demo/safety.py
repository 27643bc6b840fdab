"""What keeps the demo generators off a real office's database: the signs of one
(``production_signs``), the refusal (``DemoRefused``), and what ``--replace`` deletes and keeps.
"""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, inspect, literal, select

from data_access import schema

_HASHER = PasswordHasher()  # only verifies: is a stored hash that of a documented demo password?

# Documented demo accounts, one per role (README). They exist only in generated demo databases.
DEMO_ACCOUNTS = (
    ("admin", "Admin Contoh", "admin", "demo-admin-2024", ()),
    ("operator", "Operator Contoh", "operator", "demo-operator-2024", ()),
    ("pimpinan", "Pimpinan Contoh", "pimpinan", "demo-pimpinan-2024", ()),
    ("koordinator", "Koordinator Toboali (contoh)", "koordinator", "demo-koordinator-2024", ("19.03.01",)),
    ("layar", "Layar Ruang Rapat (contoh)", "layar", "demo-layar-2024", ()),
)


class DemoRefused(RuntimeError):
    """The database holds real (non-demo) data or accounts; the message is Indonesian."""


# What the demo generator never deletes, even with --replace: who may log in, who did what, and
# which files were imported.
KEPT_TABLES = ("app_user", "audit_log", "import_log")


def is_demo_account(username: str, password_hash: str) -> bool:
    """One of the documented demo accounts, still with its documented password (an office that kept
    the name ``admin`` but set its own password has a real account)."""
    password = {u: pw for u, _, _, pw, _ in DEMO_ACCOUNTS}.get(username)
    if password is None:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def production_signs(conn) -> list[str]:
    """Why this database looks like a real office's (Indonesian, one line each; empty: safe for demo
    data): an account other than the documented demo ones, any import-log row, imported case history
    (``case_status.import_id``), or elections and report rows without the demo marker (written by
    the importer or by hand, not by this generator)."""
    if not inspect(conn).has_table(schema.AppUser.__tablename__):
        return []  # not migrated yet: nothing in it
    signs = []
    U = schema.AppUser
    real = [name for name, hashed in conn.execute(select(U.username, U.password_hash).order_by(U.username))
            if not is_demo_account(name, hashed)]
    if real:
        shown = ", ".join(real[:5]) + (f" dan {len(real) - 5} lainnya" if len(real) > 5 else "")
        signs.append(f"ada {len(real)} akun selain akun contoh ({shown})")
    imports = conn.execute(select(func.count()).select_from(schema.ImportLog)).scalar()
    if imports:
        signs.append(f"ada {imports} catatan impor di log impor")
    imported = conn.execute(select(func.count()).select_from(schema.CaseStatus)
                            .where(schema.CaseStatus.import_id.is_not(None))).scalar()
    if imported:
        signs.append(f"ada {imported} riwayat status kasus hasil impor")
    marked = conn.execute(select(schema.Meta.value).where(schema.Meta.key == "demo")).first() is not None
    if not marked:
        for table in (schema.Election.__table__, schema.Paslon.__table__, *schema.DATA_TABLES):
            if conn.execute(select(literal(1)).select_from(table).limit(1)).first() is not None:
                signs.append(f"tabel {table.name} berisi data yang bukan data contoh")
                break
    return signs


def refuse_production(conn) -> None:
    """Raise ``DemoRefused`` when ``production_signs`` finds any sign of a real office's database."""
    signs = production_signs(conn)
    if signs:
        raise DemoRefused(
            "Basis data ini tampak seperti basis data produksi: " + "; ".join(signs) + ". Data contoh tidak "
            "ditulis. Jalankan perintah ini hanya pada basis data uji; bila memang disengaja, tambahkan --force "
            "(akun, log audit, dan log impor tetap tidak dihapus).")


def clear_or_refuse(conn, replace: bool, *, areas_count: bool = False) -> None:
    """With ``replace``, delete every row first except accounts, the audit log and the import log
    (``KEPT_TABLES``); otherwise refuse a database that already holds elections (or, with
    ``areas_count``, any area: the caller writes its own)."""
    if replace:
        for table in reversed(schema.Base.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                conn.execute(delete(table))
    elif conn.execute(select(schema.Election.id).limit(1)).first() is not None or (
            areas_count and conn.execute(select(schema.Desa.kode).limit(1)).first() is not None):
        raise RuntimeError("Basis data sudah berisi data; gunakan --replace untuk menggantinya.")
