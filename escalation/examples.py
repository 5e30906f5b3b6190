"""A tiny structure for docstring examples and quick experiments."""

import networkx as nx

from escalation.graph import build_graph
from escalation.structure import ForumNode, Link, Structure
from models.vocabulary import ForumKind, ForumLevel, LinkKind, Route


def small_graph() -> nx.MultiDiGraph:
    """local -> regional -> national (samverkansgrupp) -> strategic -> gdvd (outward)."""
    forums = (
        ForumNode(
            "local",
            "Local",
            ForumLevel.LOCAL,
            ForumKind.STEERING_GROUP,
            frozenset({"fk-x", "kommun-x"}),
        ),
        ForumNode(
            "regional",
            "Regional",
            ForumLevel.REGIONAL,
            ForumKind.STEERING_GROUP,
            frozenset({"fk-x", "region-x"}),
        ),
        ForumNode(
            "national",
            "National",
            ForumLevel.NATIONAL,
            ForumKind.COLLABORATION_GROUP,
            frozenset({"fk", "skr"}),
        ),
        ForumNode(
            "strategic",
            "Strategic",
            ForumLevel.NATIONAL,
            ForumKind.STRATEGIC_GROUP,
            frozenset({"fk", "skr"}),
        ),
        ForumNode("gdvd", "GD/VD", ForumLevel.OUTWARD, ForumKind.OUTWARD_BODY, frozenset({"fk"})),
    )
    links = (
        Link("local", "regional", LinkKind.ESCALATION, Route.JOINT_FORUM),
        Link("regional", "national", LinkKind.ESCALATION, Route.OWN_ORGANISATION, "fk"),
        Link("national", "strategic", LinkKind.ESCALATION, Route.JOINT_FORUM),
        Link("strategic", "gdvd", LinkKind.ESCALATION, Route.JOINT_FORUM),
        Link("strategic", "national", LinkKind.DELEGATION),
    )
    parents = {"fk-x": "fk", "region-x": "skr", "kommun-x": "skr"}
    return build_graph(Structure(forums, links, parents))
