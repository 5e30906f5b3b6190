"""Use cases for a forum's meetings: plan one or a year of them, set time, place, participants
and the justerare, publish the notice, mark it held, and reopen it with a reason.

Every change checks its rule, refuses a stale view (the meeting's version), and is an event in
the meeting's history; the caller commits: one user action, one transaction.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from models import (
    Forum,
    ForumSchedule,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
    Organisation,
    User,
)
from models.clock import STOCKHOLM, local
from models.refusals import StaleError
from models.vocabulary import Cadence, MeetingEventKind, MeetingStatus
from services.meetings.agenda import CLOSING, OPENING
from services.meetings.dates import DEFAULT_MINUTES, year_plan
from services.meetings.errors import MeetingRefusedError
from services.permissions import (
    Actor,
    can_prepare_agenda,
    can_read_meetings,
    can_reopen_meeting,
    require,
)
from services.personal_data import check_free_text
from services.structure.keys import optional_id, row_by_key

STATES = list(MeetingStatus)


@dataclass(frozen=True)
class MeetingInput:
    starts_at: datetime
    """Aware (any zone) or naive Swedish local time."""
    ends_at: datetime
    place: str = ""
    video_link: str = ""
    registration_number: str | None = None
    """The diarienummer; None when planning takes the forum's last meeting's."""


@dataclass(frozen=True)
class ParticipantInput:
    person: str
    organisation: str | None = None
    invited: bool = True
    present: bool = False
    username: str | None = None
    """Their account, if they have one; otherwise an active user whose name is `person`."""


def as_stockholm(at: datetime) -> datetime:
    return at.replace(tzinfo=STOCKHOLM) if at.tzinfo is None else at


def schedule_of(session: Session, forum: Forum) -> ForumSchedule:
    """The forum's schedule; a forum nobody has set one for gets the defaults."""
    return session.get(ForumSchedule, forum.id) or ForumSchedule(forum_id=forum.id)


@dataclass(frozen=True)
class ScheduleView:
    cutoff_days: int
    start_time: time
    minutes: int | None
    place: str
    opening_items: list[str]
    closing_items: list[str]


def schedule_view(session: Session, *, forum: str, by: Actor) -> ScheduleView:
    """The forum's schedule as its template form shows it; the standard standing items where
    the forum has set none."""
    require(can_read_meetings(by, forum))
    row = schedule_of(session, _forum(session, forum))
    return ScheduleView(
        row.cutoff_days,
        time.fromisoformat(row.start_time),
        row.minutes,
        row.place,
        list(row.opening_items or OPENING),
        list(row.closing_items or CLOSING),
    )


def update_schedule(
    session: Session,
    *,
    forum: str,
    by: Actor,
    cutoff_days: int,
    start_time: time,
    minutes: int | None,
    place: str,
    opening_items: list[str],
    closing_items: list[str],
) -> ForumSchedule:
    """The forum's cut-off, usual time and length, and its standing agenda items."""
    require(can_prepare_agenda(by, forum))
    if not 0 <= cutoff_days <= 90:
        raise MeetingRefusedError("cutoff_range")
    if minutes is not None and not 15 <= minutes <= 600:
        raise MeetingRefusedError("length_range")
    items = [i.strip() for i in [*opening_items, *closing_items] if i.strip()]
    check_free_text({"place": place, **{f"standing_{n}": i for n, i in enumerate(items, 1)}})
    row = schedule_of(session, _forum(session, forum))
    row.cutoff_days, row.start_time, row.minutes = cutoff_days, f"{start_time:%H:%M}", minutes
    row.place = place.strip()
    row.opening_items = [i.strip() for i in opening_items if i.strip()]
    row.closing_items = [i.strip() for i in closing_items if i.strip()]
    session.add(row)
    return row


def plan_meeting(
    session: Session, *, forum: str, data: MeetingInput, by: Actor, demo: bool = False
) -> Meeting:
    require(can_prepare_agenda(by, forum))
    starts, ends = _checked_times(data)
    row = _forum(session, forum)
    number = data.registration_number
    if number is None:
        number = (
            session.exec(
                select(Meeting.registration_number)
                .where(Meeting.forum_id == row.id)
                .order_by(Meeting.id.desc())
            ).first()
            or ""
        )
    meeting = Meeting(
        forum_id=row.id,
        starts_at=starts,
        ends_at=ends,
        place=data.place.strip(),
        video_link=data.video_link.strip(),
        created_by=by.name,
        is_demo=demo,
        registration_number=number.strip(),
    )
    session.add(meeting)
    session.flush()
    record(
        session,
        meeting,
        by.name,
        MeetingEventKind.PLANNED,
        changes={"starts_at": [None, f"{local(starts):%Y-%m-%d %H:%M}"]},
    )
    return meeting


