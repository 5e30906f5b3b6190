"""The issue lifecycle as an explicit state machine: which status may follow which."""

from models.vocabulary import IssueStatus as S

# Escalating and delegating move the issue to another forum; they are their own actions (with
# the engine's routing), so ESCALATED and DELEGATED are reached only through them.
TRANSITIONS: dict[S, frozenset[S]] = {
    S.NEW: frozenset(
        {
            S.IN_PREPARATION,
            S.ON_AGENDA,
            S.BEING_HANDLED,
            S.ESCALATED,
            S.DELEGATED,
            S.RESOLVED,
            S.CLOSED,
        }
    ),
    S.IN_PREPARATION: frozenset(
        {S.NEW, S.ON_AGENDA, S.BEING_HANDLED, S.ESCALATED, S.DELEGATED, S.RESOLVED, S.CLOSED}
    ),
    S.ON_AGENDA: frozenset(
        {S.IN_PREPARATION, S.BEING_HANDLED, S.ESCALATED, S.DELEGATED, S.RESOLVED, S.CLOSED}
    ),
    S.BEING_HANDLED: frozenset(
        {S.ON_AGENDA, S.IN_PREPARATION, S.ESCALATED, S.DELEGATED, S.RESOLVED, S.CLOSED}
    ),
    S.ESCALATED: frozenset(
        {
            S.IN_PREPARATION,
            S.ON_AGENDA,
            S.BEING_HANDLED,
            S.ESCALATED,
            S.DELEGATED,
            S.RESOLVED,
            S.CLOSED,
        }
    ),
    S.DELEGATED: frozenset(
        {
            S.IN_PREPARATION,
            S.ON_AGENDA,
            S.BEING_HANDLED,
            S.ESCALATED,
            S.DELEGATED,
            S.RESOLVED,
            S.CLOSED,
        }
    ),
    S.RESOLVED: frozenset({S.BEING_HANDLED}),
    S.CLOSED: frozenset({S.NEW}),
}
OPEN = frozenset(set(S) - {S.RESOLVED, S.CLOSED})


class TransitionError(Exception):
    def __init__(self, current: S, wanted: S) -> None:
        super().__init__(current, wanted)
        self.current, self.wanted = current, wanted

    def __str__(self) -> str:
        return f"an issue that is {self.current.value} cannot become {self.wanted.value}"


def allowed(current: S) -> frozenset[S]:
    return TRANSITIONS[current]


def check_transition(current: S, wanted: S) -> None:
    if wanted not in TRANSITIONS[current]:
        raise TransitionError(current, wanted)
