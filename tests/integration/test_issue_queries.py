from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from models import Issue, clock, unit_of_work
from models.vocabulary import IssueKind, Theme
from services.issues.queries import IssueFilter, list_issues, theme_signals
from services.issues.use_cases import IssueInput, escalate_issue, raise_issue
from services.permissions import trusted_actor as anyone
from services.startup.data_files import demo_spec, shipped_spec
from services.structure.sync import load_structure
from tests.integration.conftest import act
from tests.integration.test_issues import CERTIFICATES

NOW = datetime.now(UTC)


@pytest.fixture
def issues(engine):
    with unit_of_work(engine) as session:
        load_structure(session, shipped_spec())
        load_structure(session, demo_spec(), demo=True)
        for title, forum, days, who in [
            ("Lokal och gammal", "vm-individ-vard", 100, "Anna"),
            ("Nationell och lika gammal", "samverkansgrupp-fm", 100, "Bo"),
            ("Lokal och ny", "vm-individ-af", 5, "Anna"),
            ("Skåne", "demo-skane-strategisk", 20, "Carin"),
        ]:
            raise_issue(
                session,
                by=anyone(who),
                now=NOW - timedelta(days=days),
                data=IssueInput(
                    title=title,
                    description="",
                    kind=IssueKind.CHALLENGE,
                    forum=forum,
                    themes=(Theme.MEDICAL_CERTIFICATES,),
                ),
            )
        session.commit()
    return engine


def titles(engine, flt: IssueFilter) -> list[str]:
    with unit_of_work(engine) as session:
        return sorted(r.title for r in list_issues(session, flt, by=anyone()).rows)


def test_overdue_means_older_than_the_handling_time_for_its_level(issues):
    assert titles(issues, IssueFilter(overdue_only=True)) == ["Lokal och gammal"]


def test_issues_raised_by_a_person_and_waiting_at_forums(issues):
    assert titles(issues, IssueFilter(raised_by="Anna")) == ["Lokal och gammal", "Lokal och ny"]
    assert titles(
        issues,
        IssueFilter(forums=frozenset({"vm-individ-af", "samverkansgrupp-fm"}), open_only=True),
    ) == ["Lokal och ny", "Nationell och lika gammal"]


def test_theme_signals_name_the_region_where_each_issue_arose(issues):
    with unit_of_work(issues) as session:
        signals = theme_signals(session, ["medical_certificates"], since=NOW - timedelta(days=50))
    assert sorted(s.region for s in signals) == ["region-skane", "region-vastmanland"]


def test_an_old_open_issue_gets_the_overdue_suggestion_and_a_resolved_one_none(issues):

    from escalation import build_graph
    from services.issues.queries import escalation_suggestions, issue_detail
    from services.structure.read import structure_values

    with unit_of_work(issues) as session:
        G = build_graph(structure_values(session))
        [row] = list_issues(session, IssueFilter(text="Lokal och gammal"), by=anyone()).rows
        detail = issue_detail(session, row.reference, by=anyone())
        codes = [s.code for s in escalation_suggestions(session, detail, G, today=clock.today())]
        assert codes == ["overdue"]
        detail.status = "resolved"
        assert escalation_suggestions(session, detail, G, today=clock.today()) == []


def test_search_ignores_case_for_swedish_letters_too(seeded):
    data = CERTIFICATES.__class__(
        **{**CERTIFICATES.__dict__, "title": "Långa väntetider på Östra vårdcentralen"}
    )
    act(seeded, raise_issue, data=data, by=anyone("Anna"))
    with unit_of_work(seeded) as session:
        for text in ("LÅNGA", "långa", "östra", "ÖSTRA VÅRDCENTRALEN", "väntetider"):
            found = list_issues(session, IssueFilter(text=text), by=anyone())
            assert found.total == 1, text


def test_raised_in_a_region_finds_issues_that_now_sit_at_national_level(seeded):
    ref = act(seeded, raise_issue, data=CERTIFICATES, by=anyone("Anna")).reference
    for target in ("vm-fm-kommitte", "vm-strategisk-hsv", "samverkansgrupp-fm"):
        with unit_of_work(seeded) as session:
            version = session.exec(select(Issue.version).where(Issue.reference == ref)).one()
        act(
            seeded,
            escalate_issue,
            reference=ref,
            target=target,
            reason="Lyfts",
            by=anyone(),
            expected_version=version,
        )
    with unit_of_work(seeded) as session:
        now_at = list_issues(session, IssueFilter(region="region-vastmanland"), by=anyone())
        raised_in = list_issues(
            session, IssueFilter(raised_in_region="region-vastmanland"), by=anyone()
        )
    assert ref not in {r.reference for r in now_at.rows}  # it has left the region
    assert ref in {r.reference for r in raised_in.rows}  # but it arose there
