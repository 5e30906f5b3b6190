import streamlit as st

from ui.accounts.current_actor import current_rules_actor
from ui.db import forum_graph
from ui.i18n import t
from ui.issues.shared_reads import shared_issue_counts
from ui.shell import linked_page, require_app

require_app()

st.title(t("start.title"))
st.markdown(t("start.intro"))
st.markdown(f"> {t('start.principle')}")

st.subheader(t("start.what_heading"))
st.markdown(
    "\n".join(
        f"- {t(k)}"
        for k in (
            "start.what_structure",
            "start.what_issues",
            "start.what_feedback",
            "start.what_agenda",
            "start.what_effects",
        )
    )
)

actor = current_rules_actor()
counts = forum_graph().graph["counts"]  # counted once per structure revision
issues = shared_issue_counts(actor) if actor is not None else None
st.subheader(t("start.issues_heading"))
if issues is None:  # no zeros that would look like an empty app
    st.info(t("start.signin_for_issues"), icon=":material/lock:")
    st.page_link(linked_page("pages/signin.py"), label=t("signin.title"), icon=":material/login:")
else:
    if not actor.sees_everything():
        st.caption(t("start.issues_yours"))
    cols = st.columns(4)
    cols[0].metric(t("start.issues_open"), issues["open"])
    cols[1].metric(t("start.issues_overdue"), issues["overdue"])
    cols[2].metric(t("start.issues_all"), issues["issues"])
    cols[3].page_link(
        linked_page("pages/issue_new.py"), label=t("issues.new"), icon=":material/add_circle:"
    )
st.subheader(t("start.size_heading"))
cols = st.columns(4)
cols[0].metric(t("start.forums"), counts["forums"])
cols[1].metric(t("start.organisations"), counts["organisations"])
cols[2].metric(t("start.regions"), counts["regions"])
cols[3].metric(t("start.links"), counts["links"])
cols = st.columns(4)
for col, level in zip(cols, ("national", "regional", "local", "outward"), strict=True):
    col.metric(t(f"start.{level}"), counts[level])

st.page_link(
    linked_page("pages/structure.py"),
    label=t("start.open_structure"),
    icon=":material/account_tree:",
)
