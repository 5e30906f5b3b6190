"""What officers do with the similar issues they are shown: the evidence to tune the threshold."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, select

from models import SimilarChoice


class Choice(StrEnum):
    FOLLOWED = "followed"
    LINKED = "linked"
    LOGGED_ANYWAY = "logged_anyway"


@dataclass(frozen=True)
class Shown:
    """The suggestions on screen when the choice was made."""

    place: str
    count: int
    best_score: float | None


def record_choice(
    session: Session,
    *,
    by: str,
    choice: Choice,
    shown: Shown,
    reference: str = "",
    score: float | None = None,
    new_reference: str = "",
) -> None:
    session.add(
        SimilarChoice(
            by=by,
            place=shown.place,
            choice=choice.value,
            shown_reference=reference,
            score=score,
            best_score=shown.best_score,
            shown=shown.count,
            new_reference=new_reference,
        )
    )


def choice_counts(session: Session) -> dict[str, int]:
    return dict(
        session.exec(
            select(SimilarChoice.choice, func.count()).group_by(SimilarChoice.choice)
        ).all()
    )
