"""The engine for the app: created, migrated and seeded once per process and database URL;
and the small reads a run holds once (the structure's revision, the issues' version).

Those two decide which shared caches a page's parts may use, and the parts asked the database
for them each (an issue's page twice each, the inbox three times). What the run commits makes
them stale, so every commit in the run's thread forgets them: a page that edits the structure
and then draws it reads the new revision. A change made through another session or server
meanwhile is seen on the next run, as if it had come a moment later.
"""

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import networkx as nx
import streamlit as st
from sqlalchemy import Engine, event
from sqlmodel import Session
from streamlit.runtime.scriptrunner import get_script_run_ctx

from models import make_engine, unit_of_work
from models.audit import acting_as
from models.db import database_url, is_unavailable
from services.issues.queries import issues_version
from services.issues.similar_vectors import embed_in_background
from services.startup.app_info import has_demo_content
from services.startup.bootstrap import demo_wanted, prepare_database
from services.structure.read import current_revision, structure_counts, structure_graph
from ui.accounts.session_user import audit_name
from ui.faults import StartupFailedError

T = TypeVar("T")
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
    G.graph["revision"] = (url, revision)  # what a picture drawn from it is cached under
    return G


def forum_graph() -> nx.MultiDiGraph:
    """The forum graph, shared by every user until the structure's revision changes; its
    `counts` are the structure's sizes (`structure_counts`), `has_demo` whether the database
    holds demo content (made with the structure, on a first start)."""
    return _graph_for(database_url(), structure_revision())


def structure_revision() -> int:
    """The structure's revision, read once a run (until the run commits)."""
    return held(("structure_revision", database_url()), _read(current_revision))


def issue_data_version() -> tuple[object, object]:
    """The issues' version (`issues_version`), read once a run (until the run commits)."""
    return held(("issues_version", database_url()), _read(issues_version))


def _read(query: Callable[[Session], T]) -> Callable[[], T]:
    def read() -> T:
        with session() as s:
            return query(s)

    return read


def forget_run_reads() -> None:
    """Called first in each run: nothing is held from the last one."""
    _run.held = {}


def held(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, once per run and `key`. Outside a whole run (no `new_run` in this thread, or
    a fragment's run, which app.py does not start) every call reads. A failed read is not
    held."""
    memo: dict[Hashable, object] | None = getattr(_run, "held", None)
    ctx = get_script_run_ctx(suppress_warning=True)
    if memo is None or ctx is None or ctx.fragment_ids_this_run:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[return-value]


@event.listens_for(Engine, "commit")
def _forget_on_commit(_conn: object) -> None:
    memo = getattr(_run, "held", None)
    if memo:
        memo.clear()
