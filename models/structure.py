"""Tables for the collaboration structure: organisations, forums, memberships and typed links."""

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel


class Versioned(SQLModel):
    """Optimistic locking: a stale UPDATE fails instead of overwriting someone else's edit."""

    version: int = Field(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - SQLAlchemy passes the class
        return {"version_id_col": cls.__table__.c.version}


class Organisation(Versioned, table=True):
    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str | None = Field(default=None, max_length=40)
    kind: str = Field(max_length=40, index=True)
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    """The organisation that represents this one upward: FK Västmanland -> FK, a region -> SKR."""
    healthcare_region_id: int | None = Field(default=None, foreign_key="organisation.id")
    """For a region: its sjukvårdsregion."""
    description: str = Field(default="")
    is_demo: bool = Field(default=False)


class Forum(Versioned, table=True):
    __tablename__ = "forum"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=200, unique=True)
    level: str = Field(max_length=20, index=True)
    kind: str = Field(max_length=40)
    area_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    tier: str | None = Field(default=None, max_length=20)
    cadence: str = Field(max_length=30)
    purpose: str = Field(default="")
    is_demo: bool = Field(default=False)


class ForumMembership(SQLModel, table=True):
    __tablename__ = "forum_membership"
    __table_args__ = (UniqueConstraint("forum_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: str = Field(max_length=20)


class ForumLink(SQLModel, table=True):
    __tablename__ = "forum_link"
    __table_args__ = (UniqueConstraint("source_id", "target_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    target_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    route: str | None = Field(default=None, max_length=30)
    via_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    note: str = Field(default="")


class StructureRevision(SQLModel, table=True):
    """One row, bumped by every change to the structure.

    App servers cache the forum graph per revision, so an edit on one server is seen by all
    with a single cheap read per page run.
    """

    __tablename__ = "structure_revision"

    id: int = Field(default=1, primary_key=True)
    revision: int = Field(default=0)
