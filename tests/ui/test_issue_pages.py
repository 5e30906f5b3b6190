import html
import re

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import Forum, Issue, IssueEvent, Notification, make_engine, unit_of_work
from models.vocabulary import IssueKind
from services.issues.use_cases import IssueInput, raise_issue
from services.permissions import trusted_actor
from tests.integration.test_issues import CERTIFICATES
from tests.ui.conftest import ROOT, TIMEOUT, seen, sign_in, texts

ANNA = "Anna Andersson, samverkansansvarig FK Västmanland (demo)"
BERTIL = "Bertil Berg, ordförande Försäkringsmedicinsk kommitté (demo)"


def start(app: AppTest, page: str, user: str = "anna") -> AppTest:
    """Signed in as a demo user (Anna, samverkansansvarig at vm-individ-vard, by default)."""
    sign_in(app, user)
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def open_issue(app: AppTest, reference: str) -> AppTest:
    app.query_params["ref"] = reference
    app.switch_page("pages/issue.py").run()
    assert not app.exception, app.exception
    return app


def fill_issue(app: AppTest, description: str) -> AppTest:
    app.selectbox(key="ni_forum").set_value("vm-individ-vard")
    app.text_input(key="ni_title").set_value("Läkarintyg kommer sent")
    app.text_area(key="ni_description").set_value(description)
    app.multiselect(key="ni_orgs").set_value(["fk-vastmanland", "region-vastmanland"])
    app.button(key="ni_submit").click().run()
    assert not app.exception, app.exception
    return app


def submit(app: AppTest, form: str) -> AppTest:
    """Press the submit button of one form on the issue page."""
    [button] = [b for b in app.button if b.proto.form_id == form]
    return button.click().run()


def issues_in(url: str) -> list[Issue]:
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Issue).where(~Issue.is_demo)))  # a first start seeds demo
    engine.dispose()
    return rows


def test_a_pasted_personal_number_is_caught_shown_where_and_nothing_is_saved(app, app_db):
    start(app, "pages/issue_new.py")
    text = "Vi har sett att 19121212-1212 fick vänta."
    fill_issue(app, text)
    shown = texts(app)
    assert "personnummer eller samordningsnummer" in shown
    assert "Beskrivning, tecken 17–29: 19121212-1212" in shown
    assert app.text_area(key="ni_description").value == text
    assert app.text_input(key="ni_title").value == "Läkarintyg kommer sent"
    assert issues_in(app_db) == []


def test_an_issue_is_logged_and_gets_its_reference(app, app_db):
    start(app, "pages/issue_new.py")
    fill_issue(app, "Kompletteringar efter 30 dagar i ca 40 fall.")
    [issue] = issues_in(app_db)
    assert f"Frågan är sparad som {issue.reference}." in texts(app)
    assert issue.raised_by == ANNA


def test_a_missing_title_is_said_and_nothing_saved(app, app_db):
    start(app, "pages/issue_new.py")
    app.selectbox(key="ni_forum").set_value("vm-individ-vard")
    app.button(key="ni_submit").click().run()
    assert "Rubrik måste fyllas i." in texts(app)
    assert issues_in(app_db) == []


def logged(app: AppTest) -> str:
    start(app, "pages/issue_new.py")
    fill_issue(app, "Underlag finns.")
    return [m for m in app.success][0].value.rsplit(" ", 1)[1].rstrip(".")


def escalated(app: AppTest) -> str:
    """Logged by Anna and lifted to the committee, where Bertil is chair."""
    reference = logged(app)
    open_issue(app, reference)
    app.selectbox[0].set_value("vm-fm-kommitte")
    app.text_area(key=f"issue-{reference}-esc_reason").set_value("Behöver kommitténs beslut")
    submit(app, "escalate")
    assert not app.exception, app.exception
    return reference


