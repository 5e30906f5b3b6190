"""The signed-in user in the browser session, and its expiry after inactivity."""

from datetime import UTC, datetime

import streamlit as st

from services.signin_policy import session_expired
from ui.i18n import t


def signed_in() -> dict | None:
    """{"id", "username", "name"} of the signed-in user, or None."""
    return st.session_state.get("user")


def current_actor() -> str:
    """The signed-in user's name; without sign-in, the name the user gave in the sidebar."""
    user = signed_in()
    if user is not None:
        return user["name"]
    return str(st.session_state.get("actor", "")).strip()


def remember(user_id: int, username: str, name: str) -> None:
    st.session_state.user = {"id": user_id, "username": username, "name": name}
    st.session_state.last_activity = datetime.now(UTC)


def sign_out() -> None:
    for key in ("user", "last_activity"):
        st.session_state.pop(key, None)


def keep_alive() -> None:
    """Called on every run: an idle session is signed out, an active one kept."""
    if signed_in() is None:
        return
    now = datetime.now(UTC)
    if session_expired(st.session_state.get("last_activity", now), now):
        sign_out()
        st.session_state.signed_out_idle = True
        return
    st.session_state.last_activity = now


def sidebar_account() -> None:
    user = signed_in()
    if st.session_state.pop("signed_out_idle", False):
        st.sidebar.warning(t("signin.expired"))
    if user is None:
        return  # the navigation has the sign-in page
    st.sidebar.caption(t("signin.as", name=user["name"]))
    if st.sidebar.button(t("signin.out"), icon=":material/logout:", key="sign_out"):
        sign_out()
        st.rerun()
