import pytest

from models.vocabulary import IssueStatus as S
from services.issues.lifecycle import OPEN, TRANSITIONS, TransitionError, check_transition


def test_every_status_has_its_transitions():
    assert set(TRANSITIONS) == set(S)


def test_a_resolved_issue_can_only_be_reopened_for_handling():
    check_transition(S.RESOLVED, S.BEING_HANDLED)
    with pytest.raises(TransitionError, match="resolved cannot become on_agenda"):
        check_transition(S.RESOLVED, S.ON_AGENDA)


def test_a_closed_issue_can_only_be_reopened_as_new():
    check_transition(S.CLOSED, S.NEW)
    with pytest.raises(TransitionError):
        check_transition(S.CLOSED, S.RESOLVED)


def test_open_issues_can_always_be_resolved_or_closed():
    for status in OPEN:
        assert {S.RESOLVED, S.CLOSED} <= TRANSITIONS[status]


def test_no_status_leads_to_itself_except_moving_on_again():
    for status, targets in TRANSITIONS.items():
        if status not in (S.ESCALATED, S.DELEGATED):
            assert status not in targets
