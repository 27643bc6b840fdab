"""The query cache (``ui.cache``): which functions it runs, and one cache entry per function."""
import datetime as dt
import functools
import json

import pytest

from data_access import users
from data_access.queries import reference
from tests.apptest_utils import run_app, sqlite_url
from tests.builders import TOBOALI, Builder
from ui import cache


def test_only_module_level_data_access_functions_are_run():
    def forged(conn):
        return None
    forged.__module__ = "data_access.queries.reference"  # claims to be one, is not that module's

    for fn in (lambda conn: None, json.dumps, forged, functools.partial(reference.data_stamp)):
        with pytest.raises(ValueError, match="not a data_access function"):
            cache.load(fn)
        with pytest.raises(ValueError, match="not a data_access function"):
            cache.read(fn)


def test_each_function_has_its_own_cache_entry(monkeypatch, db):
    """Two functions called with the same (no) arguments: each answer is its own (the newest row
    of the one TPS, 20 Nov 2024 08.00; and the one account created here), not the other's."""
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, recorded_at=dt.datetime(2024, 11, 20, 8, 0))
    users.create_user(db, "uji_admin", "Uji Admin", "admin", "sandi-uji-panjang-1")
    monkeypatch.setenv("DATABASE_URL", sqlite_url(db))
    cache.clear()
    try:
        assert cache.load(reference.data_stamp) == dt.datetime(2024, 11, 20, 8, 0)
        assert list(cache.load(users.users)["username"]) == ["uji_admin"]
        assert list(cache.read(users.users)["username"]) == ["uji_admin"]
    finally:
        cache.clear()
        cache.release_engines()


def test_admin_page_shows_an_audit_entry_written_after_it_was_drawn(monkeypatch, db):
    """The audit log is read uncached (``cache.read``): an entry written after the page was drawn is
    on the next rerun in the same cache interval (the clock stands still), not a TTL later."""
    Builder(db).election("bupati")
    monkeypatch.setattr(cache, "_clock", lambda: 1_000_000.0 * cache.TTL)
    at = run_app(monkeypatch, sqlite_url(db), page="pages/pengguna.py", role="admin")
    assert not at.exception, [e.value for e in at.exception]
    assert "pimpinan_baru" not in set(at.dataframe[1].value["Pengguna"])
    users.audit(db, "pimpinan_baru", "logout")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "pimpinan_baru" in set(at.dataframe[1].value["Pengguna"])
