"""Shows the engine's and the services' refusals in the user's language, with names not keys."""

import streamlit as st

from escalation import Problem
from services.structure.view import organisation_names
from ui.db import forum_graph, session
from ui.i18n import t
from ui.text import md

FORUM_PARAMS = ("forum", "source", "target")


def readable(params: dict[str, str]) -> dict[str, str]:
    """A refusal's parameters as Markdown-safe text, forum and organisation keys as the names
    users know."""
    G = forum_graph()
    with session() as s:
        orgs = organisation_names(s)

    def named(param: str, value: str) -> str:
        if param in FORUM_PARAMS and value in G:
            return f"”{md(G.nodes[value]['forum'].name)}”"
        if param == "organisation":
            return ", ".join(f"”{md(orgs.get(v, v))}”" for v in value.split(", "))
        return md(value)

    return {k: named(k, v) for k, v in params.items()}


def show_problems(problems: list[Problem]) -> None:
    lines = "\n".join(f"- {t(f'problem.{p.code}', **readable(p.params))}" for p in problems)
    st.error(f"{t('edit.refused')}\n\n{lines}", icon=":material/block:")
