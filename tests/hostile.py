"""Hostile text for the tests that check user text stays text: strings that would become an
image, a link, a heading, a table, colour, HTML, reordered text or a lost character if the app
passed them on as Markdown or HTML, and a database holding them in every field."""

from sqlmodel import select

from models import Forum, make_engine, unit_of_work
from models.vocabulary import IssueKind, Priority, Sharing
from services.accounts.users import create_local_user
from services.issues.actions import (
    EvidenceInput,
    IssueEdit,
    IssueInput,
    comment_issue,
    edit_issue,
    escalate_issue,
    raise_issue,
    resolve_issue,
)
from services.permissions import trusted_actor
from services.structure.read import bump_revision

ANNA = "Anna Andersson, samverkansansvarig FK Västmanland (demo)"
HOSTILE = [
    "![spårpixel](https://evil.example/pixel.png?who=läsaren)",
    "[Klicka här](https://evil.example/login) eller www.evil.example",
    "# Rubrik som tar över sidan",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    ":red[Röd varning] :material/warning: :smile:",
    "<img src=x onerror=alert(1)><script>alert(2)</script><b>fet</b>",
    "Ord" + "x" * 150,
    "Vanlig text \u202etxet nävgnå",
    "Med NUL\x00tecken",
    "$x^2$ och **fet** och `kod` och e-post anna@example.se",
]
FORUM_NAME = "Forum ![x](https://evil.example/f.png) <b>fet</b> :red[röd]"
def one_line(text: str) -> str:
    return " ".join(text.split())


def raise_hostile_issues(url: str) -> list[str]:
    """One issue per hostile string, with it in every field, moved, commented, edited and
    resolved by a person whose name is that string too."""
    engine = make_engine(url)
    references = []
    with unit_of_work(engine) as s:
        forum = s.exec(select(Forum).where(Forum.key == "vm-individ-vard")).one()
        forum.name, forum.purpose = FORUM_NAME, "\n".join(HOSTILE)
        s.add(forum)
        bump_revision(s)
        create_local_user(s, by=trusted_actor(), username="hostile", display_name=HOSTILE[0],
                          password="ett långt lösenord 2026")
        s.commit()
    for text in HOSTILE:
        name = one_line(text)[:150]
        with unit_of_work(engine) as s:
            issue = raise_issue(s, by=trusted_actor(ANNA), data=IssueInput(
                title=one_line(text)[:200], description=text, kind=IssueKind.CHALLENGE,
                forum="vm-individ-vard", organisations=("fk-vastmanland",),
                evidence=(EvidenceInput(text, text, 3),), desired_outcome=text))
            ref = issue.reference
            comment_issue(s, reference=ref, text=text, by=trusted_actor(name))
            edit_issue(s, reference=ref, by=trusted_actor(name), expected_version=issue.version,
                       data=IssueEdit(one_line(text)[:199] + "!", text, Priority.HIGH,
                                      Sharing.FORUMS_ONLY, text))
            escalate_issue(s, reference=ref, target="vm-fm-kommitte", reason=text,
                           by=trusted_actor(name), expected_version=issue.version)
            resolve_issue(s, reference=ref, outcome=text, by=trusted_actor(name),
                          expected_version=issue.version)
            s.commit()
            references.append(ref)
    engine.dispose()
    return references
