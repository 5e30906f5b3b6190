"""The page benchmark runs (bench.pages), at a smoke size, on SQLite and on PostgreSQL: its
numbers are read by people, in its report, never asserted here; this keeps the benchmark itself
from rotting."""

import pytest

from bench import pages
from tests.conftest import fresh_schema, postgres_url


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'demo.db'}", f"sqlite:///{tmp_path / 'national.db'}"
        return
    with fresh_schema() as demo, fresh_schema() as national:
        yield pages.in_schema(postgres_url(), demo), pages.in_schema(postgres_url(), national)


def test_the_page_benchmark_times_every_page_for_every_role(two_databases):
    demo, national = two_databases
    pages.make_demo(demo)
    pages.make_national(demo, national, 300, 2)
    pages.run_as_a_warm_server()
    times = pages.page_times(national, runs=1)
    wanted = {
        (page, role)
        for page in pages.PAGES
        for role in pages.ACCOUNTS
        if page not in pages.WHO_SEES or role in pages.WHO_SEES[page]
    }
    assert set(times) == wanted
    assert all(ms > 0 for ms in times.values())
