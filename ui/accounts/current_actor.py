"""The signed-in user as the permission rules see them, read on every run."""

import threading

import streamlit as st

from services.accounts.signin import actor_of
from services.permissions import Actor
from ui.accounts.browser_session import end, restored_actor
from ui.accounts.session_user import signed_in
from ui.db import forget_run_reads, reading
from ui.faults import new_run
from ui.i18n import hold_language, t
from ui.shell import come_back_after_signin, linked_page

_run = threading.local()  # Streamlit runs each script run in a thread of its own


def start_run() -> None:
    """Called by app.py first: the actor is read afresh once in each run."""
    _run.known = False
    hold_language(None)
    new_run()
    forget_run_reads()


def current_rules_actor() -> Actor | None:
    """None when nobody is signed in. Read once each run (the menu and the page share it), so
    a changed grant counts at once, and a user deactivated meanwhile is signed out."""
    if getattr(_run, "known", False):
        return _run.actor
    _run.actor, _run.known = _read_actor(), True
    st.session_state.last_actor = _run.actor
    return _run.actor


def last_known_actor() -> Actor | None:
    """Who was signed in when the database last answered: the menu stays theirs while it is
    away (nothing is shown or done with it that the database would have to allow)."""
    return st.session_state.get("last_actor")


def _read_actor() -> Actor | None:
    user = signed_in()
    if user is None:
        return None
    actor = restored_actor(user["id"])
    if actor is not None:
        return actor
    with reading() as s:
        actor = actor_of(s, user["id"])
    if actor is None:
        end()
        st.session_state.signed_out_inactive = True
    return actor


def require_signin(reason_key: str) -> Actor:
    """The actor, or a sign-in prompt saying why and the end of this page's run."""
    actor = current_rules_actor()
    if actor is None:
        come_back_after_signin()
        st.info(t(reason_key), icon=":material/lock:")
        st.page_link(
            linked_page("pages/signin.py"), label=t("signin.title"), icon=":material/login:"
        )
        st.stop()
    return actor
