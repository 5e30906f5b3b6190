"""What the structure page shows: filter choices, the visible forums, and one forum's card."""

from dataclasses import dataclass, field

import networkx as nx
from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from escalation import (
    NoPathError,
    delegation_targets,
    escalation_path,
    feeders,
    forum,
    next_steps,
    upward_view,
)
from models import Forum, ForumMembership, Organisation
from models.vocabulary import ForumLevel, LinkKind, MembershipRole, OrganisationKind, Route


@dataclass(frozen=True)
class Choice:
    key: str
    name: str


@dataclass(frozen=True)
class FilterOptions:
    regions: list[Choice]
    healthcare_regions: list[Choice]
    organisations: list[Choice]


@dataclass(frozen=True)
class ForumFilter:
    region: str | None = None
    healthcare_region: str | None = None
    organisation: str | None = None
    levels: frozenset[ForumLevel] = frozenset()
    with_path_up: bool = True


@dataclass(frozen=True)
class PathStep:
    forum: str
    name: str
    level: ForumLevel
    route: Route | None
    via: str | None
    """The name of the organisation whose own order carries the issue, for that route."""


@dataclass
class ForumCard:
    key: str
    name: str
    level: str
    kind: str
    tier: str | None
    cadence: str
    purpose: str
    area: str | None
    is_demo: bool
    members: list[tuple[str, str]] = field(default_factory=list)
    """(organisation name, role) with chairs first."""
    path_up: list[PathStep] = field(default_factory=list)
    reaches_top: bool = True
    beyond: list[PathStep] = field(default_factory=list)
    feeders: list[Choice] = field(default_factory=list)
    prepared_by: list[Choice] = field(default_factory=list)
    delegation: list[tuple[Choice, bool]] = field(default_factory=list)

    @property
    def chairs(self) -> list[str]:
        return [name for name, role in self.members if role == MembershipRole.CHAIR]


def filter_options(session: Session) -> FilterOptions:
    def choices(*where: object) -> list[Choice]:
        rows = session.exec(
            select(Organisation.key, Organisation.name).where(*where).order_by(Organisation.name)
        )
        return [Choice(k, n) for k, n in rows]

    return FilterOptions(
        regions=choices(Organisation.kind == OrganisationKind.REGION),
        healthcare_regions=choices(Organisation.kind == OrganisationKind.HEALTHCARE_REGION),
        organisations=choices(Organisation.kind != OrganisationKind.HEALTHCARE_REGION),
    )


def organisation_names(session: Session) -> dict[str, str]:
    return dict(session.exec(select(Organisation.key, Organisation.name)).all())


def visible_forums(session: Session, G: nx.MultiDiGraph, flt: ForumFilter) -> set[str]:
    """Forums matching the filter in SQL, plus (optionally) every forum on their way up.

    The way up keeps a filtered picture connected to the national level. Levels alone are read
    off the graph, which holds every forum: the unfiltered picture is the page's first view, and
    reading all 500 forums' keys on each of its reruns was a tenth of it at national scale.
    """
    if not (flt.region or flt.healthcare_region or flt.organisation):
        return {k for k in G if not flt.levels or forum(G, k).level in flt.levels}
    query = select(Forum.key)
    if flt.levels:
        query = query.where(Forum.level.in_([lv.value for lv in flt.levels]))
    if flt.region or flt.healthcare_region:
        area = aliased(Organisation)
        query = query.join(area, area.id == Forum.area_id)
        if flt.region:
            query = query.where(area.key == flt.region)
        if flt.healthcare_region:
            group = aliased(Organisation)
            query = query.outerjoin(group, group.id == area.healthcare_region_id).where(
                or_(area.key == flt.healthcare_region, group.key == flt.healthcare_region)
            )
    if flt.organisation:
        member = aliased(Organisation)
        query = (
            query.join(ForumMembership, ForumMembership.forum_id == Forum.id)
            .join(member, member.id == ForumMembership.organisation_id)
            .where(
                or_(
                    member.key == flt.organisation,
                    member.parent_id
                    == select(Organisation.id)
                    .where(Organisation.key == flt.organisation)
                    .scalar_subquery(),
                )
            )
        )
    keys = set(session.exec(query).all())
    if flt.with_path_up and (flt.region or flt.healthcare_region or flt.organisation):
        up = upward_view(G)
        for key in list(keys):
            keys |= nx.descendants(up, key)
    return keys


def forum_card(session: Session, G: nx.MultiDiGraph, key: str) -> ForumCard | None:
    row = session.exec(select(Forum).where(Forum.key == key)).first()
    if row is None:
        return None
    names = organisation_names(session)
    area = session.get(Organisation, row.area_id) if row.area_id else None
    card = ForumCard(
        key=row.key,
        name=row.name,
        level=row.level,
        kind=row.kind,
        tier=row.tier,
        cadence=row.cadence,
        purpose=row.purpose,
        area=area.name if area else None,
        is_demo=row.is_demo,
    )
    members = session.exec(
        select(Organisation.name, ForumMembership.role)
        .join(ForumMembership, ForumMembership.organisation_id == Organisation.id)
        .where(ForumMembership.forum_id == row.id)
    ).all()
    order = {MembershipRole.CHAIR: 0, MembershipRole.MEMBER: 1, MembershipRole.ADJUNCT: 2}
    card.members = sorted(members, key=lambda m: (order.get(m[1], 9), m[0]))
    _fill_paths(card, G, names)
    return card


def _fill_paths(card: ForumCard, G: nx.MultiDiGraph, names: dict[str, str]) -> None:
    def step(source: str | None, target: str) -> PathStep:
        node = forum(G, target)
        link = G.edges[source, target, LinkKind.ESCALATION]["link"] if source else None
        return PathStep(
            target,
            node.name,
            node.level,
            link.route if link else None,
            names.get(link.via, link.via) if link and link.via else None,
        )

    try:
        path = escalation_path(G, card.key)
    except NoPathError:
        card.reaches_top = False
        path = [card.key]
    card.path_up = [step(a, b) for a, b in zip([None, *path[:-1]], path, strict=True)]
    top = path[-1]
    card.beyond = [step(top, s.forum) for s in next_steps(G, top)]
    prepared = {u for u, _v, k in G.in_edges(card.key, keys=True) if k == LinkKind.PREPARATION}
    card.feeders = [Choice(k, forum(G, k).name) for k in feeders(G, card.key) if k not in prepared]
    card.prepared_by = [Choice(k, forum(G, k).name) for k in sorted(prepared)]
    card.delegation = [
        (Choice(d.forum, forum(G, d.forum).name), d.explicit)
        for d in delegation_targets(G, card.key)
    ]
