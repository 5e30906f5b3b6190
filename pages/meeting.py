import streamlit as st

from services.meetings.errors import MeetingRefusedError
from services.meetings.queries import forum_people, invitable_people, meeting_view
from services.permissions import (
    PermissionDeniedError,
    can_approve_minutes,
    can_prepare_agenda,
    can_reopen_meeting,
)
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, reading, structure_names
from ui.i18n import t
from ui.meetings.agenda import show_agenda
from ui.meetings.common import (
    opened_version,
    show_details_form,
    show_downloads,
    show_header,
    show_history,
)
from ui.meetings.minutes import show_minutes, show_participants, show_state_actions
from ui.shell import linked_page, require_app
from ui.text import md

require_app()

st.title(t("meeting.title"))
actor = require_signin("permission.signin_for_meetings")
raw = st.query_params.get("id", "")
if not raw.isdigit():
    st.info(t("meeting.choose"), icon=":material/event:")
    st.page_link(linked_page("pages/meetings.py"), label=t("nav.meetings"), icon=":material/event:")
    st.stop()
try:
    with reading() as s:
        view = meeting_view(s, int(raw), by=actor)
        people = forum_people(s, view.forum)
        invitable = invitable_people(s, view.forum) if can_prepare_agenda(actor, view.forum) else []
    names = structure_names().organisations
except PermissionDeniedError as denied:
    st.error(t(f"permission.{denied.reason}"), icon=":material/lock:")
    st.stop()
except MeetingRefusedError:
    st.warning(t("meeting.not_found", id=md(raw)))
    st.stop()

G = forum_graph()
version = opened_version(view)
can_prepare = bool(can_prepare_agenda(actor, view.forum))
show_header(view)
show_downloads(view, G)
if can_prepare:
    show_details_form(view, version, actor)
show_participants(view, version, actor, names, people, can_prepare, invitable)
show_agenda(view, version, actor, names, can_prepare)
show_minutes(view, version, actor, G, names, can_prepare)
show_state_actions(
    view,
    version,
    actor,
    G,
    can_prepare=can_prepare,
    can_approve=bool(can_approve_minutes(actor, view.forum, view.adjuster_id)),
    can_reopen=bool(can_reopen_meeting(actor, view.forum)),
)
show_history(view)
