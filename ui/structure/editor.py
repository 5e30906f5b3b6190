"""The widgets of the structure editor. Each submits one change through one service call."""

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from models.vocabulary import Cadence, ForumKind, ForumLevel, LinkKind, MembershipRole, Route, Tier
from services.structure.edit import EditableForum, ForumInput, LinkInput
from ui.editable_table import Column, edit_table
from ui.i18n import label, t
from ui.opened import forget_opened
from ui.transaction import run_action
from ui.widget_keys import forget, keyed

NONE = ""


def run_edit(action: Callable[[Session], object], *, forum: str | None = None) -> bool:
    """One structure change in one transaction; after a save, the form shows the stored values."""
    if run_action(action, what="structure") is None:
        return False
    if forum:
        forget_opened("forum", forum)
    forget(_form_scope(forum))
    st.session_state.edit_saved = True
    return True


def _form_scope(forum: str | None) -> str:
    """Widget keys per forum, so a form keeps what the user typed even when the stored values
    change underneath it (a refused stale save must not wipe the user's text)."""
    return f"forum-form-{forum or 'new'}"


def forum_form(
    existing: EditableForum | None,
    names: dict[str, str],
    areas: dict[str, str],
    forums: dict[str, str],
) -> tuple[ForumInput, list[LinkInput]] | None:
    """The forum's own fields; for a new forum also its first way up. None until submitted."""
    data = existing.data if existing else None
    k = keyed(_form_scope(data.key if data else None))
    with st.form("forum_form"):
        key = st.text_input(
            t("edit.key"),
            value=data.key if data else "",
            key=k("key"),
            disabled=existing is not None,
            help=t("edit.key_help"),
        )
        name = st.text_input(t("edit.name"), value=data.name if data else "", key=k("name"))
        cols = st.columns(3)
        level = cols[0].selectbox(
            t("forum.level"),
            list(ForumLevel),
            key=k("level"),
            index=list(ForumLevel).index(data.level) if data else 0,
            format_func=lambda v: label("level", v),
        )
        kind = cols[1].selectbox(
            t("forum.kind"),
            list(ForumKind),
            key=k("kind"),
            index=list(ForumKind).index(data.kind) if data else 0,
            format_func=lambda v: label("kind", v),
        )
        cadence = cols[2].selectbox(
            t("forum.cadence"),
            list(Cadence),
            key=k("cadence"),
            index=list(Cadence).index(data.cadence) if data else 1,
            format_func=lambda v: label("cadence", v),
        )
        cols = st.columns(2)
        tiers = [NONE, *Tier]
        tier = cols[0].selectbox(
            t("forum.tier"),
            tiers,
            key=k("tier"),
            index=tiers.index(data.tier) if data and data.tier else 0,
            format_func=lambda v: label("tier", v) if v else "–",
        )
        area_keys = [NONE, *areas]
        area = cols[1].selectbox(
            t("forum.area"),
            area_keys,
            key=k("area"),
            index=area_keys.index(data.area) if data and data.area else 0,
            format_func=lambda k: areas.get(k, "–"),
        )
        purpose = st.text_area(
            t("forum.purpose"), value=data.purpose if data else "", key=k("purpose")
        )
        links: list[LinkInput] = []
        if existing is None:
            st.markdown(f"**{t('edit.first_link')}**")
            link = link_fields(forums, names, prefix="new", kinds=[LinkKind.ESCALATION])
            links = [link] if link else []
        if not st.form_submit_button(t("edit.save"), type="primary"):
            return None
    return ForumInput(
        key.strip(), name, level, kind, cadence, Tier(tier) if tier else None, area or None, purpose
    ), links


def link_fields(
    forums: dict[str, str],
    names: dict[str, str],
    *,
    prefix: str,
    kinds: list[LinkKind],
) -> LinkInput | None:
    cols = st.columns(2)
    kind = cols[0].selectbox(
        t("edit.link_kind"),
        kinds,
        key=f"{prefix}-kind",
        format_func=lambda k: t(f"structure.legend_{k.value}"),
    )
    target = cols[1].selectbox(
        t("edit.link_target"),
        [NONE, *forums],
        key=f"{prefix}-target",
        format_func=lambda k: forums.get(k, "–"),
    )
    cols = st.columns(2)
    route = cols[0].selectbox(
        t("edit.route"),
        list(Route),
        key=f"{prefix}-route",
        format_func=lambda r: t(f"edit.route_{r.value}"),
    )
    via = cols[1].selectbox(
        t("edit.via"), [NONE, *names], key=f"{prefix}-via", format_func=lambda k: names.get(k, "–")
    )
    note = st.text_input(t("edit.note"), key=f"{prefix}-note")
    if not target:
        return None
    return LinkInput(target, kind, route, via or None, note)


def members_editor(existing: EditableForum, names: dict[str, str]) -> list | None:
    """An editable table of members; returns [(organisation key, role)] when saved."""
    key_of = {name: key for key, name in names.items()}
    roles = {label("role", r): r for r in MembershipRole}
    rows = [{"organisation": names[o], "role": label("role", r)} for o, r in existing.members]
    edited = edit_table(
        rows,
        {
            "organisation": Column(
                "choice",
                st.column_config.SelectboxColumn(
                    t("forum.member_organisation"), options=sorted(key_of), required=True
                ),
            ),
            "role": Column(
                "choice",
                st.column_config.SelectboxColumn(
                    t("forum.member_role"),
                    options=list(roles),
                    required=True,
                    default=label("role", MembershipRole.MEMBER),
                ),
            ),
        },
        key=f"members-{existing.data.key}",
    )
    if not st.button(t("edit.save_members"), type="primary"):
        return None
    return [
        (key_of[r["organisation"]], roles[r["role"] or label("role", MembershipRole.MEMBER)])
        for r in edited
        if r["organisation"]
    ]
