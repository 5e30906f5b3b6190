"""The chair's path in a real browser: plan a meeting, build the agenda from the proposal,
send the notice, hold the meeting, record a decision and approve the minutes."""

from datetime import timedelta

from playwright.sync_api import expect

from models import clock
from tests.e2e.conftest import (
    click,
    no_exception_shown,
    open_app,
    plan_meeting,
    sign_in,
    wait_idle,
)


def test_the_chair_plans_builds_publishes_holds_decides_and_approves(server, page):
    open_app(page, server, page.get_by_role("heading", name="Strukturen i siffror"))
    sign_in(page, server, "bertil")  # chair of the Försäkringsmedicinsk kommitté
    page.locator(".st-key-menu").get_by_text("Möten", exact=True).click()
    expect(page.get_by_role("heading", name="Möten")).to_be_visible()
    wait_idle(page)
    plan_meeting(page, clock.today() - timedelta(days=1), "Västerås")  # held, so decided
    no_exception_shown(page)
    click(page, "Lägg till förslaget på dagordningen")
    expect(page.get_by_text("Sparat.")).to_be_visible()
    page.get_by_text("Skicka kallelsen ändå, utan kallade deltagare").click()  # nobody called
    click(page, "Skicka kallelsen (publicera dagordningen)")
    expect(page.get_by_text("Kallelse skickad").first).to_be_visible()
    click(page, "Markera mötet som hållet")
    expect(page.get_by_text("protokollet är inte justerat").first).to_be_visible()
    first = page.get_by_test_id("stExpander").filter(has_text="§ 1").first
    first.get_by_role("textbox", name="Beslutets text").fill("Noteras – ”inget att tillägga”.")
    first.get_by_role("button", name="Spara beslutet").click()
    wait_idle(page)
    expect(page.get_by_text("Sparat.")).to_be_visible()
    click(page, "Justera protokollet")
    expect(page.get_by_text("Protokoll justerat").first).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Protokoll (PDF)").click()
    assert download.value.suggested_filename.startswith("protokoll-vm-fm-kommitte-")
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    no_exception_shown(page)
