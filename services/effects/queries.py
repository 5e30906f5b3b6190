"""What the dashboard and an effect's page show: every effect with its status and the reason,
and one effect with its indicators, values, assessments, reviews, links and history.

Effects and indicators are few (tens); their values are read in one query per page. The
computed indicators' series come from services.effects.collaboration (one aggregate each).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from models import (
    AgendaItem,
    AgreedAction,
    Effect,
    EffectEvent,
    EffectLink,
    EffectReview,
    Forum,
    Indicator,
    Issue,
    ItemDecision,
    Measurement,
    Meeting,
    Organisation,
    formats,
)
from models.vocabulary import Cadence, Direction, EffectLinkKind, EffectStatus
from services.effects.collaboration import COMPUTED
from services.effects.errors import EffectRefusedError
from services.effects.status import Assessment, Goal, Point, assess, roll_up
from services.permissions import Actor, can_read_effects, require

Series = Callable[[Session, str], list[Point]]


@dataclass(frozen=True)
class IndicatorView:
    id: int
    key: str | None
    name: str
    definition: str
    unit: str
    direction: Direction
    baseline: Point | None
    target: Point | None
    source: str
    organisation: str | None
    organisation_name: str | None
    frequency: Cadence
    computed: str | None
    version: int
    values: tuple[Point, ...]
    assessment: Assessment
    sources: tuple[str, ...] = ()
    """Each value's source, in the order of `values` (the report marks every figure)."""


@dataclass(frozen=True)
class ReviewView:
    reviewed_on: date
    assessment: EffectStatus
    comment: str
    reviewer: str
    next_review_on: date | None


@dataclass(frozen=True)
class LinkView:
    id: int
    kind: EffectLinkKind
    target_id: int
    label: str
    """The issue's reference and title, the action's title, or the decision's meeting and item."""
    reference: str | None = None
    meeting_id: int | None = None


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str
    kind: str
    indicator: str | None
    reason: str
    changes: dict


@dataclass(frozen=True)
class EffectSummary:
    id: int
    statement: str
    forum: str
    forum_name: str
    organisation_name: str | None
    status: EffectStatus
    counts: dict[EffectStatus, int]
    next_review_on: date | None
    review_overdue: bool
    indicators: tuple[IndicatorView, ...]
    is_demo: bool
    version: int
    archived: bool = False


@dataclass(frozen=True)
class EffectView:
    summary: EffectSummary
    description: str
    source: str
    review_cadence: Cadence
    organisation: str | None
    created_by: str
    reviews: tuple[ReviewView, ...]
    links: tuple[LinkView, ...] = field(default=())
    events: tuple[EventView, ...] = field(default=())


def computed_values(session: Session, name: str) -> list[Point]:
    return COMPUTED[name](session)


def effect_views(
    session: Session, *, by: Actor | None, today: date, series: Series = computed_values
) -> list[EffectView]:
    """Every effect followed up, with its indicators, reviews and links (not its history),
    worst status first, then by statement: the dashboard and the report for all."""
    require(can_read_effects(by))
    return effect_views_for_anyone(session, today=today, series=series)


def effect_views_for_anyone(
    session: Session, *, today: date, series: Series = computed_values
) -> list[EffectView]:
    """`effect_views` without asking who reads: for a cache whose every reader is asked."""
    order = list(EffectStatus)
    return sorted(
        _views(session, Effect.archived_at.is_(None), today, series),
        key=lambda v: (order.index(v.summary.status), v.summary.statement.lower()),
    )


def effects_version(session: Session) -> int:
    """Changes whenever an effect, an indicator, a value, a review or a link does: each is
    written with a history event (services.effects.history). One index look-up."""
    return session.exec(select(func.max(EffectEvent.id))).one() or 0


def effect_overview(
    session: Session, *, by: Actor | None, today: date, series: Series = computed_values
) -> list[EffectSummary]:
    """Every effect's summary, worst status first."""
    return [v.summary for v in effect_views(session, by=by, today=today, series=series)]


