"""The ways a meeting use case says no; the pages translate `code` and fill in `params`."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class MeetingRefusedError(Exception):
    code: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


@dataclass
class StaleMeetingError(Exception):
    """The meeting (its agenda, decisions or state) was saved by someone else meanwhile."""

    meeting_id: int
    changed_by: str
    changed_at: datetime | None
