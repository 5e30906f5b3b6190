"""A compact list of issues with links and column headings, for pages that show a page of them.

On a phone the columns stack: the headings are hidden there and each value carries its own
label (ui.shell's page style), so the list does not collapse into unlabelled values."""

import streamlit as st

from services.issues.queries import IssuePage
from ui.i18n import day, label, t
from ui.text import escape_html, show_text

WIDTHS = [2, 6, 2, 3, 2]
COLUMNS = ("reference", "title", "status", "forum", "updated_at")


def show_issue_rows(page: IssuePage, key: str = "issues") -> None:
    """`key` tells one list on a page from another."""
    with st.container(key=f"issue-list-head-{key}"):
        for col, column in zip(st.columns(WIDTHS), COLUMNS, strict=True):
            col.markdown(f"**{t(f'export.col_{column}')}**")
    for n, row in enumerate(page.rows):
        with st.container(key=f"issue-row-{key}-{n}"):
            cols = st.columns(WIDTHS, vertical_alignment="center")
            cols[0].page_link(
                "pages/issue.py",
                label=row.reference,  # made by the app, SAM-…
                query_params={"ref": row.reference},
            )
            with cols[1]:
                show_text(row.title)
            for col, column, value, muted in (
                (cols[2], "status", label("issue_status", row.status), False),
                (cols[3], "forum", row.forum, True),
                (cols[4], "updated_at", day(row.updated_at), True),
            ):
                with col:
                    labelled_cell(t(f"export.col_{column}"), value, muted=muted)


def labelled_cell(name: str, value: object, *, muted: bool = False) -> None:
    """A value with its column's name before it, shown only where the columns stack."""
    style = ' style="opacity:0.75;font-size:0.875rem"' if muted else ""
    st.html(
        f'<div class="user-text"{style}><span class="narrow-label">{escape_html(name)}: '
        f"</span>{escape_html(value)}</div>"
    )