def test_the_issue_is_escalated_and_resolved_from_its_page_with_a_timeline(app, app_db):
    reference = escalated(app)
    shown = texts(app)
    assert "Sparat." in shown
    assert f"Lyft · {ANNA}" in shown
    # Anna works where it arose; resolving at the committee is its chair's decision
    assert "Att lösa eller avsluta frågan gör ordföranden" not in shown
    assert not [b for b in app.button if b.proto.form_id == "resolve"]
    sign_in(app, "bertil")
    open_issue(app, reference)
    app.text_area(key=f"issue-{reference}-res_outcome").set_value(
        "Ny rutin för kompletteringar införs."
    )
    submit(app, "resolve")
    assert issues_in(app_db)[0].status == "resolved"
    assert "Ny rutin för kompletteringar införs." in texts(app)
    assert f"Löst · {BERTIL}" in texts(app)


def test_two_editors_the_stale_save_is_refused_and_the_text_stays(app, app_db):
    reference = logged(app)
    other = start(
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT),
        "pages/issues.py",
        user="anna",
    )  # the same person in a second window
    for at in (app, other):
        open_issue(at, reference)
    submit(other, "status")
    assert issues_in(app_db)[0].status == "in_preparation"
    app.text_area(key=f"issue-{reference}-esc_reason").set_value("Mitt skäl")
    submit(app, "escalate")
    shown = texts(app)
    assert f"Frågan har ändrats av {ANNA}" in shown
    assert app.text_area(key=f"issue-{reference}-esc_reason").value == "Mitt skäl"
    assert issues_in(app_db)[0].status == "in_preparation"


def test_the_list_finds_the_issue_by_its_reference(app):
    reference = logged(app)
    app.switch_page("pages/issues.py").run()
    app.text_input(key="is_text").set_value(reference).run()
    assert "Träffar: 1 · sida 1 av 1" in texts(app)
    app.text_input(key="is_text").set_value("finns inte").run()
    assert "Inga frågor matchar" in texts(app)


def test_the_outcome_reaches_the_inbox_of_whoever_raised_it(app):
    reference = escalated(app)
    sign_in(app, "bertil")
    open_issue(app, reference)
    app.text_area(key=f"issue-{reference}-res_outcome").set_value(
        "Rutin för kompletteringar är beslutad."
    )
    submit(app, "resolve")
    assert "Återkopplingen har ännu inte kvitterats" in texts(app)
    sign_in(app, "anna")
    app.switch_page("pages/inbox.py").run()
    app.multiselect(key="my_forums").set_value([]).run()  # only what is addressed to her
    shown = texts(app)
    assert "Rutin för kompletteringar är beslutad." in shown  # newest first
    before = int(shown.split("Att ta del av: ")[1].split()[0])
    app.button(
        key=[b.key for b in app.button if str(b.key).startswith("ack-") and b.key != "ack-all"][0]
    ).click().run()
    assert f"Att ta del av: {before - 1}" in texts(app)
    assert "Rutin för kompletteringar är beslutad." not in texts(app)
    open_issue(app, reference)
    shown = texts(app)
    assert "Återkopplingen har nått den som väckte frågan." in shown
    assert "Återkoppling kvitterad" in shown  # the acknowledgement is in the history
    assert "Status: Lyft → Löst" in shown  # and every status change says from what to what


def test_the_filtered_list_exports_as_csv(app):
    reference = logged(app)
    app.switch_page("pages/issues.py").run()
    app.text_input(key="is_text").set_value(reference).run()
    app.button(key="exp_csv").click().run()
    assert not app.exception, app.exception
    _for, kind, data = app.session_state["export"]
    lines = data.decode("utf-8-sig").splitlines()
    assert kind == "csv" and lines[0].startswith("Referens;Rubrik;Status")
    assert len(lines) == 2 and lines[1].startswith(f"{reference};Läkarintyg kommer sent;Ny")


def test_an_edit_shows_in_the_timeline_from_and_to(app):
    reference = logged(app)
    open_issue(app, reference)
    app.text_input(key=f"issue-{reference}-ed_title").set_value("Läkarintyg kommer mycket sent")
    submit(app, "edit")
    assert not app.exception, app.exception
    assert "Rubrik: Läkarintyg kommer sent → Läkarintyg kommer mycket sent" in texts(app)


