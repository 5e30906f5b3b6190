"""Similar issues on screen: at intake ("Has someone raised this already?") and on an issue's
page ("Liknande frågor"). Each with where it stands now, its status and how many regions have
raised it; the reader follows one, or links the issue to it, or logs anyway."""

import streamlit as st
from sqlmodel import Session

from models.db import is_unavailable
from services.issues.duplicates import link_issues
from services.issues.feedback import follow_issue
from services.issues.similar import SimilarIssue, similar_issues
from services.issues.similar_choices import Choice, Shown, record_choice
from services.permissions import Actor
from ui.db import reading
from ui.i18n import label, t
from ui.issues.submit import run_issue_action
from ui.shell import linked_page
from ui.text import md

LINK_TO = "ni_link_to"
"""The issue the new one is to be linked to when it is saved (reference, score)."""
LOGGED_ANYWAY = "ni_similar_dismissed"
_MEMO = "similar_memo"
BELL = ":material/notifications:"


def found_for(title: str, description: str, by: Actor, exclude: str | None = None) -> list:
    """The suggestions for this text, searched once per text: every click reruns the page, and
    the text has usually not changed since the last run."""
    key = (title.strip(), description.strip(), by.user_id, exclude)
    memo = st.session_state.get(_MEMO)
    if memo and memo[0] == key:
        return memo[1]
    with reading() as s:
        found = similar_issues(s, title=title, description=description, by=by, exclude=exclude)
    st.session_state[_MEMO] = (key, found)
    return found


def _describe(f: SimilarIssue) -> str:
    return t(
        "similar.where",
        forum=md(f.forum),
        status=label("issue_status", f.status),
        count=f.regions,
    )


def _shown(place: str, found: list[SimilarIssue]) -> Shown:
    return Shown(place, len(found), found[0].score if found else None)


@st.fragment
def intake_suggestions(by: Actor) -> None:
    """Below the title and description as they are typed; a click here reruns only this part."""
    title = st.session_state.get("ni_title") or ""
    description = st.session_state.get("ni_description") or ""
    try:
        found = found_for(title, description, by)
    except Exception as error:
        if not is_unavailable(error):
            raise
        st.caption(t("similar.unavailable"))  # a help, not the work: the form goes on
        return
    if not found or st.session_state.get(LOGGED_ANYWAY) == title.strip():
        return
    linked = st.session_state.get(LINK_TO)
    if linked and linked[0] not in {f.reference for f in found}:
        linked = st.session_state[LINK_TO] = None  # the text changed: it is no longer proposed
    with st.container(border=True, key="similar-intake"):
        st.markdown(f"**{t('similar.intake_heading')}**")
        st.caption(t("similar.intake_help"))
        for f in found:
            cols = st.columns([6, 2, 2], vertical_alignment="center")
            cols[0].page_link(
                linked_page("pages/issue.py"),
                label=f"{md(f.reference)} · {md(f.title)}",
                query_params={"ref": f.reference},
                icon=":material/description:",
            )
            cols[0].caption(_describe(f))
            if cols[1].button(
                t("similar.follow"),
                key=f"similar-follow-{f.reference}",
                icon=":material/notifications:",
            ):
                _follow(f, by, _shown("intake", found))
            is_linked = bool(linked and linked[0] == f.reference)
            cols[2].button(
                t("similar.unlink" if is_linked else "similar.link"),
                key=f"similar-link-{f.reference}",
                icon=":material/link:",
                type="primary" if is_linked else "secondary",
                on_click=_choose_link,
                args=(None if is_linked else (f.reference, f.score),),
            )
        if linked:
            st.info(t("similar.will_link", reference=md(linked[0])), icon=":material/link:")
        st.button(
            t("similar.log_anyway"),
            key="similar-log-anyway",
            on_click=_log_anyway,
            args=(title.strip(),),
        )


def _choose_link(chosen: tuple[str, float] | None) -> None:
    """Before the rerun the click starts, so the choice shows at once."""
    st.session_state[LINK_TO] = chosen


def _log_anyway(title: str) -> None:
    st.session_state[LOGGED_ANYWAY] = title
    st.session_state[LINK_TO] = None


def _follow(f: SimilarIssue, by: Actor, shown: Shown) -> None:
    def follow(s: Session) -> None:
        follow_issue(s, reference=f.reference, by=by)
        record_choice(
            s, by=by.name, choice=Choice.FOLLOWED, shown=shown, reference=f.reference, score=f.score
        )

    if run_issue_action(follow) is not None:
        st.success(
            t("similar.following", reference=md(f.reference)), icon=":material/notifications:"
        )


def after_saving(s: Session, new_reference: str, by: Actor) -> None:
    """In the save's own transaction: the link the officer chose, and what they chose."""
    found = (st.session_state.get(_MEMO) or (None, []))[1]
    if not found:
        return
    shown = _shown("intake", found)
    linked = st.session_state.get(LINK_TO)
    if linked:
        link_issues(s, reference=new_reference, other=linked[0], by=by)
        record_choice(
            s,
            by=by.name,
            choice=Choice.LINKED,
            shown=shown,
            reference=linked[0],
            score=linked[1],
            new_reference=new_reference,
        )
    else:
        record_choice(
            s, by=by.name, choice=Choice.LOGGED_ANYWAY, shown=shown, new_reference=new_reference
        )


def forget_suggestions() -> None:
    for key in (_MEMO, LINK_TO, LOGGED_ANYWAY):
        st.session_state.pop(key, None)


def show_similar(reference: str, title: str, description: str, by: Actor, can_link: bool) -> None:
    """On an issue's page: the issues that look like it, to link or to read."""
    found = found_for(title, description, by, exclude=reference)
    with st.expander(t("similar.title", count=len(found)), icon=":material/join_inner:"):
        if not found:
            st.caption(t("similar.none"))
            return
        st.caption(t("similar.issue_help"))
        shown = _shown("issue", found)
        for f in found:
            cols = st.columns([7, 2], vertical_alignment="center")
            cols[0].page_link(
                linked_page("pages/issue.py"),
                label=f"{md(f.reference)} · {md(f.title)}",
                query_params={"ref": f.reference},
            )
            cols[0].caption(_describe(f))
            if can_link and cols[1].button(
                t("similar.link_here"), key=f"similar-here-{f.reference}", icon=":material/link:"
            ):

                def link(s: Session, f: SimilarIssue = f) -> None:
                    link_issues(s, reference=reference, other=f.reference, by=by)
                    record_choice(
                        s,
                        by=by.name,
                        choice=Choice.LINKED,
                        shown=shown,
                        reference=f.reference,
                        score=f.score,
                    )

                if run_issue_action(link) is not None:
                    st.session_state.pop(_MEMO, None)
                    st.rerun()
