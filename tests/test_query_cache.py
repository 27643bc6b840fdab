"""The query cache (``ui.data``): which functions it runs, and one cache entry per function."""
import datetime as dt
import json

import pytest

from data_access import users
from data_access.queries import reference
from tests.apptest_utils import sqlite_url
from tests.builders import TOBOALI, Builder
from ui import data


def test_only_module_level_data_access_functions_are_run():
    def forged(conn):
        return None
    forged.__module__ = "data_access.queries.reference"  # claims to be one, is not that module's

    for fn in (lambda conn: None, json.dumps, forged):
        with pytest.raises(ValueError, match="not a data_access function"):
            data.load(fn)
        with pytest.raises(ValueError, match="not a data_access function"):
            data.read(fn)


def test_each_function_has_its_own_cache_entry(monkeypatch, db):
    """Two functions called with the same (no) arguments: each answer is its own (the newest row
    of the one TPS, 20 Nov 2024 08.00; and the one account created here), not the other's."""
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, recorded_at=dt.datetime(2024, 11, 20, 8, 0))
    users.create_user(db, "uji_admin", "Uji Admin", "admin", "sandi-uji-panjang-1")
    monkeypatch.setenv("DATABASE_URL", sqlite_url(db))
    data.clear()
    try:
        assert data.load(reference.data_stamp) == dt.datetime(2024, 11, 20, 8, 0)
        assert list(data.load(users.users)["username"]) == ["uji_admin"]
        assert list(data.read(users.users)["username"]) == ["uji_admin"]
    finally:
        data.clear()
        data.release_engines()
