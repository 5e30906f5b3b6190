"""Export of the filtered issue list: built on request, not on every rerun."""

import streamlit as st

from exports.cells import ZONE_NAME
from exports.spreadsheets import to_csv, to_xlsx
from services.issues.queries import EXPORT_COLUMNS, IssueFilter, export_rows
from services.permissions import Actor
from ui.db import session
from ui.i18n import label, t


def show_export(flt: IssueFilter, sort: str, by: Actor) -> None:
    """What `by` may read and nothing else; a prepared file is only offered to whoever
    prepared it, for the filter it was prepared with."""
    with st.expander(t("export.title"), icon=":material/download:"):
        cols = st.columns(2)
        wanted = None
        if cols[0].button(t("export.prepare_csv"), key="exp_csv"):
            wanted = "csv"
        if cols[1].button(t("export.prepare_xlsx"), key="exp_xlsx"):
            wanted = "xlsx"
        if wanted:
            header = export_header()
            with session() as s:
                rows = (_readable(r) for r in export_rows(s, flt, sort=sort, by=by))
                data = (
                    to_csv(header, rows)
                    if wanted == "csv"
                    else to_xlsx(
                        header,
                        rows,
                        sheet=t("issues.title"),
                        widths=[WIDTHS[c] for c in EXPORT_COLUMNS],
                    )
                )
            st.session_state.export = ((by.user_id, flt), wanted, data)
        ready = st.session_state.get("export")
        if ready and ready[0] == (by.user_id, flt):
            _for, kind, data = ready
            st.download_button(
                t(f"export.download_{kind}"),
                data,
                file_name=f"samverkansfragor.{kind}",
                mime="text/csv"
                if kind == "csv"
                else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )


WIDTHS = {
    "reference": 16,
    "title": 50,
    "status": 16,
    "kind": 16,
    "priority": 10,
    "themes": 30,
    "organisations": 40,
    "origin": 36,
    "region": 18,
    "forum": 36,
    "level": 12,
    "raised_by": 24,
    "created_at": 17,
    "updated_at": 17,
    "resolved_at": 17,
    "outcome": 60,
}


def export_header() -> list[str]:
    """Column headings; times say their zone."""
    zone = t("export.zone", zone=ZONE_NAME)
    return [
        t(f"export.col_{c}") + (f" ({zone})" if c.endswith("_at") else "") for c in EXPORT_COLUMNS
    ]


def _readable(row: tuple) -> tuple:
    (
        reference,
        title,
        status,
        kind,
        priority,
        themes,
        orgs,
        origin,
        region,
        forum,
        level,
        raised_by,
        created,
        updated,
        resolved,
        outcome,
    ) = row
    return (
        reference,
        title,
        label("issue_status", status),
        label("issue_kind", kind),
        label("priority", priority),
        ", ".join(label("theme", th) for th in themes),
        orgs,
        origin,
        region,
        forum,
        label("level", level),
        raised_by,
        created,
        updated,
        resolved,
        outcome,
    )
