"""``python -m data_access demo`` cannot harm a production database (issue 16).

It refuses, with an Indonesian message and nothing written, a database holding an account other than
the documented demo ones, an import-log row or data that the demo generator did not write; ``--force``
overrides that but still adds no demo account beside real ones; ``--replace`` never deletes accounts,
the audit log or the import log. Each on SQLite and PostgreSQL (the ``db`` fixture: areas only).
"""
import datetime as dt

import pytest
from sqlalchemy import func, insert, select

from data_access import demo, schema, users
from data_access.__main__ import main as command
from tests.builders import Builder
from tests.conftest import table_checksums

U, AUDIT, LOG = schema.AppUser, schema.AuditLog, schema.ImportLog
REAL_PASSWORD = "kata-sandi-kantor-99"


def run_demo(monkeypatch, engine, *args) -> int:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return command(["demo", *args])


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def usernames(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(U.username).order_by(U.username)).scalars())


def import_log_row(engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(LOG), {"imported_at": dt.datetime(2024, 10, 1, 3), "username": "operator.kab",
                                   "file_name": "laporan_pkd.xlsx", "sha256": "a" * 64,
                                   "rows": "{}", "result": "berhasil", "problems": None})


def test_a_real_account_is_refused_and_nothing_is_written(monkeypatch, capsys, db):
    users.create_user(db, "kepala", "Kepala Sekretariat", "admin", REAL_PASSWORD)
    before = table_checksums(db)
    assert run_demo(monkeypatch, db) == 1
    err = capsys.readouterr().err
    assert "basis data produksi" in err and "kepala" in err and "--force" in err
    assert table_checksums(db) == before


def test_an_import_log_row_is_refused(monkeypatch, capsys, db):
    import_log_row(db)
    before = table_checksums(db)
    assert run_demo(monkeypatch, db) == 1
    assert "1 catatan impor" in capsys.readouterr().err
    assert table_checksums(db) == before


def test_data_not_written_by_the_generator_is_refused(monkeypatch, capsys, db):
    """An election typed in by hand or imported (no demo marker), no account at all: still refused,
    also with --replace, which would otherwise delete it."""
    Builder(db).election("bupati")
    before = table_checksums(db)
    assert run_demo(monkeypatch, db, "--replace") == 1
    assert "tabel election berisi data yang bukan data contoh" in capsys.readouterr().err
    assert table_checksums(db) == before


def test_the_national_scale_is_refused_too(monkeypatch, capsys, db):
    users.create_user(db, "kepala", "Kepala Sekretariat", "admin", REAL_PASSWORD)
    before = table_checksums(db)
    assert run_demo(monkeypatch, db, "--scale", "0.001", "--replace") == 1
    assert "--force" in capsys.readouterr().err
    assert table_checksums(db) == before


def test_a_renamed_password_makes_a_demo_name_a_real_account(monkeypatch, db):
    """An office that kept the user name ``admin`` but set its own password has a real account."""
    users.create_user(db, "admin", "Admin Kantor", "admin", REAL_PASSWORD)
    assert run_demo(monkeypatch, db) == 1
    assert count(db, schema.Election) == 0


def test_force_writes_the_data_but_adds_no_demo_account_beside_real_ones(monkeypatch, db):
    users.create_user(db, "kepala", "Kepala Sekretariat", "admin", REAL_PASSWORD)
    assert run_demo(monkeypatch, db, "--force") == 0
    assert count(db, schema.Election) == 2 and count(db, schema.Tps) == 300
    assert usernames(db) == ["kepala"]
    assert users.authenticate(db, "admin", "demo-admin-2024").user is None


def test_an_empty_database_gets_the_demo_data_and_accounts(monkeypatch, db):
    assert run_demo(monkeypatch, db) == 0
    assert count(db, schema.Election) == 2
    assert usernames(db) == ["admin", "koordinator", "layar", "operator", "pimpinan"]  # README's demo accounts


def test_replace_keeps_accounts_audit_log_and_import_log(monkeypatch, db):
    """A demo database that was used: logins in the audit log, an import, a changed demo password.
    --replace (with --force, which the import requires) rewrites the data and nothing else."""
    assert run_demo(monkeypatch, db) == 0
    users.set_password(db, "operator", REAL_PASSWORD, by="admin")  # now a real account
    users.authenticate(db, "pimpinan", "demo-pimpinan-2024")
    import_log_row(db)
    kept = {name: digest for name, digest in table_checksums(db).items() if name in demo.KEPT_TABLES}
    audit_rows, log_rows = count(db, AUDIT), count(db, LOG)
    assert audit_rows >= 6 and log_rows == 1  # 4 accounts made, a password set, a login

    assert run_demo(monkeypatch, db, "--replace") == 1  # the import log and the real account
    assert run_demo(monkeypatch, db, "--replace", "--force", "--seed", "7") == 0
    after = table_checksums(db)
    assert {name: after[name] for name in demo.KEPT_TABLES} == kept
    assert count(db, schema.Election) == 2 and count(db, schema.Tps) == 300
    assert users.authenticate(db, "operator", REAL_PASSWORD).user is not None


def test_replace_on_an_untouched_demo_database_needs_no_force(monkeypatch, db):
    """Only the demo accounts, no import: the demo data is replaced and the accounts stay as they were
    (not created a second time)."""
    assert run_demo(monkeypatch, db) == 0
    accounts = table_checksums(db)["app_user"]
    assert run_demo(monkeypatch, db, "--replace", "--seed", "7") == 0
    assert table_checksums(db)["app_user"] == accounts
    assert usernames(db) == ["admin", "koordinator", "layar", "operator", "pimpinan"]  # README's demo accounts


@pytest.mark.parametrize("args", [(), ("--replace",)])
def test_generate_refuses_without_force_when_called_from_code(db, args):
    users.create_user(db, "kepala", "Kepala Sekretariat", "admin", REAL_PASSWORD)
    with pytest.raises(demo.DemoRefused, match="kepala"):
        demo.generate(db, replace=bool(args))
    assert count(db, schema.Election) == 0
