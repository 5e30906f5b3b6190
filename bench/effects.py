"""Benchmark: the effect dashboard at national scale, 100,000 issues and a million history events.

    .venv/bin/python -m bench.effects [--db URL] [--issues N] [--events-per-issue K]

Targets (2-core machine): each of the collaboration's computed figures (one aggregate query
over every issue or event) < 0.5 s; the whole dashboard uncached (every effect with its status,
the computed series, the issue flow, lifts per quarter, medians per level) < 2 s. The page
caches the computed figures for five minutes, so most clicks cost none of this.
"""

import argparse
import random
import time
from datetime import timedelta

from sqlalchemy import bindparam, func, insert, select, update

from bench.database import bench_engine, settled
from bench.issue_list import populate
from bench.meetings import add_history_and_meetings
from bench.timing import timed
from models import Issue, IssueEvent, Notification, clock, unit_of_work
from models.migrate import upgrade
from models.vocabulary import Role
from services.effects import collaboration
from services.effects.queries import effect_overview
from services.permissions import Actor
from services.startup.effects import load_effects

FIGURE_TARGET = 0.5
DASHBOARD_TARGET = 2.0
LEADER = Actor(1, "strategisk", frozenset({(Role.STRATEGIC_LEADER, None)}))


def add_outcomes(engine, events_per_issue: int) -> int:  # noqa: ANN001
    """Resolved issues get a resolution date and feedback (most acknowledged), and every issue
    `events_per_issue` more history events (comments, edits), so the event table is national."""
    rng = random.Random(11)
    with engine.begin() as conn:
        rows = [
            (
                issue_id,
                created,
                person,
                created + timedelta(days=rng.randrange(5, 200))
                if status in ("resolved", "closed")
                else None,
            )
            for issue_id, created, person, status in conn.execute(
                select(Issue.id, Issue.created_at, Issue.raised_by, Issue.status).where(
                    Issue.raised_by == "bench"
                )
            )
        ]
        conn.execute(
            update(Issue)
            .where(Issue.id == bindparam("iid"))
            .values(resolved_at=bindparam("resolved")),
            [{"iid": i, "resolved": r} for i, _c, _p, r in rows if r is not None],
        )
        event_ids = dict(
            conn.execute(
                select(IssueEvent.issue_id, func.min(IssueEvent.id)).group_by(IssueEvent.issue_id)
            ).all()
        )
        notes, events = [], []
        for issue_id, created, person, resolved in rows:
            if resolved is not None:
                notes.append(
                    {
                        "issue_id": issue_id,
                        "event_id": event_ids[issue_id],
                        "kind": "feedback",
                        "person": person,
                        "created_at": resolved,
                        "acknowledged_at": resolved + timedelta(days=2)
                        if rng.random() < 0.7
                        else None,
                        "acknowledged_by": person,
                        "email": "",
                    }
                )
            for n in range(events_per_issue):
                events.append(
                    {
                        "issue_id": issue_id,
                        "at": created + timedelta(days=n + 1),
                        "actor": "bench",
                        "kind": "commented",
                        "reason": "",
                        "skipped_level": False,
                        "changes": {},
                    }
                )
            if len(events) >= 50_000:
                conn.execute(insert(IssueEvent), events)
                events = []
        if events:
            conn.execute(insert(IssueEvent), events)
        for chunk in range(0, len(notes), 20_000):
            conn.execute(insert(Notification), notes[chunk : chunk + 20_000])
        total = conn.execute(select(func.count()).select_from(IssueEvent)).scalar()
    settled(engine)
    return total


def measure(engine, issues: int, events_per_issue: int) -> int:  # noqa: ANN001
    upgrade(engine)
    t0 = time.perf_counter()
    populate(engine, issues)
    add_history_and_meetings(engine)
    events = add_outcomes(engine, events_per_issue)
    with unit_of_work(engine) as session:
        load_effects(session)
        session.commit()
    print(
        f"{engine.dialect.name}: {issues} issues, {events} history events in "
        f"{time.perf_counter() - t0:.1f} s (once)"
    )
    failed = False
    today = clock.today()
    year = today - timedelta(days=365)
    with unit_of_work(engine) as session:
        checks = {name: (lambda fn=fn: fn(session)) for name, fn in collaboration.COMPUTED.items()}
        checks |= {
            "flow by level": lambda: collaboration.issue_flows(session, since=year, until=today),
            "flow by forum": lambda: collaboration.issue_flows(
                session, since=year, until=today, by_forum=True
            ),
            "lifts per quarter": lambda: collaboration.escalations_by_level(
                session, since=year, until=today
            ),
            "medians per level": lambda: collaboration.median_days_by_level(
                session, since=year, until=today
            ),
        }
        for name, check in checks.items():
            seconds, _ = timed(check)
            ok = seconds <= FIGURE_TARGET
            failed |= not ok
            print(f"{name:26} {seconds * 1000:8.1f} ms  {'ok' if ok else 'OVER'}")

        def dashboard() -> None:
            effect_overview(session, by=LEADER, today=today)
            for name in ("flow by level", "lifts per quarter", "medians per level"):
                checks[name]()

        seconds, _ = timed(dashboard, repeat=1)
        ok = seconds <= DASHBOARD_TARGET
        failed |= not ok
        print(f"{'dashboard, uncached':26} {seconds * 1000:8.1f} ms  {'ok' if ok else 'OVER'}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--issues", type=int, default=100_000)
    parser.add_argument("--events-per-issue", type=int, default=8)
    args = parser.parse_args()
    with bench_engine(args.db) as engine:
        return measure(engine, args.issues, args.events_per_issue)


if __name__ == "__main__":
    raise SystemExit(main())
