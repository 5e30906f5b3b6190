"""Staying signed in, in a real browser: a reload, a second tab and a deep link keep the
sign-in; signing out in one tab signs the other out at its next click; and a deep link opened
before signing in is where the user lands after it."""

from playwright.sync_api import expect

from tests.e2e.conftest import open_app, session_cookie, sign_in, wait_idle

SIGNED_IN = "Inloggad som Bertil Berg"


def test_reload_new_tab_deep_link_and_sign_out_everywhere(server, page):
    sign_in(page, server, "bertil")
    wait_idle(page)
    page.reload()
    expect(page.get_by_text(SIGNED_IN)).to_be_visible(timeout=30_000)

    other = page.context.new_page()
    open_app(other, f"{server}/meetings", other.get_by_role("heading", name="Möten"))
    expect(other.get_by_text(SIGNED_IN)).to_be_visible()
    expect(
        other.get_by_text("Försäkringsmedicinsk kommitté, Region Västmanland").first
    ).to_be_visible()

    wait_idle(page)
    page.get_by_role("button", name="Logga ut").click()
    wait_idle(page)
    expect(page.get_by_text(SIGNED_IN)).to_have_count(0)

    wait_idle(other)
    other.locator(".st-key-menu").get_by_text("Åtgärder", exact=True).click()
    wait_idle(other)
    expect(other.get_by_text("Logga in för att se möten")).to_be_visible(timeout=20_000)
    expect(other.get_by_text(SIGNED_IN)).to_have_count(0)


def test_a_deep_link_before_signing_in_is_where_the_user_lands(server, page):
    open_app(page, f"{server}/actions", page.get_by_role("heading", name="Åtgärder"))
    page.get_by_role("link", name="Logga in").last.click()
    wait_idle(page)
    page.get_by_role("textbox", name="Användarnamn").fill("bertil")
    page.get_by_role("textbox", name="Lösenord").fill("demo-lösenord-2026")
    page.get_by_role("button", name="Logga in").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Åtgärder")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Kartlägga vårdenheternas behov")).to_be_visible()
    assert "/actions" in page.url


def test_a_page_opened_before_the_sign_out_cookie_is_cleared_still_signs_in(server, page):
    """A new page load can carry the cookie of a session that has just ended; signing in on
    it must still work (the dead cookie once wiped every click's input)."""
    sign_in(page, server, "bertil")
    wait_idle(page)
    cookie = session_cookie(page)
    wait_idle(page)
    page.get_by_role("button", name="Logga ut").click()
    wait_idle(page)
    page.context.add_cookies([cookie])  # as if the clearing script had not run yet
    sign_in(page, server, "anna")
    expect(page.get_by_text("Inloggad som Anna Andersson")).to_be_visible()
