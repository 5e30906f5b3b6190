"""Two years of invented, closed collaboration issues in Västmanland (demo), so the
collaboration's own indicators and the flow of issues have a history to show on first start.

Written straight into the tables with their past dates, the way years of real use would have
left them (the services stamp every event with the present time): raised, lifted step by step
or past a level, resolved where they ended, and the feedback acknowledged or not by whoever
raised them. Each is marked demo. The pace improves over the two years, as a demo should show.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import exists, insert
from sqlmodel import Session, select

from models import Forum, Issue, IssueEvent, IssuePath, Notification, clock
from models.issues import search_text_of
from models.vocabulary import EventKind, IssueKind, IssueStatus
from services.issues.history import record_arrivals
from services.issues.use_cases import next_reference

QUARTERS = 8
PER_QUARTER = 6
LOCAL = ("vm-individ-vard", "vm-individ-af")
CLIMB = {
    "vm-individ-vard": ["vm-fm-kommitte", "vm-strategisk-hsv", "samverkansgrupp-fm"],
    "vm-individ-af": ["vm-operativ-af", "vm-strategisk-af", "samverkansgrupp-fm"],
}
"""The agreed way up from each local forum (structure.yaml)."""
TITLES = (
    "Sena läkarintyg från en vårdcentral",
    "Oklart vem som kallar till avstämningsmöte",
    "Arbetsgivarens plan saknas i långa sjukfall",
    "Olika tolkning av kompletteringsbegäran",
    "Remisser till arbetslivsinriktad rehabilitering dröjer",
    "Information om ny e-tjänst når inte vårdenheterna",
    "Samordning kring psykisk ohälsa brister",
    "Gemensam kartläggning startar sent",
)
PEOPLE = ("Greta Gran (demo)", "Hugo Holm (demo)", "Ida Isaksson (demo)", "Jon Jansson (demo)")


def load_demo_history(session: Session, *, today: date | None = None) -> int:
    """The history once (0 when present); returns how many issues it wrote."""
    if session.exec(
        select(exists().where(Issue.is_demo, Issue.title.like("% (demo, historik)")))
    ).one():
        return 0
    today = today or clock.today()
    rng = random.Random(2026)
    ids = dict(
        session.exec(
            select(Forum.key, Forum.id).where(
                Forum.key.in_([*LOCAL, *{f for path in CLIMB.values() for f in path}])
            )
        ).all()
    )
    if len(ids) < len({*LOCAL, *(f for path in CLIMB.values() for f in path)}):
        return 0  # a structure without Västmanland's forums
    written = 0
    first = _quarter_start(today) - timedelta(days=91 * QUARTERS)
    for quarter in range(QUARTERS):
        progress = quarter / (QUARTERS - 1)  # 0 two years ago, 1 in the last quarter
        for _ in range(PER_QUARTER):
            raised = first + timedelta(days=91 * quarter + rng.randrange(80))
            if raised.date() >= today:
                continue
            _issue(session, rng, ids, raised, progress, today)
            written += 1
    record_arrivals(session.connection())
    return written


def _quarter_start(day: date) -> datetime:
    month = (day.month - 1) // 3 * 3 + 1
    return datetime.combine(date(day.year, month, 1), time(9), UTC)


def _issue(
    session: Session,
    rng: random.Random,
    ids: dict[str, int],
    raised: datetime,
    progress: float,
    today: date,
) -> None:
    origin = rng.choice(LOCAL)
    # later on, more is solved where it arose, sooner, and fewer lifts skip a level
    steps = 0 if rng.random() < 0.35 + 0.35 * progress else rng.choice((1, 1, 2, 3))
    path = [origin, *CLIMB[origin][:steps]]
    skip = steps >= 2 and rng.random() < 0.4 - 0.3 * progress
    if skip:
        path.pop(1)
    days = max(3, int(rng.gauss(70 - 40 * progress, 15) + 25 * steps))
    resolved = min(
        raised + timedelta(days=days), datetime.combine(today, time(8), UTC) - timedelta(days=1)
    )
    person = rng.choice(PEOPLE)
    title = f"{rng.choice(TITLES)} (demo, historik)"
    reference = next_reference(session, raised.year)
    issue_id = session.execute(
        insert(Issue)
        .values(
            reference=reference,
            title=title,
            search_text=search_text_of(reference, title),
            description="Påhittad fråga ur demons historik.",
            kind=IssueKind.CHALLENGE.value,
            status=IssueStatus.CLOSED.value,
            priority="normal",
            sharing="forums_only",
            desired_outcome="",
            origin_forum_id=ids[origin],
            forum_id=ids[path[-1]],
            raised_by=person,
            outcome="Löst i samverkan (demo).",
            created_at=raised,
            updated_at=resolved,
            updated_by=person,
            resolved_at=resolved,
            version=1,
            is_demo=True,
        )
        .returning(Issue.id)
    ).scalar()
    session.execute(
        insert(IssuePath),
        [{"issue_id": issue_id, "forum_id": ids[key]} for key in dict.fromkeys(path)],
    )
    events = [
        {
            "at": raised,
            "kind": EventKind.RAISED.value,
            "to_forum_id": ids[origin],
            "from_forum_id": None,
            "skipped_level": False,
        }
    ]
    step = (resolved - raised) / (len(path) + 1)
    for n, (below, above) in enumerate(zip(path, path[1:], strict=False), start=1):
        events.append(
            {
                "at": raised + step * n,
                "kind": EventKind.ESCALATED.value,
                "from_forum_id": ids[below],
                "to_forum_id": ids[above],
                "skipped_level": skip and n == 1,
            }
        )
    events.append(
        {
            "at": resolved,
            "kind": EventKind.RESOLVED.value,
            "from_forum_id": None,
            "to_forum_id": None,
            "skipped_level": False,
        }
    )
    event_ids = [
        session.execute(
            insert(IssueEvent)
            .values(issue_id=issue_id, actor=person, reason="", changes={}, **e)
            .returning(IssueEvent.id)
        ).scalar()
        for e in events
    ]
    acknowledged = rng.random() < 0.45 + 0.45 * progress
    session.execute(
        insert(Notification).values(
            issue_id=issue_id,
            event_id=event_ids[-1],
            kind="feedback",
            person=person,
            created_at=resolved,
            acknowledged_by=person if acknowledged else "",
            email="",
            acknowledged_at=resolved + timedelta(days=rng.randrange(1, 10))
            if acknowledged
            else None,
        )
    )
