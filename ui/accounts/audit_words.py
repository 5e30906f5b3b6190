"""The audit log in words a civil servant reads: what was created, changed or removed, by
whom, and each field from → to; bookkeeping columns (versions, timestamps, search text, hashes)
left out."""

from models.audit import AuditEntry
from ui.i18n import catalogue, current_language, moment, t

Names = dict[str, dict[int, str]]
"""Forum, organisation and user names by id: {"forum": {12: "Samverkansgruppen"}, …}."""

NOISE = {
    "id",
    "version",
    "updated_at",
    "updated_by",
    "created_at",
    "search_text",
    "password_hash",
    "last_signin_at",
    "last_seen_at",
    "recorded_at",
}
"""Columns that change with every write or must not be shown (the password hash)."""


def thing(table: str) -> str:
    """The table as the thing users know ("Samverkansfråga"), or its name if none is set."""
    return catalogue(current_language()).get(f"audit.thing_{table}", table)


def field(name: str) -> str:
    words = catalogue(current_language())
    return words.get(f"audit_field.{name}") or words.get(f"field.{name}", name)


VALUE_LABELS = {
    "role": "user_role",
    "assessment": "effect_status",
    "priority": "priority",
    "sharing": "sharing",
    "direction": "direction",
    "level": "level",
    "tier": "tier",
    "cadence": "cadence",
    "frequency": "cadence",
    "review_cadence": "cadence",
    "theme": "theme",
}
"""Columns whose stored values are words of the vocabulary, by the catalogue section naming
them; "status" and "kind" depend on the table (TABLE_VALUE_LABELS)."""
TABLE_VALUE_LABELS = {
    ("issue", "status"): "issue_status",
    ("issue", "kind"): "issue_kind",
    ("meeting", "status"): "meeting_status",
    ("agreed_action", "status"): "action_status",
    ("forum", "kind"): "kind",
    ("organisation", "kind"): "organisation_kind",
    ("item_decision", "kind"): "decision",
    ("meeting_event", "kind"): "meeting_event",
    ("issue_event", "kind"): "event",
    ("effect_event", "kind"): "effect_event",
    ("effect_link", "kind"): "link_kind",
    ("forum_membership", "role"): "role",
}
REFERENCES = {
    "forum_id": "forum",
    "origin_forum_id": "forum",
    "from_forum_id": "forum",
    "to_forum_id": "forum",
    "target_forum_id": "forum",
    "organisation_id": "organisation",
    "via_organisation_id": "organisation",
    "parent_id": "organisation",
    "user_id": "user",
    "adjuster_id": "user",
}
"""Columns holding another row's id, shown by that row's name (forum_link's source and target
are forums too)."""


def changes_in_words(entry: AuditEntry, names: Names | None = None) -> str:
    """Each field by its name and each value in words: a vocabulary word in the reader's
    language, yes or no, a forum, organisation or user by name."""
    parts = []
    for name, values in sorted(entry.changes.items()):
        if name in NOISE or not isinstance(values, list) or len(values) != 2:
            continue
        old, new = (_value(entry.table_name, name, v, names or {}) for v in values)
        if entry.action == "insert":
            if values[1] not in (None, "", [], {}):
                parts.append(f"{field(name)}: {new}")
        else:
            parts.append(f"{field(name)}: {old} → {new}")
    return "; ".join(parts)


def row_in_words(entry: AuditEntry, names: Names | None = None) -> dict[str, str]:
    return {
        t("audit.col_at"): moment(entry.at),
        t("audit.col_actor"): entry.actor,
        t("audit.col_what"): f"{thing(entry.table_name)} {entry.row_id}",
        t("audit.col_action"): t(f"audit.action_{entry.action}"),
        t("audit.col_changes"): changes_in_words(entry, names),
    }


def _value(table: str, column: str, value: object, names: Names) -> str:
    if isinstance(value, bool):
        return t("audit.yes") if value else t("audit.no")
    kind = REFERENCES.get(column) or (
        "forum" if table == "forum_link" and column in ("source_id", "target_id") else None
    )
    if kind and isinstance(value, int) and value in names.get(kind, {}):
        return _short(names[kind][value])
    section = TABLE_VALUE_LABELS.get((table, column)) or VALUE_LABELS.get(column)
    words = catalogue(current_language())
    if section and isinstance(value, str) and f"{section}.{value}" in words:
        return words[f"{section}.{value}"]
    return _short(value)


def _short(value: object) -> str:
    text = "–" if value in (None, "") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"
