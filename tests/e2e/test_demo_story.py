"""The whole story with the demo accounts the sign-in page lists: Anna logs an issue where it
arose, each forum's chair lifts it one step up to the national samverkansgrupp, its chair
resolves it there, and the outcome arrives in Anna's inbox."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_app, sign_in, wait_idle

TITLE = "Vårdcentralerna saknar kontaktväg till FK vid komplexa sjukfall (test)"


def sign_out(page: Page) -> None:
    wait_idle(page)
    page.get_by_role("button", name="Logga ut").click()
    wait_idle(page)


def open_issue(page: Page, server: str, reference: str) -> None:
    """By its deep link, as from a follow e-mail: the sign-in holds."""
    open_app(page, f"{server}/issue?ref={reference}", page.get_by_role("heading", name="Historik"))


def act_in_tab(page: Page, tab: str, field: str, text: str) -> None:
    page.get_by_role("tab", name=tab).click()
    page.get_by_role("textbox", name=field, exact=True).filter(visible=True).fill(text)
    page.get_by_role("button", name="Spara", exact=True).filter(visible=True).click()
    wait_idle(page)
    expect(page.get_by_text("Sparat.")).to_be_visible(timeout=20_000)


def test_log_lift_step_by_step_resolve_nationally_and_the_feedback_arrives(server, page):
    sign_in(page, server, "anna")
    page.locator(".st-key-menu").get_by_text("Logga fråga", exact=True).click()
    wait_idle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Avstämningsmöten och vårdkontakter").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Rubrik").fill(TITLE)
    page.get_by_role("textbox", name="Beskrivning").fill("Gäller flera vårdcentraler i länet.")
    page.get_by_role("button", name="Spara frågan").click()
    wait_idle(page)
    saved = page.get_by_text(re.compile(r"Frågan är sparad som SAM-\d{4}-\d{4}"))
    expect(saved).to_be_visible(timeout=20_000)
    reference = re.search(r"SAM-\d{4}-\d{4}", saved.inner_text()).group(0)
    open_issue(page, server, reference)
    act_in_tab(page, "Lyft frågan", "Skäl", "Behöver kommitténs beslut om kontaktvägar.")
    sign_out(page)

    for chair in ("bertil", "gustav"):  # Försäkringsmedicinsk kommitté, then the styrgrupp
        sign_in(page, server, chair)
        open_issue(page, server, reference)
        act_in_tab(page, "Lyft frågan", "Skäl", "Frågan berör hela landet.")
        sign_out(page)

    sign_in(page, server, "helena")  # chair of the Samverkansgrupp för försäkringsmedicin
    open_issue(page, server, reference)
    expect(page.get_by_text("Samverkansgrupp för försäkringsmedicin").first).to_be_visible()
    act_in_tab(
        page,
        "Lös frågan",
        "Utfall (återkopplas till den som väckte frågan)",
        "En nationell kontaktväg inrättas via FK:s försäkringsmedicinska rådgivare.",
    )
    sign_out(page)

    sign_in(page, server, "anna")
    page.locator(".st-key-menu").get_by_text("Mina ärenden", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("En nationell kontaktväg inrättas").first).to_be_visible()
    expect(page.get_by_text(TITLE).first).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
