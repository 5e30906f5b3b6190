"""meeting registration number (the diarienummer the minutes are registered under) and a
decision's reason to skip a level of the escalation order

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 09:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_number',
                                      sqlmodel.sql.sqltypes.AutoString(length=60),
                                      nullable=False, server_default=''))
    with op.batch_alter_table('item_decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('skip_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('item_decision', schema=None) as batch_op:
        batch_op.drop_column('skip_reason')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('registration_number')
