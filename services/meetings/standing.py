"""How the minutes record an item nobody wrote a decision for.

An issue left undecided is carried over to the next meeting. A standing item is not: the minutes
record it the way Swedish minutes do ("Justerare utses: …", "Antecknas."), and so does a free
item. Pure: titles and names in, words out; the minutes are written in Swedish.
"""

from datetime import date

from models import formats
from models.vocabulary import DecisionKind, ItemKind

CARRIED = "Inget beslut fattades; punkten bordläggs till nästa möte."


def standing_record(title: str, *, adjuster: str, next_meeting: date | None) -> str:
    """The minutes' words for a standing or free item without a recorded decision.

    Examples
    --------
    >>> standing_record("Mötets öppnande och val av justerare", adjuster="Helena Holm",
    ...                 next_meeting=None)
    'Ordföranden öppnar mötet. Justerare utses: Helena Holm.'
    >>> standing_record("Nästa möte", adjuster="", next_meeting=date(2027, 1, 13))
    'Nästa möte hålls 2027-01-13.'
    >>> standing_record("Aktuellt från parterna", adjuster="", next_meeting=None)
    'Antecknas.'
    """
    words = title.casefold()
    if "justerare" in words:
        opened = "Ordföranden öppnar mötet. " if "öppnande" in words else ""
        return f"{opened}Justerare utses: {adjuster or 'ordföranden'}."
    if "protokoll" in words:
        return "Protokollet från föregående möte läggs till handlingarna."
    if "nästa möte" in words:
        if next_meeting is None:
            return "Antecknas; nästa möte är inte planerat än."
        return f"Nästa möte hålls {formats.day(next_meeting)}."
    return "Antecknas."


def without_decision(
    kind: ItemKind, title: str, *, adjuster: str, next_meeting: date | None
) -> tuple[DecisionKind, str]:
    """What approving the minutes records for an item left without a decision: an issue is
    carried over, anything else is recorded as the minutes record it."""
    if kind is ItemKind.ISSUE:
        return DecisionKind.CARRIED_OVER, CARRIED
    return DecisionKind.NOTED, standing_record(title, adjuster=adjuster, next_meeting=next_meeting)
