import streamlit as st

from services.feedback import acknowledge, inbox
from services.issue_queries import forum_names
from ui.db import session
from ui.i18n import t
from ui.issue_widgets import current_actor
from ui.shell import require_app

require_app()

st.title(t("inbox.title"))
st.caption(t("inbox.intro"))
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
st.caption(t("inbox.count", total=total))
if not entries:
    st.success(t("inbox.empty"))
    st.stop()
for entry in entries:
    with st.container(border=True):
        cols = st.columns([7, 2])
        to = t("inbox.to_forum", forum=entry.to_forum) if entry.to_forum else t("inbox.to_you")
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
