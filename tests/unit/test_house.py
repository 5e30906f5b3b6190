"""The house rules of STYLE.md, checked on the code itself: dependencies point inward."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CAPABILITIES = ["accounts", "effects", "issues", "meetings", "structure"]
UI_SHARED = [
    "db",
    "drafts",
    "editable_table",
    "faults",
    "figures",
    "i18n",
    "menu",
    "navigation",
    "number_field",
    "opened",
    "paging",
    "refusals",
    "server",
    "shell",
    "text",
    "transaction",
    "widget_keys",
]
APP_CODE = ("app.py", "pages", "ui", "services", "escalation", "models", "exports", "bench")


def _modules(*parts: str) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        path = ROOT / part
        out += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return out


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every `from module import names` and `import module`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
    return found


def test_the_import_contracts_hold():
    """pyproject.toml's [tool.importlinter]: the layers, no Streamlit in the core, no seed in
    the application (its report names any import that breaks one)."""
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_app_py_imports_only_widgets_and_use_cases():
    """app.py is a module, which import-linter cannot take as a root: checked here."""
    tops = {m.split(".")[0] for m, _ in _imports(ROOT / "app.py")}
    assert tops & {"seed", "models", "pages"} == set()


@pytest.mark.parametrize(
    "path",
    _modules("services", "ui", "pages", "escalation", "models"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_module_imports_another_modules_private_names(path):
    private = [
        f"{m}.{n}"
        for m, names in _imports(path)
        for n in names
        if n.startswith("_") and m.split(".")[0] in APP_CODE + ("services",)
    ]
    assert private == []


def test_services_has_one_folder_per_capability_and_only_cross_cutting_rules_beside_them():
    services = ROOT / "services"
    loose = sorted(p.name for p in services.glob("*.py") if p.name != "__init__.py")
    folders = sorted(
        p.name for p in services.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    )
    assert loose == ["numbers.py", "paging.py", "permissions.py", "personal_data.py", "uploads.py"]
    assert folders == sorted([*CAPABILITIES, "startup"])


def test_ui_has_a_folder_per_capability_and_only_shared_widgets_beside_them():
    """A capability's widgets live in ui/<capability>/, as its use cases in services/."""
    ui = ROOT / "ui"
    folders = sorted(p.name for p in ui.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    loose = sorted(p.stem for p in ui.glob("*.py") if p.name != "__init__.py")
    assert folders == CAPABILITIES
    assert loose == UI_SHARED


@pytest.mark.parametrize("path", _modules("pages"), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_first_makes_sure_app_py_runs_it(path):
    """A deep link as a server's first request runs the page file alone: whatever the page
    draws before require_app() is drawn outside the app (and once left the menu out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first = next(
        n
        for n in tree.body
        if not isinstance(n, ast.Import | ast.ImportFrom | ast.Expr)
        or (isinstance(n, ast.Expr) and isinstance(n.value, ast.Call))
    )
    assert ast.unparse(first) == "require_app()"


SQL_BUILDERS = {"select", "update", "insert", "delete", "text", "func", "and_", "or_"}


@pytest.mark.parametrize(
    "path", _modules("app.py", "pages", "ui"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_page_or_widget_writes_sql(path):
    """Queries live in the use cases, where the rules and the audit see them; a page or
    widget only holds a session to pass on."""
    sql = [
        f"{module}.{name}"
        for module, names in _imports(path)
        if module.split(".")[0] in ("sqlalchemy", "sqlmodel")
        for name in names
        if name in SQL_BUILDERS
    ]
    assert sql == []


@pytest.mark.parametrize("path", _modules("pages"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_holds_a_bare_value_that_streamlit_would_write_on_it(path):
    """Streamlit's "magic" writes a page's bare expressions, a string meant as a comment
    too: two such strings once stood at the top of the inbox."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = [
        ast.unparse(node)[:60]
        for node in tree.body
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call)
    ]
    assert bare == []
