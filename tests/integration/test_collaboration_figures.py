"""The collaboration's own indicators, computed in SQL on both databases, agree with the same
figures counted by hand from a small history with known dates."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from models import Forum, Issue, IssueEvent, Notification, unit_of_work
from services.effects import collaboration
from services.effects.collaboration import RESOLVED, Flow, LevelFigure
from services.effects.status import Point

LOCAL, REGIONAL, NATIONAL = "vm-individ-vard", "vm-fm-kommitte", "samverkansgrupp-fm"
STRATEGIC = "vm-strategisk-hsv"


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


# reference, raised at, resolved at, raised, resolved (or None), lifts (from, to, day, skipped),
# feedback acknowledged by whoever raised it
HISTORY = [
    ("A", LOCAL, LOCAL, "2026-01-05", "2026-01-15", [], True),
    ("B", LOCAL, LOCAL, "2026-01-10", "2026-02-19", [], False),
    (
        "C",
        LOCAL,
        NATIONAL,
        "2026-01-20",
        "2026-03-01",
        [
            (LOCAL, REGIONAL, "2026-01-25", False),
            (REGIONAL, STRATEGIC, "2026-02-01", False),
            (STRATEGIC, NATIONAL, "2026-02-05", False),
        ],
        True,
    ),
    (
        "D",
        REGIONAL,
        NATIONAL,
        "2026-02-01",
        "2026-05-02",
        [(REGIONAL, NATIONAL, "2026-02-03", True)],
        True,
    ),
    ("E", LOCAL, REGIONAL, "2026-04-01", None, [(LOCAL, REGIONAL, "2026-04-10", False)], False),
]


@pytest.fixture
def history(seeded):
    with seeded.begin() as conn:
        ids = dict(conn.execute(select(Forum.key, Forum.id)).all())
        for ref, origin, now, raised, resolved, lifts, acknowledged in HISTORY:
            issue = conn.execute(
                insert(Issue)
                .values(
                    reference=ref,
                    title=ref,
                    search_text=ref.lower(),
                    description="",
                    kind="challenge",
                    status="resolved" if resolved else "escalated",
                    priority="normal",
                    sharing="forums_only",
                    desired_outcome="",
                    origin_forum_id=ids[origin],
                    forum_id=ids[now],
                    raised_by=f"person {ref}",
                    outcome="",
                    created_at=at(raised),
                    updated_at=at(raised),
                    updated_by="",
                    resolved_at=at(resolved) if resolved else None,
                    version=1,
                    is_demo=False,
                )
                .returning(Issue.id)
            ).scalar()
            event = conn.execute(
                insert(IssueEvent)
                .values(
                    issue_id=issue,
                    at=at(raised),
                    actor="x",
                    kind="raised",
                    reason="",
                    to_forum_id=ids[origin],
                    skipped_level=False,
                    changes={},
                )
                .returning(IssueEvent.id)
            ).scalar()
            for source, target, day, skipped in lifts:
                conn.execute(
                    insert(IssueEvent).values(
                        issue_id=issue,
                        at=at(day),
                        actor="x",
                        kind="escalated",
                        reason="",
                        from_forum_id=ids[source],
                        to_forum_id=ids[target],
                        skipped_level=skipped,
                        changes={},
                    )
                )
            if resolved:
                conn.execute(
                    insert(Notification).values(
                        issue_id=issue,
                        event_id=event,
                        kind="feedback",
                        person=f"person {ref}",
                        created_at=at(resolved),
                        acknowledged_by=f"person {ref}",
                        email="",
                        acknowledged_at=at(resolved) + timedelta(days=1) if acknowledged else None,
                    )
                )
    return seeded


def figures(engine, fn, **kwargs):
    with unit_of_work(engine) as session:
        return fn(session, **kwargs)


def test_share_resolved_at_the_level_where_raised_per_quarter(history):
    # Q1: A, B (local→local) and C (local→national) resolved; Q2: D (regional→national)
    assert figures(history, collaboration.resolved_at_origin_level) == [
        Point(date(2026, 3, 31), pytest.approx(200 / 3)),
        Point(date(2026, 6, 30), 0.0),
    ]


def test_median_days_to_resolution_per_quarter_and_per_level(history):
    # Q1: 10, 40, 40 days -> 40; Q2: 90 days
    assert figures(history, collaboration.median_days_to_resolution) == [
        Point(date(2026, 3, 31), pytest.approx(40)),
        Point(date(2026, 6, 30), pytest.approx(90)),
    ]
    # local: 10, 40 -> 25; national: 40, 90 -> 65
    assert figures(history, collaboration.median_days_by_level) == [
        LevelFigure("local", pytest.approx(25), 2),
        LevelFigure("national", pytest.approx(65), 2),
    ]


def test_share_whose_feedback_reached_the_originator(history):
    assert figures(history, collaboration.feedback_reached) == [
        Point(date(2026, 3, 31), pytest.approx(200 / 3)),
        Point(date(2026, 6, 30), 100.0),
    ]


def test_lifts_skips_and_flows(history):
    # Q1: C and D lifted, D past a level; Q2: E lifted
    assert figures(history, collaboration.skipped_level) == [
        Point(date(2026, 3, 31), 50.0),
        Point(date(2026, 6, 30), 0.0),
    ]
    assert sorted(figures(history, collaboration.escalations_by_level)) == [
        (date(2026, 3, 31), "local", 1),
        (date(2026, 3, 31), "regional", 3),
        (date(2026, 6, 30), "local", 1),
        (date(2026, 6, 30), "regional", 0),
    ]
    # a year's period: every quarter is there, with 0 where nothing was lifted
    year = figures(
        history,
        collaboration.escalations_by_level,
        since=date(2025, 10, 1),
        until=date(2026, 10, 1),
    )
    assert [(q, n) for q, level, n in year if level == "local"] == [
        (date(2025, 12, 31), 0),
        (date(2026, 3, 31), 1),
        (date(2026, 6, 30), 1),
        (date(2026, 9, 30), 0),
    ]
    flows = figures(
        history, collaboration.issue_flows, since=date(2026, 1, 1), until=date(2026, 4, 1)
    )
    assert sorted(flows, key=lambda f: (f.source, f.target)) == [
        Flow("local", "regional", 1),
        Flow("local", RESOLVED, 2),
        Flow("national", RESOLVED, 1),
        Flow("regional", "national", 2),
    ]
    by_forum = figures(
        history,
        collaboration.issue_flows,
        since=date(2026, 4, 1),
        until=date(2026, 7, 1),
        by_forum=True,
    )
    assert sorted(by_forum, key=lambda f: f.source) == [
        Flow(NATIONAL, RESOLVED, 1),
        Flow(LOCAL, REGIONAL, 1),
    ]


def test_the_quarter_going_on_is_dated_today_not_at_its_end():
    assert collaboration.quarter_end(20264, today=date(2026, 12, 1)) == date(2026, 12, 1)
    assert collaboration.quarter_end(20263, today=date(2026, 12, 1)) == date(2026, 9, 30)
