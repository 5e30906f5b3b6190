"""The ways an issue use case says no, shared by the services and shown by the pages."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class IssueRefusedError(Exception):
    """A rule said no; `code` is translated in the UI, `params` fill it in."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


@dataclass
class InvalidIssueInputError(Exception):
    """Every problem with a form's input at once: [(field, code)]."""

    problems: list[tuple[str, str]]


@dataclass
class StaleIssueError(Exception):
    """The issue was saved by someone else after this user read it."""

    reference: str
    changed_by: str
    changed_at: datetime
