"""Linked and merged issues on an issue's page."""

import networkx as nx
import streamlit as st

from escalation import forum, forums_above
from services.issues.duplicates import MergeInput, link_issues, linked_references, merge_issues
from services.issues.queries import IssueDetail
from services.permissions import Actor, can_route_issue
from ui.db import reading
from ui.i18n import t
from ui.issues.handling import issue_scope
from ui.issues.submit import run_issue_action
from ui.opened import forget_opened
from ui.shell import linked_page
from ui.text import md
from ui.widget_keys import keyed


def show_links(detail: IssueDetail, G: nx.MultiDiGraph, by: Actor) -> None:
    with reading() as s:  # the page has checked that `by` may read it (`detail`)
        links = linked_references(s, detail.id, by)
    with st.expander(t("links.title", count=len(links)), icon=":material/link:"):
        for reference, title, how in links:
            shown = title if title is not None else t("links.not_readable")
            st.page_link(
                linked_page("pages/issue.py"),
                label=f"{md(reference)} · {md(shown)} ({t(f'links.{how}')})",
                query_params={"ref": reference},
            )
        if not can_route_issue(by, detail.forum_key):
            return
        ref = detail.reference
        k = keyed(issue_scope(ref))
        done = False
        with st.form("link"):
            other = st.text_input(t("links.other"), key=k("link_other"))
            if st.form_submit_button(t("links.link")):
                done = (
                    run_issue_action(
                        lambda s: link_issues(s, reference=ref, other=other.strip().upper(), by=by)
                    )
                    is not None
                )
        with st.form("merge"):
            st.caption(t("links.merge_help"))
            others = st.text_input(t("links.merge_with"), key=k("merge_with"))
            above = {k: forum(G, k).name for k in forums_above(G, detail.forum_key)}
            target = st.selectbox(t("links.merge_forum"), list(above), format_func=above.get)
            title = st.text_input(t("new_issue.heading"), value=detail.title, key=k("merge_title"))
            reason = st.text_area(t("issue.reason"), key=k("merge_reason"))
            if st.form_submit_button(t("links.merge"), disabled=not above):
                refs = (ref, *[r.strip().upper() for r in others.split(",") if r.strip()])
                saved = run_issue_action(
                    lambda s: merge_issues(
                        s,
                        by=by,
                        graph=G,
                        data=MergeInput(refs, target, title, detail.description, reason),
                    )
                )
                if saved is not None:
                    forget_opened("issue")
                    st.switch_page("pages/issue.py", query_params={"ref": saved.value.reference})
        if done:
            st.session_state.pop(k("link_other"), None)
            st.rerun()
