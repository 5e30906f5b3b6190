"""Editing the structure: every change is validated as a whole before it may be committed.

Each function takes the caller's session and leaves the commit to the caller (one user action,
one unit of work). A change that would break the escalation order raises InvalidStructureError
naming every problem; the caller's unit of work then rolls everything back.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from escalation import InvalidStructureError, Problem, validate_structure
from models import Forum, ForumLink, ForumMembership, Organisation
from models.refusals import StaleError
from models.vocabulary import Cadence, ForumKind, ForumLevel, LinkKind, MembershipRole, Route, Tier
from services.permissions import Actor, can_edit_structure, require
from services.personal_data import check_free_text
from services.structure.file_format import (
    StructureFileError,
    StructureSpec,
    dump_structure,
    parse_structure,
)
from services.structure.read import bump_revision, export_spec, structure_values
from services.structure.sync import LoadReport, load_structure
from services.uploads import upload_text

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")


@dataclass(frozen=True)
class ForumInput:
    key: str
    name: str
    level: ForumLevel
    kind: ForumKind
    cadence: Cadence
    tier: Tier | None = None
    area: str | None = None
    purpose: str = ""


@dataclass(frozen=True)
class LinkInput:
    target: str
    kind: LinkKind = LinkKind.ESCALATION
    route: Route | None = Route.JOINT_FORUM
    via: str | None = None
    note: str = ""


@dataclass(frozen=True)
class EditableForum:
    data: ForumInput
    version: int
    members: list[tuple[str, MembershipRole]]
    links: list[LinkInput]
    """Outgoing links."""


def forum_for_editing(session: Session, key: str) -> EditableForum | None:
    forum = session.exec(select(Forum).where(Forum.key == key)).first()
    if forum is None:
        return None
    keys = {i: k for k, i in _organisation_ids(session).items()}
    forum_keys = dict(session.exec(select(Forum.id, Forum.key)).all())
    members = session.exec(
        select(ForumMembership)
        .where(ForumMembership.forum_id == forum.id)
        .order_by(ForumMembership.id)
    )
    links = session.exec(
        select(ForumLink).where(ForumLink.source_id == forum.id).order_by(ForumLink.id)
    )
    return EditableForum(
        data=ForumInput(
            forum.key,
            forum.name,
            ForumLevel(forum.level),
            ForumKind(forum.kind),
            Cadence(forum.cadence),
            Tier(forum.tier) if forum.tier else None,
            keys.get(forum.area_id),
            forum.purpose,
        ),
        version=forum.version,
        members=[(keys[m.organisation_id], MembershipRole(m.role)) for m in members],
        links=[
            LinkInput(
                forum_keys[link.target_id],
                LinkKind(link.kind),
                Route(link.route) if link.route else None,
                keys.get(link.via_organisation_id),
                link.note,
            )
            for link in links
        ],
    )


def create_forum(
    session: Session, *, data: ForumInput, links: Sequence[LinkInput], by: Actor
) -> Forum:
    """A new forum with its way up: without a link it could not reach the top, so both at once."""
    require(can_edit_structure(by))
    area_id = _check_input(session, data, new=True)
    forum = Forum(**_forum_values(data, area_id))
    session.add(forum)
    session.flush()
    for link in links:
        _add_link(session, forum, link)
    _validate(session)
    return forum


def update_forum(session: Session, *, data: ForumInput, expected_version: int, by: Actor) -> Forum:
    require(can_edit_structure(by))
    forum = _load(session, data.key, expected_version)
    area_id = _check_input(session, data, new=False)
    for name, value in _forum_values(data, area_id).items():
        setattr(forum, name, value)
    session.add(forum)
    _validate(session)
    return forum


def set_members(
    session: Session,
    *,
    forum_key: str,
    members: Sequence[tuple[str, MembershipRole]],
    expected_version: int,
    by: Actor,
) -> None:
    require(can_edit_structure(by))
    forum = _load(session, forum_key, expected_version)
    orgs = _organisation_ids(session)
    problems = [
        Problem("unknown_organisation", {"where": f"forum {forum_key!r}", "organisation": org})
        for org, _role in members
        if org not in orgs
    ]
    seen = [org for org, _role in members]
    problems += [
        Problem("duplicate_member", {"forum": forum_key, "organisation": org})
        for org in sorted({o for o in seen if seen.count(o) > 1})
    ]
    if problems:
        raise InvalidStructureError(problems)
    existing = {
        m.organisation_id: m
        for m in session.exec(select(ForumMembership).where(ForumMembership.forum_id == forum.id))
    }
    for org, role in members:
        row = existing.pop(orgs[org], None) or ForumMembership(
            forum_id=forum.id, organisation_id=orgs[org], role=role
        )
        row.role = role.value
        session.add(row)
    for row in existing.values():
        session.delete(row)
    _touch(session, forum)
    _validate(session)


def add_link(
    session: Session, *, source: str, link: LinkInput, expected_version: int, by: Actor
) -> None:
    require(can_edit_structure(by))
    forum = _load(session, source, expected_version)
    exists = session.exec(
        select(ForumLink)
        .join(Forum, Forum.id == ForumLink.target_id)
        .where(
            ForumLink.source_id == forum.id,
            Forum.key == link.target,
            ForumLink.kind == link.kind.value,
        )
    ).first()
    if exists:
        raise InvalidStructureError(
            [
                Problem(
                    "duplicate_link",
                    {"source": source, "target": link.target, "kind": link.kind.value},
                )
            ]
        )
    _add_link(session, forum, link)
    _touch(session, forum)
    _validate(session)


def remove_link(
    session: Session,
    *,
    source: str,
    target: str,
    kind: LinkKind,
    expected_version: int,
    by: Actor,
) -> None:
    require(can_edit_structure(by))
    forum = _load(session, source, expected_version)
    row = session.exec(
        select(ForumLink)
        .join(Forum, Forum.id == ForumLink.target_id)
        .where(ForumLink.source_id == forum.id, Forum.key == target, ForumLink.kind == kind.value)
    ).first()
    if row is not None:
        session.delete(row)
    _touch(session, forum)
    _validate(session)


def import_structure(session: Session, *, data: bytes, by: Actor) -> LoadReport:
    """Load an uploaded structure file: bounded in size, UTF-8, then the same rules as
    `python -m seed`; a file with any problem changes nothing."""
    require(can_edit_structure(by))
    spec = parse_structure(upload_text(data))
    check_free_text({f"{kind}_{n}": text for n, (kind, text) in enumerate(_texts(spec))})
    return load_structure(session, spec)


def _texts(spec: StructureSpec) -> list[tuple[str, str]]:
    """(field, text) of every free text a structure file carries."""
    out = [("name", o.name) for o in spec.organisations]
    out += [("description", o.description) for o in spec.organisations]
    for forum in spec.forums:
        out += [("name", forum.name), ("purpose", forum.purpose)]
        out += [("note", link.note) for _kind, link in forum.links()]
    return out


def export_structure(session: Session) -> str:
    return dump_structure(export_spec(session))


def _load(session: Session, key: str, expected_version: int) -> Forum:
    forum = session.exec(select(Forum).where(Forum.key == key)).first()
    if forum is None:
        raise InvalidStructureError([Problem("unknown_forum_key", {"forum": key})])
    if forum.version != expected_version:
        raise StaleError("forum", key, expected=expected_version, current=forum.version)
    return forum


def _touch(session: Session, forum: Forum) -> None:
    """Members and links are part of the forum: changing them bumps its version too."""
    flag_modified(forum, "purpose")
    session.add(forum)


def _check_input(session: Session, data: ForumInput, *, new: bool) -> int | None:
    """Every problem with the input at once; else the id of the area, if one is given."""
    problems = []
    if not KEY_PATTERN.match(data.key):
        problems.append(Problem("invalid_key", {"key": data.key}))
    if not data.name.strip():
        problems.append(Problem("missing_field", {"where": f"forum {data.key!r}", "field": "name"}))
    if new and session.exec(select(Forum.id).where(Forum.key == data.key)).first():
        problems.append(Problem("duplicate_key", {"forum": data.key}))
    clash = session.exec(
        select(Forum.key).where(Forum.name == data.name.strip(), Forum.key != data.key)
    ).first()
    if clash:
        problems.append(Problem("duplicate_name", {"name": data.name.strip()}))
    area_id = _organisation_ids(session).get(data.area) if data.area else None
    if data.area and area_id is None:
        problems.append(
            Problem(
                "unknown_organisation",
                {"where": f"the area of {data.key!r}", "organisation": data.area},
            )
        )
    if problems:
        raise InvalidStructureError(problems)
    return area_id


def _forum_values(data: ForumInput, area_id: int | None) -> dict:
    return {
        "key": data.key,
        "name": data.name.strip(),
        "level": data.level.value,
        "kind": data.kind.value,
        "cadence": data.cadence.value,
        "tier": data.tier.value if data.tier else None,
        "area_id": area_id,
        "purpose": data.purpose.strip(),
    }


def _organisation_ids(session: Session) -> dict[str, int]:
    return dict(session.exec(select(Organisation.key, Organisation.id)).all())


def _add_link(session: Session, forum: Forum, link: LinkInput) -> None:
    target = session.exec(select(Forum).where(Forum.key == link.target)).first()
    if target is None:
        raise InvalidStructureError(
            [
                Problem(
                    "unknown_forum",
                    {"kind": link.kind.value, "source": forum.key, "target": link.target},
                )
            ]
        )
    via = None
    if link.via:
        via = _organisation_ids(session).get(link.via)
        if via is None:
            raise InvalidStructureError(
                [
                    Problem(
                        "unknown_organisation",
                        {"where": f"the link from {forum.key!r}", "organisation": link.via},
                    )
                ]
            )
    escalation = link.kind is LinkKind.ESCALATION
    session.add(
        ForumLink(
            source_id=forum.id,
            target_id=target.id,
            kind=link.kind.value,
            route=link.route.value if escalation and link.route else None,
            via_organisation_id=via if escalation else None,
            note=link.note.strip(),
        )
    )


def _validate(session: Session) -> None:
    session.flush()
    problems = validate_structure(structure_values(session))
    if problems:
        raise InvalidStructureError(problems)
    bump_revision(session)


__all__ = [
    "EditableForum",
    "ForumInput",
    "InvalidStructureError",
    "LinkInput",
    "StaleError",
    "StructureFileError",
    "add_link",
    "create_forum",
    "export_structure",
    "forum_for_editing",
    "import_structure",
    "remove_link",
    "set_members",
    "update_forum",
]
