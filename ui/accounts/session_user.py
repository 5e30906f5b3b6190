"""The signed-in user as this browser session holds it."""

import streamlit as st


def signed_in() -> dict | None:
    """{"id", "username", "name"} of the signed-in user, or None."""
    return st.session_state.get("user")


def audit_name() -> str:
    """Who the audit log names for this session's writes: the username, unique and stable."""
    user = signed_in()
    return user["username"] if user is not None else "anonymous"


def forget_user() -> None:
    """Forget everything the session held for this user (filters, prepared exports, forms),
    keeping only the language."""
    for key in list(st.session_state):
        if key != "lang":
            del st.session_state[key]
