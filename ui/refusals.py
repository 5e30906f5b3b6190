"""Shows the engine's and the services' refusals in the user's language, with names not keys."""

import re
from collections.abc import Callable

import streamlit as st

from escalation import Problem
from services.structure.view import organisation_names
from ui.db import forum_graph, reading
from ui.i18n import SOURCE_LANGUAGE, catalogue, t
from ui.text import md

FORUM_PARAMS = ("forum", "source", "target")
PLACES = [  # how the engine and the structure file name a place, and the catalogue's words
    (re.compile(r"^forum '(?P<forum>[^']+)'$"), "where.forum"),
    (re.compile(r"^organisation '(?P<organisation>[^']+)'$"), "where.organisation"),
    (re.compile(r"^organisation #(?P<number>\d+)$"), "where.organisation_number"),
    (re.compile(r"^forum #(?P<number>\d+)$"), "where.forum_number"),
    (re.compile(r"^the area of (?:forum )?'(?P<forum>[^']+)'$"), "where.area"),
    (re.compile(r"^the link from '(?P<forum>[^']+)'$"), "where.link_from"),
    (
        re.compile(r"^the escalation from '(?P<source>[^']+)' to '(?P<target>[^']+)'$"),
        "where.escalation",
    ),
    (re.compile(r"^the (?P<field>\w+) of '(?P<organisation>[^']+)'$"), "where.field_of"),
]


def place_words(where: str, name: Callable[[str, str], str], words: Callable[..., str]) -> str:
    """ "forum 'vm-fm-kommitte'" -> "Forumet ”Försäkringsmedicinsk kommitté …”": the place a
    problem names, in the reader's language and by the names users know."""
    for pattern, key in PLACES:
        found = pattern.match(where)
        if found:
            return words(
                key, **{k: v if k == "number" else name(k, v) for k, v in found.groupdict().items()}
            )
    return md(where)


def readable(params: dict[str, str]) -> dict[str, str]:
    """A refusal's parameters as Markdown-safe text, forum and organisation keys as the names
    users know."""
    G = forum_graph()
    with reading() as s:
        orgs = organisation_names(s)

    def named(param: str, value: str) -> str:
        if param in FORUM_PARAMS and value in G:
            return f"”{md(G.nodes[value]['forum'].name)}”"
        if param == "organisation":
            return ", ".join(f"”{md(orgs.get(v, v))}”" for v in value.split(", "))
        if param == "where":
            return place_words(value, named, t)
        if param == "cycle":
            return " → ".join(named("forum", key) for key in value.split(" -> "))
        if param == "field" and f"field.{value}" in catalogue(SOURCE_LANGUAGE):
            return t(f"field.{value}").lower()
        return md(value)

    return {k: named(k, v) for k, v in params.items()}


def show_problems(problems: list[Problem]) -> None:
    lines = "\n".join(
        f"- {_sentence(t(f'problem.{p.code}', **readable(p.params)))}" for p in problems
    )
    st.error(f"{t('edit.refused')}\n\n{lines}", icon=":material/block:")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