def plan_year(session: Session, *, forum: str, year: int, by: Actor) -> list[Meeting]:
    """The forum's meetings for a year from its cadence and schedule (årshjul); days already
    holding one of its meetings are left as they are."""
    require(can_prepare_agenda(by, forum))
    row = _forum(session, forum)
    cadence = Cadence(row.cadence)
    if cadence is Cadence.AS_NEEDED:
        raise MeetingRefusedError("as_needed", {"forum": forum})
    schedule = schedule_of(session, row)
    hour, minute = (int(x) for x in schedule.start_time.split(":"))
    taken = {
        local(m.starts_at).date()
        for m in session.exec(select(Meeting).where(Meeting.forum_id == row.id))
    }
    planned = []
    for slot in year_plan(
        cadence,
        year,
        start=time(hour, minute),
        minutes=schedule.minutes or DEFAULT_MINUTES.get(cadence, 180),
    ):
        if slot.starts_at.date() in taken or slot.starts_at < datetime.now(UTC):
            continue
        planned.append(
            plan_meeting(
                session,
                forum=forum,
                by=by,
                data=MeetingInput(slot.starts_at, slot.ends_at, place=schedule.place),
            )
        )
    return planned


def update_meeting(
    session: Session, *, meeting_id: int, data: MeetingInput, by: Actor, expected_version: int
) -> Meeting:
    """Time, place, link and diarienummer; until the minutes are approved (the diarienummer
    is often given when the minutes are registered)."""
    meeting, forum = editable(
        session,
        meeting_id,
        expected_version,
        by,
        MeetingStatus.PLANNED,
        MeetingStatus.PUBLISHED,
        MeetingStatus.HELD,
    )
    starts, ends = _checked_times(data)
    wanted = {
        "starts_at": starts,
        "ends_at": ends,
        "place": data.place.strip(),
        "video_link": data.video_link.strip(),
    }
    if data.registration_number is not None:
        check_free_text({"registration_number": data.registration_number})
        wanted["registration_number"] = data.registration_number.strip()
    changes = {}
    for name, value in wanted.items():
        old = getattr(meeting, name)
        if old != value:
            changes[name] = [_said(old), _said(value)]
            setattr(meeting, name, value)
    if changes:
        session.add(meeting)
        record(session, meeting, by.name, MeetingEventKind.EDITED, changes=changes)
    return meeting


def set_participants(
    session: Session,
    *,
    meeting_id: int,
    participants: list[ParticipantInput],
    by: Actor,
    expected_version: int,
) -> Meeting:
    """Who is invited and who was present, by organisation and person."""
    meeting, _forum_key = editable(
        session,
        meeting_id,
        expected_version,
        by,
        MeetingStatus.PLANNED,
        MeetingStatus.PUBLISHED,
        MeetingStatus.HELD,
    )
    people = [p for p in participants if p.person.strip()]
    check_free_text({f"participant_{n}": p.person for n, p in enumerate(people, 1)})
    accounts = _accounts(session, people)
    for row in session.exec(
        select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
    ):
        if row.user_id is not None:  # a person kept in the list keeps their account
            accounts.setdefault(row.person.strip().casefold(), row.user_id)
        session.delete(row)
    for p in people:
        session.add(
            MeetingParticipant(
                meeting_id=meeting.id,
                person=p.person.strip()[:200],
                invited=p.invited,
                present=p.present,
                user_id=accounts.get(p.username or p.person.strip().casefold()),
                organisation_id=optional_id(
                    session, Organisation, p.organisation, MeetingRefusedError
                ),
            )
        )
    touch(session, meeting)
    record(
        session,
        meeting,
        by.name,
        MeetingEventKind.EDITED,
        changes={"participants": [None, len(people)]},
    )
    return meeting


def _accounts(session: Session, people: list[ParticipantInput]) -> dict[str, int]:
    """User ids by the username given, or by the name typed (case aside)."""
    usernames = {p.username for p in people if p.username}
    names = {p.person.strip().casefold() for p in people if not p.username}
    found: dict[str, int] = {}
    for user_id, username, name in session.exec(
        select(User.id, User.username, User.display_name).where(User.is_active)
    ):
        if username in usernames:
            found[username] = user_id
        if name.casefold() in names:
            found.setdefault(name.casefold(), user_id)
    missing = usernames - set(found)
    if missing:
        raise MeetingRefusedError("unknown_user", {"username": ", ".join(sorted(missing))})
    return found


def invited_users(session: Session, meeting_id: int) -> set[int]:
    return set(
        session.exec(
            select(MeetingParticipant.user_id).where(
                MeetingParticipant.meeting_id == meeting_id,
                MeetingParticipant.invited,
                MeetingParticipant.user_id.is_not(None),
            )
        )
    )


def appoint_adjuster(
    session: Session, *, meeting_id: int, username: str | None, by: Actor, expected_version: int
) -> Meeting:
    """The person who approves (justerar) the minutes; None leaves it to the chair."""
    meeting, _forum_key = editable(
        session,
        meeting_id,
        expected_version,
        by,
        MeetingStatus.PLANNED,
        MeetingStatus.PUBLISHED,
        MeetingStatus.HELD,
    )
    user = None
    if username:
        user = session.exec(select(User).where(User.username == username, User.is_active)).first()
        if user is None:
            raise MeetingRefusedError("unknown_user", {"username": username})
    old = meeting.adjuster_id
    meeting.adjuster_id = user.id if user else None
    touch(session, meeting)
    record(
        session,
        meeting,
        by.name,
        MeetingEventKind.EDITED,
        changes={"adjuster": [old, meeting.adjuster_id]},
    )
    return meeting


