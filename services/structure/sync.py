"""Loading a structure spec into the database: idempotent, validated, all or nothing."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session, SQLModel, select

from escalation import InvalidStructureError, Problem, validate_structure
from models import Forum, ForumLink, ForumMembership, Organisation
from services.structure.file_format import StructureFileError, StructureSpec, problems_in
from services.structure.read import bump_revision, structure_values

K = TypeVar("K")


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    new: set[int] = field(default_factory=set, repr=False)
    """Rows created by this load: filling them in is not an update."""

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated or +self.removed)

    def summary(self) -> str:
        parts = [
            f"{verb} {n} {what}"
            for verb, counts in (
                ("created", self.created),
                ("updated", self.updated),
                ("removed", self.removed),
            )
            for what, n in sorted(counts.items())
            if n
        ]
        return ", ".join(parts) or "nothing changed"


def _assign(row: object, report: LoadReport, what: str, **values: object) -> None:
    """Set only what differs, so a second load leaves rows and their versions untouched."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed and id(row) not in report.new:
        report.updated[what] += 1


def load_structure(session: Session, spec: StructureSpec, *, demo: bool = False) -> LoadReport:
    """Create or update what the spec names; the forums it names get exactly its members and links.

    Nothing the spec does not name is removed, except a named forum's own memberships and
    outgoing links. The result is validated as a whole before the caller may commit; an invalid
    result raises and the caller's unit of work rolls everything back.
    """
    problems = [
        p
        for p in problems_in(spec)
        if p.code != "unknown_organisation" and p.code not in _WHOLE_STRUCTURE_CODES
    ]
    if problems:
        raise StructureFileError(problems)
    report = LoadReport()
    orgs = _load_organisations(session, spec, demo, report)
    forums = _load_forums(session, spec, demo, orgs, report)
    _load_memberships(session, spec, orgs, forums, report)
    _load_links(session, spec, orgs, forums, report)
    session.flush()
    whole = validate_structure(structure_values(session))
    if whole:
        raise InvalidStructureError(whole)
    if report.changed:
        bump_revision(session)
    return report


# Checked on the merged result in the database instead: a demo file may lean on the stored
# structure (escalate to a national forum it does not list itself).
_WHOLE_STRUCTURE_CODES = {
    "unknown_forum",
    "unreachable",
    "cycle",
    "delegation_not_down",
    "escalation_down",
    "preparing_forum_escalates",
}


def _require(mapping: dict, key: str, where: str) -> object:
    if key not in mapping:
        raise StructureFileError(
            [Problem("unknown_organisation", {"where": where, "organisation": key})]
        )
    return mapping[key]


def _load_organisations(
    session: Session, spec: StructureSpec, demo: bool, report: LoadReport
) -> dict[str, Organisation]:
    orgs = {o.key: o for o in session.exec(select(Organisation))}
    for s in spec.organisations:
        row = orgs.get(s.key)
        if row is None:
            row = orgs[s.key] = Organisation(key=s.key, name=s.name, kind=s.kind)
            report.created["organisations"] += 1
            report.new.add(id(row))
        _assign(
            row,
            report,
            "organisations",
            name=s.name,
            kind=s.kind.value,
            short_name=s.short_name,
            description=s.description,
            is_demo=s.demo or demo,
        )
        session.add(row)
    session.flush()
    for s in spec.organisations:
        row = orgs[s.key]
        parent = _require(orgs, s.parent, f"the parent of {s.key!r}").id if s.parent else None
        region = (
            _require(orgs, s.healthcare_region, f"the healthcare_region of {s.key!r}").id
            if s.healthcare_region
            else None
        )
        _assign(row, report, "organisations", parent_id=parent, healthcare_region_id=region)
    return orgs


def _load_forums(
    session: Session,
    spec: StructureSpec,
    demo: bool,
    orgs: dict[str, Organisation],
    report: LoadReport,
) -> dict[str, Forum]:
    forums = {f.key: f for f in session.exec(select(Forum))}
    for s in spec.forums:
        row = forums.get(s.key)
        if row is None:
            row = forums[s.key] = Forum(
                key=s.key, name=s.name, level=s.level, kind=s.kind, cadence=s.cadence
            )
            report.created["forums"] += 1
            report.new.add(id(row))
        area = _require(orgs, s.area, f"the area of forum {s.key!r}").id if s.area else None
        _assign(
            row,
            report,
            "forums",
            name=s.name,
            level=s.level.value,
            kind=s.kind.value,
            cadence=s.cadence.value,
            tier=s.tier.value if s.tier else None,
            area_id=area,
            purpose=s.purpose,
            is_demo=s.demo or demo,
        )
        session.add(row)
    session.flush()
    return forums


def _load_memberships(
    session: Session,
    spec: StructureSpec,
    orgs: dict[str, Organisation],
    forums: dict[str, Forum],
    report: LoadReport,
) -> None:
    for s in spec.forums:
        forum = forums[s.key]
        existing = {
            m.organisation_id: m
            for m in session.exec(
                select(ForumMembership).where(ForumMembership.forum_id == forum.id)
            )
        }
        wanted = {
            _require(orgs, m.organisation, f"forum {s.key!r}").id: {"role": m.role.value}
            for m in s.members
        }
        _sync(
            session,
            report,
            "memberships",
            existing,
            wanted,
            lambda org_id, values, f=forum: ForumMembership(
                forum_id=f.id, organisation_id=org_id, **values
            ),
        )


def _load_links(
    session: Session,
    spec: StructureSpec,
    orgs: dict[str, Organisation],
    forums: dict[str, Forum],
    report: LoadReport,
) -> None:
    for s in spec.forums:
        source = forums[s.key]
        existing = {
            (link.target_id, link.kind): link
            for link in session.exec(select(ForumLink).where(ForumLink.source_id == source.id))
        }
        wanted = {}
        for kind, link_spec in s.links():
            target = forums.get(link_spec.forum)
            if target is None:
                raise StructureFileError(
                    [
                        Problem(
                            "unknown_forum",
                            {"kind": kind.value, "source": s.key, "target": link_spec.forum},
                        )
                    ]
                )
            via = (
                _require(orgs, link_spec.via, f"the escalation from {s.key!r}").id
                if link_spec.via
                else None
            )
            wanted[(target.id, kind.value)] = {
                "route": link_spec.route.value if link_spec.route else None,
                "via_organisation_id": via,
                "note": link_spec.note,
            }
        _sync(
            session,
            report,
            "links",
            existing,
            wanted,
            lambda key, values, f=source: ForumLink(
                source_id=f.id, target_id=key[0], kind=key[1], **values
            ),
        )


def _sync(
    session: Session,
    report: LoadReport,
    what: str,
    existing: dict[K, SQLModel],
    wanted: dict[K, dict[str, object]],
    make: Callable[[K, dict[str, object]], SQLModel],
) -> None:
    """Make a forum's rows of one kind exactly `wanted` (by key): create what is missing, set
    only what differs, and delete what the spec no longer names."""
    for key, values in wanted.items():
        row = existing.pop(key, None)
        if row is None:
            session.add(make(key, values))
            report.created[what] += 1
        else:
            _assign(row, report, what, **values)
            session.add(row)
    for row in existing.values():
        session.delete(row)
        report.removed[what] += 1
