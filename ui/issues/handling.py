"""The actions on an issue, each one form, one service call and one transaction."""

import networkx as nx
import streamlit as st

from escalation import (
    NoCommonForumError,
    delegation_targets,
    forum,
    forums_above,
    is_skip,
    next_steps,
    right_level,
)
from models.vocabulary import IssueStatus, Priority, Sharing
from services.issues.lifecycle import allowed
from services.issues.queries import IssueDetail
from services.issues.use_cases import (
    IssueEdit,
    change_status,
    close_issue,
    comment_issue,
    delegate_issue,
    edit_issue,
    escalate_issue,
    resolve_issue,
)
from services.permissions import Actor, can_comment, can_resolve_issue, can_route_issue
from ui.i18n import label, t
from ui.issues.submit import run_issue_action
from ui.issues.when_discussed import show_lift_dates
from ui.opened import forget_opened, opened_version
from ui.widget_keys import forget, keyed


def issue_scope(reference: str) -> str:
    """Every action form on an issue's page keys its widgets per issue."""
    return f"issue-{reference}"


MANUAL = (
    IssueStatus.NEW,
    IssueStatus.IN_PREPARATION,
    IssueStatus.ON_AGENDA,
    IssueStatus.BEING_HANDLED,
)


def _targets_up(
    detail: IssueDetail, G: nx.MultiDiGraph, suggested: set[str] = frozenset()
) -> dict[str, str]:
    """One step up first; then the right level for everyone involved, if it is higher; then
    any forum a suggestion names, so the form offers what the page proposes."""
    options = {s.forum: forum(G, s.forum).name for s in next_steps(G, detail.forum_key)}
    above = set(forums_above(G, detail.forum_key))
    for key in sorted(suggested & above - set(options)):
        options[key] = f"{forum(G, key).name} ({t('issue.escalate_proposed')})"
    try:
        best = right_level(G, detail.forum_key, [k for k, _n, _a in detail.organisations])
    except NoCommonForumError:
        best = None
    if best and best.forum != detail.forum_key and best.forum not in options:
        options[best.forum] = f"{forum(G, best.forum).name} ({t('issue.escalate_suggested')})"
    return options


def _permitted(detail: IssueDetail, by: Actor, names: list[str]) -> tuple[list[str], str]:
    """The actions `by` may take here, and why not, if none. The services check again."""
    rules = {
        "route": can_route_issue(by, detail.forum_key),
        "resolve": can_resolve_issue(by, detail.forum_key),
        "comment": can_comment(by, detail.path_forums),
    }
    needs = {
        "escalate": "route",
        "delegate": "route",
        "status_change": "route",
        "edit": "route",
        "resolve": "resolve",
        "close": "resolve",
        "comment": "comment",
    }
    permitted = [n for n in names if rules[needs[n]]]
    return permitted, rules["comment"].reason or rules["route"].reason


