"""Login throttle per account and client address

Failed logins were counted on the account alone, by a read-modify-write that parallel guesses
overwrote (3 rounds of 8 parallel wrong passwords never locked it), and anyone could keep an
account locked from anywhere. ``login_throttle`` counts them per account and address, atomically.
Every failure was also one audit row, so a flood pushed real events off the admin's page: failures
are now one row per account and 15 minutes, counted in ``audit_log.repeat_count`` (``window_key``
is unique, so parallel failures add to the same row).
The role ``layar`` (a wall screen: briefing mode only, the one session that does not expire) joins
the role CHECK constraint.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

ROLES = ('admin', 'operator', 'pimpinan', 'koordinator', 'layar')  # as in this revision, not schema.ROLES


def upgrade() -> None:
    op.create_table('login_throttle',
    sa.Column('subject', sa.String(length=50), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('next_allowed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('failures >= 0', name=op.f('ck_login_throttle_failures')),
    sa.PrimaryKeyConstraint('subject', 'address', name=op.f('pk_login_throttle'))
    )
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('repeat_count', sa.Integer(), server_default='1', nullable=False))
        batch.add_column(sa.Column('window_key', sa.String(length=100), nullable=True))
        batch.create_check_constraint(op.f('ck_audit_log_repeat_count'), 'repeat_count >= 1')
    op.create_index('ix_audit_log_window_key', 'audit_log', ['window_key'], unique=True)
    with op.batch_alter_table('app_user') as batch:
        batch.drop_constraint(op.f('ck_app_user_role'), type_='check')
        batch.create_check_constraint(op.f('ck_app_user_role'), f"role IN ({', '.join(map(repr, ROLES))})")


def downgrade() -> None:
    with op.batch_alter_table('app_user') as batch:  # fails while a layar account exists: remove it first
        batch.drop_constraint(op.f('ck_app_user_role'), type_='check')
        batch.create_check_constraint(op.f('ck_app_user_role'), f"role IN ({', '.join(map(repr, ROLES[:-1]))})")
    op.drop_index('ix_audit_log_window_key', table_name='audit_log')
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_constraint(op.f('ck_audit_log_repeat_count'), type_='check')
        batch.drop_column('window_key')
        batch.drop_column('repeat_count')
    op.drop_table('login_throttle')
