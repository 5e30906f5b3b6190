"""Matching Swedish words by their parts: character n-grams inside each word.

Swedish joins words ("läkarintyg", "intygsfrågor", "sjukpenningärenden"), so two officers who
write of the same thing share pieces of words more often than whole words. Every word is padded
(" intyg ") and cut into its 3- to 5-character pieces; a text is the count of its pieces, and two
texts are as alike as the cosine of those counts weighted by how rare each piece is among the
texts compared. Function words are dropped first: they are what every issue shares.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence

_STOPWORDS = """
    och att det som en ett är av för på med till den de inte om har kan vid så från men vi
    eller inom när efter blir ska även där detta dessa deras sin sina sitt hos mot under utan
    man oss mer än hur vad alla också bara många ofta nu då ut upp in var vill måste behöver
    får finns samt mellan genom varför ny nya fler flera olika vilket vilka
"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WORDS = re.compile(r"[0-9a-zåäöéü]+")
SIZES = (3, 4, 5)


def words(text: str) -> list[str]:
    """The content words of a text (its acronyms already written out), in lower case.

    >>> words("FK (Försäkringskassan) begär kompletteringar av läkarintygen")
    ['fk', 'försäkringskassan', 'begär', 'kompletteringar', 'läkarintygen']
    """
    return [w for w in _WORDS.findall(text.casefold()) if w not in STOPWORDS]


def pieces(text: str) -> Counter[str]:
    """The text's word pieces and how often each occurs."""
    out: Counter[str] = Counter()
    for word in words(text):
        padded = f" {word} "
        for n in SIZES:
            out.update(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
    return out


def similarities(query: str, texts: Sequence[str]) -> list[float]:
    """How alike `query` is to each text (0–1), rarity weighed over these texts.

    >>> a, b, c = similarities("Sena läkarintyg", ["Läkarintygen kommer sent", "Tolk saknas", ""])
    >>> a > 0.2 > b == c == 0.0
    True
    """
    bags = [pieces(t) for t in texts]
    asked = pieces(query)
    if not asked or not bags:
        return [0.0] * len(texts)
    seen: Counter[str] = Counter()
    for bag in bags:
        seen.update(bag.keys())
    n = len(bags) + 1

    def rarity(piece: str) -> float:
        return math.log((n + 1) / (seen[piece] + 1)) + 1

    q = {p: c * rarity(p) for p, c in asked.items()}
    q_norm = math.sqrt(sum(v * v for v in q.values()))
    out = []
    for bag in bags:
        dot = sum(v * bag[p] * rarity(p) for p, v in q.items() if p in bag)
        norm = math.sqrt(sum((c * rarity(p)) ** 2 for p, c in bag.items())) if dot else 0.0
        out.append(min(dot / (q_norm * norm), 1.0) if norm else 0.0)
    return out
