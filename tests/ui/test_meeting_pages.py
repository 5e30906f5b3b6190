"""The meeting pages as the demo's chairs, secretaries and preparatory group use them."""

from datetime import time, timedelta

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import AgreedAction, Forum, Issue, Meeting, clock, make_engine, unit_of_work
from models.vocabulary import MeetingStatus
from services.issues.use_cases import escalate_issue, raise_issue
from services.meetings.agenda_items import add_issue_item
from services.permissions import trusted_actor
from tests.integration.test_issues import CERTIFICATES
from tests.ui.conftest import seen, sign_in, texts


def meetings(url: str, forum: str) -> list[Meeting]:
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == forum)).one()
        rows = list(
            s.exec(select(Meeting).where(Meeting.forum_id == forum_id).order_by(Meeting.starts_at))
        )
    engine.dispose()
    return rows


def open_meeting(app: AppTest, meeting_id: int) -> AppTest:
    app.query_params["id"] = str(meeting_id)
    app.switch_page("pages/meeting.py").run()
    assert not app.exception, app.exception
    return app


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def test_the_secretary_sees_her_forum_and_the_coming_meetings_agenda(app, app_db):
    sign_in(app, "cecilia")
    app.switch_page("pages/meetings.py").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Samverkansgrupp för försäkringsmedicin" in shown
    assert "bereds först i Beredningsgrupp" in shown
    past, coming = meetings(app_db, "samverkansgrupp-fm")
    open_meeting(app, coming.id)
    shown = texts(app)
    assert "Kallelse skickad" in shown
    agenda = " ".join(seen(e.label) for e in app.expander)
    assert "Inflödet av sjukpenningansökningar" in agenda  # carried over from the last meeting
    assert "Dagordningen tar" in shown
    assert {d.proto.label for d in app.get("download_button")} >= {
        "Kallelse (Word)",
        "Kallelse (PDF)",
        "Kalenderfil (.ics)",
    }
    open_meeting(app, past.id)
    shown = texts(app)
    assert "Protokoll justerat" in shown
    assert "Punkten bordläggs till nästa möte. Bordläggs i väntan på NPO:s analys" in shown
    assert "Protokoll (PDF)" in {d.proto.label for d in app.get("download_button")}


def test_a_meeting_is_planned_built_from_the_proposal_and_published(app, app_db):
    sign_in(app, "bertil")
    app.switch_page("pages/meetings.py").run()
    app.date_input(key="pl-day-vm-fm-kommitte").set_value(clock.today() + timedelta(days=60))
    app.text_input(key="pl-place-vm-fm-kommitte").set_value("Västerås")
    [plan] = [b for b in app.button if b.proto.form_id == "plan-vm-fm-kommitte"]
    plan.click().run()
    assert not app.exception, app.exception
    planned = meetings(app_db, "vm-fm-kommitte")[-1]
    open_meeting(app, planned.id)
    assert any("Förslag till dagordning" in e.label for e in app.expander)
    button(app, "Lägg till förslaget på dagordningen").click().run()
    assert not app.exception, app.exception
    assert "Sparat." in texts(app)
    [agenda] = [d.value for d in app.dataframe if "title" in d.value.columns]
    titles = list(agenda["title"])
    assert titles[1] == "Föregående protokoll"
    assert any(title.startswith("Uppföljning av åtgärder: Kartlägga") for title in titles)
    assert button(app, "Skicka kallelsen (publicera dagordningen)").disabled  # nobody called
    assert "Ingen är kallad än" in texts(app)
    app.checkbox(
        key=f"to-nobody-{planned.id}-{meetings(app_db, 'vm-fm-kommitte')[-1].version}"
    ).check().run()
    button(app, "Skicka kallelsen (publicera dagordningen)").click().run()
    assert "Kallelse skickad" in texts(app)
    assert meetings(app_db, "vm-fm-kommitte")[-1].status == MeetingStatus.PUBLISHED


def test_a_meeting_that_ends_before_it_starts_is_refused_and_not_planned(app, app_db):
    sign_in(app, "bertil")
    app.switch_page("pages/meetings.py").run()
    before = len(meetings(app_db, "vm-fm-kommitte"))
    app.time_input(key="pl-start-vm-fm-kommitte").set_value(time(15, 0))
    app.time_input(key="pl-end-vm-fm-kommitte").set_value(time(14, 0))
    [plan] = [b for b in app.button if b.proto.form_id == "plan-vm-fm-kommitte"]
    plan.click().run()
    assert "Mötet måste sluta efter att det börjar." in texts(app)
    assert len(meetings(app_db, "vm-fm-kommitte")) == before


