"""Issue 18: campaign activities found in the quiet period (masa tenang) are data. Cakupan and
Ringkasan show them as their own figure, "Kegiatan di masa tenang", whatever the date range; the
coverage figure counts them only when the date range includes their day (metrics.coverage).
Hand-built database, SQLite and PostgreSQL; rows inserted directly (the importer rule is another
branch's)."""
import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import insert

from data_access import schema
from data_access.filters import Filters
from metrics import coverage as m
from tests.apptest_utils import metrics, run_app, sqlite_url, texts
from tests.builders import MALIK, PAYUNG, RECORDED, TOBOALI, Builder
from texts import catalogue
from ui import quiet_period

D = dt.date
Q = catalogue.MASA_TENANG


@pytest.fixture
def quiet_db(db):
    """Bupati election (campaign 25 Sep - 23 Nov, quiet 24-26 Nov, voting 27 Nov), pair p1:
        a1 1 Oct Toboali  sttp             1 LHP
        a2 2 Oct Payung   sttp             1 LHP
        q1 25 Nov Malik   temuan_lapangan  1 LHP (25 Nov)  <- quiet period
        q2 26 Nov Payung  temuan_lapangan  0               <- quiet period
    Coverage over the campaign (the default range): a1, a2 -> 2/2 = 100,0%. Quiet period: 2, 1 supervised.
    Over 25 Sep - 26 Nov: 4 activities, 3 supervised = 75,0%."""
    b = Builder(db)
    e = b.election("bupati")
    p1 = b.paslon(e, 2, "Pasangan Bupati")
    a1 = b.activity(p1, "2024-10-01", TOBOALI)
    a2 = b.activity(p1, "2024-10-02", PAYUNG)
    with db.begin() as conn:
        ids = conn.execute(insert(schema.CampaignActivity).returning(schema.CampaignActivity.id,
                                                                      sort_by_parameter_order=True), [
            {"kode": kode, "election_id": e, "paslon_id": p1, "metode": "kegiatan_lain", "tanggal": day,
             "jam_mulai": None, "desa_kode": desa, "lokasi": "Rumah warga", "perkiraan_peserta": 30,
             "sumber": "temuan_lapangan", "recorded_at": RECORDED}
            for kode, day, desa in (("TL/Q1", D(2024, 11, 25), MALIK), ("TL/Q2", D(2024, 11, 26), PAYUNG))]).scalars()
        q1 = list(ids)[0]
    b.report("2024-10-01", TOBOALI, activity=a1)
    b.report("2024-10-02", PAYUNG, activity=a2)
    b.report("2024-11-25", MALIK, activity=q1)
    return db


def figure(db, f: Filters):
    with db.connect() as conn:
        def load(fn, filters=None, **kwargs):
            return fn(conn) if filters is None else fn(conn, filters, **kwargs)
        return quiet_period.collect(load, f)


CAMPAIGN = Filters(start=D(2024, 9, 25), end=D(2024, 11, 23))


def test_quiet_figure_looks_past_the_date_range(quiet_db):
    assert figure(quiet_db, CAMPAIGN) == m.QuietFigure(D(2024, 11, 24), D(2024, 11, 26), 2, 1, 0)
    # the range reaching into the quiet period: q1 (25 Nov) is inside 25 Sep - 25 Nov, q2 not
    assert figure(quiet_db, Filters(start=D(2024, 9, 25), end=D(2024, 11, 25))).in_coverage == 1
    assert figure(quiet_db, Filters(start=D(2024, 9, 25), end=D(2024, 11, 26))).in_coverage == 2
    # area and pair filters apply: Malik's kecamatan (Payung) holds both; Toboali none; pair 99 none
    assert figure(quiet_db, Filters(kecamatan=("19.03.05",))).activities == 2
    assert figure(quiet_db, Filters(desa=(MALIK,))) == m.QuietFigure(D(2024, 11, 24), D(2024, 11, 26), 1, 1, 1)
    assert figure(quiet_db, Filters(kecamatan=("19.03.01",))).activities == 0
    assert figure(quiet_db, Filters(paslon_ids=(99,))).activities == 0


def test_quiet_periods_of_the_elections_in_scope():
    """Two elections with different quiet periods (a made-up case): one period each, each counted
    with its own elections; with none chosen, the elections of the newest voting day."""
    elections = pd.DataFrame({"id": [1, 2, 3], "quiet_start": [D(2024, 11, 24), D(2024, 11, 20), D(2029, 11, 24)],
                              "quiet_end": [D(2024, 11, 26), D(2024, 11, 22), D(2029, 11, 26)],
                              "voting_day": [D(2024, 11, 27), D(2024, 11, 27), D(2029, 11, 27)]})
    periods = m.quiet_period_filters(Filters(election_ids=(1, 2), start=D(2024, 11, 21), end=D(2024, 11, 25)),
                                     elections)
    assert [(p.start, p.end, p.whole.election_ids, p.whole.start, p.inside.start, p.inside.end) for p in periods] == [
        (D(2024, 11, 20), D(2024, 11, 22), (2,), D(2024, 11, 20), D(2024, 11, 21), D(2024, 11, 22)),
        (D(2024, 11, 24), D(2024, 11, 26), (1,), D(2024, 11, 24), D(2024, 11, 24), D(2024, 11, 25))]
    newest = m.quiet_period_filters(Filters(start=D(2029, 9, 25), end=D(2029, 11, 23)), elections)
    assert [(p.start, p.whole.election_ids, p.inside) for p in newest] == [(D(2029, 11, 24), (3,), None)]
    assert m.quiet_period_filters(Filters(), elections.iloc[:0]) == []


@pytest.mark.parametrize("page", ["pages/cakupan.py", "pages/ringkasan.py"])
def test_pages_show_the_quiet_period_figure(monkeypatch, quiet_db, page):
    url = sqlite_url(quiet_db)
    at = run_app(monkeypatch, url, page=page)
    assert not at.exception, [e.value for e in at.exception]
    shown = metrics(at)
    assert shown[Q["label"]] == "2"
    # coverage over the default range (the campaign) is unchanged by the quiet-period rows
    coverage_label = (catalogue.CAKUPAN["kpi_coverage"] if page.endswith("cakupan.py")
                      else catalogue.RINGKASAN["kpi_coverage"])
    assert shown[coverage_label] == "100,0%"
    assert Q["note"].format(supervised="1", period="24 Nov 2024 – 26 Nov 2024") in texts(at)
    assert Q["outside_coverage"] in texts(at) and Q["explain"] in texts(at)
    assert any(link.label == Q["link"] for link in at.get("page_link"))
    # widened to the end of the quiet period: both are in coverage now, 2 of 4 supervised
    at = run_app(monkeypatch, url, page=page, query={"tanggal": ["2024-09-25", "2024-11-26"]})
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)[Q["label"]] == "2" and metrics(at)[coverage_label] == "75,0%"
    assert Q["inside_coverage"] in texts(at)
