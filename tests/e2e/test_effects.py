"""The strategic leader's path in a real browser: the dashboard with every effect's status and
reason, one effect with its charts, a review recorded, and the report as Word and PDF."""

from playwright.sync_api import expect

from tests.e2e.conftest import click, no_exception_shown, open_app, sign_in, wait_idle


def test_the_leader_follows_up_an_effect_and_downloads_the_report(server, page):
    open_app(page, server, page.get_by_role("heading", name="Strukturen i siffror"))
    sign_in(page, server, "david")  # strategic leader
    page.locator(".st-key-menu").get_by_text("Effektuppföljning").click()
    expect(page.get_by_role("heading", name="Effektuppföljning")).to_be_visible(timeout=20_000)
    wait_idle(page)
    expect(page.get_by_text("Alla effekter på en skärm")).to_be_visible()
    expect(page.get_by_text("Ur fas: 1 i fas, 0 i riskzonen, 1 ur fas").first).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    no_exception_shown(page)
    # the collaboration's own figures are a view of their own, chosen as the keyboard chooses
    expect(page.get_by_text("Samverkans egna effekter, räknade ur frågorna")).to_have_count(0)
    page.get_by_role("radio", name="Samverkans egna effekter").click(force=True)
    expect(page.get_by_text("Samverkans egna effekter, räknade ur frågorna")).to_be_visible(
        timeout=30_000
    )
    wait_idle(page)
    no_exception_shown(page)
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text("Alla effekter på en skärm")).to_be_visible(timeout=30_000)
    wait_idle(page)
    card = page.locator("[class*='st-key-effect-card-']").filter(
        has_text="Fler långa sjukfall i Västmanland"
    )
    card.get_by_text("Öppna effekten").click()
    wait_idle(page)
    expect(
        page.get_by_role(
            "heading",
            name="Fler långa sjukfall i Västmanland har en plan för återgång i arbete (demo)",
        )
    ).to_be_visible(timeout=20_000)
    expect(page.get_by_text("I nuvarande takt når värdet").first).to_be_visible()
    # every indicator's chart: the small multiples and one per indicator
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=20_000)
    no_exception_shown(page)
    page.get_by_text("Registrera en avstämning").click()
    page.get_by_role("textbox", name="Bedömningen i ord").fill(
        "Andelen ökar, men tiden till avstämning står still – ”åtgärd behövs”."
    )
    click(page, "Spara avstämningen")  # once the page is still: a click mid-rerun is lost
    expect(page.get_by_text("Avstämningen är sparad.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("tiden till avstämning står still").first).to_be_visible()
    for label, suffix, magic in (
        ("Rapport (Word)", ".docx", b"PK"),
        ("Rapport (PDF)", ".pdf", b"%PDF"),
    ):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).first.click()
        assert download.value.suggested_filename.endswith(suffix)
        assert download.value.path().read_bytes().startswith(magic)
    no_exception_shown(page)


def test_the_responsible_organisation_imports_a_file_with_a_bad_row(server, page, tmp_path):
    upload = tmp_path / "planer.csv"
    upload.write_text(
        "indikator;datum;värde\n"
        "Planer för återgång i arbete som kommer in eller inhämtas;2019;11 000\n"
        "Planer för återgång i arbete som kommer in eller inhämtas;2018-13-01;5\n",
        encoding="utf-8",
    )
    open_app(page, server, page.get_by_role("heading", name="Strukturen i siffror"))
    sign_in(page, server, "cecilia")  # FK: Försäkringskassan answers for these indicators
    page.locator(".st-key-menu").get_by_text("Effektuppföljning").click()
    wait_idle(page)
    page.locator("[class*='st-key-effect-card-']").filter(
        has_text="Fler försäkrade kommer åter"
    ).get_by_text("Öppna effekten").click()
    wait_idle(page)
    page.get_by_text("Importera värden från fil").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    wait_idle(page)
    expect(page.get_by_text("Rader som kan importeras: 1.")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Rad 3: datumet 2018-13-01 går inte att läsa")).to_be_visible()
    page.get_by_role("button", name="Importera bara de godkända raderna (1)").click()
    wait_idle(page)
    expect(page.get_by_text("Importerade värden: 1.")).to_be_visible(timeout=20_000)
    no_exception_shown(page)
