"""Effect follow-up on both databases: the strategic level sets up an effect and its
indicators, the responsible organisation records and imports values, a correction keeps the old
value, reviews follow the cadence, links show from both sides, and the shipped seed carries the
figures of FK 2025/000536 with their sources."""

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from sqlalchemy import text
from sqlmodel import select

from exports.effect_report import to_pdf
from models import AgreedAction, EffectEvent, Forum, Indicator, Measurement, Meeting, unit_of_work
from models.db import ConcurrentChangeError
from models.refusals import InvalidInputError
from models.vocabulary import Cadence, Direction, EffectLinkKind, EffectStatus, Role
from services.effects.effects import (
    EffectInput,
    IndicatorInput,
    add_indicator,
    archive_effect,
    create_effect,
)
from services.effects.errors import EffectRefusedError
from services.effects.imports import check_import, import_measurements
from services.effects.links import link_candidates, link_effect
from services.effects.measurements import (
    correct_measurement,
    measurement_history,
    record_measurement,
)
from services.effects.queries import (
    effect_overview,
    effect_view,
    effect_views,
    effects_of_issue,
    effects_resting_on,
)
from services.effects.reviews import record_review
from services.issues.use_cases import raise_issue
from services.meetings.agenda_items import agenda_proposal, due_reviews
from services.permissions import Actor, PermissionDeniedError
from services.personal_data import PersonalDataError
from services.startup.effects import load_effects
from tests.integration.conftest import act, at, run_concurrently
from tests.integration.test_issues import CERTIFICATES
from ui.effects.report import build_report, deferred

TODAY = date(2026, 11, 30)
LEADER = Actor(1, "Lena (strategisk ledare)", frozenset({(Role.STRATEGIC_LEADER, None)}))
FK_OFFICER = Actor(
    2, "Fia (FK)", frozenset({(Role.COLLABORATION_OFFICER, "vm-individ-vard")}), organisation="fk"
)
REGION_OFFICER = Actor(
    3,
    "Rut (regionen)",
    frozenset({(Role.COLLABORATION_OFFICER, "vm-individ-vard")}),
    organisation="region-vastmanland",
)
FK_READER = Actor(
    4, "Rolf (läsare)", frozenset({(Role.READER, "vm-fm-kommitte")}), organisation="fk"
)


@pytest.fixture
def effect(seeded):
    """An effect of the strategic group with one indicator FK answers for."""
    created = act(
        seeded,
        create_effect,
        by=LEADER,
        data=EffectInput(
            "Fler planer för återgång kommer in", "strategisk-samverkan", "fk", Cadence.TWICE_A_YEAR
        ),
    )
    indicator = act(
        seeded,
        add_indicator,
        effect_id=created.id,
        by=LEADER,
        data=IndicatorInput(
            "Inkomna planer",
            Direction.HIGHER,
            unit="planer",
            baseline_value=14_200,
            baseline_on=date(2020, 12, 31),
            target_value=85_000,
            target_on=date(2026, 12, 31),
            organisation="fk",
        ),
    )
    return seeded, created.id, indicator.id


def test_only_the_strategic_level_manages_effects(seeded):
    data = EffectInput("Något bättre", "strategisk-samverkan")
    for someone in (FK_OFFICER, at("Carl", "strategisk-samverkan", Role.CHAIR)):
        with pytest.raises(PermissionDeniedError):
            act(seeded, create_effect, data=data, by=someone)
    with pytest.raises(InvalidInputError) as invalid:
        act(seeded, create_effect, data=EffectInput("  ", "strategisk-samverkan"), by=LEADER)
    assert invalid.value.problems == [("statement", "required")]
    with pytest.raises(PersonalDataError):
        act(
            seeded,
            create_effect,
            by=LEADER,
            data=EffectInput("Gäller 19121212-1212", "strategisk-samverkan"),
        )


def test_an_indicator_needs_its_baseline_and_target_whole(effect):
    engine, effect_id, _ = effect
    with pytest.raises(InvalidInputError) as invalid:
        act(
            engine,
            add_indicator,
            effect_id=effect_id,
            by=LEADER,
            data=IndicatorInput(
                "Halv",
                Direction.LOWER,
                baseline_value=3,
                target_value=2,
                target_on=date(2019, 1, 1),
                baseline_on=date(2020, 1, 1),
            ),
        )
    assert ("target", "after_baseline") in invalid.value.problems


