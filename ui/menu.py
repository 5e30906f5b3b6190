"""The sidebar menu: each person sees the pages they can use; every page stays reachable by
its link, where it says what it needs (a sign-in, a role)."""

import streamlit as st

from models.vocabulary import Role
from services.permissions import WORKS_AT_FORUM, Actor, can_manage_users
from ui.i18n import t
from ui.navigation import PAGES, PageSpec, ShownTo
from ui.shell import linked_page


def shows(spec: PageSpec, actor: Actor | None) -> bool:
    if spec.shown_to is ShownTo.EVERYONE:
        return True
    if spec.shown_to is ShownTo.SIGNED_OUT:
        return actor is None
    if actor is None or spec.shown_to is ShownTo.NOBODY:
        return False
    if spec.shown_to is ShownTo.RAISERS:
        return any(role in WORKS_AT_FORUM and forum for role, forum in actor.roles)
    if spec.shown_to is ShownTo.FORUM_MEMBERS:
        return bool(actor.forums()) or actor.holds(Role.STRATEGIC_LEADER)
    if spec.shown_to is ShownTo.ADMINISTRATORS:
        return bool(can_manage_users(actor))
    return True  # signed in


def show_menu(actor: Actor | None) -> None:
    with st.sidebar.container(key="menu"):
        for spec in PAGES:
            if shows(spec, actor):
                st.page_link(linked_page(spec.path), label=t(spec.title_key), icon=spec.icon)
