"""Helpers to drive the real app with Streamlit's AppTest (no browser)."""
from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def sqlite_url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


TEST_PASSWORD = "sandi-uji-panjang-1"


def ensure_account(database_url: str, role: str = "admin", scope: tuple[str, ...] = ()) -> object:
    """Make sure an account ``uji_<role>`` exists in the test database; return it as a User."""
    from data_access.engine import make_engine
    from data_access.users import AccountError, User, create_user

    username = f"uji_{role}" + ("_" + "_".join(s.replace(".", "") for s in scope) if scope else "")
    engine = make_engine(database_url)
    try:
        create_user(engine, username, f"Pengguna Uji {role}", role, TEST_PASSWORD, scope, by="test")
    except AccountError:
        pass  # already there
    finally:
        engine.dispose()
    return User(username=username, full_name=f"Pengguna Uji {role}", role=role, kecamatan_scope=tuple(scope))


def run_app(monkeypatch, database_url: str, *, page: str | None = None, query: dict | None = None,
            timeout: float = 60, role: str | None = "admin", scope: tuple[str, ...] = ()) -> AppTest:
    """Run the entry point against ``database_url`` (optionally switched to ``page``, e.g.
    "pages/cakupan.py", with URL query parameters ``query``) and return the finished AppTest.

    The session is logged in as a test account of ``role`` (created in the database if needed;
    ``scope`` limits a koordinator to kecamatan codes); ``role=None`` runs logged out."""
    import datetime as dt

    monkeypatch.setenv("DATABASE_URL", database_url)
    from ui import cache

    cache.clear()
    cache.release_engines()  # the previous test's database: close its pooled connections
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    if role is not None:
        try:
            at.session_state["_pantau_user"] = ensure_account(database_url, role, scope)
            at.session_state["_pantau_last_seen"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        except Exception:
            pass
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the page."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def texts(at: AppTest) -> list[str]:
    """Every piece of visible text (markdown, captions, titles, metrics, alerts)."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [f"{m.label} {m.value}" for m in at.metric]
    return out


def metrics(at: AppTest) -> dict[str, str]:
    """Every st.metric on the page: label -> displayed value."""
    return {m.label: m.value for m in at.metric}


def chart(at: AppTest, key: str) -> dict:
    """The spec of the one chart with streamlit key ``key`` (element ids carry the user key)."""
    found = [json.loads(el.proto.spec) for el in at.get("plotly_chart") if key in el.proto.id]
    assert len(found) == 1, key
    return found[0]


def keyed_block(at: AppTest, key: str):
    """The container (``st.container(key=...)``, a KPI card, a "Perlu perhatian" box) whose
    Streamlit key is ``key``; fails when the page has none."""
    def find(node):
        if type(node).__name__ == "Block" and str(getattr(getattr(node, "proto", None), "id", "")).endswith(f"-{key}"):
            return node
        for child in getattr(node, "children", {}).values():
            found = find(child)
            if found is not None:
                return found
        return None

    found = find(at._tree)
    assert found is not None, key
    return found

