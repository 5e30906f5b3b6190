"""The two helpers every page relies on: user text escaped for Markdown, and each refusal a
service raises shown in the user's words with nothing saved."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import TIMEOUT, seen
from ui.text import WORD_JOINER, escape_html, md, visible


@pytest.mark.parametrize(
    "text",
    [
        "![x](https://e.example/p.png)",
        "# Rubrik",
        "**fet**",
        "<b>x</b>",
        ":red[x]",
        "| a | b |",
        "1. lista",
        "$x$",
        "a\\b",
        "~~struk~~",
        "`kod`",
        "-> och --",
    ],
)
def test_md_escapes_every_markdown_character_and_reads_back_as_typed(text):
    escaped = md(text)
    assert seen(escaped) == text
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "[]()#*<>|`$~")


def test_md_breaks_the_address_and_icon_extensions_that_act_after_escapes():
    for text in ("https://e.example", "www.e.example", "anna@e.example", ":material/home:"):
        assert WORD_JOINER in md(text)
        assert seen(md(text)) == text


def test_text_that_reorders_or_hides_is_dropped_from_view():
    assert visible("abc\u202edcba\x00") == "abcdcba"
    assert md("rad ett\nrad två") == "rad ett rad två"
    assert escape_html("<b>\u202e") == "&lt;b&gt;"


def _refused_page() -> None:
    import streamlit as st

    from models.db import ConcurrentChangeError
    from models.refusals import StaleError
    from services.permissions import PermissionDeniedError
    from ui.transaction import run_action

    refusals = {
        "race": ConcurrentChangeError("x"),
        "denied": PermissionDeniedError("not_chair"),
        "stale": StaleError(
            "issue", "SAM-2026-0001", "**Bo**", __import__("datetime").datetime(2026, 11, 30, 12, 0)
        ),
    }

    def fail(_session, error=refusals[st.query_params["refusal"]]):
        raise error

    st.session_state.saved = run_action(fail)


@pytest.mark.parametrize(
    ("refusal", "words"),
    [
        ("race", "Någon annan ändrade samma sak i samma ögonblick"),
        ("denied", "ordförande"),
        ("stale", "Frågan har ändrats av **Bo** 2026-11-30 13:00"),  # 12:00 UTC in Stockholm
    ],
)
def test_each_refusal_is_said_in_words_and_nothing_counts_as_saved(app_db, refusal, words):
    at = AppTest.from_function(_refused_page, default_timeout=TIMEOUT)
    at.query_params["refusal"] = refusal
    at.run()
    assert not at.exception, at.exception
    assert at.session_state.saved is None
    assert words in seen(at.error[0].value)
