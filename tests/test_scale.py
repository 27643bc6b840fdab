"""The synthetic national data generator (``python -m data_access demo --scale``), at a small factor."""
from __future__ import annotations

from sqlalchemy import func, select

from data_access import scale, schema, users
from data_access.__main__ import main as command
from data_access.filters import Filters
from data_access.queries import coverage


def test_counts_follow_the_factor_and_rows_satisfy_the_schema(db):
    # factor 0.002 of national: 2,000 activities, 6,000 LHP, 200 cases, 840 TPS; areas never fewer
    # than 3 kabupaten per provinsi (38 x 3 = 114), one kecamatan per kabupaten, two desa per kecamatan.
    result = scale.write(db, 0.002, replace=True, log=lambda _: None)
    assert result.rows["provinsi"] == 38
    assert result.rows["kabupaten"] == 114
    assert result.rows["kecamatan"] == 114
    assert result.rows["desa"] == 228
    assert result.rows["election"] == 38 + 114
    assert result.rows["tps"] == result.rows["formulir_c"] == 840
    assert result.rows["campaign_activity"] == 2_000
    assert result.rows["supervision_report"] == 6_000
    assert result.rows["violation_case"] == 200
    with db.connect() as conn:
        # what was reported is what is stored (CHECK and foreign keys applied on the way in)
        for table in ("desa", "tps", "campaign_activity", "supervision_report", "case_status"):
            stored = conn.execute(select(func.count()).select_from(schema.Base.metadata.tables[table])).scalar()
            assert stored == result.rows[table], table
        # an LHP is filed in the desa of the activity it supervised
        R, A = schema.SupervisionReport, schema.CampaignActivity
        elsewhere = conn.execute(select(func.count()).select_from(R).join(A, A.id == R.activity_id)
                                 .where(R.desa_kode != A.desa_kode)).scalar()
        assert elsewhere == 0
        # each activity's pair stands in its election, and its desa lies in that election's area
        E, D, K = schema.Election, schema.Desa, schema.Kecamatan
        outside = conn.execute(
            select(func.count()).select_from(A).join(E, E.id == A.election_id).join(D, D.kode == A.desa_kode)
            .join(K, K.kode == D.kecamatan_kode)
            .where((E.wilayah_kode != K.kabupaten_kode) & (E.wilayah_kode != func.substr(K.kabupaten_kode, 1, 2)))
        ).scalar()
        assert outside == 0
        # ~82 % of activities are supervised (binomial, n = 2,000: 4 points is > 4 standard deviations)
        total = coverage.activity_coverage(conn, Filters()).iloc[0]
        assert abs(total["supervised"] / total["activities"] - scale.SUPERVISED_SHARE) < 0.04
        # the demo accounts exist, so the app can be opened on it; the case history ends in the case status
        assert users.get_user(conn, "pimpinan") is not None
        C, H = schema.ViolationCase, schema.CaseStatus
        newest = (select(H.status).where(H.case_id == C.id).order_by(H.tanggal.desc(), H.id.desc()).limit(1)
                  .scalar_subquery())
        assert conn.execute(select(func.count()).select_from(C).where(C.status != newest)).scalar() == 0


def test_cli_rejects_a_bad_scale(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert command(["demo", "--scale", "nasional-besar"]) == 2
    assert "--scale harus" in capsys.readouterr().err
    assert command(["demo", "--scale", "0"]) == 2
