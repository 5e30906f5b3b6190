"""The strategic level's forms on the effect pages: an effect, an indicator, a link, a review;
and the measurement import with its validation report."""

from datetime import date

import networkx as nx
import streamlit as st

from escalation import forum
from models.vocabulary import Cadence, Direction, EffectLinkKind, EffectStatus
from services.effects.effects import (
    EffectInput,
    IndicatorInput,
    add_indicator,
    archive_effect,
    create_effect,
    edit_effect,
    edit_indicator,
)
from services.effects.imports import ImportCheck, check_import, import_measurements
from services.effects.links import link_candidates, link_effect, unlink_effect
from services.effects.queries import EffectView, IndicatorView
from services.effects.reviews import record_review
from services.permissions import Actor, can_follow_up_effects
from services.uploads import MAX_UPLOAD_BYTES
from ui.db import reading, top_down
from ui.effects.data import after_change
from ui.effects.words import status_label
from ui.i18n import label, t
from ui.number_field import number_field
from ui.opened import opened_version
from ui.shell import linked_page
from ui.text import md
from ui.transaction import run_action
from ui.widget_keys import keyed

NONE = ""


def effect_form(
    G: nx.MultiDiGraph,
    organisations: dict[str, str],
    actor: Actor,
    *,
    view: EffectView | None = None,
) -> None:
    """A new effect, or a change to `view`'s."""
    scope = f"effect-form-{view.summary.id if view else 'new'}"
    k = keyed(scope)
    forums = top_down(G, G)
    with st.form(scope, enter_to_submit=False):
        statement = st.text_area(
            t("effect.statement_label"),
            key=k("statement"),
            value=view.summary.statement if view else "",
            height=80,
        )
        description = st.text_area(
            t("effect.description_label"),
            key=k("description"),
            value=view.description if view else "",
        )
        cols = st.columns(3)
        where = cols[0].selectbox(
            t("effect.forum_label"),
            forums,
            key=k("forum"),
            index=forums.index(view.summary.forum) if view and view.summary.forum in forums else 0,
            format_func=lambda key: forum(G, key).name,
        )
        orgs = [NONE, *organisations]
        owner = cols[1].selectbox(
            t("effect.organisation_label"),
            orgs,
            key=k("organisation"),
            index=orgs.index(view.organisation) if view and view.organisation in orgs else 0,
            format_func=lambda key: organisations.get(key, t("effect.no_organisation")),
        )
        cadences = [c for c in Cadence if c is not Cadence.WEEKLY]
        cadence = cols[2].selectbox(
            t("effect.cadence_label"),
            cadences,
            key=k("cadence"),
            index=cadences.index(view.review_cadence) if view else cadences.index(Cadence.YEARLY),
            format_func=lambda c: label("cadence", c),
        )
        source = st.text_input(
            t("effect.source_label"), key=k("source"), value=view.source if view else ""
        )
        pressed = st.form_submit_button(
            t("effect.save_edit") if view else t("effects.create"), type="primary"
        )
    if not pressed:
        return
    data = EffectInput(
        statement,
        where,
        owner or None,
        cadence,
        description,
        source,
        view.summary.next_review_on if view else None,
    )
    if view:
        saved = run_action(
            lambda s: edit_effect(
                s, effect_id=view.summary.id, data=data, by=actor, expected_version=_opened(view)
            ),
            what="effect",
        )
    else:
        saved = run_action(lambda s: create_effect(s, data=data, by=actor), what="effect")
    if saved:
        if not view:
            st.session_state.new_effect = saved.value.id
        after_change(scope, "effects.created" if not view else "effect.saved")


def archive_form(view: EffectView, actor: Actor) -> None:
    """No longer followed up: off the dashboard, with its history kept."""
    scope = f"archive-{view.summary.id}"
    with st.form(scope, enter_to_submit=False):
        reason = st.text_input(t("effect.archive_reason"), key=f"{scope}-reason")
        if st.form_submit_button(t("effect.archive"), icon=":material/archive:") and run_action(
            lambda s: archive_effect(
                s,
                effect_id=view.summary.id,
                reason=reason,
                by=actor,
                expected_version=_opened(view),
            ),
            what="effect",
        ):
            after_change(scope, "effect.archived_saved")