def test_two_issues_are_linked_from_the_page(app):
    first = logged(app)
    second = logged(app)
    open_issue(app, first)
    app.text_input(key=f"issue-{first}-link_other").set_value(second)
    submit(app, "link")
    assert not app.exception, app.exception
    assert any(second in seen(str(p.proto.label)) for p in app.get("page_link"))
    app.text_input(key=f"issue-{first}-link_other").set_value("SAM-1999-9999")
    submit(app, "link")
    assert "Det finns ingen fråga SAM-1999-9999." in texts(app)


def test_my_issues_shows_what_i_raised_and_what_waits_at_my_forums(app):
    reference = logged(app)
    app.switch_page("pages/inbox.py").run()
    app.multiselect(key="my_forums").set_value(["vm-individ-vard"]).run()
    assert not app.exception, app.exception
    [raised] = [o for o in app.radio(key="ib_view").options if o.startswith("Frågor jag väckt")]
    assert int(raised.split("(")[1].rstrip(")")) >= 1  # hers in the demo, and this one
    assert reference not in links(app)  # only the chosen list is drawn: the inbox
    app.radio(key="ib_view").set_value("raised").run()  # raised by me
    assert links(app).count(reference) == 1
    app.query_params["tab"] = "waiting"  # and waiting at my forum, by a link
    app.run()
    assert not app.exception, app.exception
    assert links(app).count(reference) == 1
    app.multiselect(key="my_forums").set_value([]).run()  # a count in a label changes
    assert "Väntar i mina forum (0)" in app.radio(key="ib_view").options
    assert "Inga öppna frågor väntar i dina forum." in texts(app)  # the same list stays


def links(app) -> list[str]:
    return [str(p.proto.label) for p in app.get("page_link")]


def test_text_typed_on_one_issue_does_not_follow_to_another(app):
    first, second = logged(app), logged(app)
    open_issue(app, first)
    app.text_area(key=f"issue-{first}-esc_reason").set_value("Skäl för den första").run()
    app.text_input(key="issue_ref").set_value(second).run()
    assert app.text_area(key=f"issue-{second}-esc_reason").value == ""


def test_saving_twice_does_not_log_the_issue_twice(app, app_db):
    start(app, "pages/issue_new.py")
    fill_issue(app, "Underlag finns.")
    assert "Frågan är sparad som" in texts(app)
    assert app.text_input(key="ni_title").value == ""  # the form is empty again
    [save] = [b for b in app.button if b.label == "Spara frågan"]
    save.click().run()
    assert not app.exception, app.exception
    assert len(issues_in(app_db)) == 1


def test_a_refused_comment_says_the_comment_was_not_saved(app):
    reference = logged(app)
    open_issue(app, reference)
    app.text_area(key=f"issue-{reference}-com_text").set_value("Gäller 19121212-1212.")
    submit(app, "comment")
    shown = texts(app)
    assert "Kommentaren sparades inte; det du skrev finns kvar." in shown
    assert "Frågan sparades inte" not in shown


def test_one_resolution_is_one_card_in_the_inbox_and_all_can_be_acknowledged(app):
    reference = escalated(app)
    sign_in(app, "bertil")
    open_issue(app, reference)
    app.text_area(key=f"issue-{reference}-res_outcome").set_value("Rutin beslutad.")
    submit(app, "resolve")
    sign_in(app, "anna")
    app.switch_page("pages/inbox.py").run()
    cards = [b for b in app.button if str(b.key).startswith("ack-") and b.key != "ack-all"]
    labels = [seen(str(p.proto.label)) for p in app.get("page_link")]
    assert sum(reference in label for label in labels) == 1  # one card
    app.button(key="ack-all").click().run()
    assert not app.exception, app.exception
    assert "Inget nytt att ta del av." in texts(app)
    assert cards


