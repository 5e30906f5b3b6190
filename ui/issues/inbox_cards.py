"""The inbox as cards: one per issue and change, however many of the reader's addresses (the
person, each of their forums) it reached, with one acknowledgement for the card and one for all."""

from itertools import groupby

import streamlit as st

from services.issues.feedback import InboxEntry, acknowledge_all
from services.permissions import Actor
from ui.i18n import day, t
from ui.issues.view import changes_text
from ui.shell import linked_page
from ui.text import escape_html, md, text_block
from ui.transaction import run_action


def cards(entries: list[InboxEntry]) -> list[list[InboxEntry]]:
    """Entries of the same issue and change together, newest first (the entries come so)."""
    key = lambda e: (e.reference, e.event, e.at)  # noqa: E731
    return [list(group) for _key, group in groupby(entries, key=key)]


def show_inbox(entries: list[InboxEntry], by: Actor) -> None:
    grouped = cards(entries)
    if (
        len(grouped) > 1
        and st.button(
            t("inbox.acknowledge_all", count=len(grouped)),
            icon=":material/done_all:",
            key="ack-all",
        )
        and run_action(
            lambda s: acknowledge_all(s, notification_ids=[e.id for e in entries], by=by)
        )
    ):
        st.rerun()
    for card in grouped:
        _card(card, by)


def _card(card: list[InboxEntry], by: Actor) -> None:
    """The issue's link, what happened and to whom with what was written and changed, and the
    acknowledgement: four elements (as columns it was nine, on each of twenty cards, on every
    rerun)."""
    first = card[0]
    with st.container(border=True):
        st.page_link(
            linked_page("pages/issue.py"),
            label=md(f"{first.reference} · {first.title}"),
            query_params={"ref": first.reference},
        )
        to = ", ".join(e.to_forum if e.to_forum else t("inbox.to_you") for e in card)
        st.html(
            f'<div class="card-facts"><strong>{escape_html(t(f"inbox.{first.kind}"))}</strong> · '
            f"{escape_html(t(f'event.{first.event}'))} · {escape_html(first.actor)} · "
            f"{escape_html(day(first.at))} · {escape_html(t('inbox.to', to=to))}</div>"
            + "".join(
                text_block(text, muted=True)
                for text in (first.text, changes_text(first.changes))
                if text
            )
        )
        if st.button(t("inbox.acknowledge"), key=f"ack-{first.id}") and run_action(
            lambda s: acknowledge_all(s, notification_ids=[e.id for e in card], by=by)
        ):
            st.rerun()
