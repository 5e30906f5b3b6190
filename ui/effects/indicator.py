"""One indicator on an effect's page: its chart with the same numbers beside it, the status and
the rule in words, what it measures, every value (replaced ones too), and the forms to record
or correct a value for those responsible."""

from datetime import date

import streamlit as st

from services.effects.measurements import (
    MeasurementRow,
    correct_measurement,
    measurement_history,
    record_measurement,
)
from services.effects.queries import IndicatorView
from services.permissions import Actor, can_follow_up_effects, can_record_measurement
from ui.db import reading
from ui.effects.cards import status_badge
from ui.effects.charts import indicator_figure
from ui.effects.data import after_change
from ui.effects.forms import indicator_form
from ui.effects.words import indicator_facts, indicator_reason, number
from ui.figures import rows_table
from ui.i18n import day, t
from ui.number_field import number_field
from ui.text import md, show_labelled, show_text
from ui.transaction import run_action
from ui.widget_keys import keyed


def show_indicator(
    ind: IndicatorView, actor: Actor, today: date, *, effect_id: int, organisations: dict[str, str]
) -> None:
    with st.container(border=True, key=f"indicator-{ind.id}"):
        st.markdown(f"##### {md(ind.name)}")
        status_badge(ind.assessment.status)
        show_text(indicator_reason(ind))
        chart, numbers = st.columns([3, 2])
        with chart:
            if ind.values or ind.baseline or ind.target:
                st.plotly_chart(
                    indicator_figure(ind), key=f"chart-{ind.id}", config={"displaylogo": False}
                )
            else:
                st.caption(t("effect.no_values"))
        with numbers:
            if ind.values:  # the chart's numbers beside it
                sources = ind.sources or ("",) * len(ind.values)
                st.dataframe(
                    rows_table(
                        [
                            {
                                t("effect.col_date"): day(p.on),
                                t("effect.col_value"): number(p.value, ind.unit),
                                t("effect.col_source"): source,
                            }
                            for p, source in reversed(list(zip(ind.values, sources, strict=True)))
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                    height=min(36 * len(ind.values) + 38, 220),
                )
            _facts(ind)
        history = _history(ind, actor)
        if can_follow_up_effects(actor):
            with st.expander(t("effect.indicator_edit"), icon=":material/edit:"):
                indicator_form(effect_id, organisations, actor, indicator=ind)
        if ind.computed:
            st.caption(t("effect.computed_note"))
        elif can_record_measurement(actor, ind.organisation):
            _record_form(ind, actor, today)
            if any(not row.replaced for row in history):
                _correct_form(ind, [row for row in history if not row.replaced], actor, today)


def _facts(ind: IndicatorView) -> None:
    for name, text in indicator_facts(ind):
        show_labelled(name, text or "–")


def _history(ind: IndicatorView, actor: Actor) -> list[MeasurementRow]:
    """The values table; for a computed indicator, its series (there is no hand history)."""
    if ind.computed:
        rows = [
            {
                t("effect.col_date"): day(p.on),
                t("effect.col_value"): number(p.value, ind.unit),
            }
            for p in ind.values
        ]
        history: list[MeasurementRow] = []
    else:
        with reading() as s:
            history = measurement_history(s, indicator_id=ind.id, by=actor)
        rows = [
            {
                t("effect.col_date"): day(m.measured_on),
                t("effect.col_value"): number(m.value, ind.unit),
                t("effect.col_state"): t(
                    "effect.replaced", date=day(m.replaced_at), reason=m.replaced_reason
                )
                if m.replaced
                else t("effect.current"),
                t("effect.col_comment"): m.comment,
                t("effect.col_source"): m.source,
                t("effect.col_by"): m.recorded_by,
            }
            for m in history
        ]
    with st.expander(f"{t('effect.values_history')} ({len(rows)})", icon=":material/table:"):
        if rows:
            st.dataframe(rows_table(rows), hide_index=True, width="stretch")
        else:
            st.caption(t("effect.no_values"))
    return history


def _record_form(ind: IndicatorView, actor: Actor, today: date) -> None:
    """Not a form: the value typed is read and shown back ("Sparas som 55,5 %") before the
    save."""
    scope = f"measure-{ind.id}"
    k = keyed(scope)
    with st.expander(
        t("effect.record"),
        icon=":material/add_chart:",
        expanded=bool(st.session_state.get(k("value"))),
    ):
        cols = st.columns(2)
        with cols[0]:
            value = number_field(t("effect.value_label"), key=k("value"), unit=ind.unit)
        on = cols[1].date_input(
            t("effect.date_label"), value=today, max_value=today, key=k("date"), format="YYYY-MM-DD"
        )
        comment = st.text_input(t("effect.comment_label"), key=k("comment"))
        source = st.text_input(t("effect.measure_source_label"), key=k("source"))
        if st.button(t("effect.save_value"), type="primary", key=k("save")):
            if value.problem or value.value is None:
                st.error(value.problem or t("number.missing"), icon=":material/error:")
                return
            saved = run_action(
                lambda s: record_measurement(
                    s,
                    indicator_id=ind.id,
                    measured_on=on,
                    value=value.value,
                    by=actor,
                    today=today,
                    comment=comment,
                    source=source,
                ),
                what="measurement",
            )
            if saved:
                after_change(scope, "effect.value_saved")


def _correct_form(
    ind: IndicatorView, current: list[MeasurementRow], actor: Actor, today: date
) -> None:
    scope = f"correct-{ind.id}"
    k = keyed(scope)
    by_id = {m.id: m for m in current}
    with st.expander(
        t("effect.correct"),
        icon=":material/edit_note:",
        expanded=bool(st.session_state.get(k("value"))),
    ):
        which = st.selectbox(
            t("effect.correct_which"),
            list(by_id),
            key=k("which"),
            format_func=lambda i: (
                f"{day(by_id[i].measured_on)}: {number(by_id[i].value, ind.unit)}"
            ),
        )
        value = number_field(t("effect.new_value"), key=k("value"), unit=ind.unit)
        reason = st.text_input(t("effect.correct_reason"), key=k("reason"))
        if st.button(t("effect.save_correction"), key=k("save")):
            if value.problem or value.value is None:
                st.error(value.problem or t("number.missing"), icon=":material/error:")
                return
            saved = run_action(
                lambda s: correct_measurement(
                    s, measurement_id=which, value=value.value, reason=reason, by=actor, today=today
                ),
                what="measurement",
            )
            if saved:
                after_change(scope, "effect.corrected")
