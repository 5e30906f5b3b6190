"""Administering accounts: users, organisation, roles, deactivation, which only administrators
may do.

A forum role granted without a forum holds at every forum the user's organisation is a member
of: a samverkansansvarig follows their organisation's forums without a grant per forum.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from models import Forum, Organisation, RoleGrant, User
from models.db import add_unless_there
from models.refusals import RefusedError
from models.vocabulary import Role
from services.accounts.passwords import hash_password, password_problem
from services.accounts.sessions import close_sessions_of
from services.issues.feedback import carry_over_name
from services.paging import Page, window
from services.permissions import Actor, Decision, can_manage_users, require
from services.personal_data import check_free_text
from services.structure.keys import optional_id


class AccountError(RefusedError):
    section = "account_error"


FORUM_ROLES = (Role.COLLABORATION_OFFICER, Role.CHAIR, Role.SECRETARY, Role.READER)
"""Roles held at forums; the others (strategic leader, administrator) hold everywhere."""


def create_local_user(
    session: Session,
    *,
    by: Actor,
    username: str,
    display_name: str,
    password: str,
    organisation: str | None = None,
    email: str = "",
    password_hash: str | None = None,
) -> User:
    """`password_hash`, if given, is `hash_password(password)` made once for several users
    (the demo accounts share one password; argon2id is slow on purpose)."""
    require(can_manage_users(by))
    name = username.strip().lower()
    if not name or not display_name.strip():
        raise AccountError("name_required")
    check_free_text({"display_name": display_name, "email": email})
    _check_password(password, name, display_name, email)
    if session.exec(select(User.id).where(User.username == name)).first():
        raise AccountError("username_taken", {"username": name})
    user = User(
        username=name,
        display_name=display_name.strip(),
        email=email.strip(),
        organisation_id=optional_id(session, Organisation, organisation, AccountError),
        password_hash=password_hash or hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def update_user(
    session: Session,
    *,
    by: Actor,
    username: str,
    display_name: str,
    email: str,
    organisation: str | None,
    expected_version: int,
) -> User:
    """Name, e-mail and organisation; a stale form is refused like any other edit."""
    require(can_manage_users(by))
    user = _user(session, username)
    if user.version != expected_version:
        raise AccountError("stale", {"username": user.username})
    if not display_name.strip():
        raise AccountError("name_required")
    check_free_text({"display_name": display_name, "email": email})
    carry_over_name(session, old=user.display_name, new=display_name.strip(), by=by)
    user.display_name, user.email = display_name.strip(), email.strip()
    user.organisation_id = optional_id(session, Organisation, organisation, AccountError)
    session.add(user)
    return user


def set_password(session: Session, *, by: Actor, username: str, password: str) -> None:
    """An administrator sets a new password; a lock from failed sign-ins is lifted."""
    require(can_manage_users(by))
    user = _user(session, username)
    _check_password(password, user.username, user.display_name, user.email)
    user.password_hash = hash_password(password)
    user.failed_signins, user.locked_until = 0, None
    session.add(user)


ORGANISATION_WIDE = "*"
"""The place of a grant held at every forum the user's organisation is a member of."""


def grant_problem(role: Role | None, place: str | None) -> str | None:
    """What a grant form still lacks: a role, and for a forum role where it is held (one
    forum, or every forum of the organisation), said outright; None when it is complete."""
    if role is None:
        return "choose_role"
    if role in (Role.CHAIR, Role.SECRETARY) and place in (None, ORGANISATION_WIDE):
        return "choose_forum"
    if role in FORUM_ROLES and place is None:
        return "choose_place"
    if role not in FORUM_ROLES and place is not None:
        return "held_everywhere"
    return None


def grant_role(
    session: Session, *, by: Actor, username: str, role: Role, forum: str | None = None
) -> None:
    """Granting twice is granting once. Chair and secretary are always for one forum."""
    require(can_manage_users(by))
    user = _user(session, username)
    if forum and role not in FORUM_ROLES:
        raise AccountError("role_everywhere", {"role": role.value})
    if not forum and role in (Role.CHAIR, Role.SECRETARY):
        raise AccountError("forum_required", {"role": role.value})
    forum_id = optional_id(session, Forum, forum, AccountError)
    if _grant(session, user.id, role, forum_id) is None:  # at once twice: granted once
        add_unless_there(session, RoleGrant(user_id=user.id, role=role.value, forum_id=forum_id))
        _roles_changed(session, user)


