"""Reading issues for the pages: filtered, counted and paged in SQL, never whole tables."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial

import networkx as nx
from sqlalchemy import and_, exists, false, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from escalation import IssueFacts, Suggestion, SuggestionPolicy, ThemeSignal, suggest_escalation
from models import (
    AgendaItem,
    Evidence,
    Forum,
    Issue,
    IssueEvent,
    IssueOrganisation,
    IssuePath,
    IssueTheme,
    ItemDecision,
    Meeting,
    Organisation,
)
from models.vocabulary import DecisionKind, IssueStatus, MeetingStatus
from services.issues.lookup import path_keys
from services.paging import Page, window
from services.permissions import Actor, can_read_issue, require, visible_forums

PAGE_SIZE = 25
SORTS = {
    "updated": Issue.updated_at.desc(),
    "created": Issue.created_at.desc(),
    "oldest": Issue.created_at.asc(),
    "reference": Issue.reference.desc(),
}


@dataclass(frozen=True)
class IssueFilter:
    text: str = ""
    statuses: frozenset[str] = frozenset()
    kind: str | None = None
    theme: str | None = None
    forum: str | None = None
    level: str | None = None
    region: str | None = None
    """The region the forum where the issue is now covers."""
    raised_in_region: str | None = None
    """The region the forum where the issue was raised covers (wherever it is now)."""
    organisation: str | None = None
    open_only: bool = False
    overdue_only: bool = False
    """Open and older than the handling time for its forum's level (SuggestionPolicy)."""
    raised_by: str | None = None
    forums: frozenset[str] = frozenset()
    """Any of these forums (for "waiting at my forums")."""


@dataclass(frozen=True)
class IssueRow:
    reference: str
    title: str
    status: str
    kind: str
    forum: str
    level: str
    created_at: datetime
    updated_at: datetime


IssuePage = Page[IssueRow]


def count_issues(session: Session, flt: IssueFilter, *, by: Actor | None) -> int:
    """How many issues match that `by` may read. The forum is joined only when a filter needs
    it: the join made SQLite walk every forum's issues instead of the table once."""
    count = select(func.count()).select_from(Issue)
    if _needs_forum(flt):
        count = _joined(count.join(Forum, Forum.id == Issue.forum_id), flt)
    return session.exec(count.where(*_conditions(flt), *readable_by(by))).one()


def _needs_forum(flt: IssueFilter) -> bool:
    return bool(flt.level or flt.forum or flt.forums or flt.region or flt.overdue_only)


def list_issues(
    session: Session,
    flt: IssueFilter,
    *,
    by: Actor | None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    sort: str = "updated",
) -> IssuePage:
    """One page of the issues that match and that `by` may read."""
    total = count_issues(session, flt, by=by)
    shown = window(total, page, page_size)
    rows = [IssueRow(*r) for r in session.exec(shown.of(_rows_query(flt, sort, by)))]
    return shown.holding(rows)


def _rows_query(flt: IssueFilter, sort: str, by: Actor | None):  # noqa: ANN202 - a Select
    """The columns of IssueRow (and of the export), filtered and sorted."""
    query = select(
        Issue.reference,
        Issue.title,
        Issue.status,
        Issue.kind,
        Forum.name,
        Forum.level,
        Issue.created_at,
        Issue.updated_at,
    ).join(Forum, Forum.id == Issue.forum_id)
    return (
        _joined(query, flt)
        .where(*_conditions(flt), *readable_by(by))
        .order_by(SORTS.get(sort, SORTS["updated"]))
    )


def readable_by(by: Actor | None) -> list:
    """The reading rule (`can_read_issue`) as SQL: an issue whose path meets the actor's forums.

    Nobody signed in reads nothing; the strategic level reads everything.
    """
    forums = visible_forums(by)
    if forums is None:
        return []
    if not forums:
        return [false()]
    forum_ids = select(Forum.id).where(Forum.key.in_(forums))
    return [Issue.id.in_(select(IssuePath.issue_id).where(IssuePath.forum_id.in_(forum_ids)))]


def _joined(query, flt: IssueFilter):  # noqa: ANN001, ANN202 - a SQLAlchemy Select either way
    if flt.region:
        query = query.join(Organisation, Organisation.id == Forum.area_id)
    return query


