"""The signed-in user in the browser session, and its expiry after inactivity."""

from datetime import UTC, datetime

import streamlit as st

from services.accounts.signin_policy import session_expired
from ui.i18n import t


def signed_in() -> dict | None:
    """{"id", "username", "name"} of the signed-in user, or None."""
    return st.session_state.get("user")


def audit_name() -> str:
    """Who the audit log names for this session's writes: the username, unique and stable."""
    user = signed_in()
    return user["username"] if user is not None else "anonymous"


def remember(user_id: int, username: str, name: str) -> None:
    st.session_state.user = {"id": user_id, "username": username, "name": name}
    st.session_state.last_activity = datetime.now(UTC)


def sign_out() -> None:
    """Forget everything the session held for this user (filters, prepared exports, forms),
    keeping only the language; after a provider sign-in, drop its cookie too, or the next run
    would sign the user straight back in."""
    for key in list(st.session_state):
        if key != "lang":
            del st.session_state[key]
    if st.user.to_dict().get("is_logged_in"):
        st.logout()


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
    if st.session_state.pop("signed_out_inactive", False):
        st.sidebar.warning(t("signin.inactive"))
    if user is None:
        return  # the navigation has the sign-in page
    st.sidebar.caption(t("signin.as", name=user["name"]))
    if st.sidebar.button(t("signin.out"), icon=":material/logout:", key="sign_out"):
        sign_out()
        st.rerun()