def lifted_to_the_samverkansgrupp(url: str) -> str:
    """An issue raised in Västmanland and lifted step by step, as through another server."""
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        ref = raise_issue(s, data=CERTIFICATES, by=trusted_actor("Anna")).reference
        s.commit()
    for target in ("vm-fm-kommitte", "vm-strategisk-hsv", "samverkansgrupp-fm"):
        with unit_of_work(engine) as s:
            issue = s.exec(select(Issue).where(Issue.reference == ref)).one()
            escalate_issue(
                s,
                reference=ref,
                target=target,
                reason="Lyfts",
                by=trusted_actor(),
                expected_version=issue.version,
            )
            s.commit()
    engine.dispose()
    return ref


def test_the_chairs_queue_counts_what_changes_through_another_server_at_once(app, app_db):
    """The overview's queue is shared between reruns until an issue or one of the forum's
    meetings changes: a lifted issue counts on the next rerun, and leaves the count when it is
    put on the coming agenda."""
    sign_in(app, "cecilia")
    app.switch_page("pages/meetings.py").run()
    before = int(app.metric[0].value)
    ref = lifted_to_the_samverkansgrupp(app_db)
    app.run()
    assert int(app.metric[0].value) == before + 1
    [_past, coming] = meetings(app_db, "samverkansgrupp-fm")
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        add_issue_item(
            s,
            meeting_id=coming.id,
            reference=ref,
            by=trusted_actor(),
            expected_version=coming.version,
        )
        s.commit()
    engine.dispose()
    app.run()
    assert int(app.metric[0].value) == before


def test_the_preparatory_group_takes_a_lifted_issue_onto_the_coming_agenda(app, app_db):
    app.run()
    ref = lifted_to_the_samverkansgrupp(app_db)
    engine = make_engine(app_db)
    sign_in(app, "ingrid")
    app.switch_page("pages/meetings.py").run()
    assert any(ref in seen(str(p.proto.label)) for p in app.get("page_link"))
    [accept] = [b for b in app.button if b.proto.form_id == f"accept-{ref}"]
    accept.click().run()
    assert "Skriv beredningens förslag till beslut" in texts(app)  # refused: nothing saved
    app.text_area(key=f"tr-p-{ref}").set_value("Frågan löses nationellt.")
    [accept] = [b for b in app.button if b.proto.form_id == f"accept-{ref}"]
    accept.click().run()
    assert not app.exception, app.exception
    with unit_of_work(engine) as s:
        assert s.exec(select(Issue.status).where(Issue.reference == ref)).one() == "on_agenda"
    engine.dispose()


def test_an_overdue_action_shows_and_its_owner_marks_it_done(app, app_db):
    sign_in(app, "bertil")  # chair of the committee whose demo meeting agreed the action
    app.switch_page("pages/actions.py").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Kartlägga vårdenheternas behov av strukturella möten" in shown
    assert "försenad" in shown
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        action_id = s.exec(
            select(AgreedAction.id).where(AgreedAction.title.startswith("Kartlägga"))
        ).one()
    assert not [s for s in app.selectbox if s.label == "Status"]  # no form until asked for
    update = app.button(key=f"ac-update-{action_id}")
    assert update.label == "Uppdatera status"
    update.click().run()
    assert app.button(key=f"ac-update-{action_id}").label == "Stäng utan att spara"
    app.button(key=f"ac-update-{action_id}").click().run()  # closed without saving
    assert not [s for s in app.selectbox if s.label == "Status"]
    app.button(key=f"ac-update-{action_id}").click().run()
    [status] = [s for s in app.selectbox if s.label == "Status"]  # that card's only
    status.set_value("done")
    [save] = [b for b in app.button if b.proto.form_id == f"action-{action_id}"]
    save.click().run()
    assert not app.exception, app.exception
    with unit_of_work(engine) as s:
        assert s.get(AgreedAction, action_id).status == "done"
    engine.dispose()
    assert f"ac-update-{action_id}" not in [b.key for b in app.button]  # done: not listed


