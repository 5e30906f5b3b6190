"""The forum graph: one networkx MultiDiGraph, an edge per typed link.

Escalation edges point up (from the forum where an issue is to the forum it may be lifted to),
delegation edges point down, preparation edges point from the preparing group to the forum it
prepares for. The edge key is the link kind, so a pair of forums holds at most one link of each.
"""

import networkx as nx

from escalation.errors import UnknownForumError
from escalation.structure import ForumNode, Link, Structure
from models.vocabulary import LinkKind


def build_graph(structure: Structure) -> nx.MultiDiGraph:
    """Build the forum graph; links to unknown forums are left out (validation reports them).

    Examples
    --------
    >>> from models.vocabulary import ForumKind, ForumLevel, LinkKind, Route
    >>> top = ForumNode("top", "Top", ForumLevel.NATIONAL, ForumKind.STRATEGIC_GROUP)
    >>> low = ForumNode("low", "Low", ForumLevel.LOCAL, ForumKind.STEERING_GROUP)
    >>> G = build_graph(Structure((top, low), (Link("low", "top", LinkKind.ESCALATION,
    ...     Route.JOINT_FORUM),)))
    >>> sorted(escalation_view(G).edges)
    [('low', 'top')]
    """
    G = nx.MultiDiGraph(parents=dict(structure.parents))
    for forum in structure.forums:
        G.add_node(forum.key, forum=forum)
    for link in structure.links:
        if link.source in G and link.target in G:
            G.add_edge(link.source, link.target, key=link.kind, link=link)
    return G


def forum(G: nx.MultiDiGraph, key: str) -> ForumNode:
    try:
        node: ForumNode = G.nodes[key]["forum"]
    except KeyError:
        raise UnknownForumError(key) from None
    return node


def links_of_kind(G: nx.MultiDiGraph, kind: LinkKind) -> list[Link]:
    return [data["link"] for _u, _v, k, data in G.edges(keys=True, data=True) if k == kind]


def escalation_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Only the escalation edges, as a simple DiGraph over every forum."""
    view = nx.DiGraph()
    view.add_nodes_from(G.nodes(data=True))
    for u, v, k, data in G.edges(keys=True, data=True):
        if k == LinkKind.ESCALATION:
            view.add_edge(u, v, **data)
    return view


def upward_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Escalation and preparation edges: the ways a forum's work reaches the top."""
    view = escalation_view(G)
    for u, v, k, data in G.edges(keys=True, data=True):
        if k == LinkKind.PREPARATION:
            view.add_edge(u, v, **data)
    return view
