import pytest
from sqlmodel import select

from models import Issue, unit_of_work
from models.vocabulary import IssueKind
from services.issues.duplicates import MergeInput, link_issues, linked_references, merge_issues
from services.issues.errors import IssueRefusedError
from services.issues.feedback import inbox
from services.issues.use_cases import IssueInput, raise_issue, resolve_issue
from services.permissions import trusted_actor as anyone
from services.startup.data_files import demo_spec, shipped_spec
from services.structure.sync import load_structure
from tests.integration.conftest import act


@pytest.fixture
def regional(engine):
    """The same theme raised in Västmanland, Skåne (demo) and Örebro (demo)."""
    with unit_of_work(engine) as session:
        load_structure(session, shipped_spec())
        load_structure(session, demo_spec(), demo=True)
        refs = [
            raise_issue(
                session,
                by=anyone(who),
                data=IssueInput(
                    title=f"Sena läkarintyg i {where}",
                    description="",
                    kind=IssueKind.CHALLENGE,
                    forum=forum,
                ),
            ).reference
            for who, where, forum in [
                ("Anna", "Västmanland", "vm-strategisk-hsv"),
                ("Bo", "Skåne", "demo-skane-strategisk"),
                ("Carin", "Örebro", "demo-orebro-strategisk"),
            ]
        ]
        session.commit()
    return engine, refs


def test_regional_issues_merge_into_one_national_and_each_gets_the_feedback(regional):
    engine, refs = regional
    merged = act(
        engine,
        merge_issues,
        by=anyone("Dag"),
        data=MergeInput(
            tuple(refs),
            "samverkansgrupp-fm",
            "Sena läkarintyg i flera regioner",
            "",
            "Samma fråga i tre regioner",
        ),
    )
    with unit_of_work(engine) as session:
        for ref in refs:
            original = session.exec(select(Issue).where(Issue.reference == ref)).one()
            assert original.status == "escalated"
            assert (merged.reference, merged.title, "merged_into") in linked_references(
                session, original.id, anyone()
            )
        version = session.exec(
            select(Issue.version).where(Issue.reference == merged.reference)
        ).one()
    act(
        engine,
        resolve_issue,
        reference=merged.reference,
        by=anyone("Samverkansgruppen"),
        outcome="Gemensam rutin.",
        expected_version=version,
    )
    with unit_of_work(engine) as session:
        statuses = {
            session.exec(select(Issue.status).where(Issue.reference == r)).one() for r in refs
        }
        assert statuses == {"resolved"}
        for person in ("Anna", "Bo", "Carin"):
            entries, _ = inbox(session, by=anyone(person), forums=[])
            assert [e.kind for e in entries] == ["feedback"], person
            assert entries[0].text == f"Gemensam rutin. ({merged.reference})"
        assert inbox(session, by=anyone(""), forums=["vm-strategisk-hsv"])[1] == 1


def test_merging_needs_a_forum_above_every_original(regional):
    engine, refs = regional
    with pytest.raises(IssueRefusedError) as caught, unit_of_work(engine) as session:
        merge_issues(
            session, by=anyone("D"), data=MergeInput(tuple(refs), "vm-strategisk-hsv", "x", "", "y")
        )
    assert caught.value.code == "not_above"
    with pytest.raises(IssueRefusedError) as caught, unit_of_work(engine) as session:
        merge_issues(
            session, by=anyone("D"), data=MergeInput(refs[:1], "samverkansgrupp-fm", "x", "", "y")
        )
    assert caught.value.code == "merge_needs_two"


def test_linked_issues_see_each_other(regional):
    engine, refs = regional
    act(engine, link_issues, reference=refs[0], other=refs[1], by=anyone("A"))
    act(engine, link_issues, reference=refs[1], other=refs[0], by=anyone("A"))  # once is enough
    with unit_of_work(engine) as session:
        a = session.exec(select(Issue).where(Issue.reference == refs[0])).one()
        assert linked_references(session, a.id, anyone()) == [
            (refs[1], "Sena läkarintyg i Skåne", "related")
        ]
    with pytest.raises(IssueRefusedError), unit_of_work(engine) as session:
        link_issues(session, reference=refs[0], other=refs[0], by=anyone("A"))
