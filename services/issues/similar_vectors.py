"""Computing the vectors the similarity search compares, outside the save that changed the text.

Saving an issue never waits for the model: a new issue simply has no vector yet, and an edit of
its title or description drops the old one in the same transaction (`forget_vector`). A worker
(`embed_missing`) then embeds what has none, in small batches, each its own transaction; two
servers doing it at once cost a refused duplicate, never a wrong vector. The app starts one per
process after a save and at start; `python -m services.issues.similar_vectors` runs the backlog
of an existing database with progress.
"""

import argparse
import logging
import sys
import threading
from collections.abc import Callable

from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import Issue, IssueVector, make_engine, unit_of_work
from models.audit import acting_as
from models.db import DuplicateError
from services.issues import text_vectors
from services.issues.glossary import glossary
from services.issues.text_vectors import MODEL_NAME, issue_text, quantised, text_hash

log = logging.getLogger(__name__)
BATCH = 32
RACES = 3
"""Batches refused in a row because another server stored them first before this one stops:
the other is doing the work."""


def forget_vector(session: Session, issue_id: int) -> None:
    """The issue's text changed: its vector no longer says it."""
    session.exec(delete(IssueVector).where(IssueVector.issue_id == issue_id))  # type: ignore[call-overload]


def missing_count(session: Session, model: str = MODEL_NAME) -> tuple[int, int]:
    """(issues without a vector of `model`, all issues): the backlog's progress."""
    from sqlalchemy import func

    total = session.exec(select(func.count()).select_from(Issue)).one()
    done = session.exec(
        select(func.count()).select_from(IssueVector).where(IssueVector.model == model)
    ).one()
    return max(total - done, 0), total


def embed_missing(
    engine: Engine,
    *,
    limit: int | None = None,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Embed issues that have no vector, newest first; returns how many were stored.

    Does nothing without a model (the search then matches words)."""
    if text_vectors.model() is None:
        return 0
    stored = races = 0
    while (limit is None or stored < limit) and races < RACES:
        size = batch if limit is None else min(batch, limit - stored)
        with unit_of_work(engine) as s:
            rows = s.exec(
                select(Issue.id, Issue.title, Issue.description)
                .outerjoin(
                    IssueVector,
                    (IssueVector.issue_id == Issue.id) & (IssueVector.model == MODEL_NAME),
                )
                .where(IssueVector.id.is_(None))  # type: ignore[union-attr]
                .order_by(Issue.id.desc())  # type: ignore[union-attr]
                .limit(size)
            ).all()
            if not rows:
                break
            terms = glossary(s)
            texts = [issue_text(title, description, terms) for _id, title, description in rows]
            vectors = text_vectors.embed(texts)
            if vectors is None:
                break
            ids = [issue_id for issue_id, _t, _d in rows]
            s.exec(  # another model's (an upgrade): an issue keeps one vector
                delete(IssueVector).where(  # type: ignore[call-overload]
                    col(IssueVector.issue_id).in_(ids), IssueVector.model != MODEL_NAME
                )
            )
            for (issue_id, _t, _d), text, vector in zip(rows, texts, vectors, strict=True):
                codes, scale = quantised(vector)
                s.add(
                    IssueVector(
                        issue_id=issue_id,
                        model=MODEL_NAME,
                        text_hash=text_hash(text),
                        vector=codes,
                        scale=scale,
                    )
                )
            try:
                with acting_as("system"):
                    s.commit()
            except (DuplicateError, IntegrityError):  # another server stored some of them first
                s.rollback()
                races += 1
                continue
        stored += len(rows)
        races = 0
        if progress:
            progress(stored)
    return stored


_running = threading.Lock()
BACKGROUND_LIMIT = 200
"""Issues embedded per start of the background thread (newest first, some 10 s of one core):
what users just saved. A database that arrives with a backlog of thousands (an upgrade) is
embedded by `python -m services.issues.similar_vectors`, not by every app server at once."""


def embed_in_background(engine: Engine) -> None:
    """Embed what has no vector in a thread of this process: started after every issue action
    and when the app starts, so a new or edited issue has its vector within seconds and no save
    waits for the model. A second call while one runs does nothing: the running one reads the
    missing issues batch by batch and picks up what came since."""
    if not _running.acquire(blocking=False):
        return

    def work() -> None:
        try:
            embed_missing(engine, limit=BACKGROUND_LIMIT)
        except Exception:  # a failed batch is tried again at the next call; never the user's
            log.exception("embedding issues for the similarity search failed")
        finally:
            _running.release()

    threading.Thread(target=work, name="similar-issues-embedder", daemon=True).start()


def background_done(timeout: float = 120) -> bool:
    """Whether this process's background embedding has finished (waiting up to `timeout` s):
    a benchmark times pages only after it, as they run on a server past its start."""
    if not _running.acquire(timeout=timeout):
        return False
    _running.release()
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="DATABASE_URL (default: the app's)")
    args = parser.parse_args(argv)
    engine = make_engine(args.database, interactive=False)
    with unit_of_work(engine) as s:
        missing, total = missing_count(s)
    print(f"{missing} of {total} issues have no vector of {MODEL_NAME}", flush=True)

    def say(done: int) -> None:
        if done % 1000 < BATCH or done == missing:
            print(f"  {done} / {missing}", flush=True)

    done = embed_missing(engine, progress=say)
    print(f"stored {done} vectors", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
