"""Login attacks of issue 17 (findings 2 and 3), on both engines: parallel guesses, user-name
enumeration, lockout of an account from another address, audit flooding, and typed names kept
out of the audit log."""
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from data_access import schema, users
from data_access.users import authenticate, create_user, set_active

NOW = dt.datetime(2024, 11, 20, 3, 0)
GOOD = "rahasia-panjang-1"
T, A = schema.LoginThrottle, schema.AuditLog


def test_24_parallel_wrong_guesses_lock_the_account(db):
    """Finding 2: failures were read, argon2 ran (~180 ms), then failures+1 was written back, so
    parallel guesses overwrote each other and the account never locked. Now every guess is counted."""
    create_user(db, "budi", "Budi", "pimpinan", GOOD)
    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(lambda i: authenticate(db, "budi", f"salah-{i}", now=NOW), range(24)))
    assert all(r.user is None for r in results)
    # the right password from the same place is refused for a while afterwards
    assert authenticate(db, "budi", GOOD, now=NOW + dt.timedelta(seconds=1)).user is None
    # By hand (max_failed_logins = 5): attempts 1-4 leave the address free to try again, the 5th
    # holds it for 60 s; each attempt is counted before its password is checked, so exactly five
    # were checked and 19 were held up, whatever order the threads ran in.
    messages = sorted(r.message for r in results)
    assert messages == ["Nama pengguna atau kata sandi salah."] * 5 + \
        ["Terlalu banyak percobaan gagal. Coba lagi dalam 1 menit."] * 19
    with db.connect() as c:
        assert c.execute(select(T.subject, T.address, T.failures)).all() == [("budi", "lokal", 5)]


class CountingHasher:
    """Wraps the argon2 hasher to count verifications (the work an attempt costs), not time."""

    def __init__(self, real):
        self.real, self.verified = real, 0

    def verify(self, *args):
        self.verified += 1
        return self.real.verify(*args)

    def __getattr__(self, name):
        return getattr(self.real, name)


def _attempt(monkeypatch, db, username, password, now, address=None):
    hasher = CountingHasher(users._HASHER)
    monkeypatch.setattr(users, "_HASHER", hasher)
    kwargs = {"address": address} if address else {}  # the old code had no address: same place
    result = authenticate(db, username, password, now=now, **kwargs)
    monkeypatch.setattr(users, "_HASHER", hasher.real)
    return result.user, result.message, hasher.verified


def test_unknown_disabled_and_held_accounts_answer_alike_after_the_same_work(monkeypatch, db):
    """Finding 3: a locked real account answered with another message in 4 ms instead of ~180 ms,
    and an unknown name never locked. Now a real name, a disabled one and an unknown one give the
    same answer after the same work: one argon2 verification when let through, none when held up."""
    create_user(db, "budi", "Budi", "pimpinan", GOOD)
    create_user(db, "sari", "Sari", "pimpinan", GOOD)
    set_active(db, "sari", False)
    wrong = (None, "Nama pengguna atau kata sandi salah.", 1)
    for name in ("budi", "sari", "tidakada"):
        for _ in range(5):  # max_failed_logins = 5
            assert _attempt(monkeypatch, db, name, "salah-sekali-1", NOW) == wrong, name
    held = (None, "Terlalu banyak percobaan gagal. Coba lagi dalam 1 menit.", 0)
    for name in ("budi", "sari", "tidakada"):
        assert _attempt(monkeypatch, db, name, GOOD, NOW + dt.timedelta(seconds=1)) == held, name
    # the disabled account with its right password, once the wait is over: the same refusal
    assert _attempt(monkeypatch, db, "sari", GOOD, NOW + dt.timedelta(seconds=61)) == wrong


def test_a_stranger_cannot_lock_the_owner_out_from_another_address(db):
    create_user(db, "admin", "Admin", "admin", GOOD)
    t = NOW
    for i in range(12):  # the stranger keeps guessing, waiting out each delay
        authenticate(db, "admin", f"tebakan-{i}", address="203.0.113.9", now=t)
        t += dt.timedelta(minutes=15)
    assert authenticate(db, "admin", GOOD, address="203.0.113.9", now=t - dt.timedelta(minutes=1)).user is None
    assert authenticate(db, "admin", GOOD, address="198.51.100.7", now=t - dt.timedelta(minutes=1)).user is not None
    # the stranger's address is still held after the owner's login there elsewhere
    assert authenticate(db, "admin", GOOD, address="203.0.113.9", now=t - dt.timedelta(minutes=1)).user is None


