"""The version of a thing as this user opened it, sent with every save of it.

A page reads its issue, meeting, effect or forum afresh on every run, so the version it has
just read is always the current one: sending that with a save would silently overwrite what
someone else saved meanwhile. The version kept here is the one the user was looking at when
they began; a save made from it after another user's is refused as stale, with the text kept.
"""

import streamlit as st

from ui.i18n import t

STATE = "opened_versions"


def opened_version(
    thing: str, key: object, current: int, *, reload_label: str | None = None
) -> int:
    """The version of `thing` `key` this user opened (`current` the first time they see it).
    When it is behind, a button with `reload_label` (a catalogue key) opens it afresh."""
    opened = st.session_state.setdefault(STATE, {})
    version = opened.setdefault((thing, key), current)
    if reload_label is None:
        return version
    # The button's place is kept when there is no button: the run that refuses a stale save is
    # the first to show it, and an element appearing above the page's tabs would reset them to
    # the first tab, hiding the refusal in the tab the user saved from.
    slot = st.empty()
    if version != current and slot.button(
        t(reload_label), icon=":material/refresh:", key=f"reload-{thing}-{key}"
    ):
        forget_opened(thing, key)
        st.rerun()
    return version


def forget_opened(thing: str, key: object = None) -> None:
    """After a save: the next run opens `thing` `key` (every one of `thing` if no key) afresh."""
    opened = st.session_state.setdefault(STATE, {})
    for k in [k for k in opened if k[0] == thing and (key is None or k[1] == key)]:
        del opened[k]
