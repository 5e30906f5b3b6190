"""Benchmark: what the meeting pages ask on every run, at 100,000 issues.

    .venv/bin/python -m bench.meetings [--db URL] [--issues N]

Targets (per call, 2-core machine): the chair's overview of their forums, the agenda builder's
proposal, the beredningsgrupp's triage queue, a meeting's page, "when will it be discussed" and
the year's meetings each < 0.3 s. The issues are those of bench.issue_list, each with its
history (raised, and lifted for a third: about 133,000 events), and a year of meetings with
agendas for the forums on the demo path.
"""

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

import networkx as nx
from sqlalchemy import insert, select

from bench.database import bench_engine, settled
from bench.issue_list import populate
from bench.timing import timed
from models import (
    AgendaItem,
    AgreedAction,
    Forum,
    Issue,
    IssueEvent,
    Meeting,
    clock,
    unit_of_work,
)
from models.migrate import upgrade
from models.vocabulary import ItemKind, MeetingStatus, Role
from services.issues.history import record_arrivals
from services.meetings.agenda_items import agenda_proposal
from services.meetings.queries import chair_overview, meeting_view, meetings_of, when_discussed
from services.meetings.triage import triage_queue
from services.permissions import Actor
from services.structure.read import structure_graph

TARGET = 0.3
FORUMS = ("vm-fm-kommitte", "vm-strategisk-hsv", "samverkansgrupp-fm", "strategisk-samverkan")
CHAIR = Actor(
    1,
    "ordförande",
    frozenset({(Role.CHAIR, "samverkansgrupp-fm"), (Role.SECRETARY, "vm-fm-kommitte")}),
)
PREPARER = Actor(2, "beredning", frozenset({(Role.COLLABORATION_OFFICER, "beredningsgrupp-fm")}))


def add_history_and_meetings(engine) -> None:  # noqa: ANN001
    rng = random.Random(7)
    with engine.begin() as conn:
        issues = conn.execute(
            select(Issue.id, Issue.origin_forum_id, Issue.forum_id, Issue.created_at).where(
                Issue.raised_by == "bench"
            )
        ).all()
        events = []
        for issue_id, origin, now_at, created in issues:
            events.append(
                {
                    "issue_id": issue_id,
                    "at": created,
                    "actor": "bench",
                    "kind": "raised",
                    "from_forum_id": None,
                    "to_forum_id": origin,
                    "reason": "",
                    "skipped_level": False,
                    "changes": {},
                }
            )
            if now_at != origin:
                events.append(
                    {
                        "issue_id": issue_id,
                        "at": created + timedelta(days=3),
                        "actor": "bench",
                        "kind": "escalated",
                        "from_forum_id": origin,
                        "to_forum_id": now_at,
                        "reason": "",
                        "skipped_level": False,
                        "changes": {},
                    }
                )
        for chunk in range(0, len(events), 20000):
            conn.execute(insert(IssueEvent), events[chunk : chunk + 20000])
        record_arrivals(conn)
        forum_ids = dict(
            conn.execute(select(Forum.key, Forum.id).where(Forum.key.in_(FORUMS))).all()
        )
        start = datetime.now(UTC) - timedelta(days=180)
        for forum_id in forum_ids.values():
            queued = [
                r[0]
                for r in conn.execute(select(Issue.id).where(Issue.forum_id == forum_id).limit(200))
            ]
            for month in range(12):
                starts = start + timedelta(days=30 * month)
                status = (
                    MeetingStatus.APPROVED if starts < datetime.now(UTC) else MeetingStatus.PLANNED
                )
                meeting_id = conn.execute(
                    insert(Meeting)
                    .values(
                        forum_id=forum_id,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=2),
                        status=status.value,
                        version=1,
                        place="",
                        video_link="",
                        notes="",
                        created_by="bench",
                        created_at=start,
                        approved_by="",
                        is_demo=True,
                    )
                    .returning(Meeting.id)
                ).scalar()
                items = [
                    {
                        "meeting_id": meeting_id,
                        "position": n + 1,
                        "kind": ItemKind.ISSUE.value,
                        "issue_id": issue_id,
                        "title": f"Punkt {n}",
                        "background": "",
                        "presenter": "",
                        "proposed_decision": "",
                        "carried_times": 0,
                    }
                    for n, issue_id in enumerate(rng.sample(queued, min(8, len(queued))))
                ]
                if items:
                    conn.execute(insert(AgendaItem), items)
                conn.execute(
                    insert(AgreedAction).values(
                        forum_id=forum_id,
                        meeting_id=meeting_id,
                        title="Åtgärd",
                        responsible="",
                        due_on=clock.today() - timedelta(days=rng.randrange(-60, 60)),
                        status="open",
                        note="",
                        version=1,
                        created_at=start,
                        is_demo=True,
                    )
                )
    settled(engine)


def measure(engine, issues: int) -> int:  # noqa: ANN001
    upgrade(engine)
    t0 = time.perf_counter()
    populate(engine, issues)
    add_history_and_meetings(engine)
    print(
        f"{engine.dialect.name}: {issues} issues with their history and meetings in "
        f"{time.perf_counter() - t0:.1f} s (once)"
    )
    failed = False
    with unit_of_work(engine) as session:
        G: nx.MultiDiGraph = structure_graph(session)
        coming = session.exec(
            select(Meeting.id)
            .join(Forum, Forum.id == Meeting.forum_id)
            .where(Forum.key == "vm-fm-kommitte", Meeting.status == MeetingStatus.PLANNED)
            .order_by(Meeting.starts_at)
        ).first()
        year = datetime.now(UTC) - timedelta(days=365)
        checks = {
            "chair's overview": lambda: chair_overview(session, G, by=CHAIR, today=clock.today()),
            "agenda proposal": lambda: agenda_proposal(
                session, meeting_id=coming, by=CHAIR, graph=G
            ),
            "triage queue": lambda: triage_queue(
                session, G, group="beredningsgrupp-fm", by=PREPARER
            ),
            "meeting page": lambda: meeting_view(session, coming, by=CHAIR),
            "when discussed": lambda: when_discussed(
                session,
                G,
                at="vm-individ-vard",
                arrives=clock.today(),
                target="strategisk-samverkan",
            ),
            "year plan": lambda: meetings_of(session, by=CHAIR, since=year),
        }
        for name, check in checks.items():
            seconds, _ = timed(check)
            ok = seconds <= TARGET
            failed |= not ok
            print(f"{name:18} {seconds * 1000:8.1f} ms  {'ok' if ok else 'OVER'}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--issues", type=int, default=100_000)
    args = parser.parse_args()
    with bench_engine(args.db) as engine:
        return measure(engine, args.issues)


if __name__ == "__main__":
    raise SystemExit(main())
