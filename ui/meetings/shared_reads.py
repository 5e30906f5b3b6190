"""Reads of a forum's queue shared by the sessions and reruns that ask the same until an
issue changes anywhere or one of the forum's meetings does: the busiest national forum's queue
(thousands of open issues counted, less those on a coming agenda) was the costliest part of its
chair's overview, on every rerun of the meetings page.

Both versions are read from the database each run, so a change made through another app
server is seen on the next run."""

import streamlit as st
from sqlmodel import Session

from models.db import database_url
from services.meetings.agenda_items import QueueSummary, queue_summary
from services.meetings.queries import forum_meetings_state
from ui.db import issue_data_version, reading


def shared_queue_summary(session: Session, forum_id: int) -> QueueSummary:
    """`queue_summary`, shared; who may see it is the caller's to ask (a chair's overview)."""
    state = forum_meetings_state(session, forum_id)
    return _queue(database_url(), issue_data_version(), state, forum_id)


@st.cache_data(ttl=3600, max_entries=2000, show_spinner=False)
def _queue(
    url: str,  # noqa: ARG001 (cache keys: the database, its issues' and the forum's meetings')
    version: tuple[object, object],  # noqa: ARG001
    state: tuple[int, int, int],  # noqa: ARG001
    forum_id: int,
) -> QueueSummary:
    with reading() as s:
        return queue_summary(s, forum_id)
