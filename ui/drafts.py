"""What a user has typed into a long form, kept while they are signed in: leaving the page and
coming back, or reloading it, finds the text where they left it.

Streamlit forgets a widget's value when its page is left, and a reload starts a new session, so
the draft lives in the server's memory, per user and form, until it is saved or the user has
been away longer than a sign-in lasts. It is never written to the database: nothing a user has
not saved is stored (the personal-number guard runs on saving).
"""

import time
from collections import OrderedDict
from collections.abc import Iterable
from threading import Lock

import streamlit as st

KEEP_SECONDS = 30 * 60
"""As long as an idle sign-in lasts."""
MAX_DRAFTS = 2_000
"""Oldest forgotten first: a bounded store, whatever the number of users."""


class _Store:
    def __init__(self) -> None:
        self.lock = Lock()
        self.drafts: OrderedDict[tuple[int, str], tuple[float, dict]] = OrderedDict()

    def get(self, owner: int, form: str) -> dict:
        with self.lock:
            entry = self.drafts.get((owner, form))
            if entry is None or time.monotonic() - entry[0] > KEEP_SECONDS:
                self.drafts.pop((owner, form), None)
                return {}
            return dict(entry[1])

    def put(self, owner: int, form: str, values: dict) -> None:
        with self.lock:
            self.drafts[(owner, form)] = (time.monotonic(), values)
            self.drafts.move_to_end((owner, form))
            while len(self.drafts) > MAX_DRAFTS:
                self.drafts.popitem(last=False)

    def drop(self, owner: int, form: str) -> None:
        with self.lock:
            self.drafts.pop((owner, form), None)


@st.cache_resource
def _store() -> _Store:
    return _Store()


def restore_draft(owner: int, form: str, keys: Iterable[str]) -> dict:
    """Put the kept values back into the widgets that have none (the page was left, or this
    is a new session); the whole draft, for values that are not widgets' own."""
    draft = _store().get(owner, form)
    for key in keys:
        if key not in st.session_state and key in draft:
            st.session_state[key] = draft[key]
    return draft


def keep_draft(owner: int, form: str, keys: Iterable[str], **extra: object) -> None:
    """Remember the widgets' current values (and `extra` values) for the user's next visit."""
    values = {key: st.session_state[key] for key in keys if key in st.session_state}
    _store().put(owner, form, values | extra)


def drop_draft(owner: int, form: str) -> None:
    _store().drop(owner, form)


def clear_drafts() -> None:
    """Forget every draft (a new database, as in the tests, knows none of these users)."""
    with _store().lock:
        _store().drafts.clear()
