"""A compact list of issues with links, for pages that show a few."""

import streamlit as st

from services.issues.queries import IssuePage
from ui.i18n import label
from ui.text import md, show_text


def show_issue_rows(page: IssuePage) -> None:
    for row in page.rows:
        cols = st.columns([2, 6, 2, 4])
        cols[0].page_link("pages/issue.py", label=row.reference,
                          query_params={"ref": row.reference})
        with cols[1]:
            show_text(row.title)
        cols[2].markdown(label("issue_status", row.status))
        cols[3].caption(f"{md(row.forum)} · {row.updated_at:%Y-%m-%d}")
