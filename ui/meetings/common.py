"""Shared by the meeting pages: the version a user opened, one meeting action per click, and
the meeting's facts, downloads and history."""

from collections.abc import Callable
from datetime import datetime

import networkx as nx
import streamlit as st
from sqlmodel import Session

from exports.ics import to_ics
from exports.meeting_documents import to_docx, to_pdf
from models.clock import STOCKHOLM, local
from models.vocabulary import MeetingStatus
from services.meetings.document_content import calendar_entry, meeting_document
from services.meetings.meetings import MeetingInput, update_meeting
from services.meetings.queries import MeetingView
from services.permissions import Actor
from ui import opened
from ui.db import structure_names
from ui.i18n import clock_time, day, label, moment, t
from ui.text import md, show_text
from ui.transaction import run_action

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def opened_version(view: MeetingView) -> int:
    """The version this user opened: a save made by someone else meanwhile must be refused,
    not silently overwritten."""
    return opened.opened_version("meeting", view.id, view.version, reload_label="meeting.reload")


def act(view: MeetingView, action: Callable[[Session], object], what: str = "meeting") -> bool:
    """One meeting action; on success the page shows the saved meeting afresh."""
    if run_action(action, what=what) is None:
        return False
    opened.forget_opened("meeting", view.id)
    st.session_state.meeting_done = True
    st.rerun()
    return True


def show_header(view: MeetingView) -> None:
    demo = f" · {t('structure.demo_tag')}" if view.is_demo else ""
    st.subheader(f"{md(view.forum_name)} · {day(view.starts_at)}{demo}")
    facts = [
        f"**{t('meeting.time')}:** {clock_time(view.starts_at)}–{clock_time(view.ends_at)}",
        f"**{t('meeting.status')}:** {label('meeting_status', view.status)}",
        f"**{t('meeting.cutoff')}:** {day(view.cutoff)}",
    ]
    if view.place:
        facts.append(f"**{t('meeting.place')}:** {md(view.place)}")
    if view.video_link:
        facts.append(f"**{t('meeting.video')}:** {md(view.video_link)}")
    facts.append(f"**{t('meeting.adjuster')}:** {md(view.adjuster or t('meeting.chair_adjusts'))}")
    if view.registration_number:
        facts.append(f"**{t('meeting.registration_number')}:** {md(view.registration_number)}")
    st.markdown("  \n".join(facts))
    if view.budget and view.items:
        b = view.budget
        if b.fits:
            st.caption(t("meeting.budget_fits", planned=b.planned, available=b.available))
        else:
            st.warning(
                t(
                    "meeting.budget_over",
                    planned=b.planned,
                    available=b.available,
                    overrun=b.overrun,
                ),
                icon=":material/timer:",
            )
    if view.status == MeetingStatus.HELD:
        st.warning(t("meeting.minutes_waiting"), icon=":material/approval:")
    if st.session_state.pop("meeting_done", False):
        st.success(t("meeting.saved"), icon=":material/check:")


def show_downloads(view: MeetingView, G: nx.MultiDiGraph) -> None:
    names = structure_names().organisations
    doc = meeting_document(view, G, organisation_names=names)
    stem = f"{view.forum}-{local(view.starts_at):%Y-%m-%d}"
    files = [
        ("notice_docx", lambda: to_docx(doc, "notice"), f"kallelse-{stem}.docx", DOCX),
        ("notice_pdf", lambda: to_pdf(doc, "notice"), f"kallelse-{stem}.pdf", PDF),
    ]
    if view.status in (MeetingStatus.HELD, MeetingStatus.APPROVED):
        files += [
            ("minutes_docx", lambda: to_docx(doc, "minutes"), f"protokoll-{stem}.docx", DOCX),
            ("minutes_pdf", lambda: to_pdf(doc, "minutes"), f"protokoll-{stem}.pdf", PDF),
        ]
    files.append(("ics", lambda: to_ics(calendar_entry(view)), f"{stem}.ics", "text/calendar"))
    # each file is made when its button is clicked, not on every run
    for col, (name, make, file_name, mime) in zip(st.columns(len(files)), files, strict=True):
        col.download_button(
            t(f"meeting.{name}"),
            make,
            file_name=file_name,
            mime=mime,
            key=f"dl-{name}",
            on_click="ignore",
        )


def show_history(view: MeetingView) -> None:
    with st.expander(t("meeting.history"), icon=":material/history:"):
        for e in reversed(view.events):
            st.markdown(f"**{moment(e.at)}** · {label('meeting_event', e.kind)} · {md(e.actor)}")
            show_text(e.reason, muted=True)


def show_details_form(view: MeetingView, version: int, by: Actor) -> None:
    """Day, time, place, video link and diarienummer, changed in one save."""
    if view.status not in (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED, MeetingStatus.HELD):
        return
    starts, ends = local(view.starts_at), local(view.ends_at)
    with (
        st.expander(t("meeting.details"), icon=":material/edit_calendar:"),
        st.form(f"details-{view.id}"),
    ):
        cols = st.columns(3)
        day = cols[0].date_input(
            t("meetings.day"), value=starts.date(), format="YYYY-MM-DD", key=f"md-day-{view.id}"
        )
        begins = cols[1].time_input(
            t("meetings.starts"), value=starts.time(), step=900, key=f"md-start-{view.id}"
        )
        finishes = cols[2].time_input(
            t("meetings.ends"), value=ends.time(), step=900, key=f"md-end-{view.id}"
        )
        place = st.text_input(
            t("meeting.place"), value=view.place, max_chars=200, key=f"md-place-{view.id}"
        )
        video = st.text_input(
            t("meeting.video"), value=view.video_link, max_chars=500, key=f"md-video-{view.id}"
        )
        number = st.text_input(
            t("meeting.registration_number"),
            max_chars=60,
            value=view.registration_number,
            key=f"md-dnr-{view.id}",
            help=t("meeting.registration_number_help"),
        )
        if st.form_submit_button(t("meeting.save_details"), icon=":material/save:"):
            data = MeetingInput(
                datetime.combine(day, begins, STOCKHOLM),
                datetime.combine(day, finishes, STOCKHOLM),
                place,
                video,
                number,
            )
            act(
                view,
                lambda s: update_meeting(
                    s, meeting_id=view.id, data=data, by=by, expected_version=version
                ),
            )
