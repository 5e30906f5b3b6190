"""Following an issue, and whether its feedback has reached the origin."""

import streamlit as st

from services.issues.feedback import follow_issue, follow_state, unfollow_issue
from services.issues.queries import IssueDetail
from services.permissions import Actor
from ui.db import reading
from ui.i18n import t
from ui.transaction import run_action


def show_follow(detail: IssueDetail, by: Actor) -> None:
    """Shown to someone who may read the issue: the page has checked that (`detail`)."""
    reference = detail.reference
    with reading() as s:
        reached, following = follow_state(s, issue_id=detail.id, person=by.name)
    if reached is True:
        st.success(t("follow.reached"), icon=":material/mark_email_read:")
    elif reached is False:
        st.warning(t("follow.not_reached"), icon=":material/mark_email_unread:")
    if following:
        st.caption(t("follow.following"))
    cols = st.columns([3, 2])
    email = (
        ""
        if following
        else cols[0].text_input(
            t("follow.email"), key="follow_email", placeholder="namn@myndighet.se"
        )
    )
    if cols[1].button(
        t("follow.unfollow" if following else "follow.follow"), key="follow"
    ) and run_action(
        lambda s: (
            unfollow_issue(s, reference=reference, by=by)
            if following
            else follow_issue(s, reference=reference, by=by, email=email.strip())
        )
    ):
        st.rerun()
