"""Reading the structure out of the database: as engine values, as a spec, and its revision."""

import networkx as nx
from sqlalchemy import func
from sqlmodel import Session, select

from escalation import ForumNode, Link, Structure, build_graph
from models import Forum, ForumLink, ForumMembership, Organisation, StructureRevision
from models.vocabulary import (
    Cadence,
    ForumKind,
    ForumLevel,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Route,
    Tier,
)
from services.structure.file_format import (
    ForumSpec,
    LinkSpec,
    MemberSpec,
    OrganisationSpec,
    StructureSpec,
)


def current_revision(session: Session) -> int:
    """The structure's revision; one indexed read, cheap enough for every page run."""
    row = session.get(StructureRevision, 1)
    return row.revision if row else 0


def bump_revision(session: Session) -> int:
    row = session.get(StructureRevision, 1)
    if row is None:
        row = StructureRevision(id=1, revision=0)
    row.revision += 1
    session.add(row)
    return row.revision


def structure_values(session: Session) -> Structure:
    """The whole structure as the engine's plain values (forums are hundreds, not millions)."""
    orgs = {o.id: o for o in session.exec(select(Organisation))}
    forums = {f.id: f for f in session.exec(select(Forum))}
    members: dict[int, set[str]] = {fid: set() for fid in forums}
    for m in session.exec(select(ForumMembership)):
        members[m.forum_id].add(orgs[m.organisation_id].key)
    nodes = tuple(
        ForumNode(f.key, f.name, ForumLevel(f.level), ForumKind(f.kind), frozenset(members[f.id]))
        for f in forums.values()
    )
    links = tuple(
        Link(
            forums[link.source_id].key,
            forums[link.target_id].key,
            LinkKind(link.kind),
            Route(link.route) if link.route else None,
            orgs[link.via_organisation_id].key if link.via_organisation_id else None,
        )
        for link in session.exec(select(ForumLink))
    )
    parents = {o.key: orgs[o.parent_id].key for o in orgs.values() if o.parent_id}
    return Structure(nodes, links, parents, frozenset(o.key for o in orgs.values()))


def structure_graph(session: Session, graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The caller's forum graph (the app caches one per revision), or one built anew."""
    return graph if graph is not None else build_graph(structure_values(session))


def export_spec(session: Session) -> StructureSpec:
    """The stored structure in the structure file's terms, in insertion order."""
    orgs = {o.id: o for o in session.exec(select(Organisation).order_by(Organisation.id))}
    key = {i: o.key for i, o in orgs.items()}
    forum_rows = list(session.exec(select(Forum).order_by(Forum.id)))
    forum_key = {f.id: f.key for f in forum_rows}
    spec = StructureSpec(
        organisations=[
            OrganisationSpec(
                key=o.key,
                name=o.name,
                kind=OrganisationKind(o.kind),
                short_name=o.short_name,
                parent=key.get(o.parent_id),
                healthcare_region=key.get(o.healthcare_region_id),
                description=o.description,
                demo=o.is_demo,
            )
            for o in orgs.values()
        ]
    )
    by_forum: dict[int, ForumSpec] = {}
    for f in forum_rows:
        by_forum[f.id] = ForumSpec(
            key=f.key,
            name=f.name,
            level=ForumLevel(f.level),
            kind=ForumKind(f.kind),
            cadence=Cadence(f.cadence),
            tier=Tier(f.tier) if f.tier else None,
            area=key.get(f.area_id),
            purpose=f.purpose,
            demo=f.is_demo,
        )
        spec.forums.append(by_forum[f.id])
    for m in session.exec(select(ForumMembership).order_by(ForumMembership.id)):
        by_forum[m.forum_id].members.append(
            MemberSpec(key[m.organisation_id], MembershipRole(m.role))
        )
    for link in session.exec(select(ForumLink).order_by(ForumLink.id)):
        target = LinkSpec(
            forum_key[link.target_id],
            Route(link.route) if link.route else None,
            key.get(link.via_organisation_id),
            link.note,
        )
        source = by_forum[link.source_id]
        {
            LinkKind.ESCALATION: source.escalates_to,
            LinkKind.DELEGATION: source.delegates_to,
            LinkKind.PREPARATION: source.prepares_for,
        }[LinkKind(link.kind)].append(target)
    return spec


def structure_counts(session: Session) -> dict[str, int]:
    """Sizes for the start page, counted in SQL."""

    def count(*where: object, table: type = Forum) -> int:
        return session.exec(select(func.count()).select_from(table).where(*where)).one()

    return {
        "forums": count(),
        "national": count(Forum.level == ForumLevel.NATIONAL),
        "regional": count(Forum.level == ForumLevel.REGIONAL),
        "local": count(Forum.level == ForumLevel.LOCAL),
        "outward": count(Forum.level == ForumLevel.OUTWARD),
        "organisations": count(table=Organisation),
        "regions": count(Organisation.kind == OrganisationKind.REGION, table=Organisation),
        "links": count(table=ForumLink),
        "demo": count(Forum.is_demo, table=Forum) + count(Organisation.is_demo, table=Organisation),
    }