def mark_held(session: Session, *, meeting_id: int, by: Actor, expected_version: int) -> Meeting:
    meeting, _forum_key = editable(
        session, meeting_id, expected_version, by, MeetingStatus.PUBLISHED
    )
    if as_stockholm(meeting.starts_at) > datetime.now(UTC):
        raise MeetingRefusedError("not_started", {"starts_at": _said(meeting.starts_at)})
    return advance(session, meeting, MeetingStatus.HELD, by.name)


def reopen_meeting(
    session: Session, *, meeting_id: int, reason: str, by: Actor, expected_version: int
) -> Meeting:
    """One state back, by the chair, with the reason in the history. Decisions already applied
    to issues stay applied; approving again applies only what is new."""
    meeting, forum = load(session, meeting_id, by)
    require(can_reopen_meeting(by, forum))
    current(session, meeting, expected_version)
    status = MeetingStatus(meeting.status)
    if status is MeetingStatus.PLANNED:
        raise MeetingRefusedError("nothing_to_reopen")
    if not reason.strip():
        raise MeetingRefusedError("reason_required")
    back = STATES[STATES.index(status) - 1]
    meeting.status = back.value
    touch(session, meeting)
    record(
        session,
        meeting,
        by.name,
        MeetingEventKind.REOPENED,
        reason=reason.strip(),
        changes={"status": [status.value, back.value]},
    )
    return meeting


def advance(session: Session, meeting: Meeting, status: MeetingStatus, actor: str) -> Meeting:
    old = meeting.status
    meeting.status = status.value
    setattr(
        meeting,
        {
            MeetingStatus.PUBLISHED: "published_at",
            MeetingStatus.HELD: "held_at",
            MeetingStatus.APPROVED: "approved_at",
        }[status],
        datetime.now(UTC),
    )
    session.add(meeting)
    record(
        session,
        meeting,
        actor,
        MeetingEventKind(status.value),
        changes={"status": [old, status.value]},
    )
    return meeting


def load(session: Session, meeting_id: int, by: Actor | None) -> tuple[Meeting, str]:
    """The meeting and its forum's key, once `by` may read the forum's meetings."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise MeetingRefusedError("unknown_meeting", {"meeting": str(meeting_id)})
    forum = session.exec(select(Forum.key).where(Forum.id == meeting.forum_id)).one()
    if not can_read_meetings(by, forum):  # an invited user reads this one meeting
        require(can_read_meetings(by, forum, invited_users(session, meeting.id)))
    return meeting, forum


def editable(
    session: Session, meeting_id: int, expected_version: int, by: Actor, *states: MeetingStatus
) -> tuple[Meeting, str]:
    """The meeting, if `by` prepares its forum's meetings, the view is current and the
    meeting is in one of `states`."""
    meeting, forum = load(session, meeting_id, by)
    require(can_prepare_agenda(by, forum))
    current(session, meeting, expected_version)
    if MeetingStatus(meeting.status) not in states:
        raise MeetingRefusedError("wrong_state", {"status": meeting.status})
    return meeting, forum


def current(session: Session, meeting: Meeting, expected_version: int) -> None:
    """Refuse a save made from a view older than the meeting, naming who changed it last."""
    if meeting.version != expected_version:
        last = session.exec(
            select(MeetingEvent)
            .where(MeetingEvent.meeting_id == meeting.id)
            .order_by(MeetingEvent.id.desc())
        ).first()
        raise StaleError(
            "meeting", str(meeting.id), last.actor if last else "", last.at if last else None
        )


def touch(session: Session, meeting: Meeting) -> None:
    """A change to the agenda, decisions or participants is a change to the meeting: it bumps
    the version, so a second editor's stale save is refused."""
    flag_modified(meeting, "notes")
    session.add(meeting)


def record(
    session: Session,
    meeting: Meeting,
    actor: str,
    kind: MeetingEventKind,
    *,
    reason: str = "",
    changes: dict | None = None,
) -> MeetingEvent:
    event = MeetingEvent(
        meeting_id=meeting.id, actor=actor, kind=kind.value, reason=reason, changes=changes or {}
    )
    session.add(event)
    return event


def _checked_times(data: MeetingInput) -> tuple[datetime, datetime]:
    starts, ends = as_stockholm(data.starts_at), as_stockholm(data.ends_at)
    if ends <= starts:
        raise MeetingRefusedError("ends_before_start")
    if ends - starts > timedelta(hours=12):
        raise MeetingRefusedError("too_long")
    return starts.astimezone(UTC), ends.astimezone(UTC)


def _said(value: object) -> object:
    if isinstance(value, datetime):
        return f"{local(value):%Y-%m-%d %H:%M}"
    return value.isoformat() if isinstance(value, date) else value


def _forum(session: Session, key: str) -> Forum:
    return row_by_key(session, Forum, key, MeetingRefusedError)
