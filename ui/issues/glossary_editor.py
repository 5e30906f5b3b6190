"""The administrators' list of the field's acronyms, which the similarity search writes out."""

import streamlit as st

from services.issues.glossary import glossary, last_change, save_glossary
from services.permissions import Actor
from ui.db import reading
from ui.editable_table import Column, edit_table, is_blank
from ui.i18n import moment, t
from ui.transaction import run_action

OPENED = "glossary_opened"


def glossary_editor(by: Actor) -> None:
    st.caption(t("glossary.help"))
    with reading() as s:
        terms = glossary(s)
        who, when = last_change(s)
    st.session_state.setdefault(OPENED, when)  # what this editor opened: a later save refuses
    if when:
        st.caption(t("glossary.changed", who=who, when=moment(when)))
    rows = edit_table(
        [{"acronym": a, "meaning": m} for a, m in sorted(terms.items(), key=lambda kv: kv[0])],
        {
            "acronym": Column("text", st.column_config.TextColumn(t("glossary.acronym"))),
            "meaning": Column(
                "text", st.column_config.TextColumn(t("glossary.meaning"), width="large")
            ),
        },
        key="glossary-table",
    )
    if st.button(t("glossary.save"), icon=":material/save:", key="glossary-save"):
        kept = [(r["acronym"] or "", r["meaning"] or "") for r in rows if not is_blank(r)]
        opened = st.session_state[OPENED]  # saved over by someone: "glossary.stale" is said
        if run_action(
            lambda s: save_glossary(s, terms=kept, by=by, opened=opened), what="glossary"
        ):
            st.session_state.pop(OPENED, None)
            st.session_state.pop("glossary-table", None)
            st.session_state.edit_saved = True
            st.rerun()
