"""Tables for accounts and their roles."""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.clock import now
from models.structure import Versioned


class User(Versioned, table=True):
    """A person who signs in: with a local password (argon2id) or through OpenID Connect."""

    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=120, unique=True, index=True)
    display_name: str = Field(max_length=200)
    email: str = Field(default="", max_length=200)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    password_hash: str | None = Field(default=None, max_length=200)
    oidc_subject: str | None = Field(default=None, max_length=200, unique=True)
    is_active: bool = Field(default=True)
    """Deactivated users keep their history but cannot sign in."""
    is_demo: bool = Field(default=False)
    failed_signins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None)
    last_signin_at: datetime | None = Field(default=None)
    created_at: datetime = Field(default_factory=now)


class RoleGrant(SQLModel, table=True):
    """A role, held everywhere (forum_id None) or in one forum."""

    __tablename__ = "role_grant"
    # NULLs are distinct to a unique constraint: a role held everywhere needs its own index
    __table_args__ = (
        UniqueConstraint("user_id", "role", "forum_id"),
        Index(
            "ux_role_grant_everywhere",
            "user_id",
            "role",
            unique=True,
            sqlite_where=text("forum_id IS NULL"),
            postgresql_where=text("forum_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=30)
    forum_id: int | None = Field(default=None, foreign_key="forum.id", index=True)


class SigninFailure(SQLModel, table=True):
    """Failed sign-ins under a name that has no account, counted like an account's own, so
    the answers (slower, then locked) do not tell which names exist."""

    __tablename__ = "signin_failure"

    username: str = Field(primary_key=True, max_length=120)
    """The SHA-256 of the name tried, never the name itself."""
    failed_signins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None)
    last_failed_at: datetime = Field(default_factory=now, index=True)


class SigninSession(SQLModel, table=True):
    """A signed-in browser: found again on reload, in a new tab or from a deep link through a
    random token in a cookie, of which only the hash is stored. Ends after the idle timeout,
    at sign-out, and when the user is deactivated."""

    __tablename__ = "signin_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=now)
    last_seen_at: datetime = Field(default_factory=now)
    revoked_at: datetime | None = Field(default=None)
    browser_hash: str = Field(default="", max_length=64)
    """The hash of the User-Agent that signed in; empty for sessions from before."""


class AccessibilityReport(SQLModel, table=True):
    """A fault in the service's accessibility, reported by anyone (signed in or not) from the
    accessibility statement, as the law on accessible digital public service requires: read
    by the administrators, who answer it."""

    __tablename__ = "accessibility_report"

    id: int | None = Field(default=None, primary_key=True)
    reported_at: datetime = Field(default_factory=now, index=True)
    page: str = Field(default="", max_length=100)
    """Where it happened, as the reporter chose it (a page of the app, or "other")."""
    description: str = Field()
    contact: str = Field(default="", max_length=200)
    """How to reach the reporter for an answer, if they want one."""
    reported_by: str = Field(default="", max_length=200)
    """The signed-in person's name; empty when reported signed out."""
