"""Shows one forum: who sits there, how often it meets, and where its issues go."""

import streamlit as st

from services.structure.view import ForumCard, PathStep
from ui.i18n import label, t
from ui.text import md, show_labelled


def route_text(step: PathStep) -> str:
    if step.route is None:
        return t("forum.route_unknown")
    return t(f"forum.route_{step.route.value}", organisation=md(step.via or "?"))


def show_forum_card(card: ForumCard) -> None:
    title = f"{md(card.name)} · {t('structure.demo_tag')}" if card.is_demo else md(card.name)
    st.subheader(title)
    facts = [
        (t("forum.level"), label("level", card.level)),
        (t("forum.kind"), label("kind", card.kind)),
        (t("forum.tier"), label("tier", card.tier) if card.tier else "–"),
        (t("forum.area"), md(card.area or "–")),
        (t("forum.cadence"), label("cadence", card.cadence)),
        (t("forum.chair"), md(", ".join(card.chairs)) or t("forum.no_chair")),
    ]
    st.markdown("\n".join(f"- **{k}:** {v}" for k, v in facts))
    if card.purpose:
        show_labelled(t("forum.purpose"), card.purpose)

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('forum.members')}**")
        st.dataframe(
            [{t("forum.member_organisation"): name, t("forum.member_role"): label("role", role)}
             for name, role in card.members],
            hide_index=True, width="stretch",
        )
    with right:
        show_path(card)

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('forum.feeders')}**")
        lines = [f"- {md(c.name)}" for c in card.feeders]
        lines += [f"- {md(c.name)} ({t('forum.prepared_by').lower()})" for c in card.prepared_by]
        st.markdown("\n".join(lines) if lines else t("forum.no_feeders"))
    with right:
        st.markdown(f"**{t('forum.delegation')}**")
        kinds = {True: t("forum.delegation_explicit"), False: t("forum.delegation_feeder")}
        lines = [f"- {md(c.name)} ({kinds[explicit]})" for c, explicit in card.delegation]
        st.markdown("\n".join(lines) if lines else t("forum.no_delegation"))


def show_path(card: ForumCard) -> None:
    st.markdown(f"**{t('forum.path_up')}**")
    if not card.reaches_top:
        st.warning(t("forum.path_none"))
    if len(card.path_up) == 1:
        st.markdown(t("forum.path_top"))
    lines = []
    for number, step in enumerate(card.path_up[1:], start=1):
        lines.append(f"{number}. **{md(step.name)}** ({label('level', step.level)}) — "
                     f"{route_text(step)}")
    st.markdown("\n".join(lines))
    if card.beyond:
        st.markdown(t("forum.beyond") + ":")
        st.markdown("\n".join(f"- {md(s.name)}" for s in card.beyond))
