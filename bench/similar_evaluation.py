"""The Swedish evaluation set for similar issues (tests/data/similar_issues_sv.yaml), loaded into
a database, and the measures the targets are set in: MRR and top-3 recall. The tests and the
benchmark (`bench.similar_issues`) both use it."""

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import Engine
from sqlmodel import select

from models import Issue, unit_of_work
from models.vocabulary import IssueKind
from services.issues.similar import ranked
from services.issues.similar_vectors import embed_missing
from services.issues.use_cases import IssueInput, raise_issue
from services.permissions import Actor, trusted_actor
from services.startup.data_files import demo_spec, shipped_spec
from services.structure.sync import load_structure

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "similar_issues_sv.yaml"
FORUMS = (
    "vm-individ-vard",
    "vm-individ-af",
    "demo-skane-strategisk",
    "demo-orebro-vardcentraler",
    "vm-fm-kommitte",
    "demo-malmo-samverkan",
    "samverkansgrupp-fm",
)
"""Members of a group (consecutive cases) are raised in different forums and regions, as the
same problem is."""


@dataclass(frozen=True)
class Case:
    group: str
    title: str
    description: str
    forum: str
    reference: str = ""


def cases() -> list[Case]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out = []
    for group, members in data["groups"].items():
        out += [Case(group, m["title"], m["description"], "") for m in members]
    for n, m in enumerate(data["near_misses"]):
        out.append(Case(f"near-miss-{n}", m["title"], m["description"], ""))
    return out


def load_cases(
    engine: Engine, *, structure: bool = True, forums: tuple[str, ...] = FORUMS
) -> list[Case]:
    """Every case as an issue, with its vector; first the shipped structure and the demo
    regions, unless `structure` is False (a benchmark's database has its own)."""
    loaded = []
    with unit_of_work(engine) as s:
        if structure:
            load_structure(s, shipped_spec())
            load_structure(s, demo_spec(), demo=True)
        for n, case in enumerate(cases()):
            case = Case(case.group, case.title, case.description, forums[n % len(forums)])
            issue = raise_issue(
                s,
                by=trusted_actor("Utvärdering"),
                data=IssueInput(
                    title=case.title,
                    description=case.description,
                    kind=IssueKind.CHALLENGE,
                    forum=case.forum,
                ),
            )
            s.flush()
            loaded.append(
                Case(case.group, case.title, case.description, case.forum, issue.reference)
            )
        s.commit()
    embed_missing(engine)
    return loaded


@dataclass(frozen=True)
class Measures:
    mrr: float
    recall_at_3: float
    queries: int


def evaluate(
    engine: Engine, loaded: list[Case], *, with_description: bool, by: Actor | None = None
) -> Measures:
    """Each case with a paraphrase in the set asks for similar issues (itself left out); the
    rank of the first issue of its own group counts."""
    group_of = {c.reference: c.group for c in loaded}
    reciprocal, hits, asked = 0.0, 0, 0
    with unit_of_work(engine) as s:
        for case in loaded:
            if case.group.startswith("near-miss"):
                continue
            order = ranked(
                s,
                title=case.title,
                description=case.description if with_description else "",
                by=by or trusted_actor(),
                exclude=case.reference,
            )
            rank = next(
                (n for n, (ref, _score) in enumerate(order, 1) if group_of.get(ref) == case.group),
                None,
            )
            asked += 1
            reciprocal += 1 / rank if rank else 0.0
            hits += bool(rank and rank <= 3)
    return Measures(reciprocal / asked, hits / asked, asked)


def reference_of(engine: Engine, title: str) -> str:
    with unit_of_work(engine) as s:
        return s.exec(select(Issue.reference).where(Issue.title == title)).one()