def _conditions(flt: IssueFilter) -> list:
    where = []
    if flt.text.strip():
        wanted = flt.text.strip().lower()
        for char in ("\\", "%", "_"):  # the user's % and _ are text, not wildcards
            wanted = wanted.replace(char, "\\" + char)
        where.append(Issue.search_text.like(f"%{wanted}%", escape="\\"))
    if flt.statuses:
        where.append(Issue.status.in_(flt.statuses))
    if flt.open_only:
        where.append(Issue.status.not_in([IssueStatus.RESOLVED, IssueStatus.CLOSED]))
    if flt.overdue_only:
        now = datetime.now(UTC)
        where.append(Issue.status.not_in([IssueStatus.RESOLVED, IssueStatus.CLOSED]))
        where.append(
            or_(
                *(
                    and_(Forum.level == level.value, Issue.created_at < now - timedelta(days=days))
                    for level, days in SuggestionPolicy().handling_days.items()
                )
            )
        )
    if flt.raised_by:
        where.append(Issue.raised_by == flt.raised_by)
    if flt.forums:
        where.append(Forum.key.in_(flt.forums))
    if flt.kind:
        where.append(Issue.kind == flt.kind)
    if flt.forum:
        where.append(Forum.key == flt.forum)
    if flt.level:
        where.append(Forum.level == flt.level)
    if flt.region:
        where.append(Organisation.key == flt.region)
    if flt.raised_in_region:
        raised_in = (
            select(Forum.id)
            .join(Organisation, Organisation.id == Forum.area_id)
            .where(Organisation.key == flt.raised_in_region)
        )
        where.append(Issue.origin_forum_id.in_(raised_in))
    # Correlated EXISTS: each probe is one lookup in the (issue_id, ...) unique index, which
    # beats an IN list of tens of thousands of ids once other filters have narrowed the rows.
    if flt.theme:
        where.append(exists().where(IssueTheme.issue_id == Issue.id, IssueTheme.theme == flt.theme))
    if flt.organisation:
        org_id = select(Organisation.id).where(Organisation.key == flt.organisation)
        where.append(
            exists().where(
                IssueOrganisation.issue_id == Issue.id,
                IssueOrganisation.organisation_id == org_id.scalar_subquery(),
            )
        )
    return where


EXPORT_COLUMNS = (
    "reference",
    "title",
    "status",
    "kind",
    "priority",
    "themes",
    "organisations",
    "origin",
    "region",
    "forum",
    "level",
    "raised_by",
    "created_at",
    "updated_at",
    "resolved_at",
    "outcome",
)
EXPORT_CHUNK = 2000


def export_rows(
    session: Session,
    flt: IssueFilter,
    *,
    by: Actor | None,
    sort: str = "updated",
) -> Iterator[tuple]:
    """Every matching issue `by` may read as plain tuples (EXPORT_COLUMNS), streamed from SQL
    in chunks; each chunk's themes and organisations come in one query each."""
    origin, region = aliased(Forum), aliased(Organisation)
    query = (
        select(
            Issue.id,
            Issue.reference,
            Issue.title,
            Issue.status,
            Issue.kind,
            Issue.priority,
            origin.name,
            region.name,
            Forum.name,
            Forum.level,
            Issue.raised_by,
            Issue.created_at,
            Issue.updated_at,
            Issue.resolved_at,
            Issue.outcome,
        )
        .join(Forum, Forum.id == Issue.forum_id)
        .join(origin, origin.id == Issue.origin_forum_id)
        .outerjoin(region, and_(region.id == origin.area_id, region.kind == "region"))
    )
    query = (
        _joined(query, flt)
        .where(*_conditions(flt), *readable_by(by))
        .order_by(SORTS.get(sort, SORTS["updated"]))
        .execution_options(yield_per=EXPORT_CHUNK)
    )
    for chunk in session.exec(query).partitions():
        ids = [row[0] for row in chunk]
        themes = _grouped(
            session,
            select(IssueTheme.issue_id, IssueTheme.theme)
            .where(IssueTheme.issue_id.in_(ids))
            .order_by(IssueTheme.theme),
        )
        orgs = _grouped(
            session,
            select(IssueOrganisation.issue_id, Organisation.name)
            .join(Organisation, Organisation.id == IssueOrganisation.organisation_id)
            .where(IssueOrganisation.issue_id.in_(ids))
            .order_by(Organisation.name),
        )
        for (
            issue_id,
            reference,
            title,
            status,
            kind,
            priority,
            origin_name,
            region_name,
            forum_name,
            level,
            raised_by,
            created,
            updated,
            resolved,
            outcome,
        ) in chunk:
            yield (
                reference,
                title,
                status,
                kind,
                priority,
                tuple(themes.get(issue_id, ())),
                ", ".join(orgs.get(issue_id, ())),
                origin_name,
                region_name or "",
                forum_name,
                level,
                raised_by,
                created,
                updated,
                resolved,
                outcome,
            )


def _grouped(session: Session, query) -> dict[int, list[str]]:  # noqa: ANN001 - a Select
    out: dict[int, list[str]] = {}
    for issue_id, value in session.exec(query):
        out.setdefault(issue_id, []).append(value)
    return out


