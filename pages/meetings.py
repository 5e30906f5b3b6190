import streamlit as st

from escalation import forum
from models import clock
from models.vocabulary import ForumKind
from services.meetings.queries import chair_overview
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, reading
from ui.i18n import t
from ui.meetings.overview import show_overview, show_year
from ui.meetings.triage import show_triage
from ui.shell import require_app
from ui.text import md

require_app()

st.title(t("meetings.title"))
actor = require_signin("permission.signin_for_meetings")
G = forum_graph()
mine = {k: forum(G, k).name for k in sorted(actor.forums()) if k in G}
if actor.sees_everything():
    mine = {k: forum(G, k).name for k in sorted(G, key=lambda k: forum(G, k).name)}
groups = [
    k for k in sorted(actor.forums()) if k in G and forum(G, k).kind is ForumKind.PREPARATORY_GROUP
]
if planned := st.session_state.pop("planned_count", None):
    st.success(t("meetings.planned", count=planned), icon=":material/event:")

with reading() as s:
    overviews = chair_overview(s, G, by=actor, today=clock.today())
names = [t("meetings.tab_chair"), t("meetings.tab_year")] + [
    t("meetings.tab_triage", group=md(forum(G, g).name)) for g in groups
]
tabs = st.tabs(names)
with tabs[0]:
    if not overviews:
        st.caption(t("meetings.not_chair"))
    for overview in overviews:
        show_overview(overview, G, actor)
with tabs[1]:
    show_year(actor, mine)
for tab, group in zip(tabs[2:], groups, strict=True):
    with tab:
        show_triage(group, G, actor)