def test_the_skip_reason_is_asked_only_when_a_level_is_skipped(app, app_db):
    app.run()
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        reference = raise_issue(
            s,
            by=trusted_actor(ANNA),
            data=IssueInput(
                "Intyg till NPO",
                "",
                IssueKind.CHALLENGE,
                "vm-individ-vard",
                organisations=("fk-vastmanland", "npo-rhf"),
            ),
        ).reference
        s.commit()
    engine.dispose()
    sign_in(app, "anna")
    open_issue(app, reference)
    skip_key = f"issue-{reference}-esc_skip"
    assert skip_key not in [a.key for a in app.text_area]  # one step up: no skip to explain
    target = app.selectbox(key=f"issue-{reference}-esc_target")
    assert "samverkansgrupp-fm" in target.options or any(
        "Samverkansgrupp" in str(o) for o in target.options
    )
    target.set_value("samverkansgrupp-fm").run()
    assert skip_key in [a.key for a in app.text_area]  # the right level skips levels


def test_a_delegated_issue_gets_no_proposal_to_lift_it(app, app_db):
    reference = escalated(app)
    sign_in(app, "bertil")
    open_issue(app, reference)
    app.text_area(key=f"issue-{reference}-del_reason").set_value("Hanteras lokalt.")
    submit(app, "delegate")
    assert not app.exception, app.exception
    sign_in(app, "anna")
    open_issue(app, reference)
    assert "Förslag att lyfta" not in texts(app)


def test_a_draft_is_kept_when_the_page_is_left_and_opened_again(app, app_db):
    start(app, "pages/issue_new.py")
    app.text_input(key="ni_title").set_value("Utkast om läkarintyg").run()
    app.text_area(key="ni_description").set_value("Halvskriven beskrivning").run()
    app.switch_page("pages/issues.py").run()
    app.switch_page("pages/issue_new.py").run()
    assert not app.exception, app.exception
    assert app.text_input(key="ni_title").value == "Utkast om läkarintyg"
    assert app.text_area(key="ni_description").value == "Halvskriven beskrivning"
    app.selectbox(key="ni_forum").set_value("vm-individ-vard")
    app.button(key="ni_submit").click().run()
    assert [i.title for i in issues_in(app_db)] == ["Utkast om läkarintyg"]
    app.switch_page("pages/issues.py").run()
    app.switch_page("pages/issue_new.py").run()
    assert app.text_input(key="ni_title").value == ""  # saved: the draft is gone


def test_a_suggestion_names_the_organisations_not_represented_by_name(app, app_db):
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        reference = raise_issue(
            s,
            by=trusted_actor(),
            data=IssueInput(
                title="Sena intyg",
                description="",
                kind=IssueKind.CHALLENGE,
                forum="vm-individ-vard",
                organisations=("fk-vastmanland", "af-vastmanland"),
            ),
        ).reference
        s.commit()
    engine.dispose()
    start(app, "pages/issues.py")
    open_issue(app, reference)
    shown = texts(app)
    assert "”Arbetsförmedlingen Västmanland” finns inte representerade" in shown
    assert "af\\-vastmanland" not in shown and "af-vastmanland" not in shown


def test_a_full_inbox_shows_the_newest_ten_and_says_more_are_waiting(app, app_db):
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        ref = raise_issue(s, data=CERTIFICATES, by=trusted_actor("Bo")).reference
        issue = s.exec(select(Issue).where(Issue.reference == ref)).one()
        forum_id = s.exec(select(Forum.id).where(Forum.key == "vm-individ-vard")).one()
        for n in range(25):
            event = IssueEvent(
                issue_id=issue.id, actor="Bo", kind="commented", reason=f"Kommentar {n}"
            )
            s.add(event)
            s.flush()
            s.add(
                Notification(
                    issue_id=issue.id, event_id=event.id, kind="feedback", forum_id=forum_id
                )
            )
        s.commit()
    engine.dispose()
    sign_in(app, "anna")
    app.switch_page("pages/inbox.py").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Visar de 10 senaste. När du har tagit del av dem visas nästa." in shown
    assert "Kommentar 24" in shown and "Kommentar 15" in shown
    assert "Kommentar 14" not in shown


def test_a_second_lift_shows_where_it_went_not_a_status_that_stayed(app):
    reference = escalated(app)
    sign_in(app, "bertil")  # the committee's chair lifts it on; the status stays "Lyft"
    open_issue(app, reference)
    app.selectbox[0].set_value("vm-strategisk-hsv")
    app.text_area(key=f"issue-{reference}-esc_reason").set_value("Berör hela länet")
    submit(app, "escalate")
    assert not app.exception, app.exception
    shown = texts(app)
    assert "Status: Ny → Lyft" in shown and "Berör hela länet" in shown
    assert "Status: Lyft → Lyft" not in shown


