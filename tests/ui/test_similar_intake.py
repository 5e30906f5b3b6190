"""At intake, "Has someone raised this already?": a paraphrase of a demo issue shows it, and
following it or linking the new issue to it works and is recorded; on an issue's page, its
similar issues."""

from sqlmodel import select

from models import (
    GlossaryTerm,
    Issue,
    IssueFollower,
    IssueLink,
    SimilarChoice,
    make_engine,
    unit_of_work,
)
from tests.ui.conftest import seen, texts
from tests.ui.test_issue_pages import open_issue, start

SALA = "Sena läkarintyg fördröjer avstämningsmötena i Sala (demo)"
PARAPHRASE = "Intygen från vårdcentralerna kommer för sent till avstämningsmötet"


def reference_of(url: str, title: str) -> str:
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        reference = s.exec(select(Issue.reference).where(Issue.title == title)).one()
    engine.dispose()
    return reference


def rows(url: str, table: type) -> list:
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        found = list(s.exec(select(table)))
    engine.dispose()
    return found


def typed(app, title: str = PARAPHRASE):
    start(app, "pages/issue_new.py")
    app.text_input(key="ni_title").set_value(title).run()
    assert not app.exception, app.exception
    return app


def test_a_paraphrase_of_a_demo_issue_shows_it_while_the_issue_is_typed(app, app_db):
    typed(app)
    shown = texts(app)
    assert "Har någon redan tagit upp detta?" in shown
    assert SALA in seen(" ".join(link.label for link in app.get("page_link")))
    assert "Står nu i" in shown


def test_the_new_issue_is_linked_to_the_chosen_one_when_saved_and_the_choice_kept(app, app_db):
    sala = reference_of(app_db, SALA)
    typed(app)
    app.button(key=f"similar-link-{sala}").click().run()
    assert "Den nya frågan kopplas till" in texts(app)
    app.selectbox(key="ni_forum").set_value("vm-individ-vard")
    app.button(key="ni_submit").click().run()
    assert not app.exception, app.exception
    new = reference_of(app_db, PARAPHRASE)
    ids = {i.reference: i.id for i in rows(app_db, Issue)}
    links = {(link.issue_id, link.other_id) for link in rows(app_db, IssueLink)}
    assert (ids[new], ids[sala]) in links
    [choice] = rows(app_db, SimilarChoice)
    assert (choice.choice, choice.shown_reference, choice.new_reference) == ("linked", sala, new)
    assert choice.place == "intake" and choice.shown >= 1 and choice.score > 0


def test_following_a_suggestion_follows_it_and_logging_anyway_hides_them(app, app_db):
    sala = reference_of(app_db, SALA)
    typed(app)
    app.button(key=f"similar-follow-{sala}").click().run()
    assert not app.exception, app.exception
    assert any("Du följer nu" in s.value for s in app.success)
    sala_id = {i.reference: i.id for i in rows(app_db, Issue)}[sala]
    assert any(f.issue_id == sala_id for f in rows(app_db, IssueFollower))
    assert [c.choice for c in rows(app_db, SimilarChoice)] == ["followed"]
    app.button(key="similar-log-anyway").click().run()
    assert "Har någon redan tagit upp detta?" not in texts(app)
    assert app.text_input(key="ni_title").value == PARAPHRASE  # nothing typed is lost


def test_an_issue_page_lists_its_similar_issues(app, app_db):
    sala = reference_of(app_db, SALA)
    start(app, "pages/start.py")
    open_issue(app, sala)
    expanders = [seen(e.label) for e in app.expander]
    assert any(label.startswith("Liknande frågor") for label in expanders), expanders


def test_an_administrator_keeps_the_acronyms_on_the_structure_page(app, app_db):
    start(app, "pages/structure_admin.py", user="admin")
    assert "Förkortningar" in [tab.label for tab in app.tabs]
    assert "Förkortningar som sökningen efter liknande frågor skriver ut" in texts(app)
    app.button(key="glossary-save").click().run()
    assert not app.exception, app.exception
    assert app.success and not app.error
    assert rows(app_db, GlossaryTerm) == []  # the shipped list unchanged: nothing to store
