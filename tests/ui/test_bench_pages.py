"""The page benchmark runs (bench.pages), at a smoke size, on SQLite and on PostgreSQL: its
numbers are read by people, in its report, never asserted here; this keeps the benchmark itself
from rotting."""

import argparse

import pytest

from bench import pages
from tests.conftest import fresh_schema, postgres_url


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request):
    """On SQLite as `python -m bench.pages` makes them (in a folder of its own, removed
    afterwards); on PostgreSQL in two fresh schemas, not the command's fixed ones."""
    if request.param == "sqlite":
        smoke = argparse.Namespace(db=None, keep=None, issues=300, events_per_issue=2)
        with pages.the_databases(smoke) as urls:
            yield urls
        return
    with fresh_schema() as demo, fresh_schema() as national:
        urls = pages.in_schema(postgres_url(), demo), pages.in_schema(postgres_url(), national)
        pages.make_demo(urls[0])
        pages.make_national(urls[0], urls[1], 300, 2)
        yield urls


def test_the_page_benchmark_times_every_page_for_every_role(two_databases):
    demo, national = two_databases
    pages.run_as_a_warm_server()
    times = pages.page_times(demo, national, runs=1)
    wanted = {
        (page, role)
        for page in pages.PAGES
        for role in pages.ACCOUNTS
        if page not in pages.WHO_SEES or role in pages.WHO_SEES[page]
    }
    assert set(times) == wanted
    assert all(ms > 0 for row in times.values() for ms in row)
