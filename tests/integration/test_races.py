"""Two users saving the same issue at the same moment: one wins, the other is refused in the
app's own words, never with a driver's exception; nothing is lost or half-written."""

import threading

from sqlmodel import select

from models import Issue, IssueEvent, unit_of_work
from models.db import ConcurrentChangeError
from models.vocabulary import EventKind, Priority, Sharing
from services.issues.use_cases import IssueEdit, StaleError, edit_issue, raise_issue
from services.permissions import trusted_actor as anyone
from tests.integration.conftest import act
from tests.integration.test_issues import CERTIFICATES

WRITERS, EDITS = 8, 200


def test_concurrent_edits_of_one_issue_are_saved_or_refused_and_each_save_has_its_event(seeded):
    reference = act(seeded, raise_issue, data=CERTIFICATES, by=anyone("Anna")).reference
    accepted: list[str] = []
    refused: list[Exception] = []
    unexpected: list[BaseException] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        for edit in range(EDITS):
            title = f"Läkarintyg, skribent {number}, ändring {edit}"
            try:
                with unit_of_work(seeded) as session:
                    version = session.exec(
                        select(Issue.version).where(Issue.reference == reference)
                    ).one()
                    edit_issue(
                        session,
                        reference=reference,
                        by=anyone(f"Skribent {number}"),
                        expected_version=version,
                        data=IssueEdit(title, "", Priority.NORMAL, Sharing.FORUMS_ONLY, ""),
                    )
                    session.commit()
            except (StaleError, ConcurrentChangeError) as refusal:
                with lock:
                    refused.append(refusal)
            except BaseException as other:  # noqa: BLE001 - anything else is the failure
                with lock:
                    unexpected.append(other)
            else:
                with lock:
                    accepted.append(title)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert unexpected == []
    assert len(accepted) + len(refused) == WRITERS * EDITS
    with unit_of_work(seeded) as session:
        issue = session.exec(select(Issue).where(Issue.reference == reference)).one()
        edits = session.exec(
            select(IssueEvent)
            .where(IssueEvent.issue_id == issue.id, IssueEvent.kind == EventKind.EDITED)
            .order_by(IssueEvent.id)
        ).all()
    assert len(edits) == len(accepted)
    assert issue.version == 1 + len(accepted)
    assert [e.changes["title"][1] for e in edits] == _in_commit_order(edits, accepted)
    assert issue.title == edits[-1].changes["title"][1]


def _in_commit_order(edits: list[IssueEvent], accepted: list[str]) -> list[str]:
    """Every accepted title once, in the order the history holds them."""
    titles = [e.changes["title"][1] for e in edits]
    assert sorted(titles) == sorted(accepted)
    return titles
