from datetime import date, timedelta

import pytest

from escalation import (
    IssueFacts,
    SuggestionPolicy,
    ThemeSignal,
    build_graph,
    suggest_escalation,
)
from services.startup.data_files import shipped_spec

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def real():
    return build_graph(shipped_spec().to_structure())


def codes(G, issue, **kwargs):
    return [(s.code, s.target) for s in suggest_escalation(G, issue, today=TODAY, **kwargs)]


def test_a_fresh_issue_with_everyone_present_gets_no_suggestion(real):
    issue = IssueFacts(
        "vm-individ-vard", frozenset({"fk-vastmanland", "region-vastmanland"}), raised_on=TODAY
    )
    assert codes(real, issue) == []


def test_an_issue_older_than_its_levels_handling_time_is_suggested_one_step_up(real):
    issue = IssueFacts("vm-individ-vard", raised_on=TODAY - timedelta(days=61))
    [suggestion] = suggest_escalation(real, issue, today=TODAY)
    assert (suggestion.code, suggestion.target) == ("overdue", "vm-fm-kommitte")
    assert "61 days" in suggestion.message and "60 days" in suggestion.message
    assert codes(real, IssueFacts("vm-individ-vard", raised_on=TODAY - timedelta(days=60))) == []


def test_the_handling_time_is_set_per_level(real):
    policy = SuggestionPolicy(handling_days={})
    assert (
        codes(real, IssueFacts("vm-individ-vard", raised_on=date(2000, 1, 1)), policy=policy) == []
    )


def test_carried_over_at_n_meetings_in_a_row(real):
    issue = IssueFacts("vm-fm-kommitte", raised_on=TODAY, carried_over=2)
    assert codes(real, issue) == [("carried_over", "vm-strategisk-hsv")]
    assert codes(real, IssueFacts("vm-fm-kommitte", raised_on=TODAY, carried_over=1)) == []


def test_the_same_theme_in_k_regions_suggests_one_national_issue(real):
    signals = [
        ThemeSignal("läkarintyg", region, TODAY - timedelta(days=10))
        for region in ("region-skane", "region-orebro")
    ]
    signals.append(ThemeSignal("läkarintyg", "region-norrbotten", TODAY - timedelta(days=400)))
    issue = IssueFacts(
        "vm-individ-vard",
        themes=frozenset({"läkarintyg"}),
        raised_on=TODAY,
        region="region-vastmanland",
    )
    [suggestion] = suggest_escalation(real, issue, today=TODAY, signals=signals)
    assert (suggestion.code, suggestion.target) == ("theme_in_regions", "samverkansgrupp-fm")
    assert suggestion.params["count"] == "3"
    fewer = suggest_escalation(real, issue, today=TODAY, signals=signals[:1])
    assert fewer == []


def test_organisations_not_represented_point_to_the_right_level(real):
    issue = IssueFacts(
        "vm-samordningsteam-vasteras",
        frozenset({"fk-vastmanland", "region-vastmanland"}),
        raised_on=TODAY,
    )
    [suggestion] = suggest_escalation(real, issue, today=TODAY)
    assert (suggestion.code, suggestion.target) == ("not_represented", "vm-sf-vasteras-styrelse")
    assert suggestion.params["organisations"] == "region-vastmanland"


def test_no_common_forum_is_said_with_no_target(real):
    issue = IssueFacts(
        "vm-individ-af", frozenset({"af-vastmanland", "region-vastmanland"}), raised_on=TODAY
    )
    assert codes(real, issue) == [("no_common_forum", None)]


def test_reasons_come_in_a_fixed_order(real):
    issue = IssueFacts(
        "vm-samordningsteam-vasteras",
        frozenset({"region-vastmanland"}),
        raised_on=TODAY - timedelta(days=365),
        carried_over=3,
    )
    assert [c for c, _t in codes(real, issue)] == ["overdue", "carried_over", "not_represented"]
