from dataclasses import replace

import pytest

from escalation import InvalidStructureError, Link, check_structure, validate_structure
from models.vocabulary import ForumKind, LinkKind, Route
from services.startup.data_files import shipped_spec
from tests.structures import OUTWARD, L, N, minimal, node, up


def codes(structure) -> list[str]:
    return [p.code for p in validate_structure(structure)]


def with_changes(forums=(), links=(), drop_links=()):
    base = minimal()
    kept = tuple(link for link in base.links if (link.source, link.target) not in drop_links)
    return replace(base, forums=base.forums + tuple(forums), links=kept + tuple(links))


def test_the_shipped_structure_is_valid():
    assert validate_structure(shipped_spec().to_structure()) == []


def test_a_minimal_structure_is_valid():
    assert codes(minimal()) == []


def test_a_link_to_an_unknown_forum_is_named():
    problems = validate_structure(with_changes(links=[up("local", "nowhere")]))
    assert [(p.code, p.params["target"]) for p in problems] == [("unknown_forum", "nowhere")]


def test_a_duplicate_forum_name_is_refused_whatever_its_case():
    twin = replace(node("other", L), name="LOCAL")
    assert "duplicate_name" in codes(with_changes(forums=[twin], links=[up("other", "regional")]))


def test_a_duplicate_forum_key_is_refused():
    again = replace(node("local", L), name="Another")
    assert "duplicate_key" in codes(with_changes(forums=[again]))


def test_a_forum_that_cannot_reach_the_national_level_is_named():
    problems = validate_structure(with_changes(forums=[node("island", L)]))
    assert [(p.code, p.params) for p in problems] == [("unreachable", {"forum": "island"})]


def test_a_cycle_in_the_escalation_order_is_refused_and_shown():
    problems = validate_structure(
        with_changes(
            forums=[node("a", L), node("b", L)],
            links=[up("a", "b"), up("b", "a"), up("b", "regional")],
        )
    )
    cycle = [p for p in problems if p.code == "cycle"]
    assert len(cycle) == 1
    assert set(cycle[0].params["cycle"].split(" -> ")) == {"a", "b"}


def test_delegation_must_go_down_the_order():
    assert "delegation_not_down" in codes(
        with_changes(links=[Link("local", "strategic", LinkKind.DELEGATION)])
    )


def test_escalation_may_not_go_down_a_level():
    problems = codes(with_changes(links=[up("samverkansgrupp", "local")]))
    assert "escalation_down" in problems


def test_a_preparing_group_is_not_a_step_of_its_own():
    assert codes(with_changes(links=[up("beredning", "strategic")])) == [
        "preparing_forum_escalates"
    ]
    assert codes(with_changes(links=[up("local", "beredning")])) == ["preparing_forum_escalates"]


def test_an_escalation_needs_a_route_and_an_own_order_needs_its_organisation():
    no_route = Link("local", "samverkansgrupp", LinkKind.ESCALATION, None)
    no_via = Link("local", "strategic", LinkKind.ESCALATION, Route.OWN_ORGANISATION, None)
    assert set(codes(with_changes(links=[no_route, no_via]))) == {"missing_route", "missing_via"}


def test_an_outward_body_counts_as_the_top():
    outward = node("gdvd", OUTWARD, ForumKind.OUTWARD_BODY)
    assert codes(with_changes(forums=[outward, node("x", L)], links=[up("x", "gdvd")])) == []


def test_a_self_link_is_refused():
    assert "self_link" in codes(with_changes(links=[up("regional", "regional")]))


def test_unknown_member_organisations_are_named_when_organisations_are_known():
    structure = replace(minimal(), organisations=frozenset({"fk", "skr", "fk-x", "region"}))
    problems = validate_structure(structure)
    assert [(p.code, p.params["organisation"]) for p in problems] == [
        ("unknown_organisation", "kommun")
    ]


def test_check_raises_with_every_problem_in_its_message():
    broken = with_changes(forums=[node("island", L), node("x", N)], links=[up("local", "nowhere")])
    with pytest.raises(InvalidStructureError) as caught:
        check_structure(broken)
    message = str(caught.value)
    assert "island" in message and "nowhere" in message and "'x'" in message
