"""Benchmark: the escalation engine's questions on the national graph, and rebuilding the
graph after a structure change.

    .venv/bin/python -m bench.escalation_queries

Targets (issue 19, 2-core machine): each question <= 100 µs (median over every local forum
as the source, so deep and shallow ones both count); the graph rebuilt from the database after
a structure change <= 0.5 s (the pages then share it until the next change).
"""

import statistics
import tempfile
import time
from collections.abc import Callable

import networkx as nx

from bench.national_structure import national_structure
from escalation import (
    delegation_targets,
    escalation_path,
    feedback_path,
    feeders,
    forum,
    forums_above,
    is_skip,
    next_steps,
    prepared_by,
    right_level,
)
from models import make_engine, unit_of_work
from models.migrate import upgrade
from models.vocabulary import ForumLevel
from services.structure.read import structure_graph
from services.structure.sync import load_structure

QUESTION_TARGET_US = 100.0
REBUILD_TARGET_S = 0.5


def questions(G: nx.MultiDiGraph, key: str) -> dict[str, Callable[[], object]]:
    top = escalation_path(G, key)[-1]
    members = sorted(forum(G, key).members)[:2]
    return {
        "next steps": lambda: next_steps(G, key),
        "way to the top": lambda: escalation_path(G, key),
        "forums above": lambda: forums_above(G, key),
        "right level": lambda: right_level(G, key, members),
        "is a skip": lambda: is_skip(G, key, top),
        "feedback path": lambda: feedback_path(G, key, top),
        "feeders": lambda: feeders(G, top),
        "delegation targets": lambda: delegation_targets(G, top),
        "prepared by": lambda: prepared_by(G, top),
    }


def median_us(fn: Callable[[], object], repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> int:
    engine = make_engine(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_structure(session, national_structure())
        session.commit()
    rebuilds = []
    for _ in range(5):
        with unit_of_work(engine) as session:
            start = time.perf_counter()
            G = structure_graph(session)
            rebuilds.append(time.perf_counter() - start)
    rebuild = statistics.median(rebuilds)
    local = [k for k in G if forum(G, k).level is ForumLevel.LOCAL]
    print(f"{G.number_of_nodes()} forums, {G.number_of_edges()} links; {len(local)} local sources")
    failed = rebuild > REBUILD_TARGET_S
    print(f"{'graph rebuilt':20} {rebuild * 1000:9.1f} ms  {'OVER' if failed else 'ok'}")
    per_question: dict[str, list[float]] = {}
    for key in local:
        for name, fn in questions(G, key).items():
            per_question.setdefault(name, []).append(median_us(fn))
    for name, times in per_question.items():
        us = statistics.median(times)
        over = us > QUESTION_TARGET_US
        failed |= over
        print(
            f"{name:20} {us:9.1f} µs  (worst source {max(times):8.1f} µs)  "
            f"{'OVER' if over else 'ok'}"
        )
    engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
