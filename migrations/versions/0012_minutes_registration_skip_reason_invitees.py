"""a meeting's registration number (the diarienummer of its minutes), a decision's reason to
skip a level of the escalation order, the user account of an invited participant, and one
grant of a role held everywhere per user, a version on each inbox entry, and the browser a sign-in session belongs to

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
    with op.batch_alter_table('meeting_participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_meeting_participant_user_id', ['user_id'])
        batch_op.create_foreign_key('fk_meeting_participant_user_id', 'app_user', ['user_id'],
                                    ['id'])
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='1'))
    with op.batch_alter_table('signin_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('browser_hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default=''))
    # duplicates a race may have left are removed first (the lowest id stays)
    op.execute("DELETE FROM role_grant WHERE forum_id IS NULL AND id NOT IN "
               "(SELECT MIN(id) FROM role_grant WHERE forum_id IS NULL GROUP BY user_id, role)")
    op.create_index('ux_role_grant_everywhere', 'role_grant', ['user_id', 'role'], unique=True,
                    sqlite_where=sa.text('forum_id IS NULL'),
                    postgresql_where=sa.text('forum_id IS NULL'))


def downgrade() -> None:
    op.drop_index('ux_role_grant_everywhere', table_name='role_grant')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('signin_session', schema=None) as batch_op:
        batch_op.drop_column('browser_hash')
    with op.batch_alter_table('meeting_participant', schema=None) as batch_op:
        batch_op.drop_constraint('fk_meeting_participant_user_id', type_='foreignkey')
        batch_op.drop_index('ix_meeting_participant_user_id')
        batch_op.drop_column('user_id')
    with op.batch_alter_table('item_decision', schema=None) as batch_op:
        batch_op.drop_column('skip_reason')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('registration_number')
