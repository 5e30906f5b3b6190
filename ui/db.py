"""The engine for the app: created, migrated and seeded once per process and database URL;
the sessions pages read and write with; and the small reads a run holds once.

A page reads in many small parts, and each part's own session was a BEGIN and a ROLLBACK on
PostgreSQL and a pool checkout (half a millisecond each; an issue's page opened eighteen):
`reading()` gives every read of a run one session, ended when the run ends (app.py), when
anything in the run commits, and after a read that fails. The structure's revision and the
issues' version decide which shared caches a page's parts may use, and are read once a run
(`held`), again after the run commits. So a page that saves and then reads sees what it saved;
a change made through another session or server meanwhile is seen on the next run, as if it had
come a moment later.
"""

import logging
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx
import streamlit as st
from sqlalchemy import Engine, event
from sqlmodel import Session
from streamlit.runtime.scriptrunner import get_script_run_ctx

from escalation import forum
from models import make_engine, unit_of_work
from models.audit import acting_as
from models.db import AppSession, database_url, is_unavailable
from services.issues.queries import forum_names, issues_version
from services.issues.similar_vectors import embed_in_background
from services.startup.app_info import has_demo_content
from services.startup.bootstrap import demo_wanted, prepare_database
from services.structure.read import current_revision, structure_counts, structure_graph
from services.structure.view import FilterOptions, filter_options, organisation_names
from ui.accounts.session_user import audit_name
from ui.faults import StartupFailedError

T = TypeVar("T")
M = TypeVar("M")
LOG = logging.getLogger("samverkansnavet")
_run = threading.local()  # Streamlit runs each script run in a thread of its own


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    try:
        with acting_as("system"):  # not whoever's click happened to start the server
            prepare_database(engine, demo_on_first_start=demo_wanted())
    except Exception as error:  # tried again at the next request (a failure is not cached)
        engine.dispose()
        if is_unavailable(error):
            raise
        raise StartupFailedError(str(error)) from error
    embed_in_background(engine)  # the similarity search's backlog, if any
    return engine


def engine() -> Engine:
    return _engine_for(database_url())


SIGN_IN = "sign-in"
"""Who the audit log names for what signing in writes (failure counts, last sign-in)."""


@contextmanager
def session(acting: str | None = None) -> Iterator[Session]:
    """One session per user action; rolled back unless the caller commits.

    Every write in it is audited as the current user's, or as `acting`.
    """
    with acting_as(acting or audit_name()), unit_of_work(engine()) as s:
        yield s


@st.cache_resource(show_spinner=False, max_entries=4)
def _graph_for(url: str, revision: int) -> nx.MultiDiGraph:
    with unit_of_work(engine()) as s:
        G = structure_graph(s)
        G.graph["counts"] = structure_counts(s)  # the start page's sizes, ten counts
        G.graph["has_demo"] = has_demo_content(s)  # the banner on every page, four probes
        G.graph["names"] = StructureNames(forum_names(s), organisation_names(s), filter_options(s))
    order = sorted(G, key=lambda k: (-forum(G, k).level.rank, forum(G, k).name))
    G.graph["top_down"] = {k: i for i, k in enumerate(order)}  # the pickers' order
    G.graph["revision"] = (url, revision)  # what a picture drawn from it is cached under
    return G


def forum_graph() -> nx.MultiDiGraph:
    """The forum graph, shared by every user until the structure's revision changes; its
    `counts` are the structure's sizes (`structure_counts`), `has_demo` whether the database
    holds demo content (made with the structure, on a first start)."""
    return _graph_for(database_url(), structure_revision())


@dataclass(frozen=True)
class StructureNames:
    """The names the pages' choices are made from, read once per structure revision (four
    statements on every run of the issue list, the structure page, the inbox...). Shared:
    not to be changed."""

    forums: dict[str, str]
    """Forum key to name, sorted by name."""
    organisations: dict[str, str]
    options: FilterOptions
    """The structure filters' regions, healthcare regions and organisations."""


def structure_names() -> StructureNames:
    return forum_graph().graph["names"]


def top_down(G: nx.MultiDiGraph, keys: Iterable[str]) -> list[str]:
    """The forums in the order the pickers show them: national level first, then by name
    (the order made once per structure revision, with the graph)."""
    return sorted(keys, key=G.graph["top_down"].__getitem__)


def structure_revision() -> int:
    """The structure's revision, read once a run (until the run commits)."""
    return held(("structure_revision", database_url()), _read(current_revision))


def issue_data_version() -> tuple[object, object]:
    """The issues' version (`issues_version`), read once a run (until the run commits)."""
    return held(("issues_version", database_url()), _read(issues_version))


def _read(query: Callable[[Session], T]) -> Callable[[], T]:
    def read() -> T:
        with reading() as s:
            return query(s)

    return read


@contextmanager
def reading() -> Iterator[Session]:
    """A session to read with (it writes nothing: a flush refuses). In a whole run, the run's
    one read session; outside one (a fragment's run, a script without app.py), its own."""
    if not _in_whole_run():
        with session() as s:
            s.info[READ_ONLY], s.autoflush = True, False
            yield s
        return
    reader = getattr(_run, "reader", None)
    if reader is None or _run.reader_stale:
        _close_reader()
        # never flushed on its own: a row changed for display is dropped at the end, as a
        # session of its own dropped it; an explicit flush is refused
        reader = _run.reader = AppSession(engine(), expire_on_commit=False, autoflush=False)
        reader.info[READ_ONLY] = True
        _run.reader_stale = False
    try:
        yield reader
    except BaseException:
        _close_reader()  # a failed statement leaves PostgreSQL's transaction unusable
        raise


READ_ONLY = "read_only"


def forget_run_reads() -> None:
    """Called first in each run (app.py): nothing is held from the last one."""
    _close_reader()
    _run.held, _run.whole = {}, True


def end_run_reads() -> None:
    """Called last in each run (app.py): the run's read session is given back."""
    _close_reader()
    _run.whole = False


def _in_whole_run() -> bool:
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(getattr(_run, "whole", False) and ctx and not ctx.fragment_ids_this_run)


def _close_reader() -> None:
    reader, _run.reader, _run.reader_stale = getattr(_run, "reader", None), None, False
    if reader is not None:
        try:
            reader.close()
        except Exception as error:  # noqa: BLE001 - a dead connection is the pool's to replace
            LOG.warning("closing the run's read session: %s", error)


def read_row(s: Session, model: type[M], row_id: int) -> M | None:
    """The row of `model` by id, read once per run (again after a commit): the session's
    identity map holds rows weakly, so each part of a page that got the same row read it."""
    return held(("row", model.__name__, row_id), lambda: s.get(model, row_id))


def held(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, once per whole run and `key` (outside one every call reads). A failed read
    is not held."""
    memo: dict[Hashable, object] | None = getattr(_run, "held", None)
    if memo is None or not _in_whole_run():
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[return-value]


@event.listens_for(Engine, "commit")
def _forget_on_commit(_conn: object) -> None:
    """Whatever the run read may have changed: held reads are read again, and the read
    session is begun anew (on SQLite it would go on seeing the moment it began)."""
    memo = getattr(_run, "held", None)
    if memo:
        memo.clear()
    if getattr(_run, "reader", None) is not None:
        _run.reader_stale = True


@event.listens_for(AppSession, "before_flush")
def _refuse_writes(session: Session, _context: object, _instances: object) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlySessionError("a read session does not write")


class ReadOnlySessionError(RuntimeError):
    """A write through `reading()`: a programming error, not the user's."""
