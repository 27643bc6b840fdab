"""Issue 17, finding 9: what an error shows the browser.

- ``client.showErrorDetails`` is off: an uncaught exception shows no type, message or code path.
- SQLAlchemy's pool ``TimeoutError`` (every pooled connection busy for ``pool_timeout`` seconds)
  is not a ``DBAPIError``; it is an outage like any other, with the same message and recovery,
  not a traceback."""
import tomllib
from pathlib import Path

import pytest
from sqlalchemy.pool import QueuePool
from streamlit import config as st_config
from streamlit.elements.exception import _error_detail_visibility
from streamlit.testing.v1.util import patch_config_options

from data_access.engine import make_engine
from data_access.queries import reference
from tests.apptest_utils import run_app, sqlite_url
from tests.builders import RIAS, TOBOALI, Builder

ROOT = Path(__file__).resolve().parent.parent
DOWN = "Basis data tidak dapat dihubungi"


def test_uncaught_exceptions_show_no_details_in_the_browser():
    options = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = options.get("client", {}).get("showErrorDetails", st_config.get_option("client.showErrorDetails"))
    assert value == st_config.ShowErrorDetailsConfigOptions.NONE
    with patch_config_options({"client.showErrorDetails": value}):
        shown = _error_detail_visibility(True)
    assert (shown.show_message, shown.show_trace, shown.show_type) == (False, False, False)


@pytest.fixture
def small(db):
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 40})
    b.tps(RIAS, 2, 400, reasons={"tidak_di_tempat": 8})
    return db


def one_connection_engine(url: str):
    """An engine whose pool holds one connection and waits 0.2 s for it: held, the next checkout
    raises sqlalchemy.exc.TimeoutError (QueuePool limit reached), as a busy server's pool does."""
    return make_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=0, pool_timeout=0.2)


def test_exhausted_pool_is_an_outage_not_a_traceback(monkeypatch, small):
    from ui import cache

    url = sqlite_url(small)
    at = run_app(monkeypatch, url, page="pages/formulir_c.py", role="pimpinan")
    assert not at.exception and not at.error, [e.value for e in at.exception]

    busy = one_connection_engine(url)
    monkeypatch.setattr(cache, "_engine", lambda _url: busy)
    monkeypatch.setattr(cache, "_read_engine", lambda _url: busy)
    held = busy.connect()
    cache.clear()  # what the cache TTL does after at most one interval
    try:
        # the data layer itself: a query and the recovery ping
        with pytest.raises(cache.DataUnavailable):
            cache.load(reference.data_stamp)
        assert cache.ping() is False
        # the app: the session check and every page query go through the busy pool
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert any(DOWN in e.value for e in at.error)
    finally:
        held.close()
    # the connection is free again: the page comes back by itself
    cache.clear()
    at.run()
    assert not at.exception and not at.error
    busy.dispose()