@dataclass(frozen=True)
class EventRow:
    at: datetime
    actor: str
    kind: str
    from_forum: str | None
    to_forum: str | None
    reason: str
    skipped_level: bool
    changes: dict = field(default_factory=dict)


@dataclass
class IssueDetail:
    id: int
    reference: str
    title: str
    description: str
    kind: str
    status: str
    priority: str
    sharing: str
    desired_outcome: str
    change_effective_on: date | None
    forum_key: str
    forum: str
    origin_key: str
    origin: str
    region: str | None
    """The region the origin forum covers, if it covers one."""
    raised_by: str
    created_at: datetime
    updated_at: datetime
    updated_by: str
    outcome: str
    version: int
    organisations: list[tuple[str, str, bool]] = field(default_factory=list)
    """(key, name, affected by a change notice)."""
    themes: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str, int | None]] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    path_forums: list[str] = field(default_factory=list)
    """Every forum on the issue's path (those whose members may read it)."""

    @property
    def path(self) -> list[str]:
        """The forum keys the issue has passed through, from its origin to where it is."""
        keys = [self.origin_key]
        for e in self.events:
            if e.kind in ("escalated", "delegated", "sent_back") and e.to_forum:
                keys.append(e.to_forum)
        return keys


def issue_detail(session: Session, reference: str, *, by: Actor | None) -> IssueDetail | None:
    """The whole issue with its history; None if there is none, PermissionDeniedError if `by`
    may not read it."""
    detail = issue_detail_for_anyone(session, reference)
    if detail is not None:
        require(can_read_issue(by, detail.path_forums))
    return detail


def issue_detail_for_anyone(session: Session, reference: str) -> IssueDetail | None:
    """`issue_detail` without asking who reads it: for a cache whose every reader is asked
    (`can_read_issue` on its `path_forums`)."""
    issue = session.exec(select(Issue).where(Issue.reference == reference)).first()
    return None if issue is None else _detail_of(session, issue, path_keys(session, issue.id))


def issue_state(session: Session, reference: str) -> tuple[object, ...] | None:
    """What changes whenever the issue or its history does (its version, its last change, its
    newest history event), in one look-up; None if there is no such issue."""
    row = session.exec(
        select(
            Issue.id,
            Issue.version,
            Issue.updated_at,
            select(func.max(IssueEvent.id))
            .where(IssueEvent.issue_id == Issue.id)
            .correlate(Issue)
            .scalar_subquery(),
        ).where(Issue.reference == reference)
    ).first()
    return None if row is None else tuple(row)


def _detail_of(session: Session, issue: Issue, path: list[str]) -> IssueDetail:
    forums = {
        f.id: f for f in session.exec(select(Forum).where(Forum.id.in_(_forum_ids(session, issue))))
    }
    detail = IssueDetail(
        id=issue.id,
        reference=issue.reference,
        title=issue.title,
        description=issue.description,
        kind=issue.kind,
        status=issue.status,
        priority=issue.priority,
        sharing=issue.sharing,
        desired_outcome=issue.desired_outcome,
        change_effective_on=issue.change_effective_on,
        forum_key=forums[issue.forum_id].key,
        forum=forums[issue.forum_id].name,
        origin_key=forums[issue.origin_forum_id].key,
        origin=forums[issue.origin_forum_id].name,
        region=_region_of(session, forums[issue.origin_forum_id]),
        raised_by=issue.raised_by,
        created_at=issue.created_at,
        updated_at=issue.updated_at,
        updated_by=issue.updated_by,
        outcome=issue.outcome,
        version=issue.version,
    )
    detail.organisations = [
        tuple(r)
        for r in session.exec(
            select(Organisation.key, Organisation.name, IssueOrganisation.affected)
            .join(IssueOrganisation, IssueOrganisation.organisation_id == Organisation.id)
            .where(IssueOrganisation.issue_id == issue.id)
            .order_by(Organisation.name)
        )
    ]
    detail.path_forums = path
    detail.themes = list(
        session.exec(select(IssueTheme.theme).where(IssueTheme.issue_id == issue.id))
    )
    detail.evidence = [
        tuple(r)
        for r in session.exec(
            select(Evidence.description, Evidence.source, Evidence.count)
            .where(Evidence.issue_id == issue.id)
            .order_by(Evidence.id)
        )
    ]
    detail.events = [
        EventRow(
            e.at,
            e.actor,
            e.kind,
            forums[e.from_forum_id].key if e.from_forum_id else None,
            forums[e.to_forum_id].key if e.to_forum_id else None,
            e.reason,
            e.skipped_level,
            e.changes or {},
        )
        for e in session.exec(
            select(IssueEvent).where(IssueEvent.issue_id == issue.id).order_by(IssueEvent.id)
        )
    ]
    return detail


