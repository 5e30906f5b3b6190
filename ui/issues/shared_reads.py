"""Reads over every issue, shared by the sessions and reruns that ask the same until an issue
changes anywhere: at 100,000 issues the start page counted them three times on every rerun, an
issue's page read every recent issue of its themes for the same-theme-in-K-regions rule, and
each list (the issue list, the inbox's, a forum's queue) counted and read its page again.

The issues' version is read from the database once a run (two index look-ups; again after
the run commits), so a change made through another app server is seen on the next run."""

from datetime import datetime

import streamlit as st

from escalation import ThemeSignal
from models.db import database_url
from services.issues.queries import (
    PAGE_SIZE,
    IssueDetail,
    IssueFilter,
    IssuePage,
    count_issues,
    issue_counts,
    issue_detail_for_anyone,
    issue_state,
    list_issues,
    theme_signals,
)
from services.issues.similar import similar_regions
from services.permissions import Actor, can_read_issue, require, visible_forums
from ui.db import issue_data_version, reading, structure_revision


def shared_issue_counts(by: Actor) -> dict[str, int]:
    """The start page's numbers for `by`: recounted when an issue changes anywhere (read from
    the database each run, so a change made through another server counts at once), when the
    reader sees other forums, and at least every minute (overdue is a matter of time)."""
    version = issue_data_version()
    forums = visible_forums(by)
    return _counts(database_url(), version, None if forums is None else frozenset(forums), by)


@st.cache_data(ttl=60, max_entries=1000, show_spinner=False)
def _counts(
    url: str,  # noqa: ARG001 (cache keys: the database and its issues' version)
    version: tuple[object, object],  # noqa: ARG001
    forums: frozenset[str] | None,  # noqa: ARG001 (what the reader sees decides the counts)
    _by: Actor,
) -> dict[str, int]:
    with reading() as s:
        return issue_counts(s, by=_by)


def shared_theme_signals(themes: list[str], since: datetime) -> list[ThemeSignal]:
    """Where issues with these themes were raised since `since` (a day's start), shared."""
    version = issue_data_version()
    return _signals(database_url(), version, tuple(sorted(themes)), since)


@st.cache_data(ttl=3600, max_entries=1000, show_spinner=False)
def _signals(
    url: str,  # noqa: ARG001 (cache keys: the database and its issues' version)
    version: tuple[object, object],  # noqa: ARG001
    themes: tuple[str, ...],
    since: datetime,
) -> list[ThemeSignal]:
    with reading() as s:
        return theme_signals(s, list(themes), since=since)


def similar_regions_of(detail: IssueDetail, since: datetime) -> frozenset[str]:
    """The regions that raised issues like this one since `since`, shared between readers
    until an issue changes (it is counted over every issue, whoever reads)."""
    version = issue_data_version()
    return _similar_regions(
        database_url(), version, detail.reference, detail.title, detail.description, since
    )


@st.cache_data(ttl=3600, max_entries=1000, show_spinner=False)
def _similar_regions(
    url: str,  # noqa: ARG001 (cache keys: the database and its issues' version)
    version: tuple[object, object],  # noqa: ARG001
    reference: str,
    title: str,
    description: str,
    since: datetime,
) -> frozenset[str]:
    with reading() as s:
        return similar_regions(
            s, title=title, description=description, exclude=reference, since=since
        )


def shared_issue_detail(reference: str, *, by: Actor | None) -> IssueDetail | None:
    """`issue_detail`, shared by the issue's readers until it changes (`issue_state`, read
    each run in one look-up) or the structure does (the forums' names in it); who may read it
    is asked of each reader (PermissionDeniedError). Read whole it took nine statements."""
    with reading() as s:
        state = issue_state(s, reference)
    if state is None:
        return None
    detail = _detail(database_url(), reference, state, structure_revision())
    if detail is not None:  # None: gone between the two reads, as if never there
        require(can_read_issue(by, detail.path_forums))
    return detail


@st.cache_data(ttl=3600, max_entries=2000, show_spinner=False)
def _detail(
    url: str,  # noqa: ARG001 (cache keys: the database, the issue's state, the structure)
    reference: str,
    state: tuple[object, ...],  # noqa: ARG001
    revision: int,  # noqa: ARG001
) -> IssueDetail | None:
    with reading() as s:
        return issue_detail_for_anyone(s, reference)


def shared_issue_page(
    flt: IssueFilter,
    *,
    by: Actor | None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    sort: str = "updated",
) -> IssuePage:
    """`list_issues`, shared by every reader who sees the same forums until an issue or the
    structure (a forum's name in the rows) changes anywhere, and at least every minute (the
    overdue filter is a matter of time)."""
    return _page(*_versions(by), repr(flt), page, page_size, sort, _flt=flt, _by=by)


def shared_issue_count(flt: IssueFilter, *, by: Actor | None) -> int:
    """`count_issues`, shared as `shared_issue_page` is."""
    return _count(*_versions(by), repr(flt), _flt=flt, _by=by)


def _versions(by: Actor | None) -> tuple[str, tuple[object, ...], frozenset[str] | None]:
    """What a shared list depends on besides its filter: the database, the issues' and the
    structure's versions (read each run: another server's change is seen at once), and the
    forums the reader reads."""
    version = (*issue_data_version(), structure_revision())
    forums = visible_forums(by)
    return database_url(), version, None if forums is None else frozenset(forums)


@st.cache_data(ttl=60, max_entries=2000, show_spinner=False)
def _page(
    url: str,  # noqa: ARG001 (cache keys: the database, its versions, the reader's forums)
    version: tuple[object, ...],  # noqa: ARG001
    forums: frozenset[str] | None,  # noqa: ARG001
    flt_key: str,  # noqa: ARG001 (the filter, as its repr: every field)
    page: int,
    page_size: int,
    sort: str,
    *,
    _flt: IssueFilter,
    _by: Actor | None,
) -> IssuePage:
    with reading() as s:
        return list_issues(s, _flt, by=_by, page=page, page_size=page_size, sort=sort)


@st.cache_data(ttl=60, max_entries=2000, show_spinner=False)
def _count(
    url: str,  # noqa: ARG001 (cache keys as _page's)
    version: tuple[object, ...],  # noqa: ARG001
    forums: frozenset[str] | None,  # noqa: ARG001
    flt_key: str,  # noqa: ARG001
    *,
    _flt: IssueFilter,
    _by: Actor | None,
) -> int:
    with reading() as s:
        return count_issues(s, _flt, by=_by)
