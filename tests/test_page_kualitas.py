"""The Kualitas Data page renders on the demo database, shows its checks, and never shows a name;
on hand-built databases it shows the configured thresholds, the rows with their correction key and
downloads, and Ringkasan shows the hand-worked quality score."""
import pytest
from sqlalchemy import select

from data_access import schema
from metrics import quality as mq
from tests.apptest_utils import chart, run_app, sqlite_url, texts
from tests.builders import TOBOALI
from tests.test_quality import build
from texts import catalogue


def test_kualitas_page_renders_on_demo(monkeypatch, _demo_sqlite):
    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), page="pages/kualitas.py")
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert any(catalogue.PAGES["kualitas"] in t for t in shown)
    assert any(t.startswith(catalogue.KUALITAS["kpi_reference"]) for t in shown)
    # every check has its section with its rule
    for check in mq.CHECKS:
        assert any(t.startswith(catalogue.KUALITAS_CHECKS[check.id]["title"] + ":") for t in shown), check.id
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
    assert catalogue.KUALITAS["ringkasan_header"] in [h.value for h in at.subheader]  # its own section
    from tests.apptest_utils import plotly_specs

    scores = [s["data"][0] for s in plotly_specs(at)
              if s["data"] and "Skor" in str(s["data"][0].get("hovertemplate", ""))]
    assert len(scores) == 1
    assert scores[0]["orientation"] == "h" and len(scores[0]["y"]) == 8  # every kecamatan


# ---------------------------------------------------------------- hand-built databases
# (tests/test_quality.py build(): campaign 19–23 Nov 2024, every TPS 10 of 300 undelivered)
PAGE = "pages/kualitas.py"
CSV, XLSX = catalogue.MSG["download_csv"], catalogue.MSG["download_xlsx"]
# The headers of each check's correction key in its table (what an operator looks up to fix a row).
KEY_HEADERS = {
    "missing_report": ["Kode kegiatan"], "late_report": ["Nomor LHP"], "report_outside_period": ["Nomor LHP"],
    "report_desa_mismatch": ["Nomor LHP"], "report_conflict": ["Kode kegiatan", "Nomor LHP"],
    "case_stuck": ["Nomor kasus"], "fc_rate_high": ["Kode desa", "Nomor TPS"],
    "fc_zero_large": ["Kode desa", "Nomor TPS"], "fc_dpt_over": ["Kode desa", "Nomor TPS"],
    "desa_no_tps": ["Kode desa"], "desa_quiet": ["Kode desa"], "duplicate_activity": ["Kode kegiatan"],
    "name_spelling": ["Nomor LHP"], "report_activity_gap": ["Nomor LHP", "Kode kegiatan"],
    "report_without_activity": ["Nomor LHP"], "case_outside_period": ["Nomor kasus"],
    "fc_report_after_voting": ["Kode desa", "Nomor TPS"], "activity_outside_campaign": ["Kode kegiatan"],
}


def section(at, check_id: str):
    """The bordered block of one check (its subheader starts with the check's title)."""
    title = catalogue.KUALITAS_CHECKS[check_id]["title"] + ":"
    found = [block for tab in at.tabs for block in tab.children.values()
             if hasattr(block, "children") and any(h.value.startswith(title) for h in block.subheader)]
    assert len(found) == 1, check_id
    return found[0]


def downloads(block) -> list[str]:
    return sorted(b.label for b in block.get("download_button"))


def test_configured_threshold_is_shown_and_applied(monkeypatch, db, pantau_config):
    """With implausible_undelivered_rate = 0.02 in the office's config file, the check's caption says
    2% (Indonesian format) and every TPS (10 / 300 = 3,3% > 2%) is listed; under the default 30% the
    caption says 30% and nothing is listed."""
    build(db)
    title = catalogue.KUALITAS_CHECKS["fc_rate_high"]["title"]
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    default = section(at, "fc_rate_high")
    assert "Ambang batas: tidak terdistribusi > 30% DPT" in [c.value for c in default.caption]
    assert default.subheader[0].value == f"{title}: 0 TPS"
    assert not default.dataframe and not downloads(default)

    pantau_config(quality={"implausible_undelivered_rate": 0.02})
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    block = section(at, "fc_rate_high")
    assert "Ambang batas: tidak terdistribusi > 2% DPT" in [c.value for c in block.caption]
    assert block.subheader[0].value == f"{title}: 53 TPS"  # every desa's TPS 1
    table = block.dataframe[0].value
    assert len(table) == 53
    assert (TOBOALI, 1) in set(zip(table["Kode desa"], table["Nomor TPS"], strict=True))
    assert downloads(block) == sorted([CSV, XLSX])
    # the overview table names the configured threshold too
    overview = at.dataframe[0].value.set_index(catalogue.KUALITAS_COLUMNS["check"])
    assert overview.loc[title, catalogue.KUALITAS_COLUMNS["threshold"]] == "tidak terdistribusi > 2% DPT"