def test_a_shared_list_shows_a_change_made_through_another_server_at_the_next_run(app, app_db):
    """The lists are shared between sessions until an issue or the structure changes: a change
    written by another app server (here straight into the database) is seen at once."""
    from datetime import timedelta

    from models.audit import acting_as
    from models.clock import now
    from services.structure.read import bump_revision

    sign_in(app, "david")  # the strategic level reads every issue
    app.switch_page("pages/issues.py").run()
    app.text_input(key="is_text").set_value("SAM-2026-0002").run()
    assert "Träffar: 1" in texts(app)
    engine = make_engine(app_db)
    with unit_of_work(engine) as s, acting_as("system"):
        issue = s.exec(select(Issue).where(Issue.reference == "SAM-2026-0002")).one()
        issue.title, issue.updated_at = "Rubrik från en annan server", now() + timedelta(minutes=1)
        s.add(issue)
        s.commit()
    app.run()
    assert "Rubrik från en annan server" in texts(app)
    with unit_of_work(engine) as s, acting_as("system"):
        forum = s.get(Forum, issue.forum_id)
        forum.name = "Omdöpt forum (demo)"
        s.add(forum)
        bump_revision(s)  # as every structure change does
        s.commit()
    app.run()
    assert "Omdöpt forum (demo)" in texts(app)


def test_an_issues_page_shows_a_change_made_through_another_server_at_the_next_run(app, app_db):
    """An issue's page is shared between its readers until the issue changes: a comment (a
    history event that leaves the issue's row as it was) and an edit written by another app
    server (here through the use cases, straight on the database) are seen at once."""
    from services.issues.use_cases import comment_issue

    sign_in(app, "david")  # the strategic level reads every issue
    open_issue(app, "SAM-2026-0002")
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        comment_issue(
            s,
            reference="SAM-2026-0002",
            text="Kommentar via en annan server",
            by=trusted_actor(ANNA),
        )
        s.commit()
    app.run()
    assert "Kommentar via en annan server" in texts(app)
    with unit_of_work(engine) as s:
        issue = s.exec(select(Issue).where(Issue.reference == "SAM-2026-0002")).one()
        issue.title = "Rubrik från en annan server"
        s.add(issue)
        s.commit()
    app.run()
    assert "Rubrik från en annan server" in texts(app)
    engine.dispose()


def test_the_history_is_one_list_newest_first_with_a_link_to_each_meeting(app):
    """The demo issue was put on two meetings' agendas: each such event links to its meeting,
    and the events between are items of lists, not an element each."""
    sign_in(app, "anna")
    open_issue(app, "SAM-2026-0001")
    bodies = [h.proto.body for h in app.get("html") if h.proto.body.startswith("<ol")]
    items = [body.count("<li") for body in bodies]
    assert sum(items) >= 5 and len(bodies) <= 3
    meetings = [p for p in app.get("page_link") if str(p.proto.label) == "Öppna mötet"]
    assert len(meetings) == 2
    first = html.unescape(re.sub(r"<[^>]+>", " ", bodies[0]))
    assert "Dagordning" in first.split("·")[1]  # the newest event comes first


def test_more_filters_run_only_when_opened_and_closed_filter_nothing(app):
    sign_in(app, "david")
    app.switch_page("pages/issues.py").run()
    every = [c for c in texts(app).splitlines() if c.startswith("Träffar:")]
    assert not [s for s in app.selectbox if s.key == "is_region"]  # not drawn, not run
    app.toggle(key="is_more").set_value(True).run()
    app.selectbox(key="is_region").set_value("region-skane").run()
    narrowed = [c for c in texts(app).splitlines() if c.startswith("Träffar:")]
    assert narrowed != every
    app.toggle(key="is_more").set_value(False).run()
    assert not app.exception
    assert [c for c in texts(app).splitlines() if c.startswith("Träffar:")] == every
