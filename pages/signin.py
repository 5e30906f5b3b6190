import time

import streamlit as st

from models.db import ConcurrentChangeError
from services.accounts.signin import SigninError
from services.startup.demo_users import demo_password, demo_usernames
from ui.accounts.browser_session import start
from ui.accounts.local_signin import sign_in_committed
from ui.accounts.oidc import oidc_configured
from ui.accounts.session_user import signed_in
from ui.db import SIGN_IN, forum_graph, session
from ui.i18n import clock_time, t
from ui.shell import require_app
from ui.text import md

require_app()

st.title(t("signin.title"))
user = signed_in()
if user:
    st.success(t("signin.as", name=md(user["name"])))
    st.stop()

if refused := st.session_state.get("oidc_refused"):
    st.error(t(f"signin.{refused}"), icon=":material/block:")
    if st.button(t("signin.provider_out"), key="provider_out"):
        st.logout()
    st.stop()
if oidc_configured():
    # The agency's identity provider signs people in; local accounts are for running without.
    st.caption(t("signin.provider_help"))
    if st.button(t("signin.provider"), type="primary", icon=":material/badge:", key="provider_in"):
        st.login()
    st.stop()

with st.form("signin"):
    username = st.text_input(t("signin.username"), key="si_user")
    password = st.text_input(t("signin.password"), type="password", key="si_password")
    submitted = st.form_submit_button(t("signin.submit"), type="primary")

if submitted:
    found = None
    try:
        found = sign_in_committed(lambda: session(SIGN_IN), username=username, password=password)
    except ConcurrentChangeError:
        st.error(t("refusal.concurrent"), icon=":material/sync_problem:")
    except SigninError as refused:
        time.sleep(refused.delay_s)  # repeated failures answer ever more slowly
        if refused.code == "locked":
            st.error(t("signin.locked", at=clock_time(refused.retry_at)))
        else:
            st.error(t(f"signin.{refused.code}"))
    if found is not None:
        start(*found)
        page, query = st.session_state.pop("after_signin", ("pages/start.py", {}))
        st.switch_page(page, query_params=query)

if forum_graph().graph["has_demo"]:  # as the banner above knows it
    accounts = "\n".join(f"- `{name}` – {who}" for name, who in demo_usernames())
    st.info(
        t("signin.demo", password=demo_password()) + "\n\n" + accounts, icon=":material/science:"
    )