def test_the_responsible_organisation_records_values_and_others_may_not(effect):
    engine, _, indicator = effect
    act(
        engine,
        record_measurement,
        indicator_id=indicator,
        measured_on=date(2024, 12, 31),
        value=57_600,
        by=FK_OFFICER,
        today=TODAY,
        source="FK 2025/000536",
    )
    for someone in (REGION_OFFICER, FK_READER):
        with pytest.raises(PermissionDeniedError):
            act(
                engine,
                record_measurement,
                indicator_id=indicator,
                measured_on=date(2023, 12, 31),
                value=1,
                by=someone,
                today=TODAY,
            )
    with pytest.raises(EffectRefusedError) as twice:
        act(
            engine,
            record_measurement,
            indicator_id=indicator,
            measured_on=date(2024, 12, 31),
            value=1,
            by=LEADER,
            today=TODAY,
        )
    assert twice.value.code == "already_measured"
    with pytest.raises(EffectRefusedError) as future:
        act(
            engine,
            record_measurement,
            indicator_id=indicator,
            measured_on=date(2027, 1, 1),
            value=1,
            by=LEADER,
            today=TODAY,
        )
    assert future.value.code == "future_date"


def test_a_correction_keeps_the_earlier_value_with_who_and_why(effect):
    engine, effect_id, indicator = effect
    first = act(
        engine,
        record_measurement,
        indicator_id=indicator,
        measured_on=date(2024, 12, 31),
        value=57_000,
        by=FK_OFFICER,
        today=TODAY,
    )
    act(
        engine,
        correct_measurement,
        measurement_id=first.id,
        value=57_600,
        by=FK_OFFICER,
        reason="Slutlig statistik",
        today=TODAY,
    )
    with pytest.raises(EffectRefusedError) as again:
        act(
            engine,
            correct_measurement,
            measurement_id=first.id,
            value=1,
            by=FK_OFFICER,
            reason="Dubbel",
            today=TODAY,
        )
    assert again.value.code == "already_corrected"
    with unit_of_work(engine) as s:
        history = measurement_history(s, indicator_id=indicator, by=FK_READER)
        view = effect_view(s, effect_id=effect_id, by=FK_READER, today=TODAY)
        events = s.exec(
            select(
                EffectEvent.kind, EffectEvent.actor, EffectEvent.reason, EffectEvent.changes
            ).where(EffectEvent.kind == "corrected")
        ).all()
    assert [(m.value, m.replaced, m.replaced_reason) for m in history] == [
        (57_600, False, ""),
        (57_000, True, "Slutlig statistik"),
    ]
    assert [p.value for p in view.summary.indicators[0].values] == [57_600]
    assert events == [
        (
            "corrected",
            "Fia (FK)",
            "Slutlig statistik",
            {"value": [57_000.0, 57_600.0], "measured_on": "2024-12-31"},
        )
    ]


def test_status_rolls_up_and_says_why(effect):
    engine, effect_id, indicator = effect
    act(
        engine,
        record_measurement,
        indicator_id=indicator,
        measured_on=date(2024, 12, 31),
        value=57_600,
        by=FK_OFFICER,
        today=TODAY,
    )
    with unit_of_work(engine) as s:
        [summary] = effect_overview(s, by=FK_READER, today=TODAY)
    [ind] = summary.indicators
    assert ind.assessment.reason == "short_of_target"  # 79 300 by 2026-12-31, target 85 000
    assert ind.assessment.projected.value == pytest.approx(79_300, rel=0.01)
    assert summary.status is EffectStatus.AT_RISK
    assert summary.counts == {EffectStatus.AT_RISK: 1}
    with pytest.raises(PermissionDeniedError), unit_of_work(engine) as s:
        effect_overview(s, by=None, today=TODAY)


