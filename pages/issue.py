from datetime import UTC, date, datetime, timedelta

import streamlit as st

from escalation import IssueFacts, SuggestionPolicy, suggest_escalation
from services.issue_queries import issue_detail, theme_signals
from ui.db import forum_graph, session
from ui.follow import show_follow
from ui.i18n import t
from ui.issue_actions import show_actions
from ui.issue_links import show_links
from ui.issue_view import show_issue, show_suggestions, show_timeline
from ui.shell import require_app

require_app()

st.title(t("issue.title"))
reference = st.text_input(t("issue.choose"), value=st.query_params.get("ref", ""),
                          key="issue_ref").strip().upper()
if not reference:
    st.stop()
if st.query_params.get("ref") != reference:
    st.query_params["ref"] = reference
with session() as s:
    detail = issue_detail(s, reference)
if detail is None:
    st.warning(t("issue.not_found", reference=reference))
    st.stop()

G = forum_graph()
show_issue(detail, G)
show_follow(detail.reference)
facts = IssueFacts(detail.forum_key, frozenset(k for k, _n, _a in detail.organisations),
                   frozenset(detail.themes), detail.created_at.date(), detail.region)
if detail.status not in ("resolved", "closed"):
    window = timedelta(days=SuggestionPolicy().theme_window_days)
    with session() as s:
        signals = theme_signals(s, detail.themes, since=datetime.now(UTC) - window)
    show_suggestions(suggest_escalation(G, facts, today=date.today(), signals=signals), G)
show_actions(detail, G)
show_links(detail, G)
show_timeline(detail, G)
