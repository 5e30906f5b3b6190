"""docs/roles.md says what services/permissions.py does, cell by cell."""

from pathlib import Path

import pytest

from models.vocabulary import Role
from services import permissions
from services.permissions import Actor

ROOT = Path(__file__).resolve().parents[2]
FORUM = "vm-fm-kommitte"
PATH = ["vm-individ-vard", FORUM]
GLOBAL = {Role.STRATEGIC_LEADER, Role.ADMINISTRATOR}


def table() -> tuple[list[Role], list[tuple[str, list[bool]]]]:
    lines = [
        line
        for line in (ROOT / "docs" / "roles.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("|")
    ]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    roles = [Role(name) for name in header[2:]]
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append((cells[1].strip("`"), [c == "yes" for c in cells[2:]]))
    return roles, rows


def call(rule: str, actor: Actor) -> bool:
    fn = getattr(permissions, rule)
    if rule in ("can_read_issue", "can_comment"):
        return bool(fn(actor, PATH))
    if rule in (
        "can_raise_issue",
        "can_route_issue",
        "can_resolve_issue",
        "can_prepare_agenda",
        "can_read_meetings",
        "can_reopen_meeting",
        "can_prepare_for",
    ):
        return bool(fn(actor, FORUM))
    if rule == "can_record_measurement":  # someone of the indicator's responsible organisation
        return bool(fn(Actor(actor.user_id, actor.name, actor.roles, organisation="fk"), "fk"))
    return bool(fn(actor))


def test_every_role_is_in_the_table():
    roles, _rows = table()
    assert set(roles) == set(Role)


@pytest.mark.parametrize("rule", [r for r, _ in table()[1]])
def test_each_row_matches_the_rule(rule):
    roles, rows = table()
    expected = dict(rows)[rule]
    for role, allowed in zip(roles, expected, strict=True):
        actor = Actor(1, role.value, frozenset({(role, None if role in GLOBAL else FORUM)}))
        assert call(rule, actor) == allowed, (rule, role)
