import streamlit as st

from services.issues.feedback import inbox, inbox_forums
from services.issues.queries import IssueFilter
from ui.accounts.current_actor import require_signin
from ui.db import reading, structure_names
from ui.i18n import t
from ui.issues.inbox_cards import cards, show_inbox
from ui.issues.list_table import show_issue_rows
from ui.issues.shared_reads import shared_issue_count, shared_issue_page
from ui.paging import pager
from ui.shell import require_app

require_app()
CARDS = 10  # the newest changes at once: acknowledging them brings the next; the count says all
# (each card is four elements, drawn again on every click here, an acknowledgement too)
ROWS = 10  # issues per page in each list: every row is several elements on every rerun
VIEWS = ("inbox", "raised", "waiting")  # what the page shows; `?tab=raised` opens a list


def show_list(view: str, flt: IssueFilter | None) -> None:
    """`flt` None: nothing to list (no forum chosen to wait at)."""
    page = st.session_state.get(f"ib_{view}_page", 1)
    found = shared_issue_page(flt, page=page, page_size=ROWS, by=actor) if flt is not None else None
    if found and found.rows:
        show_issue_rows(found, key=view)
        pager(found.page, found.pages, f"ib_{view}_page")
    else:
        st.caption(t(f"inbox.none_{view}"))


st.title(t("inbox.mine_title"))
actor = require_signin("permission.signin_for_inbox")
names = structure_names().forums
# Your own forums; the strategic level may look into any forum's queue.
own = sorted(actor.forums(), key=lambda k: names.get(k, k))
offered = list(names) if actor.sees_everything() else own
mine = st.multiselect(
    t("inbox.forums"),
    offered,
    default=own,
    format_func=names.__getitem__,
    key="my_forums",
    placeholder=t("app.choose_many"),
)
mine = sorted(inbox_forums(actor, mine))
person = actor.name

wanted = (tuple(mine), person)
if st.session_state.get("ib_wanted") != wanted:  # other forums chosen: every list from page 1
    st.session_state.ib_wanted = wanted
    for key in ("ib_raised_page", "ib_waiting_page"):
        st.session_state.pop(key, None)
asked = st.query_params.get("tab")
if asked in VIEWS:  # a link to one of the lists opens it; from then on the choice decides
    st.session_state.ib_view = asked
    del st.query_params["tab"]
filters = {
    "raised": IssueFilter(raised_by=person),
    "waiting": IssueFilter(forums=frozenset(mine), open_only=True) if mine else None,
}
with reading() as s:
    entries, total = inbox(s, by=actor, forums=mine, limit=CARDS)
counts = {
    "inbox": total,
    "raised": shared_issue_count(filters["raised"], by=actor),
    "waiting": shared_issue_count(filters["waiting"], by=actor) if filters["waiting"] else 0,
}

# Only the chosen list runs and is drawn: a list is a handful of elements a row, sent and drawn
# on every rerun, though hidden in a tab. A radio group, not tabs: Streamlit's tabs that run only
# the open one lose the keyboard's focus at each change (the arrow keys then go nowhere); a
# radio group keeps it, and its key keeps the choice when a count in a label changes.
view = st.radio(
    t("inbox.show"),
    VIEWS,
    format_func=lambda v: f"{t(f'inbox.tab_{v}')} ({counts[v]})",
    horizontal=True,
    key="ib_view",
)
if view == "inbox":
    st.caption(t("inbox.intro"))
    st.caption(t("inbox.count", total=total))
    shown = len(cards(entries))
    if total > shown:
        st.caption(t("inbox.newest_first", shown=shown))
    if not entries:
        st.success(t("inbox.empty"))
    show_inbox(entries, actor)
else:
    show_list(view, filters[view])
