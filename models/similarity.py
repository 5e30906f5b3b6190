"""What "Has someone raised this already?" stores: each issue's text as a vector, and what
officers chose when similar issues were shown to them."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.clock import now


class IssueVector(SQLModel, table=True):
    """An issue's title and description as the similarity model reads them, kept in the
    database so every app server shares it (and none computes it again).

    The vector is 384 signed bytes and a scale (`value = byte * scale`): a quarter of float32,
    so 100,000 issues are 38 MB in a server's memory. A changed text gets a new row (a new `id`),
    so a server reads only the rows newer than the last it has seen.
    """

    __tablename__ = "issue_vector"
    __table_args__ = (UniqueConstraint("issue_id"), {"sqlite_autoincrement": True})
    """SQLite would give a deleted row's id to the next insert: ids here only ever grow."""

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", ondelete="CASCADE")
    model: str = Field(max_length=60, index=True)
    """The model and version that made the vector; another model's vectors are not compared."""
    text_hash: str = Field(max_length=64)
    """Of the text the vector was made from: an edit that leaves it unchanged costs nothing."""
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    scale: float
    computed_at: datetime = Field(default_factory=now)


class SimilarChoice(SQLModel, table=True):
    """What an officer did when similar issues were shown: followed one, linked the new issue
    to one, opened one, or logged the new issue anyway. Kept to tune the threshold from real use."""

    __tablename__ = "similar_choice"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now, index=True)
    by: str = Field(max_length=200)
    place: str = Field(max_length=20)
    """Where the suggestion was shown: "intake" or "issue"."""
    choice: str = Field(max_length=20)
    shown_reference: str = Field(default="", max_length=40)
    """The similar issue chosen (empty for "logged anyway")."""
    score: float | None = Field(default=None)
    best_score: float | None = Field(default=None)
    """The best suggestion's score when the choice was made."""
    shown: int = Field(default=0)
    """How many suggestions were on screen."""
    new_reference: str = Field(default="", max_length=40)
    """The issue logged, once it is saved."""


class GlossaryTerm(SQLModel, table=True):
    """An acronym of the field and what it stands for, as the administrators set it: it adds to
    the shipped list (`services.issues.glossary.ACRONYMS`) or, with no meaning, takes one away."""

    __tablename__ = "glossary_term"
    __table_args__ = (UniqueConstraint("acronym"),)

    id: int | None = Field(default=None, primary_key=True)
    acronym: str = Field(max_length=20)
    meaning: str = Field(default="", max_length=200)
    updated_by: str = Field(default="", max_length=200)
    updated_at: datetime = Field(default_factory=now)
