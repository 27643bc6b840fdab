"""Login sessions in the database (data_access.sessions), on SQLite and PostgreSQL: idle and
absolute expiry, revocation, a disabled account, and the token never stored in plain."""
import datetime as dt

from sqlalchemy import select

from data_access import schema, sessions
from data_access.users import create_user, set_active

T0 = dt.datetime(2024, 11, 20, 8, 0)  # naive UTC, as the table stores
PASSWORD = "sandi-uji-panjang-1"


def _account(db, name="budi", role="pimpinan"):
    create_user(db, name, name.title(), role, PASSWORD, by="test")
    return name


def test_a_session_is_found_by_its_token_and_only_its_hash_is_stored(db):
    _account(db)
    token = sessions.create(db, "budi", "pimpinan", address="10.0.0.7", now=T0)
    found = sessions.lookup(db, token, now=T0 + dt.timedelta(minutes=1))
    assert (found.username, found.role, found.full_name) == ("budi", "pimpinan", "Budi")
    with db.connect() as conn:
        rows = conn.execute(select(schema.LoginSession)).mappings().all()
    assert len(rows) == 1
    stored = " ".join(str(v) for v in rows[0].values())
    assert token not in stored and rows[0]["token_hash"] != token and len(rows[0]["token_hash"]) == 64
    assert rows[0]["expires_at"] == T0 + dt.timedelta(hours=12)  # config: session_absolute_hours = 12
    assert sessions.lookup(db, token[:-1] + ("A" if token[-1] != "A" else "B"), now=T0) is None
    assert sessions.lookup(db, "", now=T0) is None


def test_idle_expiry_counts_from_the_last_touch_and_automatic_looks_do_not_touch(db):
    _account(db)
    token = sessions.create(db, "budi", "pimpinan", now=T0)
    # 20 min: touched; then 29 min after that touch still valid (limit 30 min) ...
    assert sessions.lookup(db, token, now=T0 + dt.timedelta(minutes=20)) is not None
    assert sessions.lookup(db, token, touch=False, now=T0 + dt.timedelta(minutes=49)) is not None
    # ... the look without touch did not move the clock: 31 min after the touch it has ended
    assert sessions.lookup(db, token, now=T0 + dt.timedelta(minutes=51)) is None
    # and a late touch cannot revive it
    assert sessions.lookup(db, token, now=T0 + dt.timedelta(minutes=51, seconds=1)) is None


def test_absolute_expiry_ends_even_an_active_session(db):
    _account(db)
    token = sessions.create(db, "budi", "pimpinan", now=T0)
    at = T0
    while at < T0 + dt.timedelta(hours=11, minutes=40):  # touched every 20 min up to 11:40
        at += dt.timedelta(minutes=20)
        assert sessions.lookup(db, token, now=at) is not None, at
    assert sessions.lookup(db, token, now=T0 + dt.timedelta(hours=12)) is None


def test_layar_never_idles_but_ends_after_its_days(db):
    _account(db, "layar1", "layar")
    token = sessions.create(db, "layar1", "layar", now=T0)
    assert sessions.lookup(db, token, touch=False, now=T0 + dt.timedelta(days=29, hours=23)) is not None
    assert sessions.lookup(db, token, now=T0 + dt.timedelta(days=30)) is None  # layar_session_days = 30


def test_revoke_ends_one_session_and_leaves_the_other(db):
    _account(db)
    phone = sessions.create(db, "budi", "pimpinan", now=T0)
    laptop = sessions.create(db, "budi", "pimpinan", now=T0)
    assert sessions.revoke(db, phone, now=T0) == "budi"
    assert sessions.revoke(db, phone, now=T0) is None  # already ended
    assert sessions.lookup(db, phone, now=T0) is None
    assert sessions.lookup(db, laptop, now=T0) is not None


def test_revoke_user_and_disabling_the_account_end_all_its_sessions(db):
    _account(db)
    _account(db, "sari", "admin")
    a, b = (sessions.create(db, "budi", "pimpinan", now=T0) for _ in range(2))
    other = sessions.create(db, "sari", "admin", now=T0)
    set_active(db, "budi", False, by="test")
    assert sessions.lookup(db, a, now=T0) is None and sessions.lookup(db, b, now=T0) is None
    with db.connect() as conn:
        revoked = conn.execute(select(schema.LoginSession.username)
                               .where(schema.LoginSession.revoked_at.is_not(None))).scalars().all()
    assert sorted(revoked) == ["budi", "budi"]  # rows revoked, not just hidden by the account check
    set_active(db, "budi", True, by="test")
    assert sessions.lookup(db, a, now=T0) is None  # enabling again does not revive old sessions
    assert sessions.lookup(db, other, now=T0) is not None
    assert sessions.revoke_user(db, "sari", now=T0) == 1 and sessions.lookup(db, other, now=T0) is None


def test_a_changed_role_applies_its_idle_rule_at_once(db):
    _account(db, "layar1", "layar")
    token = sessions.create(db, "layar1", "layar", now=T0)
    with db.begin() as conn:
        conn.execute(schema.AppUser.__table__.update().where(schema.AppUser.username == "layar1")
                     .values(role="pimpinan"))
    assert sessions.lookup(db, token, now=T0 + dt.timedelta(hours=1)) is None  # idle 60 > 30 min


def test_the_signing_key_is_made_once_and_shared(db, monkeypatch):
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    first = sessions.secret_key(db)
    assert len(first) >= 48 and sessions.secret_key(db) == first
    monkeypatch.setenv(sessions.SECRET_ENV, "kunci-dari-lingkungan")
    assert sessions.secret_key(db) == b"kunci-dari-lingkungan"
