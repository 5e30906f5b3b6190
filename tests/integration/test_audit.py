from datetime import UTC, datetime, timedelta

from sqlmodel import select

from models import AuditEntry, Issue, unit_of_work
from models.vocabulary import IssueStatus, Role
from services.accounts.audit import acting_as, search_audit
from services.accounts.users import create_local_user, set_password
from services.issues.feedback import carry_over_name, follow_issue
from services.issues.use_cases import change_status, raise_issue
from services.permissions import trusted_actor as anyone
from tests.integration.conftest import act, at
from tests.integration.test_issues import CERTIFICATES


def test_every_write_is_audited_with_who_and_what(seeded):
    with acting_as("Anna"), unit_of_work(seeded) as session:
        ref = raise_issue(session, data=CERTIFICATES, by=anyone("Anna")).reference
        session.commit()
    with acting_as("Bo"), unit_of_work(seeded) as session:
        change_status(
            session,
            reference=ref,
            status=IssueStatus.ON_AGENDA,
            by=anyone("Bo"),
            expected_version=1,
        )
        session.commit()
    with unit_of_work(seeded) as session:
        issue_id = session.exec(select(Issue.id).where(Issue.reference == ref)).one()
        anna = search_audit(session, by=anyone(), actor="Anna", table="issue").rows
        bo_page = search_audit(session, by=anyone(), actor="Bo")
        bo, total = bo_page.rows, bo_page.total
    assert [(e.action, e.row_id) for e in anna] == [("insert", str(issue_id))]
    assert anna[0].changes["title"] == [None, CERTIFICATES.title]
    update = next(e for e in bo if e.table_name == "issue")
    assert update.action == "update" and update.changes["status"] == ["new", "on_agenda"]
    assert {e.table_name for e in bo} >= {"issue", "issue_event"} and total == len(bo)


def test_writes_outside_a_user_action_are_the_systems(seeded):
    with unit_of_work(seeded) as session:
        assert session.exec(select(AuditEntry.actor).distinct()).all() == ["system"]
        recent = search_audit(
            session, by=anyone(), page_size=5, since=datetime.now(UTC) - timedelta(hours=1)
        )
    assert len(recent.rows) == 5 and recent.total > 5


def test_the_audit_log_never_holds_a_password_hash(seeded):
    admin = at("Eva", None, Role.ADMINISTRATOR)
    act(
        seeded,
        create_local_user,
        by=admin,
        username="greta",
        display_name="Greta",
        password="tre ord som ingen gissar 2026",
    )
    act(seeded, set_password, by=admin, username="greta", password="fyra nya ord att minnas")
    with unit_of_work(seeded) as session:
        logged = [
            e.changes
            for e in session.exec(select(AuditEntry).where(AuditEntry.table_name == "app_user"))
        ]
    assert logged and all("argon2" not in str(c) for c in logged)
    assert sum("password_hash" in c for c in logged) == 2  # that it changed is recorded


def test_direct_statements_are_audited_with_their_condition_and_values(seeded):
    """A user's rename moves their follows in one UPDATE, and a reference is counted with one:
    neither passes the ORM's per-row hook, and both are in the log."""
    with acting_as("Anna"), unit_of_work(seeded) as session:
        ref = raise_issue(session, data=CERTIFICATES, by=anyone("Anna")).reference
        follow_issue(session, reference=ref, by=anyone("Anna"))
        session.commit()
    with acting_as("admin"), unit_of_work(seeded) as session:
        carry_over_name(session, old="Anna", new="Anna Andersson", by=anyone("admin"))
        session.commit()
    with unit_of_work(seeded) as session:
        renamed = session.exec(
            select(AuditEntry).where(
                AuditEntry.actor == "admin", AuditEntry.table_name == "issue_follower"
            )
        ).one()
        counted = session.exec(
            select(AuditEntry).where(
                AuditEntry.actor == "Anna", AuditEntry.table_name == "reference_counter"
            )
        ).all()
    assert renamed.action == "update"
    assert "Anna" in renamed.row_id and renamed.changes == {"person": [None, "Anna Andersson"]}
    assert counted, "the reference counter's bump (or its first row) is logged"
