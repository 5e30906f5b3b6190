import streamlit as st

from ui.i18n import t
from ui.shell import linked_page, require_app

require_app()

st.title(t("not_found.title"))
st.info(t("not_found.text"), icon=":material/help:")
st.page_link(linked_page("pages/start.py"), label=t("not_found.to_start"), icon=":material/home:")
