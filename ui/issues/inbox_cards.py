"""The inbox as cards: one per issue and change, however many of the reader's addresses (the
person, each of their forums) it reached, with one acknowledgement for the card and one for all."""

from itertools import groupby

import streamlit as st

from services.issues.feedback import InboxEntry, acknowledge_all
from services.permissions import Actor
from ui.i18n import day, t
from ui.issues.view import changes_text
from ui.text import md, show_text
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
    first = card[0]
    with st.container(border=True):
        cols = st.columns([7, 2])
        to = ", ".join(md(e.to_forum) if e.to_forum else t("inbox.to_you") for e in card)
        cols[0].markdown(
            f"**{t(f'inbox.{first.kind}')}** · {t(f'event.{first.event}')} · "
            f"{md(first.actor)} · {day(first.at)} · {t('inbox.to', to=to)}"
        )
        cols[0].page_link(
            "pages/issue.py",
            label=md(f"{first.reference} · {first.title}"),
            query_params={"ref": first.reference},
        )
        with cols[0]:
            show_text(first.text, muted=True)
            show_text(changes_text(first.changes), muted=True)
        if cols[1].button(t("inbox.acknowledge"), key=f"ack-{first.id}") and run_action(
            lambda s: acknowledge_all(s, notification_ids=[e.id for e in card], by=by)
        ):
            st.rerun()
