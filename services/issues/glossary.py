"""The field's acronyms, written out, so "FK" and "Försäkringskassan" are the same words to the
similarity search (and to a reader of the suggestions' reasons).

Officers write FK, AF, SGI, FHV or KBT as often as the words themselves; a model trained on
general text does not know them, and neither does matching on characters.
"""

import re
import threading
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, delete, select

from models import GlossaryTerm
from models.clock import now
from models.refusals import StaleError
from services.issues.errors import IssueRefusedError
from services.permissions import Actor, can_edit_structure, require

ACRONYMS: Mapping[str, str] = {
    "FK": "Försäkringskassan",
    "AF": "Arbetsförmedlingen",
    "SGI": "sjukpenninggrundande inkomst",
    "FHV": "företagshälsovård",
    "KBT": "kognitiv beteendeterapi",
    "SKR": "Sveriges Kommuner och Regioner",
    "SoS": "Socialstyrelsen",
    "VC": "vårdcentral",
    "PV": "primärvård",
    "RK": "rehabiliteringskoordinator",
    "FMB": "försäkringsmedicinskt beslutsstöd",
    "FINSAM": "finansiell samordning",
    "SF": "samordningsförbund",
    "AE": "aktivitetsersättning",
    "SA": "sjukersättning",
    "SP": "sjukpenning",
    "LSS": "lagen om stöd och service",
    "ST": "specialiseringstjänstgöring",
    "AT": "allmäntjänstgöring",
    "BVC": "barnavårdscentral",
    "VAB": "vård av barn",
}
"""Written in capitals as the field writes them; "SoS" keeps its own case."""

_WORD = re.compile(r"\b[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,6}\b")


def expand(text: str, glossary: Mapping[str, str] = ACRONYMS) -> str:
    """The text with each known acronym followed by what it stands for.

    Examples
    --------
    >>> expand("FK och AF vid dag 180")
    'FK (Försäkringskassan) och AF (Arbetsförmedlingen) vid dag 180'
    >>> expand("Fika på fredag")  # a capitalised word that is no acronym stays as it is
    'Fika på fredag'
    """

    def written_out(match: re.Match[str]) -> str:
        word = match.group(0)
        meaning = glossary.get(word)
        return f"{word} ({meaning})" if meaning else word

    return _WORD.sub(written_out, text)


ACRONYM = re.compile(r"^[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,6}$")
"""What the search reads as an acronym: a capital, then one to six letters (FK, SoS, FINSAM)."""
_cache: dict[str, tuple[tuple[object, ...], dict[str, str]]] = {}
_cache_lock = threading.Lock()


def glossary(session: Session) -> Mapping[str, str]:
    """The shipped acronyms with the administrators' changes; read again when they change
    (two aggregates: any server's edit is seen at the next search)."""
    version = tuple(
        session.exec(select(func.count(), func.max(GlossaryTerm.updated_at))).one()  # type: ignore[call-overload]
    )
    key = str(session.get_bind().url)
    with _cache_lock:
        cached = _cache.get(key)
        if cached and cached[0] == version:
            return cached[1]
    merged = dict(ACRONYMS)
    for acronym, meaning in session.exec(select(GlossaryTerm.acronym, GlossaryTerm.meaning)):
        if meaning.strip():
            merged[acronym] = meaning.strip()
        else:
            merged.pop(acronym, None)
    with _cache_lock:
        _cache[key] = (version, merged)
    return merged


def last_change(session: Session) -> tuple[str, datetime | None]:
    """Who changed the glossary last, and when: what an editor opened, to refuse a save over
    someone else's."""
    row = session.exec(
        select(GlossaryTerm.updated_by, GlossaryTerm.updated_at).order_by(
            GlossaryTerm.updated_at.desc()  # type: ignore[attr-defined]
        )
    ).first()
    return (row[0], row[1]) if row else ("", None)


def save_glossary(
    session: Session,
    *,
    terms: Iterable[tuple[str, str]],
    by: Actor,
    opened: datetime | None,
) -> int:
    """The whole list as the administrator left it: an acronym left out of the shipped ones is
    taken away, a changed or new one kept. `opened` is `last_change`'s time when the editor
    opened the list; a save over a later change is refused. Returns how many differ from the
    shipped list."""
    require(can_edit_structure(by))
    who, when = last_change(session)
    if when != opened:
        raise StaleError("glossary", "", changed_by=who, changed_at=when)
    wanted: dict[str, str] = {}
    for acronym, meaning in terms:
        acronym, meaning = acronym.strip(), " ".join(meaning.split())
        if not acronym and not meaning:
            continue
        if not ACRONYM.match(acronym):
            raise IssueRefusedError("glossary_acronym", {"acronym": acronym[:20]})
        if not meaning:
            raise IssueRefusedError("glossary_meaning", {"acronym": acronym})
        if acronym in wanted:
            raise IssueRefusedError("glossary_twice", {"acronym": acronym})
        wanted[acronym] = meaning
    changes = {a: m for a, m in wanted.items() if ACRONYMS.get(a) != m}
    changes |= {a: "" for a in ACRONYMS if a not in wanted}
    session.exec(delete(GlossaryTerm))  # type: ignore[call-overload]
    at = now()
    session.add_all(
        GlossaryTerm(acronym=a, meaning=m, updated_by=by.name, updated_at=at)
        for a, m in sorted(changes.items())
    )
    return len(changes)
