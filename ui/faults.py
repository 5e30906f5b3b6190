"""A database that is away or full, said in words on any page, with the menu and what the user
typed kept.

Every run of every page passes through `database_guard` (app.py). When the database cannot
answer, the page stops where it was with the message below, never a traceback; the widgets the
failed run could not draw keep their values for the next run (Streamlit would forget them), so
a form retried once the database is back still holds its text. A save that fails this way is
reported by ui.transaction.run_action the same way, and the page goes on.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

import streamlit as st

from models.db import is_unavailable
from ui.i18n import t

LOG = logging.getLogger("samverkansnavet")
_run = threading.local()  # Streamlit runs each script run in a thread of its own


class StartupFailedError(Exception):
    """The database answers, but the app could not bring it up to date on its first request
    (a migration or the first seeding failed): every page says so in words until it can."""


@contextmanager
def database_guard() -> Iterator[None]:
    try:
        yield
    except StartupFailedError as error:
        show_not_started(error)
    except Exception as error:
        if not is_unavailable(error):
            raise
        LOG.warning("database unavailable: %s", error)
        show_unavailable()
        keep_what_was_typed()


def new_run() -> None:
    _run.shown = False


def database_away() -> bool:
    """Whether this run met a database that did not answer."""
    return getattr(_run, "shown", False)


def show_unavailable() -> None:
    """Once per run, however many parts of the page meet it."""
    _say_once("fault.db_unavailable", ":material/cloud_off:")


def show_not_started(error: StartupFailedError) -> None:
    """Once per run; the server's log has what failed."""
    if _say_once("fault.not_started", ":material/build:"):
        LOG.error("the database could not be prepared", exc_info=error.__cause__ or error)


def _say_once(message: str, icon: str) -> bool:
    """The run's one fault message (a catalogue key); False if the run has one already."""
    if getattr(_run, "shown", False):
        return False
    _run.shown = True
    st.error(t(message), icon=icon)
    return True


KEPT = (str, int, float, date, time, datetime)
"""What a user types or picks: text, numbers, dates, choices (and lists of them). Not True or
False: a button's value, which Streamlit refuses to have set, shares the type with a
checkbox's; nor a table's edits or an upload, which cannot be set either."""


def keep_what_was_typed() -> None:
    """Every value the user gave a widget is set again, so it outlives a run that did not draw
    its widget. A widget drawn in this run keeps its value anyway (and cannot be set again)."""
    for key in list(st.session_state):
        value = st.session_state[key]
        items = value if isinstance(value, list | tuple) else [value]
        if not items or any(isinstance(v, bool) or not isinstance(v, KEPT) for v in items):
            continue
        try:
            st.session_state[key] = value
        except Exception:  # noqa: BLE001 - drawn this run: it keeps its value by itself
            continue
