"""Widget keys scoped to one thing being edited, and forgetting them after a save.

Scoped keys keep what a user typed for one forum or issue from showing up on another, and let a
successful save clear exactly its own form.
"""

from collections.abc import Callable

import streamlit as st


def keyed(scope: str) -> Callable[[str], str]:
    return lambda field: f"{scope}-{field}"


def forget(scope: str) -> None:
    forget_prefixed(keyed(scope)(""))


def forget_prefixed(prefix: str) -> None:
    """Every widget whose key starts with `prefix` shows its default again."""
    for widget in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[widget]
