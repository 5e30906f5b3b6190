"""signin failure: failed sign-ins under names without an account

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 03:20:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signin_failure',
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('failed_signins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_failed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    with op.batch_alter_table('signin_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signin_failure_last_failed_at'), ['last_failed_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('signin_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signin_failure_last_failed_at'))
    op.drop_table('signin_failure')
