"""Every role against every action: one allowed and one refused at least (Decidim style)."""

import pytest

from models.vocabulary import Role
from services.permissions import (
    Actor,
    can_comment,
    can_edit_structure,
    can_follow_up_effects,
    can_manage_users,
    can_prepare_agenda,
    can_raise_issue,
    can_read_issue,
    can_resolve_issue,
    can_route_issue,
)

HERE, ELSEWHERE = "vm-fm-kommitte", "demo-skane-strategisk"
PATH = ["vm-individ-vard", HERE]


def actor(role: Role, forum: str | None = HERE) -> Actor:
    return Actor(1, role.value, frozenset({(role, forum)}))


ACTIONS = {
    "read": lambda a: can_read_issue(a, PATH),
    "raise": lambda a: can_raise_issue(a, HERE),
    "route": lambda a: can_route_issue(a, HERE),
    "resolve": lambda a: can_resolve_issue(a, HERE),
    "comment": lambda a: can_comment(a, PATH),
    "agenda": lambda a: can_prepare_agenda(a, HERE),
    "effects": can_follow_up_effects,
    "structure": can_edit_structure,
    "users": can_manage_users,
}
MATRIX = {  # role -> actions allowed (at HERE for forum roles, everywhere for the others)
    (Role.COLLABORATION_OFFICER, HERE): {"read", "raise", "route", "comment"},
    (Role.CHAIR, HERE): {"read", "raise", "route", "resolve", "comment", "agenda"},
    (Role.SECRETARY, HERE): {"read", "raise", "route", "resolve", "comment", "agenda"},
    (Role.READER, HERE): {"read"},
    (Role.STRATEGIC_LEADER, None): {"read", "comment", "effects"},
    (Role.ADMINISTRATOR, None): {"read", "comment", "structure", "users"},
}


@pytest.mark.parametrize(
    ("grant", "allowed"), MATRIX.items(), ids=[f"{r.value}@{f or 'all'}" for r, f in MATRIX]
)
def test_each_role_may_do_exactly_its_actions(grant, allowed):
    who = actor(*grant)
    assert {name for name, rule in ACTIONS.items() if rule(who)} == allowed
    refused = next(name for name in ACTIONS if name not in allowed)
    assert ACTIONS[refused](who).reason  # a refusal says why


def test_a_member_elsewhere_cannot_read_another_regions_issue():
    outsider = actor(Role.COLLABORATION_OFFICER, ELSEWHERE)
    decision = can_read_issue(outsider, PATH)
    assert not decision and decision.reason == "not_on_path"


def test_roles_at_one_forum_do_not_reach_another():
    chair = actor(Role.CHAIR, ELSEWHERE)
    assert not can_resolve_issue(chair, HERE)
    assert can_resolve_issue(chair, ELSEWHERE)
