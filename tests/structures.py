"""Small hand-made structures for the engine's tests."""

from escalation import ForumNode, Link, Structure
from models.vocabulary import ForumKind, ForumLevel, LinkKind, Route

L, R, N = ForumLevel.LOCAL, ForumLevel.REGIONAL, ForumLevel.NATIONAL
OUTWARD = ForumLevel.OUTWARD


def node(
    key: str,
    level: ForumLevel,
    kind: ForumKind = ForumKind.STEERING_GROUP,
    members: tuple[str, ...] = (),
) -> ForumNode:
    return ForumNode(key, key.title(), level, kind, frozenset(members))


def up(source: str, target: str, via: str | None = None) -> Link:
    route = Route.OWN_ORGANISATION if via else Route.JOINT_FORUM
    return Link(source, target, LinkKind.ESCALATION, route, via)


def minimal() -> Structure:
    """local -> regional -> samverkansgrupp -> strategic, with a beredningsgrupp."""
    return Structure(
        (
            node("local", L, members=("fk-x", "kommun")),
            node("regional", R, members=("fk-x", "region")),
            node("samverkansgrupp", N, ForumKind.COLLABORATION_GROUP, ("fk", "skr")),
            node("beredning", N, ForumKind.PREPARATORY_GROUP, ("fk", "skr")),
            node("strategic", N, ForumKind.STRATEGIC_GROUP, ("fk", "skr")),
        ),
        (
            up("local", "regional"),
            up("regional", "samverkansgrupp", via="fk"),
            up("samverkansgrupp", "strategic"),
            Link("beredning", "samverkansgrupp", LinkKind.PREPARATION),
            Link("strategic", "samverkansgrupp", LinkKind.DELEGATION),
        ),
        {"fk-x": "fk", "region": "skr", "kommun": "skr"},
    )
