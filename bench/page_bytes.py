"""Benchmark: what a rerun sends to the browser, per page, at national scale.

    .venv/bin/python -m bench.page_bytes --db PATH [--user NAME ...]

Opens each page in Debian's Chromium against an app server on the given SQLite database (make
one with `python -m bench.pages --keep DIR`), signed in as each account, reruns it (Streamlit's
"r" key) and adds up the websocket frames that rerun brings. Target (issue 19): <= 100 kB per
rerun. Needs /usr/bin/chromium (the browser tests' browser).
"""

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.pages import PAGES, WHO_SEES
from models.backup import backup
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, app_server, sign_in, wait_idle

TARGET_KB = 100.0
ACCOUNTS = {"leader": "david", "officer": "anna", "chair": "helena", "admin": "admin"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    backup(f"sqlite:///{args.db}", folder / "e2e.db")  # a consistent copy, -wal and all
    failed = 0
    with app_server(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        print(f"{'page':10} {'as':8} {'kB per rerun':>12}")
        for role, username in ACCOUNTS.items():
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            received: list[int] = []
            page.on(
                "websocket",
                lambda ws, got=received: ws.on(
                    "framereceived", lambda frame, got=got: got.append(len(frame))
                ),
            )
            sign_in(page, base, username)
            for name, (path, params) in PAGES.items():
                if name in WHO_SEES and role not in WHO_SEES[name]:
                    continue
                query = "&".join(f"{k}={v}" for k, v in params.items())
                page.goto(f"{base}/{Path(path).stem}" + (f"?{query}" if query else ""))
                wait_idle(page, timeout_ms=60_000)
                page.wait_for_timeout(500)
                received.clear()
                page.locator("body").press("r")  # Streamlit's rerun key
                wait_idle(page, timeout_ms=60_000)
                page.wait_for_timeout(500)
                kb = sum(received) / 1024
                over = kb > TARGET_KB
                failed += over
                print(f"{name:10} {role:8} {kb:12.1f}  {'OVER' if over else 'ok'}")
            context.close()
        browser.close()
    shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
