import streamlit as st

from services.issues.feedback import inbox, inbox_forums
from services.issues.queries import IssueFilter, forum_names, list_issues
from ui.accounts.current_actor import require_signin
from ui.db import session
from ui.i18n import t
from ui.issues.inbox_cards import cards, show_inbox
from ui.issues.list_table import show_issue_rows
from ui.paging import pager
from ui.shell import require_app

require_app()
CARDS = 20  # the newest changes at once: acknowledging them brings the next; the count says all
ROWS = 10  # issues per page in each list: every row is several elements on every rerun

st.title(t("inbox.mine_title"))
actor = require_signin("permission.signin_for_inbox")
with session() as s:
    names = forum_names(s)
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
with session() as s:
    entries, total = inbox(s, by=actor, forums=mine, limit=CARDS)
    raised = list_issues(
        s,
        IssueFilter(raised_by=person),
        page=st.session_state.get("ib_raised_page", 1),
        page_size=ROWS,
        by=actor,
    )
    waiting = (
        list_issues(
            s,
            IssueFilter(forums=frozenset(mine), open_only=True),
            page=st.session_state.get("ib_waiting_page", 1),
            page_size=ROWS,
            by=actor,
        )
        if mine
        else None
    )

labels = [
    f"{t('inbox.tab_inbox')} ({total})",
    f"{t('inbox.tab_raised')} ({raised.total if raised else 0})",
    f"{t('inbox.tab_waiting')} ({waiting.total if waiting else 0})",
]
notes, raised_tab, waiting_tab = st.tabs(labels)
with raised_tab:
    if raised and raised.rows:
        show_issue_rows(raised, key="raised")
        pager(raised.page, raised.pages, "ib_raised_page")
    else:
        st.caption(t("inbox.none_raised"))
with waiting_tab:
    if waiting and waiting.rows:
        show_issue_rows(waiting, key="waiting")
        pager(waiting.page, waiting.pages, "ib_waiting_page")
    else:
        st.caption(t("inbox.none_waiting"))
with notes:
    st.caption(t("inbox.intro"))
    st.caption(t("inbox.count", total=total))
    shown = len(cards(entries))
    if total > shown:
        st.caption(t("inbox.newest_first", shown=shown))
    if not entries:
        st.success(t("inbox.empty"))
    show_inbox(entries, actor)
