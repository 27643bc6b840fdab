"""The Ringkasan page driven with AppTest on a small hand-built database (SQLite and PostgreSQL)
whose right answers, including the change against the previous period, are worked out by hand
below; and on the demo database."""
from urllib.parse import parse_qs

import pandas as pd
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

import config
from data_access.engine import make_engine
from data_access.queries import cases as case_queries
from data_access.queries import coverage as coverage_queries
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import reference
from metrics import areas as area_metrics
from metrics import cases as case_metrics
from tests.apptest_utils import keyed_block, run_app, sqlite_url, texts
from tests.builders import PAYUNG, RIAS, TOBOALI, Builder
from texts import formatting

PAGE = "pages/ringkasan.py"
RANGE = ["2024-10-11", "2024-10-20"]  # 10 days; the previous period is 1-10 Oct 2024
COLOR = {v: k for k, v in MetricProto.MetricColor.items()}
DIRECTION = {v: k for k, v in MetricProto.MetricDirection.items()}


@pytest.fixture
def small_url(db):
    """One Pilbup pair. Data stamp: every row recorded 20 Nov 2024 10.00 WIB, so the deadline
    check's reference day is 20 Nov 2024; handling deadline 3 + 2 = 5 days (config).

    Activities (date, desa, supervised by an LHP dated the same day):
        selected period 11-20 Oct:  a1-a4 12 Oct Toboali(kel): a1 a2 a3 supervised, a4 not
                                    a5    15 Oct Rias: not supervised
                                    a6 a7 14 Oct Payung: both supervised
        previous period 1-10 Oct:   b1 b2 05 Oct Toboali(kel): both supervised
                                    b3 b4 06 Oct Payung: b3 supervised, b4 not
    Cases (received, desa, status history):
        C1 12 Oct Toboali(kel): diterima, diregistrasi 13 Oct -> still open, due 17 Oct < 20 Nov: overdue
        C2 14 Oct Rias: tidak diregistrasi 16 Oct -> decided within 5 days (due 19 Oct)
        C3 15 Oct Payung: ... bukan pelanggaran 25 Oct -> decided after its due day 20 Oct: overdue
        P1 02 Oct Payung (previous period): tidak diregistrasi 03 Oct -> in time
    Formulir C (voting day 27 Nov, H-3 deadline 24 Nov):
        TPS 1 Toboali(kel) DPT 200, 10 tidak dikenal, recap 24 Nov (in time)
        TPS 1 Payung DPT 100, 6 pindah domisili + 6 meninggal dunia, recap 25 Nov (late)
    """
    b = Builder(db)
    e = b.election("bupati")
    p = b.paslon(e, 1, "Pasangan Uji")
    for i in range(4):
        a = b.activity(p, "2024-10-12", TOBOALI)
        if i < 3:
            b.report("2024-10-12", TOBOALI, activity=a)
    b.activity(p, "2024-10-15", RIAS)
    for _ in range(2):
        b.report("2024-10-14", PAYUNG, activity=b.activity(p, "2024-10-14", PAYUNG))
    for _ in range(2):
        b.report("2024-10-05", TOBOALI, activity=b.activity(p, "2024-10-05", TOBOALI))
    b.report("2024-10-06", PAYUNG, activity=b.activity(p, "2024-10-06", PAYUNG))
    b.activity(p, "2024-10-06", PAYUNG)
    b.case("C1", "2024-10-12", TOBOALI, [("diterima", "2024-10-12"), ("diregistrasi", "2024-10-13")], paslon_id=p)
    b.case("C2", "2024-10-14", RIAS, [("diterima", "2024-10-14"), ("tidak_diregistrasi", "2024-10-16")],
           paslon_id=p)
    b.case("C3", "2024-10-15", PAYUNG, [("diterima", "2024-10-15"), ("kajian_awal", "2024-10-16"),
                                        ("diregistrasi", "2024-10-17"), ("kajian", "2024-10-20"),
                                        ("bukan_pelanggaran", "2024-10-25")], paslon_id=p)
    b.case("P1", "2024-10-02", PAYUNG, [("diterima", "2024-10-02"), ("tidak_diregistrasi", "2024-10-03")],
           paslon_id=p)
    b.tps(TOBOALI, 1, 200, reasons={"tidak_dikenal": 10}, report_date="2024-11-24")
    b.tps(PAYUNG, 1, 100, reasons={"pindah_domisili": 6, "meninggal_dunia": 6}, report_date="2024-11-25")
    return db.url.render_as_string(hide_password=False)


