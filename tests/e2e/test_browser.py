"""The app in a real browser: what a new user sees first."""

from playwright.sync_api import expect

from tests.e2e.conftest import no_exception_shown, open_app, sign_in, wait_idle


def test_a_deep_link_as_the_very_first_request_runs_through_the_app(fresh_server, page):
    """With a pages/ folder Streamlit would otherwise run the page file alone (see PageSpec)."""
    heading = page.get_by_role("heading", name="Försäkringsmedicinsk kommitté, Region Västmanland")
    open_app(page, f"{fresh_server}/structure?forum=vm-fm-kommitte", heading)
    nav = page.locator(".st-key-menu")
    expect(nav.get_by_text("Samverkansstruktur")).to_be_visible()
    expect(nav.get_by_text("app", exact=True)).to_have_count(0)
    expect(nav.get_by_text("Granskningslogg")).to_have_count(0)  # not for the signed out
    expect(page.get_by_text("Demoläge")).to_be_visible()
    expect(page.get_by_text("Eskaleringsväg uppåt")).to_be_visible()
    no_exception_shown(page)


def test_the_start_page_then_the_structure_page_in_swedish_then_english(server, page):
    open_app(page, server, page.get_by_role("heading", name="Strukturen i siffror"))
    no_exception_shown(page)
    wait_idle(page)
    page.locator(".st-key-menu").get_by_text("Samverkansstruktur").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Samverkansstruktur")).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    no_exception_shown(page)
    wait_idle(page)  # a click while the page still runs can be lost to the running script
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Collaboration structure")).to_be_visible(
        timeout=20_000
    )
    no_exception_shown(page)


def test_clicking_a_forum_in_the_picture_opens_it(server, page):
    plot = page.locator(".js-plotly-plot")
    open_app(page, f"{server}/structure", plot)
    # a forum's marker: the traces before the forums' are the links (their arrowheads too)
    point = plot.locator(".scatterlayer .trace").last.locator(".points path").first
    expect(point).to_be_visible()
    point.click(force=True)
    expect(page.get_by_text("Eskaleringsväg uppåt")).to_be_visible(timeout=20_000)
    assert "forum=" in page.url
    no_exception_shown(page)


def test_a_pasted_personal_number_is_stopped_in_the_browser_and_the_text_stays(server, page):
    sign_in(page, server, "bertil")  # chair of the committee
    page.get_by_role("link", name="Logga fråga").click()
    expect(page.get_by_role("heading", name="Logga en samverkansfråga")).to_be_visible()
    wait_idle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Försäkringsmedicinsk kommitté, Region Västmanland").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Rubrik").fill("Sena läkarintyg")
    text = "Gäller bland annat 19121212-1212 som väntat i tre månader."
    page.get_by_role("textbox", name="Beskrivning").fill(text)
    page.get_by_role("button", name="Spara frågan").click()
    expect(page.get_by_text("personnummer eller samordningsnummer")).to_be_visible()
    expect(page.get_by_text("Beskrivning, tecken 20–32: 19121212-1212")).to_be_visible()
    expect(page.get_by_role("textbox", name="Beskrivning")).to_have_value(text)
    expect(page.get_by_text("Frågan är sparad")).to_have_count(0)
    no_exception_shown(page)


def test_signing_in_with_a_local_account_in_the_browser(server, page):
    sign_in(page, server, "bertil")
    expect(page.get_by_text("Inloggad som Bertil Berg")).to_be_visible()
    expect(page.get_by_role("heading", name="Strukturen i siffror")).to_be_visible()
    no_exception_shown(page)


LABEL_BOXES = """() => Array.from(document.querySelectorAll('.js-plotly-plot .textpoint text'))
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}; })
    .filter(b => b.text)"""


def test_no_two_forum_labels_overlap_and_no_name_is_cut(server, page):
    plot = page.locator(".js-plotly-plot")
    open_app(page, f"{server}/structure", plot)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Region Västmanland").click()
    wait_idle(page)
    expect(page.locator(".js-plotly-plot .textpoint text").first).to_be_visible(timeout=30_000)
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 10
    assert not [b["text"] for b in boxes if "…" in b["text"]]
    overlaps = [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 1
        and b["x0"] < a["x1"] - 1
        and a["y0"] < b["y1"] - 1
        and b["y0"] < a["y1"] - 1
    ]
    assert overlaps == []


