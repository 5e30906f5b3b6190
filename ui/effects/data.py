"""Reads for the effect pages. The computed indicators and the collaboration figures are
aggregates over every issue and event: shared by all users and cached for five minutes, so a
click on the dashboard does not recount 100,000 issues."""

from datetime import date

import streamlit as st
from sqlmodel import Session

from models.db import database_url
from services.effects import collaboration
from services.effects.collaboration import Flow, LevelFigure
from services.effects.queries import (
    EffectView,
    computed_values,
    effect_views_for_anyone,
    effects_version,
)
from services.effects.status import Point
from services.permissions import Actor, can_read_effects, require
from ui.db import issue_data_version, reading, structure_revision
from ui.i18n import t
from ui.opened import forget_opened
from ui.widget_keys import forget

TTL_S = 300


@st.cache_data(ttl=TTL_S, show_spinner=False)
def _computed(name: str) -> list[Point]:
    with reading() as s:
        return computed_values(s, name)


def cached_series(_session: Session, name: str) -> list[Point]:
    return _computed(name)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def flows(since: date, until: date, by_forum: bool) -> list[Flow]:
    with reading() as s:
        return collaboration.issue_flows(s, since=since, until=until, by_forum=by_forum)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def escalations(since: date, until: date) -> list[tuple[date, str, int]]:
    with reading() as s:
        return collaboration.escalations_by_level(s, since=since, until=until)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def medians(since: date, until: date) -> list[LevelFigure]:
    with reading() as s:
        return collaboration.median_days_by_level(s, since=since, until=until)


def shared_effect_views(by: Actor | None, today: date) -> list[EffectView]:
    """`effect_views`, shared by every reader until an effect changes (each change writes its
    history: the newest event, read each run), an issue does (linked issues' titles, the
    computed indicators) or the structure does, and at most TTL_S old (the computed series'
    age); who may read them is asked of each reader."""
    require(can_read_effects(by))
    with reading() as s:
        version = effects_version(s)
    return _views(database_url(), version, issue_data_version(), structure_revision(), today)


@st.cache_data(ttl=TTL_S, max_entries=64, show_spinner=False)
def _views(
    url: str,  # noqa: ARG001 (cache keys: the database and the versions of what is shown)
    version: int,  # noqa: ARG001
    issues: tuple[object, object],  # noqa: ARG001
    revision: int,  # noqa: ARG001
    today: date,
) -> list[EffectView]:
    with reading() as s:
        return effect_views_for_anyone(s, today=today, series=cached_series)


def forget_figures() -> None:
    """After a change the reader should see at once (a value, an import)."""
    _computed.clear()
    _views.clear()


def after_change(scope: str, message: str, **params: object) -> None:
    """A saved form: clear it, recount, say what was saved on the next run."""
    forget(scope)
    forget_figures()
    forget_opened("effect")
    forget_opened("indicator")
    st.session_state.effect_flash = (message, params)
    st.rerun()


def show_flash() -> None:
    flash = st.session_state.pop("effect_flash", None)
    if flash:
        message, params = flash
        st.success(t(message, **params), icon=":material/check:")
