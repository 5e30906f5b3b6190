"""Escalation suggestions, each with its reason: the engine says why, a person decides."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from escalation.errors import NoCommonForumError, NoPathError
from escalation.graph import forum
from escalation.routing import coverage, escalation_path, next_steps, right_level
from models.vocabulary import ForumLevel


@dataclass(frozen=True)
class IssueFacts:
    """What the engine needs to know of an issue; the caller reads it from wherever it lives."""

    forum: str
    organisations: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    raised_on: date = date.min
    region: str | None = None
    carried_over: int = 0
    """Meetings in a row at which the issue was on the agenda and carried over."""
    similar_regions: frozenset[str] = frozenset()
    """Other regions where issues saying the same thing in other words were raised lately."""


@dataclass(frozen=True)
class ThemeSignal:
    """An issue with a theme raised somewhere: the input for "the same theme in K regions"."""

    theme: str
    region: str
    raised_on: date


def _default_handling_days() -> dict[ForumLevel, int]:
    return {
        ForumLevel.LOCAL: 60,
        ForumLevel.REGIONAL: 90,
        ForumLevel.NATIONAL: 120,
        ForumLevel.OUTWARD: 180,
    }


@dataclass(frozen=True)
class SuggestionPolicy:
    handling_days: Mapping[ForumLevel, int] = field(default_factory=_default_handling_days)
    """How long an issue may stay at a forum of each level before lifting is suggested."""
    carried_over_limit: int = 2
    theme_regions: int = 3
    theme_window_days: int = 180


@dataclass(frozen=True)
class Suggestion:
    code: str
    target: str | None
    """The forum the issue could go to; None where no forum fits."""
    params: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)


MESSAGES = {
    "overdue": "open for {days} days, longer than the {limit} days set for a {level} forum",
    "carried_over": "carried over at {count} meetings in a row",
    "theme_in_regions": "the theme {theme!r} was raised in {count} regions within {window} days: "
    "consider one national issue",
    "similar_in_regions": "issues like this one were raised in {count} regions within {window} "
    "days: consider one national issue",
    "not_represented": "{organisations} not represented at this forum",
    "no_common_forum": "{organisations} not represented here, and no forum up the order has "
    "them all",
}


def suggest_escalation(
    G: nx.MultiDiGraph,
    issue: IssueFacts,
    *,
    today: date,
    policy: SuggestionPolicy | None = None,
    signals: Iterable[ThemeSignal] = (),
) -> list[Suggestion]:
    """Every reason to lift the issue, in a fixed order, each with where it could go.

    Examples
    --------
    >>> from escalation.examples import small_graph
    >>> issue = IssueFacts("local", frozenset({"fk-x", "region-x"}), raised_on=date(2026, 1, 1))
    >>> [(s.code, s.target) for s in suggest_escalation(small_graph(), issue,
    ...                                                 today=date(2026, 6, 1))]
    [('overdue', 'regional'), ('not_represented', 'regional')]
    """
    policy = policy or SuggestionPolicy()
    node = forum(G, issue.forum)
    steps = next_steps(G, issue.forum, issue.organisations)
    up_one = steps[0].forum if steps else None
    found: list[Suggestion] = []

    age = (today - issue.raised_on).days
    limit = policy.handling_days.get(node.level)
    if limit is not None and age > limit:
        found.append(
            Suggestion(
                "overdue",
                up_one,
                {"days": str(age), "limit": str(limit), "level": node.level.value},
            )
        )
    if issue.carried_over >= policy.carried_over_limit:
        found.append(Suggestion("carried_over", up_one, {"count": str(issue.carried_over)}))
    found += _themes(G, issue, today, policy, signals)
    found += _similar(G, issue, policy)
    found += _representation(G, issue)
    return found


def _themes(
    G: nx.MultiDiGraph,
    issue: IssueFacts,
    today: date,
    policy: SuggestionPolicy,
    signals: Iterable[ThemeSignal],
) -> list[Suggestion]:
    if forum(G, issue.forum).level.rank >= ForumLevel.NATIONAL.rank:
        return []
    recent = [s for s in signals if 0 <= (today - s.raised_on).days <= policy.theme_window_days]
    national = _first_national(G, issue.forum)
    found = []
    for theme in sorted(issue.themes):
        regions = {s.region for s in recent if s.theme == theme}
        if issue.region:
            regions.add(issue.region)
        if len(regions) >= policy.theme_regions:
            found.append(
                Suggestion(
                    "theme_in_regions",
                    national,
                    {
                        "theme": theme,
                        "count": str(len(regions)),
                        "window": str(policy.theme_window_days),
                    },
                )
            )
    return found


def _similar(G: nx.MultiDiGraph, issue: IssueFacts, policy: SuggestionPolicy) -> list[Suggestion]:
    """The same issue in other words in K regions, as the theme rule counts a theme's.

    >>> from escalation.examples import small_graph
    >>> facts = IssueFacts("local", region="region-x", similar_regions=frozenset({"a", "b"}))
    >>> [(s.code, s.params["count"]) for s in _similar(small_graph(), facts, SuggestionPolicy())]
    [('similar_in_regions', '3')]
    """
    if forum(G, issue.forum).level.rank >= ForumLevel.NATIONAL.rank:
        return []
    regions = set(issue.similar_regions) | ({issue.region} if issue.region else set())
    if len(regions) < policy.theme_regions:
        return []
    return [
        Suggestion(
            "similar_in_regions",
            _first_national(G, issue.forum),
            {"count": str(len(regions)), "window": str(policy.theme_window_days)},
        )
    ]


def _first_national(G: nx.MultiDiGraph, key: str) -> str | None:
    try:
        path = escalation_path(G, key)
    except NoPathError:
        return None
    return next((k for k in path if forum(G, k).level is ForumLevel.NATIONAL), None)


def _representation(G: nx.MultiDiGraph, issue: IssueFacts) -> list[Suggestion]:
    missing = coverage(G, issue.forum, issue.organisations)[1]
    if not missing:
        return []
    names = {"organisations": ", ".join(sorted(missing))}
    try:
        target = right_level(G, issue.forum, issue.organisations).forum
    except NoCommonForumError:
        return [Suggestion("no_common_forum", None, names)]
    return [Suggestion("not_represented", target, names)]