def show_actions(
    detail: IssueDetail, G: nx.MultiDiGraph, by: Actor, suggested: set[str] = frozenset()
) -> None:
    st.markdown(f"#### {t('issue.actions')}")
    ref = detail.reference
    k = keyed(issue_scope(ref))
    # The version this user opened, not the one just re-read: a save made by someone else
    # meanwhile must be refused, not silently overwritten.
    version = opened_version("issue", ref, detail.version, reload_label="issue.reload")
    if st.session_state.pop("issue_done", False):
        st.success(t("issue.done"))
    done = False
    # Hide what a finished issue cannot do, but only while this user's view is current: a form
    # submitted from a stale view must still arrive, to be refused as stale with its text kept.
    finished = (
        detail.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED) and version == detail.version
    )
    names, why_not = _permitted(
        detail,
        by,
        ["status_change", "comment", "edit"]
        if finished
        else ["escalate", "delegate", "status_change", "resolve", "close", "comment", "edit"],
    )
    if not names:
        st.caption(t(f"permission.{why_not}"))
        return
    if "resolve" not in names and "escalate" in names:
        st.caption(t("permission.resolve_is_chairs"))
    tabs = dict(zip(names, st.tabs([t(f"issue.{n}") for n in names]), strict=True))
    if "escalate" in tabs:
        up = _targets_up(detail, G, suggested)
        with tabs["escalate"]:
            show_lift_dates(detail, G, list(up))
            # outside the form, so the skip reason is asked for only when a level is skipped
            target = st.selectbox(
                t("issue.escalate_target"),
                list(up),
                key=k("esc_target"),
                format_func=up.__getitem__,
            )
        with tabs["escalate"], st.form("escalate"):
            reason = st.text_area(t("issue.reason"), key=k("esc_reason"))
            skip = ""
            if target and is_skip(G, detail.forum_key, target):
                skip = st.text_area(t("issue.skip_reason"), key=k("esc_skip"))
            if st.form_submit_button(t("issue.do"), disabled=not up):
                done = (
                    run_issue_action(
                        lambda s: escalate_issue(
                            s,
                            reference=ref,
                            target=target,
                            reason=reason,
                            skip_reason=skip,
                            by=by,
                            expected_version=version,
                            graph=G,
                        )
                    )
                    is not None
                )
            if not up:
                st.caption(t("issue.no_steps"))
    if "delegate" in tabs:
        with tabs["delegate"], st.form("delegate"):
            down = {
                d.forum: forum(G, d.forum).name for d in delegation_targets(G, detail.forum_key)
            }
            target = st.selectbox(
                t("issue.delegate_target"), list(down), format_func=down.__getitem__
            )
            reason = st.text_area(t("issue.reason"), key=k("del_reason"))
            if st.form_submit_button(t("issue.do"), disabled=not down):
                done = (
                    run_issue_action(
                        lambda s: delegate_issue(
                            s,
                            reference=ref,
                            target=target,
                            reason=reason,
                            by=by,
                            expected_version=version,
                            graph=G,
                        )
                    )
                    is not None
                )
    if "status_change" in tabs:
        with tabs["status_change"], st.form("status"):
            choices = [s for s in MANUAL if s in allowed(IssueStatus(detail.status))]
            status = st.selectbox(
                t("issue.new_status"), choices, format_func=lambda s: label("issue_status", s)
            )
            reason = st.text_input(t("issue.reason"), key=k("st_reason"))
            if st.form_submit_button(t("issue.do"), disabled=not choices):
                done = (
                    run_issue_action(
                        lambda s: change_status(
                            s,
                            reference=ref,
                            status=status,
                            reason=reason,
                            by=by,
                            expected_version=version,
                        )
                    )
                    is not None
                )
    if "resolve" in tabs:
        with tabs["resolve"], st.form("resolve"):
            outcome = st.text_area(t("issue.outcome_input"), key=k("res_outcome"))
            if st.form_submit_button(t("issue.do")):
                done = (
                    run_issue_action(
                        lambda s: resolve_issue(
                            s,
                            reference=ref,
                            outcome=outcome,
                            by=by,
                            expected_version=version,
                            graph=G,
                        )
                    )
                    is not None
                )
    if "close" in tabs:
        with tabs["close"], st.form("close"):
            reason = st.text_area(t("issue.reason"), key=k("close_reason"))
            if st.form_submit_button(t("issue.do")):
                done = (
                    run_issue_action(
                        lambda s: close_issue(
                            s, reference=ref, reason=reason, by=by, expected_version=version
                        )
                    )
                    is not None
                )
    if "comment" in tabs:
        with tabs["comment"], st.form("comment"):
            text = st.text_area(t("issue.comment_input"), key=k("com_text"))
            if st.form_submit_button(t("issue.do")):
                done = (
                    run_issue_action(
                        lambda s: comment_issue(s, reference=ref, text=text, by=by), what="comment"
                    )
                    is not None
                )
    if "edit" in tabs:
        with tabs["edit"], st.form("edit"):
            title = st.text_input(
                t("new_issue.heading"), value=detail.title, key=k("ed_title"), max_chars=200
            )
            description = st.text_area(
                t("new_issue.description"), value=detail.description, key=k("ed_desc")
            )
            cols = st.columns(2)
            priority = cols[0].selectbox(
                t("new_issue.priority"),
                list(Priority),
                index=list(Priority).index(Priority(detail.priority)),
                format_func=lambda p: label("priority", p),
                key=k("ed_prio"),
            )
            sharing = cols[1].selectbox(
                t("new_issue.sharing"),
                list(Sharing),
                index=list(Sharing).index(Sharing(detail.sharing)),
                format_func=lambda v: label("sharing", v),
                key=k("ed_share"),
            )
            desired = st.text_area(
                t("new_issue.desired_outcome"), value=detail.desired_outcome, key=k("ed_desired")
            )
            if st.form_submit_button(t("issue.do")):
                edit = IssueEdit(
                    title, description, priority, sharing, desired, detail.change_effective_on
                )
                done = (
                    run_issue_action(
                        lambda s: edit_issue(
                            s, reference=ref, data=edit, by=by, expected_version=version
                        )
                    )
                    is not None
                )
    if done:
        forget_opened("issue", ref)
        st.session_state.issue_done = True
        forget(issue_scope(ref))
        st.rerun()
