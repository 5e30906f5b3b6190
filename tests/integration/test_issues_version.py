"""The version pages cache their counts under: it changes with every new or changed issue (so
another server's change is seen at its next rerun), and it is read from the indexes alone, on
every rerun of every page that counts."""

from sqlalchemy import text
from sqlmodel import select

from models import Issue, unit_of_work
from models.vocabulary import Priority, Sharing
from services.issues.queries import ISSUES_VERSION, issues_version
from services.issues.use_cases import IssueEdit, edit_issue, raise_issue
from services.permissions import trusted_actor as anyone
from tests.integration.conftest import act
from tests.integration.test_issues import CERTIFICATES


def version(engine):
    with unit_of_work(engine) as session:
        return issues_version(session)


def test_a_new_issue_and_an_edit_each_change_the_version(seeded):
    empty = version(seeded)
    reference = act(seeded, raise_issue, data=CERTIFICATES, by=anyone("Anna")).reference
    raised = version(seeded)
    assert raised != empty
    with unit_of_work(seeded) as session:
        current = session.exec(select(Issue.version).where(Issue.reference == reference)).one()
        edit_issue(
            session,
            reference=reference,
            by=anyone("Bertil"),
            expected_version=current,
            data=IssueEdit("Läkarintyg som dröjer", "", Priority.HIGH, Sharing.FORUMS_ONLY, ""),
        )
        session.commit()
    assert version(seeded) != raised


def test_the_version_is_read_from_the_indexes_not_the_table(sqlite_engine):
    """Two aggregates in one SELECT made SQLite read the whole index of updated_at (11 ms at
    100,000 issues on every rerun); each in its own subquery is one look-up."""
    sql = str(ISSUES_VERSION.compile(dialect=sqlite_engine.dialect))
    with sqlite_engine.connect() as conn:
        plan = [row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    assert not any(step.startswith("SCAN issue") for step in plan), plan
