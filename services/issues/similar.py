"""Has someone raised this already? Issues that say the same thing in other words.

Two signals, blended: the meaning of the text (multilingual-e5-small, which reads paraphrases
and a title alone) and its word pieces (which catch the field's own terms and compounds). The
model proposes the candidates from every issue's stored vector; the word pieces are weighed
over those candidates only, so no second index is kept in memory. Only issues the reader may
read are ever proposed, checked in the same SQL the issue lists use. Without the model (it
failed to load, or no vectors are stored yet) the words alone propose and rank.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import or_
from sqlmodel import Session, select

from models import Forum, Issue, IssueLink, Organisation
from services.issues import text_vectors
from services.issues.glossary import glossary
from services.issues.queries import readable_by
from services.issues.similar_index import shared_index
from services.issues.text_match import similarities, words
from services.issues.text_vectors import issue_text
from services.permissions import Actor, trusted_actor, visible_forums

CANDIDATES = 60
"""Nearest issues by meaning that the word pieces then re-rank."""
THRESHOLD = 0.35
"""Below this blended score a suggestion is more likely noise than the same issue (set on the
evaluation set in tests/data; `SimilarChoice` records what officers do, to set it from use)."""
MEANING_WEIGHT = 0.7
COSINE_FLOOR, COSINE_CEILING = 0.84, 0.94
"""E5's cosines crowd together: unrelated Swedish texts meet at about 0.80, paraphrases at
0.90 and above. The meaning score is the cosine's place between the two."""
MIN_CHARACTERS = 8
REGION_THRESHOLD, REGION_ISSUES = 0.6, 10
"""Counting regions for a national suggestion asks more: only the ten closest issues above 0.6,
or every long list of loosely alike issues would span all 21 regions."""
FALLBACK_WORDS, FALLBACK_ROWS = 4, 400


@dataclass(frozen=True)
class SimilarIssue:
    reference: str
    title: str
    forum: str
    """Where the issue stands now."""
    status: str
    regions: int
    """Regions that have raised it: its own and those of the issues linked to it."""
    score: float
    """0–1; the blend of meaning and words."""


def similar_issues(
    session: Session,
    *,
    title: str,
    description: str = "",
    by: Actor,
    limit: int = 5,
    exclude: str | None = None,
) -> list[SimilarIssue]:
    """Up to `limit` issues `by` may read that look like this text, best first."""
    if limit <= 0:
        return []
    scored = [
        pair for pair in _scored(session, title, description, by, exclude) if pair[0] >= THRESHOLD
    ][:limit]
    regions = _regions(session, [row[0] for _s, row in scored])
    return [
        SimilarIssue(row[1], row[2], row[5], row[4], regions.get(row[0], 0), round(score, 3))
        for score, row in scored
    ]


def ranked(
    session: Session, *, title: str, description: str = "", by: Actor, exclude: str | None = None
) -> list[tuple[str, float]]:
    """Every candidate's reference and score, best first, no threshold: what the evaluation
    and the benchmark measure."""
    return [(row[1], score) for score, row in _scored(session, title, description, by, exclude)]


def _scored(
    session: Session, title: str, description: str, by: Actor, exclude: str | None
) -> list[tuple]:
    terms = glossary(session)
    text = issue_text(title, description, terms)
    if len(text.strip()) < MIN_CHARACTERS:
        return []
    meaning = _by_meaning(session, text, by)
    ids = list(meaning) if meaning else _by_words(session, text, by)
    if not ids:
        return []
    rows = session.exec(
        select(Issue.id, Issue.reference, Issue.title, Issue.description, Issue.status, Forum.name)
        .join(Forum, Forum.id == Issue.forum_id)
        .where(Issue.id.in_(ids), *readable_by(by))  # type: ignore[union-attr]
        .where(Issue.reference != (exclude or ""))
    ).all()
    lexical = similarities(text, [issue_text(r[2], r[3], terms) for r in rows])
    scored = []
    for row, word_score in zip(rows, lexical, strict=True):
        if meaning:
            sense = _meaning_score(meaning[row[0]])
            score = MEANING_WEIGHT * sense + (1 - MEANING_WEIGHT) * word_score
        else:
            score = word_score
        scored.append((score, row))
    scored.sort(key=lambda pair: (-pair[0], pair[1][1]))
    return scored


