import json
from datetime import UTC, date, datetime, time, timedelta

import streamlit as st

from exports.spreadsheets import to_csv
from services.accounts.audit import (
    AUDIT_COLUMNS,
    audit_names,
    audit_rows,
    audit_tables,
    search_audit,
)
from ui.accounts.admin_check import require_admin
from ui.accounts.audit_words import row_in_words, thing
from ui.db import reading
from ui.i18n import t
from ui.paging import pager
from ui.shell import require_app

require_app()
PAGE_SIZE = 50

st.title(t("audit.title"))
actor = require_admin()
st.caption(t("audit.intro"))
with reading() as s:
    tables = audit_tables(s, by=actor)
cols = st.columns(4)
who = cols[0].text_input(t("audit.actor"), key="au_actor", help=t("audit.actor_help")).strip()
table = cols[1].selectbox(
    t("audit.table"), [None, *tables], key="au_table", format_func=lambda v: thing(v) if v else "–"
)
since_day = cols[2].date_input(t("audit.since"), value=None, key="au_since", format="YYYY-MM-DD")
until_day = cols[3].date_input(t("audit.until"), value=None, key="au_until", format="YYYY-MM-DD")


def start_of(day: date | None, *, plus: int = 0) -> datetime | None:
    return datetime.combine(day, time(), UTC) + timedelta(days=plus) if day else None


wanted = {
    "actor": who or None,
    "table": table,
    "since": start_of(since_day),
    "until": start_of(until_day, plus=1),
}  # the until day is included
if st.session_state.get("au_filter") != wanted:
    st.session_state.au_filter, st.session_state.au_page = wanted, 1
page = st.session_state.get("au_page", 1)
with reading() as s:
    found = search_audit(s, by=actor, page=page, page_size=PAGE_SIZE, **wanted)
    names = audit_names(s, by=actor)
st.caption(t("issues.count", total=found.total, page=found.page, pages=found.pages))
st.dataframe([row_in_words(e, names) for e in found.rows], hide_index=True, width="stretch")
cols = st.columns([1, 1, 2, 4])
pager(found.page, found.pages, "au_page", cols)
if cols[2].button(t("audit.prepare_csv"), key="au_csv", icon=":material/download:"):
    with reading() as s:
        rows = (
            (*r[:5], json.dumps(r[5], ensure_ascii=False))
            for r in audit_rows(s, by=actor, **wanted)
        )
        st.session_state.au_export = (
            (actor.user_id, tuple(wanted.items())),
            to_csv([t(f"audit.col_{c}") for c in AUDIT_COLUMNS], rows),
        )
ready = st.session_state.get("au_export")
if ready and ready[0] == (actor.user_id, tuple(wanted.items())):
    cols[3].download_button(
        t("audit.download_csv"), ready[1], file_name="granskningslogg.csv", mime="text/csv"
    )