def _csv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_an_import_with_bad_rows_reports_each_and_stores_none_unless_asked(effect):
    engine, effect_id, indicator = effect
    act(
        engine,
        record_measurement,
        indicator_id=indicator,
        measured_on=date(2024, 12, 31),
        value=57_600,
        by=FK_OFFICER,
        today=TODAY,
    )
    data = _csv(
        "indikator;datum;värde;kommentar",
        "Inkomna planer;2021;23 900;",
        "Inkomna planer;2022-12-31;35100,5;",
        "Okänd indikator;2023-12-31;1;",
        "Inkomna planer;31/12/2023;1;",
        "Inkomna planer;2023-12-31;många;",
        "Inkomna planer;2024-12-31;57600;",
        "Inkomna planer;2030-12-31;1;",
        "Inkomna planer;2021-12-31;2;dubblett",
        "Inkomna planer;2020-06-30;3;gäller 19121212-1212",
    )
    with unit_of_work(engine) as s:
        check = check_import(
            s, data=data, filename="planer.csv", effect_id=effect_id, by=FK_OFFICER, today=TODAY
        )
    assert [(r.line, r.code) for r in check.refused] == [
        (4, "unknown_indicator"),
        (5, "bad_date"),
        (6, "bad_value"),
        (7, "already_measured"),
        (8, "future_date"),
        (9, "duplicate_in_file"),
        (10, "personal_data"),
    ]
    assert [(r.measured_on, r.value) for r in check.good] == [
        (date(2021, 12, 31), 23_900),
        (date(2022, 12, 31), 35_100.5),
    ]
    with pytest.raises(EffectRefusedError) as refused:
        act(engine, import_measurements, check=check, by=FK_OFFICER, today=TODAY)
    assert refused.value.code == "import_has_bad_rows"
    assert _values(engine, indicator) == [57_600]
    assert (
        act(
            engine,
            import_measurements,
            check=check,
            by=FK_OFFICER,
            today=TODAY,
            good_rows_only=True,
        )
        == 2
    )
    assert _values(engine, indicator) == [23_900, 35_100.5, 57_600]


def test_an_excel_import_reads_dates_and_numbers_as_excel_stores_them(effect):
    engine, effect_id, indicator = effect
    book = Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Date", "Value", "Source"])
    sheet.append(["inkomna planer", date(2022, 12, 31), 35100, "Excel"])
    sheet.append(["Inkomna planer", 2023, "46 800", None])
    out = io.BytesIO()
    book.save(out)
    with unit_of_work(engine) as s:
        check = check_import(
            s,
            data=out.getvalue(),
            filename="planer.xlsx",
            effect_id=effect_id,
            by=LEADER,
            today=TODAY,
        )
    assert check.refused == ()
    act(engine, import_measurements, check=check, by=LEADER, today=TODAY)
    assert _values(engine, indicator) == [35_100, 46_800]


def test_an_import_by_someone_not_responsible_refuses_every_row(effect):
    engine, effect_id, _ = effect
    with unit_of_work(engine) as s:
        check = check_import(
            s,
            data=_csv("indicator,date,value", "Inkomna planer,2023,1"),
            filename="x.csv",
            effect_id=effect_id,
            by=REGION_OFFICER,
            today=TODAY,
        )
    assert [r.code for r in check.refused] == ["not_responsible"]
    with pytest.raises(EffectRefusedError), unit_of_work(engine) as s:
        check_import(
            s,
            data=_csv("namn,värde", "x,1"),
            filename="x.csv",
            effect_id=effect_id,
            by=LEADER,
            today=TODAY,
        )


def _values(engine, indicator: int) -> list[float]:
    with unit_of_work(engine) as s:
        return list(
            s.exec(
                select(Measurement.value)
                .where(Measurement.indicator_id == indicator, Measurement.replaced_by_id.is_(None))
                .order_by(Measurement.measured_on)
            ).all()
        )


def test_a_review_sets_the_next_one_by_the_cadence_and_a_stale_one_is_refused(effect):
    engine, effect_id, _ = effect
    with unit_of_work(engine) as s:
        version = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY).summary.version
    act(
        engine,
        record_review,
        effect_id=effect_id,
        assessment=EffectStatus.AT_RISK,
        comment="Ökar, men för långsamt.",
        by=LEADER,
        today=TODAY,
        expected_version=version,
    )
    with pytest.raises(EffectRefusedError) as stale:
        act(
            engine,
            record_review,
            effect_id=effect_id,
            assessment=EffectStatus.ON_TRACK,
            comment="Samtidigt",
            by=LEADER,
            today=TODAY,
            expected_version=version,
        )
    assert stale.value.code == "stale"
    with pytest.raises(PermissionDeniedError):
        act(
            engine,
            record_review,
            effect_id=effect_id,
            assessment=EffectStatus.ON_TRACK,
            comment="x",
            by=FK_OFFICER,
            today=TODAY,
            expected_version=version + 1,
        )
    with unit_of_work(engine) as s:
        view = effect_view(s, effect_id=effect_id, by=FK_READER, today=date(2027, 6, 1))
    assert view.summary.next_review_on == date(2027, 5, 30)
    assert view.summary.review_overdue
    assert [(r.assessment, r.comment) for r in view.reviews] == [
        (EffectStatus.AT_RISK, "Ökar, men för långsamt.")
    ]


