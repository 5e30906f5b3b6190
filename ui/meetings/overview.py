"""The chair's view of their forums, planning a meeting or a year of them, and the year's
meetings across one's forums (årshjul)."""

from datetime import UTC, datetime, time, timedelta

import networkx as nx
import streamlit as st

from models import clock
from models.clock import STOCKHOLM, local
from services.meetings.meetings import (
    MeetingInput,
    plan_meeting,
    plan_year,
    schedule_view,
    update_schedule,
)
from services.meetings.queries import ForumOverview, MeetingRow, meetings_of
from services.permissions import Actor
from ui.db import reading
from ui.i18n import day, label, moment, t
from ui.shell import linked_page
from ui.text import md
from ui.transaction import run_action


def meeting_link(row: MeetingRow, *, with_forum: bool = True) -> None:
    when = moment(row.starts_at)
    text = f"{when} · {md(row.forum_name)}" if with_forum else when
    st.page_link(
        linked_page("pages/meeting.py"),
        label=f"{text} · {label('meeting_status', row.status)}",
        query_params={"id": str(row.id)},
        icon=":material/event:",
    )


def show_overview(overview: ForumOverview, G: nx.MultiDiGraph, by: Actor) -> None:
    with st.container(border=True):
        st.markdown(f"##### {md(overview.name)}")
        cols = st.columns(4)
        prepared = overview.in_preparation_at is not None
        cols[0].metric(
            t("meetings.in_preparation" if prepared else "meetings.queued"),
            overview.queued,
            help=t("meetings.queued_help"),
        )
        cols[1].metric(
            t("meetings.oldest"),
            "–" if overview.oldest_days is None else t("meetings.days", count=overview.oldest_days),
        )
        cols[2].metric(t("meetings.awaiting_decision"), overview.awaiting_decision)
        cols[3].metric(t("meetings.overdue_actions"), overview.overdue_actions)
        if overview.next_meeting:
            meeting_link(overview.next_meeting, with_forum=False)
            st.caption(t("meetings.cutoff", day=day(overview.cutoff)))
        else:
            st.caption(t("meetings.none_planned"))
        if prepared:
            st.caption(
                t(
                    "meetings.prepared_by",
                    group=md(G.nodes[overview.in_preparation_at]["forum"].name),
                )
            )
        if overview.oldest:
            with st.expander(t("meetings.waiting_longest"), icon=":material/hourglass:"):
                for reference, title in overview.oldest:
                    st.page_link(
                        linked_page("pages/issue.py"),
                        label=md(f"{reference} · {title}"),
                        query_params={"ref": reference},
                    )
        for held in overview.minutes_to_approve:
            st.warning(
                t("meetings.minutes_waiting", day=day(held.starts_at)),
                icon=":material/approval:",
            )
            meeting_link(held, with_forum=False)
        _plan_forms(overview.forum, overview.name, by)


PLAN_FORMS = {
    "one": "meetings.plan_one",
    "year": "meetings.plan_year",
    "settings": "meetings.settings",
}


def _plan_forms(forum: str, name: str, by: Actor) -> None:
    """One of the three forms at a time (a radio group, as on the page): the settings form
    reads the forum's schedule, and each form is a dozen elements sent on every rerun."""
    which = st.radio(
        t("meetings.plan_show", forum=md(name)),
        list(PLAN_FORMS),
        format_func=lambda v: t(PLAN_FORMS[v]),
        horizontal=True,
        key=f"plan-view-{forum}",
        label_visibility="collapsed",
    )
    if which == "settings":
        _schedule_form(forum, by)
    elif which == "year":
        _plan_year_form(forum, by)
    else:
        _plan_one_form(forum, by)


def _plan_one_form(forum: str, by: Actor) -> None:
    with st.form(f"plan-{forum}"):
        cols = st.columns(4)
        day = cols[0].date_input(
            t("meetings.day"),
            value=clock.today() + timedelta(days=30),
            format="YYYY-MM-DD",
            key=f"pl-day-{forum}",
        )
        starts = cols[1].time_input(
            t("meetings.starts"), value=time(9, 0), step=900, key=f"pl-start-{forum}"
        )
        ends = cols[2].time_input(
            t("meetings.ends"), value=time(11, 0), step=900, key=f"pl-end-{forum}"
        )
        place = cols[3].text_input(t("meeting.place"), key=f"pl-place-{forum}")
        link = st.text_input(t("meeting.video"), key=f"pl-link-{forum}")
        if st.form_submit_button(t("meetings.plan")):
            data = MeetingInput(
                datetime.combine(day, starts, STOCKHOLM),
                datetime.combine(day, ends, STOCKHOLM),
                place,
                link,
            )
            saved = run_action(lambda s: plan_meeting(s, forum=forum, data=data, by=by))
            if saved is not None:
                st.switch_page("pages/meeting.py", query_params={"id": str(saved.value.id)})


