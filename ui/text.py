"""User text on the page as text: no Markdown, HTML or Streamlit directive in it takes effect.

Streamlit renders st.markdown, captions, messages, headers and widget labels as Markdown, and
some of its extensions act on the text even after Markdown's backslash escapes: web and e-mail
addresses become links, `:material/…:` becomes an icon. So user text reaches the page either as
a block of plain text (`show_text`, escaped HTML), or inside the app's own Markdown through `md`,
which escapes every character Markdown gives a meaning to and puts an invisible word joiner where
those extensions would match.
"""

import html
import re

import streamlit as st

_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
"""Control characters and bidirectional overrides: invisible, but able to reorder what the
reader sees (a right-to-left override turns "abc" into "cba")."""
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
WORD_JOINER = "\u2060"
_WWW = re.compile(r"(?i)\bwww\.")


def visible(text: object) -> str:
    """The text without the characters that would change how it, or what follows, is read."""
    return _HIDDEN.sub("", "" if text is None else str(text))


def md(text: object) -> str:
    """User text for one line of the app's own Markdown: shown exactly as typed, on one line.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for each), so no
    emphasis, link, image, heading, list, table, HTML, maths or colour directive starts. A word
    joiner after each colon, before each @ and inside "www." stops the address and icon
    extensions, which match the text after escapes are undone.
    """
    text = " ".join(visible(text).split())
    text = _WWW.sub(lambda m: m.group(0)[:3] + WORD_JOINER + ".", text)
    text = text.replace(":", ":" + WORD_JOINER).replace("@", WORD_JOINER + "@")
    return _PUNCTUATION.sub(r"\\\1", text)


def escape_html(text: object) -> str:
    return html.escape(visible(text), quote=True)


def text_block(text: object, *, muted: bool = False) -> str:
    """Escaped HTML that keeps the text's line breaks and wraps very long words."""
    style = "white-space:pre-wrap;overflow-wrap:anywhere;margin-bottom:0.5rem"
    if muted:
        style += ";opacity:0.7;font-size:0.875rem"
    return f'<div class="user-text" style="{style}">{escape_html(text)}</div>'


def show_text(text: object, *, muted: bool = False) -> None:
    """A block of user text (a description, an outcome, a reason, a comment) as plain text."""
    if text:
        st.html(text_block(text, muted=muted))


def show_labelled(label: str, text: object) -> None:
    """The app's label in bold, then the user's text as plain text, line breaks kept."""
    st.html(
        f'<div class="user-text" style="white-space:pre-wrap;overflow-wrap:anywhere;'
        f'margin-bottom:0.5rem"><strong>{html.escape(label)}:</strong> '
        f"{escape_html(text)}</div>"
    )
