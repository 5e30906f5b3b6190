"""One issue action per transaction: refusals explained, followers mailed after the commit."""

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from services.issues.mail import send_pending_mail, settings_from_env
from services.issues.similar_vectors import embed_in_background
from ui.db import engine, session
from ui.i18n import t
from ui.transaction import Saved, run_action


def run_issue_action(action: Callable[[Session], object], what: str = "change") -> Saved | None:
    return run_action(action, what=what, after_commit=_mail_after_commit)


def _mail_after_commit() -> None:
    """Mail followers, and embed a new or edited text for the similarity search; whatever
    happens here, the user's change is already saved."""
    embed_in_background(engine())
    try:
        with session() as s:
            send_pending_mail(s, settings_from_env())
    except Exception:  # noqa: BLE001 - mail must never turn a saved change into an error
        st.toast(t("follow.mail_failed"), icon=":material/mail:")


__all__ = ["run_issue_action"]