def cards(at) -> dict:
    """label -> (value, delta text, delta colour, arrow) of every KPI card."""
    return {m.label: (m.value, m.proto.delta, COLOR[m.proto.color], DIRECTION[m.proto.direction])
            for m in at.metric}


def links(at) -> list[tuple[str, str, dict]]:
    """(label, target url path, query parameters) of every page link on the page."""
    return [(el.proto.label, el.proto.page, parse_qs(el.proto.query_string)) for el in at.get("page_link")]


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def block_texts(at, key: str) -> list[str]:
    """Captions, notices and markdown inside the container with Streamlit key ``key`` (a KPI card
    or a "Perlu perhatian" block), in page order."""
    def collect(node, out):
        for child in getattr(node, "children", {}).values():
            if type(child).__name__ in ("Caption", "Info", "Markdown"):
                out.append(str(child.value))
            collect(child, out)
        return out

    return collect(keyed_block(at, key), [])


NOT_FOR_FORMULIR_C = "Filter pasangan calon dan tanggal tidak berlaku untuk data ini."
NOT_FOR_LHP = "Filter pasangan calon tidak berlaku untuk data ini."


def test_whole_regency(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE})
    assert not at.exception, [e.value for e in at.exception]
    assert cards(at) == {
        # 7 activities (a1-a7) vs 4 (b1-b4): +3; more activities is neither good nor bad -> grey
        "Kegiatan kampanye": ("7", "+3", "GRAY", "UP"),
        # 5 of 7 supervised = 71,43% -> "71,4%"; before 3 of 4 = 75%; 71,43 - 75 = -3,57 points -> worse
        "Cakupan pengawasan": ("71,4%", "−3,6 poin", "RED", "DOWN"),
        # C1 C2 C3 vs P1: +2
        "Kasus pelanggaran": ("3", "+2", "GRAY", "UP"),
        # by current status: C1 still open vs none before (P1 decided): +1
        "Kasus masih diproses": ("1", "+1", "GRAY", "UP"),
        # C2, C3 decided vs P1: +1
        "Kasus sudah diputus": ("2", "+1", "GRAY", "UP"),
        # overdue C1 (open past its due day) and C3 (decided late) vs none before: +2, worse
        "Lewat batas waktu": ("2", "+2", "RED", "UP"),
        # 10 + 12 = 22 not delivered of DPT 300 = 7,333% -> "7,33%"; a snapshot, no change
        "Formulir C tidak terdistribusi": ("22", "7,33% dari DPT", "GRAY", "NONE"),
        # nothing in the quiet period (24-26 Nov); its own card, no change (issue 18)
        "Kegiatan di masa tenang": ("0", "", "GRAY", "NONE"),
    }
    text = captions(at)
    assert "periode sebelumnya dengan panjang sama: 1 Okt 2024 – 10 Okt 2024" in text
    assert "2 kegiatan tanpa LHP" in text  # a4, a5
    assert "5 dari 7 kegiatan diawasi" in text
    assert "33% dari 3 kasus" in block_texts(at, "ringkasan_kpi_open")  # 1/3 = 33,3%
    assert "67% dari 3 kasus" in block_texts(at, "ringkasan_kpi_decided")  # 2/3 = 66,7%
    # why the Formulir C card has no change, on screen (not only in its help)
    assert "Tanpa perubahan periode: satu rekap untuk pemungutan suara 27 Nov 2024" in \
        block_texts(at, "ringkasan_kpi_formulir_c")
    assert "batas 5 hari · acuan 20 Nov 2024" in text
    assert "1 dari 2 rekap terlambat (H-3: 24 Nov 2024)" in text  # Payung recap 25 Nov

    found = links(at)
    # Coverage: Toboali has 5 activities, Payung 2: both below the 10 needed to be ranked, so no link.
    assert not [link for link in found if link[1] == "cakupan" and "kegiatan" in link[0]]
    assert "2 kecamatan di bawah batas itu tidak diperingkat" in text
    # Quiet desa (no LHP 14-20 Oct): every desa but Payung (LHP 14 Oct) = 53 - 1 = 52; Rias never had
    # an LHP and has an activity, so it comes first; its link opens Cakupan on kecamatan Toboali.
    assert "52 desa/kelurahan tanpa Laporan Hasil Pengawasan dalam 7 hari terakhir rentang" in text
    quiet = [link for link in found if "LHP" in link[0]]
    assert quiet[0][0] == "**Rias (Toboali)** · belum pernah ada LHP"
    assert quiet[0][1] == "cakupan" and quiet[0][2]["kec"] == ["Toboali"] and "desa" not in quiet[0][2]
    # Overdue: Toboali 1 (C1, still open) before Payung 1 (C3, decided late).
    overdue = [link for link in found if link[1] == "pelanggaran"]
    assert [link[0] for link in overdue] == ["**Toboali** · 1 kasus lewat batas (1 masih diproses)",
                                             "**Payung** · 1 kasus diputus setelah batas waktu"]
    assert [link[2]["kec"] for link in overdue] == [["Toboali"], ["Payung"]]
    assert "2 kasus lewat batas waktu penanganan (5 hari sejak diterima)" in text
    # Formulir C: Payung 12/100 = 12,00%, Toboali 10/200 = 5,00%; one TPS above 10%.
    formc = [link for link in found if link[1] == "formulir_c"]
    assert [link[0] for link in formc] == ["**Payung** · 12,00% dari DPT (12 dari 100)",
                                           "**Toboali** · 5,00% dari DPT (10 dari 200)"]
    assert formc[0][2]["kec"] == ["Payung"]
    assert "1 TPS dengan lebih dari 10% DPT tidak menerima Formulir C" in text
    # every link keeps the chosen dates
    assert all(link[2]["tanggal"] == RANGE for link in found)


