"""Routing along the escalation order: next steps, paths, the right level, delegation, feedback."""

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from escalation.errors import NoCommonForumError, NoPathError, UnknownForumError
from escalation.graph import forum
from models.vocabulary import ForumKind, ForumLevel, LinkKind, Route


@dataclass(frozen=True)
class Step:
    """One candidate forum one step up, and how the issue would travel there."""

    forum: str
    route: Route | None
    via: str | None
    present: frozenset[str]
    """Of the issue's organisations, those represented at that forum."""
    missing: frozenset[str]


@dataclass(frozen=True)
class RightLevel:
    forum: str
    path: list[str]
    """From the source up to and including the right forum."""


@dataclass(frozen=True)
class DelegationTarget:
    forum: str
    explicit: bool
    """True for an agreed delegation link; False for a forum that feeds issues up to this one."""


def represented(G: nx.MultiDiGraph, forum_key: str, organisation: str) -> bool:
    """An organisation is represented where it, or one it is part of, is a member.

    Försäkringskassan Västmanland is represented wherever Försäkringskassan sits.
    """
    members = forum(G, forum_key).members
    parents: dict[str, str] = G.graph.get("parents", {})
    seen: set[str] = set()
    org: str | None = organisation
    while org is not None and org not in seen:
        if org in members:
            return True
        seen.add(org)
        org = parents.get(org)
    return False


