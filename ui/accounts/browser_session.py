"""Staying signed in: the signed-in browser keeps a random token in a cookie, and every run
finds the server-side session again by it, so a reload, a second tab or a deep link from a
follow e-mail stays signed in, and a sign-out (or a deactivation) ends it everywhere.

Streamlit cannot set a cookie from Python; a one-line script in the sidebar does. The cookies
the server sees are the ones the browser sent when the tab connected, so it cannot tell when the
script has run: the script is sent again on every run until the tab reconnects with the right
cookie (a run cut short by a rerun or a quick click would otherwise lose it for good, and the
next page opened would be signed out).
"""

import json
import threading

import streamlit as st
from sqlmodel import Session

from models.db import database_url
from services.accounts.sessions import close_session, open_session, resume_session
from services.accounts.signin import actor_of
from services.permissions import Actor
from ui.accounts.session_user import forget_user, signed_in
from ui.db import SIGN_IN, session, structure_revision
from ui.faults import database_away
from ui.i18n import t
from ui.text import md

_run = threading.local()  # Streamlit runs each script run in a thread of its own
COOKIE = "samverkansnavet_session"
COOKIE_MAX_AGE_S = 12 * 3600
"""The cookie outlives a working day; the server's 30-minute idle rule ends the session."""


def start(user_id: int, username: str, name: str) -> None:
    """Sign the browser in: a new server session, its token in the session and the cookie."""
    with session(SIGN_IN) as s:
        token = open_session(s, user_id=user_id, browser=_browser())
        s.commit()
    _hold(user_id, username, name, token)


def _browser() -> str:
    return _connected_with()[0]


def _sent_cookie() -> str | None:
    return _connected_with()[1]


def _connected_with() -> tuple[str, str | None]:
    """The User-Agent and this app's cookie the browser sent when the tab connected: they
    stay as they were while the session lasts, so they are read once (each read of
    st.context builds its headers and cookies anew, on every run)."""
    held = st.session_state.get(CONNECTED_WITH)
    if held is None:
        headers = st.context.headers
        held = (headers.get("User-Agent", "") if headers else "", st.context.cookies.get(COOKIE))
        st.session_state[CONNECTED_WITH] = held
    return held


CONNECTED_WITH = "_connected_with"


def _token() -> str | None:
    """This session's token, or the browser's cookie (a string of sane length, or nothing).

    The cookie is the one the browser sent when this session connected: it does not change
    while the session lasts, so a cookie found dead once is not asked about again.
    """
    token = st.session_state.get("session_token")
    if token is None:
        cookie = _sent_cookie()
        token = None if cookie == st.session_state.get("dead_cookie") else cookie
    return token if isinstance(token, str) and 0 < len(token) <= 100 else None


def restore() -> None:
    """Called first on every run: the session behind this browser's token, or signed out.

    The user as the permission rules see them is read in the same session (the user's row is
    at hand: a session and a read fewer on every run); `restored_actor` hands it on."""
    _run.actor = None
    token = _token()
    if not token:
        return
    with session(SIGN_IN) as s:
        user = resume_session(s, token=token, browser=_browser())
        wrote = bool(s.new or s.dirty or s.deleted)  # a touch, or the session ended
        actor = (
            _actor(database_url(), user.id, user.version, structure_revision(), _session=s)
            if user is not None
            else None
        )
        if wrote:  # a commit makes the run read what it holds again (ui.db): only if needed
            s.commit()
    _run.actor = actor
    if user is None:
        if signed_in() is not None:  # only then: forgetting would also drop a form's input
            forget_user()
            st.session_state.signed_out_idle = True
        st.session_state.dead_cookie = _sent_cookie()
        return
    current = signed_in()
    if current is None or current["id"] != user.id:
        _hold(user.id, user.username, user.display_name, token)


@st.cache_resource(max_entries=5000, ttl=3600, show_spinner=False)
def _actor(
    url: str,  # noqa: ARG001 (cache keys: the database, the user's row and the structure)
    user_id: int,
    version: int,  # noqa: ARG001 (a grant or a revoked role bumps it; so does any change)
    revision: int,  # noqa: ARG001 (the forums of the user's organisation, the groups')
    *,
    _session: Session,
) -> Actor | None:
    """`actor_of`, shared by the user's runs until their row or the structure changes (both
    read from the database each run, so a role taken away through another server counts on
    the next run): it was three statements on every run of every page. Immutable, so shared
    as it is."""
    return actor_of(_session, user_id)


def restored_actor(user_id: int) -> Actor | None:
    """The actor `restore` read in this run for `user_id`; None if it read none (no cookie,
    another user signed in since, or a run that did not start with `restore`)."""
    actor = getattr(_run, "actor", None)
    return actor if actor is not None and actor.user_id == user_id else None


def end() -> None:
    """Sign out here and in every tab sharing the cookie; an identity provider's too."""
    token = _token()
    if token:
        with session(SIGN_IN) as s:
            close_session(s, token=token)
            s.commit()
    provider = st.user.to_dict().get("is_logged_in")
    forget_user()
    st.session_state.dead_cookie = _sent_cookie()
    if provider:
        st.logout()


def write_cookie() -> None:
    """Called on every run, before the page: the browser's cookie made to hold this session's
    token (or nothing, once signed out), for as long as the cookie the tab connected with
    differs."""
    token = st.session_state.get("session_token") if signed_in() is not None else None
    sent = _sent_cookie()
    if token == sent or (token is None and not sent):
        return
    if token is None and database_away():  # not known to be signed out: the session could
        return  # not be looked up, so the cookie stays as it is
    age = COOKIE_MAX_AGE_S if token else 0
    st.sidebar.html(
        "<script>document.cookie = "
        + json.dumps(f"{COOKIE}={token or ''}; Path=/; Max-Age={age}; SameSite=Strict")
        + " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def _hold(user_id: int, username: str, name: str, token: str) -> None:
    st.session_state.user = {"id": user_id, "username": username, "name": name}
    st.session_state.session_token = token


def sidebar_account() -> None:
    user = signed_in()
    if st.session_state.pop("signed_out_idle", False):
        st.sidebar.warning(t("signin.expired"))
    if st.session_state.pop("signed_out_inactive", False):
        st.sidebar.warning(t("signin.inactive"))
    if user is None:
        return  # the navigation has the sign-in page
    st.sidebar.caption(t("signin.as", name=md(user["name"])))
    if st.sidebar.button(t("signin.out"), icon=":material/logout:", key="sign_out"):
        end()
        st.switch_page("pages/start.py")  # not back to a page that now asks for a sign-in