def test_an_effect_links_to_an_issue_and_the_issue_knows_its_effects(effect):
    engine, effect_id, _ = effect
    issue = act(engine, raise_issue, data=CERTIFICATES, by=at("Anna", "vm-individ-vard"))
    act(
        engine,
        link_effect,
        effect_id=effect_id,
        kind=EffectLinkKind.ISSUE,
        target=issue.reference.lower(),
        by=LEADER,
    )
    with pytest.raises(EffectRefusedError) as twice:
        act(
            engine,
            link_effect,
            effect_id=effect_id,
            kind=EffectLinkKind.ISSUE,
            target=issue.reference,
            by=LEADER,
        )
    assert twice.value.code == "already_linked"
    with pytest.raises(EffectRefusedError) as unknown:
        act(
            engine,
            link_effect,
            effect_id=effect_id,
            kind=EffectLinkKind.ACTION,
            target="999",
            by=LEADER,
        )
    assert unknown.value.code == "unknown_action"
    with unit_of_work(engine) as s:
        view = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY)
        back = effects_of_issue(s, reference=issue.reference)
    assert [(link.kind, link.reference) for link in view.links] == [
        (EffectLinkKind.ISSUE, issue.reference)
    ]
    assert back == [(effect_id, "Fler planer för återgång kommer in")]


def test_the_effect_history_is_append_only(effect):
    engine, _, _ = effect
    for statement in ("UPDATE effect_event SET actor = 'x'", "DELETE FROM effect_event"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))


def test_the_shipped_seed_carries_the_reports_figures_with_their_sources(seeded):
    with unit_of_work(seeded) as s:
        assert load_effects(s, today=TODAY) == 2
        s.commit()
    with unit_of_work(seeded) as s:
        assert load_effects(s, today=TODAY) == 0  # present ones are left as they are
        summaries = {
            x.statement[:20]: x
            for x in effect_overview(s, by=FK_READER, today=TODAY, series=lambda _s, _n: [])
        }
        values = dict(
            s.exec(
                select(Indicator.key, Measurement.value).join(
                    Measurement, Measurement.indicator_id == Indicator.id
                )
            ).all()
        )
        sources = s.exec(select(Measurement.source)).all()
    fk = summaries["Fler försäkrade komm"]
    assert len(fk.indicators) == 6
    plans = fk.indicators[0]
    assert (plans.baseline.value, plans.baseline.on) == (14_200, date(2020, 12, 31))
    assert values == {"fk-2025-000536-planer-inkomna": 57_600, "fk-2025-000536-planer-kvalitet": 75}
    assert all("FK 2025/000536" in source for source in sources)
    assert [i.assessment.reason for i in fk.indicators[2:]] == ["no_values"] * 4
    assert plans.assessment.status is EffectStatus.ON_TRACK
    own = summaries["Utmaningar uppmärksa"]
    assert {i.computed for i in own.indicators} == {
        "resolved_at_origin_level",
        "median_days_to_resolution",
        "feedback_reached",
        "skipped_level",
    }
    with pytest.raises(EffectRefusedError) as computed, unit_of_work(seeded) as s:
        record_measurement(
            s, indicator_id=own.indicators[0].id, measured_on=TODAY, value=1, by=LEADER, today=TODAY
        )
    assert computed.value.code == "computed"


def test_an_effect_due_for_review_is_proposed_for_its_forums_next_agenda(effect):
    engine, effect_id, _ = effect
    chair = at("Carl (ordförande)", "strategisk-samverkan", Role.CHAIR)
    with unit_of_work(engine) as s:
        version = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY).summary.version
    act(
        engine,
        record_review,
        effect_id=effect_id,
        assessment=EffectStatus.ON_TRACK,
        comment="Bra.",
        by=LEADER,
        today=date(2025, 11, 1),
        expected_version=version,
    )
    with unit_of_work(engine) as s:  # the next review was due 2026-05-01
        forum = s.exec(select(Forum.id).where(Forum.key == "strategisk-samverkan")).one()
        meeting = Meeting(
            forum_id=forum,
            starts_at=datetime(2026, 12, 9, 9, tzinfo=UTC),
            ends_at=datetime(2026, 12, 9, 12, tzinfo=UTC),
        )
        s.add(meeting)
        s.commit()
        proposal = agenda_proposal(s, meeting_id=meeting.id, by=chair)
    assert [(i.title, i.reason) for i in proposal.items if i.reason == "reviews_due"] == [
        ("Avstämning av effekt: Fler planer för återgång kommer in", "reviews_due")
    ]