def test_one_kecamatan(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE, "kec": "Toboali"})
    assert not at.exception, [e.value for e in at.exception]
    assert cards(at) == {
        # a1-a5 vs b1 b2: +3
        "Kegiatan kampanye": ("5", "+3", "GRAY", "UP"),
        # 3 of 5 = 60,0% vs 2 of 2 = 100%: -40,0 points
        "Cakupan pengawasan": ("60,0%", "−40,0 poin", "RED", "DOWN"),
        # C1 C2 vs none before
        "Kasus pelanggaran": ("2", "+2", "GRAY", "UP"),
        "Kasus masih diproses": ("1", "+1", "GRAY", "UP"),  # C1
        "Kasus sudah diputus": ("1", "+1", "GRAY", "UP"),  # C2
        "Lewat batas waktu": ("1", "+1", "RED", "UP"),  # C1
        # 10 of DPT 200 = 5,00%
        "Formulir C tidak terdistribusi": ("10", "5,00% dari DPT", "GRAY", "NONE"),
        "Kegiatan di masa tenang": ("0", "", "GRAY", "NONE"),  # issue 18
    }
    text = captions(at)
    assert "50% dari 2 kasus" in block_texts(at, "ringkasan_kpi_open")  # 1 of 2
    assert "Semua 1 rekap TPS tepat waktu (H-3: 24 Nov 2024)" in text
    found = links(at)
    # One kecamatan chosen: desa are ranked (at least 3 activities). Kel. Toboali 3 of 4 = 75,0%;
    # Rias (1 activity) is not ranked.
    cov = [link for link in found if link[1] == "cakupan" and "kegiatan" in link[0]]
    assert [link[0] for link in cov] == ["**Toboali** · 75,0% (3 dari 4 kegiatan diawasi)"]
    assert cov[0][2]["kec"] == ["Toboali"] and cov[0][2]["desa"] == ["Toboali (Toboali)"]
    assert "1 desa/kelurahan di bawah batas itu tidak diperingkat" in text
    # Quiet: all 11 desa/kelurahan of Toboali (Kel. Toboali's last LHP is 12 Oct, before 14 Oct).
    assert "11 desa/kelurahan tanpa Laporan Hasil Pengawasan" in text
    assert [link[0] for link in found if link[1] == "pelanggaran"] == [
        "**Toboali** · 1 kasus lewat batas (1 masih diproses)"]
    formc = [link for link in found if link[1] == "formulir_c"]
    assert [link[0] for link in formc] == ["**Toboali** · 5,00% dari DPT (10 dari 200)"]
    assert formc[0][2]["desa"] == ["Toboali (Toboali)"]


