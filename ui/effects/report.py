"""The follow-up report built from what the pages show, in the reader's language, offered as
Word and PDF (built and made when the button is clicked, not on every run: assembling it was a
tenth of the dashboard's rerun)."""

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from exports.effect_report import Report, ReportEffect, ReportIndicator, to_docx, to_pdf
from services.effects.queries import EffectView, IndicatorView
from ui.effects.words import (
    effect_reason,
    indicator_facts,
    indicator_reason,
    number,
    status_label,
)
from ui.i18n import current_language, day, label, speaking, t

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _indicator(ind: IndicatorView) -> ReportIndicator:
    a = ind.assessment
    projection = (
        ((a.latest.on, a.latest.value), (a.projected.on, a.projected.value))
        if a.projected and a.latest
        else None
    )
    return ReportIndicator(
        ind.name,
        ind.unit,
        status_label(a.status),
        indicator_reason(ind),
        indicator_facts(ind),
        tuple((p.on, p.value) for p in ind.values),
        (ind.baseline.on, ind.baseline.value) if ind.baseline else None,
        (ind.target.on, ind.target.value) if ind.target else None,
        projection,
        tuple(
            f"{day(p.on)}: {number(p.value, ind.unit)}" + (f" ({source})" if source else "")
            for p, source in zip(ind.values, ind.sources or [""] * len(ind.values), strict=True)
        ),
    )


def _effect(view: EffectView) -> ReportEffect:
    s = view.summary
    review = ""
    if view.reviews:
        r = view.reviews[0]
        review = (
            t(
                "effect.review_line",
                date=day(r.reviewed_on),
                reviewer=r.reviewer,
                assessment=status_label(r.assessment),
            )
            + f". {r.comment}"
        )
    facts = (
        (t("effect.forum_label"), s.forum_name),
        (t("effect.organisation_label"), s.organisation_name or ""),
        (t("effect.cadence_label"), label("cadence", view.review_cadence)),
        (t("effect.source_label"), view.source),
    )
    return ReportEffect(
        s.statement,
        status_label(s.status),
        effect_reason(s),
        facts,
        view.description,
        review,
        tuple(_indicator(i) for i in s.indicators),
        tuple(f"{label('link_kind', link.kind)}: {link.label}" for link in view.links),
    )


def build_report(views: Sequence[EffectView], today: date) -> Report:
    return Report(
        t("effects.report_title"),
        t("effect.report_generated", date=day(today)),
        t("effects.rule_text").replace("*", ""),
        tuple(_effect(v) for v in views),
        {
            "summary": t("effect.report_summary"),
            "rule": t("effect.report_rule"),
            "status": t("effect.status_word"),
            "review": t("effect.report_latest_review"),
            "rests_on": t("effect.links"),
            "values": t("effect.report_values"),
            "measured": t("effect.trace_values"),
            "baseline": t("effect.trace_baseline"),
            "target": t("effect.trace_target"),
            "projection": t("effect.trace_projection"),
        },
        current_language(),
    )


def deferred(
    write: Callable[[Report], bytes], views: Sequence[EffectView], today: date, lang: str
) -> Callable[[], bytes]:
    """The report written when its button is clicked: Streamlit calls this outside the page's
    run, where the session's language cannot be read, so it is the run's `lang`."""

    def make() -> bytes:
        with speaking(lang):
            return write(build_report(views, today))

    return make


def report_downloads(views: Sequence[EffectView], today: date, *, stem: str) -> None:
    lang = current_language()
    cols = st.columns(2)
    cols[0].download_button(
        t("effects.report_docx"),
        deferred(to_docx, views, today, lang),
        file_name=f"{stem}.docx",
        mime=DOCX,
        key=f"dl-{stem}-docx",
        on_click="ignore",
        icon=":material/description:",
    )
    cols[1].download_button(
        t("effects.report_pdf"),
        deferred(to_pdf, views, today, lang),
        file_name=f"{stem}.pdf",
        mime=PDF,
        key=f"dl-{stem}-pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
