"""The engine for the app: created, migrated and seeded once per process and database URL."""

from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from models import make_engine, unit_of_work
from models.audit import acting_as
from models.db import database_url, is_unavailable
from services.issues.similar_vectors import embed_in_background
from services.startup.app_info import has_demo_content
from services.startup.bootstrap import demo_wanted, prepare_database
from services.structure.read import current_revision, structure_counts, structure_graph
from ui.accounts.session_user import audit_name
from ui.faults import StartupFailedError


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
    with session() as s:
        revision = current_revision(s)
    return _graph_for(database_url(), revision)
