import streamlit as st

from models import clock
from services.permissions import can_follow_up_effects
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, structure_names
from ui.effects.cards import overview_table, show_effect_card
from ui.effects.charts import overview_figure
from ui.effects.collaboration import show_collaboration
from ui.effects.data import shared_effect_views, show_flash
from ui.effects.forms import effect_form
from ui.effects.report import report_downloads
from ui.figures import shared_figure
from ui.i18n import current_language, t
from ui.shell import linked_page, require_app

require_app()

st.title(t("effects.title"))
actor = require_signin("permission.signin_for_effects")
st.caption(t("effects.caption"))
show_flash()
if (created := st.session_state.pop("new_effect", None)) is not None:
    st.page_link(
        linked_page("pages/effect.py"),
        label=t("effects.open_new"),
        query_params={"id": str(created)},
        icon=":material/insights:",
    )
today = clock.today()
G = forum_graph()

# Only the chosen view runs and is drawn (a radio group, not tabs: pages/inbox.py says why):
# the collaboration's own charts count the issues' history, and the new effect's form is a
# dozen widgets, sent on every rerun though folded away.
shown = ["effects", "collaboration"] + (["new"] if can_follow_up_effects(actor) else [])
view = st.radio(
    t("effects.show"),
    shown,
    format_func=lambda v: t(f"effects.view_{v}"),
    horizontal=True,
    key="ef_view",
)
if view == "collaboration":
    show_collaboration(G, today)
elif view == "new":
    effect_form(G, structure_names().organisations, actor)
else:
    views = shared_effect_views(actor, today)
    with st.expander(t("effects.rule"), icon=":material/rule:"):
        st.markdown(t("effects.rule_text"))
    summaries = [v.summary for v in views]
    if not summaries:
        st.info(t("effects.none"))
    overdue = [s for s in summaries if s.review_overdue]
    if overdue:
        st.warning(t("effects.overdue_count", count=len(overdue)), icon=":material/event_busy:")
    if summaries:
        st.subheader(t("effects.overview_title"))
        st.plotly_chart(
            shared_figure(
                ("overview", repr(summaries), current_language()),
                _build=lambda: overview_figure(summaries),
            ),
            key="effects_overview",
            config={"displaylogo": False},
        )
        st.dataframe(
            overview_table(summaries),
            hide_index=True,
            width="stretch",
            column_config={t("effects.col_effect"): st.column_config.TextColumn(width="medium")},
        )
        for summary in summaries:
            show_effect_card(summary)
        with st.expander(t("effects.report_title"), icon=":material/summarize:"):
            report_downloads(views, today, stem=f"effektuppfoljning-{today:%Y-%m-%d}")
