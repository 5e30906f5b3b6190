"""One user action per transaction, with every refusal explained; nothing is saved when refused.

Each service's refusal types are shown by one entry in `REFUSALS`; the widgets keep what the user
typed, so nothing is lost when a save is refused.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from sqlmodel import Session

from escalation import InvalidStructureError
from models.db import ConcurrentChangeError, DatabaseUnavailableError
from models.refusals import InvalidInputError, RefusedError, StaleError
from models.stored_text import LineBreakError, TextTooLongError
from services.issues.lifecycle import TransitionError
from services.permissions import PermissionDeniedError
from services.personal_data import PersonalDataError
from services.structure.file_format import StructureFileError
from ui.accounts.audit_words import field as field_name
from ui.db import session
from ui.faults import show_unavailable
from ui.i18n import label, moment, t
from ui.opened import forget_opened
from ui.refusals import readable, show_problems
from ui.text import md


@dataclass(frozen=True)
class Saved:
    """What the action returned, once committed."""

    value: object


def run_action(
    action: Callable[[Session], object],
    *,
    what: str = "change",
    after_commit: Callable[[], None] | None = None,
) -> Saved | None:
    """Commit the action, or show why it was refused (naming `what` was not saved: a key of
    the catalogue's `saved_what` section) and return None."""
    try:
        with session() as s:
            value = action(s)
            s.commit()
    except tuple(REFUSALS) as refused:
        REFUSALS[_refusal_type(refused)](refused)
        st.caption(t("saved_what.not_saved", what=t(f"saved_what.{what}")))
        return None
    if after_commit is not None:
        after_commit()
    return Saved(value)


def _refusal_type(refused: Exception) -> type[Exception]:
    return next(kind for kind in type(refused).__mro__ if kind in REFUSALS)


def _personal_data(found: PersonalDataError) -> None:
    hits = "\n".join(
        "- "
        + t(
            "personal_data.hit",
            field=field_name(_field(h.field)),
            start=h.start + 1,
            end=h.end,
            text=md(h.text),
        )
        + (f" ({t('personal_data.coordination')})" if h.coordination else "")
        for h in found.hits
    )
    st.error(f"{t('personal_data.found')}\n\n{hits}", icon=":material/privacy_tip:")


def _field(name: str) -> str:
    """evidence_2 -> evidence: every numbered row (evidence, a structure file's forums) reports
    as its field."""
    return re.sub(r"_\d+$", "", name)


def _invalid_input(invalid: InvalidInputError) -> None:
    st.error(
        "\n".join(
            f"- {t(f'input.{code}', field=t(f'field.{name}'))}" for name, code in invalid.problems
        ),
        icon=":material/error:",
    )


def _refused(refused: RefusedError) -> None:
    """Each capability's refusals are its own section of the catalogue."""
    st.error(
        t(f"{refused.section}.{refused.code}", **readable(refused.params)),
        icon=":material/upload_file:" if refused.section == "upload" else ":material/block:",
    )


def _transition(wrong: TransitionError) -> None:
    st.error(
        t(
            "refusal.transition",
            current=label("issue_status", wrong.current),
            wanted=label("issue_status", wrong.wanted),
        ),
        icon=":material/block:",
    )


def _denied(denied: PermissionDeniedError) -> None:
    st.error(t(f"permission.{denied.reason}"), icon=":material/lock:")


def _stale(stale: StaleError) -> None:
    if stale.thing == "forum":
        st.error(
            t("edit.stale", forum=md(stale.name), expected=stale.expected, current=stale.current),
            icon=":material/sync_problem:",
        )
        if st.button(t("edit.reload"), key=f"reload-{stale.name}"):
            forget_opened("forum", stale.name)
            st.rerun()
        return
    when = moment(stale.changed_at) if stale.changed_at else "–"
    st.error(
        t(f"{stale.thing}.stale", who=md(stale.changed_by or "–"), when=when),
        icon=":material/sync_problem:",
    )


def _concurrent(_race: ConcurrentChangeError) -> None:
    st.error(t("refusal.concurrent"), icon=":material/sync_problem:")


def _too_long(refused: TextTooLongError) -> None:
    st.error(
        t(
            "input.too_long_stored",
            field=field_name(refused.field),
            limit=refused.limit,
        ),
        icon=":material/error:",
    )


def _line_break(refused: LineBreakError) -> None:
    st.error(t("input.one_line", field=field_name(refused.field)), icon=":material/error:")


def _unavailable(_away: DatabaseUnavailableError) -> None:
    show_unavailable()


def _structure_refused(refused: InvalidStructureError | StructureFileError) -> None:
    show_problems(refused.problems)


REFUSALS: dict[type[Exception], Callable] = {
    PersonalDataError: _personal_data,
    InvalidInputError: _invalid_input,
    RefusedError: _refused,
    StaleError: _stale,
    TransitionError: _transition,
    PermissionDeniedError: _denied,
    ConcurrentChangeError: _concurrent,
    DatabaseUnavailableError: _unavailable,
    TextTooLongError: _too_long,
    LineBreakError: _line_break,
    InvalidStructureError: _structure_refused,
    StructureFileError: _structure_refused,
}
"""Each shape of refusal, and how the page says it."""