def effect_view(
    session: Session,
    *,
    effect_id: int,
    by: Actor | None,
    today: date,
    series: Series = computed_values,
) -> EffectView:
    """One effect, archived or not, with its history too."""
    require(can_read_effects(by))
    found = _views(session, Effect.id == effect_id, today, series)
    if not found:
        raise EffectRefusedError("unknown_effect", {"effect": str(effect_id)})
    [view] = found
    names = {i.id: i.name for i in view.summary.indicators}
    events = session.exec(
        select(EffectEvent)
        .where(EffectEvent.effect_id == effect_id)
        .order_by(EffectEvent.id.desc())
        .limit(200)
    )
    return replace(
        view,
        events=tuple(
            EventView(e.at, e.actor, e.kind, names.get(e.indicator_id), e.reason, e.changes)
            for e in events
        ),
    )


def _views(session: Session, which: object, today: date, series: Series) -> list[EffectView]:
    """The effects `which` selects, with indicators, reviews and links, in a few queries
    whatever their number."""
    effects = session.exec(
        select(Effect, Forum.key, Forum.name, Organisation.name, Organisation.key)
        .join(Forum, Forum.id == Effect.forum_id)
        .outerjoin(Organisation, Organisation.id == Effect.organisation_id)
        .where(which)
    ).all()
    ids = [e.id for e, *_ in effects]
    indicators = _indicators(session, ids, today, series)
    reviews: dict[int, list[ReviewView]] = defaultdict(list)
    for r in session.exec(
        select(EffectReview)
        .where(EffectReview.effect_id.in_(ids))
        .order_by(EffectReview.reviewed_on.desc(), EffectReview.id.desc())
    ):
        reviews[r.effect_id].append(_review(r))
    links = links_of(session, ids)
    return [
        EffectView(
            _summary(e, fk, fn, on, indicators.get(e.id, ()), today),
            e.description,
            e.source,
            Cadence(e.review_cadence),
            ok,
            e.created_by,
            tuple(reviews[e.id]),
            tuple(links.get(e.id, ())),
        )
        for e, fk, fn, on, ok in effects
    ]


