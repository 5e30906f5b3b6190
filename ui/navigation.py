"""Every page of the app, registered once: app.py builds the navigation from this, tests run it.

Every page is routable for everyone (a deep link always answers, with a sign-in prompt or a
clear refusal); the menu shows each person the pages they can use (`shown_to`).
"""

from dataclasses import dataclass
from enum import StrEnum


class ShownTo(StrEnum):
    EVERYONE = "everyone"
    SIGNED_OUT = "signed_out"
    SIGNED_IN = "signed_in"
    RAISERS = "raisers"
    """Those who may log an issue somewhere."""
    FORUM_MEMBERS = "forum_members"
    """Those holding a role at a forum, and the strategic level."""
    ADMINISTRATORS = "administrators"
    NOBODY = "nobody"
    """Reached by its links only (one issue, one meeting)."""


@dataclass(frozen=True)
class PageSpec:
    """A page. Its url_path must equal its file's stem: with a pages/ folder, Streamlit resolves
    a deep link against the file names before st.navigation runs, and a mismatch shows
    "Page not found" on the first load after a server start."""

    path: str
    url_path: str
    title_key: str
    icon: str
    shown_to: ShownTo = ShownTo.EVERYONE
    default: bool = False


PAGES = (
    PageSpec("pages/start.py", "start", "nav.start", ":material/home:", default=True),
    PageSpec("pages/structure.py", "structure", "nav.structure", ":material/account_tree:"),
    PageSpec("pages/inbox.py", "inbox", "nav.inbox", ":material/inbox:", ShownTo.SIGNED_IN),
    PageSpec("pages/issues.py", "issues", "nav.issues", ":material/list_alt:", ShownTo.SIGNED_IN),
    PageSpec(
        "pages/issue_new.py", "issue_new", "nav.issue_new", ":material/add_circle:", ShownTo.RAISERS
    ),
    PageSpec("pages/issue.py", "issue", "nav.issue", ":material/description:", ShownTo.NOBODY),
    PageSpec(
        "pages/meetings.py", "meetings", "nav.meetings", ":material/event:", ShownTo.FORUM_MEMBERS
    ),
    PageSpec("pages/meeting.py", "meeting", "nav.meeting", ":material/event_note:", ShownTo.NOBODY),
    PageSpec(
        "pages/actions.py", "actions", "nav.actions", ":material/task_alt:", ShownTo.FORUM_MEMBERS
    ),
    PageSpec(
        "pages/effects.py", "effects", "nav.effects", ":material/monitoring:", ShownTo.SIGNED_IN
    ),
    PageSpec("pages/effect.py", "effect", "nav.effect", ":material/insights:", ShownTo.NOBODY),
    PageSpec("pages/signin.py", "signin", "nav.signin", ":material/login:", ShownTo.SIGNED_OUT),
    PageSpec(
        "pages/structure_admin.py",
        "structure_admin",
        "nav.structure_admin",
        ":material/edit:",
        ShownTo.ADMINISTRATORS,
    ),
    PageSpec("pages/users.py", "users", "nav.users", ":material/group:", ShownTo.ADMINISTRATORS),
    PageSpec("pages/audit.py", "audit", "nav.audit", ":material/policy:", ShownTo.ADMINISTRATORS),
    PageSpec(
        "pages/accessibility.py", "accessibility", "nav.accessibility", ":material/accessibility:"
    ),
    PageSpec("pages/not_found.py", "not_found", "nav.not_found", ":material/help:", ShownTo.NOBODY),
)
NOT_FOUND = "pages/not_found.py"
"""The page any address the app does not know answers with, in the user's language."""
