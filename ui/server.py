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
from streamlit.web import cli

APP = (Path(__file__).resolve().parents[1] / "app").with_suffix(".py")


def app_navigation_only(init: Callable[..., None]) -> Callable[..., None]:
    """PagesManager's `init` that leaves the old mode each time: Streamlit's AppTest makes a
    new PagesManager, in that mode, for every run (the page tests and bench.pages use it)."""

    def leave_old_mode(self: PagesManager, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    return leave_old_mode


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
