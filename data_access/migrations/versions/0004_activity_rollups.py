"""Summary tables of campaign activities; indexes on recorded_at

At national size (1 M activities, 3 M LHP) every coverage figure re-counted the raw rows and probed
the LHP index once per activity: 6 to 13 s a query. The activity_rollup_* tables hold the same
counts summed per area, day, pair and method (data_access.rollup keeps them in step; queries use
them only while they are up to date). recorded_at gets an index on every data table, so the
"data as of" stamp and the freshness check are lookups, not scans (0.9 s a call at national size).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

DIMENSIONS = {
    "activity_rollup_kabupaten": ("provinsi_kode", "kabupaten_kode", "tanggal"),
    "activity_rollup_paslon": ("provinsi_kode", "kabupaten_kode", "tanggal", "election_id", "paslon_id"),
    "activity_rollup_metode": ("provinsi_kode", "kabupaten_kode", "tanggal", "metode", "sumber"),
    "activity_rollup_desa": ("provinsi_kode", "kabupaten_kode", "kecamatan_kode", "desa_kode", "tanggal",
                             "election_id", "paslon_id", "metode", "sumber"),
}
TYPES = {"provinsi_kode": sa.String(2), "kabupaten_kode": sa.String(5), "kecamatan_kode": sa.String(8),
         "desa_kode": sa.String(13), "tanggal": sa.Date(), "election_id": sa.Integer(), "paslon_id": sa.Integer(),
         "metode": sa.String(40), "sumber": sa.String(20)}
DATA_TABLES = ("campaign_activity", "supervision_report", "violation_case", "case_status", "tps", "formulir_c")


def upgrade() -> None:
    for name, dims in DIMENSIONS.items():
        op.create_table(name, *(sa.Column(d, TYPES[d], nullable=False) for d in dims),
                        sa.Column("activities", sa.Integer(), nullable=False),
                        sa.Column("supervised", sa.Integer(), nullable=False))
        for area in ("kabupaten_kode", "kecamatan_kode", "desa_kode"):
            if area in dims:
                op.create_index(f"ix_{name}_{area}_tanggal", name, [area, "tanggal"])
        op.create_index(f"ix_{name}_tanggal", name, ["tanggal"])
    for table in DATA_TABLES:
        op.create_index(f"ix_{table}_recorded_at", table, ["recorded_at"])


def downgrade() -> None:
    for table in DATA_TABLES:
        op.drop_index(f"ix_{table}_recorded_at", table_name=table)
    for name in DIMENSIONS:
        op.drop_table(name)
