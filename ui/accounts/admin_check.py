"""Shared by the administration pages: the administrator check."""

from functools import partial

import streamlit as st

from services.permissions import Actor, can_manage_users
from ui.accounts.current_actor import require_signin
from ui.i18n import t
from ui.transaction import run_action


def require_admin() -> Actor:
    """The signed-in administrator, or a message saying who may use the page, and stop."""
    actor = require_signin("permission.signin_for_admin")
    if not can_manage_users(actor):
        st.info(t("permission.not_admin_users"), icon=":material/lock:")
        st.stop()
    return actor


run_account_change = partial(run_action, what="account")
"""One account change; a refusal says the account was not saved."""
