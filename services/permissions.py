"""Who may do what: small named rules, pure, so every service and page asks the same question.

Roles are held everywhere or per forum (`Actor.roles`). Who sees an issue: members of the
forums on its path, and the strategic level (issue 5).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from models.vocabulary import Role

ANYWHERE = None


@dataclass(frozen=True)
class Actor:
    user_id: int
    name: str
    roles: frozenset[tuple[Role, str | None]]
    organisation: str | None = None
    """The user's organisation's key: whose agreed actions are "mine"."""
    prepares: frozenset[str] = frozenset()
    """The forums a preparatory group the user works in prepares for (the beredningsgrupp
    prepares the samverkansgrupp's meetings): the issues waiting there are theirs to read,
    refer and merge (`can_read_issue`, `can_route_issue`)."""

    def holds(self, role: Role, forum: str | None = ANYWHERE) -> bool:
        """The role everywhere, or at this forum."""
        return (role, ANYWHERE) in self.roles or (forum is not None and (role, forum) in self.roles)

    def forums(self) -> set[str]:
        return {forum for _role, forum in self.roles if forum is not None}

    def reads(self) -> set[str]:
        """The forums whose issues the user reads: their own and those they prepare for."""
        return self.forums() | self.prepares

    def sees_everything(self) -> bool:
        return any(self.holds(r) for r in SEES_EVERYTHING)


def trusted_actor(name: str = "system") -> Actor:
    """Every role everywhere: for seeding and scripts acting for the organisation itself,
    never for a person who signed in."""
    return Actor(0, name, frozenset((role, ANYWHERE) for role in Role))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    """A code the UI translates when the answer is no."""

    def __bool__(self) -> bool:
        return self.allowed


YES = Decision(True)


class PermissionDeniedError(Exception):
    """A rule said no; `reason` is the code the UI translates."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def require(decision: Decision) -> None:
    if not decision:
        raise PermissionDeniedError(decision.reason)


def _any(actor: Actor, roles: Iterable[Role], forum: str | None, reason: str) -> Decision:
    return YES if any(actor.holds(r, forum) for r in roles) else Decision(False, reason)


SEES_EVERYTHING = (Role.STRATEGIC_LEADER, Role.ADMINISTRATOR)
WORKS_AT_FORUM = (Role.COLLABORATION_OFFICER, Role.CHAIR, Role.SECRETARY)
RUNS_FORUM = (Role.CHAIR, Role.SECRETARY)


def forums_run_by(actor: Actor) -> set[str]:
    """The forums whose meetings the actor runs (chairs or is secretary of)."""
    return {f for role, f in actor.roles if f is not None and role in RUNS_FORUM}


def visible_forums(actor: Actor | None) -> set[str] | None:
    """The forums whose issues the actor may read; None means every issue.

    Queries filter on this in SQL, so lists, counts and exports agree with `can_read_issue`.
    """
    if actor is None:
        return set()
    return None if actor.sees_everything() else actor.reads()


def can_read_issue(actor: Actor | None, path: Iterable[str]) -> Decision:
    """Members of any forum on the issue's path (origin to now), those preparing for one of
    them, and the strategic level."""
    if actor is None:
        return Decision(False, "signed_out")
    if actor.sees_everything() or actor.reads() & set(path):
        return YES
    return Decision(False, "not_on_path")


def can_raise_issue(actor: Actor, forum: str) -> Decision:
    return _any(actor, WORKS_AT_FORUM, forum, "not_at_forum")


def can_route_issue(actor: Actor, forum: str) -> Decision:
    """Escalate, delegate, change status, edit or link: someone working at the forum where the
    issue is now, or in the group preparing that forum's meetings (it refers issues on)."""
    if forum in actor.prepares:
        return YES
    return _any(actor, WORKS_AT_FORUM, forum, "not_at_forum")


def can_resolve_issue(actor: Actor, forum: str) -> Decision:
    """Resolving or closing is the forum's decision: its chair or secretary."""
    return _any(actor, RUNS_FORUM, forum, "not_chair")


def can_comment(actor: Actor, path: Iterable[str]) -> Decision:
    """Those who work at a forum on the path, and the strategic level; readers only read."""
    path = list(path)
    if any(actor.holds(r) for r in SEES_EVERYTHING) or any(
        actor.holds(r, forum) for r in WORKS_AT_FORUM for forum in path
    ):
        return YES
    readers = any(role is Role.READER for role, _forum in actor.roles)
    return Decision(False, "reader" if readers else "not_on_path")


def can_prepare_agenda(actor: Actor, forum: str) -> Decision:
    """Plan meetings, build and publish the agenda, record decisions: chair or secretary."""
    return _any(actor, RUNS_FORUM, forum, "not_runs_meetings")


def can_read_meetings(actor: Actor | None, forum: str, invited: Iterable[int] = ()) -> Decision:
    """A forum's meetings, agendas and minutes: anyone holding a role at the forum, and the
    strategic level; one meeting also to each user `invited` to it (their user ids)."""
    if actor is None:
        return Decision(False, "signed_out")
    if actor.sees_everything() or forum in actor.forums() or actor.user_id in set(invited):
        return YES
    return Decision(False, "not_member")


def can_approve_minutes(actor: Actor, forum: str, adjuster_id: int | None) -> Decision:
    """Justering: the person appointed for it, or, where none is appointed, the chair."""
    if adjuster_id is not None:
        return YES if actor.user_id == adjuster_id else Decision(False, "not_adjuster")
    return _any(actor, (Role.CHAIR,), forum, "not_adjuster")


def can_reopen_meeting(actor: Actor, forum: str) -> Decision:
    return _any(actor, (Role.CHAIR,), forum, "chair_only")


def can_prepare_for(actor: Actor, preparing_group: str) -> Decision:
    """Triage in a preparatory group (beredningsgrupp): those who work in the group."""
    return _any(actor, WORKS_AT_FORUM, preparing_group, "not_preparing")


def can_update_action(actor: Actor, forum: str, organisation: str | None) -> Decision:
    """An agreed action's status: the forum's chair or secretary, or someone working for the
    organisation that owns the action."""
    if _any(actor, RUNS_FORUM, forum, ""):
        return YES
    works = any(role in WORKS_AT_FORUM for role, _forum in actor.roles)
    if works and organisation is not None and actor.organisation == organisation:
        return YES
    return Decision(False, "not_action_owner")


def can_follow_up_effects(actor: Actor) -> Decision:
    """Manage effects, indicators, links and reviews: the strategic level."""
    return _any(actor, (Role.STRATEGIC_LEADER,), ANYWHERE, "not_strategic")


def can_read_effects(actor: Actor | None) -> Decision:
    """The effect dashboard and reports: everyone signed in."""
    return YES if actor is not None else Decision(False, "signed_out")


def can_record_measurement(actor: Actor, organisation: str | None) -> Decision:
    """Values of an indicator: the strategic level, or someone working for the organisation
    responsible for it."""
    if can_follow_up_effects(actor):
        return YES
    works = any(role in WORKS_AT_FORUM for role, _forum in actor.roles)
    if works and organisation is not None and actor.organisation == organisation:
        return YES
    return Decision(False, "not_indicator_owner")


def can_edit_structure(actor: Actor) -> Decision:
    return _any(actor, (Role.ADMINISTRATOR,), ANYWHERE, "not_admin")


def can_manage_users(actor: Actor) -> Decision:
    """Users, roles and memberships, and reading the audit log."""
    return _any(actor, (Role.ADMINISTRATOR,), ANYWHERE, "not_admin")
