"""Shows the engine's and the services' refusals in the user's language."""

import streamlit as st

from escalation import Problem
from ui.i18n import t


def show_problems(problems: list[Problem]) -> None:
    lines = "\n".join(f"- {t(f'problem.{p.code}', **p.params)}" for p in problems)
    st.error(f"{t('edit.refused')}\n\n{lines}", icon=":material/block:")
