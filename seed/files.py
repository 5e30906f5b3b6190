"""Where the shipped data files are, read as specs."""

from pathlib import Path

from seed.structure_file import StructureSpec, parse_structure

DATA = Path(__file__).resolve().parent / "data"
STRUCTURE_FILE = DATA / "structure.yaml"
DEMO_FILE = DATA / "demo.yaml"


def read_spec(path: Path) -> StructureSpec:
    return parse_structure(path.read_text(encoding="utf-8"))


def shipped_spec() -> StructureSpec:
    return read_spec(STRUCTURE_FILE)


def demo_spec() -> StructureSpec:
    return read_spec(DEMO_FILE)
