"""Widgets every page shares: the language switch and the demo banner."""

import json
import re
import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.i18n import LANGUAGES, current_language, default_language, hold_language, t
from ui.navigation import NOT_FOUND, PAGES

_run = threading.local()  # Streamlit runs each script run in a thread of its own


def mark_app_run() -> None:
    """Called by app.py: this run goes through the app's own navigation."""
    _run.from_app = True


def require_app() -> None:
    """First line of every page: make sure app.py, not Streamlit's legacy runner, runs it.

    With a pages/ folder beside app.py, Streamlit starts in its old multipage mode and, if the
    first request after a server start is a deep link, runs the page file alone (no sign-in,
    language or navigation) until app.py calls st.navigation once. A page run without app.py
    therefore switches that mode off for the process and reruns through app.py.
    """
    if getattr(_run, "from_app", False):
        return
    PagesManager.uses_pages_directory = False
    st.rerun()


ADDRESS = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
DEFAULT_ALIAS = "home"
"""The default page's registered path: Streamlit serves it at the root, so its own path
(/start) is registered again, hidden, and a bookmark of it opens it too."""


def app_pages() -> list:
    """The pages for st.navigation: every page of the registry; the default page at the root
    and at its own address; and, for an address the app does not know, the app's own "no such
    page" under that address (Streamlit would answer in English).

    Made once per session, language and address asked for (each page resolves its file on
    disk: a millisecond or two a run). Kept in the session, not shared: st.navigation marks
    the page it returns as callable until it has run, and two sessions' runs would race.
    """
    asked = _asked_address()
    unknown = asked if asked and asked not in {p.url_path for p in PAGES} | {DEFAULT_ALIAS} else ""
    key = (current_language(), unknown)
    held = st.session_state.get(PAGES_HELD)
    if held is None or held[0] != key:
        held = (key, *_make_pages(unknown))
        st.session_state[PAGES_HELD] = held
    return held[1]


PAGES_HELD = "_app_pages"


def linked_page(path: str) -> "st.Page | str":
    """What a link to the page at `path` is given: this session's registered page (a link by
    path has Streamlit resolve the file on disk and search the pages for it, each link on every
    run: twenty cards, twenty searches), or the path where no navigation ran (a page tested on
    its own)."""
    held = st.session_state.get(PAGES_HELD)
    return held[2].get(path, path) if held is not None else path


def _make_pages(unknown: str) -> tuple[list, dict]:
    """The pages, and by path the one a link to that path opens."""
    pages, by_path = [], {}
    for p in PAGES:
        by_path[p.path] = st.Page(
            p.path,
            title=t(p.title_key),
            icon=p.icon,
            default=p.default,
            url_path=DEFAULT_ALIAS if p.default else p.url_path,
        )
        pages.append(by_path[p.path])
        if p.default:
            pages.append(
                st.Page(
                    p.path,
                    title=t(p.title_key),
                    icon=p.icon,
                    url_path=p.url_path,
                    visibility="hidden",
                )
            )
    if unknown:
        pages.append(
            st.Page(
                NOT_FOUND,
                title=t("nav.not_found"),
                icon=":material/help:",
                url_path=unknown,
                visibility="hidden",
            )
        )
    return pages, by_path


def _asked_address() -> str:
    ctx = get_script_run_ctx()
    asked = (ctx.pages_manager.intended_page_name or "") if ctx else ""
    return asked if ADDRESS.match(asked) else ""


