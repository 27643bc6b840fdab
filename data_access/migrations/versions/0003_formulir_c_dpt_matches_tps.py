"""formulir_c.dpt must equal its TPS's dpt

A recap stating a DPT different from the TPS's would let the Formulir C rate per registered voter and
the DPT totals disagree between pages. A composite foreign key (tps_id, dpt) -> tps(id, dpt), checked
at COMMIT, makes the database refuse it; the importer already updates both in one transaction.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A unique index (not a constraint): SQLite adds it in place, where a constraint would copy tps,
    # and dropping the old tps fails while formulir_c rows point at it.
    op.create_index('uq_tps_id_dpt', 'tps', ['id', 'dpt'], unique=True)
    with op.batch_alter_table('formulir_c') as batch:
        batch.create_foreign_key(op.f('fk_formulir_c_tps_id_dpt_tps'), 'tps', ['tps_id', 'dpt'],
                                 ['id', 'dpt'], deferrable=True, initially='DEFERRED')


def downgrade() -> None:
    with op.batch_alter_table('formulir_c') as batch:
        batch.drop_constraint(op.f('fk_formulir_c_tps_id_dpt_tps'), type_='foreignkey')
    op.drop_index('uq_tps_id_dpt', table_name='tps')
