"""The query parameters that open a real demo issue, meeting and effect on their pages, for
tests that walk every page as a user would."""

from sqlmodel import select

from models import Effect, Issue, Meeting, make_engine, unit_of_work


def one_of_each(url: str) -> dict[str, dict[str, str]]:
    """{page's url path: its query parameters} for the database at `url`."""
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        ref = s.exec(select(Issue.reference).order_by(Issue.id)).first()
        meeting = s.exec(select(Meeting.id).order_by(Meeting.id)).first()
        effect = s.exec(select(Effect.id).order_by(Effect.id)).first()
    engine.dispose()
    return {"issue": {"ref": ref}, "meeting": {"id": str(meeting)}, "effect": {"id": str(effect)}}
