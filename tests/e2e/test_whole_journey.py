"""The whole journey with the demo accounts the sign-in page lists, in a real browser: Anna
logs an issue at a Västmanland forum, each forum's chair lifts it one step up to the national
samverkansgrupp, whose chair puts it on a meeting's agenda and resolves it by a decision there;
Anna acknowledges the outcome, and a strategic leader records a measurement and a review and
downloads the follow-up report. A screenshot of every step is kept under
`test-artifacts/journey/` (or `$TEST_ARTIFACTS/journey/`)."""

import os
import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from models import clock
from tests.e2e.conftest import (
    ROOT,
    click,
    fill_tab,
    indicator_section,
    no_exception_shown,
    open_issue,
    plan_meeting,
    press_save,
    save_value,
    sign_in,
    type_value,
    wait_idle,
)

TITLE = "Vårdcentralerna saknar kontaktväg till FK vid komplexa sjukfall (test)"
OUTCOME = "En nationell kontaktväg inrättas via FK:s försäkringsmedicinska rådgivare."
SHOTS = Path(os.environ.get("TEST_ARTIFACTS") or ROOT / "test-artifacts") / "journey"


class Journey:
    """Takes the screenshots, numbered in the order the steps happen."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.step = 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()

    def shot(self, name: str) -> None:
        wait_idle(self.page)
        no_exception_shown(self.page)
        self.step += 1
        self.page.screenshot(path=SHOTS / f"{self.step:02d}-{name}.png")


def sign_out(page: Page) -> None:
    wait_idle(page)
    page.get_by_role("button", name="Logga ut").click()
    wait_idle(page)


def lift(page: Page, reason: str) -> None:
    fill_tab(page, "Lyft frågan", "Skäl", reason)
    press_save(page)
    wait_idle(page)
    expect(page.get_by_text("Sparat.")).to_be_visible(timeout=20_000)


def menu(page: Page, entry: str) -> None:
    wait_idle(page)
    page.locator(".st-key-menu").get_by_text(entry, exact=True).click()
    wait_idle(page)


def test_the_whole_journey_from_a_local_forum_to_the_national_decision_and_its_effect(server, page):
    journey = Journey(page)

    # Anna logs the issue where it arose
    sign_in(page, server, "anna")
    menu(page, "Logga fråga")
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Avstämningsmöten och vårdkontakter").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Rubrik").fill(TITLE)
    page.get_by_role("textbox", name="Beskrivning").fill("Gäller flera vårdcentraler i länet.")
    journey.shot("anna-skriver-frågan")
    click(page, "Spara frågan")
    saved = page.get_by_text(re.compile(r"Frågan är sparad som SAM-\d{4}-\d{4}"))
    expect(saved).to_be_visible(timeout=20_000)
    reference = re.search(r"SAM-\d{4}-\d{4}", saved.inner_text()).group(0)
    journey.shot("anna-frågan-sparad")

    # lifted one step at a time: the kommitté, the styrgrupp, the samverkansgrupp
    open_issue(page, server, reference)
    lift(page, "Behöver kommitténs beslut om kontaktvägar.")
    journey.shot("anna-lyfter-till-kommittén")
    sign_out(page)
    for chair, forum in (("bertil", "styrgruppen"), ("gustav", "samverkansgruppen")):
        sign_in(page, server, chair)
        open_issue(page, server, reference)
        lift(page, "Frågan berör hela landet.")
        journey.shot(f"{chair}-lyfter-till-{forum}")
        sign_out(page)

    # the samverkansgrupp's chair plans a meeting, puts the issue on its agenda, holds it,
    # and resolves the issue by a decision
    sign_in(page, server, "helena")
    open_issue(page, server, reference)
    expect(page.get_by_text("Samverkansgrupp för försäkringsmedicin").first).to_be_visible()
    menu(page, "Möten")
    expect(page.get_by_role("heading", name="Möten")).to_be_visible()
    plan_meeting(page, clock.today() - timedelta(days=1), "Stockholm och Teams")  # held
    page.get_by_role("tab", name="Lägg till en fråga").click()
    add = page.locator("[data-testid='stForm']").filter(has_text="Referensnummer")
    add.get_by_role("textbox", name="Referensnummer (SAM-…)").fill(reference)
    add.get_by_role("button", name="Lägg till").click()
    wait_idle(page)
    expect(page.get_by_text("Sparat.").first).to_be_visible(timeout=20_000)
    journey.shot("helena-frågan-på-dagordningen")
    page.get_by_text("Skicka kallelsen ändå, utan kallade deltagare").click()
    click(page, "Skicka kallelsen (publicera dagordningen)")
    expect(page.get_by_text("Kallelse skickad").first).to_be_visible()
    click(page, "Markera mötet som hållet")
    expect(page.get_by_text("protokollet är inte justerat").first).to_be_visible()
    item = page.get_by_test_id("stExpander").filter(has_text=TITLE).first
    item.get_by_role("combobox", name="Beslut").click()
    page.keyboard.type("Löst", delay=40)
    page.keyboard.press("Enter")
    item.get_by_role("textbox", name="Beslutets text").fill(OUTCOME)
    journey.shot("helena-beslutet-skrivs")
    item.get_by_role("button", name="Spara beslutet").click()
    wait_idle(page)
    expect(page.get_by_text("Sparat.").first).to_be_visible(timeout=20_000)
    journey.shot("helena-beslutet-sparat")
    click(page, "Justera protokollet")
    expect(page.get_by_text("Protokoll justerat").first).to_be_visible(timeout=20_000)
    journey.shot("helena-justerar-protokollet")
    open_issue(page, server, reference)
    expect(page.get_by_text(OUTCOME).first).to_be_visible()
    journey.shot("helena-frågan-löst")
    sign_out(page)

    # the outcome comes back to Anna, who acknowledges it
    sign_in(page, server, "anna")
    menu(page, "Mina ärenden")
    expect(page.get_by_text(OUTCOME).first).to_be_visible()
    acknowledge = page.get_by_role("button", name="Kvittera", exact=True)
    card = (
        page.locator("[data-testid='stVerticalBlock']")
        .filter(has_text=reference)
        .filter(has=acknowledge)
        .last
    )
    journey.shot("anna-får-återkopplingen")
    card.get_by_role("button", name="Kvittera", exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("radio", name="Att ta del av (1)")).to_be_visible(timeout=20_000)
    expect(page.get_by_text(f"{reference} · {TITLE}")).to_have_count(0)
    journey.shot("anna-har-kvitterat")
    open_issue(page, server, reference)
    expect(page.get_by_text("Återkoppling kvitterad").first).to_be_visible()  # in its history
    sign_out(page)

    # a strategic leader follows up the agreed effect: a measurement, a review, the report
    sign_in(page, server, "david")
    menu(page, "Effektuppföljning")
    expect(page.get_by_role("heading", name="Effektuppföljning")).to_be_visible(timeout=20_000)
    section = indicator_section(
        page, "Fler försäkrade kommer åter i arbete", "Planer av god kvalitet"
    )
    type_value(page, section, "61,5")
    expect(section.get_by_text("Sparas som 61,5 %").first).to_be_visible()
    save_value(page, section)
    journey.shot("david-registrerar-ett-värde")
    page.get_by_text("Registrera en avstämning").click()
    page.get_by_role("textbox", name="Bedömningen i ord").fill(
        "Planerna blir bättre; den nationella kontaktvägen följs upp nästa kvartal."
    )
    click(page, "Spara avstämningen")
    expect(page.get_by_text("Avstämningen är sparad.")).to_be_visible(timeout=30_000)
    journey.shot("david-stämmer-av")
    with page.expect_download() as download:
        page.get_by_role("button", name="Rapport (PDF)").first.click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    download.value.save_as(SHOTS / "uppföljningsrapport.pdf")
    journey.shot("david-laddar-ned-rapporten")
