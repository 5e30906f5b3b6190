"""Hostile text for the tests that check user text stays text: strings that would become an
image, a link, a heading, a table, colour, HTML, reordered text or a lost character if the app
passed them on as Markdown or HTML, and a database holding them in every field."""

from sqlmodel import select

from models import Forum, clock, make_engine, unit_of_work
from models.vocabulary import IssueKind, Priority, Sharing
from services.accounts.users import create_local_user
from services.issues.use_cases import (
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
        create_local_user(
            s,
            by=trusted_actor(),
            username="hostile",
            display_name=HOSTILE[0],
            password="ett långt lösenord 2026",
        )
        s.commit()
    for text in HOSTILE:
        name = one_line(text)[:150]
        with unit_of_work(engine) as s:
            issue = raise_issue(
                s,
                by=trusted_actor(ANNA),
                data=IssueInput(
                    title=one_line(text)[:200],
                    description=text,
                    kind=IssueKind.CHALLENGE,
                    forum="vm-individ-vard",
                    organisations=("fk-vastmanland",),
                    evidence=(EvidenceInput(text, text, 3),),
                    desired_outcome=text,
                ),
            )
            ref = issue.reference
            comment_issue(s, reference=ref, text=text, by=trusted_actor(name))
            edit_issue(
                s,
                reference=ref,
                by=trusted_actor(name),
                expected_version=issue.version,
                data=IssueEdit(
                    one_line(text)[:199] + "!", text, Priority.HIGH, Sharing.FORUMS_ONLY, text
                ),
            )
            escalate_issue(
                s,
                reference=ref,
                target="vm-fm-kommitte",
                reason=text,
                by=trusted_actor(name),
                expected_version=issue.version,
            )
            resolve_issue(
                s,
                reference=ref,
                outcome=text,
                by=trusted_actor(name),
                expected_version=issue.version,
            )
            s.commit()
            references.append(ref)
    engine.dispose()
    return references


def hostile_effect(url: str) -> int:
    """An effect with a hostile string in every field, its indicator, values, review and
    history, recorded by a person whose name is hostile too; returns the effect's id."""
    from datetime import date

    from models.vocabulary import Cadence, Direction, EffectStatus
    from services.effects.effects import EffectInput, IndicatorInput, add_indicator, create_effect
    from services.effects.measurements import record_measurement
    from services.effects.reviews import record_review

    engine = make_engine(url)
    by = trusted_actor(HOSTILE[5])
    today = clock.today()
    with unit_of_work(engine) as s:
        effect = create_effect(
            s,
            by=by,
            data=EffectInput(
                HOSTILE[0],
                "strategisk-samverkan",
                "fk",
                Cadence.YEARLY,
                "\n".join(HOSTILE),
                HOSTILE[1],
            ),
        )
        indicator = add_indicator(
            s,
            effect_id=effect.id,
            by=by,
            data=IndicatorInput(
                HOSTILE[4],
                Direction.HIGHER,
                HOSTILE[2],
                "<b>st</b>",
                1,
                date(2024, 12, 31),
                9,
                date(2027, 12, 31),
                HOSTILE[3],
                "fk",
            ),
        )
        for n, text in enumerate(HOSTILE):
            record_measurement(
                s,
                indicator_id=indicator.id,
                measured_on=date(2025, 1, n + 1),
                value=n + 2,
                by=by,
                today=today,
                comment=text,
                source=text,
            )
        record_review(
            s,
            effect_id=effect.id,
            assessment=EffectStatus.AT_RISK,
            comment="\n".join(HOSTILE),
            by=by,
            today=today,
            expected_version=effect.version,
        )
        s.commit()
        effect_id = effect.id
    engine.dispose()
    return effect_id
