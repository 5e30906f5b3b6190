"""Loads the demo meetings through the real services: planned, built from the proposal,
decided and approved, so their minutes, the issues' history and the agreed actions are genuine.

The preparatory group's acceptance of issues is taken as given for the demo's past meetings
(triage only takes issues onto coming meetings)."""

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import yaml
from sqlalchemy import exists
from sqlmodel import Session, select

from models import AgendaItem, Issue, Meeting, clock
from models.clock import STOCKHOLM
from models.vocabulary import DecisionKind
from services.accounts.signin import actor_of
from services.meetings.agenda_items import adopt_proposal, place_issue, publish_agenda
from services.meetings.meetings import (
    MeetingInput,
    ParticipantInput,
    appoint_adjuster,
    mark_held,
    plan_meeting,
    set_participants,
)
from services.meetings.minutes import ActionInput, DecisionInput, approve_minutes, record_decision
from services.permissions import Actor, trusted_actor
from services.startup.data_files import DEMO_MEETINGS


def load_demo_meetings(session: Session, path: Path = DEMO_MEETINGS) -> int:
    """Each demo meeting once; returns how many were created (0 when present)."""
    if session.exec(select(exists().where(Meeting.is_demo))).one():
        return 0
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["meetings"]
    for item in items:
        _load(session, item)
    return len(items)


def _load(session: Session, spec: dict) -> None:
    by = trusted_actor(spec["by"])
    if "hours_ago" in spec:  # going on now, so a new user can hold it and approve its minutes
        now = clock.local(clock.now()).replace(second=0, microsecond=0)
        starts = now.replace(minute=now.minute - now.minute % 15) - timedelta(
            hours=spec["hours_ago"]
        )
        # today's, however early the database is made: just after midnight "an hour ago" was
        # yesterday, and the demo's meeting of the day was not today's
        starts = max(starts, now.replace(hour=0, minute=0))
        ends = starts + timedelta(minutes=spec["minutes"])
        day = starts.date()
    else:
        day = clock.today() + timedelta(days=spec["days"])
        starts = datetime.combine(day, time.fromisoformat(spec["start"]), STOCKHOLM)
        ends = datetime.combine(day, time.fromisoformat(spec["end"]), STOCKHOLM)
    meeting = plan_meeting(
        session,
        forum=spec["forum"],
        by=by,
        demo=True,
        data=MeetingInput(starts, ends, place=spec.get("place", "")),
    )
    session.flush()
    people = [
        ParticipantInput(
            p["person"], p.get("organisation"), True, p.get("present", False), p.get("username")
        )
        for p in spec.get("participants", ())
    ]
    set_participants(
        session,
        meeting_id=meeting.id,
        participants=people,
        by=by,
        expected_version=_version(session, meeting),
    )
    if spec.get("adjuster"):
        appoint_adjuster(
            session,
            meeting_id=meeting.id,
            username=spec["adjuster"],
            by=by,
            expected_version=_version(session, meeting),
        )
    for decision in spec.get("decisions", ()):
        if "issue" in decision:
            issue = session.exec(select(Issue).where(Issue.title == decision["issue"])).one()
            place_issue(session, meeting, issue, by.name)
    adopt_proposal(
        session, meeting_id=meeting.id, by=by, expected_version=_version(session, meeting)
    )
    if spec.get("publish") or spec.get("held"):
        publish_agenda(
            session,
            meeting_id=meeting.id,
            by=by,
            to_nobody=True,
            expected_version=_version(session, meeting),
        )
    if not spec.get("held"):
        return
    mark_held(session, meeting_id=meeting.id, by=by, expected_version=_version(session, meeting))
    for decision in spec.get("decisions", ()):
        _decide(session, meeting, decision, by)
    approver = trusted_actor(spec["approve_by"])
    if meeting.adjuster_id is not None:  # the appointed justerare approves, as themselves
        approver = actor_of(session, meeting.adjuster_id)
    approve_minutes(
        session,
        meeting_id=meeting.id,
        by=approver,
        carry_over=True,
        expected_version=_version(session, meeting),
    )
    meeting.approved_at = datetime.combine(day, time(16), STOCKHOLM).astimezone(UTC)


def _decide(session: Session, meeting: Meeting, spec: dict, by: Actor) -> None:
    wanted = spec.get("standing") or spec["issue"]
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    item = next(i for i in items if i.title == wanted or i.title.startswith(f"{wanted} ("))
    actions = tuple(
        ActionInput(
            a["title"],
            a["organisation"],
            a.get("responsible", ""),
            clock.today() + timedelta(days=a["due_days"]),
        )
        for a in spec.get("actions", ())
    )
    record_decision(
        session,
        meeting_id=meeting.id,
        item_id=item.id,
        by=by,
        expected_version=_version(session, meeting),
        data=DecisionInput(
            DecisionKind(spec["kind"]), spec.get("text", ""), spec.get("target"), None, actions
        ),
    )


def _version(session: Session, meeting: Meeting) -> int:
    """The meeting's version once the last step is flushed (a flush bumps it)."""
    session.flush()
    return meeting.version