def test_an_agreed_action_is_picked_from_the_newest_and_linked(effect):
    engine, effect_id, _ = effect
    with unit_of_work(engine) as s:
        forum = s.exec(select(Forum.id).where(Forum.key == "vm-fm-kommitte")).one()
        action = AgreedAction(forum_id=forum, title="Kartlägga planerna", due_on=date(2027, 1, 31))
        s.add(action)
        s.commit()
        candidates = link_candidates(s, EffectLinkKind.ACTION)
    assert candidates == [
        (
            str(action.id),
            "Försäkringsmedicinsk kommitté, Region Västmanland: Kartlägga planerna (2027-01-31)",
        )
    ]
    act(
        engine,
        link_effect,
        effect_id=effect_id,
        kind=EffectLinkKind.ACTION,
        target=candidates[0][0],
        by=LEADER,
    )
    with unit_of_work(engine) as s:
        view = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY)
        back = effects_resting_on(s, EffectLinkKind.ACTION, [action.id, action.id + 1])
    assert [(link.kind, link.label) for link in view.links] == [
        (EffectLinkKind.ACTION, "Kartlägga planerna")
    ]
    assert back == {action.id: [(effect_id, "Fler planer för återgång kommer in")]}


def test_eight_people_recording_the_same_value_at_once_store_one_and_are_told_why(effect):
    engine, _, indicator = effect

    def record() -> object:
        return act(
            engine,
            record_measurement,
            indicator_id=indicator,
            measured_on=date(2025, 12, 31),
            value=60_000,
            by=FK_OFFICER,
            today=TODAY,
        )

    results, errors = run_concurrently(record, 8)
    assert len(results) == 1
    assert all(isinstance(e, EffectRefusedError | ConcurrentChangeError) for e in errors), errors
    assert _values(engine, indicator) == [60_000]


def test_two_reviews_from_the_same_opened_page_on_the_same_day_are_not_both_kept(effect):
    engine, effect_id, _ = effect
    with unit_of_work(engine) as s:
        version = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY).summary.version
    act(
        engine,
        record_review,
        effect_id=effect_id,
        assessment=EffectStatus.AT_RISK,
        comment="Första",
        by=LEADER,
        today=TODAY,
        expected_version=version,
    )
    with unit_of_work(engine) as s:
        version = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY).summary.version
    act(
        engine,
        record_review,
        effect_id=effect_id,
        assessment=EffectStatus.AT_RISK,
        comment="Andra",
        by=LEADER,
        today=TODAY,
        expected_version=version,
    )
    with pytest.raises(EffectRefusedError):  # the same date again: still a new version
        act(
            engine,
            record_review,
            effect_id=effect_id,
            assessment=EffectStatus.AT_RISK,
            comment="Tredje",
            by=LEADER,
            today=TODAY,
            expected_version=version,
        )


def test_an_effect_no_longer_followed_up_leaves_the_dashboard_and_the_agenda_but_keeps_its_history(
    effect,
):
    engine, effect_id, _ = effect
    act(
        engine,
        record_review,
        effect_id=effect_id,
        assessment=EffectStatus.AT_RISK,
        comment="Följs upp",
        by=LEADER,
        today=TODAY,
        expected_version=1,
    )  # next one due
    with unit_of_work(engine) as s:
        forum = s.exec(select(Forum.id).where(Forum.key == "strategisk-samverkan")).one()
        assert len(due_reviews(s, forum, date(2030, 1, 1))) == 1
    with pytest.raises(EffectRefusedError) as no_reason:
        act(engine, archive_effect, effect_id=effect_id, reason=" ", by=LEADER, expected_version=2)
    assert no_reason.value.code == "reason_required_archive"
    with pytest.raises(PermissionDeniedError):
        act(
            engine,
            archive_effect,
            effect_id=effect_id,
            reason="Klar",
            by=FK_OFFICER,
            expected_version=2,
        )
    act(
        engine,
        archive_effect,
        effect_id=effect_id,
        reason="Ersatt av en ny effekt",
        by=LEADER,
        expected_version=2,
    )
    with unit_of_work(engine) as s:
        assert effect_overview(s, by=LEADER, today=TODAY) == []
        view = effect_view(s, effect_id=effect_id, by=LEADER, today=TODAY)
        assert due_reviews(s, forum, date(2030, 1, 1)) == []
    assert view.summary.archived and view.events[0].kind == "archived"
    assert view.events[0].reason == "Ersatt av en ny effekt"


