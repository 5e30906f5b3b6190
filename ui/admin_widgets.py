"""Shared by the administration pages: the admin check and one account action per transaction."""

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from services.accounts import AccountError
from services.permissions import Actor, PermissionDeniedError, can_manage_users
from ui.db import session
from ui.i18n import t
from ui.problems import readable
from ui.rules import require_signin


def require_admin() -> Actor:
    """The signed-in administrator, or a message saying who may use the page, and stop."""
    actor = require_signin("permission.signin_for_admin")
    if not can_manage_users(actor):
        st.info(t("permission.not_admin_users"), icon=":material/lock:")
        st.stop()
    return actor


def run_account_action(action: Callable[[Session], object]) -> bool:
    """Commit the action, or say why it was refused; nothing is half-written either way."""
    try:
        with session() as s:
            action(s)
            s.commit()
    except AccountError as refused:
        st.error(t(f"account_error.{refused.code}", **readable(refused.params)),
                 icon=":material/block:")
    except PermissionDeniedError as denied:
        st.error(t(f"permission.{denied.reason}"), icon=":material/lock:")
    else:
        return True
    return False
