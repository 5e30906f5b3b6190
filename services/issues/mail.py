"""E-mail to followers, sent after the change is committed and never in its way.

Notifications with an address are an outbox: `send_pending_mail` mails what is pending and marks
it sent; when the server fails, they stay pending for the next try and the user's save stands.
"""

import logging
import os
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage

from sqlmodel import Session, select

from models import Issue, IssueEvent, Notification

log = logging.getLogger(__name__)
# The mail goes out in Swedish, the users' language; event codes as the history shows them.
EVENT_WORDS = {
    "raised": "Väckt",
    "edited": "Ändrad",
    "status": "Status ändrad",
    "escalated": "Lyft",
    "delegated": "Delegerad",
    "resolved": "Löst",
    "closed": "Avslutad",
    "reopened": "Återöppnad",
    "commented": "Kommentar",
    "linked": "Kopplad",
    "merged": "Sammanslagen",
    "agenda": "Dagordning",
    "sent_back": "Återsänd från beredningen",
    "acknowledged": "Kvitterad",
}


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int = 25
    sender: str = "samverkansnavet@localhost"
    user: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 10.0


def settings_from_env() -> MailSettings | None:
    """SMTP_HOST turns mail on; SMTP_PORT, SMTP_FROM, SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS."""
    host = os.environ.get("SMTP_HOST", "").strip()
    if not host:
        return None
    return MailSettings(
        host=host,
        port=int(os.environ.get("SMTP_PORT", "25")),
        sender=os.environ.get("SMTP_FROM", "samverkansnavet@localhost"),
        user=os.environ.get("SMTP_USER", ""),
        password=os.environ.get("SMTP_PASSWORD", ""),
        starttls=os.environ.get("SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
    )


def send_pending_mail(session: Session, settings: MailSettings | None, *, limit: int = 100) -> int:
    """Mail up to `limit` pending notifications; returns how many went. Commits its marks."""
    if settings is None:
        return 0
    pending = session.exec(
        select(
            Notification,
            Issue.reference,
            Issue.title,
            IssueEvent.kind,
            IssueEvent.actor,
            IssueEvent.reason,
        )
        .join(Issue, Issue.id == Notification.issue_id)
        .join(IssueEvent, IssueEvent.id == Notification.event_id)
        .where(Notification.email != "", Notification.emailed_at.is_(None))
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    if not pending:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password)
            for note, reference, title, kind, actor, reason in pending:
                smtp.send_message(
                    _message(settings, note.email, reference, title, kind, actor, reason)
                )
                note.emailed_at = datetime.now(UTC)
                session.add(note)
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail not sent (%s); %d notification(s) stay pending", exc, len(pending) - sent)
    session.commit()
    return sent


def _message(
    settings: MailSettings, to: str, reference: str, title: str, kind: str, actor: str, reason: str
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"] = settings.sender, to
    msg["Subject"] = " ".join(f"[{reference}] {title}".split())  # a header is one line
    body = f"{reference}: {title}\n\n{EVENT_WORDS.get(kind, kind)} – {actor}\n"
    msg.set_content(body + (f"\n{reason}\n" if reason else ""))
    return msg
