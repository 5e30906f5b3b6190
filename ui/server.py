"""Start the app: `python -m ui.server [streamlit options]` is `streamlit run app.py` in the
app's own navigation from the very first request.

With a pages/ folder beside app.py, Streamlit starts in its old multipage mode: the first
request after a server start is resolved against the file names before app.py runs, so an
address the app does not know answers with Streamlit's English "Page not found" and a deep
link runs its page without the sign-in and the menu. Switching that mode off before the server
starts leaves every request to app.py's st.navigation (ui.shell.require_app remains the guard
for a server started the plain way).
"""

import os

# One BLAS thread, set before numpy loads: a server answers many sessions at once, and
# OpenBLAS's threads, spinning after a matrix product, took the cores the similarity model's
# own threads compute on (embedding a query took 110 ms instead of 45).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
from collections.abc import Callable
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.web import cli

APP = (Path(__file__).resolve().parents[1] / "app").with_suffix(".py")


def app_navigation_only(init: Callable[..., None]) -> Callable[..., None]:
    """PagesManager's `init` that leaves the old mode each time: Streamlit's AppTest makes a
    new PagesManager, in that mode, for every run (the page tests and bench.pages use it)."""

    def leave_old_mode(self: PagesManager, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    return leave_old_mode


class ServerScriptCache(ScriptCache):
    """The app's scripts compiled once per process, as a server's runtime keeps them: AppTest
    makes a new cache for every run, so each run compiled app.py and its page again (some
    5-15 ms a run that no server pays, and the page tests' and bench.pages' runs paid it).
    Scripts outside the app (AppTest.from_function's) are compiled afresh each time."""

    def get_bytecode(self, script_path: str) -> object:
        if not Path(script_path).resolve().is_relative_to(APP.parent):
            return ScriptCache().get_bytecode(script_path)
        return super().get_bytecode(script_path)


_compiled = ServerScriptCache()


def warm_server_patches() -> list[tuple[object, str, object]]:
    """(object, attribute, value) that make every AppTest run as on a warm server: through
    app.py's navigation and with the scripts compiled once (for monkeypatch.setattr, or set)."""
    from streamlit.testing.v1 import app_test, local_script_runner

    return [
        (PagesManager, "__init__", app_navigation_only(PagesManager.__init__)),
        (app_test, "ScriptCache", lambda: _compiled),
        (local_script_runner, "ScriptCache", lambda: _compiled),
    ]


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
