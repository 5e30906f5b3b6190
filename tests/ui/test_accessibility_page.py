"""The accessibility statement and its fault report, as the law asks: anyone may report, the
administrators read the reports."""

from sqlmodel import select

from models import AccessibilityReport, make_engine, unit_of_work
from tests.ui.conftest import sign_in, texts


def report(app, description: str, contact: str = "") -> None:
    app.text_area(key="ar_description").set_value(description)
    app.text_input(key="ar_contact").set_value(contact)
    [send] = [b for b in app.button if b.label == "Skicka rapporten"]
    send.click().run()
    assert not app.exception, app.exception


def test_the_statement_says_what_the_law_asks_for(app):
    app.run()
    app.switch_page("pages/accessibility.py").run()
    shown = texts(app)
    for part in (
        "lagen (2018:1937) om tillgänglighet till digital offentlig service",
        "Innehåll som inte är tillgängligt",
        "Rapportera brister i tjänstens tillgänglighet",
        "Myndigheten för digital förvaltning (Digg)",
        "WCAG 2.1 på nivå AA",
        "uppdaterades senast",
    ):
        assert part in shown, part


def test_anyone_reports_a_fault_and_the_administrator_reads_it(app):
    app.run()
    app.switch_page("pages/accessibility.py").run()
    report(app, "")
    assert "Beskrivningen av problemet måste fyllas i." in texts(app)
    report(app, "Gäller 19121212-1212 som inte kan läsa protokollet.")
    assert "personnummer" in texts(app).lower()
    app.selectbox(key="ar_page").set_value("meeting")
    report(app, "Skärmläsaren läser inte dagordningens tabell.", "eva@example.se")
    assert "Tack! Rapporten är skickad" in texts(app)
    assert app.text_area(key="ar_description").value == ""
    sign_in(app, "admin")
    app.switch_page("pages/accessibility.py").run()
    [table] = app.dataframe
    shown = table.value.to_string()
    assert "Skärmläsaren läser inte dagordningens tabell." in shown
    assert "eva@example.se" in shown and "(utloggad)" in shown
    assert "19121212-1212" not in shown  # refused, never stored


def test_only_administrators_see_the_reports(app):
    sign_in(app, "anna")
    app.switch_page("pages/accessibility.py").run()
    assert "Inkomna rapporter" not in texts(app)
    assert not app.dataframe


def test_reports_sent_signed_out_are_bounded_per_hour_but_never_a_signed_in_ones(app, app_db):
    from models import make_engine, unit_of_work
    from services.accounts.accessibility_reports import (
        SIGNED_OUT_PER_HOUR,
        report_accessibility_problem,
    )

    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        for n in range(SIGNED_OUT_PER_HOUR):
            report_accessibility_problem(
                s, page="start", description=f"Fel {n}", contact="", by=None
            )
        s.commit()
    engine.dispose()
    app.run()
    app.switch_page("pages/accessibility.py").run()
    report(app, "Ännu en rapport utan inloggning.")
    assert "Många rapporter har kommit in utan inloggning den senaste timmen." in texts(app)
    assert app.text_area(key="ar_description").value == "Ännu en rapport utan inloggning."
    sign_in(app, "anna")
    app.switch_page("pages/accessibility.py").run()
    report(app, "Rapport från en inloggad.")
    assert "Tack! Rapporten är skickad" in texts(app)


def test_a_report_on_a_full_disk_is_said_keeps_the_text_and_goes_through_after(app, app_db):
    from tests.faults import empty_sqlite_disk, fill_sqlite
    from tests.ui.test_faults import AWAY
    from ui.db import engine as app_engine

    app.run()
    app.switch_page("pages/accessibility.py").run()
    engine = app_engine()
    typed = "Tabellen går inte att läsa med skärmläsare. " * 400  # more than the disk has room for
    fill_sqlite(engine)
    try:
        report(app, typed)
        shown = texts(app)
        assert AWAY in shown and "Rapporten sparades inte" in shown
        assert app.text_area(key="ar_description").value == typed
    finally:
        empty_sqlite_disk(engine)
    [send] = [b for b in app.button if b.label == "Skicka rapporten"]
    send.click().run()
    assert "Tack! Rapporten är skickad" in texts(app)
    check = make_engine(app_db)
    with unit_of_work(check) as s:
        assert len(s.exec(select(AccessibilityReport)).all()) == 1
    check.dispose()
