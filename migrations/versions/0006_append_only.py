"""append-only history and audit log: the database refuses to change or remove their rows

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 03:00:00

No service updates or deletes an issue event or an audit entry; these triggers make that a rule
of the database too, so not even a hand-written statement can rewrite the record.
"""

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = ("issue_event", "audit_entry")
MESSAGE = "append-only: rows of {table} are never changed or removed"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE OR REPLACE FUNCTION refuse_rewriting_the_record() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'append-only: rows of % are never changed or removed',
                    TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql
        """)
        for table in TABLES:
            op.execute(f"""
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_the_record()
            """)
        return
    for table in TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE.format(table=table)}'); END
            """)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS refuse_rewriting_the_record()")
        return
    for table in TABLES:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
