"""An effect's reviews and its history (every change to it, its indicators and their values)."""

import streamlit as st

from services.effects.queries import EffectView
from ui.effects.words import status_label
from ui.i18n import day, label, moment, t
from ui.text import md, show_text


def show_reviews(view: EffectView) -> None:
    if not view.reviews:
        st.caption(t("effect.no_reviews"))
    for review in view.reviews:
        st.markdown(
            "**"
            + t(
                "effect.review_line",
                date=day(review.reviewed_on),
                reviewer=md(review.reviewer),
                assessment=status_label(review.assessment),
            )
            + "**"
        )
        show_text(review.comment)


def show_effect_history(view: EffectView) -> None:
    with st.expander(t("effect.history"), icon=":material/history:"):
        for event in view.events:
            what = label("effect_event", event.kind)
            if event.indicator:
                what += f" ({md(event.indicator)})"
            changes = "; ".join(
                f"{md(name)}: {md(old if old is not None else '–')} → "
                f"{md(new if new is not None else '–')}"
                for name, (old, new) in _pairs(event.changes)
            )
            st.markdown(
                t(
                    "effect.history_line",
                    when=moment(event.at),
                    actor=md(event.actor),
                    what=what,
                )
                + (f" · {changes}" if changes else "")
            )
            show_text(event.reason, muted=True)


def _pairs(changes: dict) -> list[tuple[str, tuple[object, object]]]:
    return [(k, tuple(v)) for k, v in changes.items() if isinstance(v, list) and len(v) == 2]
