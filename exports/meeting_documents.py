"""The notice with agenda (kallelse med dagordning) and the minutes (protokoll) as Word and PDF,
laid out as a Swedish agency sends them: forum, date, time, place, who is called or present per
organisation, numbered paragraphs (§ 1, § 2 …) with background and decision, agreed actions
with owner and date, and lines for the signatures.

Pure: values in, bytes out (written by exports.word_pdf).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from exports import word_pdf
from exports.word_pdf import clean
from models import formats


@dataclass(frozen=True)
class DocAction:
    title: str
    owner: str
    responsible: str
    due_on: date | None


@dataclass(frozen=True)
class DocItem:
    number: int
    title: str
    background: str = ""
    presenter: str = ""
    organisation: str = ""
    minutes: int | None = None
    proposed_decision: str = ""
    decision: str = ""
    """The decision in words ("Frågan lyfts till …: skälet")."""
    actions: tuple[DocAction, ...] = ()


@dataclass(frozen=True)
class MeetingDoc:
    forum: str
    starts_at: datetime
    """Local time."""
    ends_at: datetime
    place: str = ""
    video_link: str = ""
    participants: tuple[tuple[str, str, bool], ...] = ()
    """(organisation, person, present)"""
    items: tuple[DocItem, ...] = ()
    notes: str = ""
    secretary: str = ""
    chair: str = ""
    adjuster: str = ""
    approved: str = ""
    """"Justerat 2026-12-10 av …", empty while not approved."""
    demo: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    """The words of the document in the reader's language (see LABELS_SV)."""
    registration_number: str = ""
    """Diarienummer."""


LABELS_SV = {
    "notice": "Kallelse med dagordning",
    "minutes": "Protokoll",
    "date": "Datum",
    "time": "Tid",
    "place": "Plats",
    "link": "Länk",
    "called": "Kallade",
    "present": "Närvarande",
    "absent": "Frånvarande",
    "agenda": "Dagordning",
    "background": "Bakgrund",
    "presenter": "Föredragande",
    "proposal": "Förslag till beslut",
    "decision": "Beslut",
    "no_decision": "Inget beslut; punkten bordläggs.",
    "actions": "Åtgärder",
    "owner": "ansvarig organisation",
    "responsible": "ansvarig",
    "due": "klart senast",
    "notes": "Anteckningar",
    "at_minutes": "Vid protokollet",
    "chair": "Ordförande",
    "adjuster": "Justerare",
    "minutes_unit": "min",
    "demo": "DEMO – påhittat innehåll",
    "signature": "Underskrift och namnförtydligande",
    "chair_adjuster": "Ordförande, tillika justerare",
    "registration": "Diarienummer",
    "nobody_present": "Inga närvarande har antecknats.",
}


def _lines(doc: MeetingDoc, kind: str) -> list[tuple[str, str]]:
    """The document as (style, text) lines, shared by Word and PDF: title, heading, fact,
    para, item, label, sign."""
    w = LABELS_SV | doc.labels
    out = []
    if doc.demo:
        out.append(("para", w["demo"]))
    out += [("title", w[kind]), ("heading", doc.forum)]
    if doc.registration_number:
        out.append(("fact", f"{w['registration']}: {doc.registration_number}"))
    out += [
        ("fact", f"{w['date']}: {formats.long_day(doc.starts_at, weekday=True)}"),
        (
            "fact",
            f"{w['time']}: {formats.clock_time(doc.starts_at)}–{formats.clock_time(doc.ends_at)}",
        ),
    ]
    if doc.place:
        out.append(("fact", f"{w['place']}: {doc.place}"))
    if doc.video_link:
        out.append(("fact", f"{w['link']}: {doc.video_link}"))
    out += _participants(doc, kind, w)
    if kind == "notice":
        out.append(("heading", w["agenda"]))
    for item in doc.items:
        out += _item(item, kind, w)
    if kind == "minutes":
        if doc.notes:
            out += [("label", w["notes"]), ("para", doc.notes)]
        out += _signatures(doc, w)
        if doc.approved:
            out.append(("para", doc.approved))
    return [(style, clean(text)) for style, text in out]


def _span(doc: MeetingDoc) -> str:
    return f"{formats.clock_time(doc.starts_at)}–{formats.clock_time(doc.ends_at)}"


def _signatures(doc: MeetingDoc, w: dict[str, str]) -> list[tuple[str, str]]:
    """A line per person who signs, with the name printed beneath it; a chair who approves
    the minutes alone signs once, as chair and justerare."""
    line = "______________________________"
    signers = [(w["at_minutes"], doc.secretary)]
    if doc.adjuster and doc.adjuster != doc.chair:
        signers += [(w["chair"], doc.chair), (w["adjuster"], doc.adjuster)]
    else:
        signers.append((w["chair_adjuster"], doc.chair))
    return [("sign", f"{role}\n\n{line}\n{name or w['signature']}") for role, name in signers]


def _participants(doc: MeetingDoc, kind: str, w: dict[str, str]) -> list[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    absent: list[str] = []
    for organisation, person, present in doc.participants:
        if kind == "minutes" and not present:
            absent.append(f"{person} ({organisation})" if organisation else person)
            continue
        groups.setdefault(organisation or "–", []).append(person)
    if not groups and not absent:
        return [("label", w["present"]), ("fact", w["nobody_present"])] if kind == "minutes" else []
    out = [("label", w["called"] if kind == "notice" else w["present"])]
    out += [("fact", f"{org}: {', '.join(people)}") for org, people in groups.items()]
    if absent:
        out += [("label", w["absent"]), ("fact", ", ".join(absent))]
    return out


def _item(item: DocItem, kind: str, w: dict[str, str]) -> list[tuple[str, str]]:
    who = ", ".join(x for x in (item.presenter, item.organisation) if x)
    head = f"§ {item.number} {item.title}"
    if kind == "notice" and item.minutes:
        head += f" ({item.minutes} {w['minutes_unit']})"
    out = [("item", head)]
    if who:
        out.append(("fact", f"{w['presenter']}: {who}"))
    if item.background:
        out += [("label", w["background"]), ("para", item.background)]
    if kind == "notice" and item.proposed_decision:
        out += [("label", w["proposal"]), ("para", item.proposed_decision)]
    if kind == "minutes":
        out += [("label", w["decision"]), ("para", item.decision or w["no_decision"])]
        if item.actions:
            out.append(("label", w["actions"]))
            out += [
                (
                    "fact",
                    f"• {a.title} – {w['owner']}: {a.owner or '–'}; "
                    f"{w['responsible']}: {a.responsible or '–'}; "
                    f"{w['due']}: {formats.day(a.due_on)}",
                )
                for a in item.actions
            ]
    return out


def to_docx(doc: MeetingDoc, kind: str) -> bytes:
    """`kind` is "notice" or "minutes"."""
    return word_pdf.to_docx(_lines(doc, kind), _title(doc, kind))


def to_pdf(doc: MeetingDoc, kind: str) -> bytes:
    return word_pdf.to_pdf(_lines(doc, kind), _title(doc, kind))


def _title(doc: MeetingDoc, kind: str) -> str:
    return f"{(LABELS_SV | doc.labels)[kind]} – {doc.forum}"
