"""In a real browser, hostile text in an issue renders as the characters typed: no image is
fetched, no link, heading, table, colour or icon appears, and no script runs."""

from playwright.sync_api import Page

from tests.e2e.conftest import open_app, open_issue, sign_in
from tests.hostile import HOSTILE, one_line, raise_hostile_issues
from ui.text import WORD_JOINER, visible

EVIL = "evil.example"


def test_a_hostile_issue_renders_as_plain_text(server, server_db, page: Page):
    open_app(page, server, page.get_by_role("heading", name="Strukturen i siffror"))
    references = raise_hostile_issues(server_db)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if EVIL in r.url else None)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, server, "anna")
    for text, reference in zip(HOSTILE, references, strict=True):
        open_issue(page, server, reference)
        main = page.get_by_test_id("stMain")
        assert main.locator(f"a[href*='{EVIL}'], img[src*='{EVIL}'], img[src='x']").count() == 0
        assert main.locator("[data-testid='stMarkdownContainer'] table").count() == 0
        assert main.locator("script").count() == 0
        headings = main.locator("h1, h2, h3, h4").all_inner_texts()
        assert not [h for h in headings if h.strip().startswith("Rubrik som tar")], headings
        assert main.locator("[data-testid='stIconMaterial']:text('warning')").count() == 0
        assert main.locator("span[style*='color'] :text('Röd varning')").count() == 0
        shown = " ".join(main.inner_text().replace(WORD_JOINER, "").split())
        assert one_line(visible(text))[:100] in shown
    assert fetched == [] and dialogs == []
