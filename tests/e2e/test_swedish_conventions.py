"""What only the browser draws follows Swedish conventions too: the date picker's week starts on
Monday and names the months in Swedish, for a reader whose browser says Swedish."""

from playwright.sync_api import expect

from tests.e2e.conftest import open_app, sign_in, wait_idle

SWEDISH_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti")
SWEDISH_MONTHS += ("september", "oktober", "november", "december")
WEEKDAYS_JS = """() => {
  const grid = document.querySelector('[role="grid"]');
  const heads = grid ? [...grid.querySelectorAll('[role="columnheader"], th')] : [];
  return heads.map((h) => (h.getAttribute('aria-label') || h.innerText).trim());
}"""


def test_the_date_picker_starts_the_week_on_monday_in_swedish(server, page):
    sign_in(page, server, "bertil")
    open_app(page, f"{server}/meetings", page.get_by_role("heading", name="Möten"))
    wait_idle(page)
    page.get_by_role("button", name="Choose date").first.click()
    grid = page.get_by_role("grid").first
    expect(grid).to_be_visible()
    days = page.evaluate(WEEKDAYS_JS)
    assert len(days) == 7, days
    assert days[0].lower().startswith("m") and days[-1].lower().startswith("s"), days
    shown = page.get_by_role("dialog").first.inner_text()
    assert any(m in shown for m in SWEDISH_MONTHS) and "January" not in shown, shown