def test_every_check_with_rows_offers_them_for_download(monkeypatch, _demo_sqlite):
    """On the demo database: each check that found rows shows them with its correction key and CSV
    and XLSX downloads; a check that found none says so and offers no file."""
    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    with_rows = []
    for check in mq.CHECKS:
        block = section(at, check.id)
        if block.dataframe:
            with_rows.append(check.id)
            table = block.dataframe[0].value
            assert len(table) > 0, check.id
            assert set(KEY_HEADERS[check.id]) <= set(table.columns), (check.id, list(table.columns))
            assert table[KEY_HEADERS[check.id]].notna().all().all(), check.id
            assert downloads(block) == sorted([CSV, XLSX]), check.id
            keys = {b.proto.id.rsplit("-", 1)[-1] for b in block.get("download_button")}
            assert keys == {f"kq_{check.id}_csv", f"kq_{check.id}_xlsx"}, check.id
        elif not mq.is_enabled(check.id, mq.thresholds()):  # switched off in config/pantau.toml: says so
            assert [s.value for s in block.info] == [catalogue.KUALITAS_CHECKS[check.id]["disabled"]], check.id
            assert not downloads(block), check.id
        else:
            assert [s.value for s in block.success] == [catalogue.KUALITAS["none"]], check.id
            assert not downloads(block), check.id
    assert with_rows, "the demo database fires some checks"


def test_ringkasan_score_of_a_planted_kecamatan(monkeypatch, db):
    """Planted duplicate activity in Kelurahan Toboali (kecamatan Toboali, 11 desa): rows =
    3 activities (KGT-A1, KGT-A3, PLANT) + 25 LHPs (2 prevention x 11 desa + R-A1, R-A3, R-PLANT)
    + 11 TPS + 11 desa + 1 case (C-1) = 51; flagged = KGT-A1 and PLANT = 2; score = 1 - 2/51 = 49/51
    (96,1%). Every other kecamatan has no issue: 100%."""
    build(db, plant="duplicate_activity")
    at = run_app(monkeypatch, sqlite_url(db), page="pages/ringkasan.py")
    assert not at.exception, [e.value for e in at.exception]
    bars = chart(at, "ringkasan_quality")["data"][0]
    scores = dict(zip(bars["y"], bars["x"], strict=True))
    assert len(scores) == 8
    assert scores["Toboali"] == pytest.approx(49 / 51)
    assert {k: v for k, v in scores.items() if k != "Toboali"} == {k: 1.0 for k in scores if k != "Toboali"}
    labels = dict(zip(bars["y"], bars["text"], strict=True))
    assert labels["Toboali"] == "96,1% · 2 dari 51"


def test_date_tab_names_planted_rows_under_the_default_range(monkeypatch, db):
    """Issue 18 on the page, under the default date range (the campaign, 19–23 Nov): a quiet-period
    activity (25 Nov) is listed in the "Tanggal" tab with its masa and gap, with the reason the check
    matters and its downloads; the tab says it looks past the date filter."""
    build(db, plant="activity_outside_campaign")
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    block = section(at, "activity_outside_campaign")
    title = catalogue.KUALITAS_CHECKS["activity_outside_campaign"]["title"]
    assert block.subheader[0].value == f"{title}: 1 kegiatan"
    why = catalogue.KUALITAS_DATES["why"].format(text=catalogue.KUALITAS_CHECKS["activity_outside_campaign"]["why"])
    assert why in [m.value for m in block.markdown]
    table = block.dataframe[0].value
    assert table[["Kode kegiatan", "Masa", "Hari di luar masa", "Ada LHP"]].values.tolist() == [
        ["PLANT", "Masa tenang", 2, "Ya"]]
    assert downloads(block) == sorted([CSV, XLSX])
    tab = [t for t in at.tabs if t.label.startswith(catalogue.KUALITAS_DATES["tab"] + " ·")]
    assert len(tab) == 1 and tab[0].label == f"{catalogue.KUALITAS_DATES['tab']} · 1"
    assert catalogue.KUALITAS_DATES["note"] in [c.value for c in tab[0].caption]
    # the LHP-without-activity check is off by default and says how to turn it on
    off = section(at, "report_without_activity")
    assert [s.value for s in off.info] == [catalogue.KUALITAS_CHECKS["report_without_activity"]["disabled"]]
