import streamlit as st

from models import clock
from services.issues.queries import escalation_suggestions
from services.permissions import PermissionDeniedError, can_route_issue
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, reading
from ui.effects.cards import show_effects_of_issue
from ui.i18n import t
from ui.issues.follow import show_follow
from ui.issues.handling import show_actions
from ui.issues.links import show_links
from ui.issues.shared_reads import shared_issue_detail, shared_theme_signals, similar_regions_of
from ui.issues.similar_list import show_similar
from ui.issues.view import show_issue, show_suggestions, show_timeline
from ui.issues.when_discussed import show_next_sitting
from ui.shell import require_app
from ui.text import md

require_app()

st.title(t("issue.title"))
actor = require_signin("permission.signin_to_read")
reference = (
    st.text_input(t("issue.choose"), value=st.query_params.get("ref", ""), key="issue_ref")
    .strip()
    .upper()
)
if not reference:
    st.stop()
if st.query_params.get("ref") != reference:
    st.query_params["ref"] = reference
try:
    detail = shared_issue_detail(reference, by=actor)
except PermissionDeniedError as denied:
    st.error(t(f"permission.{denied.reason}"), icon=":material/lock:")
    st.stop()
if detail is None:
    st.warning(t("issue.not_found", reference=md(reference)))
    st.stop()

G = forum_graph()
show_issue(detail, G)
show_next_sitting(detail, G)
show_follow(detail, actor)
with reading() as s:
    suggestions = escalation_suggestions(
        s, detail, G, today=clock.today(), signals=shared_theme_signals, similar=similar_regions_of
    )
show_suggestions(suggestions, G)
show_actions(detail, G, actor, {s.target for s in suggestions if s.target})
show_links(detail, G, actor)
show_similar(
    detail.reference,
    detail.title,
    detail.description,
    actor,
    can_link=bool(can_route_issue(actor, detail.forum_key)),
)
show_effects_of_issue(detail.reference, actor)
show_timeline(detail, G)