def _audit(db):
    with db.connect() as c:
        return [tuple(r) for r in c.execute(select(A.username, A.action, A.repeat_count).order_by(A.id))]


def test_repeated_failures_are_one_audit_row_per_account_and_window(db):
    """Unlimited failed-login rows pushed real events out of the 1,000 that Pengguna & Audit shows.
    By hand, with 15-minute windows starting 03.00, 03.15 UTC: 30 failures for budi between 03.00
    and 03.10 (some checked, the rest held up) are one row counting 30; three unknown names, one row of 3;
    a failure at 03.20 opens the next window's row."""
    create_user(db, "budi", "Budi", "pimpinan", GOOD, by="admin")
    for i in range(30):
        authenticate(db, "budi", "salah", address="203.0.113.9", now=NOW + dt.timedelta(seconds=20 * i))
    for name in ("tidakada", "Rahasia-Sandi-99", "adm1n"):
        authenticate(db, name, "salah", address="203.0.113.9", now=NOW + dt.timedelta(minutes=14))
    authenticate(db, "budi", "salah", address="198.51.100.7", now=NOW + dt.timedelta(minutes=20))
    assert _audit(db) == [("admin", "pengguna", 1), ("budi", "login_gagal", 30),
                          ("(tidak dikenal)", "login_gagal", 3), ("budi", "login_gagal", 1)]


def test_typed_names_that_are_no_account_are_never_stored(db):
    """A password typed into the user-name box was stored in the audit log in clear text."""
    secret = "Rahasia-Sandi-99"
    authenticate(db, secret, "x", now=NOW)
    authenticate(db, "=HYPERLINK(\"http://x\")", "x", now=NOW)
    for table in (schema.AuditLog, schema.LoginThrottle):
        with db.connect() as c:
            stored = repr(c.execute(select(table)).all()).lower()
        assert secret.lower() not in stored and "hyperlink" not in stored, table.__tablename__
    assert [u for u, _a, _n in _audit(db)] == ["(tidak dikenal)"]


def test_admin_page_keeps_real_events_and_lists_failures_apart(monkeypatch, db):
    """1,200 failed logins (the page shows 1,000 entries) leave the real events on Pengguna & Audit:
    the failures are counted in rows of their own, listed in a separate table."""
    from tests.apptest_utils import run_app, sqlite_url

    if db.dialect.name != "sqlite":
        pytest.skip("the page is the same code on both engines; the counting is tested on both above")
    create_user(db, "budi", "Budi", "pimpinan", GOOD, by="admin")
    users.audit(db, "budi", "ekspor", {"tabel": "kasus", "format": "csv", "filter": "Semua", "berkas": "k.csv"})
    for i in range(1200):
        users.audit_failed_login(db, "budi", NOW + dt.timedelta(seconds=i))  # 20 minutes: two windows
    at = run_app(monkeypatch, sqlite_url(db), page="pages/pengguna.py", role="admin")
    assert not at.exception, [e.value for e in at.exception]
    log, failed = at.dataframe[1].value, at.dataframe[2].value
    assert "Unduh" in set(log["Kegiatan"]) and "Gagal masuk" not in set(log["Kegiatan"])
    # by hand: 03.00.00-03.14.59 is 900 failures, 03.15.00-03.19.59 the other 300 (newest first)
    assert list(failed["Jumlah percobaan"]) == [300, 900] and set(failed["Pengguna"]) == {"budi"}


def test_client_address_behind_a_proxy(monkeypatch, pantau_config):
    """Failed logins are counted by address: the connection's, or behind a reverse proxy the last
    entry of the header the proxy sets (earlier entries come from the visitor and can be forged)."""
    from types import SimpleNamespace

    import streamlit as st

    from ui import auth

    fake = SimpleNamespace(ip_address="10.0.0.1", headers={"X-Forwarded-For": "1.2.3.4, 198.51.100.7"})
    monkeypatch.setattr(st, "context", fake)
    assert auth.client_address() == "10.0.0.1"
    pantau_config(access={"client_address_header": "X-Forwarded-For"})
    assert auth.client_address() == "198.51.100.7"


def test_the_dummy_password_opens_nothing(db):
    """An unknown name is checked against a dummy hash; typing that hash's password must still fail."""
    result = authenticate(db, "tidakada", "pantau-no-such-user-7f3a", now=NOW)
    assert result.user is None and result.message == "Nama pengguna atau kata sandi salah."
