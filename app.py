"""Samverkansnavet entry point: page config, language, navigation. Pages live in pages/."""

from pathlib import Path

import streamlit as st

from ui.accounts.browser_session import restore, sidebar_account, write_cookie
from ui.accounts.current_actor import current_rules_actor, last_known_actor, start_run
from ui.accounts.oidc import sync_oidc_user
from ui.db import end_run_reads, forum_graph
from ui.faults import database_guard
from ui.i18n import t
from ui.menu import show_menu
from ui.shell import (
    app_pages,
    demo_banner,
    init_language,
    language_switch,
    mark_app_run,
    page_language,
    page_style,
    remember_page,
)

# the app's own icon, served by the app: a Material icon would be fetched from Google's servers
ICON = Path(__file__).parent / "ui" / "icon.png"

mark_app_run()
start_run()
try:
    st.set_page_config(page_title=t("app.name"), page_icon=ICON, layout="wide")
    page_style()
    init_language()
    actor = last_known_actor()  # the menu stays while the database is away
    with database_guard():
        restore()
        sync_oidc_user()
        actor = current_rules_actor()
    navigation = st.navigation(app_pages(), position="hidden")
    show_menu(actor)
    language_switch()
    page_language()
    sidebar_account()
    st.sidebar.caption(t("app.tagline"))
    with database_guard():
        demo_banner(forum_graph().graph["has_demo"])
    remember_page(navigation.url_path)
    write_cookie()
    with database_guard():
        navigation.run()
finally:
    end_run_reads()  # the run's read session given back, however the run ended
