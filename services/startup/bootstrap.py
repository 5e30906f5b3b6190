"""Start-up: migrate the schema, and seed an empty database so a newcomer sees a populated app."""

import os
from dataclasses import dataclass

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from models import Organisation, unit_of_work
from models.migrate import take_startup_lock, upgrade
from services.startup.data_files import DEMO_EFFECTS, demo_spec, shipped_spec
from services.startup.demo_history import load_demo_history
from services.startup.demo_issues import load_demo_issues
from services.startup.demo_meetings import load_demo_meetings
from services.startup.demo_users import load_demo_users
from services.startup.effects import load_effects
from services.structure.sync import LoadReport, load_structure


@dataclass
class SeedResult:
    structure: LoadReport
    demo: LoadReport | None
    demo_issues: int = 0
    demo_users: int = 0
    demo_meetings: int = 0
    demo_effects: int = 0
    demo_history: int = 0


def prepare_database(engine: Engine, *, demo_on_first_start: bool = True) -> SeedResult | None:
    """Upgrade the schema; on an empty database load the shipped structure (and demo content).

    Safe when several app servers start at once against PostgreSQL: one seeds, the rest wait on
    the lock and then find the database no longer empty.
    """
    upgrade(engine)
    result = _seed_if_empty(engine, demo_on_first_start)
    _add_shipped_effects(engine)
    _refresh_statistics(engine)
    return result


def _seed_if_empty(engine: Engine, demo: bool) -> SeedResult | None:
    with unit_of_work(engine) as session:
        _lock(session)
        if _has_structure(session):
            return None
        result = SeedResult(load_structure(session, shipped_spec()), None)
        if demo:
            result.demo = load_structure(session, demo_spec(), demo=True)
            result.demo_issues = load_demo_issues(session)
            result.demo_users = load_demo_users(session)
            result.demo_meetings = load_demo_meetings(session)
            load_effects(session)
            result.demo_effects = load_effects(session, DEMO_EFFECTS, demo=True)
            result.demo_history = load_demo_history(session)
        session.commit()
        return result


def _add_shipped_effects(engine: Engine) -> None:
    """The effects the app ships, also into a database seeded before they existed."""
    with unit_of_work(engine) as session:
        _lock(session)
        if _has_structure(session) and load_effects(session):
            session.commit()


def _refresh_statistics(engine: Engine) -> None:
    """SQLite plans by table statistics it only gathers on request; without them it drives a
    forum member's filtered list from the wrong table (10-20 times slower at 100,000 issues).
    Sampled, it takes milliseconds. PostgreSQL's autovacuum keeps its own up to date."""
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("ANALYZE")


def demo_wanted() -> bool:
    """Demo content (with demo accounts and their published password) on a first start?

    SAMVERKANSNAVET_DEMO=1/0 decides; unset, only the embedded SQLite default gets it, so a
    deployment on DATABASE_URL never starts with demo accounts by accident.
    """
    setting = os.environ.get("SAMVERKANSNAVET_DEMO", "").strip().lower()
    if setting:
        return setting in ("1", "true", "yes")
    return not os.environ.get("DATABASE_URL", "").strip()


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        take_startup_lock(session)


def _has_structure(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Organisation)).one() > 0
