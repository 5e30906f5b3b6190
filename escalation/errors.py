"""The engine's own error types, so callers can tell a bad question from a bad structure."""

from escalation.problems import Problem


class EscalationError(Exception):
    """Base class for everything the engine refuses."""


class UnknownForumError(EscalationError, KeyError):
    def __init__(self, forum: str) -> None:
        super().__init__(forum)
        self.forum = forum

    def __str__(self) -> str:
        return f"unknown forum {self.forum!r}"


class NoPathError(EscalationError):
    def __init__(self, source: str, target: str | None) -> None:
        super().__init__(source, target)
        self.source = source
        self.target = target

    def __str__(self) -> str:
        where = f"to {self.target!r}" if self.target else "to the top"
        return f"no escalation path from {self.source!r} {where}"


class NoCommonForumError(EscalationError):
    """No forum on the way up has every involved organisation as a member."""

    def __init__(self, source: str, organisations: frozenset[str]) -> None:
        super().__init__(source, organisations)
        self.source = source
        self.organisations = organisations

    def __str__(self) -> str:
        orgs = ", ".join(sorted(self.organisations))
        return f"no forum above {self.source!r} has all of: {orgs}"


class InvalidStructureError(EscalationError):
    """Raised with every problem found, so a user can fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "; ".join(p.message for p in self.problems)
