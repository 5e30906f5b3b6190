"""A compact list of issues with links and column headings, for pages that show a page of them."""

import streamlit as st

from services.issues.queries import IssuePage
from ui.i18n import label, t
from ui.text import md, show_text

WIDTHS = [2, 6, 2, 3, 2]


def show_issue_rows(page: IssuePage) -> None:
    heads = st.columns(WIDTHS)
    for col, key in zip(heads, ("reference", "title", "status", "forum", "updated_at"),
                        strict=True):
        col.markdown(f"**{t(f'export.col_{key}')}**")
    for row in page.rows:
        cols = st.columns(WIDTHS, vertical_alignment="center")
        cols[0].page_link("pages/issue.py", label=row.reference,  # made by the app, SAM-…
                          query_params={"ref": row.reference})
        with cols[1]:
            show_text(row.title)
        cols[2].markdown(label("issue_status", row.status))
        cols[3].caption(md(row.forum))
        cols[4].caption(f"{row.updated_at:%Y-%m-%d}")