def revoke_role(
    session: Session, *, by: Actor, username: str, role: Role, forum: str | None = None
) -> None:
    """An administrator cannot take their own administrator role (someone must remain)."""
    require(can_manage_users(by))
    user = _user(session, username)
    require(Decision(not (user.id == by.user_id and role is Role.ADMINISTRATOR), "own_admin"))
    grant = _grant(session, user.id, role, optional_id(session, Forum, forum, AccountError))
    if grant is not None:
        session.delete(grant)
        _roles_changed(session, user)


def _roles_changed(session: Session, user: User) -> None:
    """A new version of the user's row: an app server that shares the user as the permission
    rules see them (ui.accounts.browser_session) reads them again on the next run."""
    flag_modified(user, "display_name")
    session.add(user)


def deactivate(session: Session, *, by: Actor, username: str) -> None:
    """Signing in stops; the user's name stays on everything they did."""
    _set_active(session, by, username, active=False)


def reactivate(session: Session, *, by: Actor, username: str) -> None:
    _set_active(session, by, username, active=True)


def _set_active(session: Session, by: Actor, username: str, *, active: bool) -> None:
    require(can_manage_users(by))
    user = _user(session, username)
    require(Decision(active or user.id != by.user_id, "own_account"))
    user.is_active = active
    session.add(user)
    if not active:
        close_sessions_of(session, user_id=user.id)


@dataclass(frozen=True)
class UserRow:
    username: str
    display_name: str
    organisation: str | None
    email: str
    is_active: bool
    is_demo: bool
    locked: bool
    signs_in_with: str
    """password or oidc"""
    last_signin_at: datetime | None


UserPage = Page[UserRow]


def list_users(
    session: Session, *, by: Actor, text: str = "", page: int = 1, page_size: int = 25
) -> UserPage:
    """Users matching the text (name, username, e-mail), paged in SQL."""
    require(can_manage_users(by))
    where = []
    if text.strip():
        like = f"%{text.strip()}%"
        where.append(
            or_(User.username.ilike(like), User.display_name.ilike(like), User.email.ilike(like))
        )
    total = session.exec(select(func.count()).select_from(User).where(*where)).one()
    shown = window(total, page, page_size)
    now = datetime.now(UTC)
    rows = session.exec(
        shown.of(
            select(User, Organisation.name)
            .outerjoin(Organisation, Organisation.id == User.organisation_id)
            .where(*where)
            .order_by(User.display_name, User.id)
        )
    )
    return shown.holding(
        [
            UserRow(
                u.username,
                u.display_name,
                org,
                u.email,
                u.is_active,
                u.is_demo,
                _is_locked(u, now),
                "oidc" if u.oidc_subject else "password",
                u.last_signin_at,
            )
            for u, org in rows
        ]
    )


@dataclass(frozen=True)
class UserDetail:
    username: str
    display_name: str
    email: str
    organisation: str | None
    """The organisation's key."""
    is_active: bool
    version: int
    grants: list[tuple[Role, str | None]]


def user_detail(session: Session, *, by: Actor, username: str) -> UserDetail:
    require(can_manage_users(by))
    user = _user(session, username)
    org = (
        session.exec(
            select(Organisation.key).where(Organisation.id == user.organisation_id)
        ).first()
        if user.organisation_id
        else None
    )
    grants = sorted(grants_of(session, user.id), key=lambda g: (g[0].value, g[1] or ""))
    return UserDetail(
        user.username, user.display_name, user.email, org, user.is_active, user.version, grants
    )


def _is_locked(user: User, now: datetime) -> bool:
    if user.locked_until is None:
        return False
    return user.locked_until.replace(tzinfo=user.locked_until.tzinfo or UTC) > now


def _check_password(password: str, *context: str) -> None:
    problem = password_problem(password, context=context)
    if problem is not None:
        raise AccountError(*problem)


def _grant(session: Session, user_id: int, role: Role, forum_id: int | None) -> RoleGrant | None:
    return session.exec(
        select(RoleGrant).where(
            RoleGrant.user_id == user_id,
            RoleGrant.role == role.value,
            RoleGrant.forum_id == forum_id if forum_id else RoleGrant.forum_id.is_(None),
        )
    ).first()


def grants_of(session: Session, user_id: int) -> frozenset[tuple[Role, str | None]]:
    rows = session.exec(
        select(RoleGrant.role, Forum.key)
        .outerjoin(Forum, Forum.id == RoleGrant.forum_id)
        .where(RoleGrant.user_id == user_id)
    )
    return frozenset((Role(role), key) for role, key in rows)


def _user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise AccountError("unknown_user", {"username": username})
    return user
