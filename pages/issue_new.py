import streamlit as st
from sqlmodel import Session

from models import Issue
from models.vocabulary import IssueKind, Priority, Sharing, Theme
from services.issues.use_cases import EvidenceInput, IssueInput, raise_issue
from services.permissions import can_raise_issue
from ui.accounts.current_actor import require_signin
from ui.db import structure_names
from ui.drafts import drop_draft, keep_draft, restore_draft
from ui.editable_table import Column, edit_table, is_blank
from ui.i18n import label, t
from ui.issues.similar_list import after_saving, forget_suggestions, intake_suggestions
from ui.issues.submit import run_issue_action
from ui.shell import linked_page, require_app
from ui.widget_keys import forget_prefixed

require_app()


DRAFT = "issue_new"
FIELDS = (
    "ni_forum",
    "ni_title",
    "ni_description",
    "ni_kind",
    "ni_priority",
    "ni_sharing",
    "ni_orgs",
    "ni_themes",
    "ni_desired",
    "ni_affected",
    "ni_effective",
)


def whole_number(value: object) -> int | None:
    """The editor gives None, a float or NaN for an empty or filled number cell."""
    return int(value) if isinstance(value, int | float) and value == value else None


st.title(t("new_issue.title"))
st.caption(t("new_issue.intro"))
actor = require_signin("permission.signin_to_raise")
if reference := st.session_state.pop("issue_saved", None):
    st.success(t("new_issue.saved", reference=reference))
    st.page_link(
        linked_page("pages/issue.py"),
        label=t("new_issue.open_saved", reference=reference),
        query_params={"ref": reference},
        icon=":material/description:",
    )
structure = structure_names()
forums = {k: n for k, n in structure.forums.items() if can_raise_issue(actor, k)}
orgs = structure.organisations
if not forums:
    st.info(t("permission.no_forum_to_raise"), icon=":material/lock:")
    st.stop()

# Not a form: every field reaches the server as it is filled in, so the draft is kept when the
# page is left or reloaded (ui.drafts) and the evidence table answers as it is edited.
restore_draft(actor.user_id, DRAFT, FIELDS)
if "ni_evidence" not in st.session_state:  # a fresh table starts from the kept rows
    st.session_state.ni_evidence_rows = restore_draft(actor.user_id, DRAFT, ()).get("evidence", [])
with st.container(border=True):
    forum = st.selectbox(
        t("new_issue.forum"),
        list(forums),
        index=None,
        format_func=forums.__getitem__,
        key="ni_forum",
        placeholder=t("app.choose_one"),
    )
    title = st.text_input(t("new_issue.heading"), max_chars=200, key="ni_title")
    description = st.text_area(t("new_issue.description"), height=160, key="ni_description")
    similar_slot = st.container()  # filled last: the draft is kept before the search runs
    cols = st.columns(3)
    kind = cols[0].selectbox(
        t("new_issue.kind"),
        list(IssueKind),
        key="ni_kind",
        format_func=lambda k: label("issue_kind", k),
    )
    st.session_state.setdefault("ni_priority", Priority.NORMAL)  # a default, kept in drafts
    priority = cols[1].selectbox(
        t("new_issue.priority"),
        list(Priority),
        format_func=lambda p: label("priority", p),
        key="ni_priority",
    )
    sharing = cols[2].selectbox(
        t("new_issue.sharing"),
        list(Sharing),
        key="ni_sharing",
        format_func=lambda v: label("sharing", v),
    )
    involved = st.multiselect(
        t("new_issue.organisations"),
        list(orgs),
        format_func=orgs.__getitem__,
        key="ni_orgs",
        placeholder=t("app.choose_many"),
    )
    themes = st.multiselect(
        t("new_issue.themes"),
        list(Theme),
        key="ni_themes",
        format_func=lambda v: label("theme", v),
        placeholder=t("app.choose_many"),
    )
    desired = st.text_area(t("new_issue.desired_outcome"), key="ni_desired")
    st.markdown(f"**{t('new_issue.change_heading')}**")
    cols = st.columns([2, 1])
    affected = cols[0].multiselect(
        t("new_issue.affected"),
        list(orgs),
        format_func=orgs.__getitem__,
        key="ni_affected",
        placeholder=t("app.choose_many"),
    )
    effective = cols[1].date_input(
        t("new_issue.effective_on"), value=None, key="ni_effective", format="YYYY-MM-DD"
    )
    st.markdown(f"**{t('new_issue.evidence')}**")
    evidence = edit_table(
        st.session_state.ni_evidence_rows,
        {
            "description": Column(
                "text", st.column_config.TextColumn(t("new_issue.evidence_description"))
            ),
            "source": Column("text", st.column_config.TextColumn(t("new_issue.evidence_source"))),
            "count": Column(
                "number",
                st.column_config.NumberColumn(t("new_issue.evidence_count"), min_value=0, step=1),
            ),
        },
        key="ni_evidence",
    )
    submitted = st.button(t("new_issue.submit"), type="primary", key="ni_submit")
keep_draft(actor.user_id, DRAFT, FIELDS, evidence=evidence)
with similar_slot:
    intake_suggestions(actor)

if submitted:
    data = IssueInput(
        title=title,
        description=description,
        kind=kind,
        forum=forum or "",
        organisations=tuple(involved),
        affected=tuple(affected),
        themes=tuple(themes),
        priority=priority,
        sharing=sharing,
        desired_outcome=desired,
        change_effective_on=effective,
        evidence=tuple(
            EvidenceInput(r["description"] or "", r["source"] or "", whole_number(r["count"]))
            for r in evidence
            if not is_blank(r)
        ),
    )

    def log_issue(s: Session) -> Issue:
        issue = raise_issue(s, data=data, by=actor)
        after_saving(s, issue.reference, actor)  # the link chosen among the similar issues
        return issue

    saved = run_issue_action(log_issue, what="issue")
    if saved is not None:  # an empty form again: a second click cannot log the issue twice
        st.session_state.issue_saved = saved.value.reference
        forget_prefixed("ni_")
        forget_suggestions()
        drop_draft(actor.user_id, DRAFT)
        st.rerun()
