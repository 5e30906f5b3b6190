"""The chair's and the leader's day in a real browser, typed as a Swedish user types: a first
row into each empty table by keyboard, an item moved on the agenda, a meeting held and its
minutes approved only after what has no decision is shown, "55,5" saved as 55,5."""

import io
from datetime import timedelta

from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlmodel import select

from models import Evidence, Forum, ForumMembership, Measurement, clock, make_engine, unit_of_work
from tests.e2e.conftest import (
    add_table_row,
    click,
    indicator_section,
    no_exception_shown,
    open_app,
    save_value,
    sign_in,
    type_value,
    wait_idle,
)

DUE = clock.today() + timedelta(days=30)


def saved(page: Page) -> None:
    expect(page.get_by_text("Sparat.").first).to_be_visible(timeout=20_000)
    no_exception_shown(page)


def choose(page: Page, scope, label: str, option: str) -> None:
    """A selectbox by keyboard: focus it, type to filter, Enter."""
    box = scope.get_by_role("combobox", name=label).first
    box.click()
    page.keyboard.type(option, delay=40)
    page.keyboard.press("Enter")


def agenda_titles(page: Page) -> list[str]:
    """The agenda as the "item to move" list says it: "§ n title"."""
    box = page.get_by_role("combobox", name="Punkt att flytta")
    box.click()
    options = [o.inner_text() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    return options


def test_the_chair_holds_todays_meeting_from_participants_to_approved_minutes(server, page):
    sign_in(page, server, "bertil")  # chair of the Försäkringsmedicinsk kommitté
    open_app(page, f"{server}/meetings", page.get_by_role("heading", name="Möten"))
    page.get_by_role("link").filter(has_text=f"{clock.today():%Y-%m-%d}").first.click()
    expect(page.get_by_role("heading", name="Möte", exact=True)).to_be_visible(timeout=20_000)
    wait_idle(page)
    no_exception_shown(page)

    # a first row into the participants table, by keyboard
    page.get_by_text("Deltagare (3)").click()
    people = page.locator("[data-testid='stExpander']").filter(has_text="Spara deltagarna")
    add_table_row(
        page,
        people,
        [
            ("text", "Cecilia Carlsson"),
            ("choice", "Försäkringskassan"),
            ("bool", False),
            ("bool", True),
        ],
    )
    click(page, "Spara deltagarna")
    saved(page)
    expect(page.get_by_text("Deltagare (4)")).to_be_visible()

    # a free item lands before the closing items, and moves up one place
    page.get_by_role("tab", name="Lägg till en fri punkt").click()
    free = page.locator("[data-testid='stForm']").filter(has_text="Bakgrund")
    free.get_by_role("textbox", name="Punkt").fill("Information från företagshälsovården")
    free.get_by_role("button", name="Lägg till").click()
    wait_idle(page)
    saved(page)
    titles = agenda_titles(page)
    assert titles[-3:] == [
        "§ 7 Information från företagshälsovården",
        "§ 8 Övriga frågor",
        "§ 9 Nästa möte",
    ], titles
    choose(page, page, "Punkt att flytta", "Information från")
    click(page, "Flytta upp")
    saved(page)
    assert agenda_titles(page)[5] == "§ 6 Information från företagshälsovården"

    click(page, "Markera mötet som hållet")
    expect(page.get_by_text("protokollet är inte justerat").first).to_be_visible()

    # agreed actions: a first row into the empty actions table, by keyboard
    late = page.get_by_test_id("stExpander").filter(has_text="Sena läkarintyg fördröjer").first
    choose(page, late, "Beslut", "Åtgärder")
    late.get_by_role("textbox", name="Beslutets text").fill("Regionen och FK tar fram en rutin.")
    add_table_row(
        page,
        late,
        [
            ("text", "Rutin för intyg före avstämningsmöte"),
            ("choice", "Region Västmanland"),
            ("text", "Bertil Berg"),
            ("date", DUE),
        ],
    )
    late.get_by_role("button", name="Spara beslutet").click()
    wait_idle(page)
    saved(page)
    agreed = page.get_by_text(
        f"• Rutin för intyg före avstämningsmöte – Region Västmanland, Bertil Berg, {DUE:%Y-%m-%d}"
    )
    for _ in range(3):  # decided, it folds; under load the fold can come after a first click
        if agreed.is_visible():
            break
        late.get_by_text("Sena läkarintyg fördröjer").first.click()
        wait_idle(page)
    expect(agreed).to_be_visible()

    # one issue still without a decision: it is listed, and approval asks first
    undecided = page.locator("[data-testid='stAlert']").filter(has_text="saknar beslut")
    expect(undecided).to_be_visible()
    approve = page.get_by_role("button", name="Justera protokollet")
    expect(approve).to_be_disabled()
    expect(undecided).to_contain_text("Rehabkoordinatorernas väg in till Försäkringskassan")
    expect(undecided).to_contain_text("Justerare utses")
    contact = page.get_by_test_id("stExpander").filter(has_text="Rehabkoordinatorernas väg")
    choose(page, contact.first, "Beslut", "Löst")
    contact.first.get_by_role("textbox", name="Beslutets text").fill(
        "FK Västmanland inför en funktionsbrevlåda för strukturella frågor."
    )
    contact.first.get_by_role("button", name="Spara beslutet").click()
    wait_idle(page)
    saved(page)
    expect(approve).to_be_enabled()
    click(page, "Justera protokollet")
    expect(page.get_by_text("Protokoll justerat").first).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Protokoll (PDF)").click()
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert "Justerare utses:" in text and "Inget beslut" not in text
    assert "Rutin för intyg före avstämningsmöte" in text
    assert "Ordförande, tillika justerare" in text and "Bertil Berg" in text
    squashed = "".join(text.split())  # pypdf may space a word's letters apart by their kerning
    start = squashed.find("Plats")
    assert "Närvarande" in squashed and "Försäkringskassan:CeciliaCarlsson" in squashed, squashed[
        start : start + 400
    ]
    no_exception_shown(page)

    # the agreed action followed up: its form opens from its card, the focus stays on the
    # button, and the keyboard goes on into the form
    open_app(page, f"{server}/actions", page.get_by_role("heading", name="Åtgärder"))
    wait_idle(page)
    card = page.locator("[class*='st-key-action-card-']").filter(
        has_text="Rutin för intyg före avstämningsmöte"
    )
    expect(card.last).to_be_visible()
    expect(card.last.get_by_role("combobox", name="Status")).to_have_count(0)  # not drawn
    card.last.get_by_role("button", name="Uppdatera status").click()
    note = card.last.get_by_role("textbox", name="Kommentar")
    expect(note).to_be_visible(timeout=20_000)
    wait_idle(page)
    expect(card.last.get_by_role("button", name="Stäng utan att spara")).to_be_focused()
    note.fill("Rutinen är på remiss, 55,5 % av vårdcentralerna har svarat.")
    card.last.get_by_role("button", name="Spara", exact=True).click()
    wait_idle(page)
    no_exception_shown(page)
    expect(card.last.get_by_text("55,5 % av vårdcentralerna har svarat.")).to_be_visible(
        timeout=20_000
    )
    expect(card.last.get_by_role("textbox", name="Kommentar")).to_have_count(0)  # closed


def test_the_officer_logs_an_issue_with_evidence_typed_into_the_empty_table(
    server, server_db, page
):
    sign_in(page, server, "anna")
    open_app(
        page, f"{server}/issue_new", page.get_by_role("heading", name="Logga en samverkansfråga")
    )
    choose(page, page, "Forum där frågan uppstått", "Avstämningsmöten")
    page.get_by_role("textbox", name="Rubrik").fill("Kompletteringar dröjer (e2e)")
    page.get_by_role("textbox", name="Rubrik").press("Tab")
    wait_idle(page)
    table = (
        page.locator("[data-testid='stElementContainer']")
        .filter(has=page.locator("[data-testid='stDataFrameResizable']"))
        .first
    )
    add_table_row(
        page,
        table,
        [("text", "Kompletteringar efter 30 dagar"), ("text", "FK Västmanland"), ("text", "1 234")],
    )
    wait_idle(page)
    click(page, "Spara frågan")
    expect(page.get_by_text("Frågan är sparad som").first).to_be_visible(timeout=20_000)
    engine = make_engine(server_db)
    with unit_of_work(engine) as s:
        rows = s.exec(select(Evidence.description, Evidence.count)).all()
    engine.dispose()
    assert ("Kompletteringar efter 30 dagar", 1234) in rows


def test_the_administrator_gives_a_forum_its_first_member_by_keyboard(server, server_db, page):
    engine = make_engine(server_db)
    with unit_of_work(engine) as s:  # a forum that has no member yet
        forum = s.exec(select(Forum).where(Forum.key == "vm-arbetsgivardialog")).one()
        for m in s.exec(select(ForumMembership).where(ForumMembership.forum_id == forum.id)):
            s.delete(m)
        s.commit()
    sign_in(page, server, "admin")
    open_app(page, f"{server}/structure_admin", page.get_by_role("heading").first)
    choose(page, page, "Forum att redigera", "Arbetsgivardialog")
    wait_idle(page)
    page.get_by_role("tab", name="Medlemmar").click()
    members = (
        page.locator("[data-testid='stElementContainer']")
        .filter(has=page.locator("[data-testid='stDataFrameResizable']"))
        .first
    )
    add_table_row(page, members, [("choice", "Försäkringskassan Västmanland")])
    click(page, "Spara medlemmar")
    no_exception_shown(page)
    with unit_of_work(engine) as s:
        count = len(
            s.exec(select(ForumMembership).where(ForumMembership.forum_id == forum.id)).all()
        )
    engine.dispose()
    assert count == 1


def test_the_leader_records_55_comma_5_per_cent_and_it_is_saved_as_55_5(server, server_db, page):
    sign_in(page, server, "david")
    open_app(page, f"{server}/effects", page.get_by_role("heading", name="Effektuppföljning"))
    section = indicator_section(
        page, "Fler försäkrade kommer åter i arbete", "Planer av god kvalitet"
    )
    type_value(page, section, "150")
    expect(section.get_by_text("% ligger mellan 0 och 100.").first).to_be_visible()
    type_value(page, section, "55,5")
    expect(section.get_by_text("Sparas som 55,5 %").first).to_be_visible()
    save_value(page, section)
    engine = make_engine(server_db)
    with unit_of_work(engine) as s:
        values = s.exec(
            select(Measurement.value).where(Measurement.recorded_by.contains("David"))
        ).all()
    engine.dispose()
    assert 55.5 in values and 555 not in values and 150 not in values
    no_exception_shown(page)
