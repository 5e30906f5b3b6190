"""The page benchmark runs (bench.pages), at a smoke size: its numbers are read by people, in
its report, never asserted here; this keeps the benchmark itself from rotting."""

from bench import pages


def test_the_page_benchmark_times_every_page_for_every_role(tmp_path):
    demo = tmp_path / "demo.db"
    pages.make_demo(demo)
    national = pages.make_national(demo, tmp_path / "national.db", 300, 2)
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
