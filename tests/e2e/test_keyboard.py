"""By keyboard alone (WCAG 2.1.1, 2.4.7): an officer logs an issue and lifts it one level, a
chair builds an agenda and records a decision, a strategic leader records a measurement, each
pressing only Tab, the arrow keys, typing and Enter, and seeing where the focus is at every step."""

from playwright.sync_api import Locator, Page, expect
from sqlmodel import select

from models import AgendaItem, Issue, ItemDecision, Measurement, make_engine, unit_of_work
from tests.e2e.conftest import no_exception_shown, open_app, wait_idle

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const control = ['A', 'BUTTON', 'INPUT', 'TEXTAREA', 'SELECT', 'SUMMARY'].includes(e.tagName)
    || e.hasAttribute('role');
  const name = e.getAttribute('aria-label')
    || (e.labels && e.labels[0] && e.labels[0].innerText)
    || (control ? e.innerText : '') || '';
  let shown = false;
  for (let n = e, up = 0; n && up < 5 && !shown; n = n.parentElement, up++) {
    const style = getComputedStyle(n);
    shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
  }
  return {name: name.trim(), visible: shown};
}"""
"""The focused element's accessible name, and whether it (or the field around it) shows the
focus with an outline or a ring."""


def tab_to(page: Page, name: str, *, presses: int = 80, within: Locator | None = None) -> None:
    """Press Tab until the element called `name` (inside `within`, if given) has the focus; it
    must show it."""
    passed = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        page.wait_for_timeout(25)
        focused = page.evaluate(FOCUSED)
        helper = focused and focused["name"].startswith("Help for ")  # a label's (?) icon
        if (
            focused
            and name in focused["name"]
            and not helper
            and (within is None or within.evaluate("(el) => el.contains(document.activeElement)"))
        ):
            page.wait_for_timeout(150)  # the focus style may come with a short transition
            focused = page.evaluate(FOCUSED)
            assert focused["visible"], f"{name!r} has the focus but does not show it: {focused}"
            return
        passed.append(focused and focused["name"][:40])
    raise AssertionError(f"Tab never reached {name!r}; it passed {passed}")


def sign_in_by_keyboard(page: Page, server: str, username: str) -> None:
    open_app(page, f"{server}/signin", page.get_by_role("heading", name="Logga in"))
    tab_to(page, "Användarnamn")
    page.keyboard.type(username)
    tab_to(page, "Lösenord")
    page.keyboard.type("demo-lösenord-2026")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Inloggad som")).to_be_visible(timeout=30_000)
    wait_idle(page)


def press(page: Page, key: str = "Enter") -> None:
    page.keyboard.press(key)
    wait_idle(page)


def test_an_officer_logs_an_issue_and_lifts_it_by_keyboard_alone(server, server_db, page):
    sign_in_by_keyboard(page, server, "anna")

    tab_to(page, "Logga fråga")  # the menu
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Logga en samverkansfråga")).to_be_visible()
    wait_idle(page)
    tab_to(page, "Forum där frågan uppstått")
    page.keyboard.type("Avstämningsmöten")
    page.keyboard.press("Enter")
    wait_idle(page)
    tab_to(page, "Rubrik")
    page.keyboard.type("Intyg som kommer sent, loggad med tangentbordet")
    tab_to(page, "Beskrivning")
    page.keyboard.type("Skriven och sparad utan mus.")
    tab_to(page, "Spara frågan")
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("är sparad").first).to_be_visible(timeout=30_000)
    no_exception_shown(page)

    tab_to(page, "Öppna")  # the saved issue's link
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Historik")).to_be_visible(timeout=30_000)
    wait_idle(page)
    tab_to(page, "Lyft till")  # in "Lyft frågan", the first of the issue's actions, open
    page.keyboard.type("Försäkringsmedicinsk kommitté")
    page.keyboard.press("Enter")
    wait_idle(page)
    tab_to(page, "Skäl")
    page.keyboard.type("Behöver lösas regionalt.")
    tab_to(page, "Spara")
    page.keyboard.press("Enter")
    wait_idle(page)
    no_exception_shown(page)
    engine = make_engine(server_db)
    with unit_of_work(engine) as s:
        issue = s.exec(
            select(Issue).where(Issue.title == "Intyg som kommer sent, loggad med tangentbordet")
        ).one()
        assert issue.status == "escalated"
    engine.dispose()


def test_a_chair_builds_the_agenda_and_records_a_decision_by_keyboard_alone(
    server, server_db, page
):
    sign_in_by_keyboard(page, server, "bertil")  # chair of the Försäkringsmedicinsk kommitté
    tab_to(page, "Möten")
    press(page)
    expect(page.get_by_role("heading", name="Möten")).to_be_visible()
    tab_to(page, "Kallelse skickad")  # today's meeting, from the chair's overview
    press(page)
    expect(page.get_by_role("heading", name="Dagordning")).to_be_visible(timeout=30_000)

    # the agenda: a free item, chosen from the tabs with the arrow keys
    tab_to(page, "Lägg till en fråga", presses=60)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    expect(page.get_by_role("tab", name="Lägg till en fri punkt")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    free = page.locator("[data-testid='stForm']").filter(has_text="Bakgrund")
    tab_to(page, "Punkt", within=free)
    page.keyboard.type("Information från företagshälsovården, med tangentbordet")
    tab_to(page, "Lägg till", within=free)
    press(page)
    expect(page.get_by_text("Sparat.").first).to_be_visible(timeout=30_000)

    # a decision on the first issue on the agenda, in its open section of the minutes
    late = page.get_by_test_id("stExpander").filter(has_text="Sena läkarintyg fördröjer").first
    tab_to(page, "Beslut", within=late, presses=150)
    page.keyboard.type("Löst", delay=40)
    page.keyboard.press("Enter")
    tab_to(page, "Beslutets text", within=late)
    page.keyboard.type("Regionen och FK har en gemensam rutin för intyg.")
    tab_to(page, "Spara beslutet", within=late)
    press(page)
    expect(page.get_by_text("Sparat.").first).to_be_visible(timeout=30_000)
    no_exception_shown(page)

    engine = make_engine(server_db)
    with unit_of_work(engine) as s:
        titles = s.exec(select(AgendaItem.title)).all()
        decision = s.exec(
            select(ItemDecision)
            .join(AgendaItem, AgendaItem.id == ItemDecision.item_id)
            .where(AgendaItem.title.startswith("Sena läkarintyg fördröjer"))
        ).first()
    engine.dispose()
    assert "Information från företagshälsovården, med tangentbordet" in titles
    assert decision is not None and decision.kind == "resolved", decision
    assert decision.text == "Regionen och FK har en gemensam rutin för intyg."


def test_a_leader_records_a_measurement_by_keyboard_alone(server, server_db, page):
    sign_in_by_keyboard(page, server, "david")
    tab_to(page, "Effektuppföljning")
    press(page)
    expect(page.get_by_role("heading", name="Effektuppföljning")).to_be_visible()
    card = page.locator("[class*='st-key-effect-card-']").filter(
        has_text="Fler försäkrade kommer åter i arbete"
    )
    tab_to(page, "Öppna effekten", within=card, presses=150)
    press(page)
    section = (
        page.locator("[data-testid='stVerticalBlock']")
        .filter(has=page.get_by_role("heading", name="Planer av god kvalitet"))
        .last
    )
    expect(section).to_be_visible(timeout=30_000)
    tab_to(page, "Registrera ett värde", within=section, presses=150)
    page.keyboard.press("Enter")  # opens the section
    page.wait_for_timeout(300)
    tab_to(page, "Värde", within=section)
    page.keyboard.type("61,5")
    page.keyboard.press("Tab")
    wait_idle(page)
    expect(section.get_by_text("Sparas som 61,5 %").first).to_be_visible()
    tab_to(page, "Spara värdet", within=section)
    press(page)
    expect(page.get_by_text("Värdet är sparat.")).to_be_visible(timeout=30_000)
    no_exception_shown(page)
    engine = make_engine(server_db)
    with unit_of_work(engine) as s:
        values = s.exec(
            select(Measurement.value).where(Measurement.recorded_by.contains("David"))
        ).all()
    engine.dispose()
    assert 61.5 in values