def test_the_report_of_the_shipped_effect_marks_every_figure_with_its_source(seeded):
    with unit_of_work(seeded) as s:
        load_effects(s, today=TODAY)
        s.commit()
    with unit_of_work(seeded) as s:
        views = [
            v
            for v in effect_views(s, by=FK_READER, today=TODAY, series=lambda _s, _n: [])
            if v.summary.statement.startswith("Fler försäkrade")
        ]
    report = build_report(views, TODAY)
    [effect] = report.effects
    assert effect.indicators[0].value_lines == (
        "2024-12-31: 57\u00a0600\u00a0planer (FK 2025/000536, avsnitt 2: cirka 57 600 under 2024 "
        "(en ökning med 305 procent))",
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(report))).pages)
    assert "FK 2025/000536" in text and "Planer av god kvalitet" in text


def test_the_report_says_what_an_effect_rests_on(effect):
    engine, effect_id, _ = effect
    issue = act(engine, raise_issue, data=CERTIFICATES, by=at("Anna", "vm-individ-vard"))
    act(
        engine,
        link_effect,
        effect_id=effect_id,
        kind=EffectLinkKind.ISSUE,
        target=issue.reference,
        by=LEADER,
    )
    with unit_of_work(engine) as s:
        views = effect_views(s, by=LEADER, today=TODAY)
    [effect_shown] = build_report(views, TODAY).effects
    assert effect_shown.rests_on == (
        f"Fråga: {issue.reference} Läkarintyg från vårdcentralerna kommer sent",
    )


def test_a_share_in_per_cent_stays_within_0_to_100_wherever_it_is_written(effect):
    engine, effect_id, _ = effect
    with pytest.raises(InvalidInputError) as invalid:
        act(
            engine,
            add_indicator,
            effect_id=effect_id,
            by=LEADER,
            data=IndicatorInput(
                "Andel planer",
                Direction.HIGHER,
                unit="%",
                target_value=150,
                target_on=date(2027, 12, 31),
            ),
        )
    assert invalid.value.problems == [("target", "out_of_range")]
    share = act(
        engine,
        add_indicator,
        effect_id=effect_id,
        by=LEADER,
        data=IndicatorInput("Andel planer", Direction.HIGHER, unit="%", organisation="fk"),
    ).id
    with pytest.raises(EffectRefusedError) as refused:
        act(
            engine,
            record_measurement,
            indicator_id=share,
            measured_on=date(2024, 12, 31),
            value=150,
            by=FK_OFFICER,
            today=TODAY,
        )
    assert (refused.value.code, refused.value.params["high"]) == ("out_of_range", "100")
    first = act(
        engine,
        record_measurement,
        indicator_id=share,
        measured_on=date(2024, 12, 31),
        value=55.5,
        by=FK_OFFICER,
        today=TODAY,
    )
    with pytest.raises(EffectRefusedError):
        act(
            engine,
            correct_measurement,
            measurement_id=first.id,
            value=-1,
            reason="Fel",
            by=FK_OFFICER,
            today=TODAY,
        )
    with unit_of_work(engine) as s:
        check = check_import(
            s,
            data=_csv(
                "indikator;datum;värde",
                "Andel planer;2023;55,5",
                "Andel planer;2022;1 234",
                "Andel planer;2021;42",
            ),
            filename="andel.csv",
            effect_id=effect_id,
            by=FK_OFFICER,
            today=TODAY,
        )
    assert [(r.line, r.code) for r in check.refused] == [(3, "out_of_range")]
    assert [r.value for r in check.good] == [55.5, 42]


def test_a_report_made_when_its_button_is_clicked_speaks_the_readers_language(seeded):
    """Streamlit makes a deferred download outside the page's run (no session to read the
    language from): the run's language goes with it."""
    with unit_of_work(seeded) as s:
        load_effects(s, today=TODAY)
        s.commit()
    with unit_of_work(seeded) as s:
        views = effect_views(s, by=FK_READER, today=TODAY, series=lambda _s, _n: [])
    title = lambda report: report.title.encode()  # noqa: E731
    english = deferred(title, views, TODAY, "en")
    swedish = deferred(title, views, TODAY, "sv")
    assert (english(), swedish()) == (b"Follow-up report", b"Uppf\xc3\xb6ljningsrapport")
