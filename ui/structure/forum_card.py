"""Shows one forum: who sits there, how often it meets, and where its issues go."""

import networkx as nx
import streamlit as st

from escalation import NoCommonForumError, common_forums, forum, right_level
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
            [
                {t("forum.member_organisation"): name, t("forum.member_role"): label("role", role)}
                for name, role in card.members
            ],
            hide_index=True,
            width="stretch",
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
        lines.append(
            f"{number}. **{md(step.name)}** ({label('level', step.level)}) — {route_text(step)}"
        )
    st.markdown("\n".join(lines))
    if card.beyond:
        st.markdown(t("forum.beyond") + ":")
        st.markdown("\n".join(f"- {md(s.name)}" for s in card.beyond))


def show_right_level(
    G: nx.MultiDiGraph, start: str, involved: list[str], names: dict[str, str]
) -> None:
    """Where the involved organisations meet: up from the chosen forum (where its issues can
    be lifted), and anywhere in the structure (their lowest common forums)."""
    orgs = ", ".join(md(names[o]) for o in involved)
    st.caption(t("right_level.searched", forum=md(forum(G, start).name), organisations=orgs))
    try:
        result = right_level(G, start, involved)
    except NoCommonForumError:
        st.warning(t("right_level.none", organisations=orgs))
    else:
        target = forum(G, result.forum)
        if result.forum == start:
            st.success(t("right_level.here"))
        else:
            st.success(
                t("right_level.result", forum=md(target.name), level=label("level", target.level))
            )
            st.markdown(
                f"**{t('right_level.path')}:** "
                + " → ".join(md(forum(G, k).name) for k in result.path)
            )
    common = common_forums(G, involved)
    lowest = [k for k in common if forum(G, k).level == forum(G, common[0]).level] if common else []
    if lowest:
        st.markdown(
            f"**{t('right_level.anywhere')}**\n"
            + "\n".join(
                f"- {md(forum(G, k).name)} ({label('level', forum(G, k).level)})" for k in lowest
            )
        )
    else:
        st.caption(t("right_level.nowhere"))
