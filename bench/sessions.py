"""Benchmark: one app server's memory and many people clicking at once, at national scale.

    .venv/bin/python -m bench.sessions --db PATH [--sessions 30] [--clicks 8]

Starts an app server on a copy of the given SQLite database (make one with
`python -m bench.pages --keep DIR`) and a bare Streamlit server (a page that writes one empty
line), and opens them in Debian's Chromium:
- memory: the app server's resident memory with one signed-in session, against the bare
  server's with one session; then with --sessions signed-in sessions, per session more;
- clicks: each session goes back and forth between two pages by the menu (the issue list and
  the start page), reading each for 1-5 s as a person does, first one session alone, then all
  of them at once; a click is settled when the page it opened has drawn its heading and its
  script has stopped running.
Targets (issue 19): app memory <= 3.5x bare Streamlit, <= 1 MB more per signed-in session;
with 30 sessions at once the 95th percentile click-to-settled time <= 3x one session alone in
the same run, and no error. Needs /usr/bin/chromium (the browser tests' browser).
"""

import argparse
import asyncio
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import Page, async_playwright

from models.backup import backup
from services.startup.demo_users import demo_password
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    _free_port,
    app_process,
    wait_healthy,
)

MAX_X_BARE = 3.5
MAX_MB_PER_SESSION = 1.0
MAX_X_ALONE = 3.0
USERS = ["david", "anna", "helena", "bertil", "cecilia", "gustav", "ingrid", "johan"]
STEPS = [("Samverkansfrågor", "Samverkansfrågor"), ("Start", "Samverkansnavet")]
"""(menu entry, the heading its page draws): the two pages every session goes between."""
THINK_S = (1.0, 5.0)
"""Seconds a person reads a page before the next click: drawn evenly from this range."""
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


async def settle(page: Page, heading: str | None = None, timeout_ms: int = 120_000) -> None:
    await page.wait_for_timeout(150)
    if heading:
        await page.get_by_role("heading", name=heading).first.wait_for(timeout=timeout_ms)
    await page.wait_for_selector(SETTLED, timeout=timeout_ms)


async def sign_in(page: Page, base: str, username: str) -> None:
    await page.goto(f"{base}/signin")
    await page.get_by_role("textbox", name="Användarnamn").wait_for(timeout=120_000)
    await settle(page)
    await page.get_by_role("textbox", name="Användarnamn").fill(username)
    await page.get_by_role("textbox", name="Lösenord").fill(demo_password())
    await page.get_by_role("button", name="Logga in").click()
    await page.get_by_text("Inloggad som").first.wait_for(timeout=120_000)
    await settle(page)


async def clicks(page: Page, n: int, errors: list[str], think: random.Random) -> list[float]:
    """`n` menu clicks between the two pages, each after reading the last for 1-5 s (as a
    person does; `think` draws how long); seconds from each click to its page settled."""
    times = []
    for i in range(n):
        entry, heading = STEPS[i % 2]
        await page.wait_for_timeout(think.uniform(*THINK_S) * 1000)
        start = time.perf_counter()
        await page.locator(".st-key-menu").get_by_text(entry, exact=True).click()
        await settle(page, heading)
        times.append(time.perf_counter() - start)
        if await page.locator("[data-testid='stException']").count():
            errors.append(f"an exception on {entry}")
        if await page.get_by_text("Connection error").count():
            errors.append("Connection error")
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def bare_server(folder: Path) -> tuple[str, subprocess.Popen]:
    script = folder / "bare.py"
    script.write_text('import streamlit as st\n\nst.write("")\n')
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
        + ["--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=folder,
        stdout=(folder / "bare.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_healthy(f"{base}/_stcore/health", proc, folder / "bare.log", seconds=60)
    return base, proc


async def embedded(database: Path, quiet_s: int = 3) -> None:
    """Until the server has stored no new issue vector for `quiet_s` seconds (a minute at most):
    its start embeds the newest issues without one, some 10 s of one core."""
    seen, quiet = -1, 0
    for _ in range(60):
        with sqlite3.connect(database) as conn:
            count = conn.execute("SELECT count(*) FROM issue_vector").fetchone()[0]
        quiet = quiet + 1 if count == seen else 0
        if quiet >= quiet_s:
            return
        seen = count
        await asyncio.sleep(1)


async def measure(
    base: str, app_pid: int, bare: str, bare_pid: int, database: Path, args: argparse.Namespace
) -> int:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)

        async def new_page() -> Page:
            context = await browser.new_context(viewport={"width": 1400, "height": 1000})
            return await context.new_page()

        first = await new_page()
        await first.goto(bare)
        await settle(first)
        await first.wait_for_timeout(2000)
        bare_mb = rss_mb(bare_pid)
        await first.context.close()

        pages = [await new_page() for _ in range(args.sessions)]
        await sign_in(pages[0], base, USERS[0])
        await embedded(database)  # the server's start embeds the newest issues: not timed
        errors: list[str] = []
        await clicks(pages[0], 4, errors, random.Random(0))  # warm: the server's caches and imports
        await pages[0].wait_for_timeout(2000)
        one_mb = rss_mb(app_pid)
        alone = await clicks(pages[0], args.clicks * 2, errors, random.Random(1))

        for i, page in enumerate(pages[1:], start=1):
            await sign_in(page, base, USERS[i % len(USERS)])
        await pages[0].wait_for_timeout(3000)
        all_mb = rss_mb(app_pid)
        started = time.perf_counter()
        together = await asyncio.gather(
            *(clicks(page, args.clicks, errors, random.Random(i)) for i, page in enumerate(pages))
        )
        rate = args.sessions * args.clicks / (time.perf_counter() - started)
        at_once = [t for times in together for t in times]
        await browser.close()

    per_session = (all_mb - one_mb) / max(args.sessions - 1, 1)
    rows = [
        (
            "memory, one session",
            f"{one_mb:.0f} MB",
            f"{one_mb / bare_mb:.2f}x bare",
            MAX_X_BARE,
            one_mb / bare_mb,
        ),
        (
            f"memory, {args.sessions} sessions",
            f"{all_mb:.0f} MB",
            f"{per_session:.2f} MB each",
            MAX_MB_PER_SESSION,
            per_session,
        ),
        ("click p95, alone", f"{p95(alone) * 1000:.0f} ms", "", None, 0),
        (
            f"click p95, {args.sessions} at once",
            f"{p95(at_once) * 1000:.0f} ms",
            f"{p95(at_once) / p95(alone):.2f}x alone",
            MAX_X_ALONE,
            p95(at_once) / p95(alone),
        ),
    ]
    print(
        f"\nbare Streamlit with one session: {bare_mb:.0f} MB; {rate:.1f} clicks a second at once"
    )
    failed = 0
    for name, value, ratio, limit, measured in rows:
        ok = limit is None or measured <= limit
        failed += not ok
        verdict = "" if limit is None else ("ok" if ok else "OVER")
        print(f"{name:28} {value:>9} {ratio:>16}  {verdict}")
    print(f"errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    return 1 if failed or errors else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--clicks", type=int, default=8, help="per session, at once")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    folder = Path(tempfile.mkdtemp())
    backup(f"sqlite:///{args.db}", folder / "e2e.db")  # a consistent copy, -wal and all
    bare, bare_proc = bare_server(folder)
    try:
        with app_process(folder) as (base, proc):
            return asyncio.run(
                measure(base, proc.pid, bare, bare_proc.pid, folder / "e2e.db", args)
            )
    finally:
        bare_proc.terminate()
        bare_proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
