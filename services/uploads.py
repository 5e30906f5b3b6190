"""What a file someone uploads must be before anything reads it: small enough, and text in
UTF-8. Checked on the server whatever the browser let through; the refusal names the problem
(its size, or the encoding it seems to be in) so the user can fix the file."""

from dataclasses import dataclass, field

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""2 MB: the whole national structure is about 40 kB, a year of measurements less."""
SERVER_LIMIT_MB = 5
"""Streamlit's own `server.maxUploadSize` (.streamlit/config.toml) stops anything larger
before it reaches the app; keep the two in step."""


@dataclass
class UploadRefusedError(Exception):
    code: str
    """too_large, empty or wrong_encoding"""
    params: dict[str, str] = field(default_factory=dict)


def check_size(data: bytes, *, limit: int = MAX_UPLOAD_BYTES) -> None:
    """UploadRefusedError naming the size and the limit, for a file too large to read."""
    if len(data) > limit:
        raise UploadRefusedError("too_large", {"size": _megabytes(len(data)),
                                               "limit": _megabytes(limit)})


def upload_text(data: bytes, *, limit: int = MAX_UPLOAD_BYTES) -> str:
    """The file's text, or UploadRefusedError."""
    check_size(data, limit=limit)
    if not data.strip():
        raise UploadRefusedError("empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRefusedError("wrong_encoding", {"encoding": "UTF-16", "position": "1"})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise UploadRefusedError("wrong_encoding", {
            "encoding": _likely_encoding(data), "position": str(bad.start + 1)}) from None


def _likely_encoding(data: bytes) -> str:
    """Swedish files that are not UTF-8 are almost always saved as Windows-1252 ("ANSI") or
    Latin-1 by older tools; say so, so the user knows what to convert from."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "okänd / unknown"
    return "Windows-1252 / Latin-1"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")
