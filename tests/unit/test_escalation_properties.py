"""Invariants of the engine on generated structures (hypothesis)."""

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from escalation import (
    NoCommonForumError,
    build_graph,
    coverage,
    escalation_path,
    feedback_path,
    forums_above,
    right_level,
    validate_structure,
)
from escalation.structure import ForumNode, Structure
from models.vocabulary import ForumKind, ForumLevel, LinkKind
from tests.structures import up

ORGS = ("fk", "region", "af", "kommun", "skr")
LEVELS = (ForumLevel.LOCAL, ForumLevel.REGIONAL, ForumLevel.NATIONAL)


@st.composite
def structures(draw) -> Structure:
    """Forums in ascending order of level; each escalates to one to three later forums of the
    same or a higher level, so the last one (the strategic group) is reachable from all."""
    size = draw(st.integers(2, 18))
    levels = sorted(
        draw(st.lists(st.sampled_from(LEVELS), min_size=size - 1, max_size=size - 1)),
        key=lambda lv: lv.rank,
    )
    members = st.frozensets(st.sampled_from(ORGS), max_size=4)
    forums = [
        ForumNode(f"f{i}", f"Forum {i}", lv, ForumKind.STEERING_GROUP, draw(members))
        for i, lv in enumerate(levels)
    ]
    forums.append(
        ForumNode("top", "Top", ForumLevel.NATIONAL, ForumKind.STRATEGIC_GROUP, draw(members))
    )
    links = []
    for i, f in enumerate(forums[:-1]):
        later = [g.key for g in forums[i + 1 :] if g.level.rank >= f.level.rank]
        targets = draw(st.lists(st.sampled_from(later), min_size=1, max_size=3, unique=True))
        links += [up(f.key, t, via=draw(st.sampled_from([None, "fk"]))) for t in targets]
    return Structure(tuple(forums), tuple(links))


@settings(max_examples=150, deadline=None)
@given(structures())
def test_generated_structures_are_valid(structure):
    assert validate_structure(structure) == []


@settings(max_examples=150, deadline=None)
@given(structures(), st.data())
def test_a_path_only_climbs_and_never_repeats_a_forum(structure, data):
    G = build_graph(structure)
    start = data.draw(st.sampled_from(sorted(G)))
    path = escalation_path(G, start)
    assert path[0] == start and G.nodes[path[-1]]["forum"].is_apex
    assert len(path) == len(set(path))
    for lower, higher in zip(path, path[1:], strict=False):
        assert G.has_edge(lower, higher, LinkKind.ESCALATION)
        assert G.nodes[higher]["forum"].level.rank >= G.nodes[lower]["forum"].level.rank


@settings(max_examples=150, deadline=None)
@given(structures(), st.data())
def test_the_right_level_covers_every_organisation_and_none_lower_does(structure, data):
    G = build_graph(structure)
    start = data.draw(st.sampled_from(sorted(G)))
    involved = data.draw(st.frozensets(st.sampled_from(ORGS), min_size=1, max_size=3))
    candidates = [start, *forums_above(G, start)]
    try:
        result = right_level(G, start, involved)
    except NoCommonForumError:
        assert all(coverage(G, k, involved)[1] for k in candidates)
        return
    assert not coverage(G, result.forum, involved)[1]
    assert result.path[0] == start and result.path[-1] == result.forum
    rank = G.nodes[result.forum]["forum"].level.rank
    assert all(
        coverage(G, k, involved)[1] for k in candidates if G.nodes[k]["forum"].level.rank < rank
    )


@settings(max_examples=150, deadline=None)
@given(structures(), st.data())
def test_the_feedback_path_is_the_way_up_reversed(structure, data):
    G = build_graph(structure)
    start = data.draw(st.sampled_from(sorted(G)))
    above = forums_above(G, start)
    assume(above)
    resolved = data.draw(st.sampled_from(above))
    assert feedback_path(G, start, resolved) == escalation_path(G, start, resolved)[::-1]


@settings(max_examples=150, deadline=None)
@given(structures(), st.data())
def test_an_edge_back_down_the_order_is_always_refused(structure, data):
    G = build_graph(structure)
    low = data.draw(st.sampled_from(sorted(G)))
    above = forums_above(G, low)
    assume(above)
    high = data.draw(st.sampled_from(above))
    broken = replace(structure, links=structure.links + (up(high, low),))
    found = {p.code for p in validate_structure(broken)}
    assert found & {"cycle", "escalation_down"}