def _plan_year_form(forum: str, by: Actor) -> None:
    with st.form(f"plan-year-{forum}"):
        st.caption(t("meetings.plan_year_help"))
        which = st.number_input(
            t("meetings.year"), value=clock.today().year + 1, step=1, key=f"pl-year-{forum}"
        )
        if st.form_submit_button(t("meetings.plan_year")):
            saved = run_action(lambda s: plan_year(s, forum=forum, year=int(which), by=by))
            if saved is not None:
                st.session_state.planned_count = len(saved.value)
                st.rerun()


def show_year(by: Actor, forums: dict[str, str]) -> None:
    """The year's meetings, month by month, in the forums chosen of `forums`: at first the
    reader's own (the strategic level may choose any of the country's 500, but the whole
    country's year, 500 chips and hundreds of meetings, is no place to start)."""
    own = [k for k in forums if k in by.forums()]
    cols = st.columns([1, 3])
    year = cols[0].number_input(
        t("meetings.year"), value=clock.today().year, step=1, key="wheel-year"
    )
    chosen = cols[1].multiselect(
        t("meetings.forums"),
        list(forums),
        default=own,
        format_func=forums.__getitem__,
        key="wheel-forums",
        placeholder=t("app.choose_many"),
    )
    if not chosen:
        st.caption(t("meetings.none_chosen"))
        return
    since = datetime(int(year), 1, 1, tzinfo=STOCKHOLM).astimezone(UTC)
    until = datetime(int(year) + 1, 1, 1, tzinfo=STOCKHOLM).astimezone(UTC)
    with reading() as s:
        rows = meetings_of(s, by=by, forums=set(chosen), since=since, until=until)
    if not rows:
        st.caption(t("meetings.none_in_year"))
    month = None
    for row in rows:
        starts = local(row.starts_at)
        if starts.month != month:
            month = starts.month
            st.markdown(f"**{t(f'month.m{month}')}**")
        meeting_link(row)


def _schedule_form(forum: str, by: Actor) -> None:
    """The forum's cut-off, usual time and its standing items (one per line)."""
    with reading() as s:
        current = schedule_view(s, forum=forum, by=by)
    with st.form(f"schedule-{forum}"):
        cols = st.columns(4)
        cutoff = cols[0].number_input(
            t("meetings.cutoff_days"), value=current.cutoff_days, step=1, key=f"sc-cut-{forum}"
        )
        start = cols[1].time_input(
            t("meetings.starts"), value=current.start_time, step=900, key=f"sc-start-{forum}"
        )
        minutes = cols[2].number_input(
            t("meetings.length"),
            value=current.minutes,
            step=15,
            key=f"sc-len-{forum}",
            help=t("meetings.length_help"),
        )
        place = cols[3].text_input(t("meeting.place"), value=current.place, key=f"sc-place-{forum}")
        cols = st.columns(2)
        opening = cols[0].text_area(
            t("meetings.opening_items"),
            value="\n".join(current.opening_items),
            key=f"sc-open-{forum}",
            help=t("meetings.items_help"),
        )
        closing = cols[1].text_area(
            t("meetings.closing_items"),
            value="\n".join(current.closing_items),
            key=f"sc-close-{forum}",
            help=t("meetings.items_help"),
        )
        if st.form_submit_button(t("meetings.save_settings")) and run_action(
            lambda s: update_schedule(
                s,
                forum=forum,
                by=by,
                cutoff_days=int(cutoff),
                start_time=start,
                place=place,
                minutes=int(minutes) if minutes else None,
                opening_items=opening.splitlines(),
                closing_items=closing.splitlines(),
            )
        ):
            st.success(t("meeting.saved"), icon=":material/check:")
