"""Keep the README, CI and page registry true to what the code does."""

import re
from pathlib import Path

from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_names_the_two_commands_and_they_exist_in_the_makefile():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in ("make run", "make test"):
        assert command in readme
        assert re.search(rf"^{command.split()[1]}:", makefile, re.M)


def test_ci_runs_exactly_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.startswith((" ", "\t", "#"))
    ]
    assert commands[-1] == "make test"


def test_the_required_top_level_exists():
    for name in (
        "app.py",
        "pages",
        "models",
        "escalation",
        "seed",
        "tests",
        "pyproject.toml",
        "README.md",
    ):
        assert (ROOT / name).exists(), name


def test_every_page_file_is_registered_and_every_registered_page_exists():
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}
    assert files == {p.path for p in PAGES}


def test_url_paths_equal_file_stems_and_are_unique():
    """See PageSpec: a deep link must match a file name in pages/."""
    for page in PAGES:
        assert page.url_path == Path(page.path).stem
    assert len({p.url_path for p in PAGES}) == len(PAGES)


def test_every_page_first_makes_sure_the_app_runs_it():
    for page in PAGES:
        text = (ROOT / page.path).read_text(encoding="utf-8")
        assert "\nrequire_app()\n" in text, page.path


def test_pages_hold_no_sql_and_no_table_classes():
    for page in PAGES:
        text = (ROOT / page.path).read_text(encoding="utf-8")
        assert not re.search(r"\bselect\(", text), page.path
        assert "table=True" not in text and "import networkx" not in text, page.path
