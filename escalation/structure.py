"""Plain values the engine works on: no database rows, no Streamlit."""

from dataclasses import dataclass, field

from models.vocabulary import ForumKind, ForumLevel, LinkKind, Route


@dataclass(frozen=True)
class ForumNode:
    key: str
    name: str
    level: ForumLevel
    kind: ForumKind
    members: frozenset[str] = field(default_factory=frozenset)
    """Keys of the member organisations."""

    @property
    def is_apex(self) -> bool:
        """The top of the order: the national strategic level, or an outward body."""
        return self.level is ForumLevel.OUTWARD or (
            self.level is ForumLevel.NATIONAL and self.kind is ForumKind.STRATEGIC_GROUP
        )


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    kind: LinkKind
    route: Route | None = None
    via: str | None = None
    """With route OWN_ORGANISATION: the organisation whose own escalation order carries it."""


@dataclass(frozen=True)
class Structure:
    forums: tuple[ForumNode, ...]
    links: tuple[Link, ...]
    parents: dict[str, str] = field(default_factory=dict)
    """Organisation key -> the organisation that represents it upward (FK Västmanland -> FK)."""
    organisations: frozenset[str] | None = None
    """Every known organisation key, when known; lets validation catch unknown ones."""
