import streamlit as st

from escalation import forum
from models import clock
from models.vocabulary import EffectLinkKind
from services.effects.queries import effects_resting_on
from services.meetings.agreed_actions import list_actions
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, reading
from ui.i18n import t
from ui.meetings.agreed_action_card import show_action
from ui.paging import pager
from ui.shell import require_app

require_app()
CARDS = 10  # a page of cards: each is several elements, drawn again on every click here

st.title(t("actions.title"))
actor = require_signin("permission.signin_for_meetings")
G = forum_graph()
forums = {
    k: forum(G, k).name for k in sorted(actor.forums(), key=lambda k: forum(G, k).name) if k in G
}
cols = st.columns([3, 2, 2])
which = cols[0].selectbox(
    t("actions.forum"),
    [None, *forums],
    key="ac_forum",
    format_func=lambda k: forums[k] if k else t("actions.all_mine"),
)
own = cols[1].toggle(t("actions.my_organisation"), disabled=not actor.organisation, key="ac_own")
overdue = cols[2].toggle(t("actions.overdue_only"), key="ac_overdue")
today = clock.today()
wanted = (which, own, overdue)
if st.session_state.get("ac_filter") != wanted:
    st.session_state.ac_filter, st.session_state.ac_page = wanted, 1
with reading() as s:
    result = list_actions(
        s,
        by=actor,
        forum=which,
        organisation=actor.organisation if own else None,
        overdue_on=today if overdue else None,
        page=st.session_state.get("ac_page", 1),
        page_size=CARDS,
    )
    effects = effects_resting_on(s, EffectLinkKind.ACTION, [row.id for row in result.rows])
st.caption(t("actions.count", count=result.total, page=result.page, pages=result.pages))
if not result.rows:
    st.info(t("actions.none"))
for row in result.rows:
    show_action(row, actor, today, effects.get(row.id, []))
pager(result.page, result.pages, "ac_page")