@pytest.fixture
def two_elections_url(db, small_url):
    """``small_url`` plus a Pilgub with one pair ("Pilgub 1 · Pasangan Gub"), everything recorded at
    the same time as the rest (so the reference day stays 20 Nov 2024):
        selected period 11-20 Oct:  x1 13 Oct Rias: supervised; x2 13 Oct Payung: not supervised
        previous period 1-10 Oct:   y1 04 Oct Rias: not supervised
        case G1 16 Oct Rias: diterima only -> open, due 21 Oct < 20 Nov: overdue
    """
    b = Builder(db)
    g = b.paslon(b.election("gubernur"), 1, "Pasangan Gub")
    b.report("2024-10-13", RIAS, activity=b.activity(g, "2024-10-13", RIAS, kode="X1"), nomor="X1/LHP")
    b.activity(g, "2024-10-13", PAYUNG, kode="X2")
    b.activity(g, "2024-10-04", RIAS, kode="Y1")
    b.case("G1", "2024-10-16", RIAS, [("diterima", "2024-10-16")], paslon_id=g)
    return small_url


ACTIVITY_AND_CASE_CARDS = ("Kegiatan kampanye", "Cakupan pengawasan", "Kasus pelanggaran", "Lewat batas waktu")


def activity_and_case_cards(at) -> dict:
    return {k: v for k, v in cards(at).items() if k in ACTIVITY_AND_CASE_CARDS}


def test_one_election(monkeypatch, two_elections_url):
    at = run_app(monkeypatch, two_elections_url, page=PAGE,
                 query={"tanggal": RANGE, "pemilihan": "Pemilihan Gubernur 2024"})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    assert activity_and_case_cards(at) == {
        "Kegiatan kampanye": ("2", "+1", "GRAY", "UP"),                 # x1 x2 vs y1
        "Cakupan pengawasan": ("50,0%", "+50,0 poin", "BLUE", "UP"),    # 1 of 2 vs 0 of 1
        "Kasus pelanggaran": ("1", "+1", "GRAY", "UP"),                 # G1 vs none
        "Lewat batas waktu": ("1", "+1", "RED", "UP"),                  # G1
    }


def test_one_pair(monkeypatch, two_elections_url):
    # Pilbup 1 is the pair of every row of small_url: the same cards as the whole regency there,
    # the Pilgub rows left out.
    at = run_app(monkeypatch, two_elections_url, page=PAGE,
                 query={"tanggal": RANGE, "paslon": "Pilbup 1 · Pasangan Uji"})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    assert activity_and_case_cards(at) == {
        "Kegiatan kampanye": ("7", "+3", "GRAY", "UP"),
        "Cakupan pengawasan": ("71,4%", "−3,6 poin", "RED", "DOWN"),
        "Kasus pelanggaran": ("3", "+2", "GRAY", "UP"),
        "Lewat batas waktu": ("2", "+2", "RED", "UP"),
    }


def test_one_desa(monkeypatch, two_elections_url):
    at = run_app(monkeypatch, two_elections_url, page=PAGE, query={"tanggal": RANGE, "desa": "Rias (Toboali)"})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    assert activity_and_case_cards(at) == {
        "Kegiatan kampanye": ("2", "+1", "GRAY", "UP"),                 # a5 x1 vs y1
        "Cakupan pengawasan": ("50,0%", "+50,0 poin", "BLUE", "UP"),    # x1 of a5 x1 vs 0 of y1
        "Kasus pelanggaran": ("2", "+2", "GRAY", "UP"),                 # C2 G1 vs none (P1 is in Payung)
        "Lewat batas waktu": ("1", "+1", "RED", "UP"),                  # G1 (C2 decided in time)
    }


PAIR = "Pilbup 1 · Pasangan Uji"
NOTICE_KEYS = ("ringkasan_kpi_activities", "ringkasan_kpi_coverage", "ringkasan_kpi_formulir_c",
               "ringkasan_kpi_cases", "ringkasan_kpi_open", "ringkasan_kpi_decided", "ringkasan_kpi_overdue",
               "ringkasan_att_coverage", "ringkasan_att_quiet", "ringkasan_att_overdue", "ringkasan_att_formulir_c")


def notices(at) -> dict[str, list[str]]:
    """card or block key -> its "filter ... tidak berlaku" lines."""
    return {key: [t for t in block_texts(at, key) if "tidak berlaku" in t] for key in NOTICE_KEYS}


