"""Counts over every issue a reader may see, shared by the sessions that see the same issues
until an issue changes: the start page counted 100,000 issues three times on every rerun."""

import streamlit as st

from models.db import database_url
from services.issues.queries import issue_counts, issues_version
from services.permissions import Actor, visible_forums
from ui.db import session


def shared_issue_counts(by: Actor) -> dict[str, int]:
    """The start page's numbers for `by`: recounted when an issue changes anywhere (read from
    the database each run, so a change made through another server counts at once), when the
    reader sees other forums, and at least every minute (overdue is a matter of time)."""
    with session() as s:
        version = issues_version(s)
    forums = visible_forums(by)
    return _counts(database_url(), version, None if forums is None else frozenset(forums), by)


@st.cache_data(ttl=60, max_entries=1000, show_spinner=False)
def _counts(
    url: str,  # noqa: ARG001 (cache keys: the database and its issues' version)
    version: tuple[object, object],  # noqa: ARG001
    forums: frozenset[str] | None,  # noqa: ARG001 (what the reader sees decides the counts)
    _by: Actor,
) -> dict[str, int]:
    with session() as s:
        return issue_counts(s, by=_by)
