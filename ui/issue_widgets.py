"""One issue action per transaction, with every refusal explained."""

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from services.issues import InvalidIssueInputError, IssueRefusedError, StaleIssueError
from services.lifecycle import TransitionError
from services.mail import send_pending_mail, settings_from_env
from services.permissions import PermissionDeniedError
from services.personal_data import PersonalDataError
from ui.db import session
from ui.i18n import label, t
from ui.problems import readable


def run_issue_action(action: Callable[[Session], object]) -> object | None:
    """One user action in one transaction; a refusal is explained and nothing is saved.

    The widgets keep what the user typed, so nothing is lost when a save is refused.
    """
    try:
        with session() as s:
            result = action(s)
            s.commit()
        _mail_after_commit()
        return result
    except PersonalDataError as found:
        hits = "\n".join(
            "- " + t("personal_data.hit", field=t(f"field.{_field(h.field)}"), start=h.start + 1,
                     end=h.end, text=h.text)
            + (f" ({t('personal_data.coordination')})" if h.coordination else "")
            for h in found.hits)
        st.error(f"{t('personal_data.found')}\n\n{hits}", icon=":material/privacy_tip:")
    except InvalidIssueInputError as invalid:
        st.error("\n".join(f"- {t(f'input.{code}', field=t(f'field.{name}'))}"
                           for name, code in invalid.problems), icon=":material/error:")
    except IssueRefusedError as refused:
        st.error(t(f"refusal.{refused.code}", **readable(refused.params)),
                 icon=":material/block:")
    except TransitionError as wrong:
        st.error(t("refusal.transition", current=label("issue_status", wrong.current),
                   wanted=label("issue_status", wrong.wanted)), icon=":material/block:")
    except PermissionDeniedError as denied:
        st.error(t(f"permission.{denied.reason}"), icon=":material/lock:")
    except StaleIssueError as stale:
        st.error(t("issue.stale", who=stale.changed_by,
                   when=f"{stale.changed_at:%Y-%m-%d %H:%M}"), icon=":material/sync_problem:")
    return None


def _field(name: str) -> str:
    """evidence_2 -> evidence: every evidence row reports as Underlag."""
    return name.split("_")[0] if name.startswith("evidence_") else name


def _mail_after_commit() -> None:
    """Mail followers; whatever happens here, the user's change is already saved."""
    try:
        with session() as s:
            send_pending_mail(s, settings_from_env())
    except Exception:  # noqa: BLE001 - mail must never turn a saved change into an error
        st.toast(t("follow.mail_failed"), icon=":material/mail:")


__all__ = ["run_issue_action"]