def _region_of(session: Session, forum: Forum) -> str | None:
    if forum.area_id is None:
        return None
    area = session.get(Organisation, forum.area_id)
    return area.key if area and area.kind == "region" else None


def _forum_ids(session: Session, issue: Issue) -> set[int]:
    ids = {issue.forum_id, issue.origin_forum_id}
    for a, b in session.exec(
        select(IssueEvent.from_forum_id, IssueEvent.to_forum_id).where(
            IssueEvent.issue_id == issue.id
        )
    ):
        ids |= {i for i in (a, b) if i}
    return ids


def forum_names(session: Session) -> dict[str, str]:
    return dict(session.exec(select(Forum.key, Forum.name).order_by(Forum.name)).all())


def theme_signals(session: Session, themes: list[str], *, since: datetime) -> list[ThemeSignal]:
    """Where issues with these themes were raised lately: region of the origin forum's area."""
    if not themes:
        return []
    area = select(Organisation.id, Organisation.key, Organisation.kind).subquery()
    latest = func.max(Issue.created_at)
    rows = session.exec(
        select(IssueTheme.theme, area.c.key, latest)
        .join(Issue, Issue.id == IssueTheme.issue_id)
        .join(Forum, Forum.id == Issue.origin_forum_id)
        .join(area, area.c.id == Forum.area_id)
        .where(IssueTheme.theme.in_(themes), Issue.created_at >= since, area.c.kind == "region")
        .group_by(IssueTheme.theme, area.c.key)
    )
    # one signal per theme and region (the newest) is all the rule counts: not every issue
    return [ThemeSignal(theme, region, newest.date()) for theme, region, newest in rows]


def issues_version(session: Session) -> tuple[object, object]:
    """Changes whenever an issue is raised or changed (every change sets its updated_at, a
    move too): two index look-ups, so a page can cache what it counts over every issue and
    still see another server's change on its next rerun. Each max in a subquery of its own:
    SQLite looks a max up in its index only when it is the query's one aggregate (with both
    in one SELECT it read the whole index, 11 ms at 100,000 issues)."""
    return tuple(session.exec(ISSUES_VERSION).one())


ISSUES_VERSION = select(
    select(func.max(Issue.updated_at)).scalar_subquery(),
    select(func.max(Issue.id)).scalar_subquery(),
)


def issue_counts(session: Session, *, by: Actor | None) -> dict[str, int]:
    """Numbers for the start page, of the issues `by` may read, counted in SQL."""
    return {
        "issues": count_issues(session, IssueFilter(), by=by),
        "open": count_issues(session, IssueFilter(open_only=True), by=by),
        "overdue": count_issues(session, IssueFilter(overdue_only=True), by=by),
    }


def escalation_suggestions(
    session: Session,
    detail: IssueDetail,
    G: nx.MultiDiGraph,
    *,
    today: date,
    signals: Callable[[list[str], datetime], list[ThemeSignal]] | None = None,
    similar: Callable[[IssueDetail, datetime], frozenset[str]] | None = None,
) -> list[Suggestion]:
    """The engine's reasons to lift an open issue, with the themes raised in other regions
    (read by `signals(themes, since)` if given: a page shares them between its readers) and the
    regions that raised issues like it in other words (`similar(detail, since)`, if given:
    `services.issues.similar.similar_regions`)."""
    if detail.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED, IssueStatus.DELEGATED):
        return []  # a delegated issue was just handed down: proposing to lift it contradicts
    policy = SuggestionPolicy()
    since = datetime.combine(today, datetime.min.time(), UTC) - timedelta(
        days=policy.theme_window_days
    )
    facts = IssueFacts(
        detail.forum_key,
        frozenset(k for k, _n, _a in detail.organisations),
        frozenset(detail.themes),
        detail.created_at.date(),
        detail.region,
        carried_count(session, detail.id),
        similar(detail, since) if similar else frozenset(),
    )
    return suggest_escalation(
        G,
        facts,
        today=today,
        policy=policy,
        signals=(signals or partial(theme_signals, session))(detail.themes, since=since),
    )


def carried_count(session: Session, issue_id: int) -> int:
    """How many of its forum's meetings in a row have carried the issue over: its last item
    on an approved meeting's agenda was carried (or left without a decision)."""
    last = session.exec(
        select(AgendaItem.carried_times, ItemDecision.kind)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(ItemDecision, ItemDecision.item_id == AgendaItem.id)
        .where(AgendaItem.issue_id == issue_id, Meeting.status == MeetingStatus.APPROVED)
        .order_by(Meeting.starts_at.desc())
    ).first()
    if last is None or last[1] not in (None, DecisionKind.CARRIED_OVER):
        return 0
    return last[0] + 1