def test_filters_that_do_not_apply_are_said_where_they_do_not(monkeypatch, small_url):
    """Formulir C (card and list) has no pair and no dates; "Desa sepi" counts any LHP, which has no
    pair. With a pair and other dates than the campaign period chosen, exactly those say so."""
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE, "paslon": PAIR})
    assert not at.exception, [e.value for e in at.exception]
    assert not [w.value for w in at.warning]  # the pair was taken, not dropped as unknown
    found = notices(at)
    assert found.pop("ringkasan_kpi_formulir_c") == [f":blue[:material/info: {NOT_FOR_FORMULIR_C}]"]
    assert found.pop("ringkasan_att_formulir_c") == [NOT_FOR_FORMULIR_C]
    assert found.pop("ringkasan_att_quiet") == [NOT_FOR_LHP]
    assert found == {key: [] for key in found}  # activities, coverage and cases honour both filters
    # the only pair: the same figures as without it (test_whole_regency)
    assert cards(at)["Formulir C tidak terdistribusi"][:2] == ("22", "7,33% dari DPT")
    assert cards(at)["Kegiatan kampanye"][:2] == ("7", "+3")


def test_dates_alone_do_not_apply_to_formulir_c(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE})
    found = notices(at)
    assert found.pop("ringkasan_kpi_formulir_c") == [":blue[:material/info: Filter tanggal tidak berlaku untuk "
                                                     "data ini.]"]
    assert found.pop("ringkasan_att_formulir_c") == ["Filter tanggal tidak berlaku untuk data ini."]
    assert found == {key: [] for key in found}  # the quiet desa follow the end of the range


def test_no_notice_without_such_filters(monkeypatch, small_url):
    # no pair, and the default range (the campaign period, 25 Sep - 23 Nov 2024): every figure
    # follows every filter that is set
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert notices(at) == {key: [] for key in NOTICE_KEYS}
    assert not [t for t in texts(at) if "tidak berlaku" in t]


def _per_kecamatan(url: str, f) -> pd.DataFrame:
    """The per-kecamatan figures behind the page's map (``metrics.areas.area_measures``, as
    ``coverage_map`` builds it) and its "Perlu perhatian" lists (cases by status group, overdue by
    area), with the page's own filters."""
    by = ("kecamatan",)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            table = area_metrics.area_measures(
                "kecamatan", reference.kecamatan(conn), coverage_queries.activity_coverage(conn, f, by=by),
                case_queries.case_counts(conn, f, by=by), formulir_c_queries.delivery(conn, f, by=by),
                kecamatan=f.kecamatan, desa=f.desa)
            status = case_queries.case_counts(conn, f, by=("kecamatan", "status"))
            as_of = case_metrics.reference_day(reference.data_stamp(conn), formatting.WIB)
            # the overdue count per kecamatan from the pandas rule over every case (the page counts in SQL)
            listed = case_metrics.with_deadline(case_queries.case_list(conn, f), as_of,
                                                config.get().cases.deadline_days)
    finally:
        engine.dispose()
    split = pd.DataFrame([{"kode": kode, **case_metrics.decided_split(rows)}
                          for kode, rows in status.groupby("kecamatan_kode")], columns=["kode", "open", "decided"])
    overdue = (listed[listed["overdue"]].groupby("kecamatan_kode").size().rename("overdue").reset_index()
               .rename(columns={"kecamatan_kode": "kode"}))
    out = table.merge(split, on="kode", how="left").merge(overdue, on="kode", how="left").fillna(
        {"open": 0, "decided": 0, "overdue": 0})
    return out.set_index("nama")[["activities", "supervised", "cases", "open", "decided", "overdue", "dpt",
                                  "undelivered"]].astype(int)


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def _assert_rows_add_up_to_cards(at, rows) -> None:
    found = cards(at)
    total = rows.sum()
    assert _number(found["Kegiatan kampanye"][0]) == total["activities"]
    assert found["Cakupan pengawasan"][0] == formatting.fmt_pct(total["supervised"] / total["activities"], 1)
    assert _number(found["Kasus pelanggaran"][0]) == total["cases"] == total["open"] + total["decided"]
    assert _number(found["Kasus masih diproses"][0]) == total["open"]
    assert _number(found["Kasus sudah diputus"][0]) == total["decided"]
    assert _number(found["Lewat batas waktu"][0]) == total["overdue"]
    assert _number(found["Formulir C tidak terdistribusi"][0]) == total["undelivered"]
    assert found["Formulir C tidak terdistribusi"][1] == \
        f"{formatting.fmt_pct(total['undelivered'] / total['dpt'])} dari DPT"


