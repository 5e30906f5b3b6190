"""The database goes away while a user works, in a real browser: the page says so in words,
the menu stays, a reload keeps the user signed in and what they typed, and once the database
is back the save goes through."""

import pytest
from playwright.sync_api import expect

from tests.conftest import fresh_schema, postgres_url
from tests.e2e.conftest import app_server, open_app, sign_in, wait_idle
from tests.faults import proxied

AWAY = "Databasen svarar inte just nu"


@pytest.fixture
def server_behind_proxy(tmp_path):
    with fresh_schema() as schema, proxied(postgres_url()) as proxy:
        url = proxy.url(postgres_url()) + f"?options=-csearch_path%3D{schema}"
        with app_server(tmp_path, DATABASE_URL=url, SAMVERKANSNAVET_DEMO="1") as base:
            yield base, proxy


def test_an_outage_while_typing_is_said_and_survives_a_reload(server_behind_proxy, page):
    base, proxy = server_behind_proxy
    sign_in(page, base, "anna")
    open_app(
        page, f"{base}/issue_new", page.get_by_role("heading", name="Logga en samverkansfråga")
    )
    page.get_by_role("textbox", name="Rubrik").fill("Intyg under avbrott")
    description = page.get_by_role("textbox", name="Beskrivning")
    description.fill("Text som inte får försvinna.")
    description.press("Tab")
    wait_idle(page)
    proxy.kill()
    page.get_by_role("button", name="Spara frågan").click()
    expect(page.get_by_text(AWAY).first).to_be_visible(timeout=20_000)
    expect(page.locator(".st-key-menu").get_by_text("Logga fråga")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    page.reload()
    expect(page.get_by_text(AWAY).first).to_be_visible(timeout=30_000)
    wait_idle(page)
    page.wait_for_timeout(2000)  # whatever the page sends the browser has arrived
    assert any(
        c["name"] == "samverkansnavet_session" and c["value"] for c in page.context.cookies()
    ), "the session cookie was cleared"
    proxy.restore()
    page.reload()
    expect(page.get_by_text("Inloggad som")).to_be_visible(timeout=30_000)  # still signed in
    expect(page.get_by_role("textbox", name="Beskrivning")).to_have_value(
        "Text som inte får försvinna."
    )
    page.get_by_role("combobox", name="Forum där frågan uppstått").click()
    page.keyboard.type("Avstämningsmöten", delay=40)
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Spara frågan").click()
    expect(page.get_by_text("Frågan är sparad som").first).to_be_visible(timeout=20_000)
