"""The structure file: readable YAML <-> plain specs, with every problem named.

Links live under the forum they start from (`escalates_to`, `delegates_to`, `prepares_for`),
so reading a forum's entry tells where its issues go.
"""

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import yaml

from escalation import ForumNode, Link, Problem, Structure
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


@dataclass
class OrganisationSpec:
    key: str
    name: str
    kind: OrganisationKind
    short_name: str | None = None
    parent: str | None = None
    healthcare_region: str | None = None
    description: str = ""
    demo: bool = False


@dataclass
class MemberSpec:
    organisation: str
    role: MembershipRole = MembershipRole.MEMBER


@dataclass
class LinkSpec:
    forum: str
    route: Route | None = None
    via: str | None = None
    note: str = ""


@dataclass
class ForumSpec:
    key: str
    name: str
    level: ForumLevel
    kind: ForumKind
    cadence: Cadence
    tier: Tier | None = None
    area: str | None = None
    purpose: str = ""
    demo: bool = False
    members: list[MemberSpec] = field(default_factory=list)
    escalates_to: list[LinkSpec] = field(default_factory=list)
    delegates_to: list[LinkSpec] = field(default_factory=list)
    prepares_for: list[LinkSpec] = field(default_factory=list)

    def links(self) -> list[tuple[LinkKind, LinkSpec]]:
        return (
            [(LinkKind.ESCALATION, s) for s in self.escalates_to]
            + [(LinkKind.DELEGATION, s) for s in self.delegates_to]
            + [(LinkKind.PREPARATION, s) for s in self.prepares_for]
        )


@dataclass
class StructureSpec:
    organisations: list[OrganisationSpec] = field(default_factory=list)
    forums: list[ForumSpec] = field(default_factory=list)

    def merged(self, other: "StructureSpec") -> "StructureSpec":
        return StructureSpec(self.organisations + other.organisations, self.forums + other.forums)

    def to_structure(self) -> Structure:
        """The engine's view: forums, links, who represents whom, every organisation known."""
        forums = tuple(
            ForumNode(f.key, f.name, f.level, f.kind, frozenset(m.organisation for m in f.members))
            for f in self.forums
        )
        links = tuple(
            Link(f.key, s.forum, kind, s.route, s.via) for f in self.forums for kind, s in f.links()
        )
        parents = {o.key: o.parent for o in self.organisations if o.parent}
        return Structure(forums, links, parents, frozenset(o.key for o in self.organisations))


class StructureFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "; ".join(p.message for p in self.problems)


E = TypeVar("E", bound=StrEnum)

_ORG_FIELDS = {
    "key",
    "name",
    "kind",
    "short_name",
    "parent",
    "healthcare_region",
    "description",
    "demo",
}
_FORUM_FIELDS = {
    "key",
    "name",
    "level",
    "kind",
    "cadence",
    "tier",
    "area",
    "purpose",
    "demo",
    "members",
    "escalates_to",
    "delegates_to",
    "prepares_for",
}
_LINK_FIELDS = {"forum", "route", "via", "note"}
_MEMBER_FIELDS = {"organisation", "role"}


