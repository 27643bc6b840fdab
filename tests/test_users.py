"""Accounts: argon2 hashes, roles, lockout after failed logins, audit log; on both engines."""
import datetime as dt

import pytest
from sqlalchemy import select

from data_access import schema, users
from data_access.__main__ import main as command
from data_access.users import AccountError, authenticate, create_user, set_active, set_password

NOW = dt.datetime(2024, 11, 20, 3, 0)


def audit_actions(db):
    with db.connect() as c:
        return [tuple(r) for r in c.execute(select(schema.AuditLog.username, schema.AuditLog.action)
                                            .order_by(schema.AuditLog.id))]


def test_password_stored_as_argon2_hash_only(db):
    create_user(db, "Rina", "Rina Operator", "operator", "rahasia-panjang-1")
    with db.connect() as c:
        stored = c.execute(select(schema.AppUser.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and "rahasia-panjang-1" not in stored
    result = authenticate(db, "rina", "rahasia-panjang-1", now=NOW)
    assert result.user == users.User("rina", "Rina Operator", "operator", ())
    assert result.user.can_import and not result.user.can_see_personal_data


def test_wrong_password_and_unknown_user_same_message(db):
    create_user(db, "budi", "Budi", "pimpinan", "rahasia-panjang-1")
    a = authenticate(db, "budi", "salah-sekali-1", now=NOW)
    b = authenticate(db, "tidakada", "salah-sekali-1", now=NOW)
    assert a.user is None and b.user is None and a.message == b.message


def test_five_failures_then_growing_waits_from_that_address(db):
    # config: max_failed_logins = 5, first_delay_seconds = 60, lockout_minutes = 15. By hand: the 5th
    # failure makes the address wait 60 s, the 6th 120 s, then 240, 480, and at most 900 s.
    create_user(db, "budi", "Budi", "pimpinan", "rahasia-panjang-1")
    for _ in range(5):
        assert authenticate(db, "budi", "salah", now=NOW).message == "Nama pengguna atau kata sandi salah."
    held = authenticate(db, "budi", "rahasia-panjang-1", now=NOW + dt.timedelta(seconds=59))
    assert held.user is None and held.message == "Terlalu banyak percobaan gagal. Coba lagi dalam 1 menit."
    t = NOW + dt.timedelta(seconds=60)
    assert authenticate(db, "budi", "salah", now=t).message.startswith("Nama pengguna")  # 6th: 120 s
    assert "2 menit" in authenticate(db, "budi", "rahasia-panjang-1", now=t).message
    for wait in (120, 240, 480, 900, 900):  # 7th .. 11th failures
        t += dt.timedelta(seconds=wait)
        assert authenticate(db, "budi", "salah", now=t).message.startswith("Nama pengguna")
    assert "15 menit" in authenticate(db, "budi", "rahasia-panjang-1", now=t + dt.timedelta(seconds=1)).message
    ok = authenticate(db, "budi", "rahasia-panjang-1", now=t + dt.timedelta(seconds=900))
    assert ok.user is not None
    # the success forgot the count: four more failures do not hold the address up
    for _ in range(4):
        authenticate(db, "budi", "salah", now=t + dt.timedelta(seconds=901))
    assert authenticate(db, "budi", "rahasia-panjang-1", now=t + dt.timedelta(seconds=901)).user is not None


def test_four_failures_do_not_lock(db):
    create_user(db, "budi", "Budi", "pimpinan", "rahasia-panjang-1")
    for _ in range(4):
        authenticate(db, "budi", "salah", now=NOW)
    assert authenticate(db, "budi", "rahasia-panjang-1", now=NOW).user is not None


def test_disabled_account_cannot_log_in_and_reset_unlocks(db):
    create_user(db, "sari", "Sari", "koordinator", "rahasia-panjang-1", ("19.03.05",))
    set_active(db, "sari", False)
    assert authenticate(db, "sari", "rahasia-panjang-1", now=NOW).user is None
    set_active(db, "sari", True)
    set_password(db, "sari", "sandi-baru-yang-panjang")
    user = authenticate(db, "sari", "sandi-baru-yang-panjang", now=NOW).user
    assert user.kecamatan_scope == ("19.03.05",) and user.is_scoped


def test_refused_accounts(db):
    with pytest.raises(AccountError, match="minimal 10"):
        create_user(db, "a", "A", "admin", "pendek")
    with pytest.raises(AccountError, match="Peran"):
        create_user(db, "a", "A", "superuser", "rahasia-panjang-1")
    with pytest.raises(AccountError, match="tidak dikenal"):
        create_user(db, "a", "A", "koordinator", "rahasia-panjang-1", ("19.03.99",))
    with pytest.raises(AccountError, match="khusus|hanya untuk"):
        create_user(db, "a", "A", "pimpinan", "rahasia-panjang-1", ("19.03.01",))
    create_user(db, "a", "A", "admin", "rahasia-panjang-1")
    with pytest.raises(AccountError, match="sudah ada"):
        create_user(db, "A", "A", "admin", "rahasia-panjang-1")


def test_audit_log_records_logins(db):
    create_user(db, "budi", "Budi", "pimpinan", "rahasia-panjang-1", by="admin")
    authenticate(db, "budi", "salah", now=NOW)
    authenticate(db, "budi", "rahasia-panjang-1", now=NOW)
    assert audit_actions(db) == [("admin", "pengguna"), ("budi", "login_gagal"), ("budi", "login")]


def test_cli_creates_first_admin(db, monkeypatch, capsys):
    import io

    monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-admin-pertama\n"))
    assert command(["users", "create", "kepala", "--role", "admin", "--name", "Kepala Sekretariat",
                    "--password-stdin"]) == 0
    assert authenticate(db, "kepala", "sandi-admin-pertama", now=NOW).user.role == "admin"
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert command(["users", "create", "lain", "--role", "admin", "--password-stdin"]) == 1
    assert "minimal" in capsys.readouterr().err


def test_demo_accounts_one_per_role(demo_db):
    from data_access.demo import DEMO_ACCOUNTS

    roles = set()
    for username, _name, role, password, scope in DEMO_ACCOUNTS:
        user = authenticate(demo_db, username, password, now=NOW).user
        assert user is not None and user.role == role and user.kecamatan_scope == scope
        roles.add(role)
    assert roles == set(schema.ROLES)
