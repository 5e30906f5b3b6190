import streamlit as st

from models import clock
from services.effects.errors import EffectRefusedError
from services.effects.queries import effect_view
from services.permissions import can_follow_up_effects, can_record_measurement
from ui.accounts.current_actor import require_signin
from ui.db import forum_graph, reading, structure_names
from ui.effects.cards import review_line, status_badge
from ui.effects.charts import small_multiples
from ui.effects.data import cached_series, show_flash
from ui.effects.forms import (
    archive_form,
    effect_form,
    import_section,
    indicator_form,
    links_section,
    review_form,
)
from ui.effects.history import show_effect_history, show_reviews
from ui.effects.indicator import show_indicator
from ui.effects.report import report_downloads
from ui.effects.words import effect_reason
from ui.i18n import label, t
from ui.opened import opened_version
from ui.shell import linked_page, require_app
from ui.text import md, show_text

require_app()

actor = require_signin("permission.signin_for_effects")
raw = st.query_params.get("id", "")
st.page_link(linked_page("pages/effects.py"), label=t("effect.back"), icon=":material/arrow_back:")
if not raw.isdigit():
    st.title(t("effect.title"))
    st.info(t("effect.choose"))
    st.stop()
today = clock.today()
try:
    with reading() as s:
        view = effect_view(s, effect_id=int(raw), by=actor, today=today, series=cached_series)
    organisations = structure_names().organisations
except EffectRefusedError:
    st.title(t("effect.title"))
    st.warning(t("effect.not_found", id=md(raw)))
    st.stop()

summary = view.summary
opened_version("effect", summary.id, summary.version, reload_label="effect.reload")
for indicator in summary.indicators:  # what this user saw is what their saves are checked against
    opened_version("indicator", indicator.id, indicator.version)
st.title(md(summary.statement), anchor=False)
show_flash()
if summary.archived:
    st.warning(t("effect.archived"), icon=":material/archive:")
status_badge(summary.status)
st.markdown(effect_reason(summary))
st.caption(
    " · ".join(
        x
        for x in (
            t("effects.agreed_by", forum=md(summary.forum_name)),
            t("effects.owner", organisation=md(summary.organisation_name))
            if summary.organisation_name
            else "",
            t("effect.cadence", cadence=label("cadence", view.review_cadence)),
            "demo" if summary.is_demo else "",
        )
        if x
    )
)
show_text(view.description)
if view.source:
    show_text(t("effect.source", source=view.source), muted=True)
review_line(summary)
report_downloads([view], today, stem=f"effekt-{summary.id}-{today:%Y-%m-%d}")

leader = bool(can_follow_up_effects(actor)) and not summary.archived
st.subheader(t("effect.indicators"))
drawn = [i for i in summary.indicators if i.values or i.baseline or i.target]
if len(drawn) > 1:
    with st.expander(t("effect.small_multiples"), expanded=True, icon=":material/grid_view:"):
        st.plotly_chart(
            small_multiples(drawn), key="small_multiples", config={"displaylogo": False}
        )
for indicator in summary.indicators:
    show_indicator(indicator, actor, today, effect_id=summary.id, organisations=organisations)
if any(
    not i.computed and can_record_measurement(actor, i.organisation) for i in summary.indicators
):
    with st.expander(t("effect.import"), icon=":material/upload_file:"):
        import_section(summary.id, actor, today)
if leader:
    with st.expander(t("effect.indicator_new"), icon=":material/add_chart:"):
        indicator_form(summary.id, organisations, actor)

st.subheader(t("effect.reviews"))
show_reviews(view)
if leader:
    with st.expander(t("effect.review_new"), icon=":material/rate_review:"):
        review_form(view, actor, today)

links_section(view, actor)
if leader:
    with st.expander(t("effect.edit"), icon=":material/edit:"):
        effect_form(forum_graph(), organisations, actor, view=view)
        archive_form(view, actor)
show_effect_history(view)