def test_an_action_changed_by_someone_else_meanwhile_is_not_overwritten(app, app_db):
    sign_in(app, "bertil")
    app.switch_page("pages/actions.py").run()
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        action = s.exec(
            select(AgreedAction).where(AgreedAction.title.startswith("Kartlägga"))
        ).one()
    app.button(key=f"ac-update-{action.id}").click().run()  # the form opened
    with unit_of_work(engine) as s:
        action = s.get(AgreedAction, action.id)
        action.note = "Kartläggningen är påbörjad (av Cecilia)."
        s.add(action)
        s.commit()
        action_id = action.id
    [status] = [s for s in app.selectbox if s.label == "Status"]
    status.set_value("done")
    [save] = [b for b in app.button if b.proto.form_id == f"action-{action_id}"]
    save.click().run()
    assert not app.exception, app.exception
    assert "Åtgärden har ändrats av någon annan sedan du öppnade sidan." in texts(app)
    with unit_of_work(engine) as s:
        kept = s.get(AgreedAction, action_id)
        assert (kept.status, kept.note) == ("open", "Kartläggningen är påbörjad (av Cecilia).")
    engine.dispose()


def test_a_reader_sees_the_meeting_but_cannot_change_it(app, app_db):
    sign_in(app, "fredrik")  # reader in the samverkansgrupp
    _past, coming = meetings(app_db, "samverkansgrupp-fm")
    open_meeting(app, coming.id)
    labels = {b.label for b in app.button}
    assert not labels & {"Spara dagordningen", "Lägg till förslaget på dagordningen"}
    assert "Dagordning" in texts(app)


def test_someone_outside_the_forum_cannot_open_its_meeting(app, app_db):
    sign_in(app, "anna")
    _past, coming = meetings(app_db, "samverkansgrupp-fm")
    open_meeting(app, coming.id)
    assert "Du ingår inte i forumet" in texts(app)


def test_the_issue_page_says_when_it_is_next_discussed_and_links_its_meetings(app, app_db):
    engine = make_engine(app_db)
    app.run()
    with unit_of_work(engine) as s:
        ref = s.exec(
            select(Issue.reference).where(Issue.title.startswith("Ingen regelbunden förebyggande"))
        ).one()
    engine.dispose()
    sign_in(app, "bertil")
    app.query_params["ref"] = ref
    app.switch_page("pages/issue.py").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Nästa gång frågan kan tas upp:" in shown
    assert "Försäkringsmedicinsk kommitté, Region Västmanland" in shown
    assert "Om frågan lyfts, tidigast beslut:" in shown
    assert any(p.proto.label == "Öppna mötet" for p in app.get("page_link"))


def test_the_chair_sets_the_forums_cutoff_and_standing_items(app, app_db):
    sign_in(app, "bertil")
    app.switch_page("pages/meetings.py").run()
    app.radio(key="plan-view-vm-fm-kommitte").set_value("settings").run()
    app.number_input(key="sc-cut-vm-fm-kommitte").set_value(14)
    app.text_area(key="sc-open-vm-fm-kommitte").set_value("Mötets öppnande\nFöregående protokoll")
    [save] = [b for b in app.button if b.proto.form_id == "schedule-vm-fm-kommitte"]
    save.click().run()
    assert not app.exception, app.exception
    assert "Sparat." in texts(app)
    app.switch_page("pages/meetings.py").run()
    assert app.number_input(key="sc-cut-vm-fm-kommitte").value == 14
    app.number_input(key="sc-cut-vm-fm-kommitte").set_value(-3)
    [save] = [b for b in app.button if b.proto.form_id == "schedule-vm-fm-kommitte"]
    save.click().run()
    assert "Sista dag ska vara mellan 0 och 90 dagar före mötet." in texts(app)


def test_the_year_opens_on_the_readers_own_forums_and_any_forum_can_be_chosen(app):
    """The strategic level may look at any forum's year, but it starts from its own: the
    whole country's (500 forums chosen, hundreds of meetings) is no place to start."""
    sign_in(app, "david")
    app.switch_page("pages/meetings.py").run()
    wheel = app.multiselect(key="wheel-forums")
    assert len(wheel.options) > len(wheel.value)  # every forum offered, not every one chosen
    wheel.set_value([]).run()
    assert "Välj de forum vars möten du vill se." in texts(app)
    wheel = app.multiselect(key="wheel-forums")
    wheel.set_value(["samverkansgrupp-fm"]).run()
    assert not app.exception
    assert "Välj de forum vars möten du vill se." not in texts(app)
