import streamlit as st

from escalation import forum
from models import clock
from models.vocabulary import ForumKind
from services.meetings.queries import chair_overview
from services.permissions import forums_run_by
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, reading
from ui.i18n import t
from ui.meetings.overview import show_overview, show_year
from ui.meetings.shared_reads import shared_queue_summary
from ui.meetings.triage import show_triage
from ui.shell import require_app
from ui.text import md

require_app()

st.title(t("meetings.title"))
actor = require_signin("permission.signin_for_meetings")
G = forum_graph()
groups = [
    k for k in sorted(actor.forums()) if k in G and forum(G, k).kind is ForumKind.PREPARATORY_GROUP
]
if planned := st.session_state.pop("planned_count", None):
    st.success(t("meetings.planned", count=planned), icon=":material/event:")

# Only the chosen view runs and is drawn (a radio group, not tabs: pages/inbox.py says why):
# each forum's overview reads its queue and meetings, the year reads a year of meetings.
# It opens on what the reader does here: running meetings, else preparing them, else the year.
views = ["chair", "year", *(f"triage:{g}" for g in groups)]
runs = any(f in G for f in forums_run_by(actor))
view = st.radio(
    t("meetings.show"),
    views,
    format_func=lambda v: (
        t("meetings.tab_triage", group=md(forum(G, v.removeprefix("triage:")).name))
        if v.startswith("triage:")
        else t(f"meetings.tab_{v}")
    ),
    index=0 if runs else 2 if groups else 1,
    horizontal=True,
    key="mt_view",
)
if view == "chair":
    with reading() as s:
        overviews = chair_overview(
            s, G, by=actor, today=clock.today(), queue_of=shared_queue_summary
        )
    if not overviews:
        st.caption(t("meetings.not_chair"))
    for overview in overviews:
        show_overview(overview, G, actor)
elif view == "year":
    if actor.sees_everything():
        mine = {k: forum(G, k).name for k in sorted(G, key=lambda k: forum(G, k).name)}
    else:
        mine = {k: forum(G, k).name for k in sorted(actor.forums()) if k in G}
    show_year(actor, mine)
else:
    show_triage(view.removeprefix("triage:"), G, actor)
