"""Translations: one TOML catalogue per language; Swedish is the source, English mirrors it.

Keys are dotted (`start.title`). Values use str.format placeholders (`{count}`).
"""

import os
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from pathlib import Path

import streamlit as st

from models import formats

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = {"sv": "Svenska", "en": "English"}
SOURCE_LANGUAGE = "sv"
_run = threading.local()  # Streamlit runs each script run in a thread of its own


@cache
def catalogue(lang: str) -> dict[str, str]:
    with (LOCALES / f"{lang}.toml").open("rb") as fh:
        return _flatten(tomllib.load(fh))


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


PLURALS = ("one", "other")
"""A key with a `count` may have a form per CLDR plural category (`planned.one`,
`planned.other`), chosen by Babel for the reader's language; Swedish and English use these two."""
IDENTIFIERS = frozenset({"id", "year", "reference", "number"})
"""Whole-number parameters that name something rather than count it: never grouped (2026, not
2 026)."""


def translate(lang: str, key: str, /, **params: object) -> str:
    """The text for `key`; falls back to Swedish, then to the key itself so a gap shows.

    A whole number is written the reader's way (100 000), and `count` picks the plural form.
    """
    if "count" in params and f"{key}.one" in catalogue(SOURCE_LANGUAGE):
        form = formats.plural_form(params["count"], lang)
        key = f"{key}.{form if f'{key}.{form}' in catalogue(SOURCE_LANGUAGE) else 'other'}"
    text = catalogue(lang).get(key) or catalogue(SOURCE_LANGUAGE).get(key) or key
    if not params:
        return text
    shown = {
        name: formats.count(value, lang)
        if type(value) is int and name not in IDENTIFIERS
        else value
        for name, value in params.items()
    }
    return text.format(**shown)


def default_language() -> str:
    lang = os.environ.get("SAMVERKANSNAVET_LANG", SOURCE_LANGUAGE).strip().lower()
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def current_language() -> str:
    return getattr(_run, "lang", None) or st.session_state.get("lang") or default_language()


def hold_language(lang: str | None) -> None:
    """The run's language, once the app has settled it (None at a run's start): a page asks
    for it hundreds of times a run (every text, date and number), and reading the session's
    state each time was a tenth of the effect dashboard's rerun."""
    _run.lang = lang


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Texts in `lang` where no session's state can be read: a download made when its button
    is clicked runs outside the script's run."""
    before = getattr(_run, "lang", None)
    _run.lang = lang
    try:
        yield
    finally:
        _run.lang = before


def t(key: str, /, **params: object) -> str:
    return translate(current_language(), key, **params)


def day(value: date | datetime | None) -> str:
    """2026-11-24, by Stockholm's calendar."""
    return formats.day(value, current_language())


def long_day(value: date | datetime | None, *, weekday: bool = False) -> str:
    """24 november 2026 (onsdag 9 december 2026 with `weekday`)."""
    return formats.long_day(value, current_language(), weekday=weekday)


def moment(value: datetime | None) -> str:
    """A stored time as 2026-11-24 14:05 in Stockholm."""
    return formats.moment(value, current_language())


def clock_time(value: datetime | None) -> str:
    """14:05 in Stockholm."""
    return formats.clock_time(value, current_language())


def label(prefix: str, value: object) -> str:
    """The label of an enum value: `label("level", ForumLevel.LOCAL)` -> "Lokal"."""
    raw = getattr(value, "value", value)
    return t(f"{prefix}.{raw}")
