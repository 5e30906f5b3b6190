"""An effect as the dashboard shows it: status, the reason in words, each indicator's status,
the next review (overdue ones flagged), and the way to open it."""

import pyarrow as pa
import streamlit as st

from models.vocabulary import EffectLinkKind, EffectStatus
from services.effects.links import link_effect
from services.effects.queries import EffectSummary, effect_statements, effects_of_issue
from services.permissions import Actor, can_follow_up_effects
from ui.db import reading
from ui.effects.words import (
    STATUS_BADGE,
    STATUS_ICON,
    effect_reason,
    indicator_reason,
    status_label,
)
from ui.figures import rows_table
from ui.i18n import day, t
from ui.shell import linked_page
from ui.text import md
from ui.transaction import run_action


def overview_table(summaries: list[EffectSummary]) -> pa.Table:
    """The overview chart's numbers: each effect, its status, its indicators per status and the
    next review."""
    return rows_table(
        [
            {
                t("effects.col_effect"): s.statement,
                t("effects.col_status"): status_label(s.status),
                **{status_label(status): s.counts.get(status, 0) for status in EffectStatus},
                t("effects.col_next_review"): day(s.next_review_on) if s.next_review_on else "–",
            }
            for s in summaries
        ]
    )


def status_badge(summary_status: object) -> None:
    st.badge(
        status_label(summary_status),
        icon=STATUS_ICON[summary_status],
        color=STATUS_BADGE[summary_status],
    )


def review_line(summary: EffectSummary) -> None:
    if summary.review_overdue:
        st.error(
            t("effects.review_overdue", date=day(summary.next_review_on)),
            icon=":material/event_busy:",
        )
    elif summary.next_review_on:
        st.caption(t("effects.next_review", date=day(summary.next_review_on)))
    else:
        st.caption(t("effects.no_review"))


def show_effect_card(summary: EffectSummary) -> None:
    with st.container(border=True, key=f"effect-card-{summary.id}"):
        head, side = st.columns([5, 2])
        with head:
            demo = " · demo" if summary.is_demo else ""
            st.markdown(f"#### {md(summary.statement)}")
            st.caption(
                t("effects.agreed_by", forum=md(summary.forum_name))
                + (
                    f" · {t('effects.owner', organisation=md(summary.organisation_name))}"
                    if summary.organisation_name
                    else ""
                )
                + demo
            )
        with side:
            status_badge(summary.status)
            st.page_link(
                linked_page("pages/effect.py"),
                label=t("effects.open"),
                icon=":material/open_in_new:",
                query_params={"id": str(summary.id)},
            )
        st.write(effect_reason(summary))
        for ind in summary.indicators:
            st.markdown(
                f"**{md(ind.name)}** · {status_label(ind.assessment.status)} · "
                f"{md(indicator_reason(ind))}"
            )
        review_line(summary)


def show_effects_of_issue(reference: str, actor: Actor) -> None:
    """On an issue's page: the agreed effects that rest on it; the strategic level links more."""
    with reading() as s:
        effects = effects_of_issue(s, reference=reference)
        others = (
            {i: text for i, text in effect_statements(s) if i not in dict(effects)}
            if can_follow_up_effects(actor)
            else {}
        )
    if effects:
        st.markdown(f"**{t('effect.on_issue')}**")
    for effect_id, statement in effects:
        st.page_link(
            linked_page("pages/effect.py"),
            label=md(statement),
            icon=":material/insights:",
            query_params={"id": str(effect_id)},
        )
    if not others:
        return
    scope = f"issue-effect-{reference}"
    with st.expander(t("effect.link_issue_to"), icon=":material/insights:"), st.form(scope):
        chosen = st.selectbox(
            t("effect.statement_label"),
            list(others),
            index=None,
            key=f"{scope}-effect",
            format_func=others.get,
            placeholder=t("effect.link_choose"),
        )
        if (
            st.form_submit_button(t("effect.link_save"))
            and chosen is not None
            and run_action(
                lambda s: link_effect(
                    s, effect_id=chosen, kind=EffectLinkKind.ISSUE, target=reference, by=actor
                ),
                what="link",
            )
        ):
            st.rerun()