def coverage(
    G: nx.MultiDiGraph, forum_key: str, organisations: Iterable[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """(represented, missing) among the organisations at a forum."""
    orgs = frozenset(organisations)
    present = frozenset(o for o in orgs if represented(G, forum_key, o))
    return present, orgs - present


def _up(G: nx.MultiDiGraph, key: str) -> list[str]:
    """Forums one escalation step up, lowest level first, then by key, for stable answers."""
    if key not in G:
        raise UnknownForumError(key)
    targets = {v for _u, v, k in G.out_edges(key, keys=True) if k == LinkKind.ESCALATION}
    return sorted(targets, key=lambda t: (forum(G, t).level.rank, t))


def next_steps(G: nx.MultiDiGraph, source: str, organisations: Iterable[str] = ()) -> list[Step]:
    """Each forum one step up from `source`, with its route and who of the issue is there.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> [s.forum for s in next_steps(small_graph(), "local")]
    ['regional']
    """
    orgs = frozenset(organisations)
    steps = []
    for target in _up(G, source):
        link = G.edges[source, target, LinkKind.ESCALATION]["link"]
        present, missing = coverage(G, target, orgs)
        steps.append(Step(target, link.route, link.via, present, missing))
    return steps


def escalation_path(G: nx.MultiDiGraph, source: str, target: str | None = None) -> list[str]:
    """The shortest way up from `source` to `target`, both included.

    Without a target the path ends at the national strategic level, or, where a forum does not
    reach it, at the nearest outward body.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> escalation_path(small_graph(), "local")
    ['local', 'regional', 'national', 'strategic']
    """
    previous: dict[str, str | None] = {source: None}
    queue = deque([source])
    fallback: str | None = None
    while queue:
        key = queue.popleft()
        node = forum(G, key)
        if target is not None and key == target:
            return _unwind(previous, key)
        if target is None and _is_strategic(node):
            return _unwind(previous, key)
        if target is None and fallback is None and node.is_apex:
            fallback = key
        for nxt in _up(G, key):
            if nxt not in previous:
                previous[nxt] = key
                queue.append(nxt)
    if target is None and fallback is not None:
        return _unwind(previous, fallback)
    raise NoPathError(source, target)


def _is_strategic(node: object) -> bool:
    return node.level is ForumLevel.NATIONAL and node.kind is ForumKind.STRATEGIC_GROUP  # type: ignore[attr-defined]


def _unwind(previous: dict[str, str | None], key: str) -> list[str]:
    path = [key]
    while (before := previous[path[-1]]) is not None:
        path.append(before)
    return path[::-1]


def forums_above(G: nx.MultiDiGraph, source: str) -> list[str]:
    """Every forum an issue at `source` can be lifted to, nearest first."""
    seen = {source}
    order: list[str] = []
    queue = deque([source])
    while queue:
        for nxt in _up(G, queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order


def right_level(G: nx.MultiDiGraph, source: str, organisations: Iterable[str]) -> RightLevel:
    """The lowest forum on the way up where every involved organisation is represented.

    "Lift it to the right level": the source itself when all are already there.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> right_level(small_graph(), "local", {"fk", "skr"}).forum
    'national'
    """
    orgs = frozenset(organisations)
    candidates = [source, *forums_above(G, source)]
    distance = {key: i for i, key in enumerate(candidates)}
    covering = [key for key in candidates if not coverage(G, key, orgs)[1]]
    if not covering:
        raise NoCommonForumError(source, orgs)
    best = min(covering, key=lambda k: (forum(G, k).level.rank, distance[k]))
    return RightLevel(best, escalation_path(G, source, best))


def common_forums(G: nx.MultiDiGraph, organisations: Iterable[str]) -> list[str]:
    """Every forum anywhere in the structure where all the organisations are represented,
    lowest level first: where they can meet, whatever forum one starts from.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> common_forums(small_graph(), {"fk-x", "region-x"})
    ['regional', 'national', 'strategic']
    >>> common_forums(small_graph(), {"kommun-x", "region-x"})
    ['national', 'strategic']
    """
    orgs = frozenset(organisations)
    if not orgs:
        return []
    found = [key for key in G if not coverage(G, key, orgs)[1]]
    return sorted(found, key=lambda k: (forum(G, k).level.rank, forum(G, k).name, k))


def is_skip(G: nx.MultiDiGraph, source: str, target: str) -> bool:
    """Lifting straight to a forum that is not one step up skips a level (needs a reason)."""
    return target not in _up(G, source)


def feedback_path(
    G: nx.MultiDiGraph, raised_at: str, resolved_at: str, taken: Sequence[str] | None = None
) -> list[str]:
    """Every forum the outcome must flow back through, from where it was resolved to the origin.

    `taken` is the way the issue actually went up, when known; otherwise the shortest way.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> feedback_path(small_graph(), "local", "national")
    ['national', 'regional', 'local']
    """
    for key in (raised_at, resolved_at):
        forum(G, key)
    if taken is None:
        taken = escalation_path(G, raised_at, resolved_at)
    elif not taken or taken[0] != raised_at or taken[-1] != resolved_at:
        raise NoPathError(raised_at, resolved_at)
    back: list[str] = []
    for key in reversed(taken):
        if key not in back:
            back.append(key)
    return back


def feeders(G: nx.MultiDiGraph, key: str) -> list[str]:
    """Forums that lift issues to, or prepare for, this forum."""
    forum(G, key)
    return sorted(
        {u for u, _v, k in G.in_edges(key, keys=True) if k != LinkKind.DELEGATION},
        key=lambda u: (-forum(G, u).level.rank, u),
    )


def delegation_targets(G: nx.MultiDiGraph, key: str) -> list[DelegationTarget]:
    """Where work can be handed down: agreed delegation links first, then the feeding forums."""
    forum(G, key)
    explicit = sorted(v for _u, v, k in G.out_edges(key, keys=True) if k == LinkKind.DELEGATION)
    below = [
        u
        for u, _v, k in G.in_edges(key, keys=True)
        if k == LinkKind.ESCALATION and u not in explicit
    ]
    return [DelegationTarget(v, True) for v in explicit] + [
        DelegationTarget(u, False) for u in sorted(below)
    ]


def prepared_by(G: nx.MultiDiGraph, key: str) -> str | None:
    """The preparatory group (beredningsgrupp) that prepares this forum's meetings, if any.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> prepared_by(small_graph(), "national") is None
    True
    """
    forum(G, key)
    groups = sorted(u for u, _v, k in G.in_edges(key, keys=True) if k == LinkKind.PREPARATION)
    return groups[0] if groups else None


def prepares_for(G: nx.MultiDiGraph, key: str) -> list[str]:
    """The forums a preparatory group prepares for."""
    forum(G, key)
    return sorted(v for _u, v, k in G.out_edges(key, keys=True) if k == LinkKind.PREPARATION)
