import streamlit as st

from models.vocabulary import LinkKind
from services.permissions import can_edit_structure
from services.structure.edit import (
    add_link,
    create_forum,
    export_structure,
    forum_for_editing,
    import_structure,
    remove_link,
    set_members,
    update_forum,
)
from services.structure.view import filter_options, organisation_names
from services.uploads import MAX_UPLOAD_BYTES
from ui.accounts.current_actor import current_rules_actor
from ui.db import forum_graph, session
from ui.i18n import t
from ui.issues.glossary_editor import glossary_editor
from ui.opened import opened_version
from ui.shell import require_app
from ui.structure.editor import (
    NONE,
    forum_form,
    link_fields,
    members_editor,
    run_edit,
)

require_app()

st.title(t("edit.title"))
st.caption(t("edit.caption"))
actor = current_rules_actor()
if actor is None or not can_edit_structure(actor):
    st.info(t("permission.edit_structure_needs_admin"), icon=":material/lock:")
    with session() as s:
        exported = export_structure(s)
    st.download_button(
        t("edit.export"),
        exported,
        file_name="samverkansstruktur.yaml",
        mime="application/x-yaml",
        icon=":material/download:",
    )
    st.stop()
if st.session_state.pop("edit_saved", False):
    st.success(t("edit.saved"), icon=":material/check:")

G = forum_graph()
forums = dict(sorted(((k, G.nodes[k]["forum"].name) for k in G), key=lambda kv: kv[1]))
with session() as s:
    names = organisation_names(s)
    options = filter_options(s)
areas = {c.key: c.name for c in options.regions + options.healthcare_regions}

if "pending_forum" in st.session_state:  # a forum just created: open it
    st.session_state.edit_forum = st.session_state.pop("pending_forum")
choice = st.selectbox(
    t("edit.choose"),
    [NONE, *forums],
    key="edit_forum",
    format_func=lambda k: forums.get(k, t("edit.new_forum")),
)
existing = None
if choice:
    with session() as s:
        existing = forum_for_editing(s, choice)
    opened = opened_version("forum", choice, existing.version)

details, members, links, files, acronyms = st.tabs(
    [
        t("edit.tab_forum"),
        t("edit.tab_members"),
        t("edit.tab_links"),
        t("edit.tab_files"),
        t("edit.tab_glossary"),
    ]
)
with acronyms:
    glossary_editor(actor)
with details:
    submitted = forum_form(existing, names, areas, forums)
    if submitted:
        data, first_links = submitted
        if existing is None and run_edit(
            lambda s: create_forum(s, data=data, links=first_links, by=actor)
        ):
            st.session_state.pending_forum = data.key
            st.rerun()
        elif existing is not None and run_edit(
            lambda s: update_forum(s, data=data, expected_version=opened, by=actor), forum=choice
        ):
            st.rerun()

if existing is None:
    for tab in (members, links):
        tab.info(t("edit.choose_first"))
else:
    with members:
        wanted = members_editor(existing, names)
        if wanted is not None and run_edit(
            lambda s: set_members(
                s, forum_key=choice, members=wanted, expected_version=opened, by=actor
            ),
            forum=choice,
        ):
            st.rerun()
    with links:
        for link in existing.links:
            cols = st.columns([6, 1])
            route = (
                t(f"forum.route_{link.route.value}", organisation=names.get(link.via, "?"))
                if link.route
                else ""
            )
            cols[0].markdown(
                f"**{t(f'structure.legend_{link.kind.value}')}** → "
                f"{forums.get(link.target, link.target)} {route}"
            )
            if cols[1].button(
                t("edit.remove"), key=f"rm-{link.kind.value}-{link.target}"
            ) and run_edit(
                lambda s, lk=link: remove_link(
                    s,
                    source=choice,
                    target=lk.target,
                    kind=lk.kind,
                    expected_version=opened,
                    by=actor,
                ),
                forum=choice,
            ):
                st.rerun()
        st.markdown(f"**{t('edit.add_link')}**")
        with st.form("add_link"):
            new = link_fields(forums, names, prefix="add", kinds=list(LinkKind))
            if (
                st.form_submit_button(t("edit.add"))
                and new
                and run_edit(
                    lambda s: add_link(
                        s, source=choice, link=new, expected_version=opened, by=actor
                    ),
                    forum=choice,
                )
            ):
                st.rerun()

with files:
    with session() as s:
        exported = export_structure(s)
    st.download_button(
        t("edit.export"),
        exported,
        file_name="samverkansstruktur.yaml",
        mime="application/x-yaml",
        icon=":material/download:",
    )
    uploaded = st.file_uploader(
        t("edit.import"),
        type=["yaml", "yml"],
        help=t("upload.help", limit=MAX_UPLOAD_BYTES // 2**20),
    )
    if (
        uploaded is not None
        and st.button(t("edit.import_run"), type="primary")
        and run_edit(lambda s: import_structure(s, data=uploaded.getvalue(), by=actor))
    ):
        st.rerun()
