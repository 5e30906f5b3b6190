"""Typing a paraphrase of a demo issue on "Logga fråga" shows that issue among the suggestions,
in a real browser; linking the new issue to it from there works when the issue is saved, and
following another works at once."""

from playwright.sync_api import expect
from sqlmodel import select

from models import Issue, IssueFollower, IssueLink, SimilarChoice, make_engine, unit_of_work
from tests.e2e.conftest import no_exception_shown, open_app, sign_in, wait_idle
from tests.e2e.test_accessibility import serious_violations

SALA = "Sena läkarintyg fördröjer avstämningsmötena i Sala"
TITLE = "Intygen från vårdcentralerna kommer för sent till avstämningsmötet"


def test_a_paraphrase_shows_the_demo_issue_and_the_new_one_is_linked_to_it(
    server, server_db, page, tmp_path
):
    sign_in(page, server, "anna")
    open_app(
        page, f"{server}/issue_new", page.get_by_role("heading", name="Logga en samverkansfråga")
    )
    title = page.get_by_role("textbox", name="Rubrik")
    suggestions = page.locator(".st-key-similar-intake")
    for _ in range(20):  # the app embeds the demo issues in the background at its first start
        title.fill(TITLE)
        title.press("Tab")
        wait_idle(page)
        if suggestions.count() and SALA in suggestions.inner_text():
            break
        title.fill("")
        title.press("Tab")
        wait_idle(page)
        page.wait_for_timeout(1000)
    expect(suggestions).to_contain_text("Har någon redan tagit upp detta?")
    expect(suggestions).to_contain_text(SALA)
    expect(suggestions).to_contain_text("Står nu i")
    page.screenshot(path=str(tmp_path / "similar-at-intake.png"))
    assert serious_violations(page) == []  # the suggestions are checked as every page is

    row = suggestions.locator("[data-testid='stHorizontalBlock']").filter(has_text=SALA).first
    row.get_by_role("button", name="Koppla hit").click()
    wait_idle(page)
    expect(suggestions).to_contain_text("Den nya frågan kopplas till")
    others = suggestions.locator("[data-testid='stHorizontalBlock']").filter(has_not_text=SALA)
    followed = None
    if others.count():
        followed = others.first.get_by_role("link").first.inner_text().split(" · ")[0].strip()
        others.first.get_by_role("button", name="Följ").click()
        wait_idle(page)
        expect(page.get_by_text("Du följer nu").first).to_be_visible()

    forum = page.get_by_role("combobox", name="Forum där frågan uppstått")
    forum.click()
    page.keyboard.type("Avstämningsmöten", delay=40)
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Spara frågan").click()
    wait_idle(page)
    expect(page.get_by_text("Frågan är sparad som").first).to_be_visible(timeout=20_000)
    no_exception_shown(page)

    engine = make_engine(server_db)
    with unit_of_work(engine) as s:
        ids = dict(s.exec(select(Issue.title, Issue.id)).all())
        sala = next(i for t, i in ids.items() if t.startswith(SALA))
        links = {(link.issue_id, link.other_id) for link in s.exec(select(IssueLink))}
        choices = {c.choice for c in s.exec(select(SimilarChoice))}
        follows = list(s.exec(select(IssueFollower)))
    engine.dispose()
    assert (ids[TITLE], sala) in links
    assert "linked" in choices
    if followed:
        assert "followed" in choices and follows