PAGE_STYLE = """<style>
.narrow-label { display: none; }
.issue-cells { display: grid; grid-template-columns: 6fr 2fr 3fr 2fr; column-gap: 1rem;
               align-items: center; }
.issue-cells > div { min-width: 0; overflow-wrap: anywhere; }
.issue-cells > .muted { opacity: 0.75; font-size: 0.875rem; }
.card-facts { color: #5c5b5a; font-size: 0.875rem; margin-bottom: 0.5rem; }
.overdue { color: #b3261e; font-weight: 600; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMarkdownContainer"] blockquote, [data-testid="stMarkdownContainer"] blockquote p,
[data-testid="stWidgetLabel"] [data-testid="stTooltipHoverTarget"] + p,
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] {
  color: #5c5b5a; opacity: 1;
}
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, [role="radio"]:focus-visible,
[role="checkbox"]:focus-visible, [role="switch"]:focus-visible, summary:focus-visible,
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stNumberInputContainer"]:focus-within,
[data-testid="stSelectbox"] > div:focus-within, [data-testid="stMultiSelect"] > div:focus-within,
[data-testid="stDateInput"] > div:focus-within, [data-testid="stTimeInput"] > div:focus-within {
  outline: 3px solid #00528c !important; outline-offset: 2px;
}
h1 { overflow-wrap: normal; word-break: normal; hyphens: manual; }
@media (max-width: 640px) {
  h1 { font-size: 1.8rem !important; }
  .narrow-label { display: inline; font-weight: 600; }
  [class*="st-key-issue-list-head-"] { display: none; }
  .issue-cells { display: block; }
  [class*="st-key-issue-row-"] { border-top: 1px solid rgba(49, 51, 63, 0.2);
                                 padding-top: 0.5rem; flex-direction: column;
                                 align-items: stretch; }
  [class*="st-key-issue-row-"] > * { flex: 0 0 auto !important; }
}
</style>"""
"""The app's own few rules: captions, quotes and metric labels in a grey that keeps 4.5:1
against white and the sidebar (Streamlit fades them to 60 %: #828180, 3.88:1, where WCAG 1.4.3
asks 4.5); page titles are never broken inside a word (a narrow screen gets a smaller title
instead); whatever has the keyboard's focus is outlined in the app's blue (WCAG 2.4.7: some
of Streamlit's links and fields showed no focus); and on a phone a list's values carry their
labels (ui.issues.list_table)."""


def page_style() -> None:
    st.html(PAGE_STYLE)


def page_language() -> None:
    """The page says the language it speaks (WCAG 3.1.1), so a screen reader reads Swedish as
    Swedish: Streamlit's page always says lang="en". Sent on every run; it changes with the
    switch."""
    lang = json.dumps(current_language())
    st.sidebar.html(
        f"<script>document.documentElement.lang = {lang};</script>",
        unsafe_allow_javascript=True,
    )


def init_language() -> None:
    """Swedish by default, or ?lang=en from the URL; read before the navigation is built."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "")
        st.session_state.lang = wanted if wanted in LANGUAGES else current_language()
    hold_language(st.session_state.lang)  # the switch only changes it for the next run


def language_switch() -> None:
    """The choice lives in the session and, once a user switches, in the URL (?lang=en).

    Call after st.navigation: writing the URL before it makes a deep link's first load after
    a server start report "Page not found".
    """
    st.sidebar.radio(
        t("app.language"),
        list(LANGUAGES),
        key="lang",
        format_func=LANGUAGES.__getitem__,
        horizontal=True,
    )
    if st.query_params.get("lang", st.session_state.lang) != st.session_state.lang or (
        "lang" in st.query_params or st.session_state.lang != default_language()
    ):
        st.query_params["lang"] = st.session_state.lang


def demo_banner(has_demo: bool) -> None:
    if has_demo:
        st.info(t("app.demo_banner"), icon=":material/science:")


def remember_page(url_path: str) -> None:
    """The page this run shows, so a sign-in prompt can bring the user back to it."""
    st.session_state.current_page = next((p.path for p in PAGES if p.url_path == url_path), None)


def come_back_after_signin() -> None:
    """Note where the user was going (page file and query), for after the sign-in."""
    page = st.session_state.get("current_page")
    if page is not None:
        st.session_state.after_signin = (page, dict(st.query_params))
