"""Benchmark: the issue list and an issue's page at 100,000 issues.

    .venv/bin/python -m bench.issue_list [--db URL] [--issues N]

Targets (per call, 2-core machine): every list query (count and one page) < 0.3 s; an issue's
detail < 0.1 s, for the strategic level (who reads everything) and for a member of a few forums
(whose lists are filtered on the issues' paths). The issues are bulk-inserted (not through the
services) across a national-scale structure, with themes, organisations and paths (a third moved
up one forum), so filters and joins meet realistic data.
"""

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from bench.database import bench_engine, settled
from bench.national_structure import national_structure
from bench.timing import timed
from models import (
    Forum,
    ForumLink,
    Issue,
    IssueOrganisation,
    IssuePath,
    IssueTheme,
    Organisation,
    unit_of_work,
)
from models.issues import search_text_of
from models.migrate import upgrade
from models.vocabulary import IssueKind, IssueStatus, Role, Theme
from services.issues.queries import IssueFilter, issue_detail, list_issues
from services.permissions import Actor
from services.structure.sync import load_structure

TARGETS = {"detail": 0.1}
LIST_TARGET = 0.3
WORDS = (
    "läkarintyg",
    "plan",
    "återgång",
    "komplettering",
    "samordning",
    "arbetsgivare",
    "information",
    "kartläggning",
    "psykisk ohälsa",
    "vårdcentral",
    "remiss",
    "avstämning",
)


def populate(engine, n: int) -> None:  # noqa: ANN001
    rng = random.Random(2026)
    with unit_of_work(engine) as session:
        load_structure(session, national_structure())
        session.commit()
        forum_ids = list(session.exec(select(Forum.id)).scalars())
        org_ids = list(session.exec(select(Organisation.id)).scalars())
        up = dict(session.exec(select(ForumLink.source_id, ForumLink.target_id)).all())
    start = datetime.now(UTC) - timedelta(days=3 * 365)
    statuses = list(IssueStatus)
    batch = 5000
    with engine.begin() as conn:
        for first in range(0, n, batch):
            rows = []
            for i in range(first, min(first + batch, n)):
                created = start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                origin = rng.choice(forum_ids)
                forum = up.get(origin, origin) if i % 3 == 0 else origin
                reference = f"SAM-{created.year}-{i + 1:06d}"
                title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {i}"
                rows.append(
                    {
                        "reference": reference,
                        "title": title,
                        "search_text": search_text_of(reference, title),
                        "description": "",
                        "kind": rng.choice(list(IssueKind)).value,
                        "status": rng.choice(statuses).value,
                        "priority": "normal",
                        "sharing": "forums_only",
                        "desired_outcome": "",
                        "origin_forum_id": origin,
                        "forum_id": forum,
                        "raised_by": "bench",
                        "outcome": "",
                        "created_at": created,
                        "updated_at": created,
                        "updated_by": "bench",
                        "version": 1,
                        "is_demo": True,
                    }
                )
            conn.execute(insert(Issue), rows)
        ids = [r[0] for r in conn.execute(select(Issue.id).where(Issue.raised_by == "bench"))]
        paths = [
            {"issue_id": i, "forum_id": f}
            for i, o, f in conn.execute(
                select(Issue.id, Issue.origin_forum_id, Issue.forum_id).where(
                    Issue.raised_by == "bench"
                )
            )
            for f in {o, f}
        ]
        for chunk in range(0, len(paths), 20000):
            conn.execute(insert(IssuePath), paths[chunk : chunk + 20000])
        themes = [{"issue_id": i, "theme": rng.choice(list(Theme)).value} for i in ids]
        orgs = [
            {"issue_id": i, "organisation_id": o, "affected": False}
            for i in ids
            for o in rng.sample(org_ids, 2)
        ]
        for chunk in range(0, len(themes), 20000):
            conn.execute(insert(IssueTheme), themes[chunk : chunk + 20000])
        for chunk in range(0, len(orgs), 20000):
            conn.execute(insert(IssueOrganisation), orgs[chunk : chunk + 20000])
    settled(engine)


QUERIES = {
    "all, newest": (IssueFilter(), 1, "updated"),
    "open only": (IssueFilter(open_only=True), 1, "updated"),
    "one status": (IssueFilter(statuses=frozenset({"on_agenda"})), 1, "updated"),
    "one forum": (IssueFilter(forum="vm-individ-vard"), 1, "updated"),
    "one level": (IssueFilter(level="local"), 1, "oldest"),
    "one region": (IssueFilter(region="region-skane"), 1, "updated"),
    "one theme": (IssueFilter(theme="mental_ill_health"), 1, "updated"),
    "one organisation": (IssueFilter(organisation="region-vastmanland"), 1, "updated"),
    "text search": (IssueFilter(text="kartläggning"), 1, "updated"),
    "reference": (IssueFilter(text="SAM-2025-0500"), 1, "updated"),
    "page 2000": (IssueFilter(), 2000, "updated"),
    "combined": (IssueFilter(open_only=True, level="regional", theme="coordination"), 1, "created"),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--issues", type=int, default=100_000)
    args = parser.parse_args()
    with bench_engine(args.db) as engine:
        return measure(engine, args.issues)


def measure(engine, issues: int) -> int:  # noqa: ANN001
    upgrade(engine)
    t0 = time.perf_counter()
    populate(engine, issues)
    print(
        f"{engine.dialect.name}: inserted {issues} issues in "
        f"{time.perf_counter() - t0:.1f} s (once)"
    )
    failed = False
    for who, viewer in VIEWERS.items():
        print(f"-- as {who}")
        failed |= run_queries(engine, viewer)
    return 1 if failed else 0


VIEWERS = {
    "the strategic level": Actor(1, "strategisk", frozenset({(Role.STRATEGIC_LEADER, None)})),
    "a member of three forums": Actor(
        2,
        "samverkansansvarig",
        frozenset(
            (Role.COLLABORATION_OFFICER, f)
            for f in ("vm-individ-vard", "vm-fm-kommitte", "samverkansgrupp-fm")
        ),
    ),
}


def run_queries(engine, viewer: Actor) -> bool:  # noqa: ANN001
    """Time every query for one viewer; True if any is over its target."""
    failed = False
    with unit_of_work(engine) as session:
        for name, (flt, page, sort) in QUERIES.items():
            seconds, result = timed(
                lambda f=flt, p=page, s=sort: list_issues(session, f, page=p, sort=s, by=viewer)
            )
            ok = seconds <= LIST_TARGET
            failed |= not ok
            print(
                f"{name:18} {seconds * 1000:8.1f} ms  ({result.total:6} hits)  "
                f"{'ok' if ok else 'OVER'}"
            )
        reference = result.rows[0].reference if result.rows else None
        if reference:
            seconds, _ = timed(lambda: issue_detail(session, reference, by=viewer))
            ok = seconds <= TARGETS["detail"]
            failed |= not ok
            print(f"{'detail':18} {seconds * 1000:8.1f} ms  {'ok' if ok else 'OVER'}")
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
