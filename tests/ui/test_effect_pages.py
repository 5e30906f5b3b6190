"""The effect pages as the demo's strategic leader and the responsible organisation use them."""

from datetime import date

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import (
    AgendaItem,
    Effect,
    Forum,
    Indicator,
    Issue,
    ItemDecision,
    Measurement,
    Meeting,
    clock,
    make_engine,
    unit_of_work,
)
from models.vocabulary import EffectLinkKind, EffectStatus
from services.effects.links import link_effect
from services.effects.reviews import record_review
from services.permissions import trusted_actor
from tests.ui.conftest import seen, sign_in, texts


def effect_ids(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        found = dict(s.exec(select(Effect.key, Effect.id)).all())
    engine.dispose()
    return found


def review_by_another_leader(engine, effect_id: int, comment: str) -> None:
    """A review by Eva, another strategic leader, written straight on the database (as
    through another app server) on the effect as it stands."""
    with unit_of_work(engine) as s:
        record_review(
            s,
            effect_id=effect_id,
            assessment=EffectStatus.AT_RISK,
            comment=comment,
            by=trusted_actor("Eva (strategisk ledare)"),
            today=clock.today(),
            expected_version=s.get(Effect, effect_id).version,
        )
        s.commit()


def open_effect(app: AppTest, effect_id: int) -> AppTest:
    app.query_params["id"] = str(effect_id)
    app.switch_page("pages/effect.py").run()
    assert not app.exception, app.exception
    return app


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def test_signed_out_the_dashboard_asks_for_a_sign_in(app):
    app.run()
    app.switch_page("pages/effects.py").run()
    assert "Logga in för att se effektuppföljningen." in texts(app)


def test_the_leader_sees_every_effect_with_its_status_and_reason(app):
    sign_in(app, "david")
    app.switch_page("pages/effects.py").run()
    assert not app.exception, app.exception
    shown = texts(app)
    for statement in (
        "Fler försäkrade kommer åter i arbete",
        "Utmaningar uppmärksammas, diskuteras och hanteras gemensamt",
        "Fler långa sjukfall i Västmanland har en plan",
    ):
        assert statement in shown
    assert "Ur fas: 1 i fas, 0 i riskzonen, 1 ur fas, 0 utan aktuella data." in shown
    assert "Planer för återgång i arbete som kommer in eller inhämtas" in shown
    assert "trenden går tydligt åt rätt håll" in shown
    assert "Avstämningen är försenad" in shown
    assert len(app.get("plotly_chart")) == 1  # the overview
    assert {d.proto.label for d in app.get("download_button")} >= {
        "Rapport (Word)",
        "Rapport (PDF)",
    }
    assert "Samverkans egna effekter, räknade ur frågorna" not in shown  # a view of its own
    app.radio(key="ef_view").set_value("collaboration").run()
    assert not app.exception, app.exception
    assert "Samverkans egna effekter, räknade ur frågorna" in texts(app)
    assert len(app.get("plotly_chart")) >= 1  # the flow of issues


def test_the_leader_records_a_review_and_the_report_holds_it(app, app_db):
    sign_in(app, "david")
    effect = effect_ids(app_db)["fk-2025-000536"]
    open_effect(app, effect)
    shown = texts(app)
    assert "57\u00a0600" in shown and "14\u00a0200" in shown
    assert "Ett enda värde (75\u00a0%, 2025-06-02); en trend behöver minst två." in shown
    app.text_area(key=f"review-{effect}-comment").set_value("Planerna ökar; kvaliteten följs.")
    button(app, "Spara avstämningen").click().run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Avstämningen är sparad." in shown
    assert "Planerna ökar; kvaliteten följs." in shown
    docx, pdf = [d for d in app.get("download_button") if d.proto.label.startswith("Rapport")]
    assert docx.proto.label == "Rapport (Word)" and pdf.proto.label == "Rapport (PDF)"


def test_the_responsible_organisation_records_a_value_and_corrects_it(app, app_db):
    sign_in(app, "cecilia")  # FK, secretary of the samverkansgrupp: FK answers for the values
    effect = effect_ids(app_db)["fk-2025-000536"]
    open_effect(app, effect)
    assert "Registrera en avstämning" not in [seen(e.label) for e in app.expander]
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        indicator = s.exec(
            select(Measurement.indicator_id).where(Measurement.value == 57_600)
        ).one()  # the first indicator
    app.text_input(key=f"measure-{indicator}-value").set_value("80").run()
    assert "Sparas som 80\u00a0planer." in texts(app)  # what was read is said before the save
    button(app, "Spara värdet").click().run()
    assert not app.exception, app.exception
    assert "Värdet är sparat." in texts(app), [e.value for e in app.error]
    with unit_of_work(engine) as s:
        new = s.exec(select(Measurement).where(Measurement.value == 80)).one()
    app.selectbox(key=f"correct-{indicator}-which").set_value(new.id)
    app.text_input(key=f"correct-{indicator}-value").set_value("81")
    button(app, "Spara rättelsen").click().run()
    assert "Skriv varför värdet rättas." in texts(app)  # refused: nothing saved, input kept
    app.text_input(key=f"correct-{indicator}-reason").set_value("Slutlig siffra")
    button(app, "Spara rättelsen").click().run()
    assert "Rättelsen är sparad; det tidigare värdet finns kvar i historiken." in texts(app)
    with unit_of_work(engine) as s:
        old = s.get(Measurement, new.id)
    engine.dispose()
    assert old.replaced_by_id is not None and old.replaced_reason == "Slutlig siffra"


def test_someone_from_another_organisation_only_reads(app, app_db):
    sign_in(app, "bertil")  # Region Västmanland
    open_effect(app, effect_ids(app_db)["fk-2025-000536"])
    assert not [b for b in app.button if b.label in ("Spara värdet", "Spara avstämningen")]


def test_the_leader_links_an_issue_to_an_effect_from_the_issue_page(app, app_db):
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        reference = s.exec(
            select(Issue.reference).where(
                Issue.title == "Ingen regelbunden förebyggande samverkan med vårdenheterna (demo)"
            )
        ).one()
    engine.dispose()
    sign_in(app, "david")
    app.query_params["ref"] = reference
    app.switch_page("pages/issue.py").run()
    assert not app.exception, app.exception
    effect = effect_ids(app_db)["samverkan-i-strukturerna"]
    app.selectbox(key=f"issue-effect-{reference}-effect").set_value(effect)
    button(app, "Koppla").click().run()
    assert not app.exception, app.exception
    assert "Effekter som vilar på frågan" in texts(app)
    assert any("Utmaningar uppmärksammas" in str(p.proto.label) for p in app.get("page_link"))


def test_the_leader_creates_an_effect_and_gives_it_an_indicator(app, app_db):
    sign_in(app, "david")
    app.switch_page("pages/effects.py").run()
    app.radio(key="ef_view").set_value("new").run()
    button(app, "Spara effekten").click().run()
    assert "Önskad effekt måste fyllas i." in texts(app)  # refused: nothing saved
    app.text_area(key="effect-form-new-statement").set_value("Kortare väntan på avstämning")
    button(app, "Spara effekten").click().run()
    assert not app.exception, app.exception
    assert "Effekten är sparad." in texts(app)
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        effect = s.exec(
            select(Effect.id).where(Effect.statement == "Kortare väntan på avstämning")
        ).one()
    engine.dispose()
    [to_it] = [p for p in app.get("page_link") if p.proto.label.startswith("Öppna den nya")]
    assert to_it.proto.query_string == f"id={effect}"
    open_effect(app, effect)
    scope = f"indicator-new-{effect}"
    app.text_input(key=f"{scope}-name").set_value("Dagar till avstämningsmöte")
    app.text_input(key=f"{scope}-target").set_value("60")
    button(app, "Spara indikatorn").click().run()
    assert "Målvärde: ange både värde och datum, eller inget av dem." in texts(app)
    app.date_input(key=f"{scope}-target_on").set_value(date(2027, 12, 31))
    button(app, "Spara indikatorn").click().run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Dagar till avstämningsmöte" in shown and "Inga värden ännu." in shown


def test_the_minutes_show_the_effects_resting_on_a_decision(app, app_db):
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        decision, meeting = s.exec(
            select(ItemDecision.id, AgendaItem.meeting_id)
            .join(AgendaItem, AgendaItem.id == ItemDecision.item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .join(Forum, Forum.id == Meeting.forum_id)
            .where(Forum.key == "samverkansgrupp-fm")
        ).first()
        effect = s.exec(select(Effect.id).where(Effect.key == "fk-2025-000536")).one()
        link_effect(
            s,
            effect_id=effect,
            kind=EffectLinkKind.DECISION,
            target=str(decision),
            by=trusted_actor(),
        )
        s.commit()
    engine.dispose()
    sign_in(app, "cecilia")
    app.query_params["id"] = str(meeting)
    app.switch_page("pages/meeting.py").run()
    assert not app.exception, app.exception
    assert any(
        "Fler försäkrade kommer åter i arbete" in str(p.proto.label) for p in app.get("page_link")
    )


def test_the_leader_stops_following_up_an_effect_with_a_reason(app, app_db):
    sign_in(app, "david")
    effect = effect_ids(app_db)["demo-vm-planer-langa-sjukfall"]
    open_effect(app, effect)
    button(app, "Sluta följa upp effekten").click().run()
    assert "Skriv varför effekten inte längre ska följas upp." in texts(app)
    app.text_input(key=f"archive-{effect}-reason").set_value("Ersatt av länets nya mål")
    button(app, "Sluta följa upp effekten").click().run()
    assert not app.exception, app.exception
    assert "Effekten följs inte längre upp." in texts(app)
    assert "Spara avstämningen" not in [b.label for b in app.button]
    app.switch_page("pages/effects.py").run()
    assert "Fler långa sjukfall i Västmanland" not in texts(app)


def test_a_swedish_decimal_comma_is_read_as_such_and_a_share_stays_within_100(app, app_db):
    sign_in(app, "cecilia")
    effect = effect_ids(app_db)["fk-2025-000536"]
    open_effect(app, effect)
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        share = s.exec(
            select(Indicator.id).where(Indicator.effect_id == effect, Indicator.unit == "%")
        ).first()
    key = f"measure-{share}-value"
    app.text_input(key=key).set_value("150").run()
    assert "% ligger mellan 0 och 100." in texts(app)
    app.button(key=f"measure-{share}-save").click().run()
    assert "% ligger mellan 0 och 100." in texts(app)  # refused before the service
    app.text_input(key=key).set_value("55,5").run()
    assert "Sparas som 55,5\u00a0%." in texts(app)
    app.button(key=f"measure-{share}-save").click().run()
    assert "Värdet är sparat." in texts(app)
    assert not app.exception, app.exception
    with unit_of_work(engine) as s:
        values = s.exec(
            select(Measurement.value).where(
                Measurement.indicator_id == share, Measurement.recorded_by != ""
            )
        ).all()
    engine.dispose()
    assert 55.5 in values and 150 not in values and 555 not in values


def test_a_save_after_someone_elses_is_refused_not_written_over_theirs(app, app_db):
    """The page reads the effect afresh on every run; the save must carry the version the
    leader opened, so another leader's review made meanwhile is not silently overwritten."""
    sign_in(app, "david")
    effect = effect_ids(app_db)["demo-vm-planer-langa-sjukfall"]
    open_effect(app, effect)
    engine = make_engine(app_db)
    review_by_another_leader(engine, effect, "Av Eva.")
    app.text_input(key=f"archive-{effect}-reason").set_value("Ersatt av länets nya mål")
    button(app, "Sluta följa upp effekten").click().run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Effekten har ändrats av någon annan sedan du öppnade den." in shown
    with unit_of_work(engine) as s:
        assert s.get(Effect, effect).archived_at is None
    button(app, "Läs in effekten igen").click().run()
    app.text_input(key=f"archive-{effect}-reason").set_value("Ersatt av länets nya mål")
    button(app, "Sluta följa upp effekten").click().run()
    assert "Effekten följs inte längre upp." in texts(app)
    engine.dispose()


def test_the_dashboard_shows_a_review_made_through_another_server_at_the_next_run(app, app_db):
    """The dashboard's effects are shared between readers until an effect changes: a review
    written by another app server (here straight on the database) is seen at once."""
    sign_in(app, "david")
    app.switch_page("pages/effects.py").run()
    assert "Effekter med försenad avstämning: 1." in texts(app)
    effect = effect_ids(app_db)["demo-vm-planer-langa-sjukfall"]
    engine = make_engine(app_db)
    review_by_another_leader(engine, effect, "Avstämd via en annan server.")
    engine.dispose()
    app.run()
    shown = texts(app)
    assert "Effekter med försenad avstämning" not in shown
    assert "Nästa avstämning" in shown
