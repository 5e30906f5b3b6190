"""The field's acronyms, written out, so "FK" and "Försäkringskassan" are the same words to the
similarity search (and to a reader of the suggestions' reasons).

Officers write FK, AF, SGI, FHV or KBT as often as the words themselves; a model trained on
general text does not know them, and neither does matching on characters.
"""

import re
from collections.abc import Mapping

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
