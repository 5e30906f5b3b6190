"""Local accounts: create, sign in (slowing down and locking on repeated failures), roles."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session, select

from models import Forum, Organisation, RoleGrant, User
from models.vocabulary import Role
from services.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from services.signin_policy import DEFAULT_POLICY, SigninPolicy, delay_after, locked_until


@dataclass
class SigninError(Exception):
    """bad_credentials (also for an unknown name: no hint which), locked or inactive."""

    code: str
    delay_s: float = 0.0
    """How long the UI should wait before answering."""
    retry_at: datetime | None = None


@dataclass
class AccountError(Exception):
    code: str
    params: dict[str, str] = field(default_factory=dict)


def create_local_user(session: Session, *, username: str, display_name: str, password: str,
                      organisation: str | None = None, email: str = "") -> User:
    name = username.strip().lower()
    if not name or not display_name.strip():
        raise AccountError("name_required")
    if len(password) < MIN_LENGTH:
        raise AccountError("password_too_short", {"length": str(MIN_LENGTH)})
    if session.exec(select(User.id).where(User.username == name)).first():
        raise AccountError("username_taken", {"username": name})
    org_id = None
    if organisation:
        org_id = session.exec(select(Organisation.id)
                              .where(Organisation.key == organisation)).first()
        if org_id is None:
            raise AccountError("unknown_organisation", {"organisation": organisation})
    user = User(username=name, display_name=display_name.strip(), email=email.strip(),
                organisation_id=org_id, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def sign_in(session: Session, *, username: str, password: str, now: datetime | None = None,
            policy: SigninPolicy = DEFAULT_POLICY) -> User:
    """The user, or SigninError; failures are counted and committed by the caller."""
    now = now or datetime.now(UTC)
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is not None and user.locked_until is not None:
        locked = user.locked_until.replace(tzinfo=user.locked_until.tzinfo or UTC)
        if locked > now:
            raise SigninError("locked", retry_at=locked)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        if user is not None:
            user.failed_signins += 1
            user.locked_until = locked_until(user.failed_signins, now, policy)
            session.add(user)
        failures = user.failed_signins if user else 0
        raise SigninError("bad_credentials", delay_s=delay_after(failures, policy))
    if not user.is_active:
        raise SigninError("inactive")
    user.failed_signins, user.locked_until, user.last_signin_at = 0, None, now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.add(user)
    return user


def grant_role(session: Session, *, username: str, role: Role, forum: str | None = None) -> None:
    user = _user(session, username)
    forum_id = None
    if forum:
        forum_id = session.exec(select(Forum.id).where(Forum.key == forum)).first()
        if forum_id is None:
            raise AccountError("unknown_forum", {"forum": forum})
    exists = session.exec(select(RoleGrant.id).where(
        RoleGrant.user_id == user.id, RoleGrant.role == role.value,
        RoleGrant.forum_id == forum_id if forum_id else RoleGrant.forum_id.is_(None))).first()
    if not exists:
        session.add(RoleGrant(user_id=user.id, role=role.value, forum_id=forum_id))


def deactivate(session: Session, *, username: str) -> None:
    """Signing in stops; the user's name stays on everything they did."""
    user = _user(session, username)
    user.is_active = False
    session.add(user)


def grants_of(session: Session, user_id: int) -> frozenset[tuple[Role, str | None]]:
    rows = session.exec(select(RoleGrant.role, Forum.key)
                        .outerjoin(Forum, Forum.id == RoleGrant.forum_id)
                        .where(RoleGrant.user_id == user_id))
    return frozenset((Role(role), key) for role, key in rows)


def _user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise AccountError("unknown_user", {"username": username})
    return user