def indicator_form(
    effect_id: int,
    organisations: dict[str, str],
    actor: Actor,
    *,
    indicator: IndicatorView | None = None,
) -> None:
    """A new indicator, or a change to `indicator` (its target, say)."""
    ind = indicator
    scope = f"indicator-{ind.id if ind else 'new'}-{effect_id}"
    k = keyed(scope)
    with st.form(scope, enter_to_submit=False):
        name = st.text_input(t("effect.name_label"), key=k("name"), value=ind.name if ind else "")
        definition = st.text_area(
            t("effect.definition_label"),
            key=k("definition"),
            height=80,
            value=ind.definition if ind else "",
        )
        cols = st.columns(3)
        unit = cols[0].text_input(
            t("effect.unit_label"), key=k("unit"), value=ind.unit if ind else ""
        )
        directions, cadences = list(Direction), list(Cadence)
        direction = cols[1].selectbox(
            t("effect.direction_label"),
            directions,
            key=k("direction"),
            index=directions.index(ind.direction) if ind else 0,
            format_func=lambda d: label("direction", d),
        )
        frequency = cols[2].selectbox(
            t("effect.frequency_label"),
            cadences,
            key=k("frequency"),
            index=cadences.index(ind.frequency if ind else Cadence.YEARLY),
            format_func=lambda c: label("cadence", c),
        )
        cols = st.columns(4)
        baseline = number_field(
            t("effect.baseline_value"),
            key=k("baseline"),
            echo=False,
            value=ind.baseline.value if ind and ind.baseline else None,
            container=cols[0],
        )
        baseline_on = cols[1].date_input(
            t("effect.baseline_date"),
            key=k("baseline_on"),
            value=ind.baseline.on if ind and ind.baseline else None,
            format="YYYY-MM-DD",
        )
        target = number_field(
            t("effect.target_value"),
            key=k("target"),
            echo=False,
            value=ind.target.value if ind and ind.target else None,
            container=cols[2],
        )
        target_on = cols[3].date_input(
            t("effect.target_date"),
            key=k("target_on"),
            value=ind.target.on if ind and ind.target else None,
            format="YYYY-MM-DD",
        )
        cols = st.columns(2)
        source = cols[0].text_input(
            t("effect.indicator_source_label"), key=k("source"), value=ind.source if ind else ""
        )
        orgs = [NONE, *organisations]
        owner = cols[1].selectbox(
            t("effect.responsible_label"),
            orgs,
            key=k("organisation"),
            index=orgs.index(ind.organisation) if ind and ind.organisation in orgs else 0,
            format_func=lambda key: organisations.get(key, t("effect.no_organisation")),
        )
        pressed = st.form_submit_button(t("effect.indicator_save"), type="primary")
    if not pressed:
        return
    unreadable = [
        read.problem for read in (baseline, target) if read.problem and read.value is None
    ]
    if unreadable:  # out of range is the service's to say, with the field named
        st.error("\n".join(f"- {p}" for p in unreadable), icon=":material/error:")
        return
    data = IndicatorInput(
        name,
        direction,
        definition,
        unit,
        baseline.value,
        baseline_on,
        target.value,
        target_on,
        source,
        owner or None,
        frequency,
    )
    if ind:
        saved = run_action(
            lambda s: edit_indicator(
                s, indicator_id=ind.id, data=data, by=actor, expected_version=_opened(ind)
            ),
            what="indicator",
        )
    else:
        saved = run_action(
            lambda s: add_indicator(s, effect_id=effect_id, data=data, by=actor), what="indicator"
        )
    if saved:
        after_change(scope, "effect.saved")


