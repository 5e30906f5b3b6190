import streamlit as st

from services.accounts.accessibility_reports import (
    accessibility_reports,
    report_accessibility_problem,
)
from services.permissions import can_manage_users
from ui.accounts.current_actor import current_rules_actor
from ui.db import session
from ui.i18n import moment, t
from ui.navigation import PAGES
from ui.paging import pager
from ui.shell import require_app
from ui.transaction import run_action
from ui.widget_keys import forget_prefixed

require_app()

st.title(t("accessibility.title"))
st.markdown(t("accessibility.intro"))
for part in ("how", "cannot"):
    st.subheader(t(f"accessibility.{part}_heading"))
    st.markdown(t(f"accessibility.{part}_text"))

st.subheader(t("accessibility.report_heading"))
st.markdown(t("accessibility.report_text"))
if st.session_state.pop("accessibility_reported", False):
    st.success(t("accessibility.thanks"), icon=":material/check_circle:")
actor = current_rules_actor()
OTHER = "other"
places = {spec.url_path: t(spec.title_key) for spec in PAGES if spec.url_path != "not_found"}
places[OTHER] = t("accessibility.other_page")
with st.form("accessibility_report", enter_to_submit=False):
    where = st.selectbox(
        t("accessibility.page_label"), list(places), format_func=places.__getitem__, key="ar_page"
    )
    description = st.text_area(
        t("accessibility.description_label"),
        help=t("accessibility.description_help"),
        key="ar_description",
    )
    contact = st.text_input(
        t("accessibility.contact_label"), help=t("accessibility.contact_help"), key="ar_contact"
    )
    sent = st.form_submit_button(t("accessibility.submit"), type="primary")
if sent and run_action(
    lambda s: report_accessibility_problem(
        s, page=where, description=description, contact=contact, by=actor
    ),
    what="accessibility_report",
):
    forget_prefixed("ar_")  # the form shows empty again
    st.session_state.accessibility_reported = True
    st.rerun()

for part in ("supervision", "technical"):
    st.subheader(t(f"accessibility.{part}_heading"))
    st.markdown(t(f"accessibility.{part}_text"))
st.subheader(t("accessibility.shortcomings_heading"))
st.markdown(t("accessibility.shortcomings"))
st.subheader(t("accessibility.tested_heading"))
st.markdown(t("accessibility.tested_text"))

if actor is not None and can_manage_users(actor):
    st.subheader(t("accessibility.reports_heading"))
    with session() as s:
        found = accessibility_reports(s, by=actor, page=st.session_state.get("reports_page", 1))
    if not found.total:
        st.caption(t("accessibility.reports_none"))
    else:
        st.caption(
            t("accessibility.reports_count", count=found.total, page=found.page, pages=found.pages)
        )
        st.dataframe(
            [
                {
                    t("accessibility.col_at"): moment(r.reported_at),
                    t("accessibility.col_page"): places.get(r.page, r.page),
                    t("accessibility.col_description"): r.description,
                    t("accessibility.col_contact"): r.contact or "–",
                    t("accessibility.col_by"): r.reported_by or t("accessibility.signed_out"),
                }
                for r in found.rows
            ],
            hide_index=True,
            width="stretch",
        )
        pager(found.page, found.pages, "reports_page")
