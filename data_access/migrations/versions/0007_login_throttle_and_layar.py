"""Login throttle per account and client address

Failed logins were counted on the account alone, by a read-modify-write that parallel guesses
overwrote (3 rounds of 8 parallel wrong passwords never locked it), and anyone could keep an
account locked from anywhere. ``login_throttle`` counts them per account and address, atomically.

Revision ID: 0007
Revises: 0005 (re-chained after 0006 at merge)
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_table('login_throttle')
