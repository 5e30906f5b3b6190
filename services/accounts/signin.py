"""Signing in: with a local password (slowing down and locking on repeated failures) or through
the identity provider, and the signed-in user as the permission rules see them."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from models import Forum, ForumLink, ForumMembership, Organisation, SigninFailure, User
from models.db import add_unless_there
from models.vocabulary import LinkKind, Role
from services.accounts.passwords import hash_password, needs_rehash, verify_password
from services.accounts.signin_policy import DEFAULT_POLICY, SigninPolicy, delay_after, locked_until
from services.accounts.users import FORUM_ROLES, grants_of
from services.permissions import WORKS_AT_FORUM, Actor


@dataclass
class SigninError(Exception):
    """bad_credentials (also for an unknown name: no hint which), locked or inactive."""

    code: str
    delay_s: float = 0.0
    """How long the UI should wait before answering."""
    retry_at: datetime | None = None


NOTE_EVERY = timedelta(minutes=1)
"""A sign-in is noted on the account at most this often: a second tab signing in a moment
later writes nothing (and meets no other writer)."""


def sign_in(
    session: Session,
    *,
    username: str,
    password: str,
    now: datetime | None = None,
    policy: SigninPolicy = DEFAULT_POLICY,
) -> User:
    """The user, or SigninError; failures are counted and committed by the caller.

    A name without an account answers exactly like an account with a wrong password: the same
    password check against a dummy hash, the same count, delay and lock.
    """
    now = now or datetime.now(UTC)
    name = username.strip().lower()
    user = session.exec(select(User).where(User.username == name)).first()
    counter = user if user is not None else _unknown_name(session, name, now)
    if counter.locked_until is not None:
        locked = counter.locked_until.replace(tzinfo=counter.locked_until.tzinfo or UTC)
        if locked > now:
            raise SigninError("locked", retry_at=locked)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        counter.failed_signins += 1
        counter.locked_until = locked_until(counter.failed_signins, now, policy)
        if user is None:
            counter.last_failed_at = now
        session.add(counter)
        raise SigninError("bad_credentials", delay_s=delay_after(counter.failed_signins, policy))
    if not user.is_active:
        raise SigninError("inactive")
    last = user.last_signin_at
    last = last.replace(tzinfo=last.tzinfo or UTC) if last else None
    if user.failed_signins or user.locked_until or last is None or now - last >= NOTE_EVERY:
        user.failed_signins, user.locked_until, user.last_signin_at = 0, None, now
        session.add(user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    return user


def _unknown_name(session: Session, name: str, now: datetime) -> SigninFailure:
    """The count for a name without an account, kept under the name's hash (people type
    passwords into the name field); forgotten a day after its last failure."""
    session.exec(
        delete(SigninFailure).where(SigninFailure.last_failed_at < now - timedelta(days=1))
    )
    key = hashlib.sha256(name.encode()).hexdigest()
    return session.get(SigninFailure, key) or SigninFailure(username=key)


def actor_of(session: Session, user_id: int) -> Actor | None:
    """The user as the permission rules see them, or None if the account is gone or inactive.

    Forum roles granted without a forum are spread over the organisation's forums here, so the
    rules only ever see roles everywhere (strategic leader, administrator) or at one forum.
    """
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    # the organisation's key and its forums in one look-up (this runs on every page's run)
    placed = (
        session.exec(
            select(Organisation.key, Forum.key)
            .select_from(Organisation)
            .outerjoin(ForumMembership, ForumMembership.organisation_id == Organisation.id)
            .outerjoin(Forum, Forum.id == ForumMembership.forum_id)
            .where(Organisation.id == user.organisation_id)
        ).all()
        if user.organisation_id is not None
        else []
    )
    org = placed[0][0] if placed else None
    home = [key for _org, key in placed if key is not None]
    roles: set[tuple[Role, str | None]] = set()
    for role, forum in grants_of(session, user_id):
        if forum is None and role in FORUM_ROLES:
            roles |= {(role, key) for key in home}
        else:
            roles.add((role, forum))
    return Actor(
        user.id,
        user.display_name,
        frozenset(roles),
        org,
        _prepared_for(session, {f for r, f in roles if r in WORKS_AT_FORUM and f}),
    )


def _prepared_for(session: Session, groups: set[str]) -> frozenset[str]:
    """The forums whose meetings the groups among `groups` prepare."""
    if not groups:
        return frozenset()
    source, target = aliased(Forum), aliased(Forum)
    return frozenset(
        session.exec(
            select(target.key)
            .select_from(ForumLink)
            .join(source, source.id == ForumLink.source_id)
            .join(target, target.id == ForumLink.target_id)
            .where(ForumLink.kind == LinkKind.PREPARATION, source.key.in_(groups))
        )
    )


def sign_in_oidc(
    session: Session,
    *,
    subject: str,
    name: str,
    email: str = "",
    email_verified: bool = False,
    now: datetime | None = None,
) -> User:
    """The account for an identity the provider vouched for; a first sign-in creates it.

    A new account holds no role until an administrator grants one. An existing local account
    with the same e-mail and no identity yet is linked rather than doubled, but only when the
    provider says it verified the e-mail: otherwise anyone able to choose their address there
    could take over an account here.
    """
    now = now or datetime.now(UTC)
    user = session.exec(select(User).where(User.oidc_subject == subject)).first()
    if user is None and email.strip() and email_verified:
        user = session.exec(
            select(User).where(
                func.lower(User.email) == email.strip().lower(), User.oidc_subject.is_(None)
            )
        ).first()
    if user is None:
        user = _first_sign_in(session, subject, name, email)
    if not user.is_active:
        raise SigninError("inactive")
    user.oidc_subject, user.last_signin_at = subject, now
    session.add(user)
    session.flush()
    return user


def _first_sign_in(session: Session, subject: str, name: str, email: str) -> User:
    """A new account for the identity; if another tab's first sign-in created it meanwhile
    (the same subject, or the same free username), that one is used."""
    user = User(
        username=_free_username(session, email or name or subject),
        display_name=(name or email or subject).strip()[:200],
        email=email.strip(),
        oidc_subject=subject,
    )
    if not add_unless_there(session, user):
        user = session.exec(select(User).where(User.oidc_subject == subject)).first()
        if user is None:  # a same-named account, not this identity: take the next name
            return _first_sign_in(session, subject, name, email)
    return user


def _free_username(session: Session, wanted: str) -> str:
    base = (wanted.split("@")[0].strip().lower() or "user")[:100]
    name, n = base, 1
    while session.exec(select(User.id).where(User.username == name)).first() is not None:
        n += 1
        name = f"{base}{n}"
    return name
