"""The house rules of STYLE.md, checked on the code itself: dependencies point inward."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.mark.parametrize("path", _modules(*APP_CODE), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_application_module_imports_the_seed_package(path):
    assert not [m for m, _ in _imports(path) if m == "seed" or m.startswith("seed.")]


@pytest.mark.parametrize("path", _modules("services", "escalation", "models", "exports"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_no_streamlit_and_no_page(path):
    modules = [m for m, _ in _imports(path)]
    assert not [m for m in modules if m.split(".")[0] in ("streamlit", "ui", "pages")]


@pytest.mark.parametrize("path", _modules("services", "ui", "pages", "escalation", "models"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_another_modules_private_names(path):
    private = [f"{m}.{n}" for m, names in _imports(path) for n in names
               if n.startswith("_") and m.split(".")[0] in APP_CODE + ("services",)]
    assert private == []


def test_services_has_one_folder_per_capability_and_only_cross_cutting_rules_beside_them():
    services = ROOT / "services"
    loose = sorted(p.name for p in services.glob("*.py") if p.name != "__init__.py")
    folders = sorted(p.name for p in services.iterdir()
                     if p.is_dir() and (p / "__init__.py").exists())
    assert loose == ["numbers.py", "permissions.py", "personal_data.py", "uploads.py"]
    assert {"structure", "issues", "accounts"} <= set(folders)


@pytest.mark.parametrize("path", _modules("pages"), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_first_makes_sure_app_py_runs_it(path):
    """A deep link as a server's first request runs the page file alone: whatever the page
    draws before require_app() is drawn outside the app (and once left the menu out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first = next(n for n in tree.body if not isinstance(n, ast.Import | ast.ImportFrom | ast.Expr)
                 or (isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)))
    assert ast.unparse(first) == "require_app()"