class _Reader:
    """Reads raw YAML values into specs, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, code: str, **params: object) -> None:
        self.problems.append(Problem(code, {k: str(v) for k, v in params.items()}))

    def mapping(self, raw: Any, where: str, allowed: set[str], required: set[str]) -> dict | None:
        if not isinstance(raw, dict):
            self.problem("not_a_mapping", where=where)
            return None
        for name in sorted(set(raw) - allowed, key=str):
            self.problem("unknown_field", where=where, field=name)
        ok = True
        for name in sorted(required):
            if raw.get(name) in (None, ""):
                self.problem("missing_field", where=where, field=name)
                ok = False
        return raw if ok else None

    def enum(self, enum: type[E], raw: Any, where: str, name: str) -> E | None:
        if raw is None:
            return None
        try:
            return enum(str(raw))
        except ValueError:
            choices = ", ".join(e.value for e in enum)
            self.problem("invalid_value", where=where, value=raw, field=name, choices=choices)
            return None

    def text(self, raw: Any) -> str:
        return "" if raw is None else str(raw).strip()

    def optional(self, raw: Any) -> str | None:
        return self.text(raw) or None

    def organisation(self, raw: Any, i: int) -> OrganisationSpec | None:
        where = f"organisation #{i + 1}"
        data = self.mapping(raw, where, _ORG_FIELDS, {"key", "name", "kind"})
        if data is None:
            return None
        where = f"organisation {data['key']!r}"
        kind = self.enum(OrganisationKind, data["kind"], where, "kind")
        if kind is None:
            return None
        return OrganisationSpec(
            key=self.text(data["key"]),
            name=self.text(data["name"]),
            kind=kind,
            short_name=self.optional(data.get("short_name")),
            parent=self.optional(data.get("parent")),
            healthcare_region=self.optional(data.get("healthcare_region")),
            description=self.text(data.get("description")),
            demo=bool(data.get("demo", False)),
        )

    def forum(self, raw: Any, i: int) -> ForumSpec | None:
        data = self.mapping(
            raw, f"forum #{i + 1}", _FORUM_FIELDS, {"key", "name", "level", "kind", "cadence"}
        )
        if data is None:
            return None
        where = f"forum {data['key']!r}"
        level = self.enum(ForumLevel, data["level"], where, "level")
        kind = self.enum(ForumKind, data["kind"], where, "kind")
        cadence = self.enum(Cadence, data["cadence"], where, "cadence")
        tier = self.enum(Tier, data.get("tier"), where, "tier")
        members = [
            m
            for j, raw_m in enumerate(self.items(data, "members", where))
            if (m := self.member(raw_m, f"{where}, member #{j + 1}")) is not None
        ]
        links = {
            name: [
                s
                for j, raw_l in enumerate(self.items(data, name, where))
                if (s := self.link(raw_l, f"{where}, {name} #{j + 1}")) is not None
            ]
            for name in ("escalates_to", "delegates_to", "prepares_for")
        }
        if level is None or kind is None or cadence is None:
            return None
        return ForumSpec(
            key=self.text(data["key"]),
            name=self.text(data["name"]),
            level=level,
            kind=kind,
            cadence=cadence,
            tier=tier,
            area=self.optional(data.get("area")),
            purpose=self.text(data.get("purpose")),
            demo=bool(data.get("demo", False)),
            members=members,
            **links,
        )

    def items(self, data: dict, name: str, where: str) -> list:
        raw = data.get(name) or []
        if not isinstance(raw, list):
            self.problem("invalid_value", where=where, value=raw, field=name, choices="a list")
            return []
        return raw

    def member(self, raw: Any, where: str) -> MemberSpec | None:
        data = self.mapping(raw, where, _MEMBER_FIELDS, {"organisation"})
        if data is None:
            return None
        role = self.enum(MembershipRole, data.get("role", "member"), where, "role")
        return MemberSpec(self.text(data["organisation"]), role or MembershipRole.MEMBER)

    def link(self, raw: Any, where: str) -> LinkSpec | None:
        data = self.mapping(raw, where, _LINK_FIELDS, {"forum"})
        if data is None:
            return None
        return LinkSpec(
            forum=self.text(data["forum"]),
            route=self.enum(Route, data.get("route"), where, "route"),
            via=self.optional(data.get("via")),
            note=self.text(data.get("note")),
        )


MAX_DEPTH = 12
"""The format nests four levels deep; a deeper document is an attack or a mistake."""


class _Refused(yaml.YAMLError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader without aliases (a few lines of anchors can expand to billions of nodes) and
    with a depth limit (deep nesting exhausts the parser's recursion): refused at once, with
    the line, before anything is built."""

    depth = 0

    def compose_node(self, parent: object, index: object) -> object:
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            raise _Refused(Problem("yaml_alias", {"line": str(mark.line + 1)}))
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(
                Problem("yaml_too_deep", {"line": str(mark.line + 1), "limit": str(MAX_DEPTH)})
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse_structure(text: str) -> StructureSpec:
    """Read a structure file; raise StructureFileError naming every problem in its form."""
    reader = _Reader()
    try:
        raw = yaml.load(text, Loader=_PlainLoader) or {}
    except _Refused as refused:
        raise StructureFileError([refused.problem]) from None
    except yaml.YAMLError as exc:
        raise StructureFileError([Problem("yaml_syntax", {"detail": str(exc)})]) from None
    data = reader.mapping(raw, "the file", {"organisations", "forums"}, set())
    if data is None:
        raise StructureFileError(reader.problems)
    spec = StructureSpec(
        organisations=[
            o
            for i, r in enumerate(reader.items(data, "organisations", "the file"))
            if (o := reader.organisation(r, i)) is not None
        ],
        forums=[
            f
            for i, r in enumerate(reader.items(data, "forums", "the file"))
            if (f := reader.forum(r, i)) is not None
        ],
    )
    if reader.problems:
        raise StructureFileError(reader.problems)
    return spec


def problems_in(spec: StructureSpec) -> list[Problem]:
    """Every problem of a parsed structure: its references, then the engine's rules."""
    from escalation import validate_structure

    problems: list[Problem] = []
    for label, values in (
        ("key", [o.key for o in spec.organisations]),
        ("name", [o.name for o in spec.organisations]),
    ):
        counts = Counter(v.casefold() for v in values)
        reported: set[str] = set()
        for value in values:
            if counts[value.casefold()] > 1 and value.casefold() not in reported:
                reported.add(value.casefold())
                problems.append(Problem("duplicate_organisation", {"field": label, "value": value}))
    known = {o.key for o in spec.organisations}
    for o in spec.organisations:
        for name, ref in (("parent", o.parent), ("healthcare_region", o.healthcare_region)):
            if ref and ref not in known:
                problems.append(
                    Problem(
                        "unknown_organisation",
                        {"where": f"the {name} of {o.key!r}", "organisation": ref},
                    )
                )
    for f in spec.forums:
        if f.area and f.area not in known:
            problems.append(
                Problem(
                    "unknown_organisation",
                    {"where": f"the area of forum {f.key!r}", "organisation": f.area},
                )
            )
        member_counts = Counter(m.organisation for m in f.members)
        problems += [
            Problem("duplicate_member", {"forum": f.key, "organisation": org})
            for org, n in member_counts.items()
            if n > 1
        ]
    return problems + validate_structure(spec.to_structure())


def dump_structure(spec: StructureSpec) -> str:
    """Write a spec back in the same format, leaving out empty and default fields."""
    header = "# Samverkansnavet structure file, exported. Format: see seed/data/structure.yaml.\n"
    body = {
        "organisations": [
            _compact(
                {
                    "key": o.key,
                    "name": o.name,
                    "kind": o.kind.value,
                    "short_name": o.short_name,
                    "parent": o.parent,
                    "healthcare_region": o.healthcare_region,
                    "description": o.description,
                    "demo": o.demo or None,
                }
            )
            for o in spec.organisations
        ],
        "forums": [
            _compact(
                {
                    "key": f.key,
                    "name": f.name,
                    "level": f.level.value,
                    "kind": f.kind.value,
                    "cadence": f.cadence.value,
                    "tier": f.tier.value if f.tier else None,
                    "area": f.area,
                    "purpose": f.purpose,
                    "demo": f.demo or None,
                    "members": [
                        {"organisation": m.organisation, "role": m.role.value} for m in f.members
                    ],
                    "escalates_to": [
                        _compact(
                            {
                                "forum": s.forum,
                                "route": s.route.value if s.route else None,
                                "via": s.via,
                                "note": s.note,
                            }
                        )
                        for s in f.escalates_to
                    ],
                    "delegates_to": [{"forum": s.forum} for s in f.delegates_to],
                    "prepares_for": [{"forum": s.forum} for s in f.prepares_for],
                }
            )
            for f in spec.forums
        ],
    }
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)


def _compact(values: dict) -> dict:
    return {k: v for k, v in values.items() if v not in (None, "", [])}
