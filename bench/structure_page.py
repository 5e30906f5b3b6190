"""Benchmark: what the structure page does on every run, at national scale.

    .venv/bin/python -m bench.structure_page [--db URL]

Targets (per call, on the project's 2-core machine): building and validating the graph
< 1.0 s (done once per structure revision, then cached); the picture's layout of every forum
< 1.0 s; a filtered picture < 0.3 s; the SQL filter < 0.1 s; a forum's card < 0.1 s.
"""

import argparse
import tempfile
import time

from bench.national_structure import national_structure
from bench.timing import timed
from escalation import build_graph, validate_structure
from models import make_engine, unit_of_work
from models.migrate import upgrade
from services.structure.read import structure_values
from services.structure.sync import load_structure
from services.structure.view import ForumFilter, forum_card, visible_forums
from ui.structure.figure import figure

TARGETS = {
    "graph": 1.0,
    "layout_all": 1.0,
    "layout_region": 0.3,
    "filter_sql": 0.1,
    "forum_card": 0.1,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    spec = national_structure()
    with unit_of_work(engine) as session:
        start = time.perf_counter()
        load_structure(session, spec)
        session.commit()
        print(f"load {len(spec.forums)} forums: {time.perf_counter() - start:.2f} s (once)")

    results = {}
    with unit_of_work(engine) as session:

        def graph() -> object:
            structure = structure_values(session)
            assert validate_structure(structure) == []
            return build_graph(structure)

        results["graph"], G = timed(graph)
        every = set(G)
        results["layout_all"], _ = timed(lambda: figure(G, every, text=str, legend=LEGEND))
        region = ForumFilter(region="region-skane")
        results["filter_sql"], keys = timed(lambda: visible_forums(session, G, region))
        results["layout_region"], _ = timed(
            lambda: figure(G, keys, text=str, legend=LEGEND, names=str)
        )
        results["forum_card"], _ = timed(lambda: forum_card(session, G, "vm-individ-vard"))
    failed = False
    for name, seconds in results.items():
        ok = seconds <= TARGETS[name]
        failed |= not ok
        print(
            f"{name:14} {seconds * 1000:8.1f} ms   target {TARGETS[name] * 1000:6.0f} ms  "
            f"{'ok' if ok else 'OVER'}"
        )
    print(f"{len(G)} forums, {G.number_of_edges()} links, {len(keys)} in the filtered picture")
    return 1 if failed else 0


LEGEND = {
    k: k
    for k in (
        "escalation",
        "delegation",
        "preparation",
        "local",
        "regional",
        "national",
        "outward",
        "represented",
        "other",
    )
}

if __name__ == "__main__":
    raise SystemExit(main())
