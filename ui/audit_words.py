"""The audit log in words a civil servant reads: what was created, changed or removed, by
whom, and each field from → to; bookkeeping columns (versions, timestamps, search text, hashes)
left out."""

from models.audit import AuditEntry
from services.meetings.calendar import local
from ui.i18n import catalogue, current_language, t

NOISE = {"id", "version", "updated_at", "updated_by", "created_at", "search_text",
         "password_hash", "last_signin_at", "last_seen_at", "recorded_at"}
"""Columns that change with every write or must not be shown (the password hash)."""


def thing(table: str) -> str:
    """The table as the thing users know ("Samverkansfråga"), or its name if none is set."""
    return catalogue(current_language()).get(f"audit.thing_{table}", table)


def field(name: str) -> str:
    return catalogue(current_language()).get(f"field.{name}", name)


def changes_in_words(entry: AuditEntry) -> str:
    parts = []
    for name, values in sorted(entry.changes.items()):
        if name in NOISE or not isinstance(values, list) or len(values) != 2:
            continue
        old, new = values
        if entry.action == "insert":
            if new not in (None, "", [], {}):
                parts.append(f"{field(name)}: {_short(new)}")
        else:
            parts.append(f"{field(name)}: {_short(old)} → {_short(new)}")
    return "; ".join(parts)


def row_in_words(entry: AuditEntry) -> dict[str, str]:
    return {t("audit.col_at"): f"{local(entry.at):%Y-%m-%d %H:%M}",
            t("audit.col_actor"): entry.actor,
            t("audit.col_what"): f"{thing(entry.table_name)} {entry.row_id}",
            t("audit.col_action"): t(f"audit.action_{entry.action}"),
            t("audit.col_changes"): changes_in_words(entry)}


def _short(value: object) -> str:
    text = "–" if value in (None, "") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"
