"""Login sessions in the database

A login lived in one Streamlit connection's memory: a reload, a second tab or a shared link showed
the login form again, and another server process knew nothing of it. ``login_session`` holds one
row per browser login (the cookie names it; only the SHA-256 of its token is stored), revocable,
with an absolute expiry; ``app_secret`` keeps the cookie-signing key a deployment generated for
itself when PANTAU_SECRET_KEY is unset, so every process signs alike.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('address', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_login_session'))
    )
    op.create_index('ix_login_session_username', 'login_session', ['username'], unique=False)
    op.create_table('app_secret',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_app_secret'))
    )


def downgrade() -> None:
    op.drop_table('app_secret')
    op.drop_index('ix_login_session_username', table_name='login_session')
    op.drop_table('login_session')
