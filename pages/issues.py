import streamlit as st

from models.vocabulary import ForumLevel, IssueKind, IssueStatus, Theme
from services.issues.queries import SORTS, IssueFilter
from ui.accounts.current_actor import require_signin
from ui.db import structure_names
from ui.i18n import label, t
from ui.issues.export import show_export
from ui.issues.list_table import show_issue_rows
from ui.issues.shared_reads import shared_issue_page
from ui.paging import pager
from ui.shell import linked_page, require_app

require_app()
# Issues a page: each row is three elements sent and drawn on every rerun of the list, and at
# 25 the rows were two thirds of it (the export holds the whole filtered list).
ROWS = 15

st.title(t("issues.title"))
actor = require_signin("permission.signin_to_read")
st.page_link(linked_page("pages/issue_new.py"), label=t("issues.new"), icon=":material/add_circle:")
if not actor.sees_everything():
    st.caption(t("issues.visible_to_you"))
structure = structure_names()
forums, orgs = structure.forums, structure.organisations
regions = {c.key: c.name for c in structure.options.regions}


def pick(column, name: str, options: dict, key: str) -> str | None:
    return column.selectbox(
        t(f"issues.{name}"),
        [None, *options],
        key=key,
        format_func=lambda k: options.get(k, "–") if k else "–",
    )


text = st.text_input(t("issues.search"), key="is_text")
cols = st.columns(4, vertical_alignment="bottom")
statuses = cols[0].multiselect(
    t("issues.status"),
    list(IssueStatus),
    key="is_status",
    format_func=lambda v: label("issue_status", v),
    placeholder=t("structure.all"),
)
forum = pick(cols[1], "forum", forums, "is_forum")
sort = cols[2].selectbox(
    t("issues.sort"), list(SORTS), key="is_sort", format_func=lambda k: t(f"issues.sort_{k}")
)
open_only = cols[3].toggle(t("issues.open_only"), key="is_open")
overdue_only = cols[3].toggle(
    t("issues.overdue_only"), key="is_overdue", help=t("issues.overdue_help")
)
# The other filters run only when asked for: each is a widget sent and drawn on every rerun
# of the list (a dozen made the page ten times an empty rerun); closed, they filter nothing.
kind = theme = level = region = raised_in = organisation = None
if st.toggle(t("issues.more_filters"), key="is_more", help=t("issues.more_filters_help")):
    cols = st.columns(3)
    kind = pick(cols[0], "kind", {k.value: label("issue_kind", k) for k in IssueKind}, "is_kind")
    theme = pick(cols[1], "theme", {k.value: label("theme", k) for k in Theme}, "is_theme")
    level = pick(cols[2], "level", {k.value: label("level", k) for k in ForumLevel}, "is_level")
    cols = st.columns(3)
    region = pick(cols[0], "region", regions, "is_region")
    raised_in = pick(cols[1], "raised_in_region", regions, "is_raised_in")
    organisation = pick(cols[2], "organisation", orgs, "is_org")

flt = IssueFilter(
    text,
    frozenset(statuses),
    kind,
    theme,
    forum,
    level,
    region,
    raised_in,
    organisation,
    open_only,
    overdue_only,
)
if st.session_state.get("is_filter") != flt:  # a new filter starts on page one
    st.session_state.is_filter, st.session_state.is_page = flt, 1
result = shared_issue_page(
    flt, page=st.session_state.get("is_page", 1), page_size=ROWS, sort=sort, by=actor
)

st.caption(t("issues.count", total=result.total, page=result.page, pages=result.pages))
show_export(flt, sort, actor)
if not result.rows:
    st.info(t("issues.none"))
    st.stop()
show_issue_rows(result)

pager(result.page, result.pages, "is_page")
