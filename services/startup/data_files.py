"""Where the shipped data files are, read as specs.

The files live in seed/data/ beside the loader command that people run; this module reads them
by path, so services never import the seed package.
"""

from pathlib import Path

from services.structure.file_format import StructureSpec, parse_structure

DATA = Path(__file__).resolve().parents[2] / "seed" / "data"
STRUCTURE_FILE = DATA / "structure.yaml"
DEMO_FILE = DATA / "demo.yaml"
DEMO_ISSUES = DATA / "demo_issues.yaml"
DEMO_USERS = DATA / "demo_users.yaml"
DEMO_MEETINGS = DATA / "demo_meetings.yaml"
EFFECTS_FILE = DATA / "effects.yaml"
DEMO_EFFECTS = DATA / "demo_effects.yaml"


def read_spec(path: Path) -> StructureSpec:
    return parse_structure(path.read_text(encoding="utf-8"))


def shipped_spec() -> StructureSpec:
    return read_spec(STRUCTURE_FILE)


def demo_spec() -> StructureSpec:
    return read_spec(DEMO_FILE)
