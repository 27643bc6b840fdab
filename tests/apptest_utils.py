"""Helpers to drive the real app with Streamlit's AppTest (no browser)."""
from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def sqlite_url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def run_app(monkeypatch, database_url: str, *, page: str | None = None, query: dict | None = None,
            timeout: float = 60) -> AppTest:
    """Run the entry point against ``database_url`` (optionally switched to ``page``, e.g.
    "pages/cakupan.py", with URL query parameters ``query``) and return the finished AppTest."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    from ui import data

    data.clear()
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
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
