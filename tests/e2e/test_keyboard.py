"""By keyboard alone (WCAG 2.1.1, 2.4.7): an officer signs in, logs an issue and lifts it one
level, pressing only Tab, typing and Enter, and sees where the focus is at every step."""

from playwright.sync_api import Page, expect
from sqlmodel import select

from models import Issue, make_engine, unit_of_work
from tests.e2e.conftest import no_exception_shown, open_app, wait_idle

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const control = ['A', 'BUTTON', 'INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName)
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


def tab_to(page: Page, name: str, *, presses: int = 80) -> None:
    """Press Tab until the element called `name` has the focus; it must show it."""
    passed = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)
        focused = page.evaluate(FOCUSED)
        if focused and name in focused["name"]:
            page.wait_for_timeout(150)  # the focus style may come with a short transition
            focused = page.evaluate(FOCUSED)
            assert focused["visible"], f"{name!r} has the focus but does not show it: {focused}"
            return
        passed.append(focused and focused["name"][:40])
    raise AssertionError(f"Tab never reached {name!r}; it passed {passed}")


def test_an_officer_logs_an_issue_and_lifts_it_by_keyboard_alone(server, server_db, page):
    open_app(page, f"{server}/signin", page.get_by_role("heading", name="Logga in"))
    tab_to(page, "Användarnamn")
    page.keyboard.type("anna")
    tab_to(page, "Lösenord")
    page.keyboard.type("demo-lösenord-2026")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Inloggad som")).to_be_visible(timeout=30_000)
    wait_idle(page)

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