def links_section(view: EffectView, actor: Actor) -> None:
    st.subheader(t("effect.links"))
    if not view.links:
        st.caption(t("effect.no_links"))
    may = can_follow_up_effects(actor)
    for link in view.links:
        cols = st.columns([6, 1])
        what = label("link_kind", link.kind)
        if link.reference:
            cols[0].page_link(
                linked_page("pages/issue.py"),
                label=f"{what}: {md(link.label)}",
                query_params={"ref": link.reference},
            )
        elif link.meeting_id:
            cols[0].page_link(
                linked_page("pages/meeting.py"),
                label=f"{what}: {md(link.label)}",
                query_params={"id": str(link.meeting_id)},
            )
        else:
            cols[0].markdown(f"{what}: {md(link.label)}")
        if (
            may
            and cols[1].button(t("effect.unlink"), key=f"unlink-{link.id}")
            and run_action(
                lambda s, link_id=link.id: unlink_effect(s, link_id=link_id, by=actor), what="link"
            )
        ):
            after_change("unlink", "effect.saved")
    if not may:
        return
    scope = f"link-{view.summary.id}"
    k = keyed(scope)
    with st.expander(t("effect.link_new"), icon=":material/link:"):
        kind = st.segmented_control(
            t("effect.link_kind"),
            list(EffectLinkKind),
            default=EffectLinkKind.ISSUE,
            key=k("kind"),
            format_func=lambda v: label("link_kind", v),
        )
        kind = kind or EffectLinkKind.ISSUE
        with reading() as s:
            candidates = dict(link_candidates(s, kind))
        with st.form(scope):
            if kind is EffectLinkKind.ISSUE:
                target = st.text_input(t("effect.link_issue"), key=k("issue"))
            else:
                target = st.selectbox(
                    t(f"effect.link_{kind.value}"),
                    list(candidates),
                    key=k(kind.value),
                    index=None,
                    format_func=lambda c: candidates[c],
                    placeholder=t("effect.link_none")
                    if not candidates
                    else t("effect.link_choose"),
                )
            if st.form_submit_button(t("effect.link_save")) and run_action(
                lambda s: link_effect(
                    s, effect_id=view.summary.id, kind=kind, target=target or "", by=actor
                ),
                what="link",
            ):
                after_change(scope, "effect.linked")


def review_form(view: EffectView, actor: Actor, today: date) -> None:
    scope = f"review-{view.summary.id}"
    k = keyed(scope)
    with st.form(scope, enter_to_submit=False):
        statuses = [s for s in EffectStatus]
        assessment = st.radio(
            t("effect.review_assessment"),
            statuses,
            key=k("assessment"),
            index=statuses.index(view.summary.status),
            horizontal=True,
            format_func=status_label,
        )
        comment = st.text_area(t("effect.review_comment"), key=k("comment"))
        pressed = st.form_submit_button(t("effect.review_save"), type="primary")
    if pressed and run_action(
        lambda s: record_review(
            s,
            effect_id=view.summary.id,
            assessment=assessment,
            comment=comment,
            by=actor,
            today=today,
            expected_version=_opened(view),
        ),
        what="review",
    ):
        after_change(scope, "effect.review_saved")


def import_section(effect_id: int, actor: Actor, today: date) -> None:
    """Upload, check every row, show each refused one; import all, or only the good rows."""
    scope = f"import-{effect_id}"
    k = keyed(scope)
    st.caption(t("effect.import_help"))
    upload = st.file_uploader(
        t("effect.import_file"),
        type=["csv", "xlsx"],
        key=k("file"),
        help=t("upload.limit", limit=MAX_UPLOAD_BYTES // (1024 * 1024)),
    )
    if upload is None:
        return
    checked = run_action(
        lambda s: check_import(
            s,
            data=upload.getvalue(),
            filename=upload.name,
            effect_id=effect_id,
            by=actor,
            today=today,
        ),
        what="import",
    )
    if checked is None:
        return
    check: ImportCheck = checked.value
    if not check.good and not check.refused:
        st.warning(t("effect.import_empty"))
        return
    if check.good:
        st.success(t("effect.import_ok", count=len(check.good)))
    if check.refused:
        lines = "\n".join(
            "- "
            + t(
                "effect.import_row",
                line=r.line,
                reason=t(
                    f"import_row.{r.code}",
                    **{
                        key: t(f"field.{value}") if key == "field" else md(value)
                        for key, value in r.params.items()
                    },
                ),
            )
            for r in check.refused
        )
        st.error(
            f"{t('effect.import_bad', count=len(check.refused))}\n\n{lines}", icon=":material/rule:"
        )
    if not check.good:
        return
    good_only = bool(check.refused)
    text = (
        t("effect.import_good_only", count=len(check.good)) if good_only else t("effect.import_all")
    )
    if st.button(text, key=k("go"), type="primary") and run_action(
        lambda s: import_measurements(
            s, check=check, by=actor, today=today, good_rows_only=good_only
        ),
        what="import",
    ):
        after_change(scope, "effect.imported", count=len(check.good))


def _opened(thing: EffectView | IndicatorView) -> int:
    """The version this user opened (pages/effect.py notes it), which every save is checked
    against: a save after someone else's is refused, not an overwrite of theirs."""
    if isinstance(thing, IndicatorView):
        return opened_version("indicator", thing.id, thing.version)
    return opened_version("effect", thing.summary.id, thing.summary.version)
