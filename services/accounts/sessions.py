"""Server-side sign-in sessions: a browser that signed in is found again by the token in its
cookie, until it is idle too long, signs out, or its user is deactivated.

Only a hash of the token is stored, so the table holds nothing a thief could replay.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from models import SigninSession, User
from services.accounts.signin_policy import DEFAULT_POLICY, SigninPolicy, session_expired

TOUCH_EVERY = timedelta(seconds=60)
"""How often a session's last activity is written: often enough for the idle timeout, not on
every click."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    session: Session, *, user_id: int, now: datetime | None = None, browser: str = ""
) -> str:
    """A new session for the user; returns the token for the browser's cookie. `browser` (its
    User-Agent) binds the session to it: the cookie copied into another browser does not
    resume it (the cookie is set by a script, so scripts can read it: README, "Sign-in")."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    session.add(
        SigninSession(
            token_hash=_hash(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            browser_hash=_hash(browser),
        )
    )
    return token


def resume_session(
    session: Session,
    *,
    token: str,
    now: datetime | None = None,
    policy: SigninPolicy = DEFAULT_POLICY,
    browser: str = "",
) -> User | None:
    """The user of a live session, its last activity noted; None for an unknown, revoked or
    idle session, an inactive user, or another browser than the one that signed in (each
    revokes the session on the way: a cookie used elsewhere was copied)."""
    now = now or datetime.now(UTC)
    found = (
        session.exec(  # the session and its user in one statement: this runs on every run
            select(SigninSession, User)
            .outerjoin(User, User.id == SigninSession.user_id)
            .where(SigninSession.token_hash == _hash(token))
        ).first()
        if token
        else None
    )
    if found is None or found[0].revoked_at is not None:
        return None
    row, user = found
    elsewhere = bool(row.browser_hash) and row.browser_hash != _hash(browser)
    if (
        user is None
        or not user.is_active
        or elsewhere
        or session_expired(row.last_seen_at, now, policy)
    ):
        row.revoked_at = now
        session.add(row)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    return user


def close_session(session: Session, *, token: str, now: datetime | None = None) -> None:
    row = session.get(SigninSession, _hash(token)) if token else None
    if row is not None and row.revoked_at is None:
        row.revoked_at = now or datetime.now(UTC)
        session.add(row)


def close_sessions_of(session: Session, *, user_id: int, now: datetime | None = None) -> None:
    """Every browser of the user is signed out (a deactivation)."""
    session.exec(
        update(SigninSession)
        .where(SigninSession.user_id == user_id, SigninSession.revoked_at.is_(None))
        .values(revoked_at=now or datetime.now(UTC))
    )
