"""Previous/next for any list paged in SQL: the page number lives in the session."""

import streamlit as st

from ui.i18n import t


def pager(page: int, pages: int, state_key: str, columns: list | None = None) -> None:
    """Two buttons moving `st.session_state[state_key]`; in `columns` if given (so a page can
    put more buttons on the same row), else side by side on a row of their own, each as wide as
    its words (in narrow columns "Föregående" was cut to "Föregå…")."""
    cols = columns or [st.container(horizontal=True, gap="small")] * 2
    if cols[0].button(t("issues.previous"), disabled=page <= 1, key=f"{state_key}_prev"):
        st.session_state[state_key] = page - 1
        st.rerun()
    if cols[1].button(t("issues.next"), disabled=page >= pages, key=f"{state_key}_next"):
        st.session_state[state_key] = page + 1
        st.rerun()
