"""Validation of a whole structure: every rule of the escalation order, every problem at once."""

from collections import Counter

import networkx as nx

from escalation.errors import InvalidStructureError
from escalation.graph import build_graph, escalation_view, upward_view
from escalation.problems import Problem
from escalation.structure import Structure
from models.vocabulary import LinkKind, Route


def validate_structure(structure: Structure) -> list[Problem]:
    """Every problem in the structure, in a stable order; an empty list means it is valid.

    Examples
    --------
    >>> from escalation.structure import ForumNode, Link
    >>> from models.vocabulary import ForumKind, ForumLevel
    >>> low = ForumNode("low", "Low", ForumLevel.LOCAL, ForumKind.STEERING_GROUP)
    >>> [p.code for p in validate_structure(Structure((low,), ()))]
    ['unreachable']
    """
    problems = _duplicates(structure) + _references(structure)
    G = build_graph(structure)
    problems += _link_shapes(G)
    cycle_problems = _cycles(G)
    problems += cycle_problems
    if not cycle_problems:
        problems += _delegations(G)
    problems += _unreachable(G)
    return problems


def check_structure(structure: Structure) -> None:
    """Raise InvalidStructureError naming every problem, or return quietly."""
    problems = validate_structure(structure)
    if problems:
        raise InvalidStructureError(problems)


def _duplicates(structure: Structure) -> list[Problem]:
    keys = Counter(f.key for f in structure.forums)
    names = Counter(f.name.casefold() for f in structure.forums)
    problems = [Problem("duplicate_key", {"forum": k}) for k, n in keys.items() if n > 1]
    seen: set[str] = set()
    for f in structure.forums:
        folded = f.name.casefold()
        if names[folded] > 1 and folded not in seen:
            seen.add(folded)
            problems.append(Problem("duplicate_name", {"name": f.name}))
    return problems


def _references(structure: Structure) -> list[Problem]:
    keys = {f.key for f in structure.forums}
    problems = []
    for link in structure.links:
        for end in (link.source, link.target):
            if end not in keys:
                problems.append(
                    Problem(
                        "unknown_forum",
                        {"kind": link.kind.value, "source": link.source, "target": end},
                    )
                )
    known = structure.organisations
    if known is not None:
        for f in structure.forums:
            for org in sorted(f.members - known):
                where = f"forum {f.key!r}"
                problems.append(
                    Problem("unknown_organisation", {"where": where, "organisation": org})
                )
        for link in structure.links:
            if link.via and link.via not in known:
                where = f"the escalation from {link.source!r} to {link.target!r}"
                problems.append(
                    Problem("unknown_organisation", {"where": where, "organisation": link.via})
                )
    return problems


def _link_shapes(G: nx.MultiDiGraph) -> list[Problem]:
    problems = []
    preparing = {u for u, _v, k in G.edges(keys=True) if k == LinkKind.PREPARATION}
    for u, v, k, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        link = data["link"]
        if u == v:
            problems.append(Problem("self_link", {"forum": u, "kind": k.value}))
            continue
        if k != LinkKind.ESCALATION:
            continue
        source, target = G.nodes[u]["forum"], G.nodes[v]["forum"]
        if target.level.rank < source.level.rank:
            problems.append(
                Problem(
                    "escalation_down",
                    {
                        "source": u,
                        "target": v,
                        "source_level": source.level.value,
                        "target_level": target.level.value,
                    },
                )
            )
        if link.route is None:
            problems.append(Problem("missing_route", {"source": u, "target": v}))
        elif link.route is Route.OWN_ORGANISATION and not link.via:
            problems.append(Problem("missing_via", {"source": u, "target": v}))
    for key in sorted(preparing):
        if any(k == LinkKind.ESCALATION for *_e, k in G.in_edges(key, keys=True)) or any(
            k == LinkKind.ESCALATION for *_e, k in G.out_edges(key, keys=True)
        ):
            problems.append(Problem("preparing_forum_escalates", {"forum": key}))
    return problems


def _cycles(G: nx.MultiDiGraph) -> list[Problem]:
    up = escalation_view(G)
    up.remove_edges_from(list(nx.selfloop_edges(up)))
    problems = []
    for component in sorted(nx.strongly_connected_components(up), key=min):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(up.subgraph(component))
        path = [u for u, _v in cycle] + [cycle[0][0]]
        problems.append(Problem("cycle", {"cycle": " -> ".join(path)}))
    return problems


def _delegations(G: nx.MultiDiGraph) -> list[Problem]:
    up = escalation_view(G)
    problems = []
    for u, v, k in sorted(G.edges(keys=True)):
        if k == LinkKind.DELEGATION and u != v and u not in nx.descendants(up, v):
            problems.append(Problem("delegation_not_down", {"source": u, "target": v}))
    return problems


def _unreachable(G: nx.MultiDiGraph) -> list[Problem]:
    up = upward_view(G)
    apexes = {n for n, data in G.nodes(data=True) if data["forum"].is_apex}
    reaching = set(apexes)
    for apex in apexes:
        reaching |= nx.ancestors(up, apex)
    return [Problem("unreachable", {"forum": n}) for n in sorted(set(G) - reaching)]
