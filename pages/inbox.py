import streamlit as st

from services.feedback import acknowledge, inbox
from services.issue_queries import IssueFilter, forum_names, list_issues
from ui.db import session
from ui.i18n import t
from ui.issue_table import show_issue_rows
from ui.issue_widgets import current_actor
from ui.shell import require_app

require_app()

st.title(t("inbox.mine_title"))
with session() as s:
    forums = forum_names(s)
mine = st.multiselect(t("inbox.forums"), list(forums), format_func=forums.__getitem__,
                      key="my_forums", placeholder=t("app.choose_many"))
person = current_actor()
if not person and not mine:
    st.info(t("inbox.need_actor"))
    st.stop()

with session() as s:
    entries, total = inbox(s, person=person, forums=mine)
    raised = list_issues(s, IssueFilter(raised_by=person), page_size=50) if person else None
    waiting = (list_issues(s, IssueFilter(forums=frozenset(mine), open_only=True), page_size=50)
               if mine else None)

labels = [f"{t('inbox.tab_inbox')} ({total})",
          f"{t('inbox.tab_raised')} ({raised.total if raised else 0})",
          f"{t('inbox.tab_waiting')} ({waiting.total if waiting else 0})"]
notes, raised_tab, waiting_tab = st.tabs(labels)
with raised_tab:
    if raised and raised.rows:
        show_issue_rows(raised)
    else:
        st.caption(t("inbox.none_raised"))
with waiting_tab:
    if waiting and waiting.rows:
        show_issue_rows(waiting)
    else:
        st.caption(t("inbox.none_waiting"))
with notes:
    st.caption(t("inbox.intro"))
    st.caption(t("inbox.count", total=total))
    if not entries:
        st.success(t("inbox.empty"))
    for entry in entries:
        with st.container(border=True):
            cols = st.columns([7, 2])
            to = (t("inbox.to_forum", forum=entry.to_forum) if entry.to_forum
                  else t("inbox.to_you"))
            cols[0].markdown(f"**{t(f'inbox.{entry.kind}')}** · {t(f'event.{entry.event}')} · "
                             f"{entry.actor} · {entry.at:%Y-%m-%d} · {to}")
            cols[0].page_link("pages/issue.py", label=f"{entry.reference} · {entry.title}",
                              query_params={"ref": entry.reference})
            if entry.text:
                cols[0].caption(entry.text)
            if cols[1].button(t("inbox.acknowledge"), key=f"ack-{entry.id}",
                              disabled=not person):
                with session() as s:
                    acknowledge(s, notification_id=entry.id, person=person)
                    s.commit()
                st.rerun()