def test_kecamatan_rows_add_up_to_the_regency_cards(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE})
    assert not at.exception, [e.value for e in at.exception]
    rows = _per_kecamatan(small_url, at.session_state["_pantau_selection"].filters)
    # by hand (see small_url): Toboali a1-a5 (3 supervised), C1 open + overdue, C2 decided in time,
    # TPS 1 Toboali 10 of 200; Payung a6 a7 (both supervised), C3 decided late, 12 of 100;
    # the other six kecamatan nothing (and no TPS recap)
    assert rows.loc["Toboali"].to_dict() == {"activities": 5, "supervised": 3, "cases": 2, "open": 1, "decided": 1,
                                             "overdue": 1, "dpt": 200, "undelivered": 10}
    assert rows.loc["Payung"].to_dict() == {"activities": 2, "supervised": 2, "cases": 1, "open": 0, "decided": 1,
                                            "overdue": 1, "dpt": 100, "undelivered": 12}
    assert len(rows) == 8 and not rows.drop(index=["Toboali", "Payung"]).to_numpy().any()
    # 7 activities, 5/7 = 71,4%, 3 cases = 1 open + 2 decided, 2 overdue, 22 of 300 = 7,33%
    _assert_rows_add_up_to_cards(at, rows)
    assert cards(at)["Kegiatan kampanye"][0] == "7" and cards(at)["Cakupan pengawasan"][0] == "71,4%"


def test_demo_kecamatan_rows_add_up_to_the_regency_cards(monkeypatch, _demo_sqlite):
    url = sqlite_url(_demo_sqlite)
    at = run_app(monkeypatch, url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    rows = _per_kecamatan(url, at.session_state["_pantau_selection"].filters)
    assert len(rows) == 8
    # published regency figures: 8.266 forms not delivered of DPT 151.742, over the 8 kecamatan
    assert (rows["undelivered"].sum(), rows["dpt"].sum()) == (8266, 151742)
    _assert_rows_add_up_to_cards(at, rows)


def test_link_applies_its_area_on_the_target_page(monkeypatch, small_url):
    """Following a link inside the session: the filter bar takes the link's kecamatan even though
    the bound widget already had a value (Streamlit only seeds bound widgets on first load)."""
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE})
    assert at.multiselect(key="kec").value == []
    at.query_params["kec"] = "Payung"
    at.switch_page("pages/formulir_c.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="kec").value == ["19.03.05"]


def test_empty_filter(monkeypatch, small_url):
    # Kepulauan Pongok has no activity, case or TPS in this database.
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": RANGE, "kec": "Kepulauan Pongok"})
    assert not at.exception
    assert not at.metric
    assert any("Tidak ada kegiatan kampanye, kasus, maupun rekap Formulir C" in i.value for i in at.info)


def test_demo_data(monkeypatch, _demo_sqlite):
    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    found = cards(at)
    # published regency figures: 8.266 forms not delivered, 5,45% of DPT 151.742
    assert found["Formulir C tidak terdistribusi"][:2] == ("8.266", "5,45% dari DPT")
    assert any("Data contoh" in t for t in texts(at))
    # every "Perlu perhatian" link opens the page that explains its measure, filtered to a known
    # kecamatan (other sections link to Peta and Kualitas Data without an area)
    by_page = {}
    for label, page, params in links(at):
        if page not in ("cakupan", "pelanggaran", "formulir_c"):
            continue
        by_page.setdefault(page, []).append(label)
        assert params["kec"][0] in {"Toboali", "Tukak Sadai", "Air Gegas", "Lepar Pongok", "Pulau Besar",
                                    "Simpang Rimba", "Payung", "Kepulauan Pongok"}
    assert set(by_page) == {"cakupan", "pelanggaran", "formulir_c"}
    assert all("dari DPT" in label for label in by_page["formulir_c"])
    assert all("kasus" in label for label in by_page["pelanggaran"])
    assert all("kegiatan" in label or "LHP" in label for label in by_page["cakupan"])
    assert [el for el in at.get("plotly_chart") if "ringkasan_trend" in el.proto.id]  # the weekly trend
