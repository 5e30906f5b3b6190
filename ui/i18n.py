"""Translations: one TOML catalogue per language; Swedish is the source, English mirrors it.

Keys are dotted (`start.title`). Values use str.format placeholders (`{count}`).
"""

import os
import tomllib
from functools import cache
from pathlib import Path

import streamlit as st

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = {"sv": "Svenska", "en": "English"}
SOURCE_LANGUAGE = "sv"


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
"""A key with a `count` may have a form per number (`planned.one`, `planned.other`): Swedish
and English both have one form for exactly 1 and another for the rest."""


def translate(lang: str, key: str, /, **params: object) -> str:
    """The text for `key`; falls back to Swedish, then to the key itself so a gap shows."""
    if "count" in params and f"{key}.one" in catalogue(SOURCE_LANGUAGE):
        key = f"{key}.{'one' if str(params['count']) == '1' else 'other'}"
    text = catalogue(lang).get(key) or catalogue(SOURCE_LANGUAGE).get(key) or key
    return text.format(**params) if params else text


def default_language() -> str:
    lang = os.environ.get("SAMVERKANSNAVET_LANG", SOURCE_LANGUAGE).strip().lower()
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def current_language() -> str:
    return st.session_state.get("lang") or default_language()


def t(key: str, /, **params: object) -> str:
    return translate(current_language(), key, **params)


def label(prefix: str, value: object) -> str:
    """The label of an enum value: `label("level", ForumLevel.LOCAL)` -> "Lokal"."""
    raw = getattr(value, "value", value)
    return t(f"{prefix}.{raw}")
