"""Live view: the refresh decision, the TTL time bucket of the cache, and a row added to the
database appearing on an open page after one interval (not before)."""
import datetime as dt

import pytest

from tests.apptest_utils import run_app, sqlite_url, texts
from tests.builders import TOBOALI, Builder
from ui import cache
from ui.live import needs_refresh

PAGE = "pages/formulir_c.py"
T0 = dt.datetime(2024, 11, 26, 14, 0)
T1 = dt.datetime(2024, 11, 26, 14, 5)


@pytest.mark.parametrize("shown, current, expected", [
    (T0, T1, True),      # an import added newer rows: redraw
    (T0, T0, False),     # nothing new: leave the screen alone
    (T1, T0, True),      # rows were removed (newest is older now): the screen is stale too
    (None, T0, True),    # page drawn on an empty database, data arrived
    (T0, None, False),   # database read gave nothing (emptied): no rerun loop on None
    (None, None, False),
])
def test_needs_refresh(shown, current, expected):
    assert needs_refresh(shown, current) is expected


def _dpt(at) -> str:
    return {m.label: m.value for m in at.metric}["DPT"]


def test_new_row_appears_after_one_ttl_not_before(monkeypatch, db):
    """DPT 500 at first; one TPS of 400 more is imported -> 500 + 400 = 900, shown only once the
    clock has moved one TTL (the cache bucket changed), not on a rerun inside the same interval."""
    now = [1_000_000.0 * cache.TTL]  # the start of a bucket
    monkeypatch.setattr(cache, "_clock", lambda: now[0])
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500)
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert _dpt(at) == "500"
    assert any("diperbarui" in t and "WIB" in t for t in texts(at))

    b.tps(TOBOALI, 2, 400, recorded_at=dt.datetime(2024, 12, 1, 8, 0))
    now[0] += cache.TTL - 1  # still inside the same interval: the cached numbers stay
    at.run()
    assert _dpt(at) == "500"

    now[0] += 1  # one TTL after the first draw
    at.run()
    assert not at.exception
    assert _dpt(at) == "900"
    # the stamp follows the new row: 1 Dec 2024 08.00 UTC = 15.00 WIB
    assert any("Data per 1 Des 2024 15.00 WIB" in t for t in texts(at))
