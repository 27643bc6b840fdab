"""The Kualitas Data page renders on the demo database, shows its checks, and never shows a name."""
from sqlalchemy import select

from data_access import schema
from metrics import quality as mq
from tests.apptest_utils import run_app, sqlite_url, texts
from ui import i18n


def test_kualitas_page_renders_on_demo(monkeypatch, _demo_sqlite):
    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), page="pages/kualitas.py")
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert any(i18n.PAGES["kualitas"] in t for t in shown)
    assert any(t.startswith(i18n.KUALITAS["kpi_reference"]) for t in shown)
    # every check has its section with its rule
    for check in mq.CHECKS:
        assert any(t.startswith(i18n.KUALITAS_CHECKS[check.id]["title"] + ":") for t in shown), check.id
    # personal names never reach a table on the page
    with _demo_sqlite.connect() as conn:
        names = set(conn.execute(select(schema.SupervisionReport.nama_pengawas).distinct()).scalars())
        names |= set(conn.execute(select(schema.ViolationCase.terlapor).distinct()).scalars()) - {None}
    cells = {str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()}
    assert cells, "the page shows tables"
    assert not names & cells


def test_ringkasan_shows_the_quality_scores(monkeypatch, _demo_sqlite):
    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), page="pages/ringkasan.py")
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.KUALITAS["ringkasan_header"] in [h.value for h in at.subheader]  # its own section
    from tests.apptest_utils import plotly_specs

    scores = [s["data"][0] for s in plotly_specs(at)
              if s["data"] and "Skor" in str(s["data"][0].get("hovertemplate", ""))]
    assert len(scores) == 1
    assert scores[0]["orientation"] == "h" and len(scores[0]["y"]) == 8  # every kecamatan
