"""The issue vectors of one process, read from the database and kept in step with it.

Every app server keeps its own copy (38 MB at 100,000 issues: one signed byte per dimension),
and before each search reads only the rows newer than the newest it holds, one index look-up
when nothing changed. A re-embedded issue overwrites its own row in place, so memory grows
with the number of issues, never with the number of edits.
"""

import threading

import numpy as np
from sqlmodel import Session, select

from models import IssueVector
from services.issues.text_vectors import DIMENSIONS, MODEL_NAME

BLOCK = 8192
"""Rows scored at a time: a block widened to float32 is 12 MB, whatever the number of issues."""
READ_BATCH = 5000


class VectorIndex:
    def __init__(self, model: str = MODEL_NAME) -> None:
        self.model = model
        self._codes = np.zeros((0, DIMENSIONS), dtype=np.int8)
        self._scales = np.zeros(0, dtype=np.float32)
        self._issue_ids = np.zeros(0, dtype=np.int64)
        self._row_of: dict[int, int] = {}
        self._size = 0
        self._last_id = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        return self._codes.nbytes + self._scales.nbytes + self._issue_ids.nbytes

    def refresh(self, session: Session) -> int:
        """Read the vectors stored since the last refresh; returns how many were read."""
        read = 0
        with self._lock:
            while True:
                rows = session.exec(
                    select(
                        IssueVector.id, IssueVector.issue_id, IssueVector.vector, IssueVector.scale
                    )
                    .where(IssueVector.id > self._last_id, IssueVector.model == self.model)
                    .order_by(IssueVector.id)
                    .limit(READ_BATCH)
                ).all()
                if not rows:
                    return read
                self._add(rows)
                read += len(rows)
                self._last_id = rows[-1][0]

    def _add(self, rows: list) -> None:
        fresh = [r for r in rows if r[1] not in self._row_of]
        need = self._size + len(fresh)
        if need > len(self._codes):
            capacity = max(need, int(len(self._codes) * 1.5) + 1024)
            self._codes = _grown(self._codes, capacity)
            self._scales = _grown(self._scales, capacity)
            self._issue_ids = _grown(self._issue_ids, capacity)
        for _id, issue_id, vector, scale in rows:
            row = self._row_of.get(issue_id)
            if row is None:
                row = self._row_of[issue_id] = self._size
                self._size += 1
            self._codes[row] = np.frombuffer(vector, dtype=np.int8)
            self._scales[row] = scale
            self._issue_ids[row] = issue_id

    def nearest(
        self, query: np.ndarray, k: int, among: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The `k` issues whose vectors are closest to `query` (cosine), best first; only
        those whose ids are in `among`, if given."""
        with self._lock:
            n = self._size
            if not n:
                return []
            scores = np.empty(n, dtype=np.float32)
            q = query.astype(np.float32)
            for start in range(0, n, BLOCK):
                block = self._codes[start : min(n, start + BLOCK)].astype(np.float32)
                scores[start : start + len(block)] = block @ q
            scores *= self._scales[:n]
            if among is not None:
                scores[~np.isin(self._issue_ids[:n], among)] = -np.inf
                k = min(k, int(np.isfinite(scores).sum()))
                if k <= 0:
                    return []
            k = min(k, n)
            best = np.argpartition(-scores, k - 1)[:k]
            best = best[np.argsort(-scores[best])]
            return [(int(self._issue_ids[i]), float(scores[i])) for i in best]


def _grown(array: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown


_shared: dict[str, VectorIndex] = {}
_shared_lock = threading.Lock()


def shared_index(database: str, model: str = MODEL_NAME) -> VectorIndex:
    """The process's index for one database (tests and benchmarks open several)."""
    with _shared_lock:
        return _shared.setdefault(f"{database}|{model}", VectorIndex(model))