def similar_regions(
    session: Session,
    *,
    title: str,
    description: str = "",
    exclude: str | None = None,
    since: datetime | None = None,
) -> frozenset[str]:
    """The regions whose forums raised issues like this one (since `since`): over every issue,
    whoever asks, as the theme signals count a theme's regions. Only region keys leave here,
    never an issue the asker may not read."""
    scored = _scored(session, title, description, trusted_actor(), exclude)
    ids = [row[0] for score, row in scored[:REGION_ISSUES] if score >= REGION_THRESHOLD]
    if not ids:
        return frozenset()
    return frozenset(_origin_regions(session, ids, since).values())


def _meaning_score(cosine: float) -> float:
    spread = (cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)
    return min(max(spread, 0.0), 1.0)


def _by_meaning(session: Session, text: str, by: Actor) -> dict[int, float]:
    """issue id -> cosine for the nearest issues `by` may read; empty without a model or
    stored vectors. A reader who does not read everything is searched among the issues they
    read (one query for their ids), so a local officer's nearest are never all elsewhere."""
    if text_vectors.model() is None:
        return {}
    index = shared_index(str(session.get_bind().url))
    index.refresh(session)
    if not len(index):
        return {}
    vectors = text_vectors.embed([text])
    if vectors is None:
        return {}
    among = None
    if visible_forums(by) is not None:
        among = np.fromiter(session.exec(select(Issue.id).where(*readable_by(by))), dtype=np.int64)
    return dict(index.nearest(vectors[0], CANDIDATES, among))


def _by_words(session: Session, text: str, by: Actor) -> list[int]:
    """Without the model: the newest issues that share one of the text's longest words' stems."""
    stems = sorted({w[:6] for w in words(text) if len(w) >= 5}, key=len, reverse=True)
    stems = stems[:FALLBACK_WORDS]
    if not stems:
        return []
    return list(
        session.exec(
            select(Issue.id)
            .where(or_(*(Issue.title.ilike(f"%{stem}%") for stem in stems)), *readable_by(by))  # type: ignore[attr-defined]
            .order_by(Issue.id.desc())  # type: ignore[union-attr]
            .limit(FALLBACK_ROWS)
        )
    )


def _regions(session: Session, issue_ids: list[int]) -> dict[int, int]:
    """Per issue, the regions whose forums raised it or an issue linked to it."""
    if not issue_ids:
        return {}
    linked = session.exec(
        select(IssueLink.issue_id, IssueLink.other_id).where(
            or_(IssueLink.issue_id.in_(issue_ids), IssueLink.other_id.in_(issue_ids))  # type: ignore[attr-defined]
        )
    ).all()
    group = {i: {i} for i in issue_ids}
    for a, b in linked:
        for own, other in ((a, b), (b, a)):
            if own in group:
                group[own].add(other)
    everyone = set().union(*group.values())
    region_of = _origin_regions(session, everyone)
    return {
        i: len({region_of[m] for m in members if m in region_of}) for i, members in group.items()
    }


def _origin_regions(
    session: Session, issue_ids: Iterable[int], since: datetime | None = None
) -> dict[int, str]:
    """issue id -> the region its origin forum covers, for those raised in a region (since
    `since`, if given)."""
    query = (
        select(Issue.id, Organisation.key)
        .join(Forum, Forum.id == Issue.origin_forum_id)
        .join(Organisation, Organisation.id == Forum.area_id)
        .where(Issue.id.in_(list(issue_ids)), Organisation.kind == "region")  # type: ignore[union-attr]
    )
    if since is not None:
        query = query.where(Issue.created_at >= since)
    return dict(session.exec(query).all())