def test_the_meetings_page_draws_only_the_chosen_view_and_form_and_keeps_the_focus(server, page):
    """The chair's page, as the inbox: one view and one of each forum's three forms at a time,
    chosen in radio groups the arrow keys go on choosing."""
    sign_in(page, server, "bertil")
    open_app(page, f"{server}/meetings", page.get_by_role("heading", name="Möten"))
    wait_idle(page)
    expect(page.get_by_role("button", name="Planera mötet")).to_be_visible()
    expect(page.get_by_text("Sista dag (dagar före mötet)")).to_have_count(0)  # not drawn
    page.get_by_role("radio", name="Mötesinställningar").click(force=True)  # the input is hidden
    expect(page.get_by_text("Sista dag (dagar före mötet)")).to_be_visible(timeout=30_000)
    wait_idle(page)
    expect(page.get_by_role("button", name="Planera mötet")).to_have_count(0)
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("button", name="Planera året")).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert page.evaluate("document.activeElement.type") == "radio"  # the focus stayed
    page.get_by_role("radio", name="Årshjul").click(force=True)
    expect(page.get_by_role("button", name="Planera året")).to_have_count(0, timeout=30_000)
    expect(page.locator(".st-key-wheel-forums")).to_be_visible()
    wait_idle(page)
    page.keyboard.press("ArrowLeft")  # back to the forums, each with its first form
    expect(page.get_by_role("button", name="Planera mötet")).to_be_visible(timeout=30_000)
    no_exception_shown(page)


def test_the_inbox_draws_only_the_chosen_list_and_the_arrow_keys_choose_another(server, page):
    """Streamlit's tabs that run only the open one lost the keyboard's focus at each change; the
    radio group keeps it, so the arrow keys go on choosing."""
    sign_in(page, server, "anna")
    open_app(page, f"{server}/inbox", page.get_by_role("heading", name="Mina ärenden"))
    wait_idle(page)
    expect(page.get_by_text("Att ta del av:").first).to_be_visible()
    assert page.locator('[class*="st-key-issue-row-"]').count() == 0  # not drawn, not sent
    page.get_by_role("radio", name="Frågor jag väckt").click(force=True)  # the input is hidden
    raised = page.locator('[class*="st-key-issue-row-raised-"]').first
    expect(raised).to_be_visible(timeout=30_000)
    wait_idle(page)
    expect(page.get_by_text("Att ta del av:")).to_have_count(0)
    page.keyboard.press("ArrowRight")
    expect(page.locator('[class*="st-key-issue-row-waiting-"]').first).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert page.evaluate("document.activeElement.type") == "radio"  # the focus stayed
    page.keyboard.press("ArrowLeft")
    expect(raised).to_be_visible(timeout=30_000)
    no_exception_shown(page)
    open_app(page, f"{server}/inbox?tab=waiting", page.get_by_role("heading", name="Mina ärenden"))
    expect(page.locator('[class*="st-key-issue-row-waiting-"]').first).to_be_visible(timeout=30_000)


def test_an_issue_list_row_is_its_link_beside_its_values_and_stacks_on_a_phone(server, page):
    """A row is a flex row of the link and one block of values (three elements, not six):
    on a wide screen they sit side by side under their headings; on a phone they stack, each
    value with its label, and nothing is stretched into empty space."""
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, server, "helena")
    open_app(page, f"{server}/issues", page.get_by_role("heading", name="Samverkansfrågor"))
    row = page.locator('[class*="st-key-issue-row-issues-"]').first
    expect(row).to_be_visible(timeout=30_000)
    wait_idle(page)
    link, cells = row.get_by_role("link").first.bounding_box(), row.locator(".issue-cells")
    values = cells.bounding_box()
    assert link["x"] + link["width"] <= values["x"] + 1  # beside
    assert link["y"] < values["y"] + values["height"] and values["y"] < link["y"] + link["height"]
    heading = page.locator('[class*="st-key-issue-list-head-issues"]').get_by_text("Rubrik")
    assert abs(heading.bounding_box()["x"] - values["x"]) < 2  # the values under their heading
    expect(cells.locator(".narrow-label").first).to_be_hidden()
    pager = page.evaluate(
        """() => [...document.querySelectorAll('button')]
            .filter(b => /^(Föregående|Nästa)$/.test(b.innerText.trim()))
            .map(b => [b, ...b.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth))"""
    )
    assert pager == [True, True]  # each as wide as its word ("Föregå…" in a narrow column)

    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator('[class*="st-key-issue-list-head-issues"]')).to_be_hidden()
    expect(cells.locator(".narrow-label").first).to_be_visible()
    link, values = row.get_by_role("link").first.bounding_box(), cells.bounding_box()
    assert link["y"] + link["height"] <= values["y"] + 1  # above its values
    assert values["y"] - (link["y"] + link["height"]) < 40  # not stretched apart
    no_exception_shown(page)
