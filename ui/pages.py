"""Every page of the app, registered once: app.py builds the navigation from this, tests run it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """A page. Its url_path must equal its file's stem: with a pages/ folder, Streamlit resolves
    a deep link against the file names before st.navigation runs, and a mismatch shows
    "Page not found" on the first load after a server start."""

    path: str
    url_path: str
    title_key: str
    icon: str
    default: bool = False


PAGES = (
    PageSpec("pages/start.py", "start", "nav.start", ":material/home:", default=True),
    PageSpec("pages/structure.py", "structure", "nav.structure", ":material/account_tree:"),
    PageSpec("pages/inbox.py", "inbox", "nav.inbox", ":material/inbox:"),
    PageSpec("pages/issues.py", "issues", "nav.issues", ":material/list_alt:"),
    PageSpec("pages/issue_new.py", "issue_new", "nav.issue_new", ":material/add_circle:"),
    PageSpec("pages/issue.py", "issue", "nav.issue", ":material/description:"),
    PageSpec("pages/meetings.py", "meetings", "nav.meetings", ":material/event:"),
    PageSpec("pages/meeting.py", "meeting", "nav.meeting", ":material/event_note:"),
    PageSpec("pages/actions.py", "actions", "nav.actions", ":material/task_alt:"),
    PageSpec("pages/signin.py", "signin", "nav.signin", ":material/login:"),
    PageSpec("pages/structure_admin.py", "structure_admin", "nav.structure_admin",
             ":material/edit:"),
    PageSpec("pages/users.py", "users", "nav.users", ":material/group:"),
    PageSpec("pages/audit.py", "audit", "nav.audit", ":material/policy:"),
)