def links_of(session: Session, effect_ids: list[int]) -> dict[int, list[LinkView]]:
    """What each effect rests on, in four queries whatever the number of effects."""
    links = session.exec(
        select(EffectLink).where(EffectLink.effect_id.in_(effect_ids)).order_by(EffectLink.id)
    ).all()
    by_kind: dict[str, list[int]] = defaultdict(list)
    for link in links:
        by_kind[link.kind].append(link.target_id)
    issues = {
        i.id: (i.reference, i.title)
        for i in session.exec(select(Issue).where(Issue.id.in_(by_kind[EffectLinkKind.ISSUE])))
    }
    actions = {
        a.id: a.title
        for a in session.exec(
            select(AgreedAction).where(AgreedAction.id.in_(by_kind[EffectLinkKind.ACTION]))
        )
    }
    decisions = {
        d: (title, meeting, starts)
        for d, title, meeting, starts in session.exec(
            select(ItemDecision.id, AgendaItem.title, Meeting.id, Meeting.starts_at)
            .join(AgendaItem, AgendaItem.id == ItemDecision.item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(ItemDecision.id.in_(by_kind[EffectLinkKind.DECISION]))
        )
    }
    out: dict[int, list[LinkView]] = defaultdict(list)
    for link in links:
        kind, shown = EffectLinkKind(link.kind), out[link.effect_id]
        if kind is EffectLinkKind.ISSUE and link.target_id in issues:
            ref, title = issues[link.target_id]
            shown.append(LinkView(link.id, kind, link.target_id, f"{ref} {title}", reference=ref))
        elif kind is EffectLinkKind.ACTION and link.target_id in actions:
            shown.append(LinkView(link.id, kind, link.target_id, actions[link.target_id]))
        elif kind is EffectLinkKind.DECISION and link.target_id in decisions:
            title, meeting, starts = decisions[link.target_id]
            shown.append(
                LinkView(
                    link.id,
                    kind,
                    link.target_id,
                    f"{formats.day(starts)}: {title}",
                    meeting_id=meeting,
                )
            )
    return dict(out)


def effects_of_issue(session: Session, *, reference: str) -> list[tuple[int, str]]:
    """(effect id, statement) of every effect resting on the issue: the other side of a link."""
    return list(
        session.exec(
            select(Effect.id, Effect.statement)
            .join(EffectLink, EffectLink.effect_id == Effect.id)
            .join(Issue, Issue.id == EffectLink.target_id)
            .where(EffectLink.kind == EffectLinkKind.ISSUE, Issue.reference == reference)
            .order_by(Effect.statement)
        ).all()
    )


def effects_resting_on(
    session: Session, kind: EffectLinkKind, target_ids: list[int]
) -> dict[int, list[tuple[int, str]]]:
    """{action or decision id: [(effect id, statement)]}, for a page of them in one query."""
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if target_ids:
        for target, effect_id, statement in session.exec(
            select(EffectLink.target_id, Effect.id, Effect.statement)
            .join(Effect, Effect.id == EffectLink.effect_id)
            .where(EffectLink.kind == kind.value, EffectLink.target_id.in_(target_ids))
            .order_by(Effect.statement)
        ):
            out[target].append((effect_id, statement))
    return dict(out)


def effect_statements(session: Session) -> list[tuple[int, str]]:
    """(id, statement) of every effect, to pick one from."""
    return list(
        session.exec(
            select(Effect.id, Effect.statement)
            .where(Effect.archived_at.is_(None))
            .order_by(Effect.statement)
        ).all()
    )


def _indicators(
    session: Session, effect_ids: list[int], today: date, series: Series
) -> dict[int, tuple[IndicatorView, ...]]:
    if not effect_ids:
        return {}
    responsible = aliased(Organisation)
    rows = session.exec(
        select(Indicator, responsible.key, responsible.name)
        .outerjoin(responsible, responsible.id == Indicator.organisation_id)
        .where(Indicator.effect_id.in_(effect_ids))
        .order_by(Indicator.effect_id, Indicator.position, Indicator.id)
    ).all()
    values: dict[int, list[Point]] = defaultdict(list)
    sources: dict[int, list[str]] = defaultdict(list)
    for indicator_id, on, value, source in session.exec(
        select(
            Measurement.indicator_id, Measurement.measured_on, Measurement.value, Measurement.source
        )
        .where(
            Measurement.indicator_id.in_([i.id for i, *_ in rows]),
            Measurement.replaced_by_id.is_(None),
        )
        .order_by(Measurement.measured_on)
    ):
        values[indicator_id].append(Point(on, value))
        sources[indicator_id].append(source)
    out: dict[int, list[IndicatorView]] = defaultdict(list)
    for indicator, org_key, org_name in rows:
        if indicator.computed:
            points = series(session, indicator.computed)
            said = [indicator.source] * len(points)
        else:
            points, said = values[indicator.id], sources[indicator.id]
        out[indicator.effect_id].append(
            _indicator_view(indicator, org_key, org_name, tuple(points), tuple(said), today)
        )
    return {k: tuple(v) for k, v in out.items()}


def _review(r: EffectReview) -> ReviewView:
    return ReviewView(
        r.reviewed_on, EffectStatus(r.assessment), r.comment, r.reviewer, r.next_review_on
    )


def _point(value: float | None, on: date | None) -> Point | None:
    return Point(on, value) if value is not None and on is not None else None


def _indicator_view(
    i: Indicator,
    org_key: str | None,
    org_name: str | None,
    points: tuple[Point, ...],
    sources: tuple[str, ...],
    today: date,
) -> IndicatorView:
    goal = Goal(
        Direction(i.direction),
        _point(i.baseline_value, i.baseline_on),
        _point(i.target_value, i.target_on),
        Cadence(i.frequency),
    )
    return IndicatorView(
        i.id,
        i.key,
        i.name,
        i.definition,
        i.unit,
        goal.direction,
        goal.baseline,
        goal.target,
        i.source,
        org_key,
        org_name,
        goal.frequency,
        i.computed,
        i.version,
        points,
        assess(points, goal, today=today),
        sources,
    )


def _summary(
    effect: Effect,
    forum_key: str,
    forum_name: str,
    org_name: str | None,
    indicators: tuple[IndicatorView, ...],
    today: date,
) -> EffectSummary:
    statuses = [i.assessment.status for i in indicators]
    counts = {s: statuses.count(s) for s in EffectStatus if s in statuses}
    overdue = effect.next_review_on is not None and effect.next_review_on < today
    return EffectSummary(
        effect.id,
        effect.statement,
        forum_key,
        forum_name,
        org_name,
        roll_up(statuses),
        counts,
        effect.next_review_on,
        overdue and effect.archived_at is None,
        indicators,
        effect.is_demo,
        effect.version,
        effect.archived_at is not None,
    )
