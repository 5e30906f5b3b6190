"""signin session: a signed-in browser found again by a token in a cookie

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 06:10:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signin_session',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('signin_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signin_session_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('signin_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signin_session_user_id'))
    op.drop_table('signin_session')
