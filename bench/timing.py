"""The benchmarks' one timer: best of a few runs, so a passing hiccup does not count."""

import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result
