"""A compact list of issues with links and column headings, for pages that show a page of them.

A row is the issue's link and one block of its other values laid out as columns (a CSS grid,
`ui.shell`'s page style): Streamlit's columns cost a dozen elements a row, sent and drawn on
every rerun, and a list of 25 was most of the issue list's time. On a phone the grid stacks:
the headings are hidden there and each value carries its own label, so the list does not
collapse into unlabelled values."""

from collections.abc import Iterable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from services.issues.queries import IssuePage
from ui.i18n import day, label, t
from ui.shell import linked_page
from ui.text import escape_html

LINK_PX = 150
"""The reference column's width: the longest reference (SAM-2026-12345) and its link's padding."""
COLUMNS = ("reference", "title", "status", "forum", "updated_at")


def show_issue_rows(page: IssuePage, key: str = "issues") -> None:
    """`key` tells one list on a page from another. A row is three elements (its row, the link,
    the block of values): Streamlit's columns were three more a row, on every rerun."""
    names = {column: t(f"export.col_{column}") for column in COLUMNS}
    with _row(f"issue-list-head-{key}"):
        st.markdown(f"**{names['reference']}**", width=LINK_PX)
        st.html(_grid(f"<div><strong>{escape_html(names[c])}</strong></div>" for c in COLUMNS[1:]))
    for n, row in enumerate(page.rows):
        with _row(f"issue-row-{key}-{n}"):
            st.page_link(
                linked_page("pages/issue.py"),
                label=row.reference,  # made by the app, SAM-…
                query_params={"ref": row.reference},
                width=LINK_PX,
            )
            st.html(
                _grid(
                    [
                        _cell(names["title"], row.title),
                        _cell(names["status"], label("issue_status", row.status)),
                        _cell(names["forum"], row.forum, muted=True),
                        _cell(names["updated_at"], day(row.updated_at), muted=True),
                    ]
                )
            )


def _row(key: str) -> DeltaGenerator:
    """The link and the values side by side (stacked on a phone: the page style)."""
    return st.container(
        key=key, horizontal=True, wrap=False, vertical_alignment="center", gap="small"
    )


def _grid(cells: Iterable[str]) -> str:
    """The values after the link, laid out as columns by the page style."""
    return '<div class="issue-cells user-text">\n' + "\n".join(cells) + "\n</div>"


def _cell(name: str, value: object, *, muted: bool = False) -> str:
    """A value, escaped (titles and forum names are what users typed), with its column's name
    before it, shown only where the columns stack."""
    style = ' class="muted"' if muted else ""
    return (
        f'<div{style}><span class="narrow-label">{escape_html(name)}: </span>'
        f"{escape_html(value)}</div>"
    )
